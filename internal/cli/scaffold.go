package cli

import (
	"fmt"
	"strconv"
	"strings"
)

// line is one line of a scaffold's frontmatter and the comment beside it.
type line struct{ text, comment string }

// scaffoldText returns a new brief of the kind. Its frontmatter lists every
// field of the kind: required values are left empty so that check points at
// each until a writer fills it in, optional ones hold a valid default, and
// every line says what goes there. The body holds the site's usual
// headings, with HTML comments (never shown to readers) as prompts.
func scaffoldText(kind string, d newData) string {
	lines := []line{
		{`title: ""`, `required: plain words, e.g. "Lifting Western sanctions"`},
		{`summary: ""`, "required: one or two neutral sentences, shown in lists and search"},
		{"weight: 0", "optional: orders lists, lowest first; 0 lists it after the weighted ones"},
		{"draft: false", "optional: true keeps it off the site until it is ready"},
		{"# updated: 2025-09-30", "optional: YYYY-MM-DD; without it, the date of this file's last git commit"},
	}
	switch kind {
	case "actor":
		lines = append(lines, line{`role: ""`, `optional: its part in one line, e.g. "Mediator; hosts the talks"`})
	case "demand":
		lines = append(lines,
			line{"actor: " + strconv.Quote(d.Actor), "required: who makes the demand: " + d.ActorIDs},
			line{"topic: " + strconv.Quote(d.Topic), "required: what it is about: " + d.TopicIDs},
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
		line{`  - title: ""`, "required: the headline or document title"},
		line{`    url: ""`, "required: an http or https link"},
		line{`    publisher: ""`, `the outlet, e.g. "CNA (Reuters)"`},
		line{`    date: ""`, "YYYY-MM-DD, YYYY-MM or YYYY"},
		line{"params: {}", "optional: free-form values for layouts"},
	)
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("# Fill in every \"\" below, then run: go run ./cmd/explainer check\n")
	b.WriteString("# It points at each value still missing. docs/writing.md explains every field.\n")
	for _, l := range lines {
		if l.comment == "" {
			fmt.Fprintln(&b, l.text)
			continue
		}
		fmt.Fprintf(&b, "%-22s # %s\n", l.text, l.comment)
	}
	b.WriteString("---\n")
	for _, s := range bodySections(kind, d) {
		fmt.Fprintf(&b, "\n## %s\n\n<!-- %s -->\n", s[0], s[1])
	}
	return b.String()
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
