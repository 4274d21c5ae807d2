package quote

import (
	"strings"
	"testing"

	"github.com/heinlein/regbot/internal/fastre"
	"github.com/heinlein/regbot/internal/fastre/fastretest"
)

// TestRegexpsAreTheRegexp checks the package's expressions, compiled with
// fastre, against the regexp package on every line of the test mail, as
// written, trimmed and lower-cased.
func TestRegexpsAreTheRegexp(t *testing.T) {
	res := []*fastre.Regexp{reRule, reHeaderLine, reInlineLabel, reMobileFooter, reSigDash, reClosingTail, reClosingJoin,
		reDelegation, rePostScript, reOptOutLine, reFirstPerson, reContactLine, sigKeywords, reBullet, reSMTPCommand,
		reMailto, reCID}
	res = append(res, legalLinePatterns...)
	res = append(res, optOutPatterns...)
	for _, s := range separators {
		res = append(res, s.re)
	}
	for _, a := range attributions {
		res = append(res, a.re)
	}
	seen := map[string]bool{}
	var lines []string
	for _, raw := range fastretest.Mails(t) {
		for _, l := range strings.Split(string(raw[:min(len(raw), 20000)]), "\n") {
			for _, v := range []string{l, strings.TrimSpace(l), strings.ToLower(strings.TrimSpace(l))} {
				if !seen[v] {
					seen[v] = true
					lines = append(lines, v)
				}
			}
		}
	}
	found := 0
	for _, p := range res {
		found += fastretest.Same(t, p, lines)
	}
	if found < 5000 {
		t.Errorf("%d matches over %d expressions: the check proves little", found, len(res))
	}
	t.Logf("%d expressions on %d lines; %d matches compared", len(res), len(lines), found)
}
