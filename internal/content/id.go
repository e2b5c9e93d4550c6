package content

// ValidID reports whether s is a well-formed page id: lower-case ASCII
// letters and digits in words joined by single hyphens ("lift-sanctions").
func ValidID(s string) bool { return idRE.MatchString(s) }
