package automail

import (
	"fmt"
	"strings"

	"github.com/heinlein/regbot/internal/lexicon"
	"github.com/heinlein/regbot/internal/mailparse"
)

// Kind says what sort of machine sent a mail.
type Kind string

// The kinds of sender. Every kind but Human means: never answer.
const (
	Human     Kind = ""           // a person wrote it: may be answered
	AutoReply Kind = "auto_reply" // out-of-office, vacation, ticket/receipt acknowledgement, challenge-response, read receipt (MDN), "no longer with the company"
	Bounce    Kind = "bounce"     // delivery status notification / non-delivery report
	Bulk      Kind = "bulk"       // mailing list / newsletter / precedence bulk, or a fake bounce without any evidence (phishing): the caller treats it as spam
	Loop      Kind = "loop"       // our own mail came back (our address in From, our loop header, our Message-ID domain)
)

// Verdict is the outcome of Classify.
type Verdict struct {
	Kind Kind
	// Bounce describes the report for Kind Bounce; nil otherwise.
	Bounce *BounceReport
	// Cues say why, in short English phrases a person can read:
	// `header Auto-Submitted: auto-replied`, `subject "Abwesenheitsnotiz"`,
	// `text "bin … nicht im Büro"`, `delivery-status Final-Recipient`.
	Cues []string
}

// Machine reports whether a machine sent the mail: such mail is recorded
// but never answered.
func (v Verdict) Machine() bool { return v.Kind != Human }

// BounceReport is what a delivery report says about the failed delivery.
// (The brief named it Bounce; that name is taken by the Kind constant, and
// v.Kind == Bounce and v.Bounce.Recipient read the same either way.)
type BounceReport struct {
	// Recipient is the (first) failed recipient, lower-case; "" if none
	// could be found.
	Recipient string
	// Recipients are all failed recipients found, Recipient first.
	Recipients []string
	// Action is the RFC 3464 action: failed, delayed, relayed, delivered
	// or expanded; "" if unknown.
	Action string
	// Status is the RFC 3463 status code, e.g. "5.1.1"; "" if unknown.
	Status string
	// Permanent is true when Action is failed and Status is 5.x.x (or the
	// text says the failure is permanent). It is the only case in which
	// the caller may mark Recipient undeliverable.
	Permanent bool
	// Diagnostic is the Diagnostic-Code or the server's answer, one line.
	Diagnostic string
}

// Options tell Classify who "we" are.
type Options struct {
	// OwnAddresses are the mailbox's own addresses, e.g.
	// mail@heinlein-support.de: never a failed recipient, and mail From
	// them is a Loop.
	OwnAddresses []string
	// OwnDomains are the Message-ID / loop-header domains of our replies,
	// e.g. heinlein-support.de.
	OwnDomains []string
	// LoopHeader is the header field our replies carry; default
	// "X-Regbot-Loop".
	LoopHeader string
}

// textThreshold is the text score from which a mail without machine
// headers counts as an automatic answer. Points:
//   - a subject prefix or suffix of auto-replies ("Automatische Antwort:",
//     "Abwesenheitsnotiz (…)", "(Automatic Response)"): 3;
//   - another auto-reply phrase in the subject ("[Ticket#…]",
//     "Eingangsbestätigung"): 2, or 1 after "Re:"/"AW:" where it may be an
//     older subject;
//   - each kind of auto-reply sentence in the subject or the sender's new
//     text (absence, handling of the mail, acknowledgement, "no longer
//     here", "sent automatically"; see the lexicon): 2 once per kind; a
//     challenge-response request 3;
//   - a courtesy phrase of automatic answers in subject or text ("Vielen
//     Dank für Ihre Nachricht", "automatically generated"): 1 in all, and
//     only on top of a sentence kind; topic words ("Urlaub") score nothing;
//   - a first-person wish ("möchte mich anmelden", "ich komme gerne"): −2.
//
// So a subject prefix decides alone; a body needs two kinds of sentences
// (or one and a courtesy phrase, or one and a subject phrase); no single
// word decides: "ich bin im Urlaub, möchte mich aber anmelden" scores 0,
// "ich bin bis 10.4. im Urlaub und danach wieder im Büro" 2, "Vielen Dank
// für Ihre Nachricht. Ich bin bis 17.4. nicht im Büro." 3. Measured on the
// corpus and the holdout set: people score at most 2, auto-replies without
// their headers 4 to 8.
const textThreshold = 3

// Classify decides whether a machine sent m and, for bounces, which
// recipient failed. It never panics and its work is bounded: only the
// first lines of the body are searched.
func Classify(m *mailparse.Message, opts Options) (v Verdict) {
	if m == nil {
		return Verdict{}
	}
	defer func() {
		// A bug here must not take the daemon down. Not answering is the
		// safe side: a person can still be answered by hand, a robot
		// answered is a loop.
		if r := recover(); r != nil {
			v = Verdict{Kind: AutoReply, Cues: []string{fmt.Sprintf("classifier error: %v", r)}}
		}
	}()
	c := newClassifier(m, opts)
	return c.run()
}

// classifier holds one message and what was learnt about it.
type classifier struct {
	m    *mailparse.Message
	own  map[string]bool // own addresses, lower-case
	doms []string        // own domains, lower-case
	loop string          // loop header name

	cues []string

	// Header and sender signals.
	machine       bool // a decisive header or sender rule fired
	autoStrong    bool // a rule that says "auto-reply" (Auto-Submitted: auto-replied, X-Autoreply …)
	listHeader    bool // List-* or Feedback-ID
	autoSubmitted bool // Auto-Submitted other than "no"
	bulkWeak      bool // Precedence bulk/list/junk, list-server sender
	xLoop         bool // X-Loop present, not naming us
	nullSender    bool // Return-Path <>
	bounceSender  bool // MAILER-DAEMON and friends in From/Sender/Return-Path
	daemonSender  bool // bounceSender other than postmaster
	postmaster    bool // the only bounce sender is postmaster
	noFrom        bool // no readable From address
	ndr           bool // X-MS-Exchange-Message-Is-Ndr
	otherMachine  bool // machine rules other than postmaster
	isLoop        bool
	loopCues      []string
	reportBounce  bool // multipart/report; report-type=delivery-status
	reportMDN     bool // multipart/report; report-type=disposition-notification
	reportOther   bool // any other multipart/report

	// Subject analysis.
	subj          string // folded subject
	subjReply     bool   // subject starts with Re:/AW:/Fwd:…
	subjectBounce bool

	// Bounce.
	mentionedOnly bool // the failed recipient is only mentioned in the report
	saysFailed    bool // the report's subject or text says delivery failed
	reportEnd     int  // c.body[:reportEnd] is the report's own text

	// Text.
	body    []string // first lines of the body text
	newText string   // folded new text of the sender
}

func newClassifier(m *mailparse.Message, opts Options) *classifier {
	c := &classifier{m: m, own: map[string]bool{}, loop: opts.LoopHeader}
	if c.loop == "" {
		c.loop = lexicon.LoopHeaderDefault
	}
	for _, a := range opts.OwnAddresses {
		if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
			c.own[a] = true
		}
	}
	for _, d := range opts.OwnDomains {
		if d = strings.ToLower(strings.Trim(strings.TrimSpace(d), ".@")); d != "" {
			c.doms = append(c.doms, d)
		}
	}
	c.body = headLines(m.Text)
	c.newText = fold(newText(m.Text))
	c.subj = fold(m.Subject)
	return c
}

func (c *classifier) cue(s string) {
	if len(c.cues) >= 24 {
		return
	}
	for _, have := range c.cues {
		if have == s {
			return
		}
	}
	c.cues = append(c.cues, s)
}

func (c *classifier) verdict(k Kind, b *BounceReport) Verdict {
	return Verdict{Kind: k, Bounce: b, Cues: c.cues}
}

// run applies the rules in order of evidence: a delivery report is a
// bounce whatever else it carries; our own mail is a loop; a bounce
// without any report is a fake (spam); then the header rules, which are
// decisive; then the text.
func (c *classifier) run() Verdict {
	c.headerRules()
	c.senderRules()
	c.loopRules()
	c.subjectRules()

	bi := c.bounceAnalysis()
	if bi.isBounce {
		return c.verdict(Bounce, bi.b)
	}
	if c.isLoop {
		for _, s := range c.loopCues {
			c.cue(s)
		}
		return c.verdict(Loop, nil)
	}
	score := c.autoReplyText()
	autoText := score >= textThreshold
	if bi.fake && !c.autoStrong && !autoText && !c.reportMDN {
		c.cue("looks like a bounce but carries no report")
		return c.verdict(Bulk, nil)
	}
	switch {
	case c.reportMDN:
		return c.verdict(AutoReply, nil)
	case c.autoStrong:
		return c.verdict(AutoReply, nil)
	case c.listHeader:
		return c.verdict(Bulk, nil)
	case autoText:
		return c.verdict(AutoReply, nil)
	case c.machine && c.xLoop:
		// Zammad and RT acknowledge with Precedence: bulk and X-Loop but
		// without Auto-Submitted (corpus 045): a ticket acknowledgement.
		return c.verdict(AutoReply, nil)
	case c.bulkWeak && !c.autoSubmitted && !c.nullSender:
		// Precedence: bulk alone is a mailing. With Auto-Submitted or the
		// null sender it is what responders add so that nobody answers
		// them (RFC 3834 §3.1.8): an automatic answer or notice.
		return c.verdict(Bulk, nil)
	case c.reportOther || c.otherMachine || c.bounceSender || c.nullSender:
		if c.postmaster && !c.otherMachine && !c.nullSender && !c.reportOther && c.plainlyHuman(score) {
			c.cue("postmaster writes as a person")
			return c.verdict(Human, nil)
		}
		return c.verdict(AutoReply, nil)
	}
	return c.verdict(Human, nil)
}

// plainlyHuman decides the one open case of MAIL-RULES item 7: mail from
// a postmaster address that is no report (no bounce subject or text, no
// report, no returned message) but a reply in a conversation, signed by a
// name that is no mail system's.
func (c *classifier) plainlyHuman(score int) bool {
	m := c.m
	if score > 0 || c.subjectBounce || len(m.Embedded) > 0 || m.DeliveryStatus != "" {
		return false
	}
	if _, ok := firstMatch(lex.bounceText, fold(strings.Join(c.body, "\n"))); ok {
		return false
	}
	if !c.subjReply || len(m.InReplyTo) == 0 {
		return false
	}
	name := fold(m.FirstFrom().Name)
	if name == "" || strings.Contains(name, "postmaster") {
		return false
	}
	for _, n := range lex.bounceNames {
		if n.match(name) {
			return false
		}
	}
	return true
}

// domainOf returns the part after the last "@", lower-case.
func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return strings.ToLower(strings.Trim(addr[i+1:], "<> \t."))
	}
	return ""
}

// localOf returns the part before the last "@", lower-case.
func localOf(addr string) string {
	addr = strings.Trim(addr, "<> \t")
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return strings.ToLower(addr[:i])
	}
	return strings.ToLower(addr)
}

// ownDomain reports whether d is one of our domains or below one.
func (c *classifier) ownDomain(d string) bool {
	d = strings.ToLower(strings.TrimSpace(d))
	if d == "" {
		return false
	}
	for _, o := range c.doms {
		if d == o || strings.HasSuffix(d, "."+o) {
			return true
		}
	}
	return false
}
