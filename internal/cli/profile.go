package cli

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// Profiles for measuring explainer itself (bench/RESULTS.md), named by
// environment variables rather than flags, since a writer never needs
// them: EXPLAINER_CPUPROFILE is a file that receives the CPU profile of
// the whole command, EXPLAINER_TRACE its execution trace (go tool trace:
// which stages run on one core), EXPLAINER_HEAPPROFILE one that receives the live
// heap once the site is rendered and before it is written, where a build
// holds the most (the profile of a default.pgo is taken this way).
const (
	cpuProfileEnv  = "EXPLAINER_CPUPROFILE"
	heapProfileEnv = "EXPLAINER_HEAPPROFILE"
	traceEnv       = "EXPLAINER_TRACE"
)

// startProfile starts the CPU profile and the execution trace when asked
// for; the returned function stops them and is never nil.
func startProfile(stderr io.Writer) func() {
	cpu := start(stderr, cpuProfileEnv, pprof.StartCPUProfile, pprof.StopCPUProfile)
	tr := start(stderr, traceEnv, trace.Start, trace.Stop)
	return func() { cpu(); tr() }
}

// start starts one profile into the file named by the environment
// variable env, if any.
func start(stderr io.Writer, env string, begin func(io.Writer) error, end func()) func() {
	path := os.Getenv(env)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		if err = begin(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "explainer: %s: %v\n", env, err)
		return func() {}
	}
	return func() {
		end()
		f.Close()
	}
}

// heapProfile writes the live heap when asked for.
func heapProfile(stderr io.Writer) {
	path := os.Getenv(heapProfileEnv)
	if path == "" {
		return
	}
	runtime.GC()
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "explainer: %s: %v\n", heapProfileEnv, err)
	}
}
