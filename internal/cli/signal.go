package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Interrupt is the cause (context.Cause) of a context that NotifyContext
// ended because a signal arrived.
type Interrupt struct {
	Signal os.Signal
}

func (i Interrupt) Error() string { return i.Signal.String() + " signal received" }

// NotifyContext returns a context that ends at the first SIGINT or SIGTERM,
// with an Interrupt as its cause. After that first signal the signals get
// their default behaviour again, so a second Ctrl-C kills the process at
// once should stopping take too long. stop releases the signals.
func NotifyContext(parent context.Context) (ctx context.Context, stop context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			cancel(Interrupt{Signal: s})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(context.Canceled)
	}
}

// interrupted reports a build or check that ctx stopped, in one line, and
// returns its exit code: 128 plus the signal's number (130 for SIGINT, 143
// for SIGTERM), and 130 when the context ended another way. A build
// stopped at any stage leaves -out as it was and no temporary folder.
func interrupted(ctx context.Context, stderr io.Writer, cmd, out string) int {
	what, code := "interrupted", ExitInterrupt
	var in Interrupt
	if errors.As(context.Cause(ctx), &in) {
		if s, ok := in.Signal.(syscall.Signal); ok {
			what, code = "stopped by "+signalName(s), 128+int(s)
		}
	}
	if cmd == "build" {
		fmt.Fprintf(stderr, "explainer build: %s; %s left as it was\n", what, out)
	} else {
		fmt.Fprintf(stderr, "explainer %s: %s\n", cmd, what)
	}
	return code
}

// signalName is the conventional name of the signals NotifyContext
// catches ("SIGINT"), or the signal's own description.
func signalName(s syscall.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}
