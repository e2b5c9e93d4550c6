package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/markdown"
)

const newUsage = `usage: explainer new actor|demand|topic ID [-src .] [-actor A] [-topic T]

Writes content/<kind>s/ID.md, a draft with every field of its kind, a
comment saying what goes there and a TODO placeholder in each value to
write, then prints its path. The draft passes check at once, which warns
about each placeholder left (check -strict fails on them). It never
overwrites a file.
-actor and -topic (demands only) must name an actor and a topic of the site.
`

// newArgs are the parsed arguments of explainer new.
type newArgs struct {
	kind, id, src, actor, topic string
}

func runNew(args []string, stdout, stderr io.Writer) int {
	na, code, ok := parseNew(args, stderr)
	if !ok {
		return code
	}
	file, err := writeBrief(na)
	if err != nil {
		fmt.Fprintf(stderr, "explainer new: %v\n", err)
		var u usageError
		if errors.As(err, &u) {
			return ExitUsage
		}
		return ExitContent
	}
	fmt.Fprintln(stdout, file)
	return ExitOK
}

// usageError is an error in how the command was called, not in the site.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// parseNew reads the kind, the id and the flags, which may come before or
// after the id.
func parseNew(args []string, stderr io.Writer) (newArgs, int, bool) {
	var na newArgs
	fs := flagSet("new", stderr, newUsage)
	fs.StringVar(&na.src, "src", ".", "site root: the folder holding content/")
	fs.StringVar(&na.actor, "actor", "", "demands: the id of the actor making the demand")
	fs.StringVar(&na.topic, "topic", "", "demands: the id of the topic it is about")
	pos, code, ok := parsePositional(fs, args)
	if !ok {
		return na, code, false
	}
	fail := func(format string, a ...any) (newArgs, int, bool) {
		fmt.Fprintf(stderr, "explainer new: "+format+"\n\n", a...)
		fs.Usage()
		return na, ExitUsage, false
	}
	if len(pos) != 2 {
		return fail("want a kind and an id, got %d arguments", len(pos))
	}
	na.kind, na.id = pos[0], pos[1]
	if !slices.Contains([]string{"actor", "demand", "topic"}, na.kind) {
		return fail("unknown kind %q: want actor, demand or topic", na.kind)
	}
	if na.kind != "demand" && (na.actor != "" || na.topic != "") {
		return fail("-actor and -topic are for demands, not a %s", na.kind)
	}
	return na, 0, true
}

// writeBrief checks the arguments against the site and writes the brief,
// returning its path.
func writeBrief(na newArgs) (string, error) {
	if !content.ValidID(na.id) {
		return "", fmt.Errorf("bad id %q: ids are lower-case letters, digits and single hyphens, like %q",
			na.id, strings.Trim(markdown.Slug(na.id), "-"))
	}
	if fi, err := os.Stat(filepath.Join(na.src, content.Dir)); err != nil || !fi.IsDir() {
		return "", usageError{fmt.Sprintf("no %s/ folder in %s: run it in the site root or pass -src", content.Dir, na.src)}
	}
	site, _ := content.NewLoader(markdown.New()).Load(os.DirFS(na.src), content.Options{Drafts: true})
	data, err := scaffoldData(site, na)
	if err != nil {
		return "", err
	}
	text := scaffoldText(na.kind, na.id, data)
	dir := filepath.Join(na.src, content.Dir, na.kind+"s")
	file := filepath.Join(dir, na.id+".md")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists: new never overwrites a brief", file)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return "", fmt.Errorf("write %s: %w", file, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", file, err)
	}
	return file, nil
}

// newData is what a scaffold is made from.
type newData struct {
	Actor, Topic       string   // the ids given with -actor and -topic, or ""
	ActorTitle         string   // the actor's title, for the body's headings
	ActorIDs, TopicIDs string   // "europe, russia, ..." for the comments
	Example            string   // a demand id to show in the conflicts_with example
	Actors             []string // every actor's title, for a topic's headings
}

func scaffoldData(site *content.Site, na newArgs) (newData, error) {
	d := newData{Actor: na.actor, Topic: na.topic, Example: "other-demand-id"}
	var actors, topics []string
	for _, a := range site.Actors {
		if !a.Draft {
			actors = append(actors, a.Slug)
			d.Actors = append(d.Actors, a.Title)
		}
	}
	for _, t := range site.Topics {
		if !t.Draft {
			topics = append(topics, t.Slug)
		}
	}
	for _, dm := range site.Demands {
		if dm.Slug != na.id && !dm.Draft {
			d.Example = dm.Slug
			break
		}
	}
	d.ActorIDs, d.TopicIDs = idList(actors), idList(topics)
	if na.actor != "" {
		a := site.ActorByID(content.ActorID(na.actor))
		if err := refError("actor", na.actor, a == nil, a != nil && a.Draft, actors); err != nil {
			return d, err
		}
		d.ActorTitle = a.Title
	}
	if na.topic != "" {
		t := site.TopicByID(content.TopicID(na.topic))
		if err := refError("topic", na.topic, t == nil, t != nil && t.Draft, topics); err != nil {
			return d, err
		}
	}
	return d, nil
}

func refError(what, id string, missing, draft bool, ids []string) error {
	switch {
	case draft:
		return fmt.Errorf("%s %q is a draft: publish it first, or a published demand cannot point to it", what, id)
	case !missing:
		return nil
	}
	msg := fmt.Sprintf("unknown %s %q", what, id)
	if s := diag.Closest(id, ids); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	if len(ids) == 0 {
		return fmt.Errorf("%s; the site has no %ss yet: create one with explainer new %s ID", msg, what, what)
	}
	return fmt.Errorf("%s; the site's %ss are %s", msg, what, strings.Join(ids, ", "))
}

// idList joins ids for a comment, shortening long lists.
func idList(ids []string) string {
	const max = 8
	switch {
	case len(ids) == 0:
		return "none yet"
	case len(ids) > max:
		return strings.Join(ids[:max], ", ") + fmt.Sprintf(", ... (%d in all)", len(ids))
	}
	return strings.Join(ids, ", ")
}
