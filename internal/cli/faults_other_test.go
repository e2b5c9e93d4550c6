//go:build !linux

package cli

import (
	"context"
	"os"
)

const childEnv = "EXPLAINER_TEST_CHILD"

// childMain runs the command line this binary was started with; the fault
// tests that use it are Linux-only (faults_test.go).
func childMain() int {
	return Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
}
