package generate

import (
	"strings"
	"unicode"
)

// Terms splits text into search terms as the search page's script does
// (static/search.js, tokenize and processTerm; a browser test checks that
// the two agree): a word is a run of letters, digits, combining marks and
// apostrophes, so a Ukrainian word with an apostrophe ("п’ять") is never
// split; a term is lower-cased by Unicode rules, with ё folded to е and
// the apostrophes ’ (U+2019), ʼ (U+02BC) and ' made one, and without
// apostrophes at its ends (quotation marks).
func Terms(text string) []string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !inWord(r) })
	out := make([]string, 0, len(words))
	for _, w := range words {
		if t := foldTerm(w); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || isApostrophe(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02BC' }

// foldTerm is one word as a term.
func foldTerm(w string) string {
	w = strings.Map(func(r rune) rune {
		switch {
		case isApostrophe(r):
			return '\''
		case r == 'ё' || r == 'Ё':
			return 'е'
		}
		return unicode.ToLower(r)
	}, w)
	return strings.Trim(w, "'")
}
