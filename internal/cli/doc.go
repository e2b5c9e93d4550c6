// Package cli implements the explainer command: its subcommands, flags and
// exit codes (0 ok, 1 content errors or a failed build, 2 usage). Run is
// everything main does, with its streams injected, so tests drive the real
// command with buffers.
package cli
