package desk

import (
	"fmt"
	"strings"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/intent"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/store"
)

// register records each attendee for the event and notes what the sender
// is told.
func (d *Desk) register(tx *store.Tx, c *mailCtx, evID string) error {
	ev := d.events[evID]
	r := c.in.Result
	contactID, err := tx.UpsertPerson(&store.Person{Email: c.contact.Email, Name: c.contact.Name, Organisation: orgOf(r), Salutation: c.contact.Salutation})
	if err != nil {
		return wrap("record contact", err)
	}
	attendees := r.Attendees
	if len(attendees) == 0 {
		attendees = []intent.Person{{Name: c.contact.Name, Email: c.contact.Email}}
	}
	// A substitute takes the freed place: the cancellation in the same
	// mail promotes nobody.
	var lines []reply.Attendee
	kind := reply.KindAlready
	position := 0
	// The sender's calendar entry is their own registration, if they
	// registered themselves.
	var ownReg *store.Registration
	for i, a := range attendees {
		p := &store.Person{Email: strings.ToLower(a.Email), Name: a.Name, Salutation: a.Salutation}
		switch {
		case p.Email == "" && p.Name == "":
			p.Name = fmt.Sprintf("Begleitung %d von %s", i, nameOr(c.contact.Name, c.contact.Email))
		case p.Email == c.contact.Email:
			p.Organisation = orgOf(r)
		}
		pid := contactID
		if p.Email != c.contact.Email || p.Email == "" {
			if pid, err = tx.UpsertPerson(p); err != nil {
				return wrap("record attendee", err)
			}
		}
		reg, st, pos, err := d.registerOne(tx, c, ev, pid, contactID)
		if err != nil {
			return err
		}
		if pid == contactID && reg != nil {
			ownReg = reg
		}
		lines = append(lines, reply.Attendee{Person: reply.Person{Name: p.Name, Email: p.Email, Salutation: p.Salutation}, Status: string(st), Position: pos})
		kind = combine(kind, st)
		if st == store.StatusWaitlist && (position == 0 || pos < position) {
			position = pos
		}
		// Attendees with their own address hear it from us too.
		if p.Email != "" && p.Email != c.contact.Email && (st == store.StatusConfirmed || st == store.StatusWaitlist) && reg != nil {
			k := reply.KindAttendee
			if st == store.StatusWaitlist {
				k = reply.KindWaitlist
			}
			data := reply.Data{Kind: k, To: reply.Person{Name: p.Name, Email: p.Email, Salutation: p.Salutation}, Event: d.eventData(evID), Position: pos,
				ICSUID: reg.ICSUID, ICSSequence: reg.ICSSequence}
			data.Attendees = []reply.Attendee{{Person: reply.Person{Name: c.contact.Name, Email: c.contact.Email}, Status: "registered-by"}}
			if err := d.enqueue(tx, c.in, c.out, data, reg.ID, pid, false, "attendee", evID, p.Email); err != nil {
				return err
			}
		}
	}
	c.sections = append(c.sections, section{kind: kind, event: evID, attendees: lines, position: position, reg: ownReg})
	return nil
}

// registerOne applies capacity, deadline and mode to one person.
func (d *Desk) registerOne(tx *store.Tx, c *mailCtx, ev config.Event, personID, byID int64) (*store.Registration, store.Status, int, error) {
	existing, err := tx.Registration(ev.ID, personID)
	if err != nil {
		return nil, "", 0, wrap("look up registration", err)
	}
	if existing != nil && (existing.Status == store.StatusConfirmed || existing.Status == store.StatusWaitlist) {
		pos := 0
		if existing.Status == store.StatusWaitlist {
			pos, _ = tx.WaitlistPosition(existing.ID)
		}
		c.out.Notes = append(c.out.Notes, fmt.Sprintf("%s: already %s", ev.ID, existing.Status))
		return existing, "already-" + existing.Status, pos, nil
	}
	st := store.StatusConfirmed
	switch {
	case ev.Registration == config.ModeInterest:
		st = store.StatusInterest
	case ev.Registration == config.ModeClosed:
		c.out.Notes = append(c.out.Notes, ev.ID+": registration is closed")
		return nil, "closed", 0, nil
	case c.in.ReceivedAt.After(ev.Deadline):
		switch ev.Late {
		case config.LateRefuse:
			st = store.StatusRefused
		case config.LateReview:
			st = store.StatusLate
			c.out.NeedsPerson = true
			c.out.Reasons = append(c.out.Reasons, ev.ID+": registration after the deadline")
		default:
			st = store.StatusWaitlist
		}
	}
	if st == store.StatusConfirmed && ev.Capacity > 0 {
		counts, err := tx.Counts(ev.ID)
		if err != nil {
			return nil, "", 0, wrap("count registrations", err)
		}
		if counts.Confirmed >= ev.Capacity {
			st = store.StatusWaitlist
		}
	}
	var reg *store.Registration
	if existing != nil {
		if err := tx.SetStatus(existing.ID, st); err != nil {
			return nil, "", 0, wrap("update registration", err)
		}
		reg, err = tx.RegistrationByID(existing.ID)
	} else {
		var id int64
		id, err = tx.AddRegistration(&store.Registration{Event: ev.ID, PersonID: personID, Status: st, RegisteredBy: byID, SourceMessageID: c.in.Row, ICSUID: d.messageID("ics", ev.ID, fmt.Sprint(personID))})
		if err == nil {
			reg, err = tx.RegistrationByID(id)
		}
	}
	if err != nil {
		return nil, "", 0, wrap("record registration", err)
	}
	pos := 0
	if st == store.StatusWaitlist {
		if pos, err = tx.WaitlistPosition(reg.ID); err != nil {
			return nil, "", 0, wrap("waiting list position", err)
		}
	}
	c.out.Notes = append(c.out.Notes, fmt.Sprintf("%s: %s", ev.ID, st))
	return reg, st, pos, nil
}

// combine decides the kind of the sender's reply from the statuses of the
// people the mail registered: a confirmation if anybody got a place.
func combine(k reply.Kind, st store.Status) reply.Kind {
	rank := map[reply.Kind]int{reply.KindAlready: 0, reply.KindClosed: 1, reply.KindLate: 2, reply.KindLateReview: 3, reply.KindInterest: 4, reply.KindWaitlist: 5, reply.KindConfirmation: 6}
	var n reply.Kind
	switch st {
	case store.StatusConfirmed:
		n = reply.KindConfirmation
	case store.StatusWaitlist:
		n = reply.KindWaitlist
	case store.StatusInterest:
		n = reply.KindInterest
	case store.StatusLate:
		n = reply.KindLateReview
	case store.StatusRefused:
		n = reply.KindLate
	case "closed":
		n = reply.KindClosed
	default:
		n = reply.KindAlready
	}
	if rank[n] > rank[k] {
		return n
	}
	return k
}

func orgOf(r intent.Result) string {
	if r.Contact == nil {
		return ""
	}
	return r.Contact.Organisation
}

func nameOr(name, email string) string {
	if name != "" {
		return name
	}
	return email
}

// cancel withdraws the registrations the mail refers to and moves the
// waiting list up.
func (d *Desk) cancel(tx *store.Tx, c *mailCtx, evID string) error {
	r := c.in.Result
	contact, err := tx.PersonByEmail(c.contact.Email)
	if err != nil {
		return wrap("look up sender", err)
	}
	var targets []*store.Registration
	// A reply to our confirmation names the registration itself, whatever
	// address it comes from.
	if len(r.Cancelled) == 0 {
		for _, id := range append(append([]string{}, c.in.Message.InReplyTo...), c.in.Message.References...) {
			item, err := tx.OutboxByMessageID(id)
			if err != nil {
				return wrap("look up the mail answered", err)
			}
			if item == nil || item.RegistrationID == 0 {
				continue
			}
			reg, err := tx.RegistrationByID(item.RegistrationID)
			if err != nil {
				return wrap("look up registration", err)
			}
			if reg != nil && reg.Event == evID && active(reg.Status) {
				targets = append(targets, reg)
				break
			}
		}
	}
	if contact != nil && len(targets) == 0 {
		if len(r.Cancelled) > 0 {
			// "Herr Lindner kann leider nicht": the people the sender
			// registered, by name.
			regs, err := tx.RegistrationsBy(contact.ID, evID)
			if err != nil {
				return wrap("look up registrations", err)
			}
			for _, p := range r.Cancelled {
				for i := range regs {
					if active(regs[i].Status) && sameName(regs[i].Person.Name, p.Name) {
						targets = append(targets, &regs[i])
					}
				}
			}
		}
		if len(targets) == 0 && len(r.Cancelled) == 0 {
			own, err := tx.Registration(evID, contact.ID)
			if err != nil {
				return wrap("look up registration", err)
			}
			if own != nil && active(own.Status) {
				targets = append(targets, own)
			} else {
				regs, err := tx.RegistrationsBy(contact.ID, evID)
				if err != nil {
					return wrap("look up registrations", err)
				}
				var act []*store.Registration
				for i := range regs {
					if active(regs[i].Status) {
						act = append(act, &regs[i])
					}
				}
				if len(act) == 1 {
					targets = act
				}
			}
		}
	}
	if len(targets) == 0 {
		c.out.Notes = append(c.out.Notes, evID+": nothing to cancel")
		c.sections = append(c.sections, section{kind: reply.KindNothingToCancel, event: evID})
		return nil
	}
	substitute := contains(d.eventsOf(r, intent.Register), evID)
	var lines []reply.Attendee
	for _, reg := range targets {
		wasConfirmed := reg.Status == store.StatusConfirmed
		if err := tx.SetStatus(reg.ID, store.StatusCancelled); err != nil {
			return wrap("cancel registration", err)
		}
		c.out.Notes = append(c.out.Notes, evID+": cancelled")
		lines = append(lines, reply.Attendee{Person: reply.Person{Name: reg.Person.Name, Email: reg.Person.Email}, Status: string(store.StatusCancelled)})
		if wasConfirmed && !substitute {
			if err := d.promote(tx, c, evID); err != nil {
				return err
			}
		}
	}
	// The cancellation's calendar entry is the sender's own, when it was
	// their registration that ended.
	var own *store.Registration
	for _, t := range targets {
		if (contact != nil && t.PersonID == contact.ID) || len(targets) == 1 {
			if own, err = tx.RegistrationByID(t.ID); err != nil {
				return wrap("reload registration", err)
			}
		}
	}
	c.sections = append(c.sections, section{kind: reply.KindCancelled, event: evID, attendees: lines, reg: own})
	return nil
}

func active(st store.Status) bool {
	return st == store.StatusConfirmed || st == store.StatusWaitlist || st == store.StatusLate || st == store.StatusInterest
}

func sameName(a, b string) bool {
	wa, wb := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	return wa[len(wa)-1] == wb[len(wb)-1]
}

// promote gives a freed place to the first on the waiting list and tells
// them (or whoever registered them, when they have no address).
func (d *Desk) promote(tx *store.Tx, c *mailCtx, evID string) error {
	ev := d.events[evID]
	if ev.Capacity > 0 {
		counts, err := tx.Counts(evID)
		if err != nil {
			return wrap("count registrations", err)
		}
		if counts.Confirmed >= ev.Capacity {
			return nil
		}
	}
	next, err := tx.FirstWaiting(evID)
	if err != nil || next == nil {
		return wrap("first on the waiting list", err)
	}
	if err := tx.SetStatus(next.ID, store.StatusConfirmed); err != nil {
		return wrap("promote", err)
	}
	next, err = tx.RegistrationByID(next.ID)
	if err != nil {
		return wrap("reload promoted registration", err)
	}
	c.out.Notes = append(c.out.Notes, evID+": moved up from the waiting list")
	to := reply.Person{Name: next.Person.Name, Email: next.Person.Email, Salutation: next.Person.Salutation}
	if to.Email == "" && next.RegisteredBy != 0 {
		by, err := tx.PersonByID(next.RegisteredBy)
		if err != nil {
			return wrap("look up who registered", err)
		}
		if by != nil {
			to = reply.Person{Name: by.Name, Email: by.Email, Salutation: by.Salutation}
		}
	}
	if to.Email == "" {
		c.out.NeedsPerson = true
		c.out.Reasons = append(c.out.Reasons, evID+": moved up from the waiting list but has no address")
		return nil
	}
	data := reply.Data{Kind: reply.KindPromoted, To: to, Event: d.eventData(evID), ICSUID: next.ICSUID, ICSSequence: next.ICSSequence,
		Attendees: []reply.Attendee{{Person: reply.Person{Name: next.Person.Name, Email: next.Person.Email}, Status: string(store.StatusConfirmed)}}}
	return d.enqueue(tx, c.in, c.out, data, next.ID, next.PersonID, false, "promoted", evID, fmt.Sprint(next.ID), fmt.Sprint(next.ICSSequence))
}

// info puts the sender on the info list of an event that takes no
// registrations yet; for other events a person answers.
func (d *Desk) info(tx *store.Tx, c *mailCtx, evID string) error {
	ev := d.events[evID]
	if ev.Registration != config.ModeInterest {
		c.question = true
		return d.review(tx, c.in, c.out, evID+": information wished")
	}
	pid, err := tx.UpsertPerson(&store.Person{Email: c.contact.Email, Name: c.contact.Name, Organisation: orgOf(c.in.Result), Salutation: c.contact.Salutation})
	if err != nil {
		return wrap("record contact", err)
	}
	existing, err := tx.Registration(evID, pid)
	if err != nil {
		return wrap("look up registration", err)
	}
	var reg *store.Registration
	switch {
	case existing != nil && active(existing.Status):
		reg = existing
	case existing != nil:
		if err := tx.SetStatus(existing.ID, store.StatusInterest); err != nil {
			return wrap("update registration", err)
		}
		reg, err = tx.RegistrationByID(existing.ID)
	default:
		var id int64
		id, err = tx.AddRegistration(&store.Registration{Event: evID, PersonID: pid, Status: store.StatusInterest, RegisteredBy: pid, SourceMessageID: c.in.Row, ICSUID: d.messageID("ics", evID, fmt.Sprint(pid))})
		if err == nil {
			reg, err = tx.RegistrationByID(id)
		}
	}
	if err != nil {
		return wrap("record interest", err)
	}
	c.out.Notes = append(c.out.Notes, evID+": on the info list")
	c.sections = append(c.sections, section{kind: reply.KindInterest, event: evID, reg: reg})
	return nil
}

// erase forgets the sender everywhere and confirms it.
func (d *Desk) erase(tx *store.Tx, in Incoming, out *Outcome, c reply.Person) error {
	addrs := []string{c.Email}
	if f := in.Message.FirstFrom().Email; f != "" && f != c.Email {
		addrs = append(addrs, f)
	}
	total := 0
	for _, a := range addrs {
		n, err := tx.Forget(a)
		if err != nil {
			return wrap("erase personal data", err)
		}
		total += n
	}
	out.Notes = append(out.Notes, fmt.Sprintf("personal data erased (%d records)", total))
	data := reply.Data{Kind: reply.KindDeleted, To: reply.Person{Name: c.Name, Email: c.Email}}
	return d.enqueue(tx, in, out, data, 0, 0, true, "deleted")
}

// bounce marks a failed address undeliverable; bounces are never answered.
func (d *Desk) bounce(tx *store.Tx, in Incoming, out *Outcome) error {
	b := in.Result.Bounce
	if b == nil || in.Result.Bounced == "" {
		out.Notes = append(out.Notes, "bounce without a recipient: no action")
		return nil
	}
	if !b.Permanent {
		out.Notes = append(out.Notes, "delivery delayed for "+in.Result.Bounced+": noted")
		return nil
	}
	if err := tx.MarkUndeliverable(in.Result.Bounced, oneLine(b.Diagnostic)); err != nil {
		return wrap("mark undeliverable", err)
	}
	p, err := tx.PersonByEmail(in.Result.Bounced)
	if err != nil {
		return wrap("look up bounced address", err)
	}
	if p != nil {
		for _, ev := range d.order {
			reg, err := tx.Registration(ev, p.ID)
			if err != nil {
				return wrap("look up registration", err)
			}
			if reg != nil {
				if err := tx.AddChange(ev, reg.ID, "bounced"); err != nil {
					return wrap("record bounce", err)
				}
			}
		}
	}
	out.Notes = append(out.Notes, "address undeliverable: "+in.Result.Bounced)
	return nil
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300]
	}
	return s
}

// question queues a mail for a person and acknowledges it.
func (d *Desk) question(tx *store.Tx, in Incoming, out *Outcome, reason string) error {
	if err := d.review(tx, in, out, reason); err != nil {
		return err
	}
	c := d.contactPerson(in.Result)
	if c.Email == "" || d.own(c.Email) {
		return nil
	}
	data := reply.Data{Kind: reply.KindQuestion, To: c}
	return d.enqueue(tx, in, out, data, 0, 0, true, "question")
}

// review puts the mail on the list of what needs a person.
func (d *Desk) review(tx *store.Tx, in Incoming, out *Outcome, reason string) error {
	out.NeedsPerson = true
	out.Reasons = append(out.Reasons, reason)
	m := in.Message
	_, err := tx.AddReview(&store.Review{MessageID: in.Row, Reason: reason, Sender: m.FirstFrom().Email, Subject: m.Subject, Excerpt: excerpt(m.Text)})
	return wrap("queue for review", err)
}

// excerpt keeps the first lines of the new text: enough for a person to
// see what it is about, not the whole mail.
func excerpt(text string) string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, ">") {
			continue
		}
		lines = append(lines, l)
		if len(lines) == 6 {
			break
		}
	}
	s := strings.Join(lines, "\n")
	if r := []rune(s); len(r) > 600 {
		s = string(r[:600]) + "…"
	}
	return s
}

// sendSenderReplies sends the sender one reply per event the mail
// concerned, or an acknowledgement of a question when there is nothing
// else to say.
func (d *Desk) sendSenderReplies(tx *store.Tx, c *mailCtx) error {
	if len(c.sections) == 0 {
		if c.question {
			data := reply.Data{Kind: reply.KindQuestion, To: c.contact}
			return d.enqueue(tx, c.in, c.out, data, 0, 0, true, "question")
		}
		// Nothing recognised that we act on: a person answers.
		if err := d.review(tx, c.in, c.out, "nothing regbot can act on"); err != nil {
			return err
		}
		data := reply.Data{Kind: reply.KindQuestion, To: c.contact}
		return d.enqueue(tx, c.in, c.out, data, 0, 0, true, "question")
	}
	for i, s := range c.sections {
		data := reply.Data{Kind: s.kind, To: c.contact, Event: d.eventData(s.event), Attendees: s.attendees, Position: s.position}
		var regID, personID int64
		if s.reg != nil {
			data.ICSUID, data.ICSSequence = s.reg.ICSUID, s.reg.ICSSequence
			regID, personID = s.reg.ID, s.reg.PersonID
		}
		if err := d.enqueue(tx, c.in, c.out, data, regID, personID, true, "sender", s.event, fmt.Sprint(i), string(s.kind)); err != nil {
			return err
		}
	}
	return nil
}

// enqueue renders a reply and puts it into the outbox, unless the
// recipient may not get one: our own address, an undeliverable address, or
// the per-address and hourly limits.
func (d *Desk) enqueue(tx *store.Tx, in Incoming, out *Outcome, data reply.Data, regID, personID int64, threaded bool, idParts ...string) error {
	to := strings.ToLower(data.To.Email)
	if to == "" || d.own(to) {
		return nil
	}
	if !reply.Replyable(to) {
		// What is recorded stays; a person decides how to answer.
		out.NeedsPerson = true
		out.Reasons = append(out.Reasons, fmt.Sprintf("no reply: %q cannot be written as a reply's recipient", to))
		return nil
	}
	if p, err := tx.PersonByEmail(to); err == nil && p != nil && !p.UndeliverableAt.IsZero() {
		out.Notes = append(out.Notes, "no reply: the address is undeliverable")
		return nil
	} else if err != nil {
		return wrap("look up recipient", err)
	}
	now := d.now()
	if d.perDay > 0 {
		n, err := tx.RepliesTo(to, now.Add(-24*time.Hour))
		if err != nil {
			return wrap("count replies", err)
		}
		if n >= d.perDay {
			out.Notes = append(out.Notes, "no reply: daily limit for this address reached")
			return nil
		}
	}
	if d.perHour > 0 {
		n, err := tx.RepliesSince(now.Add(-time.Hour))
		if err != nil {
			return wrap("count replies", err)
		}
		if n >= d.perHour {
			out.NeedsPerson = true
			out.Reasons = append(out.Reasons, "hourly reply limit reached: not answered")
			return nil
		}
	}
	m := in.Message
	src := m.MessageID
	if src == "" {
		src = fmt.Sprint(in.Row)
	}
	data.From = d.mailbox
	data.Team = d.team
	data.RetentionDays = d.retain
	data.Location = d.loc
	data.Date = now
	data.MessageID = d.messageID(append([]string{src, to}, idParts...)...)
	if threaded {
		data.InReplyTo = m.MessageID
		data.References = append(append([]string{}, m.References...), m.MessageID)
		if m.MessageID == "" {
			data.References = m.References
		}
		data.OriginalSubject = m.Subject
	}
	msg, err := d.renderer.Render(data)
	if err != nil {
		return wrap("render "+string(data.Kind), err)
	}
	raw, err := msg.Bytes()
	if err != nil {
		return wrap("build "+string(data.Kind), err)
	}
	item := store.OutboxItem{MessageID: data.MessageID, Kind: string(data.Kind), To: to, PersonID: personID, RegistrationID: regID, SourceMessageID: in.Row, Raw: raw}
	if _, err := tx.Enqueue(&item); err != nil {
		return wrap("queue reply", err)
	}
	out.Replies = append(out.Replies, item)
	return nil
}
