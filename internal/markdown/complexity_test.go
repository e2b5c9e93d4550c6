package markdown

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/explainer/explainer/bench/cputime"
)

// fragments are what adversarial documents are built from: the
// delimiters, brackets, link references, backticks, HTML, emphasis runs,
// quotes and container markers that goldmark's parsers treat specially,
// with some text, blanks and newlines between them.
var fragments = []string{
	"*", "_", "**", "__", "~", "~~", "*a_ ", "a**b", "c* ", "*a", "a*", "_a", "a_", "~a_",
	"[", "]", "](", "[a](b", "![a](", "[a]", "[a][", "[a][b]", "[ ", "][", "[a]: /x\n", "[^1]", "[^1]: x\n", "[^",
	"`", "``", "```", "`a", "``a`",
	"<", ">", "<a ", "<b>", "</a>", "<!--", "-->", "<![CDATA[", "<?", "<http://a", "<a@b.c>",
	"\"", "'", "\"a", "a'", "--", "...", "<<", ">>",
	"!", "\\", "&", "&amp;", "(", ")", "((", "))", ":", "|", "| a |", "|---|", "#",
	"http://x.org", "www.x.org", "a@b.c",
	"a", "word ", " ", "\t", "\n", "\n\n", "    ", "> ", "- ", "1. ",
}

// heavy are the fragments behind goldmark's quadratic paths (see Work).
var heavy = []string{
	"*a_ ", "~a_", "c* ", "_a", "[a](b", "![a](", "\"", "'", "[a]: /x\n", "``a`", "[", "[a][", "][", "<!--", "- - - - - - - - ",
}

// randomDoc builds a document of up to max bytes (max itself half the
// time): a pattern of fragments repeated, as attacks are, with a random
// fragment in its place now and then. Half the documents repeat one or
// two heavy fragments with a random one every 64 patterns (the attacks
// that took goldmark seconds to minutes are of this shape); the others
// mix one to four of any fragments with a random one every 8.
func randomDoc(r *rand.Rand, max int) []byte {
	size := max
	if r.IntN(2) == 0 {
		size = 1 + r.IntN(max)
	}
	from, n, every := fragments, 1+r.IntN(4), 8
	if r.IntN(2) == 0 {
		from, n, every = heavy, 1+r.IntN(2), 64
	}
	pattern := make([]string, n)
	for i := range pattern {
		pattern[i] = from[r.IntN(len(from))]
	}
	var b strings.Builder
	b.Grow(size + 64)
	for b.Len() < size {
		if r.IntN(every) == 0 {
			b.WriteString(fragments[r.IntN(len(fragments))])
			continue
		}
		for _, f := range pattern {
			b.WriteString(f)
		}
	}
	return []byte(b.String()[:size])
}

// deadline bounds one document's check and parse in TestBoundedParse.
// The budget is about a second of CPU time on the idle development
// machine; the deadline is ten times that because test machines are
// shared and noisy (and five times more under -race, which slows goldmark
// several times over). It still catches what matters: a quadratic path
// Work does not charge takes minutes on 200 KB, not seconds.
func deadline() time.Duration {
	if raceEnabled {
		return 50 * time.Second
	}
	return 10 * time.Second
}

// TestBoundedParse: documents up to 200 KB, each of the heavy fragments
// repeated to 200 KB and random documents built from adversarial
// fragments, are each refused (by TooDeep or Work, in linear time) or
// parsed and rendered, within the deadline. Deterministic: the seeds are
// fixed; a failure names the document to replay. Without Work, "*a_ "
// repeated takes goldmark 20 s and more.
func TestBoundedParse(t *testing.T) {
	n := 40
	if raceEnabled || testing.Short() {
		n = 8
	}
	type doc struct {
		name string
		src  []byte
	}
	var docs []doc
	for _, h := range heavy {
		docs = append(docs, doc{fmt.Sprintf("%q repeated", h), []byte(strings.Repeat(h, (200<<10)/len(h)))})
	}
	for seed := range uint64(n) {
		docs = append(docs, doc{fmt.Sprintf("random seed %d", seed), randomDoc(rand.New(rand.NewPCG(12, seed)), 200<<10)})
	}
	e := New()
	accepted, refused := 0, 0
	for _, d := range docs {
		start := time.Now()
		_, deep := TooDeep(d.src)
		_, over := Work(d.src)
		if deep || over {
			refused++
		} else {
			accepted++
			e.Parse(d.src)
		}
		if took := time.Since(start); took > deadline() {
			t.Errorf("%s: %d bytes took %v (refused: %v)", d.name, len(d.src), took, deep || over)
		}
	}
	// The property means something only if documents get parsed.
	if accepted < n/4 {
		t.Errorf("%d accepted, %d refused of %d: the generator no longer exercises the parser", accepted, refused, len(docs))
	}
	t.Logf("%d accepted, %d refused", accepted, refused)
}

// TestWorkRefusesKnownAttacks: the inputs that made goldmark run for
// seconds to minutes are refused, at an offset inside them, in linear
// time; the same constructs in reasonable numbers are accepted.
func TestWorkRefusesKnownAttacks(t *testing.T) {
	var refs strings.Builder
	for i := range 100000 {
		refs.WriteString("[r" + strings.Repeat("x", i%7) + "]: /x\n")
	}
	tests := []struct {
		name string
		src  string
		over bool
	}{
		{"*a_ × 50,000 (20 s in goldmark)", strings.Repeat("*a_ ", 50000), true},
		{"a**b c* × 50,000 (9 s)", "a**b" + strings.Repeat("c* ", 50000), true},
		{"[a](b × 30,000 (5 s)", strings.Repeat("[a](b", 30000), true},
		{"100,000 link reference definitions (14 s)", refs.String(), true},
		{"a run of 100,000 quotes", strings.Repeat(`"`, 100000), true},
		{"a million unclosed brackets", strings.Repeat("[", 1000000), true},
		{"4,000 lines of 64-deep lists", strings.Repeat(strings.Repeat("- ", 64)+"x\n", 4000), true},
		{"prose with emphasis, one 45 KB paragraph", strings.Repeat("Some *emphasis*, a [link](x.md) and \"quotes\".\n", 1000), false},
		{"prose with emphasis, one paragraph a line", strings.Repeat("Some *emphasis*, a [link](x.md) and \"quotes\".\n\n", 10000), false},
		{"1,000 link reference definitions", strings.Repeat("[a]: /x\n", 1000), false},
		{"1,000 lines of 64-deep lists", strings.Repeat(strings.Repeat("- ", 64)+"x\n", 1000), false},
		{"5 MB of prose with a link a line", strings.Repeat("Words to fill a long brief, with a [link](actors/russia.md) now and then.\n", 65000), false},
		{"10 MB of prose with a link a line", strings.Repeat("Words to fill a long brief, with a [link](actors/russia.md) now and then.\n", 130000), true},
		{"5 MB line of words", strings.Repeat("word ", 1<<20), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off, over := Work([]byte(tt.src))
			if over != tt.over {
				w, _, _ := measure([]byte(tt.src), math.MaxInt)
				t.Fatalf("refused %v, want %v (work %d of %d)", over, tt.over, w, MaxWork)
			}
			if over && (off < 0 || off >= len(tt.src)) {
				t.Errorf("offset %d outside the %d-byte source", off, len(tt.src))
			}
		})
	}
}

// TestWorkOfRealBriefs: every brief of the repository costs under a
// hundredth of the budget, so the limit is nowhere near real writing.
func TestWorkOfRealBriefs(t *testing.T) {
	files, _ := filepath.Glob("../../content/*/*.md")
	more, _ := filepath.Glob("../../content/*.md")
	files = append(files, more...)
	if len(files) < 40 {
		t.Fatalf("found %d briefs", len(files))
	}
	most := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, _, _ := measure(src, math.MaxInt)
		most = max(most, w)
	}
	if most > MaxWork/100 {
		t.Errorf("the costliest brief costs %d, over a hundredth of MaxWork (%d)", most, MaxWork)
	}
	t.Logf("costliest brief: %d (%.4f of MaxWork)", most, float64(most)/MaxWork)
}

// BenchmarkWork: Work's own cost on a megabyte of each heavy pattern
// (most are refused part way); it must stay a small fraction of parsing.
func BenchmarkWork(b *testing.B) {
	for _, p := range heavy {
		src := []byte(strings.Repeat(p, (1<<20)/len(p)))
		b.Run(fmt.Sprintf("%.12q", p), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				Work(src)
			}
		})
	}
}

// BenchmarkWorstAccepted parses, for each of goldmark's quadratic paths,
// the largest document of that pattern Work accepts: the slowest briefs
// explainer will load. cpu-ns/op is the CPU time per parse, steadier than
// wall time on a shared machine. Run with
// go test -run '^$' -bench WorstAccepted -benchtime 3x ./internal/markdown/
func BenchmarkWorstAccepted(b *testing.B) {
	patterns := append([]string{
		"a**bc* ", "[a]: /x\n_a\"", ":a[^1]    ", strings.Repeat("- ", 64) + "x\n", "\n!", "](\n\n<b>a@b.c\n\n",
		"Words to fill a long brief, with a [link](actors/russia.md) now and then.\n",
	}, heavy...)
	e := New()
	for _, p := range patterns {
		src := largestAccepted(p)
		b.Run(fmt.Sprintf("%.12q", p), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			cputime.Report(b, func() {
				for b.Loop() {
					e.Parse(src)
				}
			})
		})
	}
}

// largestAccepted returns the most repetitions of p that Work accepts
// (up to 8 MB), found by bisection.
func largestAccepted(p string) []byte {
	ok := func(n int) bool { _, over := Work([]byte(strings.Repeat(p, n))); return !over }
	lo, hi := 1, (8<<20)/len(p)
	if ok(hi) {
		return []byte(strings.Repeat(p, hi))
	}
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; ok(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return []byte(strings.Repeat(p, lo))
}
