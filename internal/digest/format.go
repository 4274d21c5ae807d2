package digest

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var (
	weekdays = [...]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}
	months   = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
		"September", "Oktober", "November", "Dezember"}
)

// longDate: "Mittwoch, 3. April 2024".
func longDate(t time.Time) string {
	return fmt.Sprintf("%s, %d. %s %d", weekdays[t.Weekday()], t.Day(), months[t.Month()-1], t.Year())
}

// dateTime: "03.04.2024, 07:00 Uhr".
func dateTime(t time.Time) string { return t.Format("02.01.2006, 15:04") + " Uhr" }

// shortStamp: "02.04. 09:12", for lists within the last days.
func shortStamp(t time.Time) string { return t.Format("02.01. 15:04") }

// plural: "1 neue Anmeldung", "3 neue Anmeldungen", "0 neue Anmeldungen".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// waitingFor says how long something has waited: "seit 40 Minuten",
// "seit einer Stunde", "seit 5 Stunden", "seit einem Tag", "seit 2 Tagen".
func waitingFor(d time.Duration) string {
	switch {
	case d < 2*time.Minute:
		return "seit einer Minute"
	case d < time.Hour:
		return fmt.Sprintf("seit %d Minuten", int(d/time.Minute))
	case d < 2*time.Hour:
		return "seit einer Stunde"
	case d < 24*time.Hour:
		return fmt.Sprintf("seit %d Stunden", int(d/time.Hour))
	case d < 48*time.Hour:
		return "seit einem Tag"
	}
	return fmt.Sprintf("seit %d Tagen", int(d/(24*time.Hour)))
}

// inDays says when something is, counted in calendar days: "heute",
// "morgen", "in 9 Tagen", "gestern", "vor 3 Tagen".
func inDays(n int) string {
	switch {
	case n == 0:
		return "heute"
	case n == 1:
		return "morgen"
	case n == -1:
		return "gestern"
	case n < 0:
		return fmt.Sprintf("vor %d Tagen", -n)
	}
	return fmt.Sprintf("in %d Tagen", n)
}

// oneLine makes any text one clean line: control and format characters and
// line breaks become spaces, runs of blanks one space, invalid UTF-8 is
// replaced; max > 0 caps the length in runes with "…".
func oneLine(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	out := b.String()
	if max > 0 && utf8.RuneCountInString(out) > max {
		out = strings.TrimRight(string([]rune(out)[:max-1]), " ") + "…"
	}
	return out
}

// pad fills s with blanks to width runes (for the aligned columns of the
// text digest).
func pad(width int, s string) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}
