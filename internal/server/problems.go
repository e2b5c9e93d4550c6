package server

import (
	"bytes"
	"io/fs"
	"strings"

	"github.com/explainer/explainer/internal/diag"
)

// Problem is one diagnostic as the overlay shows it.
type Problem struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	// Pos is the position as printed: "content/x.md:4:9".
	Pos string `json:"pos"`
	Msg string `json:"msg"`
	// Source is the text of the line the position names, if any.
	Source string `json:"source,omitempty"`
	// Caret is the line to print under Source so that its "^" stands
	// under column Col: the characters before the column as blanks, tabs
	// kept as tabs, so the caret lines up however the source is indented.
	// Columns count characters, and so does the caret line.
	Caret string   `json:"caret,omitempty"`
	Notes []string `json:"notes,omitempty"`
}

// caret returns the Caret line for column col (1-based, in characters)
// of src, or "" when col is unknown.
func caret(src string, col int) string {
	if col < 1 {
		return ""
	}
	var b strings.Builder
	n := 1
	for _, r := range src {
		if n == col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	for ; n < col; n++ { // past the end of the line
		b.WriteByte(' ')
	}
	b.WriteByte('^')
	return b.String()
}

// Problems turns the errors of l into overlay entries, reading the line
// each names from fsys (the site root). Each file is read at most once.
// Warnings and infos are left out: they do not stop the build, so the
// overlay, which covers a page that is not being updated, is no place for
// them (serve prints them in the terminal).
func Problems(fsys fs.FS, l diag.List) []Problem {
	lines := map[string][][]byte{}
	out := make([]Problem, 0, len(l))
	for _, d := range l {
		if d.Severity != diag.Error {
			continue
		}
		p := Problem{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Pos: d.Pos.String(), Msg: d.Msg}
		for _, n := range d.Notes {
			p.Notes = append(p.Notes, n.Pos.String()+": "+n.Msg)
		}
		if d.Pos.Line > 0 && fs.ValidPath(d.Pos.File) {
			ls, ok := lines[d.Pos.File]
			if !ok {
				if b, err := fs.ReadFile(fsys, d.Pos.File); err == nil {
					b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
					ls = bytes.Split(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\n"))
				}
				lines[d.Pos.File] = ls
			}
			if d.Pos.Line <= len(ls) {
				p.Source = string(ls[d.Pos.Line-1])
				p.Caret = caret(p.Source, d.Pos.Col)
			}
		}
		out = append(out, p)
	}
	return out
}
