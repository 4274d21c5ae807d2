package inbox

import "testing"

func TestQuoted(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Sent", `"Sent"`, true},
		{"Gesendete Objekte", `"Gesendete Objekte"`, true},
		{`pa"ss\word`, `"pa\"ss\\word"`, true},
		{"", `""`, true},
		{"Entwürfe", "", false}, // needs modified UTF-7 or a literal
		{"a\r\nb", "", false},
		{"a\x00b", "", false},
	}
	for _, tt := range tests {
		got, ok := quoted(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("quoted(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLiteralAtEnd(t *testing.T) {
	tests := []struct {
		in   string
		n    int64
		want bool
	}{
		{"* 1 FETCH (BODY[] {12}", 12, true},
		{"* 1 FETCH (BODY[] {12+}", 12, true},
		{"* OK {x}", 0, false},
		{"* OK done", 0, false},
		{"* OK {-1}", 0, false},
		{"* OK {99999999999}", 0, false}, // larger than is skipped
	}
	for _, tt := range tests {
		n, ok := literalAtEnd(tt.in)
		if n != tt.n || ok != tt.want {
			t.Errorf("literalAtEnd(%q) = %d, %v; want %d, %v", tt.in, n, ok, tt.n, tt.want)
		}
	}
}
