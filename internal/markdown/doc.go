// Package markdown parses brief bodies with goldmark and renders them to HTML.
//
// Parsing happens once per file, at load time, because validation needs what
// only the syntax tree knows: every heading id (the targets of #anchors) and
// every link destination with its byte offset (so a broken link is reported
// at its line and column). The tree is kept and rendered later, after the
// content package has resolved each relative .md link and set its final URL
// with Link.SetDest.
//
// Rendering is safe by default: raw HTML is never passed through, and links
// or images whose scheme can run code or smuggle content (javascript:,
// vbscript:, file:, data:) are reported and replaced by their text at parse
// time, so they can never be emitted as live links.
package markdown
