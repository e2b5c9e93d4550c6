package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/theme"
)

// format is how check prints diagnostics.
type format int

const (
	formatText   format = iota // path:line:col: msg, one a line, on stderr
	formatGitHub               // GitHub Actions ::error annotations, on stdout
	formatJSON                 // a JSON array of diagnostics, on stdout
)

var formatNames = map[string]format{"text": formatText, "github": formatGitHub, "json": formatJSON}

func parseFormat(s string) (format, error) {
	if f, ok := formatNames[s]; ok {
		return f, nil
	}
	return 0, fmt.Errorf("unknown -format %q: want text, github or json", s)
}

// reportDiags prints a check's diagnostics in format f. src is the
// site root, which GitHub needs to find each file from the repository root.
func reportDiags(stdout, stderr io.Writer, f format, src string, l diag.List) {
	switch f {
	case formatGitHub:
		for _, d := range l {
			fmt.Fprintln(stdout, githubAnnotation(src, d))
		}
		fmt.Fprintln(stdout, l.Summary())
	case formatJSON:
		writeJSON(stdout, l)
	default:
		PrintDiags(stderr, l)
	}
}

// githubAnnotation formats d as a workflow command that GitHub shows on the
// pull request's line: ::error file=F,line=L,col=C::message, or ::warning
// or ::notice for a warning or an info. Notes follow the message on their
// own lines.
func githubAnnotation(src string, d diag.Diagnostic) string {
	var props []string
	if file := repoPath(src, d.Pos.File); file != "" {
		props = append(props, "file="+escapeProperty(file))
		if d.Pos.Line > 0 {
			props = append(props, "line="+strconv.Itoa(d.Pos.Line))
		}
		if d.Pos.Col > 0 {
			props = append(props, "col="+strconv.Itoa(d.Pos.Col))
		}
	}
	msg := d.Msg
	if repoPath(src, d.Pos.File) == "" {
		msg = d.Pos.String() + ": " + msg
	}
	for _, n := range d.Notes {
		msg += "\n" + notePos(src, n.Pos) + ": " + n.Msg
	}
	cmd := "::" + githubCommands[d.Severity]
	if len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	return cmd + "::" + escapeData(msg)
}

// githubCommands names the workflow command of each severity.
var githubCommands = map[diag.Severity]string{diag.Error: "error", diag.Warning: "warning", diag.Info: "notice"}

// repoPath is a diagnostic's file as a slash path from the directory check
// runs in (the repository root in CI), or "" when the position names a
// flag such as -base-url or a file of the built-in theme rather than a
// file of the repository.
func repoPath(src, file string) string {
	if file == "" || strings.HasPrefix(file, "-") || strings.HasPrefix(file, theme.Prefix) {
		return ""
	}
	return path.Clean(filepath.ToSlash(filepath.Join(src, filepath.FromSlash(file))))
}

func notePos(src string, p diag.Pos) string {
	if f := repoPath(src, p.File); f != "" {
		p.File = f
	}
	return p.String()
}

// escapeData and escapeProperty follow the GitHub Actions toolkit's
// escaping of workflow command messages and properties.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// jsonDiag is one diagnostic in -format json. Line and col are 1-based;
// 0 means unknown. File is relative to the site root (-src), as in text.
type jsonDiag struct {
	File     string     `json:"file"`
	Line     int        `json:"line"`
	Col      int        `json:"col"`
	Severity string     `json:"severity"`
	Message  string     `json:"message"`
	Notes    []jsonNote `json:"notes,omitempty"`
}

type jsonNote struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

// writeJSON prints l as an indented JSON array; an empty list prints [].
func writeJSON(w io.Writer, l diag.List) {
	out := make([]jsonDiag, 0, len(l))
	for _, d := range l {
		jd := jsonDiag{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Message: d.Msg}
		for _, n := range d.Notes {
			jd.Notes = append(jd.Notes, jsonNote{File: n.Pos.File, Line: n.Pos.Line, Col: n.Pos.Col, Message: n.Msg})
		}
		out = append(out, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out) // like fmt.Fprint, a failing stdout is not reported
}
