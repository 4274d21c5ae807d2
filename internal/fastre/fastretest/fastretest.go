// Package fastretest checks, in other packages' tests, that their
// fastre expressions find what the regexp package finds on their own text.
package fastretest

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"

	"github.com/heinlein/regbot/internal/fastre"
)

// Same compares r with the regexp package on every text: all matches with
// their groups, the leftmost match and whether there is one. It stops at
// the first difference and returns how many matches it compared.
func Same(t testing.TB, r *fastre.Regexp, texts []string) int {
	t.Helper()
	re := regexp.MustCompile(r.String())
	found := 0
	for _, s := range texts {
		// One call on the regexp side; the other results follow from it.
		want := re.FindAllStringSubmatchIndex(s, -1)
		if got := r.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s on %q: FindAllStringSubmatchIndex %v, regexp %v", r, s, got, want)
		}
		var all [][]int
		for _, m := range want {
			all = append(all, m[:2])
		}
		if got := r.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, all) {
			t.Fatalf("%s on %q: FindAllStringIndex %v, regexp %v", r, s, got, all)
		}
		var first []int
		if len(all) > 0 {
			first = all[0]
		}
		if got := r.FindStringIndex(s); !reflect.DeepEqual(got, first) {
			t.Fatalf("%s on %q: FindStringIndex %v, regexp %v", r, s, got, first)
		}
		if got := r.MatchString(s); got != (first != nil) {
			t.Fatalf("%s on %q: MatchString %v, regexp %v", r, s, got, first != nil)
		}
		found += len(want)
	}
	return found
}

// Mails returns the raw test mail of the repository (testdata/corpus,
// holdout and realworld, from a package two levels down), the corpus
// alone under -short: the text the comparisons run on.
func Mails(t testing.TB) [][]byte {
	t.Helper()
	dirs := []string{"corpus", "holdout", "realworld/*"}
	if testing.Short() {
		dirs = dirs[:1] // the rest in the full run
	}
	var out [][]byte
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.eml"))
		if len(files) == 0 {
			t.Fatalf("no mails in testdata/%s", dir)
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, raw)
		}
	}
	return out
}
