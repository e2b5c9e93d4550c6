// Package corpus generates a synthetic explainer site of any size, for
// benchmarks and the comparison with Hugo.
//
// Generate(n) returns the files of content/ for n demands, n/50 actors and
// n/100 topics (at least one of each), a home page and sources. Every
// demand has 500–700 words of varied Markdown (headings, paragraphs with
// emphasis and code, a bullet and a numbered list, a table), 2–3 relative
// .md links (one with an #anchor), 2–3 conflicts and 0–2 alignments.
//
// Invariants:
//   - The output depends only on n: the same n gives byte-identical files,
//     on every platform and Go version (the generator uses its own PRNG,
//     not math/rand).
//   - The site is valid: every reference, link and anchor resolves, no
//     demand relates to itself or lists a demand twice, and a pair of
//     demands is always a conflict (different actors) or an alignment
//     (same actor), never both, so mutual listings never contradict.
package corpus
