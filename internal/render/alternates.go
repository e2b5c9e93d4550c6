package render

import "strings"

// Alternate is the page being rendered in one of the site's languages.
type Alternate struct {
	// Code and Name are the language's ("uk", "Українська").
	Code, Name string
	// URL is the page's path in that language's edition, Permalink its
	// absolute URL when the site has an absolute base URL, else URL.
	URL, Permalink string
	// Current marks the language being rendered.
	Current bool
}

// Alternates lists the page in every language of the site, the default
// first, for the hreflang links and the language switcher; nil for a site
// with one language. Every edition has every page (an untranslated one
// shows its original text), so the page's path in another edition is its
// path in this one under that edition's base.
func (v *ViewOf[D]) Alternates() []Alternate {
	s := v.Site
	if len(s.Languages) < 2 {
		return nil
	}
	rel := strings.TrimPrefix(v.Page.URL, s.Base)
	out := make([]Alternate, len(s.Languages))
	for i, l := range s.Languages {
		u := l.Base + rel
		out[i] = Alternate{Code: l.Code, Name: l.Name, URL: u, Permalink: s.Origin + u, Current: l.Code == s.Lang.Code}
	}
	return out
}

// TextLang is the language of the page's text when it differs from its
// edition's (a page not translated yet, shown in the original), else "":
// layouts put it in a lang attribute so screen readers pronounce the text
// right, and show the not-yet-translated note.
func (v *ViewOf[D]) TextLang() string {
	if v.Page.Lang != "" && v.Page.Lang != v.Site.Lang.Code {
		return v.Page.Lang
	}
	return ""
}

// foreignFunc is the layout function foreign of the set that speaks code:
// {{foreign .Page.Lang}} is the language of a page's text when it is not
// code (a page not translated yet, listed in an edition), else "", for a
// lang attribute on the page's title wherever it is shown. A set bound to
// no language (a site without i18n files) calls nothing foreign.
func foreignFunc(code string) func(lang string) string {
	return func(lang string) string {
		if code == "" || lang == "" || lang == code {
			return ""
		}
		return lang
	}
}
