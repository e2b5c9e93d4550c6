package build

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A single build (NewOnce) sets a soft memory limit once its site is
// loaded, and puts the previous limit back when it returns.
//
// Why: the loaded site (sources, rendered bodies, texts) is nearly all
// that such a build keeps to the end; what it allocates afterwards
// (pages, generated files, the link check's scans aside) is garbage as
// soon as it is written. With the default GOGC=100 the heap grows to
// twice what was live at the last collection, and the peak lands where a
// collection happened while a large generated file was being encoded:
// measured at 10,000 demands, 850–910 MB of peak resident memory for a
// site of about 240 MB. The limit lets the heap grow to memoryHeadroom
// times the site plus memorySlack, and makes the collector run more
// often only when the build gets near it: 560–570 MB, for 4–7 % more
// CPU (bench/RESULTS.md). It is a soft limit, so a site whose pages need
// more than that is slower, never stopped. An explicit GOMEMLIMIT in the
// environment wins.
const (
	memoryHeadroom = 2
	memorySlack    = 64 << 20
)

// limitMemory sets the limit from the live heap now (after a collection),
// and returns the function that puts the previous limit back.
func limitMemory() func() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return func() {}
	}
	limit := int64(s[0].Value.Uint64())*memoryHeadroom + memorySlack
	prev := debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}
