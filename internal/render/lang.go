package render

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/feature/plural"

	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/i18n"
)

// The layouts are parsed once per build; each language gets its own copy
// of the parsed set whose T, date, plural and number speak that language.
// html/template cannot clone a set once it has executed, so the parsed
// sets are kept unexecuted (langSets.pristine) and every language's set,
// the default's included, is a clone of them with its functions rebound.

// langSets is what the language sets of one Load share: the unexecuted
// parsed templates, the bundles, and the sets made so far.
type langSets struct {
	pristine map[string]*template.Template
	frag     *template.Template
	// layoutSum hashes the layout files alone; inputs the layouts, every
	// i18n file and the declared languages (what Reload compares).
	layoutSum, inputs [32]byte
	bundles           map[string]*i18n.Bundle
	codes             []string // the declared languages, the default first

	mu   sync.Mutex
	sets map[string]*Templates
}

// LangFuncs are the layout functions whose output depends on the language
// (see bind): T, date, plural and number.
var LangFuncs = []string{"T", "TJSON", "date", "plural", "number"}

// langFuncs binds the language functions to b; b is nil for a site with
// no i18n file at all, which gets English dates and counts and a T that
// reports the missing file.
func langFuncs(b *i18n.Bundle) template.FuncMap {
	if b == nil {
		return template.FuncMap{
			"T": func(key string, _ ...any) (template.HTML, error) {
				return "", fmt.Errorf("no string %q: the site has no %s folder and no theme", key, i18n.Dir)
			},
			"TJSON": func(key string, _ ...any) (string, error) {
				return "", fmt.Errorf("no string %q: the site has no %s folder and no theme", key, i18n.Dir)
			},
			"date":   func(t time.Time) string { return t.Format("2 January 2006") },
			"plural": englishPlural,
			"number": strconv.Itoa,
		}
	}
	return template.FuncMap{
		"T":     func(key string, args ...any) (template.HTML, error) { return translate(b, key, args) },
		"TJSON": func(key string, args ...any) (string, error) { return translateJSON(b, key, args) },
		"date":  b.Date,
		"plural": func(n int, one, other string) string {
			if b.Form(n) == plural.One {
				return one
			}
			return other
		},
		"number": b.Number,
	}
}

func englishPlural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// translate is the layout function T: T "key", T "key" count, T "key"
// "Name" value ..., or T "key" count "Name" value .... The string is HTML,
// like a layout's own text; each value is escaped unless it is already
// template.HTML, and a number is written as the language writes counts.
func translate(b *i18n.Bundle, key string, args []any) (template.HTML, error) {
	a, err := argsOf(b, key, args)
	if err != nil {
		return "", err
	}
	s, err := b.Text(key, a)
	return template.HTML(s), err
}

// translateJSON is the layout function TJSON, for scripts: T's string as
// JSON, and for a plural string an object of every form the language
// has ({"one": ..., "few": ..., "many": ..., "other": ...}), with the
// placeholders filled as T fills them; the script picks the form with
// Intl.PluralRules.
func translateJSON(b *i18n.Bundle, key string, args []any) (string, error) {
	a, err := argsOf(b, key, args)
	if err != nil {
		return "", err
	}
	forms, err := b.Forms(key, a)
	if err != nil {
		return "", err
	}
	var out []byte
	if len(forms) == 1 && forms[0].Category == "" {
		out, err = json.Marshal(forms[0].Text)
	} else {
		m := make(map[string]string, len(forms))
		for _, f := range forms {
			m[f.Category] = f.Text
		}
		out, err = json.Marshal(m)
	}
	return string(out), err
}

// argsOf reads T's arguments after the key.
func argsOf(b *i18n.Bundle, key string, args []any) (i18n.Args, error) {
	var a i18n.Args
	if len(args) > 0 {
		if n, ok := toInt(args[0]); ok {
			a.Count, a.HasCount = n, true
			args = args[1:]
		}
	}
	if len(args)%2 != 0 {
		return a, fmt.Errorf("T %q: want a count, then pairs of a placeholder name and its value; got %d values after the names", key, len(args))
	}
	if len(args) > 0 {
		a.Names, a.Values = make([]string, 0, len(args)/2), make([]string, 0, len(args)/2)
	}
	for i := 0; i < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			return a, fmt.Errorf("T %q: argument %d is a %T, want a placeholder name", key, i+2, args[i])
		}
		a.Names = append(a.Names, name)
		a.Values = append(a.Values, htmlValue(b, args[i+1]))
	}
	return a, nil
}

// htmlText escapes text as html/template escapes a string it prints in
// HTML text, so that a title passed to T comes out in the bytes it did
// when a layout printed it.
var htmlText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// htmlValue writes a placeholder's value as HTML text.
func htmlValue(b *i18n.Bundle, v any) string {
	switch x := v.(type) {
	case template.HTML:
		return string(x)
	case string:
		return htmlText.Replace(x)
	case time.Time:
		return htmlText.Replace(b.Date(x))
	}
	if n, ok := toInt(v); ok {
		return b.Number(n)
	}
	return htmlText.Replace(fmt.Sprint(v))
}

// toInt returns v as an int when it is a whole number of a Go int type.
func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case int32:
		return int(n), true
	case uint:
		return int(n), true
	}
	return 0, false
}

// loadBundles loads the declared languages' bundles; langs nil declares
// the languages that have a file, English first when it has one.
func loadBundles(fsys fs.FS, langs []string) (map[string]*i18n.Bundle, []string, diag.List) {
	var l diag.List
	if langs == nil {
		langs = i18n.Languages(fsys)
		if i := slices.Index(langs, "en"); i > 0 {
			langs = slices.Concat([]string{"en"}, slices.Delete(slices.Clone(langs), i, i+1))
		}
	}
	out := map[string]*i18n.Bundle{}
	for _, code := range langs {
		b, bl := i18n.Load(fsys, code)
		l.Merge(bl)
		if b != nil {
			out[code] = b
		}
	}
	return out, langs, l
}

// bind returns the set of proto's layouts that speaks the language code:
// a clone of the pristine templates with the language's functions and a
// fragment cache of its own.
func (p *langSets) bind(proto *Templates, code string) (*Templates, error) {
	b := p.bundles[code]
	ts := &Templates{byKind: make(map[string]*template.Template, len(p.pristine)), Files: proto.Files,
		frags: newFragments(), lines: proto.lines, src: proto.src, trees: proto.trees, origin: proto.origin,
		langs: p, lang: b, code: code}
	h := sha256.New()
	h.Write(p.layoutSum[:])
	if b != nil {
		h.Write(b.Sum[:])
	}
	h.Sum(ts.Sum[:0])
	fm := langFuncs(b)
	fm[FragmentFunc] = ts.fragment
	var err error
	if p.frag != nil {
		if ts.frag, err = p.frag.Clone(); err != nil {
			return nil, err
		}
		ts.frag.Funcs(fm)
	}
	for kind, t := range p.pristine {
		c, err := t.Clone()
		if err != nil {
			return nil, err
		}
		ts.byKind[kind] = c.Funcs(fm)
	}
	return ts, nil
}

// ForLang returns the set of these layouts that speaks the language code
// (its T, date, plural and number): ts itself for ts's language, else a
// set made on the first call and cached with the layouts; nil when code
// is not one of the languages the layouts were loaded for. Safe for
// concurrent use.
func (ts *Templates) ForLang(code string) *Templates {
	if code == ts.code || ts.langs == nil {
		if code == ts.code {
			return ts
		}
		return nil
	}
	p := ts.langs
	p.mu.Lock()
	defer p.mu.Unlock()
	if s := p.sets[code]; s != nil {
		return s
	}
	if !slices.Contains(p.codes, code) {
		return nil
	}
	proto := p.sets[p.codes[0]]
	if proto == nil {
		proto = ts
	}
	s, err := p.bind(proto, code)
	if err != nil {
		return nil // unreachable: the pristine templates never execute
	}
	p.sets[code] = s
	return s
}

// Lang returns the language code of the set ("" when the site has no
// i18n file) and its bundle (nil then).
func (ts *Templates) Lang() (string, *i18n.Bundle) { return ts.code, ts.lang }

// Languages lists the languages the layouts were loaded for, the default
// first.
func (ts *Templates) Languages() []string {
	if ts.langs == nil {
		return nil
	}
	return slices.Clone(ts.langs.codes)
}

// inputsSum hashes what LoadLangs reads: the layouts, the i18n files and
// the declared languages.
func inputsSum(fsys fs.FS, langs []string) [32]byte {
	h := sha256.New()
	ls, is := sumLayouts(fsys), i18n.Sum(fsys)
	h.Write(ls[:])
	h.Write(is[:])
	fmt.Fprintf(h, "%q", langs)
	var out [32]byte
	h.Sum(out[:0])
	return out
}
