package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/explainer/explainer/internal/content"
)

// line is one line of a scaffold's frontmatter and the comment beside it.
type line struct{ text, comment string }

// scaffoldText returns a new brief of the kind, as Hugo's archetypes do:
// a draft that passes check at once. Its frontmatter lists every field of
// the kind with a comment saying what goes there. The title is made from
// the id; every other required value, and each field of a source, holds a
// visible placeholder ("TODO: summary", content.Placeholder) that
// check reports as a warning while the brief is a draft (check -strict
// fails on it) and as an error once it is published. Optional fields hold a valid default. The body holds
// the site's usual headings, with HTML comments (never shown to readers)
// as prompts.
func scaffoldText(kind, id string, d newData) string {
	todo := func(what string) string { return strconv.Quote(content.Placeholder + ": " + what) }
	lines := []line{
		{"title: " + strconv.Quote(titleFromID(id)), `required: plain words, e.g. "Lifting Western sanctions"`},
		{"summary: " + todo("summary"), "required: one or two neutral sentences, shown in lists and search"},
		{"weight: 0", "optional: orders lists, lowest first; 0 lists it after the weighted ones"},
		{"draft: true", "delete this line to publish, once no TODO is left"},
		{"# updated: 2025-09-30", "optional: YYYY-MM-DD; without it, the date of this file's last git commit"},
	}
	switch kind {
	case "actor":
		lines = append(lines, line{"role: " + todo("role"), `its part in one line, e.g. "Mediator; hosts the talks"`})
	case "demand":
		lines = append(lines,
			line{"actor: " + idOrTodo(d.Actor, "actor id"), "required: who makes the demand: " + d.ActorIDs},
			line{"topic: " + idOrTodo(d.Topic, "topic id"), "required: what it is about: " + d.TopicIDs},
			line{"conflicts_with: []", "demands that cannot both be met, each with a one-sentence why:"},
			line{"#  - demand: " + d.Example, ""},
			line{`#    why: "Why the two cannot both be met, in one neutral sentence."`, ""},
			line{"aligned_with: []", "demands pulling the same way, in the same shape as conflicts_with"},
			line{"# status: open", "optional, once there is news: met, partly, unmet or open"},
			line{"# status_as_of: 2025-09-30", "with status: the date the status describes"},
			line{`# status_note: ""`, "with status: one sourced sentence on what happened"},
			line{`# status_source: ""`, "with status, unless open: the url of the source backing the note"},
		)
	}
	lines = append(lines,
		line{"sources:", "every fact on the page needs one; name the agency behind a reprint"},
		line{"  - title: " + todo("headline"), "required: the headline or document title"},
		line{"    url: " + strconv.Quote("https://example.org/"+content.Placeholder), "required: an http or https link"},
		line{"    publisher: " + todo("publisher"), `the outlet, e.g. "CNA (Reuters)"`},
		line{"    # date: 2025-08-16", "YYYY-MM-DD, YYYY-MM or YYYY"},
		line{"params: {}", "optional: free-form values for layouts"},
	)
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("# A draft: it stays off the site until you delete the draft line.\n")
	b.WriteString("# Replace every TODO; explainer check warns about those left.\n")
	b.WriteString("# docs/writing.md explains every field.\n")
	for _, l := range lines {
		if l.comment == "" {
			fmt.Fprintln(&b, l.text)
			continue
		}
		fmt.Fprintf(&b, "%-28s # %s\n", l.text, l.comment)
	}
	b.WriteString("---\n")
	for _, s := range bodySections(kind, d) {
		fmt.Fprintf(&b, "\n## %s\n\n<!-- %s -->\n", s[0], s[1])
	}
	return b.String()
}

// titleFromID makes a first title from an id: "russia-lift-sanctions"
// becomes "Russia lift sanctions".
func titleFromID(id string) string {
	t := strings.ReplaceAll(id, "-", " ")
	return strings.ToUpper(t[:1]) + t[1:]
}

// idOrTodo is a reference given with a flag, or a placeholder.
func idOrTodo(id, what string) string {
	if id != "" {
		return strconv.Quote(id)
	}
	return strconv.Quote(content.Placeholder + ": " + what)
}

// bodySections returns the headings and prompts of a new brief's body.
func bodySections(kind string, d newData) [][2]string {
	switch kind {
	case "actor":
		return [][2]string{
			{"Who speaks for it", "Who negotiates and who decides; name them and their posts."},
			{"What it could offer", "Concessions it has floated, attributed to whoever floated them."},
			{"What it says it cannot accept", "Its red lines, in its own words, with the date it stated them."},
		}
	case "demand":
		who := "the actor"
		if d.ActorTitle != "" {
			who = d.ActorTitle
		}
		return [][2]string{
			{"What " + who + " is asking for", `The demand in the actor's own terms, attributed: "Moscow says ...".`},
			{"Why " + who + " wants it", "The actor's stated reasons, at their strongest."},
			{"How the others answered", "Each other actor's response, with dates and sources."},
			{"What would have to give", "What a compromise would require of whom."},
		}
	}
	s := [][2]string{{"What is at stake", "The issue in plain words, and why it matters to a settlement."}}
	for _, a := range d.Actors {
		s = append(s, [2]string{a + "'s position", "Link its demands on this topic, e.g. [x](../demands/x.md)."})
	}
	return s
}
