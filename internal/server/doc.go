// Package server is serve mode's http.Handler: it serves a built site from
// memory and pushes live reloads to the browser.
//
// It sits after the pipeline: the serve loop hands it each good
// build.Output (Publish) or the diagnostics of a failed build (Fail). The
// handler:
//   - serves only files of the current Output, looked up by path in memory,
//     so nothing outside the built site (no source, no path traversal) can
//     be reached; a missing path gets the site's 404.html with status 404;
//   - injects the live-reload script into text/html responses only, right
//     after the <head> start tag; the Output itself is never modified, so
//     build output never carries it;
//   - streams Server-Sent Events at EventsPath: "reload" with the URLs that
//     changed, "problems" with every diagnostic while the build is broken
//     (the browser overlays them on the last good page, which stays
//     served), and keep-alive comments;
//   - answers only requests whose Host is a loopback name, an IP address
//     or the host served, against DNS rebinding.
//
// Invariants: sends to a client never block (a slow client is dropped);
// Close ends every event stream, so http.Server.Shutdown can finish.
// Publish, Fail and ServeHTTP are safe for concurrent use.
package server
