// Package markdown parses brief bodies with goldmark and renders them to HTML.
//
// Parsing happens once per file, at load time, because validation needs what
// only the syntax tree knows: every heading id (the targets of #anchors) and
// every link destination with its byte offset (so a broken link is reported
// at its line and column). Parse also renders the tree at once and then
// drops it: the HTML keeps a slot for each link destination, filled in by
// Render with the final URL the content package set with Link.SetDest
// after resolving each relative .md link. The visible text (for search) is
// collected at the same time, and so are the citations ([@2], cite.go),
// rendered as numbered links to the page's source list; which numbers
// exist is for the caller to check against the frontmatter. So each body is parsed and rendered exactly
// once, on the loader's worker pool, and a loaded site holds HTML rather
// than syntax trees, which are many times larger.
//
// Rendering is safe by default: raw HTML is never passed through, and links
// or images whose scheme can run code or smuggle content (javascript:,
// vbscript:, file:, data:) are reported and replaced by their text at parse
// time, so they can never be emitted as live links.
//
// Parsing time grows with how deeply lists and block quotes nest (goldmark
// is quadratic to cubic in the depth), so callers check TooDeep first and
// report its offset instead of parsing: no line's indentation and list or
// quote markers may span more than MaxPrefix columns. goldmark's inline
// parser is also quadratic on some paragraphs (runs of emphasis markers,
// quotes, brackets, link definitions), so callers then check Work, a
// linear estimate of the time Parse will take, and refuse a document
// beyond MaxWork at the offset where the budget ran out: no document
// takes more than a bounded time, whatever its bytes.
package markdown
