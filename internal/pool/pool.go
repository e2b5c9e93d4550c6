// Package pool runs independent pieces of work on every core.
package pool

import (
	"runtime"
	"sync"
)

// Each calls a function for each index in [0, n) on GOMAXPROCS
// goroutines, in increasing order of index handed out, and returns when
// all calls have. newWorker runs once per goroutine and returns the
// function that goroutine calls, so each can keep state of its own.
func Each(n int, newWorker func() func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		if n > 0 {
			do := newWorker()
			for i := range n {
				do(i)
			}
		}
		return
	}
	work := make(chan int, 64)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		do := newWorker()
		go func() {
			defer wg.Done()
			for i := range work {
				do(i)
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}
