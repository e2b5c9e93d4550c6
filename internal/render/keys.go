package render

import (
	"maps"
	"slices"
	"text/template/parse"

	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/i18n"
)

// A use is a T (or TJSON) call with a literal key, where a layout makes
// it.
type use struct {
	key string
	pos diag.Pos
}

// uses finds the T calls with a literal key in every layout file read,
// from the files' parse trees, in file order.
func (ts *Templates) uses() []use {
	var out []use
	for _, file := range ts.Files {
		lines := ts.lines[file]
		set := map[string]*parse.Tree{}
		t := parse.New(file)
		t.Mode = parse.SkipFuncCheck
		if _, err := t.Parse(ts.src[file], "", "", set); err != nil {
			continue // reported by the html/template parse
		}
		for _, name := range slices.Sorted(maps.Keys(set)) {
			walk(set[name].Root, func(c *parse.CommandNode) {
				if len(c.Args) < 2 {
					return
				}
				id, ok := c.Args[0].(*parse.IdentifierNode)
				key, lit := c.Args[1].(*parse.StringNode)
				if ok && lit && (id.Ident == "T" || id.Ident == "TJSON") {
					out = append(out, use{key.Text, ts.named(lines.Pos(int(key.Pos)))})
				}
			})
		}
	}
	return out
}

// walk calls f on every command below n.
func walk(n parse.Node, f func(*parse.CommandNode)) {
	switch x := n.(type) {
	case *parse.ListNode:
		if x != nil {
			for _, c := range x.Nodes {
				walk(c, f)
			}
		}
	case *parse.ActionNode:
		walk(x.Pipe, f)
	case *parse.PipeNode:
		if x != nil {
			for _, c := range x.Cmds {
				walk(c, f)
			}
		}
	case *parse.CommandNode:
		f(x)
		for _, a := range x.Args {
			walk(a, f)
		}
	case *parse.IfNode:
		walkBranch(&x.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&x.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&x.BranchNode, f)
	case *parse.TemplateNode:
		walk(x.Pipe, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(*parse.CommandNode)) {
	walk(b.Pipe, f)
	walk(b.List, f)
	walk(b.ElseList, f)
}

// checkKeys reports each T call whose literal key a declared language's
// strings lack, at the call, naming the site's file for the language (the
// file to add it to, over the theme's); and, as
// a warning at the string, each string of a site's own i18n file that no
// layout names (the theme's own strings are the theme's business).
func (ts *Templates) checkKeys(codes []string, bundles map[string]*i18n.Bundle) diag.List {
	var l diag.List
	uses := ts.uses()
	used := map[string]bool{}
	for _, u := range uses {
		used[u.key] = true
	}
	for _, code := range codes {
		b := bundles[code]
		if b == nil {
			continue // i18n.Load reported why
		}
		for _, u := range uses {
			if !b.Has(u.key) {
				l.Addf(u.pos, "string %q is missing from %s", u.key, i18n.File(code))
			}
		}
		for _, k := range b.Keys() {
			if p, site := b.Pos(k); site && !used[k] {
				l.Warnf(p, "no layout uses the string %q (T %q)", k, k)
			}
		}
	}
	return l
}
