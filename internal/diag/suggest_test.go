package diag

import (
	"strings"
	"testing"
)

func TestClosestLongStrings(t *testing.T) {
	ids := []string{"russia", "ukraine", "united-states", "europe"}
	long := strings.Repeat("russia", 1<<18)
	tests := []struct {
		name, s string
		cands   []string
		want    string
	}{
		{"typo", "rusia", ids, "russia"},
		{"too far", "china", ids, ""},
		{"no candidates", "x", nil, ""},
		{"short strings allow less", "ab", []string{"xy"}, ""},
		{"tie goes to the first in order", "ab", []string{"ac", "aa"}, "aa"},
		// A megabyte string is skipped by length, not measured against
		// every candidate (which took seconds per call).
		{"megabyte string", long, ids, ""},
		{"megabyte candidates", "russia", []string{long, "russa"}, "russa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Closest(tt.s, tt.cands); got != tt.want {
				t.Errorf("Closest(%.20q) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}
