package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Mode says whether an event takes registrations.
type Mode string

// Registration modes.
const (
	ModeOpen     Mode = "open"     // registrations are accepted
	ModeInterest Mode = "interest" // only an interest list ("vormerken"), no registration yet
	ModeClosed   Mode = "closed"   // nothing is accepted
)

var modes = []string{string(ModeOpen), string(ModeInterest), string(ModeClosed)}

// UnmarshalYAML accepts one of the modes, ignoring case.
func (m *Mode) UnmarshalYAML(n *yaml.Node) error {
	s, err := enum(n, modes, "a registration mode")
	if err != nil {
		return err
	}
	*m = Mode(s)
	return nil
}

// LatePolicy says what happens to a registration after the deadline.
type LatePolicy string

// Late policies.
const (
	LateWaitlist LatePolicy = "waitlist" // put on the waiting list
	LateRefuse   LatePolicy = "refuse"   // answer with a polite no
	LateReview   LatePolicy = "review"   // leave it to a human
)

var latePolicies = []string{string(LateWaitlist), string(LateRefuse), string(LateReview)}

// UnmarshalYAML accepts one of the policies, ignoring case.
func (p *LatePolicy) UnmarshalYAML(n *yaml.Node) error {
	s, err := enum(n, latePolicies, "a late policy")
	if err != nil {
		return err
	}
	*p = LatePolicy(s)
	return nil
}

func enum(n *yaml.Node, allowed []string, what string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", &valueError{msg: "expected one word, got " + describe(n), hint: "use one of " + strings.Join(allowed, ", ")}
	}
	s := strings.ToLower(strings.TrimSpace(n.Value))
	for _, a := range allowed {
		if s == a {
			return s, nil
		}
	}
	msg := fmt.Sprintf("%s is not %s", quote(n.Value), what)
	if sug := suggest(s, allowed); sug != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", sug)
	}
	return "", &valueError{msg: msg, hint: "use one of " + strings.Join(allowed, ", ")}
}

// ClockTime is a time of day, written "07:00" in the YAML.
type ClockTime struct {
	Hour, Minute int
}

// String formats t as HH:MM.
func (t ClockTime) String() string { return fmt.Sprintf("%02d:%02d", t.Hour, t.Minute) }

// Next returns the first instant after `after` at which the wall clock in
// after's location shows t. On a day where t does not exist (a DST gap) it
// returns the instant time.Date normalises to, so the digest is late rather
// than skipped.
func (t ClockTime) Next(after time.Time) time.Time {
	y, m, d := after.Date()
	next := time.Date(y, m, d, t.Hour, t.Minute, 0, 0, after.Location())
	for !next.After(after) {
		d++
		next = time.Date(y, m, d, t.Hour, t.Minute, 0, 0, after.Location())
	}
	return next
}

// UnmarshalYAML accepts H:MM or HH:MM on a 24-hour clock.
func (t *ClockTime) UnmarshalYAML(n *yaml.Node) error {
	bad := &valueError{
		msg:  quote(n.Value) + " is not a time of day",
		hint: `write it as HH:MM on a 24-hour clock, like "07:00"`,
	}
	if n.Kind != yaml.ScalarNode {
		bad.msg = "expected a time of day, got " + describe(n)
		return bad
	}
	hs, ms, ok := strings.Cut(strings.TrimSpace(n.Value), ":")
	if !ok || len(hs) < 1 || len(hs) > 2 || len(ms) != 2 {
		return bad
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 || hs[0] == '+' || ms[0] == '+' {
		return bad
	}
	*t = ClockTime{Hour: h, Minute: m}
	return nil
}

// Location is where an event takes place.
type Location struct {
	Name       string `yaml:"name"`
	Room       string `yaml:"room"`
	Street     string `yaml:"street"`
	PostalCode string `yaml:"postal_code"`
	City       string `yaml:"city"`
}

// String gives the location as one German line, e.g. "IHK Berlin, Ludwig
// Erhard Haus, Seminarraum 4 A 02, Fasanenstraße 85, 10623 Berlin", leaving
// out empty parts.
func (l Location) String() string {
	var parts []string
	for _, s := range []string{l.Name, l.Room, l.Street, strings.TrimSpace(l.PostalCode + " " + l.City)} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// localTime is an event time as written in the YAML. It cannot become a
// time.Time while decoding, because the time zone is a sibling key that may
// come later in the file.
type localTime struct {
	set      bool
	dateOnly bool
	zoned    bool      // written with an offset: t is an instant
	t        time.Time // without offset: the wall clock, in UTC
}

var (
	dateLayouts  = []string{"2006-01-02"}
	wallLayouts  = []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05"}
	zonedLayouts = []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04Z07:00"}
)

func (lt *localTime) UnmarshalYAML(n *yaml.Node) error {
	s := strings.TrimSpace(n.Value)
	what := "a date and time"
	if len(s) <= len("2006-01-02") {
		what = "a date"
	}
	bad := &valueError{
		msg:  fmt.Sprintf("%s is not %s", quote(n.Value), what),
		hint: "write it as 2024-04-12 or 2024-04-12T18:00 in local time, or with an offset like 2024-04-12T18:00:00+02:00",
	}
	if n.Kind != yaml.ScalarNode {
		bad.msg = "expected a date, got " + describe(n)
		return bad
	}
	try := func(layouts []string) (time.Time, bool) {
		for _, l := range layouts {
			if t, err := time.Parse(l, s); err == nil {
				return t, true
			}
		}
		return time.Time{}, false
	}
	if t, ok := try(dateLayouts); ok {
		*lt = localTime{set: true, dateOnly: true, t: t}
	} else if t, ok := try(wallLayouts); ok {
		*lt = localTime{set: true, t: t}
	} else if t, ok := try(zonedLayouts); ok {
		*lt = localTime{set: true, zoned: true, t: t}
	} else {
		return bad
	}
	return nil
}

// in resolves lt in loc. A bare date means the first instant of that day, or
// with endOfDay the last one, so a deadline of 2024-04-12 still accepts mail
// at 23:59 that evening.
func (lt localTime) in(loc *time.Location, endOfDay bool) time.Time {
	if !lt.set {
		return time.Time{}
	}
	if lt.zoned {
		return lt.t.In(loc)
	}
	y, m, d := lt.t.Date()
	if lt.dateOnly {
		if endOfDay {
			return time.Date(y, m, d+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
		}
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	return time.Date(y, m, d, lt.t.Hour(), lt.t.Minute(), lt.t.Second(), lt.t.Nanosecond(), loc)
}
