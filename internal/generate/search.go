package generate

import (
	"bytes"
	"context"

	"github.com/explainer/explainer/internal/markdown"
)

// SearchIndexPath is the search index's path in the output.
const SearchIndexPath = "search-index.json"

// searchEntry is one page of /search-index.json.
type searchEntry struct {
	URL     string `json:"url"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Kind    string `json:"kind"`
	Text    string `json:"text"`
}

// searchIndex lists every listed page with its visible body text, in
// order, for the browser-side search: a JSON array, which encodes as its
// elements' encodings joined with commas. With a SearchCache, only the
// entries of the pages that changed since the last call are encoded.
func searchIndex(in *Input) ([]byte, error) {
	c := in.Search
	if c == nil {
		c = &SearchCache{}
	}
	ctx := in.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return c.index(ctx, in.Pages)
}

// SearchCache keeps each page's encoded entry of /search-index.json
// between builds. One goroutine uses it at a time.
type SearchCache struct {
	entries map[string]searchCached // by URL
}

type searchCached struct {
	entry searchEntry // without Text, which doc stands for
	doc   *markdown.Doc
	json  []byte
}

// index returns the search index of jobs, or ctx's error when ctx is
// done first.
func (c *SearchCache) index(ctx context.Context, pages []Listed) ([]byte, error) {
	if c.entries == nil {
		c.entries = map[string]searchCached{}
	}
	seen := make(map[string]bool, len(c.entries))
	parts := make([][]byte, 0, len(pages))
	size := len("[]\n")
	for i, l := range pages {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		p := l.Page
		e := searchEntry{URL: p.URL, Title: p.Title, Summary: p.Summary, Kind: l.Kind}
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
		// The cache keeps the entry's bytes in the index itself, which the
		// output holds anyway, rather than a copy of each (50 MB at 10,000
		// demands); the next index re-points them into itself.
		p := pages[i].Page.URL
		e := c.entries[p]
		e.json = out[len(out)-len(b) : len(out) : len(out)]
		c.entries[p] = e
	}
	out = append(out, "]\n"...)
	for u := range c.entries {
		if !seen[u] {
			delete(c.entries, u)
		}
	}
	return out, nil
}
