// Package generate makes the site's files that are not HTML pages: the
// sitemap, the Atom feed, robots.txt, the search index and the data
// export. Each is a pure function of an Input (the site and the pages it
// lists) and declares what it reads of it, so that serve makes it again
// only after an edit of one of those fields.
package generate
