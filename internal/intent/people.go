package intent

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heinlein/regbot/internal/fastre"
	"github.com/heinlein/regbot/internal/lexicon"
	"github.com/heinlein/regbot/internal/mailparse"
	"github.com/heinlein/regbot/internal/quote"
)

var (
	foldedSet = func(words []string) map[string]bool {
		m := map[string]bool{}
		for _, w := range words {
			m[fold(w)] = true
		}
		return m
	}
	salutations   = foldedSet(lexicon.Salutations)
	academic      = foldedSet(lexicon.AcademicTitles)
	officeTitles  = foldedSet(lexicon.OfficeTitles)
	roleWords     = foldedSet(lexicon.Roles)
	descWords     = foldedSet(lexicon.Descriptions)
	notAPerson    = foldedSet(lexicon.NotAPerson)
	roleMailboxes = foldedSet(lexicon.RoleMailboxes)
	orgWords      = foldedSet(lexicon.OrgWords)
	legalForms    = foldedSet(lexicon.LegalForms)
	unitPrefixes  = func() []string {
		var o []string
		for _, u := range lexicon.Units {
			o = append(o, fold(u))
		}
		return o
	}()
	onBehalfRe     = fastre.MustCompile(`(?i)^\s*(i\.\s?a\.?|i\.\s?v\.?|im\s+auftrag|in\s+vertretung|ppa?\.|p\.p\.)\s*`)
	emailRe        = fastre.MustCompile(`[A-Za-z0-9._%+\-']+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+`)
	phoneLineRe    = fastre.MustCompile(lexicon.SignatureLineCues)
	addressLineRe  = fastre.MustCompile(lexicon.AddressLine)
	nameTokRe      = fastre.MustCompile(`^(\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*|\p{Lu}\.|\p{Lu}'\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+)$`)
	particles      = foldedSet(lexicon.NameParticles)
	cities         = foldedSet(lexicon.Cities)
	lowerStop      = foldedSet(lexicon.LowerCaseNotNames)
	roleSuffixes   = foldAll(lexicon.RoleSuffixes)
	publicLaw      = foldAll(lexicon.PublicLawForms)
	unitSuffixes   = foldAll(lexicon.UnitSuffixes)
	orgSuffixes    = runeLists(append(foldAll(lexicon.OrgSuffixes), lexicon.OrgSuffixes...))
	mobileFooterRe = fastre.MustCompile(lexicon.MobileFooters)
)

// contact works out who the organisers deal with.
func (a *Analyzer) contact(m *mailparse.Message, parts quote.Parts) *Contact {
	c := &Contact{}
	if len(m.ReplyTo) > 0 && m.ReplyTo[0].Email != "" {
		c.Email = m.ReplyTo[0].Email
	} else {
		c.Email = m.FirstFrom().Email
	}
	c.Name = a.contactName(m, parts)
	c.Organisation = a.organisation(parts, c.Name)
	return c
}

func (a *Analyzer) contactFallback(m *mailparse.Message) *Contact {
	if m == nil {
		return nil
	}
	c := &Contact{Email: m.FirstFrom().Email}
	if len(m.ReplyTo) > 0 {
		c.Email = m.ReplyTo[0].Email
	}
	return c
}

// signatureLines gives the lines where the writer signs: after the closing,
// or the tail of a text that has none.
func signatureLines(parts quote.Parts) []string {
	var lines []string
	closing := strings.TrimSpace(parts.Closing)
	if closing != "" {
		// "LG Svenja", "Beste Grüße, Anna": a name on the closing line.
		cl := strings.Split(closing, "\n")
		last := cl[len(cl)-1]
		if rest := nameAfterClosing(last); rest != "" {
			lines = append(lines, rest)
		}
	}
	for _, l := range strings.Split(parts.Signature, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l == "--" || strings.HasPrefix(l, "[cid:") {
			continue
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		// No closing found: the short lines that end the text may be a
		// signature ("Kemal Durmaz\nVivantes – IT-Infrastruktur").
		nl := strings.Split(strings.TrimSpace(parts.New), "\n")
		start := len(nl)
		for start > 1 && len(nl)-start < 4 {
			l := strings.TrimSpace(nl[start-1])
			if l == "" || utf8.RuneCountInString(l) > 60 || strings.HasSuffix(l, ".") || strings.HasSuffix(l, "?") || strings.HasSuffix(l, "!") || strings.HasSuffix(l, ":") {
				break
			}
			start--
		}
		for i := start; i < len(nl); i++ {
			if isSignatureName(firstSegment(strings.TrimSpace(nl[i]))) {
				for _, l := range nl[i:] {
					if l = strings.TrimSpace(l); l != "" {
						lines = append(lines, l)
					}
				}
				break
			}
		}
	}
	return lines
}

var closingWordRe = fastre.MustCompile(`(?i)` + lexicon.Closing)

func nameAfterClosing(line string) string {
	loc := closingWordRe.FindStringIndex(line)
	if loc == nil {
		return ""
	}
	rest := strings.TrimSpace(strings.Trim(strings.TrimSpace(line[loc[1]:]), ",;!.-–"))
	if rest == "" || strings.HasPrefix(strings.ToLower(line[loc[1]:]), " aus") {
		return ""
	}
	// "Danke & viele Grüße", "Best regards": more closing, no name.
	if closingWordRe.MatchString(strings.TrimLeft(rest, "&+ ")) || strings.Contains(fold(rest), "gruesse") || strings.Contains(fold(rest), "gruss") || !isSignatureName(rest) {
		return ""
	}
	return rest
}

// contactName is the fullest form the writer gives for themselves: the
// signature's, completed from the display name.
func (a *Analyzer) contactName(m *mailparse.Message, parts quote.Parts) string {
	display := ""
	for _, ad := range append(append([]mailparse.Address{}, m.ReplyTo...), m.From...) {
		if n := normaliseName(ad.Name); n != "" && isPersonName(n) {
			display = n
			break
		}
	}
	sig := ""
	for i, l := range signatureLines(parts) {
		if i > 2 {
			break
		}
		cand := onBehalfRe.ReplaceAllString(l, "")
		if cand == "" {
			continue
		}
		// "Tobias Reinhardt | Spreeware GmbH", "Max Muster, CTO"
		if i := strings.IndexAny(cand, "|"); i > 0 {
			cand = strings.TrimSpace(cand[:i])
		}
		if i := strings.Index(cand, ","); i > 0 {
			cand = strings.TrimSpace(cand[:i])
		}
		if isSignatureName(cand) {
			sig = normaliseName(cand)
			break
		}
		if !onBehalfRe.MatchString(l) && !isRoleLine(l) {
			break
		}
	}
	switch {
	case sig == "":
		return display
	case display == "":
		return sig
	}
	sigWords := nameWords(sig)
	dispWords := nameWords(display)
	if len(sigWords) >= 2 && !hasInitial(sigWords) {
		return sig
	}
	// "T. Schulz", "Svenja", "deniz": complete from the display name when
	// it is the same person.
	if compatible(sigWords, dispWords) {
		titles := titlesOf(sig)
		if titles != "" && titlesOf(display) == "" {
			return titles + " " + display
		}
		return display
	}
	return sig
}

func hasInitial(ws []string) bool {
	for _, w := range ws {
		if len(w) <= 2 && strings.HasSuffix(w, ".") {
			return true
		}
	}
	return false
}

func compatible(sig, disp []string) bool {
	if len(disp) < 2 {
		return false
	}
	for _, s := range sig {
		fs := fold(strings.TrimSuffix(s, "."))
		for _, d := range disp {
			fd := fold(d)
			if fs == fd || (len(fs) == 1 && strings.HasPrefix(fd, fs)) {
				return true
			}
		}
	}
	return false
}

// nameWords are the words of a name without titles.
func nameWords(n string) []string {
	var out []string
	for _, w := range strings.Fields(n) {
		if academic[fold(w)] || salutations[fold(w)] {
			continue
		}
		out = append(out, w)
	}
	return out
}

func titlesOf(n string) string {
	var out []string
	for _, w := range strings.Fields(n) {
		if academic[fold(w)] {
			out = append(out, w)
		} else {
			break
		}
	}
	return strings.Join(out, " ")
}

// normaliseName turns display names into "Vorname Nachname": "Nachname,
// Vorname" is swapped, trailing titles move to the front, salutations go,
// names in capitals get their case back.
func normaliseName(n string) string {
	n = strings.TrimSpace(strings.Trim(n, `"' `))
	if n == "" || strings.Contains(n, "@") {
		return ""
	}
	if i := strings.Index(n, " | "); i > 0 {
		n = n[:i]
	}
	if strings.Count(n, ",") == 1 {
		p := strings.SplitN(n, ",", 2)
		last, first := strings.TrimSpace(p[0]), strings.TrimSpace(p[1])
		if last != "" && first != "" && len(strings.Fields(last)) <= 2 {
			// "Krüger, Martin Dr." → titles to the front.
			var titles, rest []string
			for _, w := range strings.Fields(first) {
				if academic[fold(w)] {
					titles = append(titles, w)
				} else {
					rest = append(rest, w)
				}
			}
			n = strings.Join(append(append(titles, rest...), last), " ")
		}
	}
	var words []string
	for _, w := range strings.Fields(n) {
		if salutations[fold(w)] {
			continue
		}
		words = append(words, w)
	}
	n = strings.Join(words, " ")
	if isAllCaps(n) {
		n = titleCase(n)
	}
	return n
}

func isAllCaps(s string) bool {
	hasLetter := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			hasLetter = true
			if unicode.IsLower(r) {
				return false
			}
		}
	}
	return hasLetter && utf8.RuneCountInString(s) > 3
}

func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			r, size := utf8.DecodeRuneInString(p)
			if size > 0 {
				parts[j] = string(unicode.ToUpper(r)) + p[size:]
			}
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

// isPersonName tells whether a display name is a person's.
func isPersonName(n string) bool {
	words := strings.Fields(n)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	names := 0
	for _, w := range words {
		fw := fold(strings.Trim(w, ".,()"))
		if notAPerson[fw] || notAPerson[fold(w)] || orgWords[fw] || legalForms[fold(w)] {
			return false
		}
		if academic[fold(w)] {
			continue
		}
		if strings.ContainsAny(w, "0123456789@") {
			return false
		}
		names++
	}
	return names >= 1
}

// isSignatureName tells whether a signature line is a person's name.
func isSignatureName(l string) bool {
	l = strings.TrimSpace(l)
	if isAllCaps(l) {
		l = titleCase(l)
	}
	if l == "" || utf8.RuneCountInString(l) > 45 || strings.ContainsAny(l, "0123456789@:/") {
		return false
	}
	if mobileFooterRe.MatchString(l) && len(strings.Fields(l)) > 2 {
		return false
	}
	words := strings.Fields(l)
	if len(words) > 5 || closingWordRe.MatchString(l) {
		return false
	}
	lower := strings.ToLower(l) == l
	names := 0
	for _, w := range words {
		fw := fold(strings.Trim(w, ",."))
		if academic[fold(w)] {
			continue
		}
		if roleWords[fw] || orgWords[fw] || legalForms[fold(w)] || notAPerson[fw] || officeTitles[fold(w)] || descWords[fw] || unitWord(fw) || isRoleWord(fw) || hasOrgSuffix(fw) {
			return false
		}
		if particles[w] {
			continue
		}
		if lower {
			// "luca brenner", "deniz": people who write in lower case.
			if len(words) > 3 || !isLetters(w) || len(w) < 3 || lowerStop[w] {
				return false
			}
			names++
			continue
		}
		if !nameTokRe.MatchString(w) {
			return false
		}
		names++
	}
	return names >= 1
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' {
			return false
		}
	}
	return w != ""
}

func unitWord(fw string) bool {
	for _, u := range unitPrefixes {
		if !strings.Contains(u, " ") && fw == u {
			return true
		}
	}
	return false
}

func isRoleLine(l string) bool {
	for _, w := range strings.Fields(fold(l)) {
		if isRoleWord(strings.Trim(w, ",.")) {
			return true
		}
	}
	return false
}

// isRoleWord tells a word of a job title: a known one or one ending like
// one ("Bereichsleiter", "Digitalisierungslotsin").
func isRoleWord(fw string) bool {
	if roleWords[fw] {
		return true
	}
	for _, suf := range roleSuffixes {
		if strings.HasSuffix(fw, suf) {
			return true
		}
	}
	return false
}

// organisation finds the institution the writer names for themselves: in
// the signature, else in the text ("bei der Handwerkskammer Berlin").
func (a *Analyzer) organisation(parts quote.Parts, name string) string {
	lines := signatureLines(parts)
	// An institution with a sign of being one ("Investitionsbank Berlin")
	// wins over an unmarked line before it ("IT-Architektur").
	var fallback string
	for i, l := range lines {
		if i > 8 {
			break
		}
		cand := onBehalfRe.ReplaceAllString(l, "")
		if isOwnNameLine(firstSegment(strings.NewReplacer(" · ", "|", " • ", "|").Replace(cand)), name) {
			// The rest of the name line: "Tobias Reinhardt | Spreeware GmbH".
			rest := ""
			c2 := strings.NewReplacer(" · ", "|", " • ", "|").Replace(cand)
			if i := strings.Index(c2, "|"); i > 0 {
				rest = c2[i+1:]
			}
			if org := cleanOrg(rest); org != "" {
				return org
			}
			continue
		}
		if org := cleanOrg(cand); org != "" {
			if segKind(org) == "org" || hasAcronym(org) {
				return org
			}
			if fallback == "" {
				fallback = org
			}
		}
	}
	if fallback != "" {
		return fallback
	}
	return orgFromText(parts.New)
}

// isOwnNameLine tells whether a signature line is the writer's name (in any
// form: with titles, in capitals, as "Nachname, Vorname").
func isOwnNameLine(l, name string) bool {
	if !isSignatureName(l) {
		return false
	}
	if name == "" {
		return true
	}
	own := map[string]bool{}
	for _, w := range nameWords(normaliseName(name)) {
		own[fold(w)] = true
	}
	// Every word of the line must be the writer's: "Weidemann Webdesign"
	// is the firm of Torsten Weidemann, not his name.
	ws := nameWords(normaliseName(l))
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		fw := fold(strings.Trim(w, ",."))
		if own[fw] {
			continue
		}
		if len(fw) == 1 || (len(fw) == 2 && strings.HasSuffix(w, ".")) {
			continue // an initial
		}
		return false
	}
	return true
}

func firstSegment(l string) string {
	if i := strings.IndexAny(l, "|,"); i > 0 {
		return strings.TrimSpace(l[:i])
	}
	return strings.TrimSpace(l)
}

var sepRe = fastre.MustCompile(`\s+[|–-]\s+|,\s+|\s+\|\s*`)

// cleanOrg returns the institution named in a signature line, or "" when
// the line is something else (a role, a unit, an address, a phone number).
func cleanOrg(l string) string {
	l = strings.TrimSpace(strings.NewReplacer(" · ", " | ", " • ", " | ", " ∙ ", " | ").Replace(l))
	if strings.Contains(l, "|") {
		// "Bärlin Cloud GmbH | Wallstraße 9-13 | 10179 Berlin": the parts are
		// separate facts; keep the institution.
		var parts []string
		for _, p := range strings.Split(l, "|") {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		for _, p := range parts {
			if segKind(p) == "org" {
				return cleanOrg(p)
			}
		}
		for _, p := range parts {
			if k := segKind(p); k == "other" {
				return cleanOrg(p)
			}
		}
		// "Fröhlich Webentwicklung | Berlin-Köpenick": beside a place or a
		// role, a name-like part is the firm.
		for _, p := range parts {
			if segKind(p) == "name" {
				return p
			}
		}
		return ""
	}
	if l == "" || phoneLineRe.MatchString(l) || addressLineRe.MatchString(l) || strings.HasPrefix(l, "[") {
		return ""
	}
	if mobileFooterRe.MatchString(l) && strings.Contains(strings.ToLower(l), "gesendet") {
		return ""
	}
	// Split into segments, keep those that are neither role, unit nor place.
	idx := sepRe.FindAllStringIndex(l, -1)
	var segs []string
	var seps []string
	last := 0
	for _, m := range idx {
		segs = append(segs, strings.TrimSpace(l[last:m[0]]))
		seps = append(seps, l[m[0]:m[1]])
		last = m[1]
	}
	segs = append(segs, strings.TrimSpace(l[last:]))
	var kept []string
	var keptSeps []string
	for i, s := range segs {
		if s == "" {
			continue
		}
		k := segKind(s)
		// "Co-founder, Fieldnotes": beside a role, a name-like word is the
		// firm.
		if k == "org" || k == "other" || k == "name" {
			if len(kept) > 0 {
				keptSeps = append(keptSeps, seps[i-1])
			}
			kept = append(kept, s)
		} else if k == "address" && len(kept) > 0 {
			break
		}
	}
	if len(kept) == 0 {
		return ""
	}
	// With "|" the parts are separate facts: keep the institution.
	if strings.Contains(l, "|") && len(kept) > 1 {
		for _, s := range kept {
			if segKind(s) == "org" {
				return s
			}
		}
		return kept[0]
	}
	var b strings.Builder
	for i, s := range kept {
		if i > 0 {
			b.WriteString(keptSeps[i-1])
		}
		b.WriteString(s)
	}
	out := strings.TrimSpace(b.String())
	if k := segKind(out); k == "role" || k == "unit" || k == "place" {
		return ""
	}
	// A lone word on a line of its own ("Lichterfelde") is more often a
	// place than a firm; beside a role ("Co-founder, Fieldnotes") it is the
	// firm.
	if len(segs) == 1 && len(strings.Fields(out)) == 1 && segKind(out) != "org" && !hasAcronym(out) && !distinctiveWord(out) {
		return ""
	}
	return out
}

// segKind sorts a segment of a signature line.
func segKind(s string) string {
	f := fold(s)
	words := strings.Fields(f)
	if len(words) == 0 {
		return "empty"
	}
	if addressLineRe.MatchString(s) || phoneLineRe.MatchString(s) {
		return "address"
	}
	first := strings.Trim(words[0], ",.")
	for _, u := range publicLaw {
		if strings.HasPrefix(f, u) {
			return "unit"
		}
	}
	if len(words) > 0 {
		for _, suf := range unitSuffixes {
			if strings.HasSuffix(strings.Trim(words[0], ",."), suf) {
				return "unit"
			}
		}
	}
	// A legal form makes it an institution, even one called "Institut für …".
	for _, w := range strings.Fields(s) {
		if legalForms[fold(strings.Trim(w, ",()"))] {
			return "org"
		}
	}
	for _, u := range unitPrefixes {
		if strings.HasPrefix(f, u) && (len(f) == len(u) || f[len(u)] == ' ' || f[len(u)] == ',') {
			return "unit"
		}
	}
	if strings.HasSuffix(f, "e.v.") || strings.HasSuffix(f, " ev") || strings.HasSuffix(f, "ltd.") {
		return "org"
	}
	roles := 0
	isOrg := false
	for _, w := range words {
		w = strings.Trim(w, ",.()")
		if isRoleWord(w) || descWords[w] || officeTitles[w] {
			roles++
		}
		if orgWords[w] || hasOrgSuffix(w) {
			isOrg = true
		}
		for _, part := range strings.Split(w, "-") {
			if orgWords[part] {
				isOrg = true // "Humboldt-Universität"
			}
		}
	}
	if roles > 0 && !isOrg {
		return "role"
	}
	if roles > 0 && isOrg && roles >= len(words)-1 {
		// "Leiter IT-Service": a role in a unit.
		return "role"
	}
	if isOrg {
		return "org"
	}
	if cities[first] || (len(words) == 1 && cities[strings.SplitN(first, "-", 2)[0]]) {
		return "place"
	}
	if descWords[first] {
		return "role"
	}
	// A line that is only a person's name is no institution.
	if isSignatureName(s) && len(words) <= 3 && !hasAcronym(s) {
		return "name"
	}
	return "other"
}

// hasAcronym tells a word such as "ITDZ", "BVG" or "ITK" standing on its
// own; "IT-Architektur" and "IT" alone are departments more often.
func hasAcronym(s string) bool {
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ",.()")
		if len(w) < 3 || len(w) > 6 || strings.ContainsAny(w, "-/") {
			continue
		}
		all := true
		for _, r := range w {
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				all = false
				break
			}
		}
		if all && !notAcronym[w] {
			return true
		}
	}
	return false
}

var notAcronym = map[string]bool{"EDV": true, "CEO": true, "CTO": true, "CIO": true, "GIS": true}

var orgInTextRe = fastre.MustCompile(`(?:\b(?:bei|an|von|vom|am|at|for|der|des)\s+(?:der|dem|den|the)?\s*|\b(im\s+(?:Verein|Verband))\s+)([\p{Lu}][\p{L}\-.&']*(?:\s+(?:(?:für|und|zu|von|der|des|of|for|&|in)\s+)?(?:[\p{Lu}][\p{L}\-.&']*|e\.\s?V\.|eG\b|gGmbH\b))*)`)
var (
	dutyRe        = fastre.MustCompile(`^\s*(zuständig|verantwortlich|tätig|aktiv|beschäftigt)\b`)
	studyAtRe     = fastre.MustCompile(lexicon.StudyAt)
	firstPersonRe = fastre.MustCompile(lexicon.FirstPerson)
	notOrgWords   = foldAll(lexicon.NotOrganisations)
)

// orgFromText finds "bei der Handwerkskammer Berlin", "an der HWR Berlin",
// "im Verein Digitale Nachbarschaft Lichtenberg e.V." in what the writer
// says about themselves.
func orgFromText(text string) string {
	for _, par := range unwrap(text) {
		for _, s := range splitSentences(par) {
			if !firstPersonRe.MatchString(s) {
				continue
			}
			for _, m := range orgInTextRe.FindAllStringSubmatchIndex(s, -1) {
				cand := strings.TrimSpace(s[m[4]:m[5]])
				cand = strings.TrimRight(cand, ",;")
				if !strings.HasSuffix(cand, "e.V.") {
					cand = strings.TrimRight(cand, ".")
				}
				// "bei der Open Knowledge Foundation für Open-Data-Projekte
				// zuständig": what follows "für" is the job, not the name.
				if dutyRe.MatchString(s[m[5]:]) {
					if i := strings.LastIndex(cand, " für "); i > 0 {
						cand = cand[:i]
					}
				}
				f := fold(cand)
				if f == "" || isEventWord(f) {
					continue
				}
				// "im Verein …" says itself that an association follows.
				if m[2] >= 0 || segKind(cand) == "org" || hasAcronym(cand) {
					return cand
				}
			}
			if m := studyAtRe.FindStringSubmatch(s); m != nil {
				return m[1]
			}
		}
	}
	return ""
}

func isEventWord(f string) bool {
	for _, w := range notOrgWords {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// distinctiveWord tells a one-word name that is no place: it has a digit
// or a capital inside ("Kommune21", "OpenHavel").
func distinctiveWord(w string) bool {
	for i, r := range w {
		if unicode.IsDigit(r) || (i > 0 && unicode.IsUpper(r)) {
			return true
		}
	}
	return false
}

// hasOrgSuffix tells whether w ends, in any case, in an institution
// suffix after at least three letters ("Technologiestiftung"). It is what
// (?i)\p{L}{3,}(suffix|…)$ matches; Go's regexp would try that from every
// position of every word, which made it one of the analysis's most
// expensive steps.
func hasOrgSuffix(w string) bool {
	for _, suf := range orgSuffixes {
		if rest, ok := cutSuffixFold(w, suf); ok && lettersAtEnd(rest, 3) {
			return true
		}
	}
	return false
}

// cutSuffixFold removes suf from the end of s, comparing with Unicode
// simple case folding as (?i) does.
func cutSuffixFold(s string, suf []rune) (string, bool) {
	for i := len(suf) - 1; i >= 0; i-- {
		r, size := utf8.DecodeLastRuneInString(s)
		if size == 0 || !equalFoldRune(r, suf[i]) {
			return "", false
		}
		s = s[:len(s)-size]
	}
	return s, true
}

// lettersAtEnd tells whether s ends in at least n letters.
func lettersAtEnd(s string, n int) bool {
	for range n {
		r, size := utf8.DecodeLastRuneInString(s)
		if size == 0 || !unicode.IsLetter(r) {
			return false
		}
		s = s[:len(s)-size]
	}
	return true
}

// equalFoldRune tells whether a and b are the same letter under simple
// case folding.
func equalFoldRune(a, b rune) bool {
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

func runeLists(ws []string) [][]rune {
	out := make([][]rune, len(ws))
	for i, w := range ws {
		out[i] = []rune(w)
	}
	return out
}
