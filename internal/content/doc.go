// Package content loads a site's briefs into a typed, resolved graph.
//
// It is the first stage of the pipeline: Load reads content/ from an fs.FS,
// splits and decodes each file's frontmatter (keeping the line and column of
// every key and value), parses its Markdown body once, then resolves every
// reference between pages — a demand's actor and topic, its conflicts and
// alignments, an event's actors and demands (listed back on each), relative
// .md links and their #anchors — into typed pointers. It also checks what
// only one file can: a demand's status against its own sources, and each
// body citation ([@N]) against the brief's numbered sources.
// Templates walk those pointers and never look anything up by string.
//
// Invariants:
//   - Every mistake is a diag.Diagnostic with a position; Load keeps going
//     past a broken page and reports all of them. A Site returned with
//     diagnostics is incomplete and must not be rendered.
//   - Load only reads from its fs.FS: tests pass a testing/fstest.MapFS.
//   - Output order is deterministic: every list is sorted by weight, then
//     title, then id.
//   - A Loader caches each file's parse by path and content, so a rebuild
//     re-parses only the files that changed; resolving is redone in full.
package content
