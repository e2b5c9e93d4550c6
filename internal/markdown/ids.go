package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids generates heading ids that are stable (the same text always gives the
// same id) and unique within a page: lower-cased letters and digits, words
// joined by single hyphens, "-1", "-2", ... for repeats. Footnote ids
// (fn:N, fnref:N) cannot collide because they contain a colon.
type ids struct {
	used map[string]bool
	// next is the suffix to try first for a base, so a page with n equal
	// headings takes O(n) work, not O(n²).
	next map[string]int
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

// Slug turns heading text into the base of an id.
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_' || unicode.IsSpace(r):
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	id := base
	for i := max(s.next[base], 1); s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
