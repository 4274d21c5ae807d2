package automail

import (
	"strings"

	"github.com/heinlein/regbot/internal/lexicon"
)

// headerRules applies MAIL-RULES items 1–6 and the multipart/report types.
// These fields are set by software, never typed by a person, so each one
// alone decides that a machine sent the mail.
func (c *classifier) headerRules() {
	m := c.m
	if m.HasReturnPath && m.ReturnPath == "" {
		// RFC 3834 §2, RFC 3464 §2: automatic mail and reports go out
		// with the null envelope sender so that nobody answers them.
		c.nullSender = true
		c.machine = true
		c.cue("envelope sender <> (Return-Path empty)")
	}
	for _, r := range lexicon.HeaderRules {
		if !m.Header.Has(r.Name) {
			continue
		}
		val := m.Get(r.Name)
		if !ruleFires(r, val) {
			continue
		}
		c.machine = true
		c.cue("header " + r.Name + ": " + clip(val, 60))
		switch {
		case strings.EqualFold(r.Name, "Auto-Submitted"):
			// auto-replied is an answer (RFC 3834 §5); auto-generated and
			// auto-notified are notices, so their kind is left to the
			// other rules.
			c.autoSubmitted = true
			if firstToken(val) == "auto-replied" {
				c.autoStrong = true
			} else {
				c.otherMachine = true
			}
		case r.Kind == "list":
			c.listHeader = true
		case r.Kind == "bulk":
			c.bulkWeak = true
		case r.Kind == "auto_reply":
			c.autoStrong = true
		case r.Kind == "bounce":
			c.ndr = true
			c.otherMachine = true
		default:
			c.otherMachine = true
		}
	}
	switch m.ReportType {
	case "":
	case lexicon.ReportTypeBounce:
		c.reportBounce = true
		c.machine = true
		c.cue("content-type multipart/report; report-type=" + m.ReportType)
	case lexicon.ReportTypeReadReceipt:
		c.reportMDN = true
		c.machine = true
		c.cue("content-type multipart/report; report-type=" + m.ReportType + " (read receipt)")
	default:
		c.reportOther = true
		c.machine = true
		c.cue("content-type multipart/report; report-type=" + clip(m.ReportType, 40))
	}
}

// ruleFires checks one header value against a lexicon rule.
func ruleFires(r lexicon.HeaderRule, val string) bool {
	v := strings.ToLower(strings.TrimSpace(val))
	if r.FirstToken {
		v = firstToken(v)
	}
	for _, e := range r.Except {
		if v == strings.ToLower(e) {
			return false
		}
	}
	if len(r.Values) == 0 {
		return true
	}
	for _, tok := range strings.FieldsFunc(v, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\t'
	}) {
		for _, want := range r.Values {
			if tok == strings.ToLower(want) {
				return true
			}
		}
	}
	return false
}

// firstToken returns the lower-cased value before the first ";" (RFC 3834
// §5 allows comments and parameters after it).
func firstToken(v string) string {
	if i := strings.IndexByte(v, ';'); i >= 0 {
		v = v[:i]
	}
	v = strings.ToLower(strings.TrimSpace(v))
	// "auto-replied (vacation)": a comment is no part of the value.
	if i := strings.IndexAny(v, " \t("); i >= 0 {
		v = v[:i]
	}
	return v
}

// senderRules applies MAIL-RULES item 7 to From, Sender and the envelope
// sender: local parts that only machines use.
func (c *classifier) senderRules() {
	m := c.m
	type who struct {
		field, addr string
	}
	var senders []who
	for _, a := range m.From {
		senders = append(senders, who{"From", a.Email})
	}
	for _, a := range m.Sender {
		senders = append(senders, who{"Sender", a.Email})
	}
	if m.ReturnPath != "" {
		senders = append(senders, who{"Return-Path", m.ReturnPath})
	}
	for _, s := range senders {
		local := localOf(s.addr)
		if local == "" {
			continue
		}
		// "MAILER-DAEMON" without a domain (a bare Return-Path) is the
		// same robot.
		kind, ok := machineLocal(local)
		if !ok {
			continue
		}
		c.machine = true
		c.cue("sender " + s.field + " " + clip(s.addr, 60))
		switch kind {
		case "bounce":
			c.bounceSender = true
			if local != "postmaster" && local != "post_master" {
				c.daemonSender = true
			}
		case "list":
			c.bulkWeak = true
		default:
			c.otherMachine = true
		}
	}
	c.noFrom = true
	for _, a := range m.From {
		if a.Email != "" {
			c.noFrom = false
		}
	}
	if !c.bounceSender {
		// A From field mailparse could not read as an address
		// ("<Postmaster\@host@host>", `<"System Administrator"@host>`)
		// still names the robot in its address part.
		raw := strings.ToLower(m.Header.Get("From"))
		if i := strings.LastIndexByte(raw, '<'); i >= 0 {
			raw = raw[i:]
		}
		for _, local := range lexicon.BounceLocalParts {
			local = strings.ToLower(local)
			if containsWord(raw, local) {
				c.bounceSender = true
				c.machine = true
				if local != "postmaster" && local != "post_master" {
					c.daemonSender = true
				}
				c.cue("sender From " + clip(m.Header.Get("From"), 60))
				break
			}
		}
	}
	c.postmaster = c.bounceSender && !c.daemonSender
	if len(m.From) > 0 {
		name := fold(m.From[0].Name)
		for _, p := range lex.bounceNames {
			if name != "" && p.match(name) && len(name) <= len(p.segs[0])+12 {
				c.bounceSender = true
				c.daemonSender = true
				c.machine = true
				c.postmaster = false
				c.cue(`sender name "` + clip(m.From[0].Name, 40) + `"`)
				break
			}
		}
	}
}

// containsWord reports whether w occurs in s with no letter or digit
// directly around it.
func containsWord(s, w string) bool {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(w)
		if (i == 0 || !isWordByte(s[i-1])) && (j >= len(s) || !isWordByte(s[j])) {
			return true
		}
		from = i + 1
	}
	return false
}

// machineLocal reports whether a local part is a machine's, and which:
// "bounce" (mail system), "list" (list server, mass mailer) or "" (other
// robots: noreply, root, abuse).
func machineLocal(local string) (string, bool) {
	local = strings.ToLower(strings.Trim(local, `"' `))
	switch {
	case lex.bounceLocal[local]:
		return "bounce", true
	case lex.listLocal[local]:
		return "list", true
	}
	for _, a := range lex.listAffix {
		if strings.HasPrefix(a, "-") && strings.HasSuffix(local, a) && len(local) > len(a) ||
			!strings.HasPrefix(a, "-") && strings.HasPrefix(local, a) && len(local) > len(a) {
			return "list", true
		}
	}
	if lex.machineLocal[local] {
		return "", true
	}
	for _, p := range lex.machinePrefix {
		if strings.HasPrefix(local, p) {
			return "", true
		}
	}
	for _, s := range lex.machineSuffix {
		if strings.HasSuffix(local, s) && len(local) > len(s) {
			return "", true
		}
	}
	return "", false
}

// loopRules applies MAIL-RULES item 8: our own mail coming back.
func (c *classifier) loopRules() {
	m := c.m
	for _, a := range m.From {
		if c.own[a.Email] {
			c.isLoop = true
			c.loopCues = append(c.loopCues, "from our own address "+a.Email)
		}
	}
	if m.Header.Has(c.loop) {
		vals := m.Header.Values(c.loop)
		named := false
		for _, v := range vals {
			if c.namesUs(v) {
				named = true
			}
		}
		if named {
			c.isLoop = true
			c.loopCues = append(c.loopCues, "header "+c.loop+" names us")
		} else {
			// Another installation's loop header: still a robot.
			c.machine = true
			c.otherMachine = true
			c.cue("header " + c.loop + " present")
		}
	}
	for _, v := range m.Header.Values(lexicon.XLoopHeader) {
		if c.namesUs(v) {
			c.isLoop = true
			c.loopCues = append(c.loopCues, "header "+lexicon.XLoopHeader+" names us")
		} else {
			c.xLoop = true
			c.cue("header " + lexicon.XLoopHeader + ": " + clip(strings.TrimSpace(v), 40))
		}
	}
	if as := m.Get("Auto-Submitted"); as != "" && firstToken(as) != "no" {
		if c.ownDomain(domainOf(m.MessageID)) {
			c.isLoop = true
			c.loopCues = append(c.loopCues, "auto-submitted with our message-id domain "+domainOf(m.MessageID))
		}
	}
}

// namesUs reports whether a header value names one of our addresses or
// domains.
func (c *classifier) namesUs(v string) bool {
	v = strings.ToLower(v)
	for a := range c.own {
		if strings.Contains(v, a) {
			return true
		}
	}
	for _, tok := range strings.FieldsFunc(v, func(r rune) bool {
		return r == ' ' || r == ',' || r == ';' || r == '<' || r == '>' || r == '\t' || r == '"'
	}) {
		if strings.Contains(tok, "@") {
			tok = domainOf(tok)
		}
		if c.ownDomain(strings.Trim(tok, ".")) {
			return true
		}
	}
	return false
}

// subjectRules notes whether the subject is a reply and whether it reads
// like a bounce's.
func (c *classifier) subjectRules() {
	rest, reply := stripReplyPrefixes(c.subj)
	c.subjReply = reply
	if reply {
		return
	}
	s := stripTags(rest)
	for _, p := range lex.bounceSubj {
		if i, _ := p.find(s); i == 0 {
			c.subjectBounce = true
			c.cue(quoteCue("subject", p))
			return
		}
	}
}

// stripReplyPrefixes removes "Re:", "AW:", "Fwd: " … (also "Re[2]:") from
// the start of a folded subject and reports whether there were any.
func stripReplyPrefixes(s string) (string, bool) {
	had := false
	for n := 0; n < 8; n++ {
		t := strings.TrimLeft(s, " ")
		found := false
		for _, p := range lex.replyPrefixes {
			if !strings.HasPrefix(t, p) {
				continue
			}
			u := t[len(p):]
			// "re[2]:" and "re(2):"
			if len(u) > 0 && (u[0] == '[' || u[0] == '(') {
				if j := strings.IndexAny(u, "])"); j > 0 && j < 5 {
					u = u[j+1:]
				}
			}
			u = strings.TrimLeft(u, " ")
			if strings.HasPrefix(u, ":") {
				s = u[1:]
				found, had = true, true
				break
			}
		}
		if !found {
			break
		}
	}
	return strings.TrimLeft(s, " "), had
}

// stripTags removes leading "[…]" tags ("[SPAM]", "[Ticket#123]") and
// "**" decorations from a folded subject.
func stripTags(s string) string {
	for n := 0; n < 4; n++ {
		s = strings.TrimLeft(s, " *")
		if !strings.HasPrefix(s, "[") {
			break
		}
		j := strings.IndexByte(s, ']')
		if j < 0 {
			break
		}
		s = s[j+1:]
	}
	return strings.TrimLeft(s, " *")
}

// autoReplyText scores the subject and the new body text for signs of an
// automatic answer (MAIL-RULES item 9; see textThreshold for the points).
// It adds cues only when the score reaches the threshold.
func (c *classifier) autoReplyText() int {
	var cues []string
	subjPts := 0
	rest, reply := stripReplyPrefixes(c.subj)
	bare := stripTags(rest)
	if !reply {
		for _, p := range lex.subjPrefix {
			if i, j := p.find(bare); i == 0 && prefixEnds(bare, j) {
				subjPts = 3
				cues = append(cues, quoteCue("subject", p))
				break
			}
		}
	}
	if subjPts < 3 {
		trimmed := strings.TrimRight(c.subj, " .!")
		for _, p := range lex.subjSuffix {
			if _, j := p.find(trimmed); j == len(trimmed) && j > 0 {
				subjPts = 3
				cues = append(cues, quoteCue("subject", p))
				break
			}
		}
	}
	weak := 0
	if subjPts < 3 {
		if p, ok := firstMatch(lex.subjPhrase, c.subj); ok {
			// After "Re:" the phrase may be an older subject: a person
			// answering an auto-reply, or our own subject.
			if reply {
				subjPts = 1
			} else {
				subjPts = 2
			}
			cues = append(cues, quoteCue("subject", p))
		} else if p, ok := firstMatch(lex.courtesy, c.subj); ok {
			weak = 1
			cues = append(cues, quoteCue("subject", p))
		}
	}

	// Sentences of automatic answers: each kind scores once, so that
	// "bin bis … im Urlaub und ab dem … wieder im Büro" (one statement a
	// person may write) is not counted twice. The subject is searched
	// too: Lotus Notes makes the first sentence of an out-of-office
	// notice its subject ("Ich bin ab 18.03. nicht im Büro.").
	t := c.subj + "\n" + c.newText
	kinds, kindPts := 0, 0
	var spans [][2]int
	for _, k := range lex.bodyKinds {
		for _, p := range k.phrases {
			i, j := p.find(t)
			if i < 0 || overlaps(spans, i, j) {
				continue
			}
			spans = append(spans, [2]int{i, j})
			kinds++
			kindPts += k.points
			cues = append(cues, quoteCue("text", p))
			break
		}
	}
	for _, p := range lex.courtesy {
		i, j := p.find(t)
		if i < 0 || overlaps(spans, i, j) {
			continue
		}
		weak = 1
		cues = append(cues, quoteCue("text", p))
		break
	}
	intent := 0
	if p, ok := firstMatch(lex.humanIntent, t); ok {
		intent = 1
		cues = append(cues, quoteCue("person's wish", p))
	}
	score := subjPts + kindPts - 2*intent
	// Weak words only tip a sentence of an automatic answer over: alone or
	// with a subject phrase they are what people write too.
	if kinds > 0 {
		score += weak
	}
	if score >= textThreshold {
		for _, s := range cues {
			c.cue(s)
		}
	}
	return score
}

func overlaps(spans [][2]int, i, j int) bool {
	for _, s := range spans {
		if i < s[1] && j > s[0] {
			return true
		}
	}
	return false
}

// prefixEnds reports whether a subject prefix ends at j as a prefix:
// followed by ":", "(", "[", "-" or the end ("Abwesenheitsnotiz (Re: …)",
// "Automatic reply: …").
func prefixEnds(s string, j int) bool {
	rest := strings.TrimLeft(s[j:], " ")
	if rest == "" {
		return true
	}
	switch rest[0] {
	case ':', '(', '[', '-':
		return true
	}
	return false
}

// clip shortens s to n bytes for a cue, on a rune boundary.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
