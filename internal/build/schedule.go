package build

// dispatchOrder returns the order in which render hands jobs to its
// workers: first the pages that list the whole site (home, section
// indexes, generated views such as the matrix and the map), then the
// pages of single briefs, each group in job order. A list page can take
// seconds at 10,000 demands; started last, it would leave the other
// workers idle while one finishes it. Output does not depend on the
// order, since each result is stored at its job's index.
func dispatchOrder(jobs []job) []int {
	order := make([]int, 0, len(jobs))
	for pass := 0; pass < 2; pass++ {
		for i, j := range jobs {
			if singleBrief(j.kind) == (pass == 1) {
				order = append(order, i)
			}
		}
	}
	return order
}

// singleBrief reports whether pages of the kind show one brief, with a
// size that does not grow with the site.
func singleBrief(kind string) bool {
	switch kind {
	case "actor", "demand", "topic", "page", "404":
		return true
	}
	return false
}
