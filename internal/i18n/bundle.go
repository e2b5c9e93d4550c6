package i18n

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/editorfile"
	"github.com/explainer/explainer/internal/theme"
)

// Dir is the folder, relative to the site root (and to the theme's), that
// holds the i18n files.
const Dir = "i18n"

// FormatTable is the reserved table of a file that holds the language's
// date pattern, month names and thousands separator; no string can be
// named so.
const FormatTable = "format"

// File is the i18n file of a language: "i18n/uk.toml".
func File(code string) string { return Dir + "/" + code + ".toml" }

// A Bundle is one language's interface strings, the theme's overlaid with
// the site's key by key.
type Bundle struct {
	// Code is the language code the file is named by ("uk").
	Code string
	// Tag is the language, for its plural rules.
	Tag language.Tag
	// Files names the files read, the theme's first, as diagnostics name
	// them ("theme:i18n/uk.toml", "i18n/uk.toml").
	Files []string
	// Sum hashes the names and bytes of Files: two bundles with the same
	// Sum hold the same strings.
	Sum [32]byte

	msgs   map[string]*message
	date   text
	months []string
	group  string
	forms  []plural.Form // the categories the language's counts take
	// wrote records the [format] keys a file wrote (or a file that did
	// not parse), so that one wrong is not also reported missing.
	wrote map[string]bool
}

// message is one string: a plain text, or a text per plural category.
type message struct {
	plain text
	forms map[plural.Form]text
	// pos is where it is written; site is set when that is the site's
	// own file rather than the theme's.
	pos  diag.Pos
	site bool
}

// Origin names a file for diagnostics (theme.Overlay does).
type Origin interface {
	Origin(name string) string
}

// Languages lists the codes of the languages that have an i18n file, in
// the site or the theme, sorted.
func Languages(fsys fs.FS) []string {
	names, _ := fs.Glob(fsys, Dir+"/*.toml")
	var codes []string
	for _, n := range names {
		if !editorfile.Is(n) {
			codes = append(codes, strings.TrimSuffix(path.Base(n), ".toml"))
		}
	}
	sort.Strings(codes)
	return codes
}

// layers returns the files of a language, the theme's first, each with
// the name diagnostics give it. A site read through theme.Overlay has two
// layers; any other file system has only its own file.
func layers(fsys fs.FS, code string) (names []string, data [][]byte) {
	name := File(code)
	site := true
	if o, ok := fsys.(Origin); ok {
		site = !strings.HasPrefix(o.Origin(name), theme.Prefix)
		if b, err := fs.ReadFile(fsys, theme.Prefix+name); err == nil {
			names, data = append(names, theme.Prefix+name), append(data, b)
		}
	}
	if site {
		if b, err := fs.ReadFile(fsys, name); err == nil {
			names, data = append(names, name), append(data, b)
		}
	}
	return names, data
}

// Sum hashes the i18n files of every language of fsys, for a caller that
// reloads when any of them changed.
func Sum(fsys fs.FS) [32]byte {
	h := sha256.New()
	for _, code := range Languages(fsys) {
		names, data := layers(fsys, code)
		for i := range names {
			fmt.Fprintf(h, "%s\x00%d\x00", names[i], len(data[i]))
			h.Write(data[i])
		}
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// Load reads the language code's strings from fsys: the theme's file and
// the site's over it. Every problem is reported, positioned; a language
// with no file at all is one error naming the file it needs.
func Load(fsys fs.FS, code string) (*Bundle, diag.List) {
	var l diag.List
	b := &Bundle{Code: code, msgs: map[string]*message{}, wrote: map[string]bool{}}
	tag, err := language.Parse(code)
	if err != nil {
		l.Addf(diag.Pos{File: File(code)}, "%q is not a language code (BCP 47, such as uk or pt-BR)", code)
		return nil, l
	}
	b.Tag, b.forms = tag, formsOf(tag)
	names, data := layers(fsys, code)
	if len(names) == 0 {
		l.Addf(diag.Pos{File: File(code)}, "no %s: the site has language %q but no file of strings for it", File(code), code)
		return nil, l
	}
	h := sha256.New()
	for i, name := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data[i]))
		h.Write(data[i])
		b.Files = append(b.Files, name)
		b.read(name, data[i], !strings.HasPrefix(name, theme.Prefix), &l)
	}
	h.Sum(b.Sum[:0])
	first := diag.Pos{File: names[len(names)-1], Line: 1, Col: 1}
	if b.date == nil && !b.wrote["date"] {
		l.Addf(first, "no %s.date: the language's long date pattern, such as \"{{.Day}} {{.Month}} {{.Year}}\"", FormatTable)
	}
	if len(b.months) != 12 && !b.wrote["months"] {
		l.Addf(first, "no %s.months: the twelve month names as a date writes them", FormatTable)
	}
	if l.HasErrors() {
		return nil, l
	}
	return b, l
}

// read decodes one layer into b, over what earlier layers set.
func (b *Bundle) read(name string, data []byte, site bool, l *diag.List) {
	lines := diag.NewLines(name, data)
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		p := diag.Pos{File: name, Line: 1, Col: 1}
		msg := err.Error()
		if errors.As(err, &pe) {
			p = lines.Pos(lines.Offset(pe.Position.Line) + max(pe.Position.Col-1, 0))
			if pe.Position.Start > 0 {
				p = lines.Pos(pe.Position.Start)
			}
			msg = pe.Message
		}
		l.Addf(p, "malformed TOML: %s", msg)
		b.wrote["date"], b.wrote["months"] = true, true
		return
	}
	pos := keyPositions(data)
	// where returns the position of key's value, and of its byte i; a
	// key ending in keyMark places the key itself.
	where := func(key string, s string, i int) diag.Pos {
		onKey := strings.HasSuffix(key, keyMark)
		key = strings.TrimSuffix(key, keyMark)
		a, ok := pos[key]
		for !ok && strings.Contains(key, ".") {
			// A form of an inline table is placed at the table.
			key = key[:strings.LastIndexByte(key, '.')]
			a, ok = pos[key]
			s, i = "", 0
		}
		if !ok {
			return diag.Pos{File: name, Line: 1, Col: 1}
		}
		if onKey {
			return lines.Pos(a.key)
		}
		return lines.Pos(valueOffset(data, a.value, s, i))
	}
	for _, key := range slices.Sorted(maps.Keys(m)) {
		if key == FormatTable {
			b.readFormat(m[key], where, l)
			continue
		}
		switch v := m[key].(type) {
		case string:
			t, ok := parseAt(key, v, where, l)
			if ok {
				b.msgs[key] = &message{plain: t, pos: where(key+keyMark, "", 0), site: site}
			}
		case map[string]any:
			if msg, ok := b.readForms(key, v, where, l); ok {
				msg.site = site
				b.msgs[key] = msg
			}
		default:
			l.Addf(where(key, "", 0), "%s is a %s: a string is text, or a table of plural forms (one, other, ...)", key, tomlType(v))
		}
	}
}

// keyMark, appended to a key given to where, asks for the key's position
// rather than its value's.
const keyMark = "\x00key"

// parseAt parses a string's placeholders, reporting an error at its
// position in the file.
func parseAt(key, s string, where func(string, string, int) diag.Pos, l *diag.List) (text, bool) {
	t, off, err := parseText(s)
	if err != nil {
		l.Addf(where(key, s, off), "%s: %v", key, err)
		return nil, false
	}
	return t, true
}

// categories are CLDR's plural categories by name.
var categories = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// cldrOrder is the order CLDR lists the categories in.
var cldrOrder = []plural.Form{plural.Zero, plural.One, plural.Two, plural.Few, plural.Many, plural.Other}

// categoryNames are the names of categories, by Form.
var categoryNames = map[plural.Form]string{}

func init() {
	for n, f := range categories {
		categoryNames[f] = n
	}
}

// readForms reads a plural string: a table of CLDR categories, which must
// have every category the language's counts take.
func (b *Bundle) readForms(key string, v map[string]any, where func(string, string, int) diag.Pos, l *diag.List) (*message, bool) {
	msg := &message{forms: map[plural.Form]text{}, pos: where(key+keyMark, "", 0)}
	ok := true
	for _, c := range slices.Sorted(maps.Keys(v)) {
		sub := key + "." + c
		f, known := categories[c]
		if !known {
			hint := ""
			if s := diag.Closest(c, slices.Sorted(maps.Keys(categories))); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			l.Addf(where(sub+keyMark, "", 0), "%s: unknown plural category %q%s; CLDR's are zero, one, two, few, many and other", key, c, hint)
			ok = false
			continue
		}
		s, isStr := v[c].(string)
		if !isStr {
			l.Addf(where(sub, "", 0), "%s is a %s, want a string", sub, tomlType(v[c]))
			ok = false
			continue
		}
		t, good := parseAt(sub, s, where, l)
		ok = ok && good
		msg.forms[f] = t
	}
	var missing []string
	for _, f := range cldrOrder {
		if _, has := msg.forms[f]; !has && slices.Contains(b.forms, f) {
			missing = append(missing, categoryNames[f])
		}
	}
	if len(missing) > 0 {
		l.Addf(msg.pos, "%s lacks the plural form%s %s that %s counts need", key, plural1(len(missing)), strings.Join(missing, ", "), b.Code)
		ok = false
	}
	return msg, ok
}

func plural1(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// readFormat reads the [format] table.
func (b *Bundle) readFormat(v any, where func(string, string, int) diag.Pos, l *diag.List) {
	m, ok := v.(map[string]any)
	if !ok {
		l.Addf(where(FormatTable, "", 0), "%s is a %s, want a table (date, months, group)", FormatTable, tomlType(v))
		return
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		key := FormatTable + "." + k
		b.wrote[k] = true
		switch k {
		case "date":
			s, isStr := m[k].(string)
			if !isStr {
				l.Addf(where(key, "", 0), "%s is a %s, want a string", key, tomlType(m[k]))
				continue
			}
			t, good := parseAt(key, s, where, l)
			for _, n := range t.names() {
				if n != "Day" && n != "Month" && n != "Year" {
					l.Addf(where(key, s, strings.Index(s, "{{."+n)), "%s: unknown placeholder {{.%s}}: a date has {{.Day}}, {{.Month}} and {{.Year}}", key, n)
					good = false
				}
			}
			if good {
				b.date = t
			}
		case "months":
			list, isList := m[k].([]any)
			var months []string
			for _, x := range list {
				if s, isStr := x.(string); isStr {
					months = append(months, s)
				}
			}
			if !isList || len(months) != 12 || len(list) != 12 {
				l.Addf(where(key, "", 0), "%s must list twelve strings, January first", key)
				continue
			}
			b.months = months
		case "group":
			s, isStr := m[k].(string)
			if !isStr {
				l.Addf(where(key, "", 0), "%s is a %s, want a string (\"\" for none)", key, tomlType(m[k]))
				continue
			}
			b.group = s
		default:
			l.Addf(where(key, "", 0), "unknown key %s: [%s] has date, months and group", key, FormatTable)
		}
	}
}

// tomlType names a decoded TOML value's type for messages.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case map[string]any:
		return "table"
	case []any, []map[string]any:
		return "array"
	case bool:
		return "boolean"
	case int64, float64:
		return "number"
	}
	return "date"
}

// formsOf lists the plural categories the language's whole numbers take,
// and other, which CLDR gives every language (in Ukrainian and Russian it
// is the form of fractions): en one, other; uk and ru one, few, many,
// other. The rules repeat within every hundred; the probe goes past it.
func formsOf(tag language.Tag) []plural.Form {
	seen := map[plural.Form]bool{plural.Other: true}
	for n := 0; n < 1200; n++ {
		seen[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true
	}
	var out []plural.Form
	for f := plural.Other; f <= plural.Many; f++ {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}
