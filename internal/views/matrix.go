package views

import "github.com/explainer/explainer/internal/content"

// Matrix is the positions grid: one row per topic, one column per actor.
type Matrix struct {
	Actors []*content.Actor
	Rows   []Row
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

// Entry is one demand in a cell, with its clashes with other actors'
// demands (same-actor tensions are left to the demand's own page).
type Entry struct {
	Demand  *content.Demand
	Clashes []content.Relation
}

// NewMatrix lays the site's demands out by topic and actor, in site order.
func NewMatrix(site *content.Site) *Matrix {
	m := &Matrix{Actors: site.Actors}
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
