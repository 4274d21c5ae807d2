package config

import (
	"regexp"
	"testing"

	"github.com/heinlein/regbot"
)

// Every key of the schema must be documented in config.example.yaml, either
// as a key with a comment or, for event entries, in the comment block above
// events:.
func TestExampleDocumentsEveryKey(t *testing.T) {
	example := string(regbot.DefaultConfigYAML)
	for key := range schemaIndex() {
		if !regexp.MustCompile(`(?m)^\s*(#.*\W)?` + regexp.QuoteMeta(key) + `\b`).MatchString(example) {
			t.Errorf("key %q is not documented in config.example.yaml", key)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"capacity", "open", "timezone", "to", "postal_code"}
	for in, want := range map[string]string{
		"capcity":     "capacity",
		"Capacity":    "capacity",
		"opne":        "open",
		"tz":          "",
		"postal-code": "postal_code",
		"timezome":    "timezone",
		"bogus":       "",
		"capacity":    "",
	} {
		if got := suggest(in, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
