package content

import (
	"reflect"
	"time"

	"github.com/explainer/explainer/internal/deps"
	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/markdown"
)

// Kind is the kind of a page.
type Kind int

// The page kinds, in the order lists show them.
const (
	KindHome Kind = iota
	KindActor
	KindDemand
	KindTopic
	KindPage
	KindSection // the list page of a kind, e.g. /actors/
	KindEvent   // a dated entry of the timeline; it has no page of its own
)

var kindNames = [...]string{"home", "actor", "demand", "topic", "page", "section", "event"}

// String returns the kind's name as layouts use it ("demand").
func (k Kind) String() string { return kindNames[k] }

// ActorID, DemandID and TopicID name pages of one kind. They are distinct
// types so that an actor id can never be used where a topic is expected.
type (
	ActorID  string
	DemandID string
	TopicID  string
)

// Source is one entry of a page's sources list.
type Source struct {
	Title     string
	URL       string
	Publisher string
	Date      string // YYYY, YYYY-MM or YYYY-MM-DD, as written
}

// Page holds what every kind of page has. Actor, Demand and Topic embed it.
type Page struct {
	Kind Kind
	// Slug is the id as a plain string: the file name without .md.
	Slug string
	// File is the source path relative to the site root, e.g.
	// "content/demands/x.md". Empty for generated section pages.
	File string
	// Lang is the language of the page's text: its edition's, or the
	// default language's for a page not translated yet (lang.go).
	Lang    string
	Title   string
	Summary string
	Weight  int
	Draft   bool
	Updated time.Time
	Sources []Source
	Params  map[string]any
	// URL is the page's path on the site, base path included ("/summit/actors/russia/").
	URL string
	// Permalink is the absolute URL when the base URL has a host, else URL.
	Permalink string
	// Doc is the parsed body, with its relative links resolved.
	Doc *markdown.Doc
	// LinksTo lists the pages this page's body links to, each once.
	LinksTo []*Page
	// ReferencedBy lists the pages whose body links to this page.
	ReferencedBy []*Page
	// lines and bodyOff place Doc's links in File, for LinkPos.
	lines   *diag.Lines
	bodyOff int
}

// LinkPos returns the position in the page's file of a link of its Doc,
// so a later stage that finds the link broken (the output check) can
// report it where the writer wrote it.
func (p *Page) LinkPos(l *markdown.Link) diag.Pos {
	if p.lines == nil {
		return diag.Pos{File: p.File}
	}
	return p.lines.Pos(p.bodyOff + l.Offset)
}

// Actor is a party to the negotiations.
type Actor struct {
	Page
	ID   ActorID
	Role string
	// Colour is the actor's identity colour as written ("#1f5fa8", always
	// six lower-case hex digits), or "" for the layout's default.
	Colour  string
	Demands []*Demand
	// Events lists the timeline's events that name the actor, by date.
	Events []*Event
}

// Topic is an issue on which actors hold positions.
type Topic struct {
	Page
	ID      TopicID
	Demands []*Demand
}

// Relation links a demand to another, with the one-sentence reason.
type Relation struct {
	Demand *Demand
	Why    string
	// Headline is set on both sides of a conflict that the home page lists
	// under headline_clashes.
	Headline bool
}

// Demand is one aim of one actor on one topic.
type Demand struct {
	Page
	ID    DemandID
	Actor *Actor
	Topic *Topic
	// Core marks one of the two or three demands the home page shows for
	// its actor.
	Core bool
	// Conflicts and Alignments are mutual: if A lists B, B's list holds A
	// with the same why, whether or not B lists A.
	Conflicts  []Relation
	Alignments []Relation
	// Status is how the demand stands, as of StatusAsOf (see status.go);
	// the zero Status means the brief sets none.
	Status Status
	// Events lists the timeline's events that moved the demand, by date.
	Events []*Event
}

// Section is the list page of one kind (/actors/). Its text comes from an
// optional content/<kind>/_index.md.
type Section struct {
	Page
	Of Kind
}

// Takeaway is one line of the home page's key-takeaways box.
type Takeaway struct {
	Text string
	// Sources are the home page's sources entries that back the line.
	Sources []Source
}

// Headline is one clash the writer put on the home page: two demands that
// conflict, A first as written.
type Headline struct {
	A, B *Demand
	// Why is the reason A's page gives for the clash.
	Why string
}

// Site is the resolved content graph.
type Site struct {
	Home     *Page
	Actors   []*Actor
	Demands  []*Demand
	Topics   []*Topic
	Pages    []*Page // plain pages: about, method, ...
	Sections []*Section
	// Events is the timeline, in date order (then weight and title).
	Events []*Event
	// All lists every page, home first, then by kind and order.
	All []*Page
	// Updated is the latest Updated of any page.
	Updated time.Time
	// Takeaways are the home page's key takeaways, in the order written.
	Takeaways []Takeaway
	// Headlines are the clashes the home page leads with, central first:
	// the order of headline_clashes.
	Headlines []Headline
	// Outcome is the plain page the home page sums up as the outcome in
	// brief (its outcome field), or nil.
	Outcome *Page
	// Base is the base path, ending in "/"; Origin is "scheme://host" of a
	// full base URL, or "" when the base URL is a path.
	Base, Origin string
	// Root is the base path of the whole site, where the static files,
	// the sitemap and the data export are: Base but in a language
	// edition, whose Base ends in its code ("/uk/").
	Root string
	// Lang is the language of this edition; Languages lists every
	// language of the site, the default first, or is nil for a site that
	// declares none (lang.go).
	Lang      Language
	Languages []Language
	// Translations are the editions in the other languages, in the order
	// of Languages; set on the default language's site only.
	Translations []*Site
}

// ActorByID returns the actor with the given id, or nil. It exists for
// Go code such as tests and the CLI; templates walk pointers instead.
func (s *Site) ActorByID(id ActorID) *Actor {
	for _, a := range s.Actors {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// DemandByID returns the demand with the given id, or nil.
func (s *Site) DemandByID(id DemandID) *Demand {
	for _, d := range s.Demands {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// TopicByID returns the topic with the given id, or nil.
func (s *Site) TopicByID(id TopicID) *Topic {
	for _, t := range s.Topics {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// DemandsOn returns the actor's demands on the topic, in order.
func (a *Actor) DemandsOn(t *Topic) []*Demand {
	var out []*Demand
	for _, d := range a.Demands {
		if d.Topic == t {
			out = append(out, d)
		}
	}
	return out
}

// Methods declares what the methods layouts may call read (package deps).
var Methods = []deps.Method{
	{Type: reflect.TypeFor[Site](), Name: "ActorByID", Reads: []string{"Actors[].ID"}, Result: "Actors[]"},
	{Type: reflect.TypeFor[Site](), Name: "DemandByID", Reads: []string{"Demands[].ID"}, Result: "Demands[]"},
	{Type: reflect.TypeFor[Site](), Name: "TopicByID", Reads: []string{"Topics[].ID"}, Result: "Topics[]"},
	{Type: reflect.TypeFor[Actor](), Name: "DemandsOn", Reads: []string{"Demands[].Topic"}, Result: "Demands"},
	{Type: reflect.TypeFor[Actor](), Name: "Tally", Reads: []string{"Demands[].Status"}},
	{Type: reflect.TypeFor[Page](), Name: "CitesOf", Reads: []string{"Doc"}},
	{Type: reflect.TypeFor[Site](), Name: "Pivot", Reads: []string{"Events[].Pivot"}, Result: "Events[]"},
	{Type: reflect.TypeFor[Site](), Name: "EventsBefore", Reads: []string{"Events[].Pivot", "Events[].After"}, Result: "Events"},
	{Type: reflect.TypeFor[Site](), Name: "EventsAfter", Reads: []string{"Events[].After"}, Result: "Events"},
	{Type: reflect.TypeFor[Site](), Name: "KeyEvents", Reads: []string{"Events[].Key"}, Result: "Events"},
	{Type: reflect.TypeFor[Language](), Name: "Locale", Reads: []string{"Code"}},
}
