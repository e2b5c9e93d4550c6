package diag

import "sort"

// Lines maps byte offsets in one file to line and column, like esbuild's
// LineColumnTracker. Build it once per file; lookups are O(log lines).
type Lines struct {
	file   string
	starts []int // byte offset at which each line begins
}

// NewLines indexes src, which is the full text of file.
func NewLines(file string, src []byte) *Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{file: file, starts: starts}
}

// Pos returns the position of byte offset off.
func (l *Lines) Pos(off int) Pos {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return Pos{File: l.file, Line: i + 1, Col: off - l.starts[i] + 1}
}

// At returns the position of line and column (both 1-based) as given.
func (l *Lines) At(line, col int) Pos { return Pos{File: l.file, Line: line, Col: col} }

// File is the path the index was built for.
func (l *Lines) File() string { return l.file }
