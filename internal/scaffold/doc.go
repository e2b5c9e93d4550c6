// Package scaffold holds the new site that explainer init writes: a small,
// fictional example explainer (two actors, two topics, three demands with
// a conflict and an alignment, sources on each), a writer's README, a
// .gitignore and a GitHub Pages workflow. The files live under site/ as
// plain text to review; those whose names end in .tmpl are text/template
// templates, filled in with the site's title and written without the
// suffix.
//
// Invariant, tested: the site it makes passes explainer check and builds.
package scaffold
