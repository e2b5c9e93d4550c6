package generate

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// TermCase is one case of testdata/terms.json, which the browser test of
// static/search.js (package build) runs through the script's tokenizer
// too, so that the two agree.
type TermCase struct {
	In   string   `json:"in"`
	Want []string `json:"want"`
}

func TestTerms(t *testing.T) {
	b, err := os.ReadFile("testdata/terms.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []TermCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if got := Terms(c.In); !slices.Equal(got, c.Want) {
			t.Errorf("Terms(%q) = %q, want %q", c.In, got, c.Want)
		}
	}
}
