package mailparse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// realWorldFiles lists the third-party mails: the full collection beside the
// repository when it is there, the committed subset otherwise.
func realWorldFiles(tb testing.TB) []string {
	tb.Helper()
	for _, dir := range []string{"../../../shared/realworld", "/work/shared/realworld", "../../testdata/realworld"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "*.eml"))
		if len(files) > 0 {
			return files
		}
	}
	tb.Skip("no real-world mail found")
	return nil
}

func TestRealWorld(t *testing.T) {
	files := realWorldFiles(t)
	withProblems := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ParseBytes(raw)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if !utf8.ValidString(m.Text) || !utf8.ValidString(m.Subject) {
			t.Errorf("%s: Text or Subject is not valid UTF-8", f)
		}
		for _, p := range m.Problems {
			if strings.Contains(p, "internal error") {
				t.Errorf("%s: %s", f, p)
			}
		}
		if len(m.Problems) > 0 {
			withProblems++
			if testing.Verbose() {
				t.Logf("%s: %s", filepath.Base(f), strings.Join(m.Problems, " | "))
			}
		}
	}
	t.Logf("%d real-world mails parsed, %d with Problems", len(files), withProblems)
}
