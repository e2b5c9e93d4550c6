package content

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/explainer/explainer/internal/diag"
)

// The checks in this file find mistakes that leave a brief valid but
// misleading to readers, so they are warnings: a build goes through, and
// check -strict (which this repository's CI runs) fails on them. Each
// depends only on the file's own frontmatter, so it is cached with the
// file's parse like every other diagnostic of the file.

// maxTitle is the longest source title, in characters, that is plausibly
// an article's headline rather than a pasted summary or note.
const maxTitle = 200

// checkTitle warns about a source title that looks like a note instead of
// the article's own headline: too long, with unbalanced brackets or
// quotes, or cut off with an ellipsis.
func (d *decoder) checkTitle(v *yaml.Node, title string) {
	at := d.pos(v)
	if n := utf8.RuneCountInString(title); n > maxTitle {
		d.l.Warnf(at, "source title is %d characters long, more than %d: give the article's own headline", n, maxTitle)
	}
	if msg := unbalanced(title); msg != "" {
		d.l.Warnf(at, "source title has %s", msg)
	}
	t := strings.TrimSpace(title)
	if strings.HasSuffix(t, "…") || strings.HasSuffix(t, "...") {
		d.l.Warnf(at, "source title ends in an ellipsis: give the article's full headline")
	}
}

// pairs maps each closing bracket or quote to its opening one.
var pairs = map[rune]rune{')': '(', ']': '[', '}': '{', '”': '“', '»': '«'}

// unbalanced describes the first bracket or quote of s that is not
// matched, or returns "". Brackets and curly or angle quotes must nest;
// straight double quotes must be even in number. Single quotes are not
// checked: the same characters serve as apostrophes.
func unbalanced(s string) string {
	var open []rune
	straight := 0
	for _, r := range s {
		switch r {
		case '(', '[', '{', '“', '«':
			open = append(open, r)
		case ')', ']', '}', '”', '»':
			if len(open) == 0 || open[len(open)-1] != pairs[r] {
				return fmt.Sprintf("an unmatched %q", r)
			}
			open = open[:len(open)-1]
		case '"':
			straight++
		}
	}
	if len(open) > 0 {
		return fmt.Sprintf("an unclosed %q", open[len(open)-1])
	}
	if straight%2 != 0 {
		return `an unmatched '"'`
	}
	return ""
}

// noteSourceDate remembers the newest source date seen so far, and where.
func (d *decoder) noteSourceDate(v *yaml.Node, date string) {
	start, ok := periodStart(date)
	if !ok || !start.After(d.newest) {
		return
	}
	d.newest, d.newestDate, d.newestPos = start, date, d.pos(v)
}

// checkUpdated warns when the page says it was last updated before the
// newest of its sources was published: the date misleads readers about
// what the page covers. A source dated only by month or year counts from
// the first day of that month or year, so the warning is never a guess.
func (d *decoder) checkUpdated(updated time.Time) {
	if d.updated == nil || updated.IsZero() || d.newestDate == "" || !updated.Before(d.newest) {
		return
	}
	*d.l = append(*d.l, diag.Diagnostic{
		Pos:      d.pos(d.updated),
		Msg:      fmt.Sprintf("updated %s is earlier than the newest source, dated %s", updated.Format("2006-01-02"), d.newestDate),
		Notes:    []diag.Note{{Pos: d.newestPos, Msg: "the newest source's date"}},
		Severity: diag.Warning,
	})
}

// periodStart is the first day of a source date (YYYY, YYYY-MM or
// YYYY-MM-DD).
func periodStart(date string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, date); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
