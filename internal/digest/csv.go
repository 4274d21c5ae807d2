package digest

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/heinlein/regbot/internal/store"
)

// csvHeader is the first row of a participant list.
var csvHeader = []string{"Name", "Organisation", "E-Mail", "Status", "Angemeldet am", "Angemeldet von"}

// bom makes Excel read the file as UTF-8 (without it, umlauts break).
const bom = "\uFEFF"

// FileName is the name of an event's participant list attached to the
// digest of day: "teilnehmende-runder-tisch-2024-04-03.csv".
func FileName(eventID, day string) string {
	return "teilnehmende-" + eventID + "-" + day + ".csv"
}

// statusOrder is the order of the groups in the list.
var statusOrder = map[store.Status]int{
	store.StatusConfirmed: 0, store.StatusWaitlist: 1, store.StatusLate: 2,
	store.StatusInterest: 3, store.StatusRefused: 4, store.StatusCancelled: 5,
}

// CSV is the participant list of one event as German Excel opens it by a
// double click: UTF-8 with byte order mark, semicolons, CRLF, the header
// Name;Organisation;E-Mail;Status;Angemeldet am;Angemeldet von, the status
// in German ("bestätigt", "Warteliste (Platz 2)", "nach Frist", "Infoliste",
// "abgelehnt", "abgesagt"), times as "02.01.2006 15:04" in loc (nil: UTC).
// regs are all registrations of the event (the waiting-list places are
// counted among them); registrars the people who registered others, by id
// (store.Reader.Registrars); "Angemeldet von" stays empty for people who
// registered themselves. The rows are grouped by status in the order above,
// the waiting list in its order, the others by the time of registration.
// A cell that a spreadsheet would take for a formula (starting with = + - @,
// a tab or a carriage return) gets a leading apostrophe.
func CSV(regs []store.Registration, registrars map[int64]store.Person, loc *time.Location) []byte {
	if loc == nil {
		loc = time.UTC
	}
	rows := slices.Clone(regs)
	slices.SortStableFunc(rows, func(a, b store.Registration) int {
		if c := cmp.Compare(order(a.Status), order(b.Status)); c != 0 {
			return c
		}
		if a.Status == store.StatusWaitlist {
			return byStatusAt(a, b)
		}
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	var buf bytes.Buffer
	buf.WriteString(bom)
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	w.Write(csvHeader) // a bytes.Buffer does not fail
	place := 0
	for _, g := range rows {
		status := statusText(g.Status)
		if g.Status == store.StatusWaitlist {
			place++
			status = fmt.Sprintf("Warteliste (Platz %d)", place)
		}
		by := ""
		if g.RegisteredBy != 0 && g.RegisteredBy != g.PersonID {
			if p, ok := registrars[g.RegisteredBy]; ok {
				by = personCell(p)
			}
		}
		w.Write([]string{
			cell(oneLine(g.Person.Name, 0)),
			cell(oneLine(g.Person.Organisation, 0)),
			cell(g.Person.Email),
			status,
			g.CreatedAt.In(loc).Format("02.01.2006 15:04"),
			cell(by),
		})
	}
	w.Flush()
	return buf.Bytes()
}

func order(s store.Status) int {
	if n, ok := statusOrder[s]; ok {
		return n
	}
	return len(statusOrder)
}

// statusText is a status in the German of the list.
func statusText(s store.Status) string {
	switch s {
	case store.StatusConfirmed:
		return "bestätigt"
	case store.StatusWaitlist:
		return "Warteliste"
	case store.StatusCancelled:
		return "abgesagt"
	case store.StatusInterest:
		return "Infoliste"
	case store.StatusLate:
		return "nach Frist"
	case store.StatusRefused:
		return "abgelehnt"
	}
	return string(s)
}

// personCell names a person in one cell: "Jörg Müller (joerg@example.org)".
func personCell(p store.Person) string {
	name := oneLine(p.Name, 0)
	switch {
	case name != "" && p.Email != "":
		return name + " (" + p.Email + ")"
	case name != "":
		return name
	}
	return p.Email
}

// cell defuses formula injection: a spreadsheet evaluates a cell that
// starts with = + - @ (and, in some, a tab or carriage return); an
// apostrophe in front makes it text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
