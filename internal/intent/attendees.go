package intent

import (
	"strings"
	"unicode"

	"github.com/heinlein/regbot/internal/fastre"
	"github.com/heinlein/regbot/internal/lexicon"
	"github.com/heinlein/regbot/internal/mailparse"
	"github.com/heinlein/regbot/internal/quote"
)

// found is a person named in the text.
type found struct {
	salutation string // "Frau" or "Herr" when the text gives one
	titles     []string
	names      []string // name words in order
	email      string
	pos        int
}

func (f found) full() string {
	return strings.TrimSpace(strings.Join(append(append([]string{}, f.titles...), f.names...), " "))
}

func (f found) surname() string {
	if len(f.names) == 0 {
		return ""
	}
	return fold(strings.Trim(f.names[len(f.names)-1], ".,"))
}

var (
	colleagueWords = foldedSet(lexicon.Colleagues)
	countRe        = fastre.MustCompile(foldPattern(lexicon.HeadCount))
	nounSuffixRe   = fastre.MustCompile(`(?i)(ung|heit|keit|schaft|tion|ität|itaet|ismus|ment)$`)
	listIntroRe    = fastre.MustCompile(`:\s*$`)
)

func countWord(w string) int {
	if n, ok := lexicon.CountWords[w]; ok {
		return n
	}
	// CountWords is written with umlauts; the text is folded.
	for k, n := range lexicon.CountWords {
		if fold(k) == w {
			return n
		}
	}
	if len(w) == 1 && w[0] >= '1' && w[0] <= '9' {
		return int(w[0] - '0')
	}
	return 0
}

// attendees lists the people this mail registers, the contact first where
// they attend.
func (a *Analyzer) attendees(m *mailparse.Message, parts quote.Parts, subject string, body []sentence, cues []cue, ctx *mailContext, c *Contact) []Person {
	// Sentences that cancel (other than a substitution) name people who
	// are leaving, not coming.
	skip := map[int]bool{}
	explicitSelf := false
	for _, cu := range cues {
		if cu.kind == Cancel && !cu.soft && !ctx.substitute {
			skip[cu.sentence] = true
		}
		if cu.kind == Register && cu.self {
			explicitSelf = true
		}
	}
	regSentences := map[int]bool{}
	for _, cu := range cues {
		if cu.kind == Register && cu.sentence >= 0 && !skip[cu.sentence] {
			regSentences[cu.sentence] = true
		}
	}
	inContext := func(line string) bool {
		for i := range regSentences {
			if strings.Contains(line, body[i].text) || strings.Contains(body[i].text, line) {
				return true
			}
		}
		return false
	}
	people := namedPeople(parts.New, inContext)
	if len(people) == 0 {
		people = subjectPeople(subject)
	}

	self := explicitSelf || ctx.selfMarker
	if ctx.replyConfirm && !ctx.revoked {
		// Writing back to one's own confirmation: the writer is registered
		// already; only who is new counts.
		self = selfRegistersAgain(body)
	}
	if ctx.selfExcluded || ctx.substitute {
		self = false
	}
	// The writer named among the people (third person, initial): the
	// contact attends with the address they wrote from.
	var others []found
	for _, p := range people {
		if c != nil && samePerson(p, c.Name) {
			if !ctx.selfExcluded {
				self = true
			}
			continue
		}
		others = append(others, p)
	}
	if len(others) == 0 && !ctx.selfExcluded && !ctx.substitute {
		self = true
	}
	a.fillEmails(others, m, parts, c)

	var out []Person
	if self && c != nil {
		out = append(out, Person{Name: c.Name, Email: a.selfEmail(m)})
	}
	for _, p := range others {
		out = append(out, Person{Name: p.full(), Email: p.email, Salutation: p.salutation})
	}
	// "Wir kommen zu dritt": unnamed companions keep the head count.
	if n := headCount(body, self); n > len(out) {
		for len(out) < n && len(out) < 20 {
			out = append(out, Person{})
		}
	}
	return out
}

func selfRegistersAgain(body []sentence) bool {
	for _, s := range body {
		for _, sp := range allMatches(lx.registerSelf, s.folded) {
			m := s.folded[sp.start:sp.end]
			if !strings.Contains(m, "meld") && !strings.Contains(m, "teilnehm") && !strings.Contains(m, "teil") && !strings.Contains(m, "komme") {
				continue
			}
			if isSelf(s.folded, sp) && !negated(s.folded, sp) {
				return true
			}
		}
	}
	return false
}

func headCount(body []sentence, self bool) int {
	best := 0
	for _, s := range body {
		for _, m := range countRe.FindAllStringSubmatch(s.folded, -1) {
			n := 0
			if m[1] != "" {
				// "Wir kommen zu dritt" counts the writer.
				n = countWord(m[1])
				if !self {
					n--
				}
			} else {
				n = countWord(m[2])
				if hasAnyPrefix(m[3], lexicon.HeadCountOthers) {
					if self {
						n++
					}
				}
			}
			if n > best {
				best = n
			}
		}
	}
	return best
}

func samePerson(p found, name string) bool {
	if name == "" {
		return false
	}
	ws := nameWords(name)
	if len(ws) == 0 || len(p.names) == 0 {
		return false
	}
	if fold(ws[len(ws)-1]) != p.surname() {
		return false
	}
	if len(p.names) == 1 || len(ws) == 1 {
		return true
	}
	pf, cf := fold(strings.TrimSuffix(p.names[0], ".")), fold(ws[0])
	return pf == cf || (len(pf) == 1 && strings.HasPrefix(cf, pf))
}

// word is a token of a line with its position.
type word struct {
	s   string // as written, trailing punctuation removed
	raw string
	pos int
}

func words(line string) []word {
	var out []word
	for _, loc := range wordRe.FindAllStringIndex(line, -1) {
		raw := line[loc[0]:loc[1]]
		s := strings.TrimRight(strings.TrimLeft(raw, "(„\"'"), ",;:)!?“\"'")
		// A full stop ends a sentence, not a name; initials and titles keep it.
		if strings.HasSuffix(s, ".") && len([]rune(s)) > 3 && !academic[fold(s)] {
			s = strings.TrimSuffix(s, ".")
		}
		out = append(out, word{s: s, raw: raw, pos: loc[0]})
	}
	return out
}

func isNameWord(w string) bool {
	if w == "" {
		return false
	}
	f := fold(w)
	if salutations[f] || officeTitles[f] || roleWords[f] || orgWords[f] || notAPerson[f] || colleagueWords[f] {
		return false
	}
	return nameTokRe.MatchString(w)
}

// parseName reads a name starting at ws[i] (after a salutation or an
// introducing word): office titles are skipped, academic titles kept.
func parseName(ws []word, i int) (found, int) {
	var f found
	for i < len(ws) && officeTitles[fold(ws[i].s)] {
		i++
	}
	for i < len(ws) && academic[fold(ws[i].s)] {
		f.titles = append(f.titles, ws[i].s)
		i++
	}
	start := i
	for i < len(ws) && len(f.names) < 3 {
		w := ws[i].s
		if strings.HasPrefix(ws[i].raw, "(") {
			break // "Frau Anja Kowalski (Fachdienst IT)"
		}
		if particles[w] && i+1 < len(ws) && isNameWord(ws[i+1].s) && len(f.names) > 0 {
			f.names = append(f.names, w)
			i++
			continue
		}
		if !isNameWord(w) {
			break
		}
		f.names = append(f.names, w)
		i++
		// A name ends at punctuation written after it.
		if last := ws[i-1].raw; strings.ContainsAny(last[len(last)-1:], ",;:)!?") || (strings.HasSuffix(last, ".") && len([]rune(last)) > 3 && !academic[fold(last)]) {
			break
		}
	}
	if len(f.names) == 0 {
		return f, start
	}
	if len(f.names) > 0 && nounSuffixRe.MatchString(f.names[0]) && len(f.titles) == 0 && len(f.names) > 1 {
		return found{}, start
	}
	f.pos = ws[start].pos
	return f, i
}

// lineStop are words that begin a line of text, never a name.
var lineStop = foldedSet(lexicon.LineStarts)

var greetingRe = fastre.MustCompile(`(?i)^(hallo|liebe[rs]?|sehr geehrte[rs]?|guten tag|dear|hi|moin)\b`)

// namedPeople finds the people a registration names: after a salutation
// ("Herrn Dr. Jörg Falk"), after "Kollegin", in list items and in lines of
// a name and an address.
func namedPeople(raw string, inContext func(line string) bool) []found {
	var out []found
	add := func(f found) {
		if len(f.names) == 0 {
			return
		}
		for k := range out {
			if out[k].surname() == f.surname() {
				// The same person named twice: keep the fuller form.
				if len(f.names) > len(out[k].names) {
					f.email = firstNonEmpty(f.email, out[k].email)
					f.salutation = firstNonEmpty(f.salutation, out[k].salutation)
					f.pos = out[k].pos
					out[k] = f
				} else {
					out[k].email = firstNonEmpty(out[k].email, f.email)
					out[k].salutation = firstNonEmpty(out[k].salutation, f.salutation)
					if len(out[k].titles) == 0 {
						out[k].titles = f.titles
					}
				}
				return
			}
		}
		out = append(out, f)
	}
	// Sentence by sentence, so that a name in the sentence after a
	// registration is not taken for an attendee.
	var lines []string
	for _, l := range unwrapLinesForPeople(raw) {
		lines = append(lines, splitSentences(l)...)
	}
	inList := false
	for li, line := range lines {
		t := strings.TrimSpace(line)
		if t == "" {
			inList = false
			continue
		}
		if greetingRe.MatchString(t) && strings.HasSuffix(t, ",") {
			continue
		}
		isItem := listItemRe.MatchString(t)
		// People count where a registration names them: in its sentence or
		// in the list it opens; "an mein Sekretariat (Frau Kern)" does not.
		ctxLine := inContext(t)
		if listHeadRe.MatchString(t) {
			inList = true // "Teilnehmende:"
			continue
		}
		if !ctxLine && !(inList && (isItem || len(words(t)) <= 12)) {
			if !isItem {
				inList = false
			}
			continue
		}
		item := listItemRe.ReplaceAllString(t, "")
		ws := words(item)
		emails := emailRe.FindAllString(item, -1)
		// "Schubert, Alina (alina.schubert@…)": Nachname, Vorname.
		if (isItem || inList) && len(ws) > 0 {
			if m := lastFirstRe.FindStringSubmatch(item); m != nil {
				pw := words(m[2] + " " + m[1])
				if f, n := parseName(pw, 0); len(f.names) >= 2 && n == len(pw) {
					if len(emails) > 0 {
						f.email = strings.ToLower(emails[0])
					}
					add(f)
					continue
				}
			}
		}
		// A name at the start of a list item or of a line in a list.
		if (isItem || inList) && len(ws) > 0 {
			var f found
			j := 0
			if salutations[fold(ws[0].s)] {
				f, j = parseName(ws, 1)
				f.salutation = salutationOf(fold(ws[0].s))
			} else if len(ws) <= 8 && !lineStop[fold(ws[0].s)] {
				f, j = parseName(ws, 0)
				if len(f.names) < 2 && len(f.titles) == 0 {
					f = found{}
				}
			}
			_ = j
			if len(f.names) > 0 {
				if len(emails) > 0 {
					f.email = strings.ToLower(emails[0])
				} else {
					// A block: name, role, organisation, address.
					for k := li + 1; k < len(lines) && k <= li+4; k++ {
						if isEmailOnly(lines[k]) {
							f.email = strings.ToLower(emailRe.FindString(lines[k]))
							break
						}
						if strings.TrimSpace(lines[k]) == "" {
							break
						}
					}
				}
				add(f)
			}
		}
		// Salutations and "Kollegin …" anywhere in the line.
		for i := 0; i < len(ws); i++ {
			fw := fold(ws[i].s)
			var f found
			var next int
			switch {
			case salutations[fw] && fw != "dear":
				f, next = parseName(ws, i+1)
				f.salutation = salutationOf(fw)
			case colleagueWords[fw]:
				if i+1 < len(ws) && salutations[fold(ws[i+1].s)] {
					continue // the salutation that follows is read next
				}
				f, next = parseName(ws, i+1)
				// "my colleague Adaeze (in cc)": a first name alone is kept;
				// the Cc header may complete it.
				if len(f.names) == 0 {
					f = found{}
				}
			default:
				continue
			}
			if len(f.names) == 0 {
				continue
			}
			f.email = emailNear(item, ws, next)
			add(f)
			i = next - 1
			if i < 0 {
				i = 0
			}
		}
		// "Tom Becker (tom.becker@…)", "Jonas Weber, jonas.weber@…",
		// "Carola Brück – carola.brueck@…": a name right before an address.
		for _, loc := range emailRe.FindAllStringIndex(item, -1) {
			before := strings.TrimRight(item[:loc[0]], " ,–-(:<\t")
			bw := words(before)
			k := len(bw)
			n := 0
			for k > 0 && n < 3 && isNameWord(bw[k-1].s) {
				k--
				n++
			}
			for k > 0 && academic[fold(bw[k-1].s)] {
				k--
			}
			if n >= 2 {
				f, _ := parseName(bw, k)
				f.email = strings.ToLower(item[loc[0]:loc[1]])
				add(f)
			}
		}
		// "melde ich Nele Hartung, Yusuf Demirci und Clara Vos an": an
		// enumeration of bare names.
		for _, m := range bareListRe.FindAllStringSubmatch(item, -1) {
			for _, part := range nameListSepRe.Split(m[0], -1) {
				pw := words(strings.TrimSpace(part))
				if f, n := parseName(pw, 0); len(f.names) >= 2 && n == len(pw) {
					add(f)
				}
			}
		}
		if listIntroRe.MatchString(t) && ctxLine {
			inList = true
		} else if !isItem && len(ws) > 8 {
			inList = false
		}
		// "Lisa Marquardt und ich": a bare name joined to the writer.
		if m := bareWithSelfRe.FindStringSubmatch(item); m != nil {
			ws := words(m[1])
			if f, _ := parseName(ws, 0); len(f.names) >= 2 {
				add(f)
			}
		}
	}
	return out
}

var (
	wordRe        = fastre.MustCompile(`\S+`)
	nameListSepRe = fastre.MustCompile(`\s*(?:,|\bund\b|&|/)\s*`)
)

var (
	lastFirstRe = fastre.MustCompile(`^(\p{Lu}[\p{L}\-']+),\s+(\p{Lu}[\p{L}\-']+(?:\s+\p{Lu}[\p{L}\-']+)?)(?:\s*[(<,–-].*)?$`)
	listHeadRe  = fastre.MustCompile(lexicon.ListIntros)
)

// bareListRe finds two or more bare names joined by commas and "und".
var bareListRe = fastre.MustCompile(`(?:\p{Lu}[\p{Ll}\-]+\s+\p{Lu}[\p{Ll}\-]+)(?:\s*,\s*\p{Lu}[\p{Ll}\-]+\s+\p{Lu}[\p{Ll}\-]+)*\s+(?:und|and)\s+\p{Lu}[\p{Ll}\-]+\s+\p{Lu}[\p{Ll}\-]+`)

var bareWithSelfRe = fastre.MustCompile(`((?:\p{Lu}[\p{Ll}\-]+\s+){1,2}\p{Lu}[\p{Ll}\-]+)\s+und\s+(?:ich|mich)\b`)

func isEmailOnly(l string) bool {
	l = strings.TrimSpace(l)
	e := emailRe.FindString(l)
	return e != "" && len(l) <= len(e)+len("<mailto:>")+len(e)
}

// emailNear returns an address written right after a name: "(a@b)",
// ", a@b", "– a@b".
func emailNear(line string, ws []word, next int) string {
	if next >= len(ws) {
		return ""
	}
	rest := line[ws[next].pos:]
	if len(rest) > 60 {
		rest = rest[:60]
	}
	rest = strings.TrimLeft(rest, " ,–-(<:")
	if e := emailRe.FindStringIndex(rest); e != nil && e[0] <= 12 {
		return strings.ToLower(rest[e[0]:e[1]])
	}
	return ""
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// unwrapLinesForPeople keeps lines as written, except that a line that
// continues a sentence is joined to it ("Herr Dr. Jörg\nFalk").
func unwrapLinesForPeople(raw string) []string {
	return unwrap(strings.ReplaceAll(raw, "\r", ""))
}

// subjectPeople reads "Anmeldung Runder Tisch 18.04.: F. Ludwig, P. Kurz".
func subjectPeople(subject string) []found {
	i := strings.LastIndex(subject, ":")
	if i < 0 {
		return nil
	}
	var out []found
	for _, part := range nameListSepRe.Split(subject[i+1:], -1) {
		ws := words(strings.TrimSpace(part))
		if len(ws) < 2 || len(ws) > 4 {
			continue
		}
		if f, n := parseName(ws, 0); len(f.names) >= 2 && n == len(ws) {
			out = append(out, f)
		}
	}
	return out
}

// fillEmails gives named colleagues their own address where the mail shows
// one: in the text, in Cc, in a forwarded header block.
func (a *Analyzer) fillEmails(people []found, m *mailparse.Message, parts quote.Parts, c *Contact) {
	type cand struct {
		addr mailparse.Address
		used bool
	}
	var pool []*cand
	seen := map[string]bool{}
	skip := map[string]bool{}
	for _, ad := range append(append([]mailparse.Address{}, m.From...), m.ReplyTo...) {
		skip[ad.Email] = true
	}
	if c != nil {
		skip[c.Email] = true
	}
	for _, own := range a.opts.OwnAddresses {
		skip[strings.ToLower(own)] = true
	}
	addPool := func(ad mailparse.Address) {
		if ad.Email == "" || seen[ad.Email] || skip[ad.Email] {
			return
		}
		seen[ad.Email] = true
		pool = append(pool, &cand{addr: ad})
	}
	for _, e := range emailRe.FindAllString(parts.New, -1) {
		addPool(mailparse.Address{Email: strings.ToLower(e)})
	}
	for _, ad := range m.Cc {
		addPool(ad)
	}
	for _, h := range parts.Headers {
		for _, f := range []string{h.From, h.To, h.Cc} {
			for _, ad := range mailparse.ParseAddressListLoose(f) {
				addPool(ad)
			}
		}
	}
	for _, p := range people {
		if p.email != "" {
			seen[p.email] = true
		}
	}
	for i := range people {
		p := &people[i]
		if p.email != "" {
			continue
		}
		sur := p.surname()
		if len(sur) < 2 {
			continue
		}
		for _, cd := range pool {
			if cd.used {
				continue
			}
			local := cd.addr.Email
			if at := strings.IndexByte(local, '@'); at >= 0 {
				local = local[:at]
			}
			local = strings.NewReplacer(".", "", "_", "", "-", "").Replace(local)
			dn := normaliseName(cd.addr.Name)
			dw := nameWords(dn)
			nameMatch := len(dw) > 0 && fold(dw[len(dw)-1]) == sur
			if len(p.names) == 1 && len(dw) >= 2 && fold(dw[0]) == sur {
				nameMatch = true // a first name alone, completed from the header
			}
			if !strings.Contains(local, strings.ReplaceAll(sur, "-", "")) && !nameMatch {
				continue
			}
			if len(p.names) > 1 && !nameMatch {
				first := fold(strings.TrimSuffix(p.names[0], "."))
				if !strings.Contains(local, first) && !strings.HasPrefix(local, first[:1]) {
					continue
				}
			}
			p.email = cd.addr.Email
			cd.used = true
			if len(p.names) == 1 && len(dw) >= 2 {
				// "Herr Winter (in CC)": the Cc header knows his first name.
				p.names = dw
			}
			break
		}
	}
}

// selfEmail is the writer's own address: a personal address wins over a
// secretariat's or a Poststelle's.
func (a *Analyzer) selfEmail(m *mailparse.Message) string {
	from := m.FirstFrom().Email
	if len(m.ReplyTo) == 0 || m.ReplyTo[0].Email == "" {
		return from
	}
	rt := m.ReplyTo[0].Email
	if isRoleMailbox(rt, m.ReplyTo[0].Name) && !isRoleMailbox(from, m.FirstFrom().Name) {
		return from
	}
	return rt
}

func isRoleMailbox(addr, name string) bool {
	local := addr
	if i := strings.IndexByte(local, '@'); i >= 0 {
		local = local[:i]
	}
	first := strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '-' || r == '_' || r == '+' || unicode.IsDigit(r) })
	if len(first) > 0 && roleMailboxes[first[0]] {
		return true
	}
	if n := normaliseName(name); n != "" && !isPersonName(n) {
		return true
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, fold(p)) {
			return true
		}
	}
	return false
}

// salutationOf maps a folded salutation word to "Frau" or "Herr".
func salutationOf(fw string) string {
	switch strings.TrimSuffix(fw, ".") {
	case "frau", "fr", "mrs", "ms":
		return "Frau"
	case "herr", "herrn", "hr", "mr":
		return "Herr"
	}
	return ""
}

// cancelledPeople are the people a cancellation names ("müssen leider
// zwei absagen: Herr Stefan Ott und Frau Birgit Lorenz"), so that the
// right registrations are withdrawn; empty when the writer cancels for
// themselves.
func (a *Analyzer) cancelledPeople(m *mailparse.Message, parts quote.Parts, body []sentence, cues []cue, c *Contact) []Person {
	keep := map[int]bool{}
	for _, cu := range cues {
		if cu.kind == Cancel && cu.sentence >= 0 {
			keep[cu.sentence] = true
		}
	}
	var lines []string
	for i, s := range body {
		if keep[i] {
			lines = append(lines, s.text)
		}
	}
	var out []Person
	all := func(string) bool { return true }
	for _, p := range namedPeople(strings.Join(lines, "\n"), all) {
		if c != nil && samePerson(p, c.Name) {
			continue
		}
		out = append(out, Person{Name: p.full(), Email: p.email, Salutation: p.salutation})
	}
	return out
}
