package diag

import (
	"fmt"
	"strings"
)

// Severity says how much a Diagnostic matters. The zero value is Error, so
// code that adds diagnostics without naming a severity adds errors.
type Severity int

const (
	// Error stops a build: nothing is written and the command exits 1.
	Error Severity = iota
	// Warning is printed but lets a build through, unless the command runs
	// with -strict, which treats it as an error.
	Warning
	// Info is a remark that never fails a build, not even with -strict.
	Info
)

var severityNames = [...]string{"error", "warning", "info"}

// String returns the severity's name as printed: "error", "warning", "info".
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// Warnf appends a warning with a formatted message.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...), Severity: Warning})
}

// Infof appends an info diagnostic with a formatted message.
func (l *List) Infof(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...), Severity: Info})
}

// Count returns how many diagnostics of severity s the list holds.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether the list holds an error; warnings and infos
// alone do not stop a build.
func (l List) HasErrors() bool { return l.Fails(false) }

// Fails reports whether the list should fail a run: it holds an error, or,
// when strict is set, a warning. Infos never fail a run.
func (l List) Fails(strict bool) bool {
	for _, d := range l {
		if d.Severity == Error || (strict && d.Severity == Warning) {
			return true
		}
	}
	return false
}

// Only returns the diagnostics of severity s, in order, in a new list.
func (l List) Only(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Summary counts the list by severity, such as "2 errors, 1 warning",
// leaving out severities with none; an empty list gives "0 errors".
func (l List) Summary() string {
	var parts []string
	for s := Error; s <= Info; s++ {
		n := l.Count(s)
		if n == 0 {
			continue
		}
		name := s.String()
		if n != 1 {
			name += "s"
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, name))
	}
	if len(parts) == 0 {
		return "0 errors"
	}
	return strings.Join(parts, ", ")
}
