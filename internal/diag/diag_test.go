package diag

import (
	"strings"
	"testing"
)

func TestLinesPos(t *testing.T) {
	l := NewLines("a.md", []byte("ab\ncd\n\nef"))
	tests := []struct {
		off       int
		line, col int
	}{{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1}, {6, 3, 1}, {7, 4, 1}, {8, 4, 2}}
	for _, tt := range tests {
		if got := l.Pos(tt.off); got.Line != tt.line || got.Col != tt.col || got.File != "a.md" {
			t.Errorf("Pos(%d) = %v, want a.md:%d:%d", tt.off, got, tt.line, tt.col)
		}
	}
}

// TestLinesCountsCharacters: columns are code points, whatever the bytes
// before them, and a lookup far into a long line agrees with counting.
func TestLinesCountsCharacters(t *testing.T) {
	src := "---\ntitle: Путин\n---\nПутин сказал [x](../actors/rusia.md)\n日本語 x\n"
	l := NewLines("a.md", []byte(src))
	tests := []struct {
		at        string // the text the offset points at
		line, col int
	}{
		{"Путин\n", 2, 8},
		{"[x]", 4, 14},
		{"../actors", 4, 18},
		{"x\n", 5, 5},
	}
	for _, tt := range tests {
		off := strings.Index(src, tt.at)
		if got := l.Pos(off); got.Line != tt.line || got.Col != tt.col {
			t.Errorf("Pos(%q) = %d:%d, want %d:%d", tt.at, got.Line, got.Col, tt.line, tt.col)
		}
	}
	// Inside a character: that character's column.
	if got := l.Pos(strings.Index(src, "Путин сказал") + 1); got.Col != 1 {
		t.Errorf("offset inside П: column %d, want 1", got.Col)
	}
	// Past checkpoints, on lines that start anywhere, and at the very end.
	long := strings.Repeat("é", 1000) + "\n" + strings.Repeat("ж", 777) + "x"
	l = NewLines("b.md", []byte(long))
	for _, n := range []int{0, 1, 255, 256, 257, 512, 999} {
		if got := l.Pos(2 * n); got.Line != 1 || got.Col != n+1 {
			t.Errorf("line 1, char %d: got %d:%d", n, got.Line, got.Col)
		}
	}
	x := strings.IndexByte(long, 'x')
	if got := l.Pos(x); got.Line != 2 || got.Col != 778 {
		t.Errorf("x: got %d:%d, want 2:778", got.Line, got.Col)
	}
	if got := l.Pos(len(long)); got.Line != 2 || got.Col != 779 {
		t.Errorf("end: got %d:%d, want 2:779", got.Line, got.Col)
	}
	even := NewLines("c.md", []byte(strings.Repeat("ж", stride)))
	if got := even.Pos(2 * stride); got.Col != stride+1 {
		t.Errorf("end of a file a multiple of the stride long: col %d, want %d", got.Col, stride+1)
	}
	if got := l.Offset(2); got != 2001 {
		t.Errorf("Offset(2) = %d, want 2001", got)
	}
}

func TestClosest(t *testing.T) {
	ids := []string{"russia", "ukraine", "united-states", "conflicts_with", "aligned_with"}
	tests := []struct{ in, want string }{
		{"rusia", "russia"},
		{"conflict_with", "conflicts_with"},
		{"ukrain", "ukraine"},
		{"zzzzzz", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.in, ids); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSortAndString(t *testing.T) {
	var l List
	l.Add(Pos{File: "b.md", Line: 2, Col: 1}, "second")
	l.Add(Pos{File: "a.md", Line: 10, Col: 3}, "first", Note{Pos: Pos{File: "b.md", Line: 1}, Msg: "see"})
	l.Add(Pos{File: "b.md", Line: 2, Col: 1}, "second") // duplicate
	l.Add(Pos{File: "b.md"}, "whole file")
	l.Sort()
	want := "a.md:10:3: first\n\tb.md:1: see\nb.md: whole file\nb.md:2:1: second"
	if got := l.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if (List{}).Err() != nil {
		t.Error("empty list is an error")
	}
	if l.Err() == nil {
		t.Error("non-empty list is not an error")
	}
}

func TestSeverity(t *testing.T) {
	at := Pos{File: "c.md", Line: 4, Col: 10}
	tests := []struct {
		name     string
		l        List
		text     string
		summary  string
		errs     bool // HasErrors, and Err() != nil
		strict   bool // Fails(true)
		warnings int
	}{
		{"empty", nil, "", "0 errors", false, false, 0},
		{"one error", List{{Pos: at, Msg: "bad"}}, "c.md:4:10: bad", "1 error", true, true, 0},
		{"one warning", List{{Pos: at, Msg: "stale", Severity: Warning}}, "c.md:4:10: warning: stale", "1 warning", false, true, 1},
		{"one info", List{{Pos: at, Msg: "no translation yet", Severity: Info}}, "c.md:4:10: info: no translation yet", "1 info", false, false, 0},
		{"mixed", List{
			{Pos: at, Msg: "a", Severity: Warning, Notes: []Note{{Pos: Pos{File: "c.md", Line: 9, Col: 11}, Msg: "here"}}},
			{Pos: at, Msg: "b"},
			{Pos: at, Msg: "c", Severity: Warning},
			{Pos: at, Msg: "d", Severity: Info},
		}, "c.md:4:10: warning: a\n\tc.md:9:11: here\nc.md:4:10: b\nc.md:4:10: warning: c\nc.md:4:10: info: d",
			"1 error, 2 warnings, 1 info", true, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Error(); got != tt.text {
				t.Errorf("Error() = %q, want %q", got, tt.text)
			}
			if got := tt.l.Summary(); got != tt.summary {
				t.Errorf("Summary() = %q, want %q", got, tt.summary)
			}
			if got := tt.l.HasErrors(); got != tt.errs {
				t.Errorf("HasErrors() = %v, want %v", got, tt.errs)
			}
			if got := tt.l.Err() != nil; got != tt.errs {
				t.Errorf("Err() != nil is %v, want %v", got, tt.errs)
			}
			if got := tt.l.Fails(true); got != tt.strict {
				t.Errorf("Fails(true) = %v, want %v", got, tt.strict)
			}
			if got := len(tt.l.Only(Warning)); got != tt.warnings || got != tt.l.Count(Warning) {
				t.Errorf("Only(Warning) has %d, Count %d, want %d", got, tt.l.Count(Warning), tt.warnings)
			}
		})
	}
}

func TestWarnfInfof(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "a.md", Line: 1, Col: 2}, "%d old", 3)
	l.Infof(Pos{File: "a.md"}, "note %s", "x")
	l.Addf(Pos{File: "a.md", Line: 2}, "err")
	want := "a.md:1:2: warning: 3 old\na.md: info: note x\na.md:2: err"
	if got := l.Error(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if s := Severity(7).String(); s != "severity(7)" {
		t.Errorf("Severity(7) = %q", s)
	}
}
