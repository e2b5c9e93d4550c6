package content

import (
	"fmt"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/explainer/explainer/internal/diag"
)

// Languages. A site declares the languages it is published in once, as
// languages in content/_index.md, the default first; without the key it
// has one language, English, and nothing below applies. A translation is
// a file beside its original, named with the language's code before .md
// (Hugo's convention): content/demands/x.uk.md translates x.md, and
// content/_index.uk.md the home page. The translation holds only the
// translatable text (title, summary, role, status_note, the whys of the
// relations, the takeaways' text, the sources' titles and publishers, the
// body); everything else is its original's, and may be restated only
// identically, so the relations — facts about demands, not about a
// language — are the same in every language.
//
// Each language gets a whole resolved Site of its own (an edition),
// resolved from the originals with each one's translation merged in, and
// served under /<code>/: ids are shared, so every reference and every body
// link resolves within the edition. A brief without a translation is
// built in the edition from its original text, its Page.Lang naming the
// original's language so the layouts can mark it (lang="en") and say it
// has not been translated yet.

// Language is one language a site is published in.
type Language struct {
	// Code is the language's BCP 47 code, lower-case ("uk"), and Name
	// its name in the language itself ("Українська").
	Code, Name string
	// Base is the base path of the language's edition, ending in "/":
	// the site's base for the default language, base + code + "/" for
	// the others.
	Base string
}

// DefaultLang is the language of a site that declares none.
const DefaultLang = "en"

// langField is one item of languages as written.
type langField struct {
	Code, Name string
	Pos        diag.Pos
}

// langSuffixRE matches what may be a language code in a file name: the
// "uk" of x.uk.md. Whether it names one of the site's languages is
// checked once the home page is read.
var langSuffixRE = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// countryCodes maps the country codes most often written for a language
// code to that language's code, for "did you mean".
var countryCodes = map[string]string{
	"ua": "uk", "by": "be", "cz": "cs", "dk": "da", "gr": "el", "jp": "ja", "kr": "ko", "se": "sv",
	"cn": "zh", "ee": "et", "si": "sl", "rs": "sr", "ge": "ka", "am": "hy", "kz": "kk", "il": "he",
	"vn": "vi", "ir": "fa", "al": "sq", "br": "pt", "us": "en", "gb": "en", "ukr": "uk", "rus": "ru",
}

// languages decodes the home page's languages: a list of {code, name}.
func (d *decoder) languages(name string, v *yaml.Node) []langField {
	var out []langField
	first := map[string]diag.Pos{}
	d.list(name, "a list of {code, name} mappings, the default language first", v, func(_ int, item *yaml.Node) {
		if item.Kind != yaml.MappingNode {
			d.errf(item, "%s: want a {code, name} mapping, got %s", name, describe(item))
			return
		}
		var lf langField
		var codeNode *yaml.Node
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], d.deref(item.Content[i+1])
			if v == nil {
				return
			}
			switch k.Value {
			case "code":
				lf.Code, _ = d.str(name+".code", v)
				lf.Pos, codeNode = d.pos(v), v
			case "name":
				lf.Name = d.text(name+".name", v)
			default:
				d.unknownItemKey(k, name, []string{"code", "name"}, "; an item has code and name")
			}
		}
		if codeNode == nil {
			d.errf(item, "%s: item has no code", name)
			return
		}
		if lf.Name == "" {
			d.errf(item, "%s: %q has no name: give the language's name in the language itself, like \"Українська\"", name, lf.Code)
		}
		if !d.langCode(name, codeNode, lf.Code) {
			return
		}
		if at, dup := first[lf.Code]; dup {
			d.l.Add(lf.Pos, fmt.Sprintf("%s: %q is listed twice", name, lf.Code), diag.Note{Pos: at, Msg: "first listed here"})
			return
		}
		first[lf.Code] = lf.Pos
		out = append(out, lf)
	})
	if v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
		d.errf(v, "%s: list at least the default language, like [{code: en, name: English}]", name)
	}
	return out
}

// langCode checks a language code with golang.org/x/text/language: it
// must be a known BCP 47 tag, written lower-case in its canonical form
// (the form the file names and URLs use).
func (d *decoder) langCode(name string, v *yaml.Node, code string) bool {
	tag, err := language.Parse(code)
	if err != nil {
		msg := fmt.Sprintf("%s.code: %q is not a language code (%v)", name, code, err)
		if s, ok := countryCodes[strings.ToLower(code)]; ok {
			msg += fmt.Sprintf(" (did you mean %q? %q is a country code)", s, code)
		} else {
			msg += "; want a BCP 47 code like \"uk\" or \"pt-br\""
		}
		d.errf(v, "%s", msg)
		return false
	}
	if want := strings.ToLower(tag.String()); want != code {
		d.errf(v, "%s.code: write %q as %q (did you mean %q?)", name, code, want, want)
		return false
	}
	return true
}

// edition is what resolving a language's edition needs besides the
// files: the language, the site's origin, and the default language's
// code, which untranslated pages are in.
type edition struct {
	lang   Language
	origin string
	def    string
	langs  []Language
}

// resolveAll resolves the default language's site and, when the site
// declares more languages, each other language's edition with its
// translations merged in (Site.Translations).
func resolveAll(ps []*parsed, opts Options, l *diag.List) *Site {
	var originals, trans []*parsed
	var home *parsed
	for _, p := range ps {
		if p.lang != "" {
			trans = append(trans, p)
			continue
		}
		originals = append(originals, p)
		if p.kind == KindHome {
			home = p
		}
	}
	var declared []langField
	if home != nil {
		declared = home.fields.Languages
	}
	if len(declared) == 0 {
		site := resolve(originals, opts, nil, l)
		site.Lang = Language{Code: DefaultLang, Base: site.Base}
		for _, t := range trans {
			l.Addf(diag.Pos{File: t.file}, "a translation into %q, but the site declares no languages: list them under languages: in content/_index.md, the default first, like [{code: en, name: English}, {code: %s, name: ...}]", t.lang, t.lang)
		}
		return site
	}
	site := resolve(originals, opts, &edition{def: declared[0].Code}, l)
	langs := make([]Language, len(declared))
	codes := make([]string, len(declared))
	for i, lf := range declared {
		langs[i] = Language{Code: lf.Code, Name: lf.Name, Base: site.Base}
		if i > 0 {
			langs[i].Base += lf.Code + "/"
		}
		codes[i] = lf.Code
	}
	site.Lang, site.Languages = langs[0], langs
	orig := map[string]*parsed{}
	for _, p := range originals {
		orig[p.file] = p
	}
	// byLang maps a language and an original's file to its translation.
	byLang := map[string]map[string]*parsed{}
	for _, c := range codes[1:] {
		byLang[c] = map[string]*parsed{}
	}
	tfiles := map[string]bool{}
	for _, t := range trans {
		tfiles[t.file] = true
		of := strings.TrimSuffix(t.file, "."+t.lang+".md") + ".md"
		switch {
		case t.lang == codes[0]:
			l.Addf(diag.Pos{File: t.file}, "%q is the site's default language, whose text is the original %s: merge the two, or list another language first", t.lang, path.Base(of))
		case byLang[t.lang] == nil:
			msg := fmt.Sprintf("unknown language %q in the file name: content/_index.md declares %s", t.lang, strings.Join(codes, ", "))
			guess := countryCodes[t.lang]
			if !slices.Contains(codes, guess) {
				guess = diag.Closest(t.lang, codes[1:])
			}
			if guess != "" {
				msg += fmt.Sprintf(" (did you mean %q, %s?)", guess, strings.TrimSuffix(path.Base(of), ".md")+"."+guess+".md")
			}
			l.Add(diag.Pos{File: t.file}, msg)
		case orig[of] == nil:
			l.Addf(diag.Pos{File: t.file}, "a translation of a missing original: there is no %s", of)
		default:
			byLang[t.lang][of] = t
		}
	}
	for _, lang := range langs[1:] {
		var merged []*parsed
		for _, o := range originals {
			t := byLang[lang.Code][o.file]
			if t == nil {
				if opts.Backlog && (!o.fields.Draft || opts.Drafts) {
					l.Infof(diag.Pos{File: o.file}, backlogMsg+"%s (%s) yet: no %s", lang.Name, lang.Code, strings.TrimSuffix(o.file, ".md")+"."+lang.Code+".md")
				}
				// Its own copy of the body, whose links point into the
				// edition.
				m := *o
				if o.doc != nil {
					m.doc = o.doc.Clone()
				}
				merged = append(merged, &m)
				continue
			}
			merged = append(merged, overlay(o, t, lang.Code, l))
		}
		var el diag.List
		ed := resolve(merged, opts, &edition{lang: lang, origin: site.Origin, def: codes[0], langs: langs}, &el)
		// The edition's diagnostics about its originals are the default
		// site's, reported once; those in a translation are its own.
		for _, d := range el {
			if tfiles[d.Pos.File] {
				l.Merge(diag.List{d})
			}
		}
		ed.Lang, ed.Languages, ed.Root = lang, langs, site.Base
		site.Translations = append(site.Translations, ed)
	}
	return site
}

// overlay merges translation t into a copy of its original o: the
// translatable text is t's, the rest o's. Every key t restates that is
// not translatable must equal o's; a difference is an error at t's value.
func overlay(o, t *parsed, code string, l *diag.List) *parsed {
	m := *o
	m.src, m.text = t.file, code
	m.doc, m.lines, m.bodyOff = t.doc, t.lines, t.bodyOff
	m.diags = nil
	f, tf := o.fields, &t.fields
	c := comparer{o: o, t: t, l: l}
	for _, k := range inherited {
		c.same(k.key, k.value)
	}
	if tf.Title != "" {
		f.Title = tf.Title
	}
	if tf.Summary != "" {
		f.Summary = tf.Summary
	}
	if c.has("role") {
		f.Role = tf.Role
	}
	if c.has("status_note") {
		f.Status.Note = tf.Status.Note
	}
	f.Updated = tf.Updated
	if !tf.Updated.IsZero() && !o.fields.Updated.IsZero() && tf.Updated.Before(o.fields.Updated) {
		*l = append(*l, diag.Diagnostic{
			Pos:      tf.at["updated"],
			Msg:      fmt.Sprintf("translation older than the original: updated %s, the original %s", tf.Updated.Format("2006-01-02"), o.fields.Updated.Format("2006-01-02")),
			Notes:    []diag.Note{{Pos: o.fields.at["updated"], Msg: "the original's date"}},
			Severity: diag.Warning,
		})
	}
	f.Conflicts = c.relations("conflicts_with", tf.Conflicts, o.fields.Conflicts)
	f.Aligned = c.relations("aligned_with", tf.Aligned, o.fields.Aligned)
	f.Sources = c.sources()
	f.Takeaways = c.takeaways()
	if m.doc != nil {
		l.Merge(t.checkCites(f.Sources))
	}
	m.fields = f
	return &m
}

// inherited are the keys a translation may restate only identically,
// in the order they are compared, each with what of the fields it holds.
var inherited = []struct {
	key   string
	value func(f *fields) any
}{
	{"weight", func(f *fields) any { return f.Weight }},
	{"draft", func(f *fields) any { return f.Draft }},
	{"actor", func(f *fields) any { return f.Actor.ID }},
	{"topic", func(f *fields) any { return f.Topic.ID }},
	{"core", func(f *fields) any { return f.Core }},
	{"status", func(f *fields) any { return string(f.Status.State) }},
	{"status_as_of", func(f *fields) any { return f.Status.AsOf }},
	{"status_source", func(f *fields) any { return f.Status.SourceURL }},
	{"colour", func(f *fields) any { return f.Colour.ID }},
	{"date", func(f *fields) any { return f.Date }},
	{"actors", func(f *fields) any { return refIDs(f.Actors) }},
	{"demands", func(f *fields) any { return refIDs(f.Demands) }},
	{"pivot", func(f *fields) any { return f.Pivot }},
	{"key", func(f *fields) any { return f.Key }},
	{"base_url", func(f *fields) any { return f.BaseURL.ID }},
	{"params", func(f *fields) any { return f.Params }},
	{"headline_clashes", func(f *fields) any {
		var out []string
		for _, h := range f.Headlines {
			out = append(out, "["+h.A.ID+", "+h.B.ID+"]")
		}
		return out
	}},
	{"outcome", func(f *fields) any { return f.Outcome.ID }},
}

// show formats a value as the writer would recognise it.
func show(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case time.Time:
		if x.IsZero() {
			return "none"
		}
		return x.Format("2006-01-02")
	case []string:
		return "[" + strings.Join(x, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// comparer compares a translation t with its original o.
type comparer struct {
	o, t *parsed
	l    *diag.List
}

func (c *comparer) has(key string) bool {
	_, ok := c.t.fields.at[key]
	return ok
}

// orig names where the original sets key, for a message and a note.
func (c *comparer) orig(key string) (string, []diag.Note) {
	at, ok := c.o.fields.at[key]
	if !ok {
		return fmt.Sprintf("the original %s does not set it", c.o.file), []diag.Note{{Pos: diag.Pos{File: c.o.file}, Msg: "the original"}}
	}
	return fmt.Sprintf("the original has it at %s", at), []diag.Note{{Pos: at, Msg: "the original's value"}}
}

// same reports a restated key whose value differs from the original's.
func (c *comparer) same(key string, value func(*fields) any) {
	if !c.has(key) {
		return
	}
	tv, ov := value(&c.t.fields), value(&c.o.fields)
	if reflect.DeepEqual(tv, ov) {
		return
	}
	where, notes := c.orig(key)
	c.l.Add(c.t.fields.at[key], fmt.Sprintf("%s: %s differs from the original's %s (%s): a translation inherits %s; delete the line or copy it exactly",
		key, show(tv), show(ov), where, key), notes...)
}

// relations checks a restated relation list (the same demands in the
// same order) and returns the original's with the translated whys.
func (c *comparer) relations(key string, tr, or []relRef) []relRef {
	if !c.has(key) {
		return or
	}
	out := slices.Clone(or)
	for i, x := range tr {
		if i >= len(or) {
			c.l.Addf(x.Pos, "%s: %q is not in the original's list, which has %d %s (%s): a translation lists the same demands in the same order",
				key, x.ID, len(or), plural(len(or), "item", "items"), c.o.fields.at[key])
			continue
		}
		if x.ID != or[i].ID {
			c.l.Add(x.Pos, fmt.Sprintf("%s: item %d is %q, the original's is %q (did you mean %q?): a translation lists the same demands in the same order",
				key, i+1, x.ID, or[i].ID, or[i].ID), diag.Note{Pos: or[i].Pos, Msg: "the original's item"})
			continue
		}
		if x.Why != "" {
			out[i].Why = x.Why
		}
	}
	if len(tr) < len(or) {
		var missing []string
		for _, x := range or[len(tr):] {
			missing = append(missing, x.ID)
		}
		c.l.Addf(c.t.fields.at[key], "%s: %d %s, the original lists %d: add %s, in the original's order, or leave %s out to inherit the whole list",
			key, len(tr), plural(len(tr), "item", "items"), len(or), strings.Join(missing, ", "), key)
	}
	return out
}

// sources checks restated sources (the same urls and dates in the same
// order) and returns the original's with translated titles and publishers.
func (c *comparer) sources() []Source {
	or, tr := c.o.fields.Sources, c.t.fields.Sources
	if !c.has("sources") {
		return or
	}
	at := c.t.fields.at["sources"]
	if len(tr) != len(or) {
		c.l.Addf(at, "sources: %d %s, the original lists %d: restate every source with its url, in the original's order, or leave sources out to inherit them",
			len(tr), plural(len(tr), "item", "items"), len(or))
		return or
	}
	out := slices.Clone(or)
	for i := range tr {
		if tr[i].URL != or[i].URL || tr[i].Date != or[i].Date {
			c.l.Addf(at, "sources: item %d is %s (%s), the original's is %s (%s): only titles and publishers are translated",
				i+1, tr[i].URL, tr[i].Date, or[i].URL, or[i].Date)
			continue
		}
		out[i].Title, out[i].Publisher = tr[i].Title, tr[i].Publisher
	}
	return out
}

// takeaways checks restated takeaways (as many, with the same sources)
// and returns the original's with the translated text.
func (c *comparer) takeaways() []takeawayField {
	or, tr := c.o.fields.Takeaways, c.t.fields.Takeaways
	if !c.has("takeaways") {
		return or
	}
	if len(tr) != len(or) {
		c.l.Addf(c.t.fields.at["takeaways"], "takeaways: %d %s, the original has %d: translate each, in the original's order",
			len(tr), plural(len(tr), "item", "items"), len(or))
		return or
	}
	out := slices.Clone(or)
	for i := range tr {
		ts, os := refIDs(tr[i].Sources), refIDs(or[i].Sources)
		if !slices.Equal(ts, os) {
			at := c.t.fields.at["takeaways"]
			if len(tr[i].Sources) > 0 {
				at = tr[i].Sources[0].Pos
			}
			c.l.Add(at, fmt.Sprintf("takeaways: item %d's source is %s, the original's is %s: copy the source exactly", i+1, show(ts), show(os)),
				diag.Note{Pos: or[i].Sources[0].Pos, Msg: "the original's source"})
			continue
		}
		out[i].Text = tr[i].Text
	}
	return out
}

func refIDs(rs []ref) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// backlogMsg starts the info about a brief not translated yet.
const backlogMsg = "not translated into "

// GroupBacklog replaces the infos about briefs not translated yet (one
// per brief and language, which check -format json lists for a
// translation desk) with one line per language, for a terminal:
// "uk: 12 briefs not translated into Українська yet: content/x.md, ...".
func GroupBacklog(l diag.List) diag.List {
	var out diag.List
	type group struct {
		head  string
		files []string
	}
	var order []string
	groups := map[string]*group{}
	for _, d := range l {
		rest, ok := strings.CutPrefix(d.Msg, backlogMsg)
		name, tail, ok2 := strings.Cut(rest, " yet: ")
		if d.Severity != diag.Info || !ok || !ok2 || !strings.HasPrefix(tail, "no ") {
			out = append(out, d)
			continue
		}
		g := groups[name]
		if g == nil {
			g = &group{head: name}
			groups[name] = g
			order = append(order, name)
		}
		g.files = append(g.files, d.Pos.File)
	}
	for _, name := range order {
		g := groups[name]
		code := name
		if i := strings.LastIndex(name, " ("); i >= 0 {
			code = strings.TrimSuffix(name[i+2:], ")")
			name = name[:i]
		}
		out = append(out, diag.Diagnostic{Pos: diag.Pos{File: Dir}, Severity: diag.Info,
			Msg: fmt.Sprintf("%s: %d %s not translated into %s yet: %s", code, len(g.files), plural(len(g.files), "brief", "briefs"), name, strings.Join(g.files, ", "))})
	}
	return out
}

// Locale is the language's Open Graph locale, language_TERRITORY
// (og:locale wants that form, not a BCP 47 tag): the territory is the
// language's most likely one in CLDR's likely-subtags data, so en gives
// en_US, uk uk_UA and ru ru_RU. A code x/text cannot place gives the
// code itself.
func (l Language) Locale() string {
	tag, err := language.Parse(l.Code)
	if err != nil {
		return l.Code
	}
	base, _ := tag.Base()
	region, conf := tag.Region()
	if conf == language.No {
		return base.String()
	}
	return base.String() + "_" + region.String()
}
