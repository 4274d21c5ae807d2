package desk

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/intent"
	"github.com/heinlein/regbot/internal/mailparse"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/store"
)

// The organisers' actions (regbot add, cancel, promote, resend). They apply
// the same rules and write the same replies as a mail would, with three
// differences: there is no source mail, so each action gets a synthetic
// source id ("cli-add-<registration>-<unixnano>") from which the replies'
// Message-IDs are derived; the replies are not threaded (there is nothing
// to answer); and the per-address daily reply limit does not apply, because
// an organiser asked for the mail (the hourly limit, a brake against
// floods, still does). Every action writes an audit entry without personal
// data.

var (
	// ErrClosed: the event takes no registrations (registration: closed).
	ErrClosed = errors.New("registration is closed")
	// ErrNotActive: the registration is cancelled or refused already.
	ErrNotActive = errors.New("registration is not active")
	// ErrNobodyWaiting: the waiting list is empty.
	ErrNobodyWaiting = errors.New("nobody is on the waiting list")
	// ErrNoSeat: every seat is taken (promote without force).
	ErrNoSeat = errors.New("no seat is free")
	// ErrNoReply: the reply could not be queued (address undeliverable,
	// no address, a reply limit); the error says which.
	ErrNoReply = errors.New("no reply queued")
)

// AlreadyError reports that the person already holds an active
// registration for the event; nothing was changed.
type AlreadyError struct {
	Registration *store.Registration
	Position     int // waiting-list place, 0 when not waiting
}

func (e *AlreadyError) Error() string {
	return fmt.Sprintf("already registered for %s (registration %d, %s)",
		e.Registration.Event, e.Registration.ID, e.Registration.Status)
}

// UnknownEventError reports an event id the configuration does not have.
type UnknownEventError struct{ ID string }

func (e *UnknownEventError) Error() string { return fmt.Sprintf("unknown event %q", e.ID) }

// AdminResult says what an organiser's action did.
type AdminResult struct {
	// Outcome holds the notes and the replies queued (Replies).
	Outcome
	// Registration is the registration acted on, as it is now.
	Registration *store.Registration
	// Position is its waiting-list place, 0 when it is not waiting.
	Position int
	// Promoted is the registration that moved up from the waiting list, if
	// any.
	Promoted *store.Registration
}

// manual is the desk for an organiser's action: no per-address limit.
func (d *Desk) manual() *Desk {
	m := *d
	m.perDay = 0
	return &m
}

// synthetic is the Incoming of an action without a source mail; its
// Message-ID is only the seed of the replies' Message-IDs.
func (d *Desk) synthetic(action string, regID int64) Incoming {
	now := d.now()
	return Incoming{
		Message:    &mailparse.Message{MessageID: fmt.Sprintf("cli-%s-%d-%d", action, regID, now.UnixNano())},
		ReceivedAt: now,
	}
}

func (d *Desk) event(id string) (config.Event, error) {
	ev, ok := d.events[id]
	if !ok {
		return ev, &UnknownEventError{ID: id}
	}
	return ev, nil
}

// AddByHand registers a person for event as if they had written (a
// registration taken by phone): capacity puts them on the waiting list, an
// interest event on the info list, the deadline applies as configured. A
// closed event gives ErrClosed and an active registration an
// *AlreadyError; neither records anything. Unless quiet, the person gets
// the reply a mail would have got (confirmation with calendar, waiting
// list, …), queued in the outbox.
func (d *Desk) AddByHand(tx *store.Tx, event, name, email, org string, quiet bool) (*AdminResult, error) {
	ev, err := d.event(event)
	if err != nil {
		return nil, err
	}
	name, org = strings.TrimSpace(name), strings.TrimSpace(org)
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" || !strings.Contains(email, "@") {
		return nil, errors.New("add: an e-mail address is required")
	}
	if d.own(email) {
		return nil, fmt.Errorf("add: %s is regbot's own address", email)
	}
	if ev.Registration == config.ModeClosed {
		return nil, fmt.Errorf("%w: %s takes no registrations", ErrClosed, ev.ID)
	}
	if p, err := tx.PersonByEmail(email); err != nil {
		return nil, wrap("look up person", err)
	} else if p != nil {
		reg, err := tx.Registration(ev.ID, p.ID)
		if err != nil {
			return nil, wrap("look up registration", err)
		}
		if reg != nil && active(reg.Status) {
			pos, err := tx.WaitlistPosition(reg.ID)
			if err != nil {
				return nil, wrap("waiting list position", err)
			}
			return nil, &AlreadyError{Registration: reg, Position: pos}
		}
	}

	m := d.manual()
	res := &AdminResult{Outcome: Outcome{Summary: "add:" + ev.ID}}
	in := m.synthetic("add", 0)
	in.Result = intent.Result{Contact: &intent.Contact{Name: name, Organisation: org, Email: email}}
	c := &mailCtx{in: in, contact: reply.Person{Name: name, Email: email}, out: &res.Outcome}
	if err := m.register(tx, c, ev.ID); err != nil {
		return nil, err
	}
	if len(c.sections) != 1 || c.sections[0].reg == nil {
		return nil, fmt.Errorf("add: nothing was recorded for %s", ev.ID)
	}
	s := c.sections[0]
	reg, err := tx.RegistrationByID(s.reg.ID)
	if err != nil {
		return nil, wrap("reload registration", err)
	}
	res.Registration, res.Position = reg, s.position
	// The seed names the registration now that it exists.
	in.Message.MessageID = fmt.Sprintf("cli-add-%d-%d", reg.ID, in.ReceivedAt.UnixNano())
	if !quiet {
		data := reply.Data{Kind: s.kind, To: c.contact, Event: m.eventData(ev.ID), Attendees: s.attendees,
			Position: s.position, ICSUID: reg.ICSUID, ICSSequence: reg.ICSSequence}
		if err := m.enqueue(tx, in, &res.Outcome, data, reg.ID, reg.PersonID, false, "add", ev.ID, string(s.kind)); err != nil {
			return nil, err
		}
	}
	if err := tx.Audit("add", fmt.Sprintf("event=%s registration=%d status=%s replies=%d",
		ev.ID, reg.ID, reg.Status, len(res.Replies))); err != nil {
		return nil, err
	}
	return res, nil
}

// CancelRegistration cancels registration id as if the person had written:
// a confirmed seat goes to the first on the waiting list (who is told), and
// the person gets the cancellation with a calendar CANCEL (or whoever
// registered them, when they have no address). A registration that is
// cancelled or refused already gives ErrNotActive.
func (d *Desk) CancelRegistration(tx *store.Tx, id int64) (*AdminResult, error) {
	reg, err := d.registrationByID(tx, id)
	if err != nil {
		return nil, err
	}
	ev, err := d.event(reg.Event)
	if err != nil {
		return nil, fmt.Errorf("registration %d: %w", id, err)
	}
	if !active(reg.Status) {
		return nil, fmt.Errorf("%w: registration %d is %s already", ErrNotActive, id, reg.Status)
	}
	wasConfirmed := reg.Status == store.StatusConfirmed
	if err := tx.SetStatus(reg.ID, store.StatusCancelled); err != nil {
		return nil, wrap("cancel registration", err)
	}
	m := d.manual()
	res := &AdminResult{Outcome: Outcome{Summary: "cancel:" + ev.ID}}
	in := m.synthetic("cancel", reg.ID)
	c := &mailCtx{in: in, out: &res.Outcome}
	res.Notes = append(res.Notes, ev.ID+": cancelled")
	if wasConfirmed {
		if res.Promoted, err = m.promoteNext(tx, c, ev); err != nil {
			return nil, err
		}
	}
	if reg, err = tx.RegistrationByID(reg.ID); err != nil {
		return nil, wrap("reload registration", err)
	}
	res.Registration = reg
	to, err := recipient(tx, reg)
	if err != nil {
		return nil, err
	}
	if to.Email == "" {
		res.Notes = append(res.Notes, "no cancellation mail: the person has no address")
	} else {
		data := reply.Data{Kind: reply.KindCancelled, To: to, Event: m.eventData(ev.ID), ICSUID: reg.ICSUID, ICSSequence: reg.ICSSequence,
			Attendees: []reply.Attendee{{Person: personOf(&reg.Person), Status: string(store.StatusCancelled)}}}
		if err := m.enqueue(tx, in, &res.Outcome, data, reg.ID, reg.PersonID, false, "cancelled", ev.ID, fmt.Sprint(reg.ID)); err != nil {
			return nil, err
		}
	}
	var promoted int64
	if res.Promoted != nil {
		promoted = res.Promoted.ID
	}
	if err := tx.Audit("cancel", fmt.Sprintf("event=%s registration=%d promoted=%d replies=%d",
		ev.ID, reg.ID, promoted, len(res.Replies))); err != nil {
		return nil, err
	}
	return res, nil
}

// Promote moves the first on event's waiting list up when a seat is free,
// or with force even beyond the capacity, and tells them. An empty waiting
// list gives ErrNobodyWaiting, a full event without force ErrNoSeat.
func (d *Desk) Promote(tx *store.Tx, event string, force bool) (*AdminResult, error) {
	ev, err := d.event(event)
	if err != nil {
		return nil, err
	}
	next, err := tx.FirstWaiting(ev.ID)
	if err != nil {
		return nil, wrap("first on the waiting list", err)
	}
	if next == nil {
		return nil, fmt.Errorf("%w for %s", ErrNobodyWaiting, ev.ID)
	}
	if ev.Capacity > 0 && !force {
		counts, err := tx.Counts(ev.ID)
		if err != nil {
			return nil, wrap("count registrations", err)
		}
		if counts.Confirmed >= ev.Capacity {
			return nil, fmt.Errorf("%w for %s: %d of %d seats are taken", ErrNoSeat, ev.ID, counts.Confirmed, ev.Capacity)
		}
	}
	m := d.manual()
	if force && ev.Capacity > 0 {
		// promote keeps the capacity; a forced promotion lifts it for this
		// one call.
		m.events = maps.Clone(d.events)
		ev.Capacity = 0
		m.events[ev.ID] = ev
	}
	res := &AdminResult{Outcome: Outcome{Summary: "promote:" + ev.ID}}
	c := &mailCtx{in: m.synthetic("promote", next.ID), out: &res.Outcome}
	if res.Promoted, err = m.promoteNext(tx, c, ev); err != nil {
		return nil, err
	}
	if res.Promoted == nil {
		return nil, fmt.Errorf("%w for %s", ErrNoSeat, ev.ID)
	}
	res.Registration = res.Promoted
	if err := tx.Audit("promote", fmt.Sprintf("event=%s registration=%d forced=%t replies=%d",
		ev.ID, res.Promoted.ID, force, len(res.Replies))); err != nil {
		return nil, err
	}
	return res, nil
}

// promoteNext runs promote and returns the registration that moved up, or
// nil when nobody did.
func (d *Desk) promoteNext(tx *store.Tx, c *mailCtx, ev config.Event) (*store.Registration, error) {
	next, err := tx.FirstWaiting(ev.ID)
	if err != nil || next == nil {
		return nil, wrap("first on the waiting list", err)
	}
	if err := d.promote(tx, c, ev.ID); err != nil {
		return nil, err
	}
	reg, err := tx.RegistrationByID(next.ID)
	if err != nil {
		return nil, wrap("reload promoted registration", err)
	}
	if reg == nil || reg.Status != store.StatusConfirmed {
		return nil, nil
	}
	return reg, nil
}

// Resend renders the reply that fits registration id's current status
// anew (confirmation or, for a person someone else registered, the
// attendee mail; waiting list with the current place; info list;
// cancellation; late) and queues it with a new Message-ID. The calendar
// keeps the registration's UID and current SEQUENCE, so the entry is
// updated, not duplicated. It goes to the person, or to whoever registered
// them when they have no address. ErrNoReply when it cannot be queued.
func (d *Desk) Resend(tx *store.Tx, id int64) (*AdminResult, error) {
	reg, err := d.registrationByID(tx, id)
	if err != nil {
		return nil, err
	}
	ev, err := d.event(reg.Event)
	if err != nil {
		return nil, fmt.Errorf("registration %d: %w", id, err)
	}
	pos, err := tx.WaitlistPosition(reg.ID)
	if err != nil {
		return nil, wrap("waiting list position", err)
	}
	var by *store.Person
	if reg.RegisteredBy != 0 && reg.RegisteredBy != reg.PersonID {
		if by, err = tx.PersonByID(reg.RegisteredBy); err != nil {
			return nil, wrap("look up who registered", err)
		}
	}
	to, err := recipient(tx, reg)
	if err != nil {
		return nil, err
	}
	if to.Email == "" {
		return nil, fmt.Errorf("%w: registration %d has no address to write to", ErrNoReply, id)
	}
	toSelf := strings.EqualFold(to.Email, reg.Person.Email)
	var kind reply.Kind
	switch reg.Status {
	case store.StatusConfirmed:
		kind = reply.KindConfirmation
		if by != nil && toSelf {
			kind = reply.KindAttendee
		}
	case store.StatusWaitlist:
		kind = reply.KindWaitlist
	case store.StatusInterest:
		kind = reply.KindInterest
	case store.StatusCancelled:
		kind = reply.KindCancelled
	case store.StatusLate:
		kind = reply.KindLateReview
	default:
		kind = reply.KindLate
	}
	attendees := []reply.Attendee{{Person: personOf(&reg.Person), Status: string(reg.Status), Position: pos}}
	if by != nil && toSelf {
		attendees = append(attendees, reply.Attendee{Person: personOf(by), Status: reply.StatusRegisteredBy})
	}
	m := d.manual()
	res := &AdminResult{Outcome: Outcome{Summary: "resend:" + ev.ID}, Registration: reg, Position: pos}
	in := m.synthetic("resend", reg.ID)
	data := reply.Data{Kind: kind, To: to, Event: m.eventData(ev.ID), Attendees: attendees, Position: pos,
		ICSUID: reg.ICSUID, ICSSequence: reg.ICSSequence}
	if err := m.enqueue(tx, in, &res.Outcome, data, reg.ID, reg.PersonID, false, "resend", ev.ID, fmt.Sprint(reg.ID), string(kind)); err != nil {
		return nil, err
	}
	if len(res.Replies) == 0 {
		why := "the reply was not queued"
		if n := len(res.Notes); n > 0 {
			why = res.Notes[n-1]
		} else if n := len(res.Reasons); n > 0 {
			why = res.Reasons[n-1]
		}
		return nil, fmt.Errorf("%w: %s", ErrNoReply, why)
	}
	if err := tx.Audit("resend", fmt.Sprintf("event=%s registration=%d kind=%s", ev.ID, reg.ID, kind)); err != nil {
		return nil, err
	}
	return res, nil
}

func (d *Desk) registrationByID(tx *store.Tx, id int64) (*store.Registration, error) {
	reg, err := tx.RegistrationByID(id)
	if err != nil {
		return nil, wrap("look up registration", err)
	}
	if reg == nil {
		return nil, fmt.Errorf("registration %d: %w", id, store.ErrNotFound)
	}
	return reg, nil
}

// recipient is who hears about reg: the person, or whoever registered them
// when they have no address. Email is "" when neither has one.
func recipient(tx *store.Tx, reg *store.Registration) (reply.Person, error) {
	if reg.Person.Email != "" || reg.RegisteredBy == 0 || reg.RegisteredBy == reg.PersonID {
		return personOf(&reg.Person), nil
	}
	by, err := tx.PersonByID(reg.RegisteredBy)
	if err != nil {
		return reply.Person{}, wrap("look up who registered", err)
	}
	if by == nil {
		return reply.Person{}, nil
	}
	return personOf(by), nil
}

func personOf(p *store.Person) reply.Person {
	return reply.Person{Name: p.Name, Email: p.Email, Salutation: p.Salutation}
}
