package diag

import "testing"

func TestSimilarID(t *testing.T) {
	demands := []string{"russia-lift-sanctions", "russia-keep-territory", "russia-sanctions-relief", "ukraine-security-guarantees", "us-end-war-fast"}
	topics := []string{"ceasefire-and-ending-the-war", "sanctions", "territory", "security-guarantees-and-peacekeeping"}
	actors := []string{"europe", "russia", "ukraine", "united-states"}
	tests := []struct {
		name, id   string
		candidates []string
		want       string
	}{
		{"typo, as Closest", "rusia", actors, "russia"},
		{"words added by a rename", "ceasefire", topics, "ceasefire-and-ending-the-war"},
		{"words dropped by a rename", "territory-and-borders", topics, "territory"},
		{"initials", "us", actors, "united-states"},
		{"spelled out", "european-union", []string{"eu", "russia"}, "eu"},
		{"most words shared", "russia-lift-sanctions-now", demands, "russia-lift-sanctions"},
		{"half the words shared", "security-guarantees", topics, "security-guarantees-and-peacekeeping"},
		{"too few words shared", "russia-win", demands, ""},
		{"a tie is no hint", "russia-sanctions", []string{"russia-lift-sanctions", "russia-sanctions-relief"}, ""},
		{"nothing alike", "arms", topics, ""},
		{"no candidates", "x", nil, ""},
		{"empty words", "a--b", []string{"a-b-c"}, "a-b-c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SimilarID(tt.id, tt.candidates); got != tt.want {
				t.Errorf("SimilarID(%q) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
}
