package digest_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/digest"
	"github.com/heinlein/regbot/internal/store"
)

func TestCSV(t *testing.T) {
	utc := func(d, h, m int) time.Time { return time.Date(2024, 4, d, h, m, 0, 0, time.UTC) }
	reg := func(id int64, name, org, email string, st store.Status, created, statusAt time.Time, by int64) store.Registration {
		return store.Registration{ID: id, Event: "runder-tisch", PersonID: id, Status: st, RegisteredBy: by,
			CreatedAt: created, StatusAt: statusAt, Person: store.Person{ID: id, Name: name, Organisation: org, Email: email}}
	}
	regs := []store.Registration{
		// Out of order on purpose: the list groups by status.
		reg(1, "Anna Schmidt", "Senatsverwaltung für Finanzen", "anna@example.org", store.StatusCancelled, utc(1, 8, 0), utc(2, 9, 0), 0),
		reg(2, "Jörg Müller", "IHK Berlin", "joerg@example.org", store.StatusConfirmed, utc(1, 9, 30), utc(1, 9, 30), 0),
		reg(3, "Ole Hansen", "=HYPERLINK(\"http://evil.example\";\"Klick\")", "ole@example.org", store.StatusWaitlist, utc(1, 10, 0), utc(2, 12, 0), 0),
		reg(4, "Käthe Groß", "ITDZ Berlin; Abteilung „Offene Software“", "kaethe@example.org", store.StatusWaitlist, utc(1, 11, 0), utc(1, 11, 0), 2),
		reg(5, "+49 30 1234", "-Minus", "@mention@example.org", store.StatusInterest, utc(1, 12, 0), utc(1, 12, 0), 0),
		reg(6, "Lena \"Lenny\" Vogt", "\tTab GmbH", "lena@example.org", store.StatusLate, utc(1, 13, 0), utc(1, 13, 0), 0),
		reg(7, "Paul Neumann", "", "", store.StatusRefused, utc(1, 14, 0), utc(1, 14, 0), 0),
	}
	registrars := map[int64]store.Person{2: {ID: 2, Name: "Jörg Müller", Email: "joerg@example.org"}}
	data := digest.CSV(regs, registrars, berlin)

	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 byte order mark: % x", data[:min(8, len(data))])
	}
	body := data[3:]
	if n, crlf := bytes.Count(body, []byte("\n")), bytes.Count(body, []byte("\r\n")); n != crlf || n != len(regs)+1 {
		t.Errorf("%d line ends, %d of them CRLF; want %d CRLF", n, crlf, len(regs)+1)
	}
	if !bytes.HasPrefix(body, []byte("Name;Organisation;E-Mail;Status;Angemeldet am;Angemeldet von\r\n")) {
		t.Errorf("header row: %q", bytes.SplitN(body, []byte("\n"), 2)[0])
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the list does not parse back: %v\n%s", err, body)
	}
	want := [][]string{
		{"Name", "Organisation", "E-Mail", "Status", "Angemeldet am", "Angemeldet von"},
		{"Jörg Müller", "IHK Berlin", "joerg@example.org", "bestätigt", "01.04.2024 11:30", ""},
		{"Käthe Groß", "ITDZ Berlin; Abteilung „Offene Software“", "kaethe@example.org", "Warteliste (Platz 1)", "01.04.2024 13:00", "Jörg Müller (joerg@example.org)"},
		{"Ole Hansen", "'=HYPERLINK(\"http://evil.example\";\"Klick\")", "ole@example.org", "Warteliste (Platz 2)", "01.04.2024 12:00", ""},
		{"Lena \"Lenny\" Vogt", "Tab GmbH", "lena@example.org", "nach Frist", "01.04.2024 15:00", ""},
		{"'+49 30 1234", "'-Minus", "'@mention@example.org", "Infoliste", "01.04.2024 14:00", ""},
		{"Paul Neumann", "", "", "abgelehnt", "01.04.2024 16:00", ""},
		{"Anna Schmidt", "Senatsverwaltung für Finanzen", "anna@example.org", "abgesagt", "01.04.2024 10:00", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(rows), len(want), body)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i, rows[i], want[i])
		}
	}
}

func TestCSVInjection(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'=1"}, // blanks around a name are dropped first
		{" =1", "'=1"},
		{"Anna = Bob", "Anna = Bob"},
		{"Müller-Lüdenscheidt", "Müller-Lüdenscheidt"},
		{"", ""},
	} {
		regs := []store.Registration{{ID: 1, PersonID: 1, Status: store.StatusConfirmed, Person: store.Person{Organisation: tc.in}}}
		r := csv.NewReader(bytes.NewReader(digest.CSV(regs, nil, nil)[3:]))
		r.Comma = ';'
		rows, err := r.ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("%q: %v %q", tc.in, err, rows)
		}
		if got := rows[1][1]; got != tc.want {
			t.Errorf("cell %q written as %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFileName(t *testing.T) {
	if got := digest.FileName("runder-tisch", "2024-04-03"); got != "teilnehmende-runder-tisch-2024-04-03.csv" {
		t.Errorf("FileName = %q", got)
	}
}
