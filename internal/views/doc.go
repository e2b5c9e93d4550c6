// Package views computes the comparison views of a resolved site: the
// pairs of demands that clash or align, the sharpest clashes for the home
// page, the actors × topics positions matrix, each topic's positions side by
// side, and the layout of the conflict map.
//
// It sits between content (which resolves the graph) and render (whose
// layouts draw these views): build calls it once per build and hands the
// results to the templates as typed values. It never looks anything up by
// string and never touches the disk.
//
// Invariants:
//   - Every function is pure and deterministic: the same Site gives the same
//     values in the same order, so the output is byte-identical.
//   - A pair of demands appears once, A before B in the site's demand order,
//     with the why each side's page shows.
//   - Map coordinates are whole numbers or have at most one decimal, and no
//     two node boxes overlap.
package views
