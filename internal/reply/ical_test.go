package reply

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

func calendarOf(t *testing.T, k Kind, edit func(*Data)) (*Message, *ical.Calendar) {
	t.Helper()
	d := sample(t, k)
	if edit != nil {
		edit(&d)
	}
	m, err := mustRenderer(t).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if m.Calendar == nil {
		t.Fatalf("%s: no calendar", k)
	}
	cal, err := parseCalendar(m.Calendar)
	if err != nil {
		t.Fatalf("%s: calendar does not parse back: %v\n%s", k, err, m.Calendar)
	}
	return m, cal
}

func onlyEvent(t *testing.T, cal *ical.Calendar) ical.Event {
	t.Helper()
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("want one VEVENT, got %d", len(evs))
	}
	return evs[0]
}

func propText(t *testing.T, c *ical.Component, name string) string {
	t.Helper()
	p := c.Props.Get(name)
	if p == nil {
		t.Fatalf("%s: no %s", c.Name, name)
	}
	return p.Value
}

func TestCalendarRequest(t *testing.T) {
	for _, k := range []Kind{KindConfirmation, KindAttendee, KindAlready, KindPromoted} {
		t.Run(string(k), func(t *testing.T) {
			d := sample(t, k)
			m, cal := calendarOf(t, k, nil)
			if m.CalendarMethod != "REQUEST" {
				t.Errorf("method %q", m.CalendarMethod)
			}
			for name, want := range map[string]string{
				ical.PropProductID: "-//Heinlein Support//regbot//DE",
				ical.PropVersion:   "2.0",
				ical.PropMethod:    "REQUEST",
			} {
				if got := propText(t, cal.Component, name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			ev := onlyEvent(t, cal)
			start, err := ev.DateTimeStart(nil)
			if err != nil {
				t.Fatal(err)
			}
			wantStart := time.Date(2024, 4, 18, 13, 0, 0, 0, berlin)
			if !start.Equal(wantStart) || start.Location().String() != "Europe/Berlin" {
				t.Errorf("DTSTART = %v (%s), want %v Europe/Berlin", start, start.Location(), wantStart)
			}
			if p := ev.Props.Get(ical.PropDateTimeStart); p.Params.Get(ical.ParamTimezoneID) != "Europe/Berlin" || p.Value != "20240418T130000" {
				t.Errorf("DTSTART line: %+v", p)
			}
			end, err := ev.DateTimeEnd(nil)
			if err != nil || !end.Equal(time.Date(2024, 4, 18, 17, 30, 0, 0, berlin)) {
				t.Errorf("DTEND = %v, %v", end, err)
			}
			if got := propText(t, ev.Component, ical.PropDateTimeStamp); got != "20240403T081500Z" {
				t.Errorf("DTSTAMP = %q, want the injected Date in UTC", got)
			}
			if got := propText(t, ev.Component, ical.PropUID); got != d.ICSUID {
				t.Errorf("UID = %q, want %q", got, d.ICSUID)
			}
			if got, _ := ev.Props.Get(ical.PropSequence).Int(); got != d.ICSSequence {
				t.Errorf("SEQUENCE = %d, want %d", got, d.ICSSequence)
			}
			if s, _ := ev.Status(); s != ical.EventConfirmed {
				t.Errorf("STATUS = %q", s)
			}
			if sum, _ := ev.Props.Text(ical.PropSummary); sum != "Runder Tisch „Open Source in Berlin“" {
				t.Errorf("SUMMARY = %q", sum)
			}
			if loc, _ := ev.Props.Text(ical.PropLocation); loc != "IHK Berlin, Ludwig Erhard Haus, Fasanenstraße 85, 10623 Berlin, Seminarraum 4 A 02" {
				t.Errorf("LOCATION = %q", loc)
			}
			org := ev.Props.Get(ical.PropOrganizer)
			if org.Value != "mailto:mail@heinlein-support.de" || org.Params.Get(ical.ParamCommonName) != "Heinlein Support" {
				t.Errorf("ORGANIZER = %+v", org)
			}
			att := ev.Props.Get(ical.PropAttendee)
			if att.Value != "mailto:"+d.To.Email || att.Params.Get(ical.ParamRole) != "REQ-PARTICIPANT" ||
				att.Params.Get(ical.ParamParticipationStatus) != "ACCEPTED" || att.Params.Get(ical.ParamCommonName) != displayName(d.To.Name) {
				t.Errorf("ATTENDEE = %+v", att)
			}
			if len(ev.Children) != 1 || ev.Children[0].Name != ical.CompAlarm {
				t.Fatalf("want one VALARM, got %v", ev.Children)
			}
			alarm := ev.Children[0]
			if propText(t, alarm, ical.PropAction) != "DISPLAY" || propText(t, alarm, ical.PropTrigger) != "-P1D" {
				t.Errorf("VALARM: %+v", alarm.Props)
			}
			if dur, err := alarm.Props.Get(ical.PropTrigger).Duration(); err != nil || dur != -24*time.Hour {
				t.Errorf("TRIGGER = %v, %v", dur, err)
			}
			if desc, _ := alarm.Props.Text(ical.PropDescription); desc == "" {
				t.Error("VALARM without DESCRIPTION")
			}
			checkLines(t, m.Calendar)
		})
	}
}

func TestCalendarCancel(t *testing.T) {
	// The registration's entry as the attendee has it: already sent with
	// SEQUENCE 1. The cancellation must replace exactly that entry.
	req, reqCal := calendarOf(t, KindAlready, func(d *Data) { d.To = sampleOztuerk; d.ICSSequence = 1 })
	_ = req
	m, cal := calendarOf(t, KindCancelled, func(d *Data) { d.ICSSequence = 1 })
	if m.CalendarMethod != "CANCEL" || propText(t, cal.Component, ical.PropMethod) != "CANCEL" {
		t.Errorf("method %q / %q", m.CalendarMethod, propText(t, cal.Component, ical.PropMethod))
	}
	reqEv, ev := onlyEvent(t, reqCal), onlyEvent(t, cal)
	if propText(t, ev.Component, ical.PropUID) != propText(t, reqEv.Component, ical.PropUID) {
		t.Error("the cancellation has another UID than the entry it cancels")
	}
	rs, _ := reqEv.Props.Get(ical.PropSequence).Int()
	cs, _ := ev.Props.Get(ical.PropSequence).Int()
	if cs != rs+1 {
		t.Errorf("SEQUENCE %d after %d, want %d", cs, rs, rs+1)
	}
	if s, _ := ev.Status(); s != ical.EventCancelled {
		t.Errorf("STATUS = %q, want CANCELLED", s)
	}
	start, _ := ev.DateTimeStart(nil)
	if !start.Equal(time.Date(2024, 4, 18, 13, 0, 0, 0, berlin)) {
		t.Errorf("DTSTART = %v", start)
	}
	if !bytes.Contains(m.Calendar, []byte("\r\nMETHOD:CANCEL\r\n")) || !bytes.Contains(m.Calendar, []byte("\r\nSTATUS:CANCELLED\r\n")) {
		t.Error("raw calendar lacks METHOD:CANCEL or STATUS:CANCELLED")
	}
	checkLines(t, m.Calendar)
}

// checkLines: every line ends in CRLF and has at most 75 octets.
func checkLines(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Error("calendar does not end in CRLF")
	}
	for i, l := range bytes.Split(bytes.TrimSuffix(b, []byte("\r\n")), []byte("\r\n")) {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d contains a bare CR or LF: %q", i+1, l)
		}
	}
}

func TestVTimezoneBerlin(t *testing.T) {
	_, cal := calendarOf(t, KindConfirmation, nil)
	var tz *ical.Component
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			tz = c
		}
	}
	if tz == nil {
		t.Fatal("no VTIMEZONE")
	}
	if propText(t, tz, ical.PropTimezoneID) != "Europe/Berlin" {
		t.Errorf("TZID %q", propText(t, tz, ical.PropTimezoneID))
	}
	want := map[string][5]string{
		ical.CompTimezoneDaylight: {"19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "+0100", "+0200", "CEST"},
		ical.CompTimezoneStandard: {"19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "+0200", "+0100", "CET"},
	}
	if len(tz.Children) != 2 {
		t.Fatalf("want DAYLIGHT and STANDARD, got %d observances", len(tz.Children))
	}
	for _, o := range tz.Children {
		w, ok := want[o.Name]
		if !ok {
			t.Fatalf("unexpected %s", o.Name)
		}
		got := [5]string{
			propText(t, o, ical.PropDateTimeStart), propText(t, o, ical.PropRecurrenceRule),
			propText(t, o, ical.PropTimezoneOffsetFrom), propText(t, o, ical.PropTimezoneOffsetTo),
			propText(t, o, ical.PropTimezoneName),
		}
		if got != w {
			t.Errorf("%s = %v, want %v", o.Name, got, w)
		}
	}
}

func TestVTimezoneOtherZones(t *testing.T) {
	for _, tc := range []struct {
		zone string
		want []string // observance summaries: NAME DTSTART RRULE FROM TO
	}{
		{"America/New_York", []string{
			"DAYLIGHT 19700308T020000 FREQ=YEARLY;BYMONTH=3;BYDAY=2SU -0500 -0400",
			"STANDARD 19701101T020000 FREQ=YEARLY;BYMONTH=11;BYDAY=1SU -0400 -0500",
		}},
		{"Australia/Sydney", []string{
			"STANDARD 19700405T030000 FREQ=YEARLY;BYMONTH=4;BYDAY=1SU +1100 +1000",
			"DAYLIGHT 19701004T020000 FREQ=YEARLY;BYMONTH=10;BYDAY=1SU +1000 +1100",
		}},
		{"Asia/Tokyo", []string{"STANDARD 19700101T000000  +0900 +0900"}},
	} {
		t.Run(tc.zone, func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Skip(err)
			}
			tz, err := timezoneComponent(loc, time.Date(2024, 4, 18, 13, 0, 0, 0, loc))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, o := range tz.Children {
				rr := ""
				if p := o.Props.Get(ical.PropRecurrenceRule); p != nil {
					rr = p.Value
				}
				got = append(got, strings.Join([]string{o.Name, propText(t, o, ical.PropDateTimeStart), rr,
					propText(t, o, ical.PropTimezoneOffsetFrom), propText(t, o, ical.PropTimezoneOffsetTo)}, " "))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestUTCHasNoVTimezone(t *testing.T) {
	m, cal := calendarOf(t, KindConfirmation, func(d *Data) { d.Location = time.UTC })
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			t.Error("VTIMEZONE for UTC")
		}
	}
	if !bytes.Contains(m.Calendar, []byte("DTSTART:20240418T110000Z")) {
		t.Errorf("DTSTART not in UTC:\n%s", m.Calendar)
	}
}

func TestFoldLines(t *testing.T) {
	long := "DESCRIPTION:" + strings.Repeat("Grüße aus Köln – „Öffentliche Verwaltung“ ", 10)
	in := []byte("BEGIN:VCALENDAR\r\n" + long + "\r\nEND:VCALENDAR\r\n")
	out := foldLines(in)
	checkLines(t, out)
	// Unfolding restores the line octet for octet.
	unfolded := strings.ReplaceAll(string(out), "\r\n ", "")
	if unfolded != string(in) {
		t.Errorf("unfolding does not restore the input:\n%q\n%q", unfolded, in)
	}
	for _, l := range strings.Split(string(out), "\r\n") {
		if !utf8Valid(l) {
			t.Errorf("a fold split a UTF-8 sequence: %q", l)
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\x00") == s }

func TestCalendarEscapesUntrustedText(t *testing.T) {
	m, cal := calendarOf(t, KindConfirmation, func(d *Data) {
		d.To.Name = "Eve \"Quote\"; ROLE=CHAIR\r\nATTENDEE:mailto:x"
		d.Attendees = nil
		d.Event.Description = "Zeile eins\nZeile zwei; mit, Zeichen\\"
	})
	ev := onlyEvent(t, cal)
	if n := len(ev.Props.Values(ical.PropAttendee)); n != 1 {
		t.Fatalf("%d ATTENDEE lines:\n%s", n, m.Calendar)
	}
	cn := ev.Props.Get(ical.PropAttendee).Params.Get(ical.ParamCommonName)
	if strings.ContainsAny(cn, "\r\n\"") || !strings.Contains(cn, "ROLE=CHAIR") {
		t.Errorf("CN = %q", cn)
	}
	if role := ev.Props.Get(ical.PropAttendee).Params.Get(ical.ParamRole); role != "REQ-PARTICIPANT" {
		t.Errorf("ROLE = %q", role)
	}
	desc, err := ev.Props.Text(ical.PropDescription)
	if err != nil || !strings.HasPrefix(desc, "Zeile eins\nZeile zwei; mit, Zeichen\\") {
		t.Errorf("DESCRIPTION = %q, %v", desc, err)
	}
	checkLines(t, m.Calendar)
}
