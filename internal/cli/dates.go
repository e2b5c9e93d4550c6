package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/gitdate"
)

// siteDates returns the last commit date of each brief when the site root
// is in a git checkout, for pages whose frontmatter has no updated date.
// Outside git it returns nil quietly; when git fails it says so on stderr
// and the build goes on without dates.
func siteDates(src string, stderr io.Writer) map[string]time.Time {
	dates, err := gitdate.Read(context.Background(), src, content.Dir)
	if err != nil {
		if !errors.Is(err, gitdate.ErrNotRepo) && stderr != nil {
			fmt.Fprintf(stderr, "explainer: pages without an updated date get none: %v\n", err)
		}
		return nil
	}
	return dates
}
