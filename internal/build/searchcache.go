package build

import (
	"bytes"
	"context"

	"github.com/explainer/explainer/internal/markdown"
)

// searchIndexPath is the generated file searchCache makes.
const searchIndexPath = "search-index.json"

// searchCache keeps each page's encoded entry of /search-index.json
// between builds, so that after an edit only the entries of the pages that
// changed are encoded again. The index it makes is byte-identical to
// searchIndex's: a JSON array encodes as its elements' encodings joined
// with commas.
type searchCache struct {
	entries map[string]searchCached // by URL
}

type searchCached struct {
	entry searchEntry // without Text, which doc stands for
	doc   *markdown.Doc
	json  []byte
}

// index returns the search index of jobs, or ctx's error when ctx is
// done first.
func (c *searchCache) index(ctx context.Context, jobs []job) ([]byte, error) {
	if c.entries == nil {
		c.entries = map[string]searchCached{}
	}
	seen := make(map[string]bool, len(c.entries))
	parts := make([][]byte, 0, len(jobs))
	size := len("[]\n")
	for i, j := range jobs {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !listed(j) {
			continue
		}
		p := j.view.Page
		e := searchEntry{URL: p.URL, Title: p.Title, Summary: p.Summary, Kind: j.kind}
		cached, ok := c.entries[p.URL]
		if !ok || cached.entry != e || cached.doc != p.Doc {
			full := e
			if p.Doc != nil {
				full.Text = p.Doc.Text()
			}
			b, err := marshalJSON(full, "")
			if err != nil {
				return nil, err
			}
			cached = searchCached{entry: e, doc: p.Doc, json: bytes.TrimSuffix(b, []byte("\n"))}
			c.entries[p.URL] = cached
		}
		seen[p.URL] = true
		parts = append(parts, cached.json)
		size += len(cached.json) + 1
	}
	out := make([]byte, 0, size) // one allocation: the index is megabytes
	out = append(out, '[')
	for i, b := range parts {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, b...)
	}
	out = append(out, "]\n"...)
	for u := range c.entries {
		if !seen[u] {
			delete(c.entries, u)
		}
	}
	return out, nil
}
