package cputime

import (
	"crypto/sha256"
	"testing"
)

func TestNowGrowsWithWork(t *testing.T) {
	a, ok := Now()
	if !ok {
		t.Skip("no CPU time on this system")
	}
	buf := make([]byte, 1<<20)
	for i := 0; i < 200; i++ {
		sha256.Sum256(buf)
	}
	if b, _ := Now(); b <= a {
		t.Errorf("CPU time went from %v to %v over 200 MB of hashing", a, b)
	}
}
