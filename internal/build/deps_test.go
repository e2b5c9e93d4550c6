package build

import (
	"testing"

	"github.com/explainer/explainer/internal/render"
)

// TestRepositoryLayoutsAnalysed checks that the analysis follows every
// construct of the repository's layouts: no kind falls back to "reads
// everything", which would re-render all its pages after any edit.
func TestRepositoryLayoutsAnalysed(t *testing.T) {
	fsys := repoFS(t)
	ts, l := render.Load(fsys)
	if len(l) > 0 {
		t.Fatal(l)
	}
	lays := New().analyse(ts, nil)
	for _, k := range pageKinds {
		lay := lays[k]
		if lay.an == nil {
			t.Errorf("%s: no analysis", k.name)
			continue
		}
		if lay.an.All {
			t.Errorf("%s: analysis fell back: %s", k.name, lay.an.Why)
		}
	}
}
