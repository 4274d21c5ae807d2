package intent

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/fastre"
	"github.com/heinlein/regbot/internal/fastre/fastretest"
	"github.com/heinlein/regbot/internal/lexicon"
	"github.com/heinlein/regbot/internal/mailparse"
)

// corpusText returns the subject and text of every mail in the corpus,
// the holdout and the real-world set, for checks that a faster matcher
// agrees with the regular expression it replaces.
func corpusText(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, raw := range fastretest.Mails(t) {
		m, err := mailparse.ParseBytes(raw)
		if err != nil {
			continue // broken on purpose; the others are enough
		}
		out = append(out, m.Subject+"\n"+m.Text)
	}
	return out
}

// corpusWords returns every whitespace-separated word of the corpus, as
// written, folded and trimmed of punctuation, plus hand-made edge cases.
func corpusWords(t *testing.T, extra ...string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, txt := range corpusText(t) {
		for _, w := range strings.Fields(txt) {
			add(w)
			add(fold(w))
			add(strings.Trim(w, ",.()"))
			add(strings.ToUpper(w))
		}
	}
	for _, w := range extra {
		add(w)
	}
	return out
}

func TestHasOrgSuffixIsTheRegexp(t *testing.T) {
	ref := regexp.MustCompile(`(?i)\p{L}{3,}(` + strings.Join(append(foldAll(lexicon.OrgSuffixes), lexicon.OrgSuffixes...), "|") + `)$`)
	words := corpusWords(t, "", "amt", "Xamt", "XYamt", "XYZamt", "Bezirksamt", "BEZIRKSAMT", "Landesämter", "LANDESÄMTER",
		"1amt", "ab1amt", "abcAMT", "Technologiestiftung", "stiftung", "Zstiftung", "ÄÖÜstiftung", "\xffabcamt", "abc\xffamt",
		"Stadtwerke", "werk", "Hochschule", "x-hochschule", "KKKamt", "ſſſamt")
	matched := 0
	for _, w := range words {
		want := ref.MatchString(w)
		if got := hasOrgSuffix(w); got != want {
			t.Errorf("hasOrgSuffix(%q) = %v, the regexp says %v", w, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 10 {
		t.Errorf("only %d of %d words end in an institution suffix: the check proves little", matched, len(words))
	}
}

func TestAbbrevEndIsTheRegexp(t *testing.T) {
	var tails [][]rune
	for _, txt := range append(corpusText(t), "z. b", "Dr", "o. ä", "Sept", "xsept", "x sept", "A", "5", "Nr", "foo z.b") {
		rs := []rune(txt)
		for i, r := range rs {
			if r == '.' {
				tails = append(tails, rs[max(0, i-24):i])
			}
		}
		tails = append(tails, rs[max(0, len(rs)-24):])
	}
	matched := 0
	for _, tail := range tails {
		want := abbrevRe.MatchString(string(tail))
		if got := abbrevEnd(tail); got != want {
			t.Errorf("abbrevEnd(%q) = %v, the regexp says %v", string(tail), got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 100 {
		t.Errorf("only %d of %d tails end in an abbreviation: the check proves little", matched, len(tails))
	}
}

// TestPatternSearchIsTheRegexp checks that fastre finds what the regexp
// package finds for every folded lexicon pattern, on every sentence and
// every whole text of the corpus, the holdout and the real-world mail.
// (fastre's own tests cover its paths on made-up text.)
func TestPatternSearchIsTheRegexp(t *testing.T) {
	var texts []string
	for _, txt := range corpusText(t) {
		// Whole texts (where spam signs are searched) are cut short to
		// keep the regexp side of the check fast.
		f := fold(txt)
		texts = append(texts, f[:min(len(f), 2000)])
		for _, s := range sentencesOf(txt[:min(len(txt), 5000)]) {
			texts = append(texts, s.folded)
		}
	}
	sets := []patterns{lx.registerSelf, lx.registerStatus, lx.info, lx.infoNeg, lx.cancel, lx.cancelSoft, lx.cancelVoid,
		lx.cancelRevoked, lx.deleteRes, lx.deleteVoid, lx.question, lx.questionSelf, lx.thirdParty, lx.deferred,
		lx.negation, lx.allEvents, lx.past, lx.selfMarkers, lx.selfExcluded, lx.otherEvents, lx.subjectNeg,
		lx.confirmSubjects, lx.substitute, lx.registerAnchor, lx.themselves, lx.questionVoid}
	var all []*fastre.Regexp
	for _, set := range sets {
		all = append(all, set.each...)
	}
	for _, w := range lx.spam {
		all = append(all, w.re)
	}
	found := 0
	for _, p := range all {
		found += fastretest.Same(t, p, texts)
	}
	if found < 1000 {
		t.Errorf("%d matches over %d patterns: the check proves little", found, len(all))
	}
	t.Logf("%d patterns; %d matches compared", len(all), found)
}

// TestRegexpsAreTheRegexp checks the package's other expressions, and the
// events' date and place expressions, against the regexp package on the
// lines, sentences and words of the test mail, as written and folded.
func TestRegexpsAreTheRegexp(t *testing.T) {
	res := []*fastre.Regexp{selfObjectRe, selfSubjectRe, transitiveRe, ownFormRe, questionMarkRe, strongRegisterRe,
		countRe, nounSuffixRe, listIntroRe, greetingRe, wordRe, nameListSepRe, lastFirstRe, listHeadRe, bareListRe,
		bareWithSelfRe, onBehalfRe, emailRe, phoneLineRe, addressLineRe, nameTokRe, mobileFooterRe, closingWordRe, sepRe,
		orgInTextRe, dutyRe, studyAtRe, firstPersonRe, personLineRe, nameAddrLineRe, listItemRe, abbrevRe,
		subjectPrefixRe, monthWordRe, numberEndRe, dottedDateEndRe}
	for _, c := range subjectCues {
		res = append(res, c.re)
	}
	for _, ev := range testEvents() {
		m := newEventMatcher(ev)
		res = append(res, m.places...)
		res = append(res, m.dateRes...)
		res = append(res, m.dayOnly, m.weekday, m.monthOnly)
	}
	seen := map[string]bool{}
	var texts []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			texts = append(texts, s)
		}
	}
	for _, txt := range corpusText(t) {
		for _, l := range strings.Split(txt[:min(len(txt), 5000)], "\n") {
			add(l)
			add(fold(l))
			for _, w := range strings.Fields(l) {
				add(w)
			}
		}
		for _, s := range sentencesOf(txt[:min(len(txt), 5000)]) {
			add(s.folded)
		}
	}
	found := 0
	for _, p := range res {
		found += fastretest.Same(t, p, texts)
	}
	if found < 10000 {
		t.Errorf("%d matches over %d expressions: the check proves little", found, len(res))
	}
	t.Logf("%d expressions on %d texts; %d matches compared", len(res), len(texts), found)
}

func testEvents() []Event {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return []Event{
		{ID: "runder-tisch", Names: []string{"Runder Tisch"}, Start: time.Date(2024, 4, 18, 13, 0, 0, 0, berlin),
			Places: []string{"Ludwig Erhard Haus", "Seminarraum 4 A 02"}},
		{ID: "netzwerktag", Names: []string{"Netzwerktag"}, Start: time.Date(2024, 6, 19, 9, 0, 0, 0, berlin)},
	}
}
