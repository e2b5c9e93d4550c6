package tomlscan

import "testing"

func TestKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, key, rest string }{
		{"title = 1", "title", " = 1"},
		{"a.b = 1", "a", ".b = 1"},
		{`"two words" = 1`, "two words", " = 1"},
		{`'lit' = 1`, "lit", " = 1"},
		{`"open = 1`, "", ""},
		{"= 1", "", "= 1"},
		{"x-y_2=", "x-y_2", "="},
	}
	for _, tt := range tests {
		key, rest := Key([]byte(tt.in))
		if key != tt.key || string(rest) != tt.rest {
			t.Errorf("Key(%q) = %q, %q; want %q, %q", tt.in, key, rest, tt.key, tt.rest)
		}
	}
}
