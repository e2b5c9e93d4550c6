// Package tomlscan reads TOML keys from the start of a line, for the line
// scans that place TOML values: TOML decoders give values but no
// positions, and both frontmatter (internal/content) and the i18n files
// (internal/i18n) report problems at path:line:col.
package tomlscan

import "bytes"

// Key reads one part of a key at the start of b, bare (a-z, A-Z, 0-9, _
// and -) or quoted ("basic" or 'literal', without escapes), and returns
// it with the rest of b; "" when b starts with no key.
func Key(b []byte) (string, []byte) {
	if len(b) > 0 && (b[0] == '"' || b[0] == '\'') {
		if j := bytes.IndexByte(b[1:], b[0]); j >= 0 {
			return string(b[1 : 1+j]), b[2+j:]
		}
		return "", nil
	}
	j := 0
	for j < len(b) && (b[j] == '_' || b[j] == '-' || b[j] >= '0' && b[j] <= '9' || b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z') {
		j++
	}
	return string(b[:j]), b[j:]
}
