package reply

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestCheckEmbedded(t *testing.T) {
	if err := mustRenderer(t).Check(); err != nil {
		t.Fatal(err)
	}
}

func TestEveryKindHasSampleAndTemplates(t *testing.T) {
	samples := SampleData()
	if len(samples) != len(Kinds) {
		t.Fatalf("%d samples for %d kinds", len(samples), len(Kinds))
	}
	r := mustRenderer(t)
	for i, k := range Kinds {
		if samples[i].Kind != k {
			t.Errorf("sample %d is %s, want %s", i, samples[i].Kind, k)
		}
		if r.text[k] == nil || r.html[k] == nil {
			t.Errorf("%s: templates missing", k)
		}
	}
}

func render(t *testing.T, d Data) *Message {
	t.Helper()
	m, err := mustRenderer(t).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestWaitlistSaysPlainlyItIsNoConfirmation(t *testing.T) {
	m := render(t, sample(t, KindWaitlist))
	for _, w := range []string{"Platz 3", "keine Bestätigung", "Warteliste"} {
		if !strings.Contains(m.Text, w) {
			t.Errorf("text lacks %q", w)
		}
		if !strings.Contains(htmlText(m.HTML), w) {
			t.Errorf("HTML lacks %q", w)
		}
	}
	if m.Calendar != nil {
		t.Error("a waiting-list mail must not carry a calendar entry")
	}
	if strings.Contains(m.Text, "bestätigen wir") {
		t.Error("waiting-list text sounds like a confirmation")
	}
}

func TestKindsWithoutCalendar(t *testing.T) {
	for _, d := range SampleData() {
		m := render(t, d)
		want := false
		switch d.Kind {
		case KindConfirmation, KindAttendee, KindAlready, KindPromoted, KindCancelled:
			want = true
		}
		if (m.Calendar != nil) != want {
			t.Errorf("%s: calendar attached = %v, want %v", d.Kind, m.Calendar != nil, want)
		}
		mentions := strings.Contains(m.Text, "einladung.ics") || strings.Contains(m.Text, "Absage des Termins")
		if mentions != want {
			t.Errorf("%s: text mentions the calendar = %v, calendar = %v", d.Kind, mentions, want)
		}
	}
	// Without a UID there is nothing to attach, and the text must not promise it.
	d := sample(t, KindConfirmation)
	d.ICSUID = ""
	m := render(t, d)
	if m.Calendar != nil || strings.Contains(m.Text, "einladung.ics") {
		t.Error("calendar promised or attached without ICSUID")
	}
}

func TestEveryMailCarriesTheEssentials(t *testing.T) {
	for _, d := range SampleData() {
		m := render(t, d)
		txt := m.Text
		if !strings.HasPrefix(txt, greeting(d.To)+"\n\n") {
			t.Errorf("%s: does not start with the greeting", d.Kind)
		}
		if !strings.Contains(txt, "\n-- \n") || !strings.Contains(txt, "Ihr Veranstaltungsteam der Heinlein Gruppe") {
			t.Errorf("%s: signature missing", d.Kind)
		}
		if d.Kind != KindDeleted && !strings.Contains(txt, "Datenschutz: ") {
			t.Errorf("%s: no data-protection line", d.Kind)
		}
		if d.Kind != KindDeleted && !strings.Contains(txt, "Antwort auf diese E-Mail") {
			t.Errorf("%s: does not say how to ask for deletion", d.Kind)
		}
		if d.Event != nil && d.Event.ID == "runder-tisch" {
			for _, w := range []string{"Runder Tisch „Open Source in Berlin“", "Donnerstag, 18. April 2024", "13:00 bis 17:30 Uhr", "Fasanenstraße 85, 10623 Berlin", "Seminarraum 4 A 02"} {
				if !strings.Contains(txt, w) {
					t.Errorf("%s: lacks %q", d.Kind, w)
				}
			}
		}
		for _, bad := range []string{"Sehr geehrte/r", "<no value>", "%!", "\n\n\n"} {
			if strings.Contains(txt, bad) {
				t.Errorf("%s: text contains %q", d.Kind, bad)
			}
		}
		for _, l := range strings.Split(txt, "\n") {
			if strings.Contains(eventLabel.ReplaceAllString(l, ""), "  ") {
				t.Errorf("%s: double blank in %q", d.Kind, l)
			}
		}
		if strings.Contains(m.HTML, "<no value>") || strings.Contains(m.HTML, "ZgotmplZ") {
			t.Errorf("%s: broken HTML value", d.Kind)
		}
	}
}

var (
	tagRE       = regexp.MustCompile(`<[^>]*>`)
	inlineTagRE = regexp.MustCompile(`</?(strong|em|b|a)( [^>]*)?>`)
	eventLabel  = regexp.MustCompile(`^(Veranstaltung|Termin|Datum|Ort|Raum):\s+`)
)

// htmlText: the visible text of the HTML body, blanks collapsed.
func htmlText(s string) string {
	s = inlineTagRE.ReplaceAllString(s, "")
	s = tagRE.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// TestHTMLSaysWhatTheTextSays: both alternatives must carry the same
// message; every prose paragraph of the text appears in the HTML.
func TestHTMLSaysWhatTheTextSays(t *testing.T) {
	all := SampleData()
	for _, d := range scenarios() {
		all = append(all, d)
	}
	for _, d := range all {
		m := render(t, d)
		h := htmlText(m.HTML)
		for _, l := range strings.Split(m.Text, "\n") {
			l = strings.TrimSpace(l)
			if l == "" || l == "--" {
				continue
			}
			l = eventLabel.ReplaceAllString(l, "")
			l = strings.TrimPrefix(l, "- ")
			if !strings.Contains(h, strings.Join(strings.Fields(l), " ")) {
				t.Errorf("%s: HTML lacks %q", d.Kind, l)
			}
		}
	}
}

func TestHTMLEscapes(t *testing.T) {
	d := sample(t, KindConfirmation)
	d.To.Name = `<script>alert("x")</script> Öztürk`
	d.Attendees = []Attendee{{Person: d.To, Status: StatusConfirmed}, {Person: Person{Name: "<b>Bold</b>", Email: "b@example.org"}, Status: StatusWaitlist, Position: 2}}
	m := render(t, d)
	if strings.Contains(m.HTML, "<script>") || strings.Contains(m.HTML, "<b>Bold") {
		t.Errorf("HTML not escaped:\n%s", m.HTML)
	}
}

func TestConfirmationForOthersOnly(t *testing.T) {
	// An assistant registers two colleagues and does not attend herself.
	d := sample(t, KindConfirmation)
	d.To = Person{Name: "Anna Schmidt", Email: "assistenz@verband.example.org"}
	d.Attendees = []Attendee{
		{Person: sampleOztuerk, Status: StatusConfirmed},
		{Person: sampleKoehler, Status: StatusLate},
	}
	m := render(t, d)
	for _, w := range []string{"Guten Tag Anna Schmidt,", "Der Stand für die Personen, die Sie angemeldet haben:",
		"- Dr. Ümmühan Öztürk (uemmuehan.oeztuerk@bezirksamt.example.de): Teilnahme bestätigt",
		"- Jürgen Köhler (juergen.koehler@example.com): nach Anmeldeschluss eingegangen, wird noch geprüft",
		"prüfen wir einzeln", "Falls jemand doch nicht teilnehmen kann"} {
		if !strings.Contains(m.Text, w) {
			t.Errorf("text lacks %q:\n%s", w, m.Text)
		}
	}
	if strings.Contains(m.Text, "Ihre Teilnahme") || m.Calendar != nil {
		t.Error("confirms the assistant's own attendance or attaches a calendar for her")
	}
}

func TestRenderErrors(t *testing.T) {
	r := mustRenderer(t)
	for name, edit := range map[string]func(*Data){
		"unknown kind":       func(d *Data) { d.Kind = "bogus" },
		"no event":           func(d *Data) { d.Event = nil },
		"no date":            func(d *Data) { d.Date = time.Time{} },
		"no team":            func(d *Data) { d.Team = " " },
		"no location":        func(d *Data) { d.Location = nil },
		"local zone":         func(d *Data) { d.Location = time.Local },
		"unknown status":     func(d *Data) { d.Attendees[1].Status = "maybe" },
		"bad attendee":       func(d *Data) { d.Attendees[1].Person.Email = "x\r\ny" },
		"bad uid":            func(d *Data) { d.ICSUID = "a b\r\nc" },
		"ends before starts": func(d *Data) { d.Event.End = d.Event.Start.Add(-time.Hour) },
		"bad sender":         func(d *Data) { d.From.Email = "mail" },
	} {
		d := sample(t, KindConfirmation)
		edit(&d)
		if _, err := r.Render(d); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestGreeting(t *testing.T) {
	for _, tc := range []struct {
		p    Person
		want string
	}{
		{Person{Name: "Anna Schmidt", Salutation: "Frau"}, "Sehr geehrte Frau Schmidt,"},
		{Person{Name: "Dr. Hans Weber", Salutation: "Herr"}, "Sehr geehrter Herr Dr. Weber,"},
		{Person{Name: "Dr. Ümmühan Öztürk", Salutation: "Frau"}, "Sehr geehrte Frau Dr. Öztürk,"},
		{Person{Name: "Jürgen Köhler", Salutation: "Herr"}, "Sehr geehrter Herr Köhler,"},
		{Person{Name: "Anna Schmidt"}, "Guten Tag Anna Schmidt,"},
		{Person{Name: "Jürgen Köhler"}, "Guten Tag Jürgen Köhler,"},
		{Person{}, "Guten Tag,"},
		{Person{Name: "anna@example.org", Salutation: "Frau"}, "Guten Tag,"},
		{Person{Name: "  \"Anna Schmidt\" ", Salutation: "frau"}, "Sehr geehrte Frau Schmidt,"},
		{Person{Name: "Frau Anna Schmidt"}, "Sehr geehrte Frau Schmidt,"},
		{Person{Name: "Herr Dr. Weber"}, "Sehr geehrter Herr Dr. Weber,"},
		{Person{Name: "Prof. Dr. med. Hans von der Heide", Salutation: "Herr"}, "Sehr geehrter Herr Prof. Dr. von der Heide,"},
		{Person{Name: "Dr.-Ing. Petra Müller-Lüdenscheidt", Salutation: "Frau"}, "Sehr geehrte Frau Dr. Müller-Lüdenscheidt,"},
		{Person{Name: "Dipl.-Ing. Klaus Bauer", Salutation: "Herr"}, "Sehr geehrter Herr Bauer,"},
		{Person{Name: "Weber, Hans", Salutation: "Herr"}, "Sehr geehrter Herr Weber,"},
		{Person{Name: "Weber, Hans"}, "Guten Tag Hans Weber,"},
		{Person{Name: "ANNA SCHMIDT", Salutation: "Frau"}, "Sehr geehrte Frau Schmidt,"},
		{Person{Name: "anna schmidt"}, "Guten Tag Anna Schmidt,"},
		{Person{Name: "Hans Weber MdA", Salutation: "Herr"}, "Sehr geehrter Herr Weber,"},
		{Person{Name: "Anna Schmidt (IHK Berlin)", Salutation: "Frau"}, "Sehr geehrte Frau Schmidt,"},
		{Person{Name: "Anna\r\nSchmidt", Salutation: "Frau"}, "Sehr geehrte Frau Schmidt,"},
		{Person{Name: "Schmidt", Salutation: "Frau"}, "Sehr geehrte Frau Schmidt,"},
		{Person{Name: "Ursula van der Berg", Salutation: "Frau"}, "Sehr geehrte Frau van der Berg,"},
		{Person{Name: "Anna Schmidt", Salutation: "Divers"}, "Guten Tag Anna Schmidt,"},
	} {
		if got := greeting(tc.p); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestGermanDates(t *testing.T) {
	ev := &Event{ID: "x", Title: "T", Start: time.Date(2024, 3, 31, 9, 5, 0, 0, berlin), End: time.Date(2024, 4, 1, 16, 0, 0, 0, berlin),
		Deadline: time.Date(2024, 3, 20, 12, 0, 0, 0, berlin)}
	v, err := newEventView(ev, berlin, sampleMailbox)
	if err != nil {
		t.Fatal(err)
	}
	if v.When != "Sonntag, 31. März 2024, 09:05 Uhr, bis Montag, 1. April 2024, 16:00 Uhr" || v.Time != "" {
		t.Errorf("When = %q, Time = %q", v.When, v.Time)
	}
	if v.Deadline != "Mittwoch, 20. März 2024, 12:00 Uhr" {
		t.Errorf("Deadline = %q", v.Deadline)
	}
	// An instant given in UTC is shown in Berlin time.
	ev.Start, ev.End = time.Date(2024, 4, 18, 11, 0, 0, 0, time.UTC), time.Time{}
	v, _ = newEventView(ev, berlin, sampleMailbox)
	if v.When != "Donnerstag, 18. April 2024, 13:00 Uhr" {
		t.Errorf("When = %q", v.When)
	}
}

func TestOverrideReplacesEmbedded(t *testing.T) {
	dir := t.TempDir()
	body := `{{define "subject"}}Eigener Betreff{{end}}{{template "greeting" .}}

Eigener Text für {{.Event.Title}}.

{{template "footer" .}}`
	if err := os.WriteFile(filepath.Join(dir, "confirmation.txt.tmpl"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "README.txt"), []byte("not a template"), 0o644) // ignored
	r, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := sample(t, KindConfirmation)
	d.OriginalSubject = ""
	m, err := r.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != "Eigener Betreff" || !strings.Contains(m.Text, "Eigener Text für Runder Tisch „Open Source in Berlin“.") {
		t.Errorf("override not used: %q\n%s", m.Subject, m.Text)
	}
	if !strings.Contains(m.HTML, "Gern bestätigen wir") {
		t.Error("the HTML should still be the embedded one")
	}
	if err := r.Check(); err != nil {
		t.Errorf("Check with a good override: %v", err)
	}
}

func TestOverrideErrorsNameTheFile(t *testing.T) {
	for name, tc := range map[string]struct{ file, body, want string }{
		"syntax":         {"waitlist.html.tmpl", `{{template "top" .}}<p>{{if .Position}</p>`, "waitlist.html.tmpl"},
		"no subject":     {"late.txt.tmpl", `{{template "greeting" .}}`, "late.txt.tmpl"},
		"unknown file":   {"confirmaton.txt.tmpl", `x`, "confirmaton.txt.tmpl"},
		"broken partial": {"partials.txt.tmpl", `{{define "greeting"}}{{.Greeting}}`, "partials.txt.tmpl"},
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, tc.file)
		if err := os.WriteFile(path, []byte(tc.body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := New(dir)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error does not name %s: %v", name, path, err)
		}
	}
	if _, err := New(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("a missing override folder is no error")
	}
}

func TestCheckFindsExecutionErrors(t *testing.T) {
	dir := t.TempDir()
	body := `{{define "subject"}}Betreff{{end}}{{.Greeting}} {{.Event.Titel}}`
	if err := os.WriteFile(filepath.Join(dir, "interest.txt.tmpl"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := New(dir)
	if err != nil {
		t.Fatal(err) // parses fine; the field name is wrong
	}
	err = r.Check()
	if err == nil || !strings.Contains(err.Error(), "interest") || !strings.Contains(err.Error(), "Titel") {
		t.Errorf("Check: %v", err)
	}
}

// TestScenarioCalendars: the calendar goes only to a recipient whose own
// registration it describes.
func TestScenarioCalendars(t *testing.T) {
	want := map[string]string{
		"confirmation-others-only":     "",
		"confirmation-self-waiting":    "",
		"already-waitlist":             "",
		"already-others-only":          "",
		"waitlist-colleague":           "",
		"waitlist-registered-by":       "",
		"attendee-registered-by-entry": "REQUEST",
		"promoted-to-registrant":       "",
		"cancelled-two":                "CANCEL",
		"cancelled-colleague-only":     "",
		"nothing_to_cancel-no-event":   "",
		"question-event":               "",
		"late-two":                     "",
	}
	sc := scenarios()
	if len(sc) != len(want) {
		t.Fatalf("%d scenarios, %d expectations", len(sc), len(want))
	}
	for name, d := range sc {
		m := render(t, d)
		if m.CalendarMethod != want[name] || (m.Calendar != nil) != (want[name] != "") {
			t.Errorf("%s: calendar %q, want %q", name, m.CalendarMethod, want[name])
		}
	}
}

func TestRegisteredByEntryIsNotAnAttendee(t *testing.T) {
	m := render(t, scenarios()["attendee-registered-by-entry"])
	if !strings.Contains(m.Text, "Anna Schmidt (assistenz@verband.example.org) hat Sie für die folgende Veranstaltung angemeldet.") {
		t.Errorf("registrant not named:\n%s", m.Text)
	}
	if strings.Contains(m.Text, "Der Stand") || strings.Contains(m.Text, "- Anna Schmidt") {
		t.Error("the registrant is listed as an attendee")
	}
	if !strings.Contains(m.Text, "haben wir von Anna Schmidt im Rahmen der Anmeldung erhalten") {
		t.Error("the data-protection line does not name the source of the data (Art. 14 DSGVO)")
	}
}
