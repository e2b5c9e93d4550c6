// Package render turns a resolved content.Site into HTML with the
// html/template layouts of layouts/.
//
// Layouts are one base (layouts/base.html, which defines the document and
// calls the "main" template), partials (layouts/partials/*.html, shared by
// every page) and one file per page kind (home, actor, demand, topic, page,
// section, 404 and the generated views) that defines "main". Templates are
// named by their path, so an html/template error already says
// "layouts/demand.html:12:5"; Templates.Load turns those into diagnostics.
//
// Languages: the layouts are parsed once, unexecuted, and each language
// gets a clone whose T, TJSON, date, plural and number speak it (lang.go;
// ForLang), with its own fragment cache. A language's i18n strings are
// part of its set's Sum, so an edit of i18n/uk.toml re-renders the
// Ukrainian pages and no others. LoadLangs reports every literal T key a
// declared language lacks, at the call (keys.go).
//
// Templates receive a *View and walk typed pointers (.Demand.Actor.Title);
// there are no lookup functions by id. Rendering is safe for concurrent use
// once the Templates are loaded.
//
// Speed: html/template runs every action through escaper calls made by
// reflection, so layouts reach Page fields through the embedded field
// (.Demand.Page.Title, not the promoted .Demand.Title, which text/template
// resolves by an allocating search on every evaluation), and a fragment
// repeated across pages is written as {{fragment "name" pointer}}: it runs
// once per Templates, that is once per build, for each pointer, and must
// stand where its own output is HTML text, so that the bytes are those of
// {{template "name" pointer}}.
package render
