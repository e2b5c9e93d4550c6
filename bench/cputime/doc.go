// Package cputime measures the CPU time a process has used, for
// benchmarks on a shared machine: there, wall time depends on what else
// runs, while CPU time (user plus system, all threads) mostly does not.
//
// Benchmarks report it with Report as a "cpu-ns/op" metric beside ns/op.
package cputime
