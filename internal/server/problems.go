package server

import (
	"bytes"
	"io/fs"

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
	Source string   `json:"source,omitempty"`
	Notes  []string `json:"notes,omitempty"`
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
			}
		}
		out = append(out, p)
	}
	return out
}
