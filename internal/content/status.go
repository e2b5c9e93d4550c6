package content

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/explainer/explainer/internal/diag"
)

// State is how far a demand was met: one of the States, or "" when the
// brief sets no status.
type State string

// The states a demand's status can take.
const (
	Met    State = "met"
	Partly State = "partly"
	Unmet  State = "unmet"
	Open   State = "open"
)

// States lists the states in the order scorecards show them.
var States = []State{Met, Partly, Unmet, Open}

var stateLabels = map[State]string{Met: "Met", Partly: "Partly met", Unmet: "Not met", Open: "Open"}

// Label is the state as readers see it ("Partly met"), or "Not assessed".
func (s State) Label() string {
	if l, ok := stateLabels[s]; ok {
		return l
	}
	return "Not assessed"
}

// Status is the "wanted vs got" of a demand: its State as of a date, in
// one sourced sentence.
type Status struct {
	State State
	AsOf  time.Time
	Note  string
	// Source is the entry of the brief's sources that backs Note, and
	// SourceNum its 1-based number in that list; nil and 0 for an open
	// status that names none.
	Source    *Source
	SourceNum int
}

// status is the status fields as decoded, with the positions that later
// checks report at.
type status struct {
	State           State
	AsOf            time.Time
	Note, SourceURL string
	urlPos          *yaml.Node
	hasState        bool
}

// statusField decodes one of the status keys of a demand.
func (d *decoder) statusField(st *status, name string, v *yaml.Node) {
	switch name {
	case "status":
		st.hasState = true
		s, ok := d.str(name, v)
		if !ok {
			return
		}
		for _, x := range States {
			if State(s) == x {
				st.State = x
				return
			}
		}
		names := make([]string, len(States))
		for i, x := range States {
			names[i] = string(x)
		}
		msg := fmt.Sprintf("unknown status %q", s)
		if c := diag.Closest(strings.ToLower(s), names); c != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", c)
		}
		d.errf(v, "%s; want met, partly, unmet or open", msg)
	case "status_as_of":
		st.AsOf = d.day(name, v)
	case "status_note":
		st.Note = d.text(name, v)
	case "status_source":
		st.SourceURL, _ = d.str(name, v)
		st.urlPos = v
	}
}

// checkStatus checks that the status fields of a demand go together: a
// status has a date and a note, and unless it is open, the url of the
// source in the brief's sources that backs the note.
func (d *decoder) checkStatus(f *fields, seen map[string]*yaml.Node) {
	st := &f.Status
	defer func() { st.urlPos = nil }() // the cached parse keeps no node tree
	if !st.hasState {
		for _, k := range []string{"status_as_of", "status_note", "status_source"} {
			if seen[k] != nil {
				d.errf(seen[k], "%s without status: add status: met, partly, unmet or open", k)
			}
		}
		return
	}
	need := []string{"status_as_of", "status_note"}
	if st.State != Open {
		need = append(need, "status_source")
	}
	for _, k := range need {
		if seen[k] == nil {
			d.errf(seen["status"], "status needs %s too", k)
		}
	}
	if st.urlPos == nil || st.SourceURL == "" {
		return
	}
	var urls []string
	for _, s := range f.Sources {
		if s.URL == st.SourceURL {
			return
		}
		urls = append(urls, s.URL)
	}
	msg := fmt.Sprintf("status_source %q is not the url of one of this brief's sources", st.SourceURL)
	if c := diag.Closest(st.SourceURL, urls); c != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", c)
	}
	d.errf(st.urlPos, "%s", msg)
}

// day decodes a date that must be a calendar day, YYYY-MM-DD.
func (d *decoder) day(name string, v *yaml.Node) time.Time {
	if v.Kind == yaml.ScalarNode && (v.Tag == "!!timestamp" || v.Tag == "!!str") {
		if t, err := time.Parse(time.DateOnly, v.Value); err == nil {
			return t
		}
	}
	d.errf(v, "%s: want a date as YYYY-MM-DD, got %s", name, describe(v))
	return time.Time{}
}

// refs decodes a list of ids.
func (d *decoder) refs(name string, v *yaml.Node) []ref {
	if v.Kind != yaml.SequenceNode {
		d.errf(v, "%s: want a list of ids, got %s", name, describe(v))
		return nil
	}
	var out []ref
	for _, item := range v.Content {
		if item = d.deref(item); item == nil {
			return out
		}
		if r := d.ref(name, item); r.ID != "" {
			out = append(out, r)
		}
	}
	return out
}

// resolveStatus gives the demand its status, the source found by url.
func (d *Demand) resolveStatus(st status) {
	if st.State == "" {
		return
	}
	d.Status = Status{State: st.State, AsOf: st.AsOf, Note: st.Note}
	for i := range d.Sources {
		if st.SourceURL != "" && d.Sources[i].URL == st.SourceURL {
			d.Status.Source, d.Status.SourceNum = &d.Sources[i], i+1
			return
		}
	}
}

// Tally counts an actor's demands by state.
type Tally struct {
	Met, Partly, Unmet, Open, None int
}

// Tally counts the actor's demands by the state of their status.
func (a *Actor) Tally() Tally {
	var t Tally
	for _, d := range a.Demands {
		switch d.Status.State {
		case Met:
			t.Met++
		case Partly:
			t.Partly++
		case Unmet:
			t.Unmet++
		case Open:
			t.Open++
		default:
			t.None++
		}
	}
	return t
}
