package content

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/explainer/explainer/internal/diag"
)

// ref is a reference to another page by id, as written, with its position.
type ref struct {
	ID  string
	Pos diag.Pos
}

// relRef is one item of conflicts_with or aligned_with.
type relRef struct {
	ref
	Why string
}

// fields is the decoded frontmatter of one file, before resolving.
type fields struct {
	Title, Summary string
	Weight         int
	Draft          bool
	Updated        time.Time
	Role           string
	Actor, Topic   ref
	Conflicts      []relRef
	Aligned        []relRef
	Sources        []Source
	Params         map[string]any
	// BaseURL is the home page's base_url, with its value's position.
	BaseURL ref
	// Events: the date, and the actors and demands the event involved.
	Date            time.Time
	Actors, Demands []ref
	Pivot, Key      bool
	PivotAt         diag.Pos
	// Demands: the status fields (see status.go).
	Status status
	// The reader's-site fields (reader.go): a demand's core flag, an
	// actor's colour, the home page's takeaways and headline clashes.
	Core      bool
	corePos   diag.Pos
	Colour    ref
	Takeaways []takeawayField
	Headlines []headlineField
	Outcome   ref
	// Languages is the home page's languages (lang.go).
	Languages []langField
	// at holds the position of each key's value, for a translation's
	// comparison with its original (lang.go).
	at map[string]diag.Pos
}

// keys lists the frontmatter keys each kind accepts.
var (
	commonKeys = []string{"title", "summary", "weight", "draft", "updated", "sources", "params"}
	kindKeys   = map[Kind][]string{
		KindHome:   {"base_url", "takeaways", "headline_clashes", "outcome", "languages"},
		KindActor:  {"role", "colour"},
		KindDemand: {"actor", "topic", "conflicts_with", "aligned_with", "core", "status", "status_as_of", "status_note", "status_source"},
		KindEvent:  {"date", "actors", "demands", "pivot", "key"},
	}
	keyOwner = map[string]string{
		"role": "actors", "actor": "demands", "topic": "demands",
		"conflicts_with": "demands", "aligned_with": "demands",
		"base_url": "the home page (content/_index.md)",
		"status":   "demands", "status_as_of": "demands", "status_note": "demands", "status_source": "demands",
		"date": "events", "actors": "events", "demands": "events", "pivot": "events", "key": "events",
		"core": "demands", "colour": "actors",
		"takeaways": "the home page (content/_index.md)", "headline_clashes": "the home page (content/_index.md)",
		"outcome": "the home page (content/_index.md)", "languages": "the home page (content/_index.md)",
	}
	sourceKeys = []string{"title", "url", "publisher", "date"}
)

// maxNodes bounds how many YAML nodes aliases may add to one file's
// frontmatter when they are followed: it turns an alias bomb into an
// error, fast. Nodes written out in the file do not count against it, so
// a long frontmatter is not mistaken for a bomb.
const maxNodes = 20000

// decoder turns a frontmatter node tree into fields, reporting every
// problem with the position of the offending key or value.
type decoder struct {
	file  string
	kind  Kind
	front *front
	l     *diag.List
	nodes int
	// budget is how many nodes deref may visit: the nodes written in the
	// file plus maxNodes.
	budget int
	// updated is the value node of updated, if set; newest is the start of
	// the newest source date, newestDate that date as written and
	// newestPos its position (lint.go).
	updated *yaml.Node
	// translation is set for a translation's file (x.uk.md), which holds
	// translatable text and may restate the rest only identically.
	translation bool
	newest      time.Time
	newestDate  string
	newestPos   diag.Pos
}

func (d *decoder) pos(n *yaml.Node) diag.Pos { return d.front.pos(d.file, n) }

func (d *decoder) errf(n *yaml.Node, format string, args ...any) {
	d.l.Addf(d.pos(n), format, args...)
}

func (d *decoder) allowed() []string {
	return append(append([]string(nil), commonKeys...), kindKeys[d.kind]...)
}

func (d *decoder) decode(root *yaml.Node) fields {
	var f fields
	d.budget = countNodes(root) + maxNodes
	seen := map[string]*yaml.Node{}
	allowed := d.allowed()
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], d.deref(root.Content[i+1])
		if v == nil {
			continue
		}
		name := k.Value
		if first, dup := seen[name]; dup {
			d.errf(k, "duplicate key %q (first set on line %d)", name, d.pos(first).Line)
			continue
		}
		seen[name] = k
		if !contains(allowed, name) {
			d.unknownKey(k, name, allowed)
			continue
		}
		if f.at == nil {
			f.at = map[string]diag.Pos{}
		}
		f.at[name] = d.pos(v)
		if d.translation && name == "languages" {
			d.errf(k, "languages: a translation inherits the original's list; declare languages in content/_index.md only")
			continue
		}
		d.field(&f, name, k, v)
	}
	d.required(seen)
	d.checkUpdated(f.Updated)
	if d.kind == KindDemand && !d.translation {
		// A translation restates status_note alone; the rest is its
		// original's, compared in lang.go.
		d.checkStatus(&f, seen)
	}
	d.placeholders(root, f)
	return f
}

func (d *decoder) unknownKey(k *yaml.Node, name string, allowed []string) {
	if owner, ok := keyOwner[name]; ok {
		article := "a"
		if strings.ContainsRune("aeiou", rune(d.kind.String()[0])) {
			article = "an"
		}
		d.errf(k, "key %q is only allowed on %s, not on %s %s", name, owner, article, d.kind)
		return
	}
	if s := diag.Closest(name, allowed); s != "" {
		d.errf(k, "unknown frontmatter key %q (did you mean %q?)", name, s)
		return
	}
	d.errf(k, "unknown frontmatter key %q (free-form fields go under params:)", name)
}

func (d *decoder) required(seen map[string]*yaml.Node) {
	need := []string{"title", "summary"}
	switch {
	case d.translation:
		// The rest is inherited from the original.
	case d.kind == KindDemand:
		need = append(need, "actor", "topic")
	case d.kind == KindEvent:
		need = append(need, "date")
	}
	at := diag.Pos{File: d.file, Line: d.front.delimLine, Col: 1}
	for _, k := range need {
		if seen[k] == nil {
			d.l.Addf(at, "missing required frontmatter key %q", k)
		}
	}
}

// text decodes a required plain-text field, which must not be blank.
func (d *decoder) text(name string, v *yaml.Node) string {
	s, ok := d.str(name, v)
	if ok && strings.TrimSpace(s) == "" {
		d.errf(v, "%s must not be empty", name)
	}
	return s
}

func (d *decoder) field(f *fields, name string, k, v *yaml.Node) {
	switch name {
	case "title":
		f.Title = d.text(name, v)
	case "summary":
		f.Summary = d.text(name, v)
	case "role":
		f.Role, _ = d.str(name, v)
	case "weight":
		f.Weight = d.int(name, v)
	case "draft":
		f.Draft = d.bool(name, v)
	case "updated":
		f.Updated, d.updated = d.date(name, v), v
	case "actor":
		f.Actor = d.ref(name, v)
	case "topic":
		f.Topic = d.ref(name, v)
	case "conflicts_with":
		f.Conflicts = d.relations(name, v)
	case "aligned_with":
		f.Aligned = d.relations(name, v)
	case "sources":
		f.Sources = d.sources(v)
	case "base_url":
		f.BaseURL = d.ref(name, v)
	case "date":
		f.Date = d.day(name, v)
	case "actors":
		f.Actors = d.refs(name, v)
	case "demands":
		f.Demands = d.refs(name, v)
	case "pivot":
		f.Pivot, f.PivotAt = d.bool(name, v), d.pos(k)
	case "key":
		f.Key = d.bool(name, v)
	case "status", "status_as_of", "status_note", "status_source":
		d.statusField(&f.Status, name, v)
	case "core":
		f.Core, f.corePos = d.bool(name, v), d.pos(k)
	case "colour":
		f.Colour = d.colour(name, v)
	case "takeaways":
		f.Takeaways = d.takeaways(name, v)
	case "headline_clashes":
		f.Headlines = d.headlines(name, v)
	case "outcome":
		f.Outcome = d.ref(name, v)
	case "languages":
		f.Languages = d.languages(name, v)
	case "params":
		if v.Kind != yaml.MappingNode {
			d.errf(v, "params: want a mapping, got %s", describe(v))
			return
		}
		if p, ok := d.value(v).(map[string]any); ok {
			f.Params = p
		}
	}
}

// deref follows aliases, counting nodes against maxNodes.
func (d *decoder) deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	d.nodes++
	if d.nodes == d.budget+1 {
		d.errf(n, "aliases expand the frontmatter by more than %d values (an alias bomb?)", maxNodes)
	}
	if d.nodes > d.budget {
		return nil
	}
	return n
}

// countNodes counts the nodes of a tree without following aliases.
func countNodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += countNodes(k)
	}
	return c
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!null":
		return "nothing"
	case "!!int":
		return "an integer"
	case "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!timestamp":
		return "a date"
	}
	return fmt.Sprintf("the string %q", n.Value)
}

// str decodes a text value. Only a string is text: `summary: 42`,
// `title: 2025-08-15` or `role: true` (and their TOML equivalents) are
// errors, not silently turned into "42", since a writer who meant text
// quotes it and one who did not made a mistake.
func (d *decoder) str(name string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		hint := ""
		if v.Kind == yaml.ScalarNode && v.Tag != "!!null" && v.Value != "" {
			hint = fmt.Sprintf(" (put it in quotes if you mean the text %q)", v.Value)
		}
		d.errf(v, "%s: want text, got %s%s", name, describe(v), hint)
		return "", false
	}
	return v.Value, true
}

func (d *decoder) int(name string, v *yaml.Node) int {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		if i, err := strconv.Atoi(v.Value); err == nil {
			return i
		}
	}
	d.errf(v, "%s: want an integer, got %s", name, describe(v))
	return 0
}

func (d *decoder) bool(name string, v *yaml.Node) bool {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!bool" {
		var b bool
		if err := v.Decode(&b); err == nil {
			return b
		}
	}
	d.errf(v, "%s: want true or false, got %s", name, describe(v))
	return false
}

func (d *decoder) date(name string, v *yaml.Node) time.Time {
	if v.Kind == yaml.ScalarNode && (v.Tag == "!!timestamp" || v.Tag == "!!str") {
		for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05"} {
			if t, err := time.Parse(layout, v.Value); err == nil {
				return t.UTC()
			}
		}
	}
	d.errf(v, "%s: want a date as YYYY-MM-DD, got %s", name, describe(v))
	return time.Time{}
}

func (d *decoder) ref(name string, v *yaml.Node) ref {
	s, ok := d.str(name, v)
	if !ok {
		return ref{}
	}
	if strings.TrimSpace(s) == "" {
		d.errf(v, "%s must not be empty", name)
		return ref{}
	}
	return ref{ID: s, Pos: d.pos(v)}
}

// relations decodes conflicts_with or aligned_with: a list of {demand,
// why} mappings. Every relation needs its why, the sentence a reader sees
// beside it, so a bare id is an error (kept in the list, so its id is
// still checked).
func (d *decoder) relations(name string, v *yaml.Node) []relRef {
	var out []relRef
	d.list(name, "a list of {demand, why} mappings", v, func(_ int, item *yaml.Node) {
		if item.Kind == yaml.ScalarNode {
			if r := d.ref(name, item); r.ID != "" {
				d.errf(item, "%s: %q needs a why: write it as {demand: %s, why: \"...\"}", name, r.ID, r.ID)
				out = append(out, relRef{ref: r})
			}
			return
		}
		if item.Kind != yaml.MappingNode {
			d.errf(item, "%s: want a {demand, why} mapping, got %s", name, describe(item))
			return
		}
		if r, ok := d.relation(name, item); ok {
			out = append(out, r)
		}
	})
	return out
}

func (d *decoder) relation(name string, m *yaml.Node) (relRef, bool) {
	var r relRef
	named, why := false, false
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], d.deref(m.Content[i+1])
		if v == nil {
			return r, false
		}
		switch k.Value {
		case "demand":
			r.ref, named = d.ref(name+".demand", v), true
		case "why":
			r.Why, why = d.text(name+".why", v), true
		default:
			d.unknownItemKey(k, name, []string{"demand", "why"}, "; an item has demand and why")
		}
	}
	if !named {
		d.errf(m, "%s: item has no demand", name)
	}
	if !why && r.ID != "" {
		d.errf(m, "%s: %q needs a why: add why: \"...\", the sentence readers see beside it", name, r.ID)
	}
	return r, r.ID != ""
}

func (d *decoder) sources(v *yaml.Node) []Source {
	var out []Source
	d.list("sources", "a list of {title, url, publisher, date}", v, func(_ int, item *yaml.Node) {
		if item.Kind != yaml.MappingNode {
			d.errf(item, "sources: want a {title, url, publisher, date} mapping, got %s", describe(item))
			return
		}
		if s, ok := d.source(item); ok {
			out = append(out, s)
		}
	})
	return out
}

func (d *decoder) source(m *yaml.Node) (Source, bool) {
	var s Source
	ok := true
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], d.deref(m.Content[i+1])
		if v == nil {
			return s, false
		}
		switch k.Value {
		case "title":
			var ok bool
			if s.Title, ok = d.str("sources.title", v); ok {
				d.checkTitle(v, s.Title)
			}
		case "url":
			s.URL, _ = d.str("sources.url", v)
			if u, err := url.Parse(s.URL); s.URL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
				d.errf(v, "sources.url: want an http or https URL, got %q", s.URL)
				ok = false
			}
		case "publisher":
			s.Publisher, _ = d.str("sources.publisher", v)
		case "date":
			s.Date = d.sourceDate(v)
		default:
			d.unknownItemKey(k, "sources", sourceKeys, "")
		}
	}
	if s.Title == "" {
		d.errf(m, "sources: item has no title")
		ok = false
	}
	if s.URL == "" {
		d.errf(m, "sources: item has no url")
		ok = false
	}
	return s, ok
}

func (d *decoder) sourceDate(v *yaml.Node) string {
	if v.Kind == yaml.ScalarNode {
		for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
			if _, err := time.Parse(layout, v.Value); err == nil {
				d.noteSourceDate(v, v.Value)
				return v.Value
			}
		}
	}
	d.errf(v, "sources.date: want YYYY-MM-DD, YYYY-MM or YYYY, got %s", describe(v))
	return ""
}

// value converts a node to plain Go values for params, following aliases
// within the node budget.
func (d *decoder) value(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v := d.deref(n.Content[i+1])
			if v == nil {
				return m
			}
			m[n.Content[i].Value] = d.value(v)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v := d.deref(c)
			if v == nil {
				return s
			}
			s = append(s, d.value(v))
		}
		return s
	}
	var out any
	if err := n.Decode(&out); err != nil {
		return n.Value
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
