package automail

import (
	"regexp"
	"strings"

	"github.com/heinlein/regbot/internal/lexicon"
	"github.com/heinlein/regbot/internal/mailparse"
)

// Tiers rank how firmly a report's text ties an address to the failure;
// the failed recipient is taken from the highest tier found, the earliest
// address first. Above all tiers stand the RFC 3464 recipient blocks, then
// X-Failed-Recipients.
const (
	tierMentioned = 1 // merely named in the report's text
	tierOriginal  = 2 // the returned original's only To address
	tierBare      = 3 // a bare user name after "the following recipients", completed with the system's domain
	tierSubject   = 3 // named in a bounce subject ("Undeliverable: anna@…")
	tierText      = 4 // the text ties it to the failure ("<anna@…>: … said: 550", after "failed:")
)

// maxAddresses caps the addresses looked at in one bounce.
const maxAddresses = 100

var (
	addrRe = regexp.MustCompile(`(?i)[a-z0-9!#$%&'*+/=?^_{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+`)
	// smtpCodeRe finds an SMTP reply code ("550 ", "550-", "#550") or an
	// enhanced status code on a line.
	smtpCodeRe = regexp.MustCompile(`(?:^|[\s#(:;'"<])([45])[0-9][0-9](?:\s|-[0-9]\.|$)`)
	headerRe   = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9-]{0,60})[ \t]*:`)
	leadAddrRe = regexp.MustCompile(`^[<"]?[^\s<>"@]+@[^\s<>"]+[>"]?\s*(?::|\.\.\.|\(|$)`)
	// bareLocalRe is a line that starts with a bare user name ("\tscreenname",
	// " thomas.dtankengine    No matches …"): old gateways name the failed
	// mailbox without its domain.
	textStatusRe = regexp.MustCompile(`\b[45]\.[0-9]{1,3}\.[0-9]{1,3}\b`)
	bareLocalRe  = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9._%+-]{1,63})(?:\s{2,}|\t|$)`)
)

// firstAddress returns the first address in s, lower-case, or "".
func firstAddress(s string) string {
	return cleanAddress(addrRe.FindString(s))
}

func cleanAddress(a string) string {
	a = strings.ToLower(strings.Trim(a, ".'=-"))
	// X.400 gateways write "…;dda:SMTP=anna@example.org".
	for _, p := range []string{"smtp=", "rfc822="} {
		a = strings.TrimPrefix(a, p)
	}
	if strings.Count(a, "@") != 1 || strings.HasPrefix(a, "@") || strings.HasSuffix(a, "@") {
		return ""
	}
	return a
}

// skipHeaders are the fields (of a returned original, or report fields
// quoted in the text) whose addresses never name a failed recipient: the
// sender, ids, trace fields (a Received line names the recipient of a hop,
// not necessarily ours) and the report fields that parseDSN reads.
var skipHeaders = map[string]bool{
	"received": true, "from": true, "sender": true, "reply-to": true, "return-path": true,
	"message-id": true, "in-reply-to": true, "references": true, "dkim-signature": true,
	"authentication-results": true, "received-spf": true, "errors-to": true, "date": true,
	"subject": true, "content-type": true, "content-transfer-encoding": true, "mime-version": true,
	"delivered-to": true, "envelope-to": true, "x-original-to": true, "list-id": true,
	"list-unsubscribe": true, "thread-topic": true, "thread-index": true, "user-agent": true,
	"reporting-mta": true, "received-from-mta": true, "remote-mta": true, "arrival-date": true,
	"x-postfix-sender": true, "x-postfix-queue-id": true,
	"final-recipient": true, "original-recipient": true, "action": true, "status": true,
	"diagnostic-code": true, "last-attempt-date": true, "will-retry-until": true,
	"auto-submitted": true, "precedence": true, "importance": true, "x-mailer": true,
}

// messageHeaders mark an inline copy of the original message: two of them
// in a row are a header block.
var messageHeaders = map[string]bool{
	"received": true, "from": true, "to": true, "subject": true, "date": true,
	"message-id": true, "return-path": true, "mime-version": true, "content-type": true,
	"cc": true, "reply-to": true, "x-mailer": true, "references": true, "in-reply-to": true,
}

type candidate struct {
	addr string
	tier int
	pos  int
	diag string
}

type bounceResult struct {
	isBounce bool
	fake     bool // looks like a bounce, carries no evidence
	b        *BounceReport
}

// bounceScan is what the bounce's text says.
type bounceScan struct {
	cands          []candidate
	aloneTied      bool // a failed address stands on a line of its own
	inlineOriginal bool
	reportEnd      int    // lines before this index are the report's own text
	textDSN        string // report fields found in the text
}

// bounceAnalysis decides whether the mail is a delivery report and what it
// reports. Evidence, in falling order of weight: a message/delivery-status
// part (RFC 3464), X-Failed-Recipients (Exim, Gmail), the returned
// original (attached, or inline after a marker), an address the text ties
// to the failure. A mail that only looks like a bounce (sender, subject,
// wording) without any of that is a fake: phishing dressed up as a report.
func (c *classifier) bounceAnalysis() bounceResult {
	m := c.m
	excluded := c.excludedAddresses()
	bodyFolded := fold(strings.Join(c.body, "\n"))
	textPhrase, hasBounceText := firstMatch(lex.bounceText, bodyFolded)

	noFrom := c.noFrom
	machineFrom := c.bounceSender || c.nullSender || noFrom || c.ndr
	bounceish := c.ndr || c.daemonSender ||
		(machineFrom && c.subjectBounce) ||
		((c.bounceSender || noFrom) && hasBounceText)

	// A person forwarding a bounce carries its report inside a
	// message/rfc822 part, which mailparse passes up: the report counts
	// only when the mail itself is a report (multipart/report) or comes
	// from a mail system.
	ownReport := m.ContentType == "multipart/report" || strings.HasSuffix(m.ContentType, "delivery-status") ||
		bounceish || c.nullSender

	xfr := c.failedRecipientsHeader(excluded)
	dsn := parseDSN(m.DeliveryStatus)
	if !(bounceish || machineFrom || c.subjectBounce || hasBounceText || c.reportBounce ||
		m.DeliveryStatus != "" || len(xfr) > 0 || len(m.Embedded) > 0) {
		// Nothing about this mail is a report's: spare the text scan.
		return bounceResult{}
	}
	scan := c.scanBounceText(c.textExcluded(excluded))
	c.reportEnd = scan.reportEnd
	if !ownReport {
		dsn = nil
	}
	if len(dsn) == 0 && scan.textDSN != "" && (bounceish || c.reportBounce) {
		dsn = parseDSN(scan.textDSN)
		if len(dsn) > 0 {
			c.cue("delivery-status fields in the text")
		}
	}
	decisive := c.reportBounce || (m.DeliveryStatus != "" && ownReport) || len(xfr) > 0
	if m.DeliveryStatus != "" && ownReport {
		c.cue("delivery-status part")
	}

	best := 0
	for _, cd := range scan.cands {
		if cd.tier > best {
			best = cd.tier
		}
	}
	// Reports from gateways that send from an ordinary-looking address
	// with no null sender ("E500_SMTP_Mail_Service@…", "RE: … (delivery
	// failed)"): a bounce subject and text together with the returned
	// original or a failed address standing on a line of its own. A person
	// asking about a failed mail writes sentences and questions instead.
	if !bounceish && !decisive && hasBounceText {
		_, intent := firstMatch(lex.humanIntent, c.newText)
		structural := scan.inlineOriginal || len(m.Embedded) > 0 || scan.aloneTied
		short := len(c.body) < 40 && !strings.Contains(c.newText, "?")
		if !intent && (c.subjectBounce && structural || subjectHasBouncePhrase(c.subj) && scan.aloneTied && short) {
			bounceish = true
			c.cue("subject and text report a failed delivery")
		}
	}

	evidence := decisive || len(dsn) > 0 || len(m.Embedded) > 0 || scan.inlineOriginal || best >= tierBare
	if !(decisive || (bounceish && evidence)) {
		looks := (machineFrom && (c.subjectBounce || hasBounceText)) || bounceish
		if looks && hasBounceText {
			c.cue(quoteCue("text", textPhrase))
		}
		return bounceResult{fake: looks && (c.subjectBounce || hasBounceText)}
	}
	if hasBounceText {
		c.cue(quoteCue("text", textPhrase))
	}
	if len(m.Embedded) > 0 {
		c.cue("returned original attached")
	} else if scan.inlineOriginal {
		c.cue("returned original inline")
	}

	c.saysFailed = hasBounceText || c.subjectBounce
	b := c.pickRecipient(dsn, xfr, scan, excluded, c.textExcluded(excluded))
	c.fillOutcome(b, bodyFolded)
	return bounceResult{isBounce: true, b: b}
}

// subjectHasBouncePhrase reports whether a bounce phrase occurs anywhere
// in the folded subject.
func subjectHasBouncePhrase(subj string) bool {
	for _, p := range lex.bounceSubj {
		if p.match(subj) {
			return true
		}
	}
	_, ok := firstMatch(lex.bounceText, subj)
	return ok
}

// excludedAddresses are never a failed recipient: our own addresses and
// the report's own senders. (The returned original's sender is excluded
// from the text scan only, see textExcluded.)
func (c *classifier) excludedAddresses() map[string]bool {
	m := c.m
	ex := map[string]bool{}
	for a := range c.own {
		ex[a] = true
	}
	for _, list := range [][]string{addrs(m.From), addrs(m.Sender), addrs(m.ReplyTo)} {
		for _, a := range list {
			ex[a] = true
		}
	}
	if m.ReturnPath != "" {
		ex[strings.ToLower(m.ReturnPath)] = true
	}
	return ex
}

// textExcluded adds the returned originals' senders to ex: the report's
// text and the original's headers name them, but they wrote the mail, they
// did not fail to receive it. An address that is also an original's
// recipient (a test mail to oneself) stays.
func (c *classifier) textExcluded(ex map[string]bool) map[string]bool {
	out := make(map[string]bool, len(ex)+4)
	for a := range ex {
		out[a] = true
	}
	to := map[string]bool{}
	for _, e := range c.m.Embedded {
		for _, a := range e.To {
			to[a.Email] = true
		}
	}
	for _, e := range c.m.Embedded {
		for _, a := range e.From {
			if !to[a.Email] {
				out[a.Email] = true
			}
		}
	}
	return out
}

func (c *classifier) isExcluded(ex map[string]bool, a string) bool {
	return a == "" || ex[a] || lex.bounceLocal[localOf(a)]
}

// failedRecipientsHeader reads X-Failed-Recipients.
func (c *classifier) failedRecipientsHeader(ex map[string]bool) []string {
	var out []string
	for _, v := range c.m.Header.Values(lexicon.FailedRecipientsHeader) {
		for _, a := range addrRe.FindAllString(v, maxAddresses) {
			if a = cleanAddress(a); !c.isExcluded(ex, a) && !contains(out, a) {
				out = append(out, a)
			}
		}
	}
	if len(out) > 0 {
		c.cue("header " + lexicon.FailedRecipientsHeader + ": " + clip(strings.Join(out, ", "), 60))
	}
	return out
}

// scanBounceText walks the first lines of the report's text and ranks the
// addresses it names. It skips header lines of a returned original (only
// its To and Cc count, weakly) and the original's body.
func (c *classifier) scanBounceText(ex map[string]bool) bounceScan {
	var s bounceScan
	lines := c.body
	skipCont := false   // continuation of a skipped header field
	origHeader := false // continuation of the original's To or Cc
	inOriginal := false
	origAt := -1 // first line of the returned original
	headerRun, hardRun := 0, false
	introLeft := 0
	dsnStart := -1
	seen := map[string]int{} // address → index in s.cands
	add := func(a string, tier, line int) {
		if c.isExcluded(ex, a) || len(s.cands) >= maxAddresses {
			return
		}
		if i, ok := seen[a]; ok {
			if tier > s.cands[i].tier {
				s.cands[i].tier = tier
				s.cands[i].diag = diagAt(lines, line)
			}
			return
		}
		seen[a] = len(s.cands)
		cd := candidate{addr: a, tier: tier, pos: line}
		if tier >= tierText {
			cd.diag = diagAt(lines, line)
		}
		s.cands = append(s.cands, cd)
	}
	bareDomain := c.bareLocalDomain()
	lastText := -1 // index in s.cands of the last address tied to the failure
	for i, raw := range lines {
		indented := raw != "" && (raw[0] == ' ' || raw[0] == '\t')
		if indented && (skipCont || origHeader) {
			continue
		}
		if indented && lastText >= 0 && !inOriginal {
			// "(expanded from: anna@example.org)": the address we wrote
			// comes first, the alias it expanded to after it.
			f := fold(raw)
			if _, ok := firstMatch(lex.bounceExpanded, f); ok {
				if a := cleanAddress(addrRe.FindString(raw)); a != "" && !c.isExcluded(ex, a) {
					if _, dup := seen[a]; !dup {
						prev := s.cands[lastText]
						cd := candidate{addr: a, tier: tierText, pos: prev.pos, diag: prev.diag}
						s.cands = append(s.cands[:lastText], append([]candidate{cd}, s.cands[lastText:]...)...)
						for k, x := range s.cands {
							seen[x.addr] = k
						}
						lastText = -1
						continue
					}
				}
			}
		}
		skipCont, origHeader = false, false
		t := strings.TrimSpace(raw)
		if t == "" {
			headerRun, hardRun = 0, false
			if introLeft > 0 {
				introLeft--
			}
			continue
		}
		hasAt := strings.IndexByte(t, '@') >= 0
		var hm []string
		if !indented && strings.IndexByte(t, ':') > 0 {
			hm = headerRe.FindStringSubmatch(t)
		}
		if hm != nil {
			name := strings.ToLower(hm[1])
			if messageHeaders[name] {
				headerRun++
				// A copy of a mail has trace or origin fields; Exchange's
				// summary of the original ("To:", "Subject:", "Sent:") has not.
				if hardHeaders[name] {
					hardRun = true
				}
				if headerRun >= 2 && hardRun && !inOriginal {
					s.inlineOriginal = true
					inOriginal = true
					origAt = i - 1
				}
			} else {
				headerRun, hardRun = 0, false
			}
			switch {
			case name == "final-recipient" || name == "original-recipient":
				if dsnStart < 0 {
					dsnStart = i
				}
				continue
			case name == "to" || name == "cc":
				for _, a := range addrRe.FindAllString(t, 4) { // cheap: few To lines
					add(cleanAddress(a), tierOriginal, i)
				}
				origHeader = true
				continue
			case skipHeaders[name] || strings.HasPrefix(name, "x-") || strings.HasPrefix(name, "arc-") ||
				strings.HasPrefix(name, "resent-") || strings.HasPrefix(name, "list-"):
				skipCont = true
				continue
			}
		} else if !indented {
			headerRun, hardRun = 0, false
		}
		f := fold(t)
		if !inOriginal && len(f) < 160 {
			if p, ok := firstMatch(lex.bounceOriginal, f); ok {
				if i0, _ := p.find(f); i0 <= 30 {
					s.inlineOriginal = true
					inOriginal = true
					origAt = i
					continue
				}
			}
		}
		if inOriginal {
			// The returned message's body: nothing in it names the
			// failure.
			continue
		}
		if strings.Contains(f, "message-id") || strings.Contains(f, "message id") || strings.Contains(f, "msgid") {
			continue
		}
		_, introHere := firstMatch(lex.bounceIntro, f)
		var found [][]int
		tied, lead := false, false
		if hasAt {
			tied = lineTied(f, t)
			lead = leadAddrRe.MatchString(t)
			found = addrRe.FindAllStringIndex(t, 8)
		}
		for _, loc := range found {
			tier := tierMentioned
			if (introHere || introLeft > 0 || tied || lead) && !addresseeLead(t[:loc[0]]) {
				tier = tierText
				if addressOnly(t) && (introLeft > 0 || introHere || lead) {
					s.aloneTied = true
				}
			}
			add(cleanAddress(t[loc[0]:loc[1]]), tier, i)
			if k, ok := seen[cleanAddress(t[loc[0]:loc[1]])]; ok && s.cands[k].tier >= tierText {
				lastText = k
			}
		}
		if len(found) == 0 && introLeft > 0 && bareDomain != "" {
			// "Your mail to the following recipients could not be
			// delivered …:\n\tscreenname" (AOL, Yale): the user name
			// without a domain; the mail system's domain completes it.
			if bm := bareLocalRe.FindStringSubmatch(t); bm != nil && isBareUser(bm[1]) {
				add(strings.ToLower(bm[1])+"@"+bareDomain, tierBare, i)
			}
		}
		if introHere {
			introLeft = 6
		} else if introLeft > 0 {
			introLeft--
		}
	}
	s.reportEnd = len(lines)
	if origAt >= 0 {
		s.reportEnd = origAt
	}
	if dsnStart >= 0 {
		end := dsnStart + 60
		if end > len(lines) {
			end = len(lines)
		}
		start := dsnStart - 12
		if start < 0 {
			start = 0
		}
		s.textDSN = strings.Join(lines[start:end], "\n")
	}
	return s
}

// textStatus finds an RFC 3463 failure code (4.x.x or 5.x.x) in report
// prose; a longer dotted number (an IP address, "4.3.2.1") is none.
func textStatus(s string) string {
	for _, loc := range textStatusRe.FindAllStringIndex(s, 4) {
		if loc[1] < len(s) && s[loc[1]] == '.' && loc[1]+1 < len(s) && s[loc[1]+1] >= '0' && s[loc[1]+1] <= '9' {
			continue
		}
		if loc[0] > 0 && s[loc[0]-1] == '.' {
			continue
		}
		return s[loc[0]:loc[1]]
	}
	return ""
}

// addressOnly reports whether a line holds nothing but addresses
// ("<anna@example.org>:", `"anna@example.org" <anna@example.org>`).
func addressOnly(line string) bool {
	rest := addrRe.ReplaceAllString(line, "")
	return strings.Trim(rest, "<>\"'():,;. \t") == ""
}

// hardHeaders only occur in a real copy of a mail's header.
var hardHeaders = map[string]bool{
	"received": true, "from": true, "message-id": true, "return-path": true,
	"date": true, "mime-version": true, "content-type": true,
}

// addresseeLead reports whether the text before an address on its line
// ends with a word that makes the address the report's addressee or the
// original's sender ("Sorry anna@…", "mail from list@…").
func addresseeLead(before string) bool {
	b := strings.TrimRight(fold(before), " <\"'(:")
	if b == "" {
		return false
	}
	for _, w := range lexicon.BounceAddresseeLeads {
		w = fold(w)
		if strings.HasSuffix(b, w) && (len(b) == len(w) || !isWordByte(b[len(b)-len(w)-1])) {
			return true
		}
	}
	return false
}

// isBareUser rejects words that are no user names.
func isBareUser(w string) bool {
	if len(w) < 3 || strings.Trim(w, "0123456789.-") == "" {
		return false
	}
	switch strings.ToLower(w) {
	case "the", "your", "this", "sorry", "reason", "error", "recipient", "recipients", "user", "mailbox":
		return false
	}
	return true
}

// bareLocalDomain is the domain that completes a bare user name in a
// report: the mail system's own domain (From), cut to the organisation's
// domain ("mr2.its.yale.edu" → "yale.edu").
func (c *classifier) bareLocalDomain() string {
	if len(c.m.From) == 0 {
		return ""
	}
	d := domainOf(c.m.From[0].Email)
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return ""
	}
	keep := 2
	if n := len(labels); n >= 3 && len(labels[n-1]) == 2 && len(labels[n-2]) <= 3 {
		// example.co.uk, example.ac.jp
		keep = 3
	}
	if len(labels) > keep {
		labels = labels[len(labels)-keep:]
	}
	return strings.Join(labels, ".")
}

// lineTied reports whether a line of a report ties its address to the
// failure: a failure word or an SMTP reply code on the same line.
func lineTied(folded, raw string) bool {
	if _, ok := firstMatch(lex.bounceLineCue, folded); ok {
		return true
	}
	return smtpCodeRe.MatchString(raw) || statusRe.MatchString(raw)
}

// diagAt returns the report line i and its indented continuation lines,
// as one line: the server's answer about that address. When those lines
// give no reason (a bare address after "Empfänger:"), the next two lines
// of the paragraph are taken as well ("Grund: Empfänger unbekannt …").
func diagAt(lines []string, i int) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(lines[i]))
	k := i + 1
	for ; k < len(lines) && k <= i+4; k++ {
		l := lines[k]
		if l == "" || (l[0] != ' ' && l[0] != '\t') {
			break
		}
		b.WriteByte(' ')
		b.WriteString(strings.TrimSpace(l))
	}
	if d := b.String(); !lineTied(fold(addrRe.ReplaceAllString(d, "")), d) {
		first := strings.ToLower(addrRe.FindString(lines[i]))
		for n := 0; n < 2 && k < len(lines) && strings.TrimSpace(lines[k]) != ""; n, k = n+1, k+1 {
			if a := addrRe.FindString(lines[k]); a != "" && strings.ToLower(a) != first {
				break // the next recipient
			}
			b.WriteByte(' ')
			b.WriteString(strings.TrimSpace(lines[k]))
		}
	}
	return oneLine(b.String(), 300)
}

// pickRecipient chooses the failed recipient by the tiers above.
func (c *classifier) pickRecipient(dsn []dsnRecipient, xfr []string, scan bounceScan, ex, textEx map[string]bool) *BounceReport {
	b := &BounceReport{}
	// RFC 3464 report: failed first, then delayed, then the rest. The
	// Original-Recipient is what we addressed; Final-Recipient may be an
	// alias the receiving side expanded it to.
	rank := func(action string) int {
		switch action {
		case "failed":
			return 0
		case "delayed":
			return 1
		case "":
			return 2
		}
		return 3
	}
	var chosen *dsnRecipient
	ours := false // the report is about one of our own addresses
	for r := 0; r <= 3 && chosen == nil; r++ {
		for i := range dsn {
			d := &dsn[i]
			if rank(d.action) != r {
				continue
			}
			for _, a := range []string{d.original, d.final} {
				if a != "" && c.isExcluded(ex, a) {
					ours = true
				}
				if !c.isExcluded(ex, a) {
					if chosen == nil {
						chosen = d
						b.Recipient = a
					}
					if r <= 2 && !contains(b.Recipients, a) {
						b.Recipients = append(b.Recipients, a)
					}
				}
			}
		}
	}
	if chosen != nil {
		c.cue("delivery-status Final-Recipient")
		b.Action, b.Status, b.Diagnostic = chosen.action, chosen.status, chosen.diag
		for _, a := range xfr {
			if !contains(b.Recipients, a) {
				b.Recipients = append(b.Recipients, a)
			}
		}
		if !contains(b.Recipients, b.Recipient) {
			b.Recipients = append([]string{b.Recipient}, b.Recipients...)
		}
		return b
	}
	if ours && len(xfr) == 0 {
		// The report names only our own addresses: there is no failed
		// recipient to guess from the prose.
		c.cue("report is about our own address")
		return b
	}
	if len(xfr) > 0 {
		b.Recipient = xfr[0]
		b.Recipients = append(b.Recipients, xfr...)
		for _, cd := range scan.cands {
			if cd.addr == b.Recipient && cd.diag != "" {
				b.Diagnostic = cd.diag
			}
		}
		return b
	}
	// The text: best tier, earliest address.
	best := 0
	for _, cd := range scan.cands {
		if cd.tier > best {
			best = cd.tier
		}
	}
	// A bounce subject naming the address ranks above the original's To.
	if best < tierSubject {
		for _, a := range addrRe.FindAllString(c.m.Subject, 4) {
			if a = cleanAddress(a); !c.isExcluded(textEx, a) && c.subjectBounce {
				b.Recipient = a
				b.Recipients = []string{a}
				c.cue("failed address in the subject")
				return b
			}
		}
	}
	if best < tierOriginal && c.saysFailed {
		// The returned original's only recipient, when the report says
		// that delivery failed.
		var to []string
		for _, e := range c.m.Embedded {
			for _, a := range e.To {
				if !c.isExcluded(textEx, a.Email) && !contains(to, a.Email) {
					to = append(to, a.Email)
				}
			}
		}
		if len(to) == 1 {
			b.Recipient = to[0]
			b.Recipients = to
			c.cue("failed address from the returned original's To")
			return b
		}
	}
	for _, cd := range scan.cands {
		if cd.tier != best {
			continue
		}
		if b.Recipient == "" {
			b.Recipient = cd.addr
			b.Diagnostic = cd.diag
		}
		if best >= tierText || len(b.Recipients) == 0 {
			b.Recipients = append(b.Recipients, cd.addr)
		}
	}
	switch {
	case best >= tierText:
		c.cue("failed address named in the report text")
	case best == tierOriginal:
		c.cue("failed address from the returned original's To")
	case best == tierMentioned:
		c.cue("address merely mentioned in the report")
		b.Diagnostic = ""
	}
	if best == tierMentioned {
		// Only mentioned: not enough to mark an address undeliverable.
		b.Recipients = b.Recipients[:1]
		c.mentionedOnly = true
	}
	return b
}

// fillOutcome completes Action, Status and Permanent for reports without
// (or with an incomplete) RFC 3464 part, from the text.
func (c *classifier) fillOutcome(b *BounceReport, bodyFolded string) {
	_, delay := firstMatch(lex.bounceDelay, c.subj)
	if !delay {
		_, delay = firstMatch(lex.bounceDelay, bodyFolded)
	}
	_, perm := firstMatch(lex.bouncePerm, bodyFolded)
	if b.Action == "" {
		switch {
		case delay && !perm:
			b.Action = "delayed"
		default:
			b.Action = "failed"
		}
	}
	if b.Status == "" {
		b.Status = textStatus(b.Diagnostic)
	}
	if b.Status == "" && b.Recipient != "" {
		// The report's own text, not the returned original (whose
		// version numbers look like status codes).
		for _, l := range c.body[:c.reportEnd] {
			if s := textStatus(l); s != "" {
				b.Status = s
				break
			}
		}
	}
	switch {
	case b.Recipient == "" || c.mentionedOnly:
		b.Permanent = false
	case b.Action != "failed":
		b.Permanent = false
	case strings.HasPrefix(b.Status, "5."):
		b.Permanent = true
	case strings.HasPrefix(b.Status, "4."):
		b.Permanent = false
	case b.Status == "":
		// No status code: a 5xx reply in the diagnostic or a plainly
		// permanent text ("User unknown", "permanent error").
		if m := smtpCodeRe.FindStringSubmatch(b.Diagnostic); m != nil {
			b.Permanent = m[1] == "5"
		} else {
			b.Permanent = perm
		}
	}
}

func addrs(list []mailparse.Address) []string {
	out := make([]string, 0, len(list))
	for _, a := range list {
		out = append(out, strings.ToLower(a.Email))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
