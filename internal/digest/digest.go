package digest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/store"
)

// staleAfter is how long after its end an event stays in the digest when
// nothing happens to it any more.
const staleAfter = 7 * 24 * time.Hour

// Digest is one day's report for the organisers. Build fills it; Text, HTML,
// CSV and Message present it.
type Digest struct {
	Day      string         // the local day it reports on, "YYYY-MM-DD"
	Now      time.Time      // when it was built, in Location
	Since    time.Time      // changes at or after it are "new"; zero: all so far (the first digest)
	Location *time.Location // the configured time zone; every time is shown in it
	At       config.ClockTime
	Mailbox  string // the registration mailbox (answers to the digest land there)
	Events   []Event
	Reviews  []Review
	Problems []Problem
}

// Event is the state of one configured event.
type Event struct {
	ID, Title  string
	Start, End time.Time
	// Deadline is the last moment of registration; zero when the event has
	// no deadline of its own (registration until the start).
	Deadline time.Time
	Place    string
	Mode     config.Mode
	Capacity int // 0 = unlimited
	Counts   store.Counts
	// SeatsLeft is Capacity minus the confirmed (never below 0), -1 when
	// the capacity is unlimited.
	SeatsLeft int
	// DaysToDeadline and DaysToEvent count local calendar days from Day
	// (0 = today). DeadlinePassed: registration is over; EventOver: the
	// event has ended.
	DaysToDeadline int
	DeadlinePassed bool
	DaysToEvent    int
	EventOver      bool
	// Changes since Digest.Since, oldest first.
	Changes []Change
	// Waitlist in order: Waitlist[0] is position 1.
	Waitlist []store.Registration
	// Late are the registrations after the deadline a person has to decide.
	Late []store.Registration
	// Registrations is every registration of the event (the CSV), oldest
	// first; Registrars the people who registered others among them.
	Registrations []store.Registration
	Registrars    map[int64]store.Person
}

// Change is one thing that happened to a registration.
type Change struct {
	At     time.Time
	Kind   string       // store.Change* (registered, waitlisted, cancelled, promoted, …)
	Person store.Person // zero for "deleted"
	// Status is the registration's status now, Position its current place on
	// the waiting list (0 when not waiting), RegisteredBy who registered the
	// person when it was someone else.
	Status       store.Status
	Position     int
	RegisteredBy *store.Person
}

// Review is a mail that needs a person.
type Review struct {
	Sender  string // address
	Name    string // the sender's name when regbot knows the person
	Subject string
	Excerpt []string // the first lines of what the sender wrote
	Reason  string   // why regbot left it to a person, in German
	At      time.Time
	Waiting time.Duration // how long it has waited at Digest.Now
}

// Problem is a reply that could not be delivered (yet).
type Problem struct {
	To       string
	Kind     string // outbox kind: confirmation, waitlist, …, digest
	Attempts int
	Failed   bool      // given up for good (at FailedAt)
	FailedAt time.Time //
	Next     time.Time // next attempt while not given up
	Created  time.Time
	Error    string
}

// Current builds the digest for the local day of now, with the changes since
// the last digest that was sent (all so far before the first one).
func Current(r *store.Reader, cfg *config.Config, now time.Time) (*Digest, error) {
	_, since, err := r.LastDigest()
	if err != nil {
		return nil, err
	}
	return Build(r, cfg, now.In(location(cfg)).Format(time.DateOnly), since, now)
}

// Build collects the digest for day ("YYYY-MM-DD", local) as the store r
// has it at now: per configured event the counts, seats, deadline and the
// changes since since (zero: all), the open reviews and the delivery
// problems. An event that ended more than a week before now and has no
// changes is left out. Read it inside one View or Tx for a consistent
// picture.
func Build(r *store.Reader, cfg *config.Config, day string, since time.Time, now time.Time) (*Digest, error) {
	dayDate, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return nil, fmt.Errorf("digest: day %q is not YYYY-MM-DD", day)
	}
	loc := location(cfg)
	d := &Digest{Day: day, Now: now.In(loc), Since: since, Location: loc, At: cfg.Digest.Time, Mailbox: cfg.Mailbox.Address}

	changes, err := r.ChangesSince(since)
	if err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	byEvent := map[string][]store.Change{}
	for _, c := range changes {
		byEvent[c.Event] = append(byEvent[c.Event], c)
	}
	for _, ce := range cfg.Events {
		if now.Sub(ce.End) > staleAfter && len(byEvent[ce.ID]) == 0 {
			continue
		}
		ev, err := buildEvent(r, ce, byEvent[ce.ID], dayDate, now, loc)
		if err != nil {
			return nil, fmt.Errorf("digest: %w", err)
		}
		d.Events = append(d.Events, ev)
	}

	reviews, err := r.OpenReviews()
	if err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	senders, err := r.ReviewSenders()
	if err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	titles := map[string]string{}
	for _, ev := range cfg.Events {
		titles[ev.ID] = ev.Title
	}
	for _, v := range reviews {
		rv := Review{
			Sender:  v.Sender,
			Name:    oneLine(senders[v.Sender].Name, 100),
			Subject: oneLine(v.Subject, 200),
			Excerpt: excerptLines(v.Excerpt),
			Reason:  germanReason(v.Reason, titles),
			At:      v.CreatedAt.In(loc),
			Waiting: now.Sub(v.CreatedAt),
		}
		d.Reviews = append(d.Reviews, rv)
	}

	problems, err := r.DeliveryProblems(since)
	if err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	for _, o := range problems {
		p := Problem{To: o.To, Kind: o.Kind, Attempts: o.Attempts, Failed: !o.FailedAt.IsZero(),
			FailedAt: o.FailedAt.In(loc), Next: o.NextAttemptAt.In(loc), Created: o.CreatedAt.In(loc),
			Error: oneLine(o.LastError, 300)}
		d.Problems = append(d.Problems, p)
	}
	return d, nil
}

func buildEvent(r *store.Reader, ce config.Event, changes []store.Change, day time.Time, now time.Time, loc *time.Location) (Event, error) {
	ev := Event{
		ID: ce.ID, Title: ce.Title, Start: ce.Start.In(loc), End: ce.End.In(loc),
		Place: ce.Location.String(), Mode: ce.Registration, Capacity: ce.Capacity,
	}
	if !ce.Deadline.IsZero() && !ce.Deadline.Equal(ce.Start) {
		ev.Deadline = ce.Deadline.In(loc)
	}
	regs, err := r.ListRegistrations(ce.ID, "")
	if err != nil {
		return ev, err
	}
	ev.Registrars, err = r.Registrars(ce.ID)
	if err != nil {
		return ev, err
	}
	ev.Registrations = regs
	byID := map[int64]*store.Registration{}
	for i := range regs {
		g := &regs[i]
		byID[g.ID] = g
		switch g.Status {
		case store.StatusConfirmed:
			ev.Counts.Confirmed++
		case store.StatusWaitlist:
			ev.Counts.Waitlist++
			ev.Waitlist = append(ev.Waitlist, *g)
		case store.StatusCancelled:
			ev.Counts.Cancelled++
		case store.StatusInterest:
			ev.Counts.Interest++
		case store.StatusLate:
			ev.Counts.Late++
			ev.Late = append(ev.Late, *g)
		case store.StatusRefused:
			ev.Counts.Refused++
		}
	}
	slices.SortStableFunc(ev.Waitlist, byStatusAt)
	slices.SortStableFunc(ev.Late, byStatusAt)
	position := map[int64]int{}
	for i, g := range ev.Waitlist {
		position[g.ID] = i + 1
	}

	ev.SeatsLeft = -1
	if ce.Capacity > 0 {
		ev.SeatsLeft = max(ce.Capacity-ev.Counts.Confirmed, 0)
	}
	deadline := ce.Deadline
	if deadline.IsZero() {
		deadline = ce.Start
	}
	ev.DeadlinePassed = now.After(deadline)
	ev.DaysToDeadline = calendarDays(day, deadline.In(loc))
	ev.DaysToEvent = calendarDays(day, ev.Start)
	ev.EventOver = !ce.End.IsZero() && now.After(ce.End)

	for _, c := range changes {
		ch := Change{At: c.At.In(loc), Kind: c.Kind, Person: c.Person}
		if g := byID[c.RegistrationID]; g != nil {
			ch.Status = g.Status
			ch.Position = position[g.ID]
			if g.RegisteredBy != 0 && g.RegisteredBy != g.PersonID {
				if p, ok := ev.Registrars[g.RegisteredBy]; ok {
					ch.RegisteredBy = &p
				}
			}
		}
		ev.Changes = append(ev.Changes, ch)
	}
	return ev, nil
}

func byStatusAt(a, b store.Registration) int {
	if c := a.StatusAt.Compare(b.StatusAt); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// calendarDays is the number of calendar days from day (a date at UTC
// midnight, as time.Parse gives it) to the local date of t.
func calendarDays(day, t time.Time) int {
	y, m, dd := t.Date()
	to := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	return int(to.Sub(day).Hours() / 24)
}

func location(cfg *config.Config) *time.Location {
	if cfg.Location != nil {
		return cfg.Location
	}
	return time.Local
}

// Count sums, over all events, the changes of the given kinds.
func (d *Digest) Count(kinds ...string) int {
	n := 0
	for _, ev := range d.Events {
		for _, c := range ev.Changes {
			if slices.Contains(kinds, c.Kind) {
				n++
			}
		}
	}
	return n
}

// newKinds are the changes that are a new registration: a new entry on one
// of the lists (confirmed, waiting, information, after the deadline).
var newKinds = []string{store.ChangeRegistered, store.ChangeWaitlisted, store.ChangeInterest, store.ChangeLate}

// NewRegistrations is the number of new registrations since Since.
func (d *Digest) NewRegistrations() int { return d.Count(newKinds...) }

// Subject is the subject of the digest mail.
func (d *Digest) Subject() string {
	return fmt.Sprintf("regbot-Tagesbericht %s: %s, %s", d.Day,
		plural(d.NewRegistrations(), "neue Anmeldung", "neue Anmeldungen"),
		plural(len(d.Reviews), "offene Frage", "offene Fragen"))
}

// germanReason turns the reason regbot recorded for a review into German.
func germanReason(reason string, titles map[string]string) string {
	title := func(id string) string {
		if t, ok := titles[strings.TrimSpace(id)]; ok {
			return t
		}
		return strings.TrimSpace(id)
	}
	events := func(ids string) string {
		var ts []string
		for _, id := range strings.Split(ids, ",") {
			ts = append(ts, title(id))
		}
		if len(ts) == 1 {
			return "zur Veranstaltung " + ts[0]
		}
		return "zu den Veranstaltungen " + joinGerman(ts)
	}
	switch {
	case reason == "the mail could not be read":
		return "Die Mail ließ sich nicht lesen."
	case reason == "the sender's address is unknown":
		return "Die Absenderadresse fehlt oder ist unlesbar."
	case reason == "nothing regbot can act on":
		return "regbot hat darin kein Anliegen erkannt, das es selbst erledigen kann."
	case reason == "a question for a person":
		return "Eine Frage, die regbot nicht beantworten kann."
	case strings.HasPrefix(reason, "a question for a person about "):
		return "Eine Frage " + events(strings.TrimPrefix(reason, "a question for a person about ")) + ", die regbot nicht beantworten kann."
	case strings.HasSuffix(reason, ": information wished"):
		return "Bittet um Informationen " + events(strings.TrimSuffix(reason, ": information wished")) + "."
	case strings.HasSuffix(reason, ": registration after the deadline"):
		return "Anmeldung nach dem Anmeldeschluss " + events(strings.TrimSuffix(reason, ": registration after the deadline")) + " – bitte entscheiden."
	case strings.HasPrefix(reason, "regbot could not handle this mail: "):
		return "regbot konnte die Mail nicht verarbeiten (" + oneLine(strings.TrimPrefix(reason, "regbot could not handle this mail: "), 200) + ")."
	}
	return oneLine(reason, 300)
}

// joinGerman joins "a", "b" and "c" as "a, b und c".
func joinGerman(ss []string) string {
	switch len(ss) {
	case 0:
		return ""
	case 1:
		return ss[0]
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " und " + ss[len(ss)-1]
}

// excerptLines keeps the first four non-empty lines of a review's excerpt,
// each on one line and shortened.
func excerptLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = oneLine(l, 160); l == "" {
			continue
		}
		out = append(out, l)
		if len(out) == 4 {
			break
		}
	}
	return out
}
