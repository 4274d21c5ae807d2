package reply

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
)

// prodID is the PRODID of every calendar regbot writes.
const prodID = "-//Heinlein Support//regbot//DE"

// buildCalendar writes the iTIP object (RFC 5545/5546) of a registration:
//
//	VCALENDAR  PRODID, VERSION:2.0, CALSCALE:GREGORIAN, METHOD:REQUEST|CANCEL
//	├── VTIMEZONE  the event's zone, derived from its time.Location
//	└── VEVENT     UID, SEQUENCE, DTSTAMP (UTC, = Data.Date), DTSTART/DTEND with
//	    │          TZID, SUMMARY, LOCATION, DESCRIPTION, ORGANIZER, ATTENDEE,
//	    │          STATUS (CONFIRMED, or CANCELLED with METHOD:CANCEL)
//	    └── VALARM ACTION:DISPLAY, TRIGGER:-P1D (REQUEST only)
//
// A cancellation keeps the UID and raises SEQUENCE by one, so that calendar
// programs replace the entry they have and remove it. Lines are folded at 75
// octets (never inside a UTF-8 sequence) and end in CRLF.
func buildCalendar(d Data, method string) ([]byte, error) {
	e, loc := d.Event, d.Location
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, prodID)
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText(ical.PropMethod, method)

	if loc != time.UTC {
		tz, err := timezoneComponent(loc, e.Start)
		if err != nil {
			return nil, err
		}
		cal.Children = append(cal.Children, tz)
	}

	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, d.ICSUID)
	seq := d.ICSSequence
	if method == "CANCEL" {
		seq++
	}
	setRaw(ev.Component, ical.PropSequence, strconv.Itoa(seq))
	ev.Props.SetDateTime(ical.PropDateTimeStamp, d.Date.UTC())
	ev.Props.SetDateTime(ical.PropDateTimeStart, e.Start.In(loc))
	end := e.End
	if end.IsZero() {
		end = e.Start.Add(time.Hour)
	}
	ev.Props.SetDateTime(ical.PropDateTimeEnd, end.In(loc))
	title := cleanHeaderText(e.Title, 300)
	ev.Props.SetText(ical.PropSummary, title)
	if where := calendarLocation(e); where != "" {
		ev.Props.SetText(ical.PropLocation, where)
	}

	org := e.Organizer
	if org.Email == "" {
		org = d.From
	}
	if err := checkAddress(org.Email); err != nil {
		return nil, fmt.Errorf("organizer: %w", err)
	}
	op := ical.NewProp(ical.PropOrganizer)
	if cn := paramText(org.Name); cn != "" {
		op.Params.Set(ical.ParamCommonName, cn)
	}
	op.Value = "mailto:" + strings.TrimSpace(org.Email)
	ev.Props.Set(op)

	ap := ical.NewProp(ical.PropAttendee)
	if cn := paramText(displayName(d.To.Name)); cn != "" {
		ap.Params.Set(ical.ParamCommonName, cn)
	}
	ap.Params.Set(ical.ParamRole, "REQ-PARTICIPANT")
	// RSVP=FALSE: the organiser does not ask for an iMIP answer; Outlook
	// and others then do not offer to send "Zugesagt" mails to the mailbox.
	ap.Params.Set(ical.ParamRSVP, "FALSE")
	if method == "CANCEL" {
		ap.Params.Set(ical.ParamParticipationStatus, "DECLINED")
	} else {
		ap.Params.Set(ical.ParamParticipationStatus, "ACCEPTED")
	}
	ap.Value = "mailto:" + strings.TrimSpace(d.To.Email)
	ev.Props.Set(ap)

	desc := strings.TrimSpace(e.Description)
	if method == "CANCEL" {
		ev.SetStatus(ical.EventCancelled)
		desc = joinParagraphs("Sie haben sich von dieser Veranstaltung abgemeldet; der Termin entfällt für Sie.", desc)
	} else {
		ev.SetStatus(ical.EventConfirmed)
		desc = joinParagraphs(desc, "Falls Sie nicht teilnehmen können, antworten Sie bitte kurz auf unsere Bestätigung oder schreiben Sie an "+strings.TrimSpace(d.From.Email)+".")
		alarm := ical.NewComponent(ical.CompAlarm)
		alarm.Props.SetText(ical.PropAction, "DISPLAY")
		setRaw(alarm, ical.PropTrigger, "-P1D")
		alarm.Props.SetText(ical.PropDescription, "Morgen: "+title+", "+clock(e.Start.In(loc))+" Uhr")
		ev.Children = append(ev.Children, alarm)
	}
	if desc != "" {
		ev.Props.SetText(ical.PropDescription, desc)
	}
	cal.Children = append(cal.Children, ev.Component)

	var buf bytes.Buffer
	buf.Grow(4096)
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return nil, err
	}
	return foldLines(buf.Bytes()), nil
}

func setRaw(c *ical.Component, name, value string) {
	p := ical.NewProp(name)
	p.Value = value
	c.Props.Set(p)
}

func joinParagraphs(ps ...string) string {
	var out []string
	for _, p := range ps {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// calendarLocation: the location line with the room appended, the form
// calendar and map programs read best ("…, 10623 Berlin, Seminarraum 4 A 02").
func calendarLocation(e *Event) string {
	where := cleanHeaderText(e.Location, 300)
	room := cleanHeaderText(e.Room, 200)
	if room != "" && !strings.Contains(where, room) {
		if where != "" {
			where += ", "
		}
		where += room
	}
	return where
}

// paramText makes a parameter value (CN) safe: one line, no double quotes
// (RFC 5545 §3.1 has no escape for them).
func paramText(s string) string {
	s = cleanHeaderText(s, 100)
	return strings.TrimSpace(strings.NewReplacer(`"`, "'", "“", "'", "”", "'", "„", "'").Replace(s))
}

// foldLines folds content lines longer than 75 octets (RFC 5545 §3.1): the
// continuation starts with one space, which counts towards its 75 octets, and
// no UTF-8 sequence is split.
func foldLines(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b) + len(b)/32 + 16)
	for _, line := range strings.SplitAfter(string(b), "\r\n") {
		if line == "" {
			continue
		}
		content := strings.TrimSuffix(line, "\r\n")
		limit := 75
		for len(content) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(content[cut]) {
				cut--
			}
			out.WriteString(content[:cut])
			out.WriteString("\r\n ")
			content = content[cut:]
			limit = 74
		}
		out.WriteString(content)
		out.WriteString("\r\n")
	}
	return out.Bytes()
}

func parseCalendar(b []byte) (*ical.Calendar, error) {
	return ical.NewDecoder(bytes.NewReader(b)).Decode()
}

// ---- VTIMEZONE ----

// transition is a change of UTC offset.
type transition struct {
	at         time.Time // the instant
	wall       time.Time // local wall clock just before, in the old offset (the observance's DTSTART)
	from, to   int       // offsets in seconds
	name       string    // abbreviation after the change (CET, CEST)
	isDaylight bool
}

// transitions lists the offset changes of loc in year y.
func transitions(loc *time.Location, y int) []transition {
	var out []transition
	t := time.Date(y, 1, 1, 0, 0, 0, 0, loc)
	for i := 0; i < 10; i++ {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.Year() > y {
			break
		}
		_, from := end.Add(-time.Second).Zone()
		name, to := end.Zone()
		out = append(out, transition{
			at:         end,
			wall:       end.In(time.FixedZone("", from)),
			from:       from,
			to:         to,
			name:       name,
			isDaylight: end.IsDST(),
		})
		t = end
	}
	return out
}

var icalDays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// rule describes a transition as a yearly RRULE: "the last Sunday of March
// at 02:00" is BYMONTH=3;BYDAY=-1SU.
func (tr transition) rule() string {
	w := tr.wall
	days := time.Date(w.Year(), w.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	nth := strconv.Itoa((w.Day()-1)/7 + 1)
	if w.Day()+7 > days {
		nth = "-1"
	}
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s%s", int(w.Month()), nth, icalDays[w.Weekday()])
}

func (tr transition) key() string {
	return fmt.Sprintf("%s %s %d %d %s", tr.rule(), tr.wall.Format("150405"), tr.from, tr.to, tr.name)
}

// firstIn1970 is the first day in 1970 that matches the rule, at the
// transition's wall-clock time: the conventional DTSTART of a recurring
// observance (what Apple, Google and Thunderbird write for Europe/Berlin).
func (tr transition) firstIn1970() time.Time {
	w := tr.wall
	for d := 1; d <= 31; d++ {
		c := time.Date(1970, w.Month(), d, w.Hour(), w.Minute(), w.Second(), 0, time.UTC)
		if c.Month() != w.Month() {
			break
		}
		if (transition{wall: c}).rule() == tr.rule() {
			return c
		}
	}
	return w
}

// timezoneComponent builds the VTIMEZONE of loc from the zone's own rules
// (time.Location), for the year of the event. go-ical has no generator, so
// the component is assembled from its types. When the year before and the year
// after follow the same rule, each observance is written once with a yearly
// RRULE (for Europe/Berlin: DAYLIGHT from the last Sunday of March 02:00,
// STANDARD from the last Sunday of October 03:00); otherwise the observances
// of the event's year and the year before are written as single onsets. A zone
// without changes gets one STANDARD observance.
func timezoneComponent(loc *time.Location, at time.Time) (*ical.Component, error) {
	key := tzKey{loc, at.In(loc).Year()}
	if c, ok := timezones.Load(key); ok {
		return c.(*ical.Component), nil
	}
	c, err := buildTimezone(loc, at)
	if err == nil {
		timezones.Store(key, c)
	}
	return c, err
}

// timezones caches VTIMEZONE components: working out a zone's transitions
// costs more than the rest of a calendar, and every confirmation of an
// event needs the same one. The components are only read once built.
var timezones sync.Map // tzKey → *ical.Component

type tzKey struct {
	loc  *time.Location
	year int
}

func buildTimezone(loc *time.Location, at time.Time) (*ical.Component, error) {
	tzid := loc.String()
	if tzid == "" || tzid == "Local" {
		return nil, fmt.Errorf("time zone has no IANA name")
	}
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, tzid)

	y := at.In(loc).Year()
	cur := transitions(loc, y)
	if len(cur) == 0 {
		name, off := at.In(loc).Zone()
		obs := ical.NewComponent(ical.CompTimezoneStandard)
		setRaw(obs, ical.PropDateTimeStart, "19700101T000000")
		setRaw(obs, ical.PropTimezoneOffsetFrom, utcOffset(off))
		setRaw(obs, ical.PropTimezoneOffsetTo, utcOffset(off))
		if name != "" {
			obs.Props.SetText(ical.PropTimezoneName, name)
		}
		tz.Children = append(tz.Children, obs)
		return tz, nil
	}

	recurring := true
	for _, other := range [][]transition{transitions(loc, y-1), transitions(loc, y+1)} {
		if len(other) != len(cur) {
			recurring = false
			break
		}
		for i := range cur {
			if other[i].key() != cur[i].key() {
				recurring = false
			}
		}
	}
	list := cur
	if !recurring {
		list = append(transitions(loc, y-1), cur...)
	}
	for _, tr := range list {
		name := ical.CompTimezoneStandard
		if tr.isDaylight {
			name = ical.CompTimezoneDaylight
		}
		obs := ical.NewComponent(name)
		setRaw(obs, ical.PropTimezoneOffsetFrom, utcOffset(tr.from))
		setRaw(obs, ical.PropTimezoneOffsetTo, utcOffset(tr.to))
		if tr.name != "" {
			obs.Props.SetText(ical.PropTimezoneName, tr.name)
		}
		if recurring {
			setRaw(obs, ical.PropDateTimeStart, tr.firstIn1970().Format("20060102T150405"))
			setRaw(obs, ical.PropRecurrenceRule, tr.rule())
		} else {
			setRaw(obs, ical.PropDateTimeStart, tr.wall.Format("20060102T150405"))
		}
		tz.Children = append(tz.Children, obs)
	}
	return tz, nil
}

// utcOffset: +0100, -0330, +054500.
func utcOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
