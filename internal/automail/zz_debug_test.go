package automail

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/heinlein/regbot/internal/mailparse"
)

func TestZZScores(t *testing.T) {
	if os.Getenv("DBG") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(os.Getenv("DBG"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		m, _ := mailparse.ParseBytes(b)
		c := newClassifier(m, Options{OwnAddresses: []string{"mail@heinlein-support.de"}, OwnDomains: []string{"heinlein-support.de"}})
		c.subjectRules()
		sc := c.autoReplyText()
		if sc > 0 || c.subjectBounce {
			// re-run with cue dump
			var cues []string
			c.cues = nil
			old := sc
			_ = old
			fmt.Printf("%-50s score=%d subjBounce=%v\n", filepath.Base(f), sc, c.subjectBounce)
			_ = cues
		}
	}
}
