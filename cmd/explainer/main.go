// Command explainer builds a cross-linked explainer site from Markdown
// briefs, checks it like a compiler, and serves it with live reload.
//
// Usage:
//
//	explainer init    DIR [-title T]
//	explainer build   [-src .] [-out public] [-force] [-base-url URL] [-drafts] [-strict]
//	explainer check   [-src .] [-base-url URL] [-drafts] [-strict] [-format text|github|json]
//	explainer new     actor|demand|topic ID [-src .] [-actor A] [-topic T]
//	explainer serve   [-src .] [-addr 127.0.0.1:1313] [-base-url URL] [-drafts]
//	explainer theme   eject [-src .]
//	explainer version
//
// Exit codes: 0 ok, 1 content errors or a failed build, 2 usage; a build
// or check stopped by SIGINT or SIGTERM exits 130 or 143 (128 plus the
// signal's number) and leaves the previous output as it was.
// Warnings are printed but give 0, unless -strict treats them as errors.
package main

import (
	"context"
	"os"

	"github.com/explainer/explainer/internal/cli"
)

func main() {
	ctx, stop := cli.NotifyContext(context.Background())
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
