// Command explainer builds a cross-linked explainer site from Markdown
// briefs, checks it like a compiler, and serves it with live reload.
//
// Usage:
//
//	explainer init    DIR [-title T]
//	explainer build   [-src .] [-out public] [-base-url /] [-drafts] [-strict]
//	explainer check   [-src .] [-base-url /] [-drafts] [-strict] [-format text|github|json]
//	explainer new     actor|demand|topic ID [-src .] [-actor A] [-topic T]
//	explainer serve   [-src .] [-addr 127.0.0.1:1313] [-base-url /] [-drafts]
//	explainer theme   eject [-src .]
//	explainer version
//
// Exit codes: 0 ok, 1 content errors or a failed build, 2 usage.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/explainer/explainer/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
