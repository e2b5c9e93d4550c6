package scaffold

import (
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"testing/fstest"
	"text/template"
	"unicode"
	"unicode/utf8"
)

// files is the new site; "all:" keeps .gitignore and .github/.
//
//go:embed all:site
var files embed.FS

// DefaultTitle is the title of a new site when none is given.
const DefaultTitle = "Example trade talks: what each side wants"

// data is what the .tmpl files are filled in with.
type data struct {
	Title     string // plain text, for Markdown
	TitleYAML string // the title as a double-quoted YAML string
}

// Site returns the files of a new site titled title, by slash path
// relative to the site root. The title must be one line of text.
func Site(title string) (fs.FS, error) {
	if err := checkTitle(title); err != nil {
		return nil, err
	}
	// strconv.Quote's escapes are valid YAML for valid UTF-8 text.
	d := data{Title: title, TitleYAML: strconv.Quote(title)}
	out := fstest.MapFS{}
	err := fs.WalkDir(files, "site", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "site/")
		if n, ok := strings.CutSuffix(name, ".tmpl"); ok {
			if b, err = fill(p, b, d); err != nil {
				return err
			}
			name = n
		}
		out[name] = &fstest.MapFile{Data: b, Mode: 0o644}
		return nil
	})
	return out, err
}

// fill executes one template file.
func fill(name string, src []byte, d data) ([]byte, error) {
	t, err := template.New(name).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	if err := t.Execute(&b, d); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// checkTitle refuses a title that is blank, not UTF-8, or holds a line
// break or other control character.
func checkTitle(title string) error {
	switch {
	case strings.TrimSpace(title) == "":
		return fmt.Errorf("the title must not be blank")
	case !utf8.ValidString(title):
		return fmt.Errorf("the title must be UTF-8 text")
	case strings.IndexFunc(title, unicode.IsControl) >= 0:
		return fmt.Errorf("the title must be one line of text, without control characters")
	}
	return nil
}
