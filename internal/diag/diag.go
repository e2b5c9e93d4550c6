package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// characters (Unicode code points), as editors and GitHub annotations do,
// never bytes: make positions from byte offsets with Lines.Pos. A zero
// Line means the whole file; a zero Col, the whole line.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as path:line:col, omitting what is unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Before orders positions by file, line and column.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Note is a secondary location attached to a Diagnostic, such as the other
// side of a conflicting relation.
type Note struct {
	Pos Pos
	Msg string
}

// Diagnostic is one problem in the user's input.
type Diagnostic struct {
	Pos   Pos
	Msg   string
	Notes []Note
	// Severity is Error unless set: only errors stop a build.
	Severity Severity
}

// String formats d as "path:line:col: msg" for an error and
// "path:line:col: warning: msg" (or "info: msg") otherwise, with each note
// on its own indented line.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	if d.Severity != Error {
		b.WriteString(d.Severity.String())
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	for _, n := range d.Notes {
		b.WriteString("\n\t")
		b.WriteString(n.Pos.String())
		b.WriteString(": ")
		b.WriteString(n.Msg)
	}
	return b.String()
}

// List collects diagnostics. The zero value is ready to use. A List is not
// safe for concurrent use: give each worker its own and Merge them.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos Pos, msg string, notes ...Note) {
	*l = append(*l, Diagnostic{Pos: pos, Msg: msg, Notes: notes})
}

// Addf appends a diagnostic with a formatted message.
func (l *List) Addf(pos Pos, format string, args ...any) {
	l.Add(pos, fmt.Sprintf(format, args...))
}

// Merge appends every diagnostic of m.
func (l *List) Merge(m List) { *l = append(*l, m...) }

// Sort orders the list by position, then message, and drops exact
// duplicates, so output is deterministic whatever order workers finished in.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Pos != s[j].Pos {
			return s[i].Pos.Before(s[j].Pos)
		}
		return s[i].Msg < s[j].Msg
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && d.Pos == s[i-1].Pos && d.Msg == s[i-1].Msg {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// Err returns the list as an error, or nil when it holds no error (an
// empty list, or only warnings and infos).
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

// Error prints one diagnostic a line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}
