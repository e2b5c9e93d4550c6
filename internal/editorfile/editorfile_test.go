package editorfile

import "testing"

func TestIs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want bool
	}{
		{"content/a.md", false},
		{"content/.a.md.swp", true},
		{"content/.a.md.swx", true},
		{"content/a.md~", true},
		{"content/4913", true},
		{"content/.#a.md", true},
		{"content/#a.md#", true},
		{"#", false},
		{"content/a.md___jb_tmp___", true},
		{"content/a.md___jb_old___", true},
		{"content/.goutputstream-ABC", true},
		{"content/a.tmp", true},
		{"layouts/base.html", false},
		{"static/#hash.css", false},
		{".#a.md", true},
		{"a.md", false},
	}
	for _, tt := range tests {
		if got := Is(tt.name); got != tt.want {
			t.Errorf("Is(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
