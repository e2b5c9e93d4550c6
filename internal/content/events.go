package content

import (
	"sort"
	"time"

	"github.com/explainer/explainer/internal/diag"
)

// EventID names an event: its file name without .md.
type EventID string

// TimelinePath is where the timeline is published, relative to the base
// URL; each event is the fragment #<id> of it.
const TimelinePath = "timeline/"

// Event is one dated entry of the timeline (content/events/<id>.md). It
// has no page of its own: its URL is its place on the timeline, and its
// text is its title and summary, backed by its sources.
type Event struct {
	Page
	ID   EventID
	Date time.Time
	// Actors and Demands are the actors involved and the demands the event
	// moved; each of them lists the event back.
	Actors  []*Actor
	Demands []*Demand
	// Pivot marks the turning point the timeline is told around (the
	// summit); After is set on the events that come after it.
	Pivot, After bool
	// Key marks the few dates the home page's teaser shows.
	Key bool
}

// Pivot returns the event marked pivot, or nil.
func (s *Site) Pivot() *Event {
	for _, e := range s.Events {
		if e.Pivot {
			return e
		}
	}
	return nil
}

// EventsBefore lists the events before the pivot, or all of them when
// there is no pivot.
func (s *Site) EventsBefore() []*Event {
	var out []*Event
	for _, e := range s.Events {
		if !e.Pivot && !e.After {
			out = append(out, e)
		}
	}
	return out
}

// EventsAfter lists the events after the pivot.
func (s *Site) EventsAfter() []*Event {
	var out []*Event
	for _, e := range s.Events {
		if e.After {
			out = append(out, e)
		}
	}
	return out
}

// KeyEvents lists the events marked key, in date order.
func (s *Site) KeyEvents() []*Event {
	var out []*Event
	for _, e := range s.Events {
		if e.Key {
			out = append(out, e)
		}
	}
	return out
}

// events resolves each event's actors and demands, lists the event on
// each of them, orders the timeline and marks what comes after the pivot.
func (r *resolver) events() {
	var pivot *Event
	for _, e := range r.site.Events {
		p := r.parsedOf[&e.Page]
		for _, ref := range p.fields.Actors {
			if a := r.actorRef(ref); a != nil && !containsPtr(e.Actors, a) {
				e.Actors = append(e.Actors, a)
			}
		}
		for _, ref := range p.fields.Demands {
			if d := r.demandRef(ref); d != nil && !containsPtr(e.Demands, d) {
				e.Demands = append(e.Demands, d)
			}
		}
		if e.Pivot {
			if pivot != nil {
				first := r.parsedOf[&pivot.Page].fields.PivotAt
				r.addNote(p.fields.PivotAt, "a second pivot: the timeline turns on one event",
					diag.Note{Pos: first, Msg: "the first pivot is here"})
				e.Pivot = false
			} else {
				pivot = e
			}
		}
	}
	r.orderEvents()
}

// orderEvents sorts the timeline and each list of events, and marks the
// events after the pivot. It runs again when a title changes.
func (r *resolver) orderEvents() {
	s := r.site
	sort.SliceStable(s.Events, func(i, j int) bool {
		a, b := s.Events[i], s.Events[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return less(&a.Page, &b.Page)
	})
	after := false
	for _, a := range s.Actors {
		a.Events = a.Events[:0]
	}
	for _, d := range s.Demands {
		d.Events = d.Events[:0]
	}
	for _, e := range s.Events {
		e.After = after
		after = after || e.Pivot
		for _, a := range e.Actors {
			a.Events = append(a.Events, e)
		}
		for _, d := range e.Demands {
			d.Events = append(d.Events, e)
		}
	}
}

// demandRef resolves a reference to a demand, reporting an unknown one
// (a draft's id is allowed).
func (r *resolver) demandRef(ref ref) *Demand {
	if d := r.demands[ref.ID]; d != nil {
		return d
	}
	if !r.draftRef(ref.Pos, "demands", ref.ID) {
		r.unknown(ref.Pos, "demand", ref.ID, keys(r.demands))
	}
	return nil
}

func containsPtr[T comparable](list []T, x T) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}
