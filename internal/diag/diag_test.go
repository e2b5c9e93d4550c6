package diag

import "testing"

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
