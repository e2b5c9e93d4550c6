package i18n

import (
	"bytes"
	"strings"

	"github.com/explainer/explainer/internal/tomlscan"
)

// A TOML decoder gives values but no positions, so keyPositions scans the
// lines of an i18n file for where each key and its value are written.

// at is where a key and its value start, as byte offsets in the file.
type at struct {
	key, value int
}

// keyPositions maps each key, as "key" at the top level or "table.key"
// inside [table], to where it is written; a table header "[table]" maps
// "table" to the header. A multi-line string's lines are skipped.
func keyPositions(data []byte) map[string]at {
	pos := map[string]at{}
	table := ""
	off := 0
	var closer []byte // the delimiter ending an open multi-line string
	for _, line := range bytes.Split(data, []byte("\n")) {
		start := off
		off += len(line) + 1
		if closer != nil {
			if bytes.Contains(line, closer) {
				closer = nil
			}
			continue
		}
		rest := bytes.TrimLeft(line, " \t")
		col := start + len(line) - len(rest)
		if len(rest) > 0 && rest[0] == '[' {
			name, after := readKey(bytes.TrimLeft(rest[1:], " \t"))
			if name != "" && bytes.HasPrefix(bytes.TrimLeft(after, " \t"), []byte("]")) {
				table = name
				if _, ok := pos[table]; !ok {
					pos[table] = at{col, col}
				}
			}
			continue
		}
		name, after := readKey(rest)
		after = bytes.TrimLeft(after, " \t")
		if name == "" || len(after) == 0 || after[0] != '=' {
			continue
		}
		v := bytes.TrimLeft(after[1:], " \t")
		// "a.b = x" places a.b, and the table a where it is first written.
		for k := name; ; {
			full := k
			if table != "" {
				full = table + "." + k
			}
			if _, ok := pos[full]; !ok {
				pos[full] = at{col, start + len(line) - len(v)}
			}
			i := strings.LastIndexByte(k, '.')
			if i < 0 {
				break
			}
			k = k[:i]
		}
		for _, q := range [][]byte{[]byte(`"""`), []byte(`'''`)} {
			if bytes.HasPrefix(v, q) && !bytes.Contains(v[3:], q) {
				closer = q
			}
		}
	}
	return pos
}

// readKey reads a key at the start of b: bare or quoted parts joined by
// dots ("a.b"), as TOML's dotted keys.
func readKey(b []byte) (string, []byte) {
	key, rest := tomlscan.Key(b)
	for key != "" {
		r := bytes.TrimLeft(rest, " \t")
		if len(r) == 0 || r[0] != '.' {
			break
		}
		part, after := tomlscan.Key(bytes.TrimLeft(r[1:], " \t"))
		if part == "" {
			break
		}
		key, rest = key+"."+part, after
	}
	return key, rest
}

// valueOffset is the byte offset in the file of byte i of a string value
// written at off: exact when the value is a one-line string whose text
// before i is written as is (no escapes), else the value's start (its
// opening quote), which is also where an empty s places it.
func valueOffset(data []byte, off int, s string, i int) int {
	if s == "" || off >= len(data) || (data[off] != '"' && data[off] != '\'') {
		return off
	}
	line := data[off+1:]
	if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	if strings.HasPrefix(string(line), s[:i]) {
		return off + 1 + i
	}
	return off
}
