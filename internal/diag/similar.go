package diag

import "strings"

// SimilarID is Closest for ids made of words joined by hyphens, such as
// "russia-lift-sanctions". When no candidate is a plausible typo, it looks
// for the id a page was likely renamed to or from: a candidate that keeps
// every word of id and adds some, or drops some and keeps the rest
// ("ceasefire" and "ceasefire-and-ending-the-war"), whose initials id is
// or that is id's initials ("us" and "united-states"), or one that shares
// at least half of the two ids' words (a Dice coefficient of 0.5 or more:
// "russia-lift-sanctions" and "russia-sanctions-relief"). Among several,
// the one sharing the largest part of its words wins; a tie gives "",
// since a hint that may be wrong is worse than none.
func SimilarID(id string, candidates []string) string {
	if c := Closest(id, candidates); c != "" {
		return c
	}
	words := strings.Split(id, "-")
	best, bestScore, tie := "", 0.0, false
	for _, c := range candidates {
		cw := strings.Split(c, "-")
		shared := sharedWords(words, cw)
		score := 2 * float64(shared) / float64(len(words)+len(cw))
		plausible := score >= 0.5 || shared == min(len(words), len(cw)) ||
			initials(cw) == id || initials(words) == c
		if !plausible {
			continue
		}
		switch {
		case best == "" || score > bestScore:
			best, bestScore, tie = c, score, false
		case score == bestScore:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// sharedWords counts the words of a also in b.
func sharedWords(a, b []string) int {
	n := 0
	for _, w := range a {
		for _, x := range b {
			if w == x && w != "" {
				n++
				break
			}
		}
	}
	return n
}

// initials joins the first letter of each word, for ids of two words or
// more ("united-states" gives "us"); a single word has none.
func initials(words []string) string {
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		if w == "" {
			return ""
		}
		b.WriteByte(w[0])
	}
	return b.String()
}
