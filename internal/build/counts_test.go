package build

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/theme"
)

// countRE finds a count of briefs in prose: a number, in digits or words
// ("24", "nine", "Twenty-four"), then optionally "short", then the noun.
var countRE = regexp.MustCompile(`(?i)\b(\d+|[a-z]+(?:-[a-z]+)?)\s+(?:short\s+)?(demand|brief|topic|actor)s?\b`)

var (
	units = strings.Fields("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
	tens  = strings.Fields("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
)

// numberWord parses "7", "seven" or "twenty-four"; ok is false for any
// other word ("the", "each").
func numberWord(w string) (int, bool) {
	if n, err := strconv.Atoi(w); err == nil {
		return n, true
	}
	w = strings.ToLower(w)
	for i, u := range units {
		if w == u {
			return i, true
		}
	}
	head, tail, compound := strings.Cut(w, "-")
	for i, t := range tens {
		if head != t {
			continue
		}
		if !compound {
			return i * 10, true
		}
		for j, u := range units[1:10] {
			if tail == u {
				return i*10 + j + 1, true
			}
		}
	}
	return 0, false
}

// countClaim is one count a text states: n of kind ("demand", "topic",
// "actor"; a brief counts as a demand).
type countClaim struct {
	n    int
	kind string
}

func countClaims(s string) []countClaim {
	var out []countClaim
	for _, m := range countRE.FindAllStringSubmatch(s, -1) {
		n, ok := numberWord(m[1])
		if !ok {
			continue
		}
		kind := strings.ToLower(m[2])
		if kind == "brief" {
			kind = "demand"
		}
		out = append(out, countClaim{n, kind})
	}
	return out
}

func TestCountClaims(t *testing.T) {
	tests := []struct {
		in   string
		want []countClaim
	}{
		{"Twenty-four short briefs, one for each stated aim", []countClaim{{24, "demand"}}},
		{"a short brief for each of the 24 demands and a page for each of nine topics", []countClaim{{24, "demand"}, {9, "topic"}}},
		{"25 demands in all, each with its own brief, on 9 topics.", []countClaim{{25, "demand"}, {9, "topic"}}},
		{"the four actors and thirty-one Demands", []countClaim{{4, "actor"}, {31, "demand"}}},
		{"a short brief for each demand the parties brought", nil},
		{"each topic; every actor; the briefs", nil},
	}
	for _, tt := range tests {
		if got := countClaims(tt.in); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("countClaims(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestRepositoryCounts checks that every count of briefs the home and
// about pages show, in the layout or in the prose, is the real number, and
// that the home page shows the number of demands: a count written into a
// brief by hand goes stale when a demand is added.
func TestRepositoryCounts(t *testing.T) {
	res := New().Build(theme.Over(os.DirFS("../..")), repoSite(t))
	if res.Diags.HasErrors() {
		t.Fatalf("the repository's site has errors:\n%s", diagText(res))
	}
	site := res.Site
	want := map[string]int{"demand": len(site.Demands), "topic": len(site.Topics), "actor": len(site.Actors)}
	for _, p := range []string{"index.html", "about/index.html"} {
		doc := parseHTML(t, res.Output.Files[p])
		var shown []string
		for _, sel := range []string{"div.body", "p.total"} {
			for _, n := range queryAll(t, doc, sel) {
				shown = append(shown, text(n))
			}
		}
		if len(shown) == 0 {
			t.Fatalf("%s: no body", p)
		}
		for _, c := range countClaims(strings.Join(shown, " ")) {
			if c.n != want[c.kind] {
				t.Errorf("%s says %d %ss; the site has %d", p, c.n, c.kind, want[c.kind])
			}
		}
	}
	home := parseHTML(t, res.Output.Files["index.html"])
	total := queryAll(t, home, "p.total")
	if len(total) != 1 || !strings.HasPrefix(text(total[0]), fmt.Sprintf("%d demands", want["demand"])) {
		t.Errorf("home page: want one p.total starting %q, got %d", fmt.Sprintf("%d demands", want["demand"]), len(total))
	}
}
