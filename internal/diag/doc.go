// Package diag carries user-facing problems with their source positions.
//
// Every stage of the pipeline (content, markdown, render, build) adds to one
// List and keeps going, so a run reports every mistake at once, the way a
// compiler does. Positions are 1-based lines and 1-based columns counted in
// characters (Unicode code points), as editors count them, with paths
// relative to the site root. System failures (a disk that is full) are plain
// Go errors, not diagnostics.
package diag
