package mailparse

import (
	"strings"
	"testing"
	"time"

	"github.com/inbucket/html2text"
	"golang.org/x/net/html"
)

func TestZZHTMLSlow2(t *testing.T) {
	for _, unit := range []string{"<a href=x>", "<a href=x>y", "<p><a href=x>y", "<b><i>", "<font>x", "<b>x</i>", "<table><a>", "<form>x"} {
		h := strings.Repeat(unit, 20000)
		start := time.Now()
		doc, err := html.Parse(strings.NewReader(h))
		t1 := time.Since(start)
		if err != nil {
			t.Logf("%q parse err %v", unit, err)
			continue
		}
		start = time.Now()
		simplifyHTML(doc, 0)
		t2 := time.Since(start)
		start = time.Now()
		html2text.FromHTMLNode(doc, html2text.Options{})
		t3 := time.Since(start)
		t.Logf("%q: parse %v simplify %v html2text %v", unit, t1, t2, t3)
	}
}
