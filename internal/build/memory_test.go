package build

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestLimitMemory checks that a single build's memory limit follows the
// live heap, is put back afterwards, and yields to GOMEMLIMIT.
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	held := make([]byte, 64<<20) // live heap of at least 64 MB
	restore := limitMemory()
	got := debug.SetMemoryLimit(-1)
	restore()
	held[len(held)-1] = 1 // keep held live until here
	if min := int64(len(held))*memoryHeadroom + memorySlack; got < min || got == math.MaxInt64 {
		t.Errorf("limit with 64 MB live = %d, want at least %d", got, min)
	}
	if now := debug.SetMemoryLimit(-1); now != before {
		t.Errorf("limit after the build = %d, want the previous %d", now, before)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	limitMemory()()
	if now := debug.SetMemoryLimit(-1); now != before {
		t.Errorf("with GOMEMLIMIT set, the limit became %d, want it left at %d", now, before)
	}
}
