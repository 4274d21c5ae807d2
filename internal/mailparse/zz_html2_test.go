package mailparse

import (
	"strings"
	"testing"
	"time"
)

func TestZZHTMLSlow(t *testing.T) {
	for _, tc := range []struct{ name, unit string }{
		{"div", "<div>"}, {"b", "<b>x"}, {"blockquote", "<blockquote>x"}, {"table", "<table><tr><td>"}, {"p", "<p>x"}, {"a", "<a href=x>"}, {"li", "<ul><li>"}, {"span", "<span>"}, {"i b", "<i><b>"},
	} {
		for _, n := range []int{10000, 40000} {
			h := strings.Repeat(tc.unit, n)
			start := time.Now()
			p := &parser{lim: DefaultLimits, msg: &Message{}}
			out := htmlToText(h, p)
			t.Logf("%s x%d (%d KB): %v, out %d KB, %v", tc.name, n, len(h)>>10, time.Since(start), len(out)>>10, p.msg.Problems)
		}
	}
}
