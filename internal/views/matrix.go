package views

import "github.com/explainer/explainer/internal/content"

// Matrix is the positions grid: one row per topic, one column per actor.
// On a split site (see Split) Rows is empty and Index lists the topics,
// whose own pages show each row.
type Matrix struct {
	Actors []*content.Actor
	Rows   []Row
	Index  []TopicCount
}

// TopicCount is one topic's line on a split site's matrix index.
type TopicCount struct {
	Topic *content.Topic
	// Actors counts the actors with a demand on the topic; Clashes the
	// topic's demands that clash with another actor's.
	Actors, Clashes int
}

// Row is one topic's line of the matrix.
type Row struct {
	Topic *content.Topic
	Cells []Cell
}

// Cell holds one actor's demands on one topic.
type Cell struct {
	Actor   *content.Actor
	Topic   *content.Topic
	Entries []Entry
}

// Contested reports whether any demand of the cell clashes with another
// actor's demand.
func (c Cell) Contested() bool {
	for _, e := range c.Entries {
		if len(e.Clashes) > 0 {
			return true
		}
	}
	return false
}

// Headline reports whether a demand of the cell is in a headline clash.
func (c Cell) Headline() bool {
	for _, e := range c.Entries {
		if e.Headline() {
			return true
		}
	}
	return false
}

// Entry is one demand in a cell, with its clashes with other actors'
// demands (same-actor tensions are left to the demand's own page).
type Entry struct {
	Demand  *content.Demand
	Clashes []content.Relation
}

// Headline reports whether one of the entry's clashes is a headline clash.
func (e Entry) Headline() bool {
	for _, r := range e.Clashes {
		if r.Headline {
			return true
		}
	}
	return false
}

// Against returns the actors the entry clashes with, each once.
func (e Entry) Against() []*content.Actor { return Against(e.Demand) }

// NewMatrix lays the site's demands out by topic and actor, in site order,
// or, for a split site, lists the topics.
func NewMatrix(site *content.Site) *Matrix {
	m := &Matrix{Actors: site.Actors}
	if Split(site) {
		for _, t := range site.Topics {
			c := TopicCount{Topic: t}
			var last *content.Actor
			for _, d := range t.Demands {
				if d.Actor != last {
					c.Actors++
					last = d.Actor
				}
				if len(crossActor(d)) > 0 {
					c.Clashes++
				}
			}
			m.Index = append(m.Index, c)
		}
		return m
	}
	for _, t := range site.Topics {
		row := Row{Topic: t}
		for _, a := range site.Actors {
			cell := Cell{Actor: a, Topic: t}
			for _, d := range a.DemandsOn(t) {
				cell.Entries = append(cell.Entries, Entry{Demand: d, Clashes: crossActor(d)})
			}
			row.Cells = append(row.Cells, cell)
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

func crossActor(d *content.Demand) []content.Relation {
	var out []content.Relation
	for _, r := range d.Conflicts {
		if r.Demand.Actor != d.Actor {
			out = append(out, r)
		}
	}
	return out
}

// Position is one actor's demands on one topic.
type Position struct {
	Actor   *content.Actor
	Demands []*content.Demand
}

// Positions returns every actor's position on the topic, side by side in
// actor order; an actor with no demand on it has an empty Demands.
func Positions(site *content.Site, t *content.Topic) []Position {
	out := make([]Position, 0, len(site.Actors))
	for _, a := range site.Actors {
		out = append(out, Position{Actor: a, Demands: a.DemandsOn(t)})
	}
	return out
}
