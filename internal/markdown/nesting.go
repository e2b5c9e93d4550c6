package markdown

import "bytes"

// MaxPrefix is the widest block prefix, in columns, that a line may start
// with: its indentation plus the list item and block quote markers that
// open containers. Goldmark's parsing time grows with the square (for
// lists nested by indentation, the cube) of how deeply blocks nest, so a
// 10,000-deep list would take minutes. 128 columns allow 64 nested lists
// or 128 nested quotes, far beyond any real brief, and keep the worst
// 5 MB brief to seconds.
const MaxPrefix = 128

// TooDeep reports the byte offset in src at which the first line's block
// prefix grows wider than MaxPrefix columns. Callers check it before Parse
// and report the offset instead of parsing. It reads each byte at most
// once.
func TooDeep(src []byte) (int, bool) {
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		if off, deep := prefixTooWide(src[start:end]); deep {
			return start + off, true
		}
		start = end + 1
	}
	return 0, false
}

// prefixTooWide scans the block prefix of one line and returns the offset
// at which it passes MaxPrefix columns.
func prefixTooWide(line []byte) (int, bool) {
	col := 0
	for i := 0; i < len(line); {
		n := prefixToken(line[i:])
		if n == 0 {
			return 0, false
		}
		if line[i] == '\t' {
			col += 4 - col%4
		} else {
			col += n
		}
		if col > MaxPrefix {
			return i, true
		}
		i += n
	}
	return 0, false
}

// prefixToken returns the length of the blank, block quote marker or list
// marker at the start of b, or 0 when b starts with anything else.
func prefixToken(b []byte) int {
	switch c := b[0]; {
	case c == ' ' || c == '\t' || c == '>':
		return 1
	case c == '-' || c == '+' || c == '*':
		if len(b) > 1 && (b[1] == ' ' || b[1] == '\t') {
			return 1
		}
	case c >= '0' && c <= '9':
		i := 0
		for i < len(b) && i < 9 && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i < len(b)-1 && (b[i] == '.' || b[i] == ')') && (b[i+1] == ' ' || b[i+1] == '\t') {
			return i + 1
		}
	}
	return 0
}
