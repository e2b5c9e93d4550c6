package browsertest

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

var chrome Browser

func TestMain(m *testing.M) {
	code := m.Run()
	chrome.Close()
	os.Exit(code)
}

func TestFind(t *testing.T) {
	tests := []struct {
		name    string
		present map[string]string
		want    string
	}{
		{"real binary first", map[string]string{"/usr/lib/chromium/chromium": "/usr/lib/chromium/chromium", "chromium": "/usr/bin/chromium"}, "/usr/lib/chromium/chromium"},
		{"wrapper on PATH", map[string]string{"chromium": "/usr/bin/chromium"}, "/usr/bin/chromium"},
		{"chrome last", map[string]string{"google-chrome": "/opt/google/chrome"}, "/opt/google/chrome"},
		{"none", map[string]string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			look := func(name string) (string, error) {
				if p, ok := tt.present[name]; ok {
					return p, nil
				}
				return "", errors.New("not found")
			}
			if got := find(candidates, look); got != tt.want {
				t.Errorf("find() = %q, want %q", got, tt.want)
			}
		})
	}
}

// recorder is a testing.TB that records Skip and Fatal instead of stopping.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()               {}
func (r *recorder) Skip(args ...any)      { r.skipped = fmt.Sprint(args...) }
func (r *recorder) Fatal(args ...any)     { r.failed = fmt.Sprint(args...) }
func (r *recorder) Fatalf(string, ...any) { r.failed = "fatalf" }

func TestMissing(t *testing.T) {
	tests := []struct {
		name              string
		required          bool
		wantSkip, wantErr bool
	}{
		{"skips by default", false, true, false},
		{"fails when required", true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			missing(r, tt.required)
			if (r.skipped != "") != tt.wantSkip || (r.failed != "") != tt.wantErr {
				t.Fatalf("skipped=%q failed=%q, want skip %v fail %v", r.skipped, r.failed, tt.wantSkip, tt.wantErr)
			}
			msg := r.skipped + r.failed
			if !strings.Contains(msg, "chromium") || !strings.Contains(msg, RequireEnv) {
				t.Errorf("message %q does not say how to install or name %s", msg, RequireEnv)
			}
		})
	}
}

func TestTabLoadsLocalPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html lang="en"><title>local ok</title><p id="p">hi</p>`)
	}))
	defer srv.Close()
	ctx := chrome.Tab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if got != "local ok" {
		t.Errorf("title = %q, want %q", got, "local ok")
	}
}

func TestTabsShareOneBrowser(t *testing.T) {
	a := chrome.Tab(t)
	b := chrome.Tab(t)
	ca, cb := chromedp.FromContext(a), chromedp.FromContext(b)
	if ca.Browser != cb.Browser {
		t.Error("two tabs got different browsers, want one shared browser")
	}
	if ca.Target == cb.Target {
		t.Error("two tabs share one target, want a tab each")
	}
}

func TestTabStaysOffTheNetwork(t *testing.T) {
	ctx := chrome.Tab(t)
	err := chromedp.Do(ctx, chromedp.Navigate("http://example.com/"))
	if !errors.Is(err, chromedp.ErrPageLoad) {
		t.Fatalf("navigate to example.com: err = %v, want a page load error (host resolution is blocked)", err)
	}
	if !strings.Contains(err.Error(), "NAME_NOT_RESOLVED") {
		t.Errorf("err = %v, want ERR_NAME_NOT_RESOLVED", err)
	}
}

// TestMissingBrowserEndToEnd runs this test binary again with no browser to
// be found: a browser test must skip, or fail when the browser is required.
func TestMissingBrowserEndToEnd(t *testing.T) {
	if os.Getenv(PathEnv) != "" {
		t.Skip("already running without a browser")
	}
	tests := []struct {
		name, require, want string
		wantErr             bool
	}{
		{"skips", "", "--- SKIP: TestTabLoadsLocalPage", false},
		{"fails when required", "1", "--- FAIL: TestTabLoadsLocalPage", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestTabLoadsLocalPage$", "-test.v")
			cmd.Env = append(os.Environ(), PathEnv+"=/nonexistent/chromium", RequireEnv+"="+tt.require)
			out, err := cmd.CombinedOutput()
			if (err != nil) != tt.wantErr || !strings.Contains(string(out), tt.want) || !strings.Contains(string(out), "no browser at") {
				t.Errorf("err = %v, output:\n%s\nwant %q", err, out, tt.want)
			}
		})
	}
}
