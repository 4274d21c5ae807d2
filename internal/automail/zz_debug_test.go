package automail

import (
	"fmt"
	"os"
	"testing"

	"github.com/heinlein/regbot/internal/mailparse"
)

func TestZZDebug(t *testing.T) {
	f := os.Getenv("DBG")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	m, _ := mailparse.ParseBytes(b)
	c := newClassifier(m, Options{OwnAddresses: []string{"mail@heinlein-support.de"}, OwnDomains: []string{"heinlein-support.de"}})
	c.headerRules()
	c.senderRules()
	s := c.scanBounceText(c.textExcluded(c.excludedAddresses()))
	fmt.Printf("inline=%v cands=%+v\n", s.inlineOriginal, s.cands)
	fmt.Printf("score=%d cues=%q\n", c.autoReplyText(), c.cues)
}

func TestZZMarkers(t *testing.T) {
	f := os.Getenv("DBG")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	m, _ := mailparse.ParseBytes(b)
	for i, l := range headLines(m.Text) {
		fl := fold(l)
		if p, ok := firstMatch(lex.bounceOriginal, fl); ok {
			a, _ := p.find(fl)
			fmt.Println(i, p.text, a, l)
		}
		if hm := headerRe.FindStringSubmatch(l); hm != nil {
			fmt.Println(i, "HDR", hm[1])
		}
	}
}
