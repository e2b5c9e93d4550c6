package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestTooDeep(t *testing.T) {
	tests := []struct {
		name string
		src  string
		off  int // -1: within the limit
	}{
		{"prose", "Some text.\n\n- a\n  - b\n    - c\n", -1},
		{"64 nested lists", strings.Repeat("- ", 64) + "x\n", -1},
		{"65 nested lists", strings.Repeat("- ", 65) + "x\n", 128},
		{"128 quotes", strings.Repeat(">", 128) + "x\n", -1},
		{"129 quotes on line 2", "a\n" + strings.Repeat(">", 129) + "x\n", 2 + 128},
		{"ordered markers", strings.Repeat("1. ", 42) + "x\n", -1},
		{"ordered markers too wide", strings.Repeat("10. ", 33) + "x\n", 128},
		{"tabs count to the next stop", strings.Repeat("\t", 32) + "x\n", -1},
		{"33 tabs", strings.Repeat("\t", 33) + "x\n", 32},
		{"indentation by list", "- a\n" + strings.Repeat(" ", 200) + "- b\n", 4 + 128},
		{"dashes without space are text", strings.Repeat("-", 1000) + "\n", -1},
		{"emphasis is text", strings.Repeat("*", 1000) + "a\n", -1},
		{"no final newline", strings.Repeat("> ", 100), 128},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off, deep := TooDeep([]byte(tt.src))
			got := -1
			if deep {
				got = off
			}
			if got != tt.off {
				t.Errorf("TooDeep = %d, want %d", got, tt.off)
			}
		})
	}
}

// TestManyEqualHeadings is the regression test for quadratic id
// generation: 300,000 "a\n=\n" headings took minutes.
func TestManyEqualHeadings(t *testing.T) {
	const n = 50000
	src := strings.Repeat("# Same\n", n) + "# Same-3\n"
	d := New().Parse([]byte(src))
	if len(d.Headings) != n+1 {
		t.Fatalf("%d headings, want %d", len(d.Headings), n+1)
	}
	seen := map[string]bool{}
	for i, h := range d.Headings[:n] {
		want := "same"
		if i > 0 {
			want = fmt.Sprintf("same-%d", i)
		}
		if h.ID != want {
			t.Fatalf("heading %d has id %q, want %q", i, h.ID, want)
		}
		seen[h.ID] = true
	}
	if last := d.Headings[n].ID; seen[last] || last != "same-3-1" {
		t.Errorf("last id %q, want the unused same-3-1", last)
	}
}
