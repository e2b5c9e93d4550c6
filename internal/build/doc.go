// Package build runs the pipeline: Load (content), Render (render), Check
// (linkcheck: every internal link and #fragment of the output) and Emit
// (disk); the generated files come from package generate.
//
// kinds.go is the one table of output kinds (a brief's page, a section's
// list, a whole-site page, a generated file) with the view type each
// layout receives. engine.go is the one rebuild engine: every good build
// leaves an immutable snapshot, and a rebuild is a plan from the previous
// snapshot and the changed files. Which pages an edit can change comes
// from the layouts themselves (package deps), never from a table; a
// two-phase rebuild (RebuildPages, then Finish) publishes the briefs'
// pages before the whole-site pages and files, so serve can reload the
// edited page sooner.
//
// Invariants:
//   - Build never touches the disk except through its fs.FS; only Emit
//     writes.
//   - Emit writes nothing unless the build had zero diagnostics, and swaps
//     the new tree into place atomically: the previous output is either
//     left byte-identical or replaced whole.
//   - The same input gives a byte-identical Output, and after any sequence
//     of Rebuilds the Output is byte-identical to a fresh Build's, for any
//     layouts (property_test.go: random layouts, random edits of every
//     kind); so is the Output of a Finish, and a first phase's Output
//     differs from it only in the whole-site pages and files, which are
//     the previous Output's (phases_test.go).
//   - A Site, an Output and a snapshot never change once returned.
package build
