package diag

// Closest returns the candidate nearest to s by edit distance, or "" when
// none is close enough to be a plausible typo. It backs the "did you mean"
// hints.
//
// Candidates whose length differs from s by more than the limit are
// skipped unmeasured (their distance is at least that difference), so a
// megabyte-long s costs no more than a short one.
func Closest(s string, candidates []string) string {
	limit := min(len(s)/3+1, 4)
	best, bestD := "", -1
	for _, c := range candidates {
		if abs(len(c)-len(s)) > limit {
			continue
		}
		d := distance(s, c)
		if bestD < 0 || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// distance is the Levenshtein distance between a and b in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
