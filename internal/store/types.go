package store

import "time"

// Status is the state of a registration.
type Status string

// The registration states.
const (
	StatusConfirmed Status = "confirmed" // has a seat
	StatusWaitlist  Status = "waitlist"  // on the waiting list
	StatusCancelled Status = "cancelled" // cancelled by the person or an organiser
	StatusInterest  Status = "interest"  // event in interest mode: noted, no seat yet
	StatusLate      Status = "late"      // arrived after the deadline
	StatusRefused   Status = "refused"   // event closed or otherwise refused
)

// Valid reports whether s is one of the Status constants.
func (s Status) Valid() bool {
	switch s {
	case StatusConfirmed, StatusWaitlist, StatusCancelled, StatusInterest, StatusLate, StatusRefused:
		return true
	}
	return false
}

// Change kinds, the Kind of a Change.
const (
	ChangeRegistered = "registered" // new registration, confirmed (also cancelled → confirmed)
	ChangeWaitlisted = "waitlisted"
	ChangeCancelled  = "cancelled"
	ChangePromoted   = "promoted" // waitlist → confirmed
	ChangeInterest   = "interest"
	ChangeLate       = "late"
	ChangeRefused    = "refused"
	ChangeBounced    = "bounced" // the person's address became undeliverable
	ChangeDeleted    = "deleted" // registration erased (Forget); RegistrationID is 0
)

// changeKind is the Change kind that entering status to (from from, "" for
// a new registration) is recorded as.
func changeKind(from, to Status) string {
	switch to {
	case StatusConfirmed:
		if from == StatusWaitlist {
			return ChangePromoted
		}
		return ChangeRegistered
	case StatusWaitlist:
		return ChangeWaitlisted
	case StatusCancelled:
		return ChangeCancelled
	case StatusInterest:
		return ChangeInterest
	case StatusLate:
		return ChangeLate
	default:
		return ChangeRefused
	}
}

// Person is someone who registered or was registered. Email is lower-case
// and empty for attendees registered without an address.
type Person struct {
	ID                  int64
	Email               string
	Name                string
	Organisation        string
	Salutation          string // "Frau", "Herr" or ""
	UndeliverableAt     time.Time
	UndeliverableReason string
}

// Registration is one person's registration for one event. Reads fill
// Person. RegisteredBy and SourceMessageID are 0 when unknown.
type Registration struct {
	ID              int64
	Event           string
	PersonID        int64
	Person          Person
	Status          Status
	RegisteredBy    int64 // person who sent the registration, if not PersonID
	SourceMessageID int64 // messages.id of the mail that caused it
	ICSUID          string
	ICSSequence     int
	CreatedAt       time.Time
	UpdatedAt       time.Time
	// StatusAt is when the registration entered its current status; the
	// waiting list is ordered by (StatusAt, ID).
	StatusAt time.Time
}

// Message is an inbound mail the daemon has seen.
type Message struct {
	ID          int64
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	MessageID   string // without angle brackets; "" when the mail had none
	Sender      string // lower-case address
	Subject     string
	ReceivedAt  time.Time // IMAP INTERNALDATE
	HandledAt   time.Time // zero while not handled
	Outcome     string    // e.g. "register:runder-tisch,question"
	Machine     string    // "", "auto_reply", "bounce", "bulk", "loop"
	Attempts    int       // failed processing attempts
	FailedAt    time.Time // set aside after repeated failures
	LastError   string
}

// OutboxItem is a reply waiting for, or past, delivery. Raw is empty once
// the reply was sent.
type OutboxItem struct {
	ID              int64
	MessageID       string // Message-ID of the reply, stable across retries
	Kind            string // template kind
	To              string
	PersonID        int64
	RegistrationID  int64
	SourceMessageID int64
	Raw             []byte // the rendered RFC 5322 message
	CreatedAt       time.Time
	Attempts        int
	NextAttemptAt   time.Time // zero: due now
	SentAt          time.Time
	FailedAt        time.Time // permanent failure
	LastError       string
}

// Review is a mail a human has to look at. Excerpt is erased when done.
type Review struct {
	ID        int64
	MessageID int64 // messages.id, 0 if none
	Reason    string
	Sender    string
	Subject   string
	Excerpt   string
	CreatedAt time.Time
	DoneAt    time.Time
	DoneNote  string
}

// Change is one entry of the digest's "what changed since". Person is filled
// while the registration exists (zero after Forget or PurgeEvent).
type Change struct {
	ID             int64
	At             time.Time
	Event          string
	RegistrationID int64
	Kind           string
	Person         Person
}

// Counts are the registrations of one event by status.
type Counts struct {
	Confirmed, Waitlist, Cancelled, Interest, Late, Refused int
}
