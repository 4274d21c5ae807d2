package intent

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/heinlein/regbot/internal/fastre"
	"github.com/heinlein/regbot/internal/lexicon"
)

// Event is what the classifier needs to know of a configured event.
type Event struct {
	ID      string
	Names   []string  // title and alternative names
	Start   time.Time // in the event's time zone
	Default bool      // the event a registration means when a mail names none
	// Places are names of the venue that belong to this event alone
	// ("Seminarraum 4 A 02"); a mention counts as a weak hint.
	Places []string
}

// mention is an event named in a folded sentence.
type mention struct {
	event    string
	pos      int
	strength int // 3 name or full date, 2 day, weekday or relative day, 1 month
	past     bool
	relative bool // "heute", "morgen": the day of the event is meant
	cue      string
}

type eventMatcher struct {
	ev        Event
	names     [][]string // folded, stemmed tokens of each name
	places    []*fastre.Regexp
	dateRes   []*fastre.Regexp
	dayOnly   *fastre.Regexp
	weekday   *fastre.Regexp
	monthOnly *fastre.Regexp
}

var (
	germanMonths    = foldAll(lexicon.MonthsGerman)
	germanMonthAbbr = foldAll(lexicon.MonthsGermanShort)
	englishMonths   = foldAll(lexicon.MonthsEnglish)
	germanWeekdays  = foldAll(lexicon.WeekdaysGerman)
	englishWeekdays = foldAll(lexicon.WeekdaysEnglish)
)

func foldAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = fold(w)
	}
	return out
}

func newEventMatcher(ev Event) *eventMatcher {
	m := &eventMatcher{ev: ev}
	seen := map[string]bool{}
	for _, n := range append([]string{ev.ID}, ev.Names...) {
		toks := tokens(fold(strings.ReplaceAll(n, "-", " ")))
		if len(toks) == 0 {
			continue
		}
		key := strings.Join(toks, " ")
		if seen[key] {
			continue
		}
		seen[key] = true
		for i := range toks {
			toks[i] = stem(toks[i])
		}
		m.names = append(m.names, toks)
	}
	for _, pl := range ev.Places {
		toks := tokens(fold(pl))
		if len(toks) == 0 {
			continue
		}
		// "Seminarraum 4 A 02", "room 4 A 02", "4A02": the distinctive part
		// is what follows the room word.
		var parts []string
		for _, t := range toks {
			if len(t) > 6 && !strings.ContainsAny(t, "0123456789") {
				continue
			}
			parts = append(parts, regexp.QuoteMeta(t))
		}
		if len(parts) == 0 {
			continue
		}
		m.places = append(m.places, fastre.MustCompile(`\b`+strings.Join(parts, `\s*`)+`\b`))
	}
	if ev.Start.IsZero() {
		return m
	}
	d, mo, y := ev.Start.Day(), int(ev.Start.Month()), ev.Start.Year()
	months := fmt.Sprintf("%s|%s|%s", germanMonths[mo-1], germanMonthAbbr[mo-1], englishMonths[mo-1])
	yy := fmt.Sprintf("(?:%d|%02d)", y, y%100)
	day := fmt.Sprintf("0?%d", d)
	m.dateRes = []*fastre.Regexp{
		fastre.MustCompile(fmt.Sprintf(`\b%s\.\s?0?%d(?:\.(?:\s?%s\b)?|\b)`, day, mo, yy)),
		fastre.MustCompile(fmt.Sprintf(`\b%s(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?:%s)\b`, day, months)),
		fastre.MustCompile(fmt.Sprintf(`\b(?:%s)\.?\s+%s(?:st|nd|rd|th)?\b`, months, day)),
		fastre.MustCompile(fmt.Sprintf(`\b%d-%02d-%02d\b`, y, mo, d)),
	}
	m.dayOnly = fastre.MustCompile(fmt.Sprintf(`\b(?:am|den|dem|the|on|zum|fuer\s+den)\s+%s(?:\.|st|nd|rd|th)(?:\s|$|[^0-9a-z])`, day))
	wd := ev.Start.Weekday()
	m.weekday = fastre.MustCompile(fmt.Sprintf(`\b(?:%s|%s)\b`, germanWeekdays[wd], englishWeekdays[wd]))
	m.monthOnly = fastre.MustCompile(fmt.Sprintf(`\b(?:im|in|ab|fuer|zum|ende|anfang|mitte|fuer\s+den)\s+(?:%s)\b`, months))
	return m
}

func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r))
	})
}

// stem removes German and English inflection endings so that "Runden
// Tisches" meets "Runder Tisch".
func stem(t string) string {
	if len(t) <= 4 {
		return t
	}
	for _, suf := range []string{"es", "en", "er", "em", "e", "s", "n"} {
		if strings.HasSuffix(t, suf) && len(t)-len(suf) >= 4 {
			return t[:len(t)-len(suf)]
		}
	}
	return t
}

// similar tolerates one typo in words long enough to carry one.
func similar(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < 4 || len(b) < 4 {
		return false
	}
	return editDistance1(a, b)
}

// editDistance1 reports whether a and b differ by at most one insertion,
// deletion or substitution.
func editDistance1(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i, j, diff := 0, 0, 0
	for i < len(a) && j < len(b) {
		if a[i] == b[j] {
			i++
			j++
			continue
		}
		diff++
		if diff > 1 {
			return false
		}
		if len(a) == len(b) {
			i++
		}
		j++
	}
	return diff+(len(b)-j)+(len(a)-i) <= 1
}

type tok struct {
	s   string
	pos int
}

func tokenPositions(s string) []tok {
	var out []tok
	start := -1
	for i, r := range s {
		isW := unicode.IsLetter(r) || unicode.IsDigit(r)
		if isW && start < 0 {
			start = i
		}
		if !isW && start >= 0 {
			out = append(out, tok{stem(s[start:i]), start})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, tok{stem(s[start:]), start})
	}
	return out
}

// find returns the mentions of this event in a folded sentence. sent is the
// time the mail was written, for "morgen", "am Donnerstag" and "den 18.".
func (m *eventMatcher) find(s string, toks []tok, sent time.Time) []mention {
	var out []mention
	add := func(pos, strength int, cue string) {
		out = append(out, mention{event: m.ev.ID, pos: pos, strength: strength, cue: cue})
	}
	for _, name := range m.names {
		for i := 0; i < len(toks); i++ {
			if matchName(name, toks, i) {
				add(toks[i].pos, 3, "name")
				break
			}
		}
	}
	for _, re := range m.places {
		if loc := re.FindStringIndex(s); loc != nil {
			add(loc[0], 1, "place")
			break
		}
	}
	// Every date form has the day's number: no digit, no date.
	hasDigit := strings.ContainsAny(s, "0123456789")
	for _, re := range m.dateRes {
		if !hasDigit {
			break
		}
		if loc := re.FindStringIndex(s); loc != nil {
			add(loc[0], 3, "date "+strings.TrimSpace(s[loc[0]:loc[1]]))
			break
		}
	}
	if m.ev.Start.IsZero() || sent.IsZero() {
		return out
	}
	startDay := dayOf(m.ev.Start)
	sentDay := dayOf(sent.In(m.ev.Start.Location()))
	daysBefore := int(startDay.Sub(sentDay).Hours() / 24)
	if len(out) == 0 && hasDigit && m.dayOnly != nil && daysBefore >= 0 && daysBefore <= 31 {
		if loc := m.dayOnly.FindStringIndex(s); loc != nil {
			add(loc[0], 2, "day "+strings.TrimSpace(s[loc[0]:loc[1]]))
		}
	}
	if m.weekday != nil && daysBefore >= 0 && daysBefore <= 10 {
		if loc := m.weekday.FindStringIndex(s); loc != nil {
			add(loc[0], 2, "weekday")
		}
	}
	// "Guten Morgen" greets; it names no day.
	unGreeted := s
	for _, g := range lexicon.NotRelativeDays {
		unGreeted = strings.ReplaceAll(unGreeted, fold(g), strings.Repeat(" ", len(fold(g))))
	}
	for _, t := range toks {
		if off, ok := relativeDays[wordAt(unGreeted, t.pos)]; ok && off == daysBefore {
			out = append(out, mention{event: m.ev.ID, pos: t.pos, strength: 2, relative: off >= 0, past: off < 0, cue: "relative day"})
			break
		}
	}
	if m.monthOnly != nil && daysBefore >= -1 && daysBefore <= 200 {
		if loc := m.monthOnly.FindStringIndex(s); loc != nil {
			add(loc[0], 1, "month")
		}
	}
	return out
}

// relativeDays are lexicon.RelativeDays, folded.
var relativeDays = func() map[string]int {
	out := map[string]int{}
	for w, off := range lexicon.RelativeDays {
		out[fold(w)] = off
	}
	return out
}()

// wordAt returns the word of folded text that starts at pos (tokens are
// stemmed; this reads the word itself).
func wordAt(s string, pos int) string {
	end := pos
	for end < len(s) && (s[end] >= 'a' && s[end] <= 'z') {
		end++
	}
	return s[pos:end]
}

func dayOf(t time.Time) time.Time {
	y, mo, d := t.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}

func matchName(name []string, toks []tok, i int) bool {
	// Word by word, tolerating one typo per long word.
	if i+len(name) <= len(toks) {
		ok := true
		for k, n := range name {
			if !similar(n, toks[i+k].s) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	// "Roundtable" for "Round Table": two text words written as one.
	if len(name) == 2 && similar(name[0]+name[1], toks[i].s) {
		return true
	}
	if len(name) == 1 && i+1 < len(toks) && similar(name[0], toks[i].s+toks[i+1].s) {
		return true
	}
	return false
}
