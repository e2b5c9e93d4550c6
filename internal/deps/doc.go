// Package deps finds what a page can show, from its layouts, so that serve
// re-renders exactly the pages an edit can change.
//
// Analyse walks a kind's templates (text/template/parse trees) with the Go
// type of the view the kind receives and returns a trie of typed access
// paths: fields, range elements, variables, template and fragment calls,
// pipelines, builtins and declared methods. Eval walks those paths over a
// page's concrete view with reflection (no template runs) and returns the
// (entity, field) pairs the page can read; an entity is the site, a page,
// or a struct embedding the page (an actor, a demand). A Hasher hashes
// every entity's fields, and Changed compares two builds' hashes: a page
// is re-rendered when its reads touch the changes.
//
// What the analysis cannot follow makes it fall back (Analysis.All: the
// page can read anything), never read less: see docs/layouts.md.
package deps
