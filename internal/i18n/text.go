package i18n

import (
	"fmt"
	"strings"
)

// A text is a string split at its placeholders: literal parts and
// placeholder names. It is parsed once, when its file is loaded.
type text []part

// part is a literal (name "") or a placeholder {{.name}}.
type part struct {
	lit, name string
}

// parseText splits s at its placeholders. A placeholder is written as a
// layout writes a field, {{.Name}} (spaces inside the braces allowed); any
// other {{ is an error, returned with its byte offset in s.
func parseText(s string) (text, int, error) {
	var t text
	rest, off := s, 0
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			if rest != "" {
				t = append(t, part{lit: rest})
			}
			return t, 0, nil
		}
		if i > 0 {
			t = append(t, part{lit: rest[:i]})
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			return nil, off + i, fmt.Errorf("placeholder %q is not closed with }}", clip(rest[i:]))
		}
		inner := strings.TrimSpace(rest[i+2 : i+j])
		name, ok := strings.CutPrefix(inner, ".")
		if !ok || !isIdent(name) {
			return nil, off + i, fmt.Errorf("placeholder %q does not parse: write a name as {{.Count}}", rest[i:i+j+2])
		}
		t = append(t, part{name: name})
		off += i + j + 2
		rest = rest[i+j+2:]
	}
}

// clip shortens s for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return s
}

// isIdent reports whether s is a Go-style identifier, as a field name is.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// names lists the placeholders of t.
func (t text) names() []string {
	var out []string
	for _, p := range t {
		if p.name != "" {
			out = append(out, p.name)
		}
	}
	return out
}

// write appends t to b with each placeholder replaced by value(name); a
// name value does not know is an error.
func (t text) write(b *strings.Builder, value func(name string) (string, bool)) error {
	for _, p := range t {
		if p.name == "" {
			b.WriteString(p.lit)
			continue
		}
		v, ok := value(p.name)
		if !ok {
			return fmt.Errorf("no value for placeholder {{.%s}}", p.name)
		}
		b.WriteString(v)
	}
	return nil
}
