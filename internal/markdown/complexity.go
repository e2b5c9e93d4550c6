package markdown

import "bytes"

// MaxWork is the most work, in Work's units (calibrated as nanoseconds of
// CPU time on the 2-core development machine, though under load a unit
// took up to three), that one document may cost to parse and render. At
// this budget the costliest document of each pattern Work accepts took
// under 2 s of CPU time on the loaded machine (BenchmarkWorstAccepted),
// so no brief takes unbounded time, whatever its bytes; a real brief
// costs under a hundredth of it (TestWorkOfRealBriefs). Size counts too:
// 5 MB of prose with a link a line fits, 10 MB does not.
const MaxWork = 700_000_000

// Work estimates, in linear time and without parsing, an upper bound of
// the time goldmark takes to parse and render src, and reports the byte
// offset at which the running total first exceeds MaxWork. Callers check
// it before Parse (as they check TooDeep) and report the offset instead
// of parsing.
//
// goldmark's inline parser is quadratic on some adversarial paragraphs
// (200 KB of "*a_ " took 20 s; 100,000 link reference definitions 14 s).
// Profiles (go test -cpuprofile on the inputs of TestBoundedParse) show
// where, and the estimate charges each, per paragraph (a run of non-blank
// lines, which no inline construct crosses):
//
//   - emphasis and strikethrough delimiters (runs of *, _ and ~): every
//     closer scans back through all earlier delimiters of the paragraph
//     for an opener (goldmark's ProcessDelimiters keeps no "openers
//     bottom"), so each run costs a scan of the runs before it;
//   - typographic quotes: each ' or " scans its whole run (ScanDelimiter)
//     and consumes one character, so a run of r costs r(r+1)/2 scans;
//   - links: each "](" scans the destination to the next blank (to the
//     end of the line for <...>), whether or not a link forms; each "]["
//     and "[^" scans to the next "]"; each "]" scans its label back to
//     its "[";
//   - raw HTML and autolinks: each "<" scans to the next ">" (or "-->",
//     "]]>", "?>");
//   - code spans: each run of backticks scans to the next run as long;
//   - link reference definitions: goldmark copies the rest of the
//     paragraph for each definition, so each line that starts like one
//     ("[label]:") costs the lines after it;
//   - block prefixes: a line of nested list or quote markers costs the
//     square of its width (MaxPrefix bounds the width);
//   - and every byte, and every character that makes goldmark allocate a
//     node or try a parser, a fixed cost.
//
// The estimate overcounts (it cannot tell code from text, or a bracket
// that opens a link from one that does not) but never by much on prose,
// and it is checked against measured time by TestBoundedParse.
func Work(src []byte) (int, bool) {
	_, off, over := measure(src, MaxWork)
	return off, over
}

// measure returns the work of src up to where it exceeds budget, and that
// offset.
func measure(src []byte, budget int) (total, off int, over bool) {
	for start := 0; start < len(src); {
		end := paragraphEnd(src, start)
		if off, over := paragraphWork(src, start, end, &total, budget); over {
			return total, off, true
		}
		start = skipBlank(src, end)
		blank := src[end:start]
		total += len(blank)*byteCost + bytes.Count(blank, []byte("\n"))*lineStartCost
		if total > budget {
			return total, end, true
		}
	}
	return total, 0, false
}

// paragraphEnd returns the end of the run of non-blank lines at start: the
// offset of the first blank line after it, or len(src).
func paragraphEnd(src []byte, start int) int {
	for i := start; i < len(src); {
		nl := bytes.IndexByte(src[i:], '\n')
		if nl < 0 {
			return len(src)
		}
		next := i + nl + 1
		if isBlankLine(src, next) {
			return next
		}
		i = next
	}
	return len(src)
}

// isBlankLine reports whether the line at i holds only spaces and tabs
// (and i is not past the end).
func isBlankLine(src []byte, i int) bool {
	if i >= len(src) {
		return false
	}
	for ; i < len(src) && src[i] != '\n'; i++ {
		if src[i] != ' ' && src[i] != '\t' && src[i] != '\r' {
			return false
		}
	}
	return true
}

// skipBlank returns the offset of the first non-blank line at or after i.
func skipBlank(src []byte, i int) int {
	for i < len(src) && isBlankLine(src, i) {
		nl := bytes.IndexByte(src[i:], '\n')
		if nl < 0 {
			return len(src)
		}
		i += nl + 1
	}
	return i
}

// next finds, for offsets visited in increasing order, the next offset
// at or after a given one where a pattern matches, or the end. Each finder
// moves forward only, so a paragraph costs linear time whatever it asks.
type next struct {
	src   []byte
	end   int
	at    int // last answer; valid while the query is <= at
	match func(src []byte, i int) bool
}

func (n *next) from(i int) int {
	if i <= n.at && n.at >= 0 {
		return n.at
	}
	for j := i; j < n.end; j++ {
		if n.match(n.src, j) {
			n.at = j
			return j
		}
	}
	n.at = n.end
	return n.end
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// paragraphWork adds the cost of src[start:end] to *total and returns the
// offset where the total exceeds budget, if it does.
func paragraphWork(src []byte, start, end int, total *int, budget int) (int, bool) {
	finder := func(m func([]byte, int) bool) *next {
		return &next{src: src, end: end, at: -1, match: m}
	}
	blank := finder(func(s []byte, j int) bool { return isBlank(s[j]) })
	eol := finder(func(s []byte, j int) bool { return s[j] == '\n' })
	gt := finder(func(s []byte, j int) bool { return s[j] == '>' })
	rb := finder(func(s []byte, j int) bool { return s[j] == ']' })
	closer := func(c string) *next {
		return finder(func(s []byte, j int) bool { return bytes.HasPrefix(s[j:], []byte(c)) })
	}
	comment, cdata, pi := closer("-->"), closer("]]>"), closer("?>")
	// pending holds, by length, the offset of the last run of backticks,
	// whose scan ends at the next run as long (or the paragraph's end).
	pending := map[int]int{}
	*total += nodeCost // the paragraph
	lines := bytes.Count(src[start:end], []byte("\n")) + 1
	line := 0
	runs := 0      // delimiter runs so far
	var open []int // offsets of unmatched "["
	for i := start; i < end; {
		c := src[i]
		cost, width := byteCost, 1
		if i == start || src[i-1] == '\n' {
			cost += lineStartCost
			// Containers: goldmark's block parser works on every open
			// list and quote for each line, and a line of nested list
			// markers opens and closes them all, so a line costs the
			// square of its prefix width.
			w := prefixWidth(src[i:min(end, i+MaxPrefix+8)])
			cost += w * w * prefixCost
		}
		switch c {
		case '\n':
			line++
		case '*', '_', '~':
			for i+width < end && src[i+width] == c {
				width++
			}
			cost = width*byteCost + nodeCost + runs*pairCost
			runs++
		case '\'', '"':
			for i+width < end && src[i+width] == c {
				width++
			}
			cost = width*(byteCost+nodeCost) + width*(width+1)/2*scanCost
		case '`':
			for i+width < end && src[i+width] == '`' {
				width++
			}
			cost = width*byteCost + nodeCost
			if prev, ok := pending[width]; ok {
				cost += (i - prev) * scanCost
			}
			pending[width] = i
		case '<':
			far := gt
			switch rest := src[i:end]; {
			case bytes.HasPrefix(rest, []byte("<!--")):
				far = comment
			case bytes.HasPrefix(rest, []byte("<![CDATA[")):
				far = cdata
			case bytes.HasPrefix(rest, []byte("<?")):
				far = pi
			}
			cost += nodeCost + (far.from(i)-i)*scanCost
		case '[':
			// Charged as never closed; a "]" refunds most of it. So the
			// stack of open brackets cannot outgrow the budget.
			open = append(open, i)
			cost += nodeCost
			if r := rb.from(i); (i == start || src[i-1] == '\n' || isDefIndent(src, i)) && r+1 < end && src[r+1] == ':' {
				cost += (lines - line) * lineCost // a link reference definition
			}
			if i+1 < end && src[i+1] == '^' {
				cost += nodeCost + (rb.from(i)-i)*scanCost // a footnote reference, tried twice
			}
		case ']':
			cost += nodeCost / 4
			if n := len(open); n > 0 {
				cost += (i-open[n-1])*scanCost - nodeCost*3/4
				open = open[:n-1]
			}
			if i+1 < end {
				switch src[i+1] {
				case '(':
					d := i + 2
					for d < end && (src[d] == ' ' || src[d] == '\t') {
						d++
					}
					if d < end && src[d] == '<' {
						cost += (eol.from(d) - i) * scanCost
					} else {
						cost += (blank.from(d) - i) * scanCost
					}
				case '[':
					cost += (rb.from(i+1) - i) * scanCost
				}
			}
		case '!', '&', '\\', '|', ':', '@', '(', ')', '.', '-', ',', '>':
			cost += tryCost // other inline triggers: a node or a failed try
		}
		*total += cost
		if *total > budget {
			return i, true
		}
		i += width
	}
	for _, prev := range pending {
		*total += (end - prev) * scanCost
	}
	if *total > budget {
		return end - 1, true
	}
	return 0, false
}

// The costs Work charges, in nanoseconds of CPU time on the development
// machine, measured with BenchmarkWorstAccepted: a plain byte through the
// whole parse and render; the start of a line (blocks, paragraphs and
// containers are decided there); a construct that makes goldmark allocate
// a node; another character that makes goldmark try a parser; one pair of
// delimiters ProcessDelimiters visits (a pointer chase through a large
// heap); one byte visited again by a scan; one
// line of a paragraph copied per link reference definition; the square of
// a line's block prefix width.
const (
	byteCost      = 40
	lineStartCost = 2000
	nodeCost      = 4000
	tryCost       = 200
	pairCost      = 12
	scanCost      = 4
	lineCost      = 8
	prefixCost    = 25
)

// prefixWidth returns how many columns of blanks and list or quote markers
// start line, up to MaxPrefix.
func prefixWidth(line []byte) int {
	col := 0
	for i := 0; i < len(line) && col <= MaxPrefix; {
		n := prefixToken(line[i:])
		if n == 0 || line[i] == '\n' {
			break
		}
		col += n
		i += n
	}
	return min(col, MaxPrefix)
}

// isDefIndent reports whether src[i], a "[", follows only up to three
// spaces on its line: where a link reference definition may start.
func isDefIndent(src []byte, i int) bool {
	j := i
	for j > 0 && src[j-1] == ' ' && i-j < 3 {
		j--
	}
	return j == 0 || src[j-1] == '\n'
}
