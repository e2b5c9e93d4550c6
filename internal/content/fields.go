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
}

// keys lists the frontmatter keys each kind accepts.
var (
	commonKeys = []string{"title", "summary", "weight", "draft", "updated", "sources", "params"}
	kindKeys   = map[Kind][]string{
		KindActor:  {"role"},
		KindDemand: {"actor", "topic", "conflicts_with", "aligned_with"},
		KindHome:   {"base_url"},
	}
	keyOwner = map[string]string{
		"role": "actors", "actor": "demands", "topic": "demands",
		"conflicts_with": "demands", "aligned_with": "demands",
		"base_url": "the home page (content/_index.md)",
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
	updated    *yaml.Node
	newest     time.Time
	newestDate string
	newestPos  diag.Pos
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
		d.field(&f, name, k, v)
	}
	d.required(seen)
	d.checkUpdated(f.Updated)
	d.placeholders(root, f)
	return f
}

func (d *decoder) unknownKey(k *yaml.Node, name string, allowed []string) {
	if owner, ok := keyOwner[name]; ok {
		d.errf(k, "key %q is only allowed on %s, not on a %s", name, owner, d.kind)
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
	if d.kind == KindDemand {
		need = append(need, "actor", "topic")
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
	if v.Kind != yaml.SequenceNode {
		d.errf(v, "%s: want a list of {demand, why} mappings, got %s", name, describe(v))
		return nil
	}
	var out []relRef
	for _, item := range v.Content {
		if item = d.deref(item); item == nil {
			return out
		}
		if item.Kind == yaml.ScalarNode {
			if r := d.ref(name, item); r.ID != "" {
				d.errf(item, "%s: %q needs a why: write it as {demand: %s, why: \"...\"}", name, r.ID, r.ID)
				out = append(out, relRef{ref: r})
			}
			continue
		}
		if item.Kind != yaml.MappingNode {
			d.errf(item, "%s: want a {demand, why} mapping, got %s", name, describe(item))
			continue
		}
		if r, ok := d.relation(name, item); ok {
			out = append(out, r)
		}
	}
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
			hint := ""
			if s := diag.Closest(k.Value, []string{"demand", "why"}); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.errf(k, "%s: unknown key %q%s; an item has demand and why", name, k.Value, hint)
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
	if v.Kind != yaml.SequenceNode {
		d.errf(v, "sources: want a list of {title, url, publisher, date}, got %s", describe(v))
		return nil
	}
	var out []Source
	for _, item := range v.Content {
		if item = d.deref(item); item == nil {
			return out
		}
		if item.Kind != yaml.MappingNode {
			d.errf(item, "sources: want a {title, url, publisher, date} mapping, got %s", describe(item))
			continue
		}
		if s, ok := d.source(item); ok {
			out = append(out, s)
		}
	}
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
			hint := ""
			if c := diag.Closest(k.Value, sourceKeys); c != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", c)
			}
			d.errf(k, "sources: unknown key %q%s", k.Value, hint)
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
