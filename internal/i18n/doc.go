// Package i18n holds a site's interface strings, one bundle per language:
// the words layouts show around the content (headings, labels, navigation,
// counts, dates), as opposed to the content itself.
//
// A language's strings live in i18n/<code>.toml. The built-in theme ships
// i18n/en.toml, uk.toml and ru.toml (internal/theme/i18n), and a site's own
// i18n/<code>.toml overlays the theme's key by key, the way a site's
// layouts/ overlay the theme's file by file: a site that wants one label
// worded differently writes that one key. Load reads both layers through
// the theme.Overlay the build reads every input from.
//
// A file holds plain strings (`menu = "Menu"`), plural strings, a table of
// CLDR plural categories chosen by a count (`[demands]` with `one` and
// `other`; Ukrainian and Russian also `few` and `many`), and the reserved
// table [format]: the long date pattern, the twelve month names as a date
// writes them (genitive in Ukrainian and Russian) and the thousands
// separator. So a new language needs a TOML file and no Go code: plural
// rules come from CLDR (golang.org/x/text/feature/plural) by the file's
// language code.
//
// Strings may hold placeholders written as in a layout, {{.Count}} or
// {{.Name}}; Load parses them and reports, at path:line:col, malformed
// TOML, a placeholder that does not parse, an unknown plural category and
// a category the language needs that a plural string lacks. A Bundle is
// immutable once loaded and safe for concurrent use.
package i18n
