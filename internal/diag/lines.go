package diag

import (
	"sort"
	"sync"
)

// Lines maps byte offsets in one file to line and column, like esbuild's
// LineColumnTracker. Build it once per file; lookups are O(log lines) plus
// at most one checkpoint stride of bytes.
//
// Columns count characters (Unicode code points), not bytes, because that
// is what editors, GitHub annotations and language servers show: after
// "Путин сказал " a link is at column 14, though it starts 24 bytes into
// the line. Every producer of a diagnostic with a byte offset goes through
// Pos, so no caller counts columns itself.
type Lines struct {
	file   string
	src    []byte
	starts []int // byte offset at which each line begins

	// chars[k] counts the characters in src[:k*stride]; built on the
	// first lookup, so files without diagnostics never pay for it. It
	// keeps a lookup on a 5 MB line from rescanning the line.
	once  sync.Once
	chars []int32
}

const stride = 256

// NewLines indexes src, which is the full text of file. Lines keeps src
// (without copying) to count characters; the caller must not modify it.
func NewLines(file string, src []byte) *Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{file: file, src: src, starts: starts}
}

// Pos returns the position of byte offset off: its 1-based line and its
// 1-based column in characters. An offset inside a multi-byte character
// counts as that character.
func (l *Lines) Pos(off int) Pos {
	off = max(0, min(off, len(l.src)))
	for off > 0 && off < len(l.src) && l.src[off]&0xC0 == 0x80 {
		off-- // back to the first byte of the character
	}
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return Pos{File: l.file, Line: i + 1, Col: l.charsBefore(off) - l.charsBefore(l.starts[i]) + 1}
}

// Offset returns the byte offset at which 1-based line begins, or the
// length of the file beyond its last line.
func (l *Lines) Offset(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.starts) {
		return len(l.src)
	}
	return l.starts[line-1]
}

// charsBefore counts the characters that start in src[:off]. A character
// is counted by its first byte (any byte but a UTF-8 continuation byte),
// so invalid UTF-8 counts a byte per character and a checkpoint inside a
// character needs no care.
func (l *Lines) charsBefore(off int) int {
	l.once.Do(func() {
		l.chars = make([]int32, len(l.src)/stride+1)
		n := int32(0)
		for i, c := range l.src {
			if i%stride == 0 {
				l.chars[i/stride] = n
			}
			if c&0xC0 != 0x80 {
				n++
			}
		}
		if len(l.src)%stride == 0 {
			l.chars[len(l.src)/stride] = n
		}
	})
	k := off / stride
	n := int(l.chars[k])
	for _, c := range l.src[k*stride : off] {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// File is the path the index was built for.
func (l *Lines) File() string { return l.file }
