// Package intent owns understanding one mail: what the sender asks for
// (register, info request, cancel, deletion, question) and for which
// event, who they are (contact) and whom they register (attendees). It
// also folds in what internal/automail says about machine mail, so that
// its Result tells the caller whether to answer at all.
//
// The rules are general: events are recognised from configuration (names,
// alternative names and dates derived from the start), phrases come from
// internal/lexicon, and every decision keeps the cues that led to it in
// Result.Why so that a person can see the reasoning.
package intent

import (
	"github.com/heinlein/regbot/internal/automail"
)

// Intent is what a sender asks for.
type Intent string

// The intents of the corpus schema.
const (
	Register  Intent = "register"
	Info      Intent = "info_request"
	Cancel    Intent = "cancel"
	Delete    Intent = "delete_request"
	Question  Intent = "question"
	AutoReply Intent = "auto_reply"
	Bounce    Intent = "bounce"
	Spam      Intent = "spam"
)

// Request is one thing a mail asks for. Event is "" when the request names
// no event (and none is implied).
type Request struct {
	Intent Intent
	Event  string
}

// Person is an attendee. Empty strings mean unknown.
type Person struct {
	Name       string
	Email      string
	Salutation string // "Frau" or "Herr" when the mail gives one
}

// Contact is the person the organisers deal with.
type Contact struct {
	Name         string
	Organisation string
	Email        string
}

// Result is what regbot understood of one mail.
type Result struct {
	Requests []Request
	// Contact is nil for machine mail and spam.
	Contact *Contact
	// Attendees are the people this mail registers, the contact first
	// where they attend; empty unless Requests has a registration.
	Attendees []Person
	// Cancelled are the people a cancellation names when they are not the
	// writer ("Herr Lindner kann leider nicht"); empty otherwise.
	Cancelled []Person
	// Bounced is the failed recipient of a bounce.
	Bounced string
	// Reply tells whether the sender must be answered.
	Reply bool
	// Why lists the cues behind the decisions, for people.
	Why []string
	// Machine is automail's verdict.
	Machine automail.Kind
	// Bounce holds the details of a bounce.
	Bounce *automail.BounceReport
	// Unreadable is set when the mail could not be read well enough to
	// decide; the request is then a question for a person.
	Unreadable bool
}

// Has reports whether the result carries a request with that intent.
func (r *Result) Has(i Intent) bool {
	for _, q := range r.Requests {
		if q.Intent == i {
			return true
		}
	}
	return false
}

// EventsFor lists the events of the requests with that intent.
func (r *Result) EventsFor(i Intent) []string {
	var out []string
	for _, q := range r.Requests {
		if q.Intent == i {
			out = append(out, q.Event)
		}
	}
	return out
}
