package build

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/explainer/explainer/internal/diag"
)

var (
	attrRE = regexp.MustCompile(`\s(href|src)="([^"]*)"`)
	idRE   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// checkLinks verifies that every internal href and src of every HTML file
// names a file of the output and, with a #fragment, an id in that file. It
// catches what content validation cannot see: links written in layouts.
// Problems are reported against the source of the page holding the link.
func checkLinks(out *Output, base string, jobs []job) diag.List {
	var l diag.List
	srcOf := map[string]string{}
	for _, j := range jobs {
		srcOf[j.path] = j.view.Page.File
	}
	ids := map[string]map[string]bool{}
	idsOf := func(p string) map[string]bool {
		if m, ok := ids[p]; ok {
			return m
		}
		m := map[string]bool{}
		for _, x := range idRE.FindAllSubmatch(out.Files[p], -1) {
			m[html.UnescapeString(string(x[1]))] = true
		}
		ids[p] = m
		return m
	}
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		broken := map[string]bool{}
		for _, m := range attrRE.FindAllSubmatch(out.Files[p], -1) {
			ref := html.UnescapeString(string(m[2]))
			if msg := checkRef(out, base, p, ref, idsOf); msg != "" && !broken[ref] {
				broken[ref] = true
				at := diag.Pos{File: srcOf[p]}
				if at.File == "" {
					at.File = "layouts"
				}
				l.Addf(at, "%s: broken link %q: %s", "/"+p, ref, msg)
			}
		}
	}
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Before(l[j].Pos) })
	return l
}

// checkRef returns why ref, found in the output file from, is broken, or "".
func checkRef(out *Output, base, from, ref string, idsOf func(string) map[string]bool) string {
	u, err := url.Parse(ref)
	if err != nil {
		return err.Error()
	}
	if u.Scheme != "" || u.Host != "" || ref == "" {
		return ""
	}
	target := from
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			dir := from[:strings.LastIndex(from, "/")+1]
			slash := strings.HasSuffix(p, "/")
			p = path.Clean("/" + dir + p)
			if slash && p != "/" {
				p += "/"
			}
		} else {
			if !strings.HasPrefix(p, base) {
				return fmt.Sprintf("outside the base path %s", base)
			}
			p = "/" + strings.TrimPrefix(p, base)
		}
		target = strings.TrimPrefix(p, "/")
		if target == "" || strings.HasSuffix(target, "/") {
			target += "index.html"
		}
		if _, ok := out.Files[target]; !ok {
			return "no such page or file"
		}
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
		return fmt.Sprintf("no element with id %q", u.Fragment)
	}
	return ""
}
