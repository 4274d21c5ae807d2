// Package desk owns the registration rules: what an understood mail does
// to the records (confirmed, waiting list, info list, late, cancelled,
// erased) and which replies follow. It works inside one store transaction,
// so that records and outbox rows are committed together or not at all.
//
// Decisions use the time a mail reached the mailbox (IMAP INTERNALDATE),
// not the time it is processed: a backlog worked off late still honours the
// deadline.
package desk

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/intent"
	"github.com/heinlein/regbot/internal/mailparse"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/store"
)

// Desk applies the rules of the configured events.
type Desk struct {
	events   map[string]config.Event
	order    []string
	mailbox  reply.Mailbox
	domain   string
	team     string
	loc      *time.Location
	renderer *reply.Renderer
	perDay   int
	perHour  int
	retain   int
	now      func() time.Time
}

// Options configure a Desk.
type Options struct {
	Config   *config.Config
	Renderer *reply.Renderer
	// Team signs the replies.
	Team string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// New prepares a Desk for a configuration.
func New(opts Options) (*Desk, error) {
	cfg := opts.Config
	if cfg == nil || opts.Renderer == nil {
		return nil, errors.New("desk: a configuration and a renderer are required")
	}
	d := &Desk{
		events:   map[string]config.Event{},
		mailbox:  reply.Mailbox{Name: cfg.Mailbox.Name, Email: strings.ToLower(cfg.Mailbox.Address)},
		team:     opts.Team,
		loc:      cfg.Location,
		renderer: opts.Renderer,
		perDay:   cfg.Limits.RepliesPerSenderPerDay,
		perHour:  cfg.Limits.RepliesPerHour,
		retain:   cfg.RetentionDays,
		now:      opts.Now,
	}
	if d.now == nil {
		d.now = time.Now
	}
	if d.team == "" {
		d.team = "Ihr Veranstaltungsteam der Heinlein Gruppe"
	}
	if d.loc == nil {
		d.loc = time.UTC
	}
	if i := strings.LastIndexByte(d.mailbox.Email, '@'); i >= 0 {
		d.domain = d.mailbox.Email[i+1:]
	}
	for _, ev := range cfg.Events {
		d.events[ev.ID] = ev
		d.order = append(d.order, ev.ID)
	}
	return d, nil
}

// Incoming is one understood mail.
type Incoming struct {
	Message *mailparse.Message
	Result  intent.Result
	// Row is the mail's row in the messages table.
	Row int64
	// ReceivedAt is when the mail reached the mailbox.
	ReceivedAt time.Time
}

// Outcome says what the desk did with a mail.
type Outcome struct {
	// Summary is short and machine-readable, e.g. "register:runder-tisch".
	Summary string
	// NeedsPerson is set when a person has to look at the mail.
	NeedsPerson bool
	Reasons     []string
	// Replies are the outbox rows queued for this mail.
	Replies []store.OutboxItem
	// Notes say what happened, for logs and the demo (no mail bodies).
	Notes []string
}

// Apply records what the mail asks for and queues the replies.
func (d *Desk) Apply(tx *store.Tx, in Incoming) (*Outcome, error) {
	out := &Outcome{Summary: summary(in.Result)}
	r := in.Result
	switch {
	case r.Has(intent.Bounce):
		return out, d.bounce(tx, in, out)
	case r.Has(intent.AutoReply), r.Has(intent.Spam):
		out.Notes = append(out.Notes, "machine mail or spam: no answer")
		return out, nil
	}
	if r.Unreadable {
		return out, d.question(tx, in, out, "the mail could not be read")
	}
	c := d.contactPerson(r)
	if c.Email == "" {
		return out, d.question(tx, in, out, "the sender's address is unknown")
	}
	if d.own(c.Email) {
		out.Notes = append(out.Notes, "mail from our own address: no answer")
		return out, nil
	}
	// Erasure goes first: nothing else of this person is kept.
	if r.Has(intent.Delete) {
		return out, d.erase(tx, in, out, c)
	}
	ctx := &mailCtx{in: in, contact: c, out: out}
	for _, ev := range d.eventsOf(r, intent.Cancel) {
		if err := d.cancel(tx, ctx, ev); err != nil {
			return nil, err
		}
	}
	for _, ev := range d.eventsOf(r, intent.Register) {
		if err := d.register(tx, ctx, ev); err != nil {
			return nil, err
		}
	}
	for _, ev := range d.eventsOf(r, intent.Info) {
		if err := d.info(tx, ctx, ev); err != nil {
			return nil, err
		}
	}
	if r.Has(intent.Question) {
		ctx.question = true
		reason := "a question for a person"
		if evs := d.eventsOf(r, intent.Question); len(evs) > 0 {
			reason += " about " + strings.Join(evs, ", ")
		}
		if err := d.review(tx, in, out, reason); err != nil {
			return nil, err
		}
	}
	return out, d.sendSenderReplies(tx, ctx)
}

// mailCtx collects what one mail does, so that the sender gets one reply.
type mailCtx struct {
	in       Incoming
	contact  reply.Person
	out      *Outcome
	question bool
	// parts of the sender's reply, in order
	sections []section
}

type section struct {
	kind      reply.Kind
	event     string
	attendees []reply.Attendee
	position  int
	reg       *store.Registration
}

func (d *Desk) contactPerson(r intent.Result) reply.Person {
	if r.Contact == nil {
		return reply.Person{}
	}
	p := reply.Person{Name: r.Contact.Name, Email: strings.ToLower(r.Contact.Email)}
	for _, a := range r.Attendees {
		if a.Email == p.Email || (a.Name != "" && a.Name == p.Name) {
			p.Salutation = a.Salutation
		}
	}
	return p
}

func (d *Desk) own(addr string) bool {
	return strings.EqualFold(addr, d.mailbox.Email)
}

func (d *Desk) eventsOf(r intent.Result, i intent.Intent) []string {
	var out []string
	for _, ev := range r.EventsFor(i) {
		if _, ok := d.events[ev]; ok && !contains(out, ev) {
			out = append(out, ev)
		}
	}
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func summary(r intent.Result) string {
	var parts []string
	for _, q := range r.Requests {
		s := string(q.Intent)
		if q.Event != "" {
			s += ":" + q.Event
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ",")
}

// messageID derives a stable Message-ID for a reply from what it answers:
// the same mail handled twice yields the same id, and the outbox's unique
// index turns the second reply into a no-op.
func (d *Desk) messageID(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return "regbot-" + hex.EncodeToString(h[:12]) + "@" + d.domain
}

func (d *Desk) eventData(id string) *reply.Event {
	ev, ok := d.events[id]
	if !ok {
		return nil
	}
	loc := ev.Location
	line := strings.Join(nonEmpty(loc.Name, loc.Street, strings.TrimSpace(loc.PostalCode+" "+loc.City)), ", ")
	org := reply.Mailbox{Name: ev.Organizer.Name, Email: ev.Organizer.Address}
	if org.Email == "" {
		org = d.mailbox
	}
	return &reply.Event{ID: ev.ID, Title: ev.Title, Start: ev.Start, End: ev.End, Deadline: ev.Deadline, Location: line, Room: loc.Room, Description: ev.Description, Organizer: org}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// sortedEvents keeps the configuration's order.
func (d *Desk) sortedEvents(ids []string) []string {
	sort.SliceStable(ids, func(i, j int) bool { return d.index(ids[i]) < d.index(ids[j]) })
	return ids
}

func (d *Desk) index(id string) int {
	for i, x := range d.order {
		if x == id {
			return i
		}
	}
	return len(d.order)
}

var errNoTemplate = errors.New("no reply for this outcome")

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
