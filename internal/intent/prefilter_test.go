package intent

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heinlein/regbot/internal/mailparse"
	"github.com/heinlein/regbot/internal/quote"
)

// TestPrefilterNeverHidesAMatch checks the literal prefilter against every
// lexicon pattern on every sentence of the corpus: whenever the regular
// expression matches, the prefilter must let it through.
func TestPrefilterNeverHidesAMatch(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.eml"))
	if len(files) == 0 {
		t.Fatal("no corpus")
	}
	var sentences []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := mailparse.ParseBytes(raw)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sentencesOf(quote.Split(m.Text).New) {
			sentences = append(sentences, s.folded)
		}
		sentences = append(sentences, fold(m.Text))
	}
	sets := []patterns{lx.registerSelf, lx.registerStatus, lx.info, lx.infoNeg, lx.cancel, lx.cancelSoft, lx.cancelVoid,
		lx.cancelRevoked, lx.deleteRes, lx.deleteVoid, lx.question, lx.questionSelf, lx.thirdParty, lx.deferred,
		lx.negation, lx.allEvents, lx.past, lx.selfMarkers, lx.selfExcluded, lx.otherEvents}
	checked, filtered := 0, 0
	for _, set := range sets {
		for _, p := range set.each {
			if len(p.lits) > 0 {
				filtered++
			}
			for _, s := range sentences {
				if p.re.MatchString(s) && !p.possible(s) {
					t.Errorf("prefilter %q hides a match of %s in %q", p.lits, p.re, s)
				}
				checked++
			}
		}
	}
	if filtered == 0 {
		t.Error("no pattern has a prefilter: the optimisation is off")
	}
	t.Logf("%d checks, %d patterns with a literal prefilter", checked, filtered)
}

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`\bmelde[nt]?\b[^;]{0,140}?\ban\b`, []string{"melde"}},
		{`\b(absag|storn)\w*`, []string{"absag", "storn"}},
		{`\b(mich|uns)\s+selbst\b`, []string{"selbst"}},
		{`\bzu\s+(zweit|dritt)\b`, []string{"zweit", "dritt"}},
		{`x?`, nil},
		{`\b(ja|nein)\b`, nil}, // "ja" is too short to filter with
	}
	for _, tt := range tests {
		got := newPattern(tt.src).lits
		if len(got) != len(tt.want) {
			t.Errorf("%s: literals %q, want %q", tt.src, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: literals %q, want %q", tt.src, got, tt.want)
			}
		}
	}
}
