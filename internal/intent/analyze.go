package intent

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/heinlein/regbot/internal/automail"
	"github.com/heinlein/regbot/internal/fastre"
	"github.com/heinlein/regbot/internal/lexicon"
	"github.com/heinlein/regbot/internal/mailparse"
	"github.com/heinlein/regbot/internal/quote"
)

// Options configure an Analyzer.
type Options struct {
	Events []Event
	// OwnAddresses are the addresses of the registration mailbox; mail
	// from them is our own, and they are never an attendee.
	OwnAddresses []string
	// OwnDomains are the domains of our Message-IDs.
	OwnDomains []string
}

// Analyzer understands mail for one configuration. It is safe for
// concurrent use.
type Analyzer struct {
	opts     Options
	matchers []*eventMatcher
	def      string
	auto     automail.Options
}

// New prepares an Analyzer.
func New(opts Options) *Analyzer {
	a := &Analyzer{opts: opts}
	for _, ev := range opts.Events {
		a.matchers = append(a.matchers, newEventMatcher(ev))
		if ev.Default && a.def == "" {
			a.def = ev.ID
		}
	}
	if a.def == "" && len(opts.Events) > 0 {
		a.def = opts.Events[0].ID
	}
	a.auto = automail.Options{OwnAddresses: opts.OwnAddresses, OwnDomains: opts.OwnDomains}
	return a
}

// lx is the lexicon, compiled once.
var lx = struct {
	registerSelf, registerStatus, info, infoNeg, cancel, cancelSoft, cancelVoid, cancelRevoked,
	deleteRes, deleteVoid, question, questionSelf, thirdParty, deferred, negation, allEvents, past,
	selfMarkers, selfExcluded, otherEvents, subjectNeg, confirmSubjects, substitute, registerAnchor,
	themselves, questionVoid, registrationRefs patterns
	spam []weighted
}{
	registerSelf:    compileAll(lexicon.RegisterSelf),
	registerStatus:  compileAll(lexicon.RegisterStatus),
	info:            compileAll(lexicon.Info),
	infoNeg:         compileAll(lexicon.InfoNegation),
	cancel:          compileAll(lexicon.Cancel),
	cancelSoft:      compileAll(lexicon.CancelSoft),
	cancelVoid:      compileAll(lexicon.CancelVoid),
	cancelRevoked:   compileAll(lexicon.CancelRevoked),
	deleteRes:       compileAll(lexicon.Delete),
	deleteVoid:      compileAll(lexicon.DeleteVoid),
	question:        compileAll(lexicon.Question),
	questionSelf:    compileAll(lexicon.QuestionSelfRegister),
	thirdParty:      compileAll(lexicon.ThirdPartyQuestion),
	deferred:        compileAll(lexicon.Deferred),
	negation:        compileAll(lexicon.Negation),
	allEvents:       compileAll(lexicon.AllEvents),
	past:            compileAll(lexicon.PastReference),
	selfMarkers:     compileAll(lexicon.SelfMarkers),
	selfExcluded:    compileAll(lexicon.SelfExcluded),
	otherEvents:     compileAll(lexicon.OtherEvents),
	subjectNeg:      compileAll(lexicon.SubjectNegations),
	confirmSubjects: compileAll(lexicon.ConfirmationSubjects),
	substitute:      compileAll(lexicon.Substitute),
	registerAnchor:  compileAll(lexicon.RegisterAnchors),
	themselves:      compileAll(lexicon.RegisterThemselves),
	questionVoid:    compileAll(lexicon.QuestionVoid),
	spam:            compileWeighted(lexicon.Spam),
}

type weighted struct {
	re     *fastre.Regexp
	weight int
}

func compileWeighted(ws []lexicon.Weighted) []weighted {
	out := make([]weighted, 0, len(ws))
	for _, w := range ws {
		out = append(out, weighted{fastre.MustCompile(foldPattern(w.Pattern)), w.Weight})
	}
	return out
}

// cue is one request found in a sentence.
type cue struct {
	kind     Intent
	span     span
	sentence int
	soft     bool // a cancel that counts only with a registration to cancel
	self     bool // a registration that includes the writer
	events   []string
	text     string
}

// mailContext is what the analysis knows beyond the sentences.
type mailContext struct {
	sent          time.Time
	replyToOurs   bool // the mail answers one of our mails
	replyConfirm  bool // … a confirmation: the sender is registered
	registered    bool // the text says the writer is registered
	substitute    bool
	revoked       bool
	selfExcluded  bool
	selfMarker    bool
	subjectEvents []string
	quoteEvents   []string
	textEvents    []mention
	relativeDays  map[string]bool // events named as today/tomorrow
	otherEvent    bool            // the mail names an event that is not ours
}

// Understand reads one parsed mail. received is when the mail reached the
// mailbox; it stands in for a missing Date header.
func (a *Analyzer) Understand(m *mailparse.Message, received time.Time) (res Result) {
	defer func() {
		if rec := recover(); rec != nil {
			res = Result{
				Requests:   []Request{{Intent: Question}},
				Reply:      true,
				Why:        []string{fmt.Sprintf("internal error while reading the mail: %v", rec)},
				Unreadable: true,
			}
			res.Contact = a.contactFallback(m)
		}
	}()
	v := automail.Classify(m, a.auto)
	res.Machine = v.Kind
	for _, c := range v.Cues {
		res.Why = append(res.Why, "machine: "+c)
	}
	switch v.Kind {
	case automail.Bounce:
		res.Requests = []Request{{Intent: Bounce}}
		res.Bounce = v.Bounce
		if v.Bounce != nil {
			res.Bounced = v.Bounce.Recipient
		}
		return res
	case automail.AutoReply:
		// Phishing often comes from "noreply" senders: strong spam signs
		// make it spam, which is answered no more than an auto-reply.
		if score, cues := spamScore(m, quote.Split(m.Text), m.Subject); score >= 6 {
			res.Requests = []Request{{Intent: Spam}}
			res.Why = append(res.Why, fmt.Sprintf("spam score %d: %s", score, strings.Join(cues, ", ")))
			return res
		}
		res.Requests = []Request{{Intent: AutoReply}}
		return res
	case automail.Bulk, automail.Loop:
		res.Requests = []Request{{Intent: Spam}}
		return res
	}

	parts := quote.Split(m.Text)
	subject, isReply, _ := cleanSubject(m.Subject)
	if score, cues := spamScore(m, parts, subject); score >= 4 {
		if score >= 8 || !hasPersonalRequest(parts.New) {
			res.Requests = []Request{{Intent: Spam}}
			res.Why = append(res.Why, fmt.Sprintf("spam score %d: %s", score, strings.Join(cues, ", ")))
			return res
		}
	}

	ctx := mailContext{sent: m.Date, relativeDays: map[string]bool{}}
	if ctx.sent.IsZero() {
		ctx.sent = received
	}
	ctx.replyToOurs, ctx.replyConfirm = a.replyContext(m, parts, subject, isReply)

	body := sentencesOf(parts.New)
	subj := sentence{text: subject, folded: fold(subject), fromSubject: true}
	ctx.subjectEvents = eventIDs(a.mentions(subj.folded, ctx.sent))
	if !isReply && anyMatch(lx.otherEvents, subj.folded) {
		ctx.otherEvent = true
	}
	if q := parts.Quoted; q != "" {
		if len(q) > 4000 {
			q = q[:4000]
		}
		ctx.quoteEvents = eventIDs(a.mentions(fold(q), ctx.sent))
	}

	cues := a.scan(body, &ctx, &res)
	if len(cues) == 0 && !isReply {
		// A subject such as "Anmeldung Runder Tisch" speaks for an empty
		// body; the subject of a reply is ours and says nothing.
		cues = a.scanSubject(subj, &ctx, &res)
	}
	res.Requests = a.resolve(cues, &ctx, &res)
	if len(res.Requests) == 0 {
		ev := ""
		if len(ctx.textEvents) > 0 {
			ev = ctx.textEvents[0].event
		} else if len(ctx.subjectEvents) > 0 {
			ev = ctx.subjectEvents[0]
		}
		res.Requests = []Request{{Intent: Question, Event: ev}}
		if strings.TrimSpace(parts.New) == "" && strings.TrimSpace(subject) == "" && len(m.Problems) > 0 {
			res.Unreadable = true
			res.Why = append(res.Why, "unreadable: "+strings.Join(m.Problems, "; "))
		} else {
			res.Why = append(res.Why, "no request recognised: a person should read it")
		}
	}
	res.Reply = true
	res.Contact = a.contact(m, parts)
	if res.Has(Register) {
		res.Attendees = a.attendees(m, parts, subject, body, cues, &ctx, res.Contact)
	}
	if res.Has(Cancel) {
		res.Cancelled = a.cancelledPeople(m, parts, body, cues, res.Contact)
	}
	return res
}

// replyContext tells whether the mail answers one of our mails, and
// whether that was a confirmation of a registration.
func (a *Analyzer) replyContext(m *mailparse.Message, parts quote.Parts, subject string, isReply bool) (ours, confirm bool) {
	for _, id := range append(append([]string{}, m.InReplyTo...), m.References...) {
		if a.ownID(id) {
			ours = true
			if strings.HasPrefix(strings.ToLower(id), "confirm") {
				confirm = true
			}
		}
	}
	for _, h := range parts.Headers {
		if a.ownText(h.From) {
			ours = true
		}
	}
	if isReply && anyMatch(lx.confirmSubjects, fold(subject)) {
		ours, confirm = true, true
	}
	return ours, confirm
}

func (a *Analyzer) ownID(id string) bool {
	id = strings.ToLower(id)
	for _, d := range a.opts.OwnDomains {
		if strings.HasSuffix(id, "@"+strings.ToLower(d)) {
			return true
		}
	}
	return false
}

func (a *Analyzer) ownText(s string) bool {
	s = strings.ToLower(s)
	for _, ad := range a.opts.OwnAddresses {
		if ad != "" && strings.Contains(s, strings.ToLower(ad)) {
			return true
		}
	}
	return false
}

func (a *Analyzer) mentions(folded string, sent time.Time) []mention {
	toks := tokenPositions(folded)
	var out []mention
	for _, em := range a.matchers {
		out = append(out, em.find(folded, toks, sent)...)
	}
	{
		if loc := lx.allEvents.first(folded); loc != nil {
			for _, em := range a.matchers {
				out = append(out, mention{event: em.ev.ID, pos: loc[0], strength: 3, cue: "both events"})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

func eventIDs(ms []mention) []string {
	var out []string
	seen := map[string]bool{}
	// Strong mentions first: a month alone is weaker than a name.
	sorted := append([]mention(nil), ms...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].strength > sorted[j].strength })
	for _, m := range sorted {
		if m.past || seen[m.event] {
			continue
		}
		seen[m.event] = true
		out = append(out, m.event)
	}
	return out
}

// negated reports whether a negation word stands in the clause of sp,
// shortly before or after it.
func negated(s string, sp span) bool {
	cs, ce := clauseAround(s, sp.start)
	if sp.end > ce {
		ce = sp.end
	}
	from := sp.start - 40
	if from < cs {
		from = cs
	}
	to := sp.end + 30
	if to > ce {
		to = ce
	}
	if from >= to {
		return false
	}
	return anyMatch(lx.negation, s[from:to])
}

func inClauseMatch(res patterns, s string, sp span) bool {
	cs, ce := clauseAround(s, sp.start)
	if sp.end > ce {
		ce = sp.end
	}
	return anyMatch(res, s[cs:ce])
}

var (
	selfObjectRe  = fastre.MustCompile(`\b(mich|uns|me|us|myself)\b`)
	selfSubjectRe = fastre.MustCompile(`\b(ich|wir|i|we|i'm|i'd|we'd|we're|i'll)\b`)
	transitiveRe  = fastre.MustCompile(`melde|anmeld|registrier|sign|notieren|tragen`)
	ownFormRe     = fastre.MustCompile(`\b(meine|unsere|hiermit)\s+anmeld`)
)

// isSelf tells whether a registration phrase includes the writer: "meine
// Anmeldung", the reflexive object ("melde mich an"), or a first-person
// subject of an intransitive verb ("ich nehme teil", "wir kommen zu
// zweit"). "Melde ich Herrn X an" registers somebody else.
func isSelf(s string, sp span) bool {
	cs, ce := clauseAround(s, sp.start)
	if sp.end > ce {
		ce = sp.end
	}
	clause := s[cs:ce]
	matched := s[sp.start:sp.end]
	if ownFormRe.MatchString(matched) {
		return true
	}
	if strings.Contains(matched, "anmeldung von") || strings.Contains(matched, "anmeldung fuer") {
		return false
	}
	if transitiveRe.MatchString(matched) {
		return selfObjectRe.MatchString(clause)
	}
	return selfSubjectRe.MatchString(clause) || selfObjectRe.MatchString(clause)
}

// scan finds the requests in the sender's new text.
func (a *Analyzer) scan(body []sentence, ctx *mailContext, res *Result) []cue {
	var cues []cue
	var prevEvents []string
	for i, s := range body {
		f := s.folded
		ms := a.mentions(f, ctx.sent)
		// "Den Runden Tisch habe ich verpasst, über den Netzwerktag …": an
		// event named in a clause that looks back is no request's event.
		pastSpans := allMatches(lx.past, f)
		var live []mention
		for _, m := range ms {
			if m.strength == 3 && inPastClause(f, m.pos, pastSpans) {
				m.past = true
			}
			if m.relative {
				ctx.relativeDays[m.event] = true
			}
			if !m.past {
				live = append(live, m)
				ctx.textEvents = append(ctx.textEvents, m)
			}
		}
		if anyMatch(lx.registerStatus, f) || anyMatch(lx.registrationRefs, f) {
			ctx.registered = true
		}
		if anyMatch(lx.cancelRevoked, f) && (strings.Contains(f, "absage") || strings.Contains(f, "doch")) {
			if strings.Contains(f, "absage") {
				ctx.revoked = true
			}
		}
		if anyMatch(lx.selfExcluded, f) {
			ctx.selfExcluded = true
		}
		if anyMatch(lx.otherEvents, f) {
			ctx.otherEvent = true
		}
		if anyMatch(lx.selfMarkers, f) {
			ctx.selfMarker = true
		}
		isQuestion := questionMarkRe.MatchString(s.text) || anyMatch(lx.question, f)
		var sc []cue
		add := func(k Intent, sp span, soft, self bool) {
			sc = append(sc, cue{kind: k, span: sp, sentence: i, soft: soft, self: self, text: f[sp.start:sp.end]})
		}

		void := anyMatch(lx.cancelVoid, f)
		strongCancel := false
		if !void {
			for _, sp := range allMatches(lx.cancel, f) {
				add(Cancel, sp, false, false)
				strongCancel = true
				if anyMatch(lx.substitute, f[sp.start:sp.end]) {
					ctx.substitute = true
				}
			}
		}
		if !strongCancel && !void {
			for _, sp := range allMatches(lx.cancelSoft, f) {
				add(Cancel, sp, true, false)
			}
		}

		regOK := !strongCancel || ctx.substitute
		if isQuestion {
			regOK = regOK && anyMatch(lx.questionSelf, f) && !(anyMatch(lx.thirdParty, f) && !anyMatch(lx.questionSelf, f))
		}
		if regOK {
			status := allMatches(lx.registerStatus, f)
			for _, sp := range allMatches(lx.registerSelf, f) {
				if overlaps(sp, status) {
					continue // "meine Anmeldung bleibt bestehen" states, asks nothing
				}
				if anyMatch(lx.themselves, f[sp.start:sp.end]) {
					continue // "sie meldet sich selbst an"
				}
				if negated(f, sp) || inClauseMatch(lx.deferred, f, sp) {
					// "keine Anmeldung zum Runden Tisch": the event named
					// here belongs to no request.
					add(none, sp, false, false)
					continue
				}
				if strings.Contains(f[sp.start:sp.end], "teilnimmt") {
					continue
				}
				add(Register, sp, false, isSelf(f, sp))
			}
			if isQuestion && !anyMatch(lx.deferred, f) {
				// "Könnten Sie mir Bescheid geben, sobald man sich anmelden
				// kann?" asks to be told, not to be registered.
				for _, sp := range allMatches(lx.questionSelf, f) {
					add(Register, sp, false, isSelf(f, sp))
				}
			}
		}
		if ctx.substitute && strongCancel {
			// "Statt mir kommt …": the substitute is registered for the
			// same event.
			for _, c := range sc {
				if c.kind == Cancel {
					add(Register, c.span, false, false)
					break
				}
			}
		}
		refused := allMatches(lx.infoNeg, f)
		for _, sp := range refused {
			add(none, sp, false, false) // "Infos benötige ich nicht": its event is no request's
		}
		infoNeg := append(refused, allMatches(lx.registerStatus, f)...)
		for _, sp := range allMatches(lx.info, f) {
			if overlaps(sp, infoNeg) || negatedBefore(f, sp) {
				continue
			}
			add(Info, sp, false, false)
		}
		if !anyMatch(lx.deleteVoid, f) {
			for _, sp := range allMatches(lx.deleteRes, f) {
				add(Delete, sp, false, false)
			}
		}
		// "Widerruf … Vormerkliste": the list is what is to be deleted.
		if hasKind(sc, Delete) {
			sc = dropKind(sc, Info)
			sc = dropKind(sc, Register) // "any registration or mailing list entries"
		}
		hasOther := false
		for _, c := range sc {
			if c.kind == Register || c.kind == Info {
				hasOther = true
			}
		}
		if isQuestion && !hasOther && !anyMatch(lx.questionVoid, f) {
			add(Question, span{0, len(f)}, false, false)
		}
		sc = dedupe(sc)
		assignEvents(sc, live, f)
		sc = dropKind(sc, none)
		// "Ich melde mich für den Netzwerktag an. Bitte schicken Sie mir
		// auch das Programm.": a request that names no event continues the
		// sentence before.
		// A request without an event in a sentence where another request
		// has one shares it ("lasse mich vormerken – schicken Sie mir die
		// Details").
		var sentenceEvents []string
		for _, c := range sc {
			if c.kind != Question {
				for _, ev := range c.events {
					if !contains(sentenceEvents, ev) {
						sentenceEvents = append(sentenceEvents, ev)
					}
				}
			}
		}
		for k := range sc {
			if len(sc[k].events) > 0 || (sc[k].kind == Question && hasOtherKinds(sc)) {
				continue
			}
			if len(sentenceEvents) == 1 {
				sc[k].events = append([]string(nil), sentenceEvents...)
			} else if len(prevEvents) > 0 {
				sc[k].events = append([]string(nil), prevEvents...)
			}
		}
		if len(live) > 0 {
			// The first event the sentence names: "the networking day … in
			// your round table invitation" is about the networking day.
			prevEvents = []string{live[0].event}
		}
		for _, c := range sc {
			why := fmt.Sprintf("%s: %q", c.kind, truncate(strings.TrimSpace(c.text), 60))
			if len(c.events) > 0 {
				why += " → " + strings.Join(c.events, ", ")
			}
			if c.soft {
				why += " (declines)"
			}
			if c.kind == Register && c.self {
				why += " (the writer)"
			}
			res.Why = append(res.Why, why)
		}
		cues = append(cues, sc...)
	}
	return cues
}

// subjectCues are lexicon.SubjectCues, compiled.
var subjectCues = func() []struct {
	kind Intent
	re   *fastre.Regexp
} {
	var out []struct {
		kind Intent
		re   *fastre.Regexp
	}
	for _, c := range lexicon.SubjectCues {
		out = append(out, struct {
			kind Intent
			re   *fastre.Regexp
		}{Intent(c.Intent), fastre.MustCompile(foldPattern(c.Pattern))})
	}
	return out
}()

func (a *Analyzer) scanSubject(s sentence, ctx *mailContext, res *Result) []cue {
	f := s.folded
	for _, pt := range lx.subjectNeg.each {
		f = pt.Regexp().ReplaceAllStringFunc(f, func(m string) string { return strings.Repeat(" ", len(m)) })
	}
	var out []cue
	for _, sc := range subjectCues {
		if loc := sc.re.FindStringIndex(f); loc != nil {
			out = append(out, cue{kind: sc.kind, span: span{loc[0], loc[1]}, sentence: -1, self: sc.kind == Register, text: f[loc[0]:loc[1]]})
			res.Why = append(res.Why, fmt.Sprintf("subject %s: %q", sc.kind, f[loc[0]:loc[1]]))
		}
	}
	assignEvents(out, a.mentions(f, ctx.sent), f)
	return out
}

// questionMarkRe finds a question mark that ends a question, not one in a
// link ("…?id=4").
var questionMarkRe = fastre.MustCompile(`\?+(?:[\s"“”»)]|$)`)

// none marks a phrase that was refused; it takes part in assigning events
// and is dropped afterwards.
const none Intent = ""

func hasOtherKinds(cs []cue) bool {
	for _, c := range cs {
		if c.kind != Question {
			return true
		}
	}
	return false
}

func hasKind(cs []cue, k Intent) bool {
	for _, c := range cs {
		if c.kind == k {
			return true
		}
	}
	return false
}

func dropKind(cs []cue, k Intent) []cue {
	out := cs[:0]
	for _, c := range cs {
		if c.kind != k {
			out = append(out, c)
		}
	}
	return out
}

func overlaps(sp span, others []span) bool {
	for _, o := range others {
		if sp.start < o.end && o.start < sp.end {
			return true
		}
	}
	return false
}

func negatedBefore(s string, sp span) bool {
	cs, _ := clauseAround(s, sp.start)
	from := sp.start - 25
	if from < cs {
		from = cs
	}
	if from >= sp.start {
		return false
	}
	return anyMatch(lx.negation, s[from:sp.start])
}

// dedupe merges cues of one kind whose spans overlap.
func dedupe(cs []cue) []cue {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].span.start < cs[j].span.start })
	var out []cue
	for _, c := range cs {
		merged := false
		for k := range out {
			if out[k].kind == c.kind && c.span.start < out[k].span.end && out[k].span.start < c.span.end {
				if c.span.end > out[k].span.end {
					out[k].span.end = c.span.end
				}
				out[k].self = out[k].self || c.self
				out[k].soft = out[k].soft && c.soft
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, c)
		}
	}
	return out
}

// assignEvents gives each event named in a sentence to a cue: the one in
// the same clause, else the nearest.
func assignEvents(cs []cue, ms []mention, folded string) {
	if len(cs) == 0 {
		return
	}
	kinds := map[Intent]bool{}
	for _, c := range cs {
		kinds[c.kind] = true
	}
	for _, m := range ms {
		if m.past {
			continue
		}
		mcs, mce := clauseAround(folded, m.pos)
		best, bestD := -1, 1<<30
		for i, c := range cs {
			if c.kind == Question && len(kinds) > 1 {
				continue
			}
			d := 0
			if m.pos < c.span.start {
				d = c.span.start - m.pos
			} else if m.pos > c.span.end {
				d = m.pos - c.span.end
			}
			if c.span.start < mce && c.span.end > mcs {
				d -= 1000 // same clause
			}
			if d < bestD {
				best, bestD = i, d
			}
		}
		if best >= 0 && !contains(cs[best].events, m.event) {
			cs[best].events = append(cs[best].events, m.event)
		}
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// resolve turns the cues into requests: events for cues that name none,
// cancellations that need a registration, withdrawn cancellations.
func (a *Analyzer) resolve(cues []cue, ctx *mailContext, res *Result) []Request {
	var out []Request
	seen := map[Request]bool{}
	addReq := func(i Intent, ev string) {
		r := Request{Intent: i, Event: ev}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	fallback := func(k Intent) string {
		for _, m := range eventIDs(ctx.textEvents) {
			return m
		}
		if len(ctx.subjectEvents) > 0 {
			return ctx.subjectEvents[0]
		}
		if len(ctx.quoteEvents) > 0 && ctx.replyToOurs {
			return ctx.quoteEvents[0]
		}
		switch k {
		case Register, Cancel, Info:
			return a.def
		}
		return ""
	}
	// "Sind in Ihrer Schulung noch Plätze frei?": a registration for an
	// event that is not ours, in a mail that names none of ours, is a
	// question for a person.
	if len(ctx.textEvents) == 0 && len(ctx.subjectEvents) == 0 && ctx.otherEvent {
		for i := range cues {
			if cues[i].kind == Register {
				cues[i].kind = Question
				cues[i].events = nil
			}
		}
		res.Why = append(res.Why, "names another event than ours")
	}
	// "Join us!", "participate now": a generic verb that names none of our
	// events, anywhere in the mail, registers nobody; a person looks.
	if len(ctx.textEvents) == 0 && len(ctx.subjectEvents) == 0 && len(ctx.quoteEvents) == 0 {
		for i := range cues {
			if cues[i].kind == Register && !anyMatch(lx.registerAnchor, cues[i].text) {
				cues[i].kind = Question
				res.Why = append(res.Why, fmt.Sprintf("%q names none of our events", cues[i].text))
			}
		}
	}
	hasHard := map[Intent]bool{}
	for _, c := range cues {
		if !(c.kind == Cancel && c.soft) {
			hasHard[c.kind] = true
		}
	}
	var softCancels []cue
	for _, c := range cues {
		if c.kind == Cancel && c.soft {
			softCancels = append(softCancels, c)
			continue
		}
		if c.kind == Cancel && ctx.revoked {
			continue
		}
		evs := c.events
		if len(evs) == 0 {
			evs = []string{fallback(c.kind)}
		}
		for _, ev := range evs {
			addReq(c.kind, ev)
		}
	}
	if ctx.revoked && !hasHard[Register] {
		ev := fallback(Register)
		addReq(Register, ev)
		res.Why = append(res.Why, "an earlier cancellation is withdrawn")
	}
	// "Ich kann leider nicht" cancels only a registration that exists: one
	// the mail refers to, or one for today or tomorrow. In answer to an
	// invitation it declines, and a mail that does nothing else is still
	// answered as a cancellation.
	for _, c := range softCancels {
		evs := c.events
		if len(evs) == 0 {
			evs = []string{fallback(Cancel)}
		}
		for _, ev := range evs {
			refers := ctx.registered || ctx.replyConfirm || ctx.relativeDays[ev]
			if refers || len(out) == 0 {
				if !refers {
					res.Why = append(res.Why, "declines without anything else: answered as a cancellation")
				}
				addReq(Cancel, ev)
			}
		}
	}
	// A registration and a cancellation of the same event in one mail is
	// a substitution only when the mail says so; otherwise the
	// cancellation wins (it is the newer wish).
	othersFor := map[string]bool{}
	for _, c := range cues {
		if c.kind == Register && !c.self {
			for _, ev := range c.events {
				othersFor[ev] = true
			}
		}
	}
	var kept []Request
	for _, r := range out {
		switch {
		case r.Intent == Register && seen[Request{Cancel, r.Event}] && !ctx.substitute && !othersFor[r.Event]:
			// Registering and cancelling oneself for the same event: the
			// cancellation is the newer wish.
			continue
		case r.Intent == Info && seen[Request{Delete, r.Event}]:
			continue // the list is what is to be deleted
		}
		kept = append(kept, r)
	}
	out = kept
	// "Ich habe mich angemeldet. Da ich blind bin, komme ich mit meinem
	// Hund": a writer who states a registration and merely says they come
	// asks for no second one.
	if ctx.registered && !ctx.revoked && !strongSelfRegistration(cues) && !hasOthers(cues) {
		var kept []Request
		for _, r := range out {
			if r.Intent != Register {
				kept = append(kept, r)
			}
		}
		if len(kept) > 0 {
			out = kept
		}
	}
	return out
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// spamScore adds the weights of the spam signs in the subject and the
// writer's text (signature and footer included: that is where "Abmelden"
// stands).
func spamScore(m *mailparse.Message, parts quote.Parts, subject string) (int, []string) {
	text := fold(subject + "\n" + parts.New + "\n" + parts.Closing + "\n" + parts.Signature + "\n" + parts.Disclaimer)
	score := 0
	var cues []string
	for _, w := range lx.spam {
		if loc := w.re.FindStringIndex(text); loc != nil {
			score += w.weight
			cues = append(cues, fmt.Sprintf("%q", text[loc[0]:loc[1]]))
		}
	}
	for _, at := range m.Attachments {
		if dangerousAttachment(at.Filename) {
			score += 3
			cues = append(cues, "attachment "+at.Filename)
			break
		}
	}
	from := m.FirstFrom()
	if strings.Contains(from.Name, " | ") {
		score++
		cues = append(cues, "sender name with a company")
	}
	if len(m.ReplyTo) > 0 && from.Email != "" && domainOf(m.ReplyTo[0].Email) != domainOf(from.Email) && freemail[domainOf(m.ReplyTo[0].Email)] && !freemail[domainOf(from.Email)] {
		score += 2
		cues = append(cues, "replies go to a freemail address of another domain")
	}
	return score, cues
}

var freemail = foldedSet(lexicon.FreemailDomains)

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return strings.ToLower(addr[i+1:])
	}
	return ""
}

// hasPersonalRequest tells whether the writer asks for something for
// themselves; advertising rarely does.
func hasPersonalRequest(text string) bool {
	f := fold(text)
	for _, sp := range allMatches(lx.registerSelf, f) {
		if isSelf(f, sp) {
			return true
		}
	}
	return anyMatch(lx.cancel, f) || anyMatch(lx.deleteRes, f)
}

// dangerousAttachment tells file types that people do not send to a
// registration desk but malware does.
func dangerousAttachment(name string) bool {
	n := strings.ToLower(name)
	for _, ext := range lexicon.DangerousAttachments {
		if strings.HasSuffix(n, ext) {
			return true
		}
	}
	return false
}

var strongRegisterRe = fastre.MustCompile(`meld|anmeld|registr|sign`)

func strongSelfRegistration(cues []cue) bool {
	for _, c := range cues {
		if c.kind == Register && c.self && strongRegisterRe.MatchString(c.text) {
			return true
		}
	}
	return false
}

func hasOthers(cues []cue) bool {
	for _, c := range cues {
		if c.kind == Register && !c.self {
			return true
		}
	}
	return false
}

// inPastClause tells whether pos lies in the clause of a phrase that looks
// back ("verpasst", "Danke für gestern").
func inPastClause(s string, pos int, past []span) bool {
	for _, sp := range past {
		cs, ce := clauseAround(s, sp.start)
		if pos >= cs && pos <= ce {
			return true
		}
	}
	return false
}
