package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// isHelp reports whether arg asks for help rather than naming something.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

// flagSet is a command's flag set, printing usage and then the flags.
func flagSet(name string, stderr io.Writer, usage string) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(fl.Output(), usage); fl.PrintDefaults() }
	return fl
}

// parsePositional parses args, in which flags may come before, between
// or after the positional arguments it returns. It returns an exit code
// and false on a usage error or a help request.
func parsePositional(fl *flag.FlagSet, args []string) ([]string, int, bool) {
	var pos []string
	for rest := args; ; {
		if err := fl.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, ExitOK, false
			}
			return nil, ExitUsage, false
		}
		if fl.NArg() == 0 {
			return pos, 0, true
		}
		pos, rest = append(pos, fl.Arg(0)), fl.Args()[1:]
	}
}

// parseWithOneArg is parsePositional for a command that takes exactly one
// argument; it prints the usage when there is not one.
func parseWithOneArg(fl *flag.FlagSet, args []string, what string) (string, int, bool) {
	pos, code, ok := parsePositional(fl, args)
	if !ok {
		return "", code, false
	}
	if len(pos) != 1 {
		fmt.Fprintf(fl.Output(), "explainer %s: want one %s, got %d arguments\n\n", fl.Name(), what, len(pos))
		fl.Usage()
		return "", ExitUsage, false
	}
	return pos[0], 0, true
}
