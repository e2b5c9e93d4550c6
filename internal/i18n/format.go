package i18n

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"

	"github.com/explainer/explainer/internal/diag"
)

// Has reports whether the bundle has the string key.
func (b *Bundle) Has(key string) bool { return b.msgs[key] != nil }

// Keys lists the bundle's strings, sorted.
func (b *Bundle) Keys() []string { return slices.Sorted(maps.Keys(b.msgs)) }

// Pos is where the string key is written, and whether that is the site's
// own file (rather than the theme's).
func (b *Bundle) Pos(key string) (diag.Pos, bool) {
	if m := b.msgs[key]; m != nil {
		return m.pos, m.site
	}
	return diag.Pos{}, false
}

// File names the file a diagnostic about a missing string should name:
// the site's own file when it has one, else the theme's.
func (b *Bundle) File() string { return b.Files[len(b.Files)-1] }

// Args are the values of a string's placeholders: Count, when HasCount,
// chooses the plural form and fills {{.Count}}, written as Number writes
// it; Names and Values fill the other placeholders, already formatted.
type Args struct {
	Count    int
	HasCount bool
	Names    []string
	Values   []string
}

// Text is the string key filled with args. A plural string without a
// count takes its "other" form. A missing key or a placeholder args do
// not fill is an error naming the file.
func (b *Bundle) Text(key string, args Args) (string, error) {
	m := b.msgs[key]
	if m == nil {
		return "", fmt.Errorf("no string %q in %s", key, b.File())
	}
	t := m.plain
	if m.forms != nil {
		f := plural.Other
		if args.HasCount {
			f = b.Form(args.Count)
		}
		t = m.forms[f]
		if t == nil {
			t = m.forms[plural.Other]
		}
	}
	return b.fill(key, t, args)
}

// fill is t with its placeholders filled from args.
func (b *Bundle) fill(key string, t text, args Args) (string, error) {
	if len(t) == 1 && t[0].name == "" {
		return t[0].lit, nil
	}
	n := 0
	for _, p := range t {
		n += len(p.lit) + 8
	}
	var s strings.Builder
	s.Grow(n)
	for _, p := range t {
		if p.name == "" {
			s.WriteString(p.lit)
			continue
		}
		v, ok := args.value(b, p.name)
		if !ok {
			return "", fmt.Errorf("%s in %s: no value for placeholder {{.%s}}", key, b.File(), p.name)
		}
		s.WriteString(v)
	}
	return s.String(), nil
}

// value is the value of the placeholder name: the count, written as the
// language writes numbers, or a named value.
func (a Args) value(b *Bundle, name string) (string, bool) {
	if name == "Count" && a.HasCount {
		return b.Number(a.Count), true
	}
	for i, n := range a.Names {
		if n == name {
			return a.Values[i], true
		}
	}
	return "", false
}

// A FormText is one form of a string: its CLDR category ("" for a plain
// string) and its text.
type FormText struct {
	Category, Text string
}

// Forms is every form of the string key filled with args, in CLDR's
// order (zero, one, two, few, many, other), for a script that chooses the
// form itself; a plain string is one FormText with no category.
func (b *Bundle) Forms(key string, args Args) ([]FormText, error) {
	m := b.msgs[key]
	if m == nil {
		return nil, fmt.Errorf("no string %q in %s", key, b.File())
	}
	if m.forms == nil {
		s, err := b.Text(key, args)
		return []FormText{{Text: s}}, err
	}
	var out []FormText
	for _, f := range cldrOrder {
		t := m.forms[f]
		if t == nil {
			continue
		}
		s, err := b.fill(key, t, args)
		if err != nil {
			return nil, err
		}
		out = append(out, FormText{categoryNames[f], s})
	}
	return out, nil
}

// Form is the CLDR plural category of the whole number n in the bundle's
// language.
func (b *Bundle) Form(n int) plural.Form {
	if n < 0 {
		n = -n
	}
	// CLDR's rules look at the last two digits, or whether the number is
	// 0 or 1: a number too large for the tables keeps its last six digits
	// and stays above 1 (MatchPlural takes numbers below 10,000,000).
	if n >= 10_000_000 {
		n = n%1_000_000 + 1_000_000
	}
	return plural.Cardinal.MatchPlural(b.Tag, n, 0, 0, 0, 0)
}

// Number writes n with the language's thousands separator between groups
// of three digits ("12 345" in Ukrainian and Russian, with a no-break
// space; the built-in English file sets none, as the site always wrote
// counts).
func (b *Bundle) Number(n int) string {
	s := strconv.Itoa(n)
	if b.group == "" {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	var out strings.Builder
	if neg {
		out.WriteByte('-')
	}
	head := len(s) % 3
	if head > 0 {
		out.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if i > 0 {
			out.WriteString(b.group)
		}
		out.WriteString(s[i : i+3])
	}
	return out.String()
}

// Date writes t as the language's long date: "15 August 2025",
// "15 серпня 2025 р.", "15 августа 2025 г.".
func (b *Bundle) Date(t time.Time) string {
	var s strings.Builder
	_ = b.date.write(&s, func(name string) (string, bool) {
		switch name {
		case "Day":
			return strconv.Itoa(t.Day()), true
		case "Month":
			return b.months[t.Month()-1], true
		}
		return strconv.Itoa(t.Year()), true // Load allows only these three
	})
	return s.String()
}
