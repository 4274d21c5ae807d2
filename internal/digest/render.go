package digest

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/store"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

var funcs = map[string]any{"pad": pad}

var (
	textTmpl = texttemplate.Must(texttemplate.New("digest.txt.tmpl").Option("missingkey=error").
			Funcs(funcs).ParseFS(templateFS, "templates/digest.txt.tmpl"))
	htmlTmpl = htmltemplate.Must(htmltemplate.New("digest.html.tmpl").Option("missingkey=error").
			Funcs(funcs).ParseFS(templateFS, "templates/digest.html.tmpl"))
)

// Text is the digest as plain text (German, aligned columns).
func (d *Digest) Text() string {
	var b bytes.Buffer
	if err := textTmpl.Execute(&b, d.view()); err != nil {
		// The template is embedded and tested; this is a programming error.
		panic("digest: text template: " + err.Error())
	}
	return tidyText(b.String())
}

// HTML is the digest as an HTML document (German, a table per event).
func (d *Digest) HTML() string {
	var b bytes.Buffer
	if err := htmlTmpl.Execute(&b, d.view()); err != nil {
		panic("digest: html template: " + err.Error())
	}
	return tidyHTML(b.String())
}

// view is what the templates see: every value already in German words.
type view struct {
	Subject  string
	Date     string // "Mittwoch, 3. April 2024"
	Stand    string // "03.04.2024, 07:00 Uhr"
	Since    string // "seit dem letzten Tagesbericht (02.04.2024, 07:00 Uhr)"
	Fresh    string // heading of the changes of an event: "Neu seit dem letzten Bericht"
	Nothing  string // instead, when there are none: "Nichts Neues seit dem letzten Bericht."
	Overview []fact
	Events   []eventView
	Reviews  []reviewView
	Problems []problemView
	Files    []string
	Mailbox  string
	At       string // "07:00"
}

type fact struct {
	Label, Value string
	Attention    bool // worth a look (printed in bold in HTML)
}

type eventView struct {
	ID, Title, When, Place string
	Facts                  []fact
	Changes                []changeView
	Waitlist               []personView
	Late                   []personView
	File                   string
}

type changeView struct {
	When, What          string
	Name, Org, Email    string
	Who                 string // the three in one line, for text
	Note                string
	Attention, Positive bool
}

type personView struct {
	Pos                   int // place in its list, from 1
	Name, Org, Email, Who string
	Since                 string // "02.04. 10:30"
}

type reviewView struct {
	N                                        int // from 1
	From, Waiting, Received, Subject, Reason string
	Excerpt                                  []string
}

type problemView struct {
	To, What, State, Error string
	Failed                 bool
}

func (d *Digest) view() *view {
	v := &view{
		Subject: d.Subject(),
		Date:    longDate(d.Now),
		Stand:   dateTime(d.Now),
		Mailbox: d.Mailbox,
		At:      d.At.String(),
	}
	if d.Since.IsZero() {
		v.Since = "seit Beginn der Aufzeichnung (erster Tagesbericht)"
		v.Fresh, v.Nothing = "Bisher", "Bisher nichts."
	} else {
		v.Since = "seit dem letzten Tagesbericht (" + dateTime(d.Since.In(d.Location)) + ")"
		v.Fresh, v.Nothing = "Neu seit dem letzten Bericht", "Nichts Neues seit dem letzten Bericht."
	}
	v.Overview = []fact{
		{Label: "Neue Anmeldungen", Value: fmt.Sprint(d.NewRegistrations())},
		{Label: "Absagen", Value: fmt.Sprint(d.Count(store.ChangeCancelled))},
		{Label: "Nachgerückt", Value: fmt.Sprint(d.Count(store.ChangePromoted))},
	}
	if n := d.Count(store.ChangeBounced); n > 0 {
		v.Overview = append(v.Overview, fact{Label: "Unzustellbar", Value: plural(n, "Adresse", "Adressen"), Attention: true})
	}
	v.Overview = append(v.Overview,
		fact{Label: "Offene Fragen", Value: fmt.Sprint(len(d.Reviews)), Attention: len(d.Reviews) > 0},
		fact{Label: "Zustellprobleme", Value: fmt.Sprint(len(d.Problems)), Attention: len(d.Problems) > 0})
	for _, ev := range d.Events {
		ev := eventViewOf(d, ev)
		v.Events = append(v.Events, ev)
		v.Files = append(v.Files, ev.File)
	}
	for _, r := range d.Reviews {
		from := r.Sender
		if r.Name != "" && r.Sender != "" {
			from = r.Name + " <" + r.Sender + ">"
		} else if r.Name != "" {
			from = r.Name
		} else if from == "" {
			from = "(Absender unbekannt)"
		}
		subject := r.Subject
		if subject == "" {
			subject = "(ohne Betreff)"
		}
		v.Reviews = append(v.Reviews, reviewView{N: len(v.Reviews) + 1, From: from, Waiting: waitingFor(r.Waiting), Received: dateTime(r.At),
			Subject: subject, Reason: r.Reason, Excerpt: r.Excerpt})
	}
	for _, p := range d.Problems {
		pv := problemView{To: p.To, What: kindName(p.Kind), Error: p.Error, Failed: p.Failed}
		tries := plural(p.Attempts, "Versuch", "Versuche")
		switch {
		case p.Failed:
			pv.State = "endgültig gescheitert am " + shortStamp(p.FailedAt) + " Uhr nach " + plural(p.Attempts, "Versuch", "Versuchen")
		case !p.Next.IsZero():
			pv.State = "wird erneut versucht, nächster Versuch " + shortStamp(p.Next) + " Uhr (bisher " + tries + ")"
		default:
			pv.State = "wird erneut versucht (bisher " + tries + ")"
		}
		if pv.Error == "" {
			pv.Error = "(keine Meldung des Servers)"
		}
		v.Problems = append(v.Problems, pv)
	}
	return v
}

func eventViewOf(d *Digest, ev Event) eventView {
	v := eventView{ID: ev.ID, Title: ev.Title, Place: ev.Place, File: FileName(ev.ID, d.Day)}
	v.When = longDate(ev.Start) + ", " + ev.Start.Format("15:04")
	if !ev.End.IsZero() && sameDay(ev.Start, ev.End) {
		v.When += "–" + ev.End.Format("15:04")
	}
	v.When += " Uhr"

	add := func(label, value string, attention bool) {
		v.Facts = append(v.Facts, fact{Label: label, Value: value, Attention: attention})
	}
	switch ev.Mode {
	case config.ModeInterest:
		add("Anmeldung", "noch nicht offen – nur Vormerkungen (Infoliste)", false)
	case config.ModeClosed:
		add("Anmeldung", "geschlossen", false)
	default:
		if ev.DeadlinePassed {
			add("Anmeldung", "beendet", false)
		} else {
			add("Anmeldung", "offen", false)
		}
	}
	c := ev.Counts
	seats := ev.Mode != config.ModeInterest || c.Confirmed > 0 || c.Waitlist > 0
	if seats {
		if ev.Capacity > 0 {
			add("Bestätigt", fmt.Sprintf("%d von %d Plätzen", c.Confirmed, ev.Capacity), false)
		} else {
			add("Bestätigt", fmt.Sprint(c.Confirmed), false)
		}
		switch {
		case ev.SeatsLeft < 0:
			add("Freie Plätze", "unbegrenzt", false)
		case ev.SeatsLeft == 0:
			add("Freie Plätze", "keine – ausgebucht", true)
		default:
			add("Freie Plätze", fmt.Sprint(ev.SeatsLeft), ev.SeatsLeft <= 3)
		}
		add("Warteliste", fmt.Sprint(c.Waitlist), false)
	}
	if ev.Mode == config.ModeInterest || c.Interest > 0 {
		add("Infoliste", fmt.Sprint(c.Interest), false)
	}
	if c.Late > 0 {
		add("Nach Frist", fmt.Sprintf("%d – bitte entscheiden", c.Late), true)
	}
	if c.Refused > 0 {
		add("Abgelehnt", fmt.Sprint(c.Refused), false)
	}
	add("Abgesagt", fmt.Sprint(c.Cancelled), false)
	add("Anmeldeschluss", deadlineText(ev), !ev.DeadlinePassed && ev.DaysToDeadline <= 2 && ev.Mode == config.ModeOpen)
	when := ev.Start.Format("02.01.2006")
	switch {
	case ev.EventOver:
		when += " – vorbei"
	case ev.DaysToEvent <= 0:
		when += " – heute"
	default:
		when += " – " + inDays(ev.DaysToEvent)
	}
	add("Veranstaltung", when, false)

	for _, ch := range ev.Changes {
		v.Changes = append(v.Changes, changeViewOf(ch))
	}
	for i, g := range ev.Waitlist {
		p := personViewOf(g.Person, g.StatusAt.In(d.Location))
		p.Pos = i + 1
		v.Waitlist = append(v.Waitlist, p)
	}
	for i, g := range ev.Late {
		p := personViewOf(g.Person, g.StatusAt.In(d.Location))
		p.Pos = i + 1
		v.Late = append(v.Late, p)
	}
	return v
}

func deadlineText(ev Event) string {
	if ev.Deadline.IsZero() {
		if ev.DeadlinePassed {
			return "keiner (bis zum Beginn) – vorbei"
		}
		return "keiner – Anmeldung bis zum Beginn"
	}
	s := weekdays[ev.Deadline.Weekday()] + ", " + ev.Deadline.Format("02.01.2006")
	if h, m, _ := ev.Deadline.Clock(); h != 23 || m != 59 {
		s += ev.Deadline.Format(", 15:04 Uhr")
	}
	switch {
	case ev.DeadlinePassed:
		return s + " – abgelaufen"
	case ev.DaysToDeadline <= 0:
		return s + " – heute ist der letzte Tag"
	case ev.DaysToDeadline == 1:
		return s + " – morgen ist der letzte Tag"
	}
	return fmt.Sprintf("%s – noch %d Tage", s, ev.DaysToDeadline)
}

// changeLabels name the kinds of change in the lists (at most 12 runes:
// the column of the text digest).
var changeLabels = map[string]string{
	store.ChangeRegistered: "angemeldet",
	store.ChangeWaitlisted: "Warteliste",
	store.ChangeCancelled:  "abgesagt",
	store.ChangePromoted:   "nachgerückt",
	store.ChangeInterest:   "Infoliste",
	store.ChangeLate:       "nach Frist",
	store.ChangeRefused:    "abgelehnt",
	store.ChangeBounced:    "unzustellbar",
	store.ChangeDeleted:    "gelöscht",
}

func changeViewOf(ch Change) changeView {
	v := changeView{When: shortStamp(ch.At), What: changeLabels[ch.Kind]}
	if v.What == "" {
		v.What = oneLine(ch.Kind, 12)
	}
	p := personViewOf(ch.Person, ch.At)
	v.Name, v.Org, v.Email, v.Who = p.Name, p.Org, p.Email, p.Who
	var notes []string
	switch ch.Kind {
	case store.ChangeRegistered, store.ChangeInterest:
		v.Positive = true
	case store.ChangeWaitlisted:
		if ch.Position > 0 {
			notes = append(notes, fmt.Sprintf("jetzt Platz %d", ch.Position))
		}
	case store.ChangePromoted:
		v.Positive = true
		notes = append(notes, "von der Warteliste, Platz bestätigt")
	case store.ChangeLate:
		if ch.Status == store.StatusLate {
			v.Attention = true
			notes = append(notes, "bitte entscheiden")
		}
	case store.ChangeBounced:
		v.Attention = true
		s := "Mails an diese Adresse kommen nicht an"
		if r := oneLine(ch.Person.UndeliverableReason, 160); r != "" {
			s += " (" + r + ")"
		}
		notes = append(notes, s)
	case store.ChangeDeleted:
		v.Who = "Daten einer Person auf Wunsch gelöscht (Art. 17 DSGVO)"
	}
	if ch.RegisteredBy != nil && ch.Kind != store.ChangeBounced && ch.Kind != store.ChangeDeleted {
		by := personViewOf(*ch.RegisteredBy, ch.At)
		name := by.Name
		if name == "" {
			name = by.Email
		}
		notes = append(notes, "angemeldet von "+name)
	}
	v.Note = strings.Join(notes, "; ")
	if v.Who == "" {
		v.Who = "(ohne Namen)"
	}
	return v
}

func personViewOf(p store.Person, since time.Time) personView {
	v := personView{Name: oneLine(p.Name, 100), Org: oneLine(p.Organisation, 100), Email: p.Email, Since: since.Format("02.01. 15:04")}
	who := v.Name
	if v.Org != "" {
		if who != "" {
			who += " (" + v.Org + ")"
		} else {
			who = v.Org
		}
	}
	if v.Email != "" {
		if who != "" {
			who += " <" + v.Email + ">"
		} else {
			who = v.Email
		}
	}
	v.Who = who
	return v
}

// kindNames name the outbox kinds in the list of delivery problems.
var kindNames = map[string]string{
	"confirmation":      "Anmeldebestätigung",
	"attendee":          "Bestätigung an eine angemeldete Person",
	"already":           "Hinweis „bereits angemeldet“",
	"waitlist":          "Platz auf der Warteliste",
	"promoted":          "Nachrücken von der Warteliste",
	"late":              "Absage nach dem Anmeldeschluss",
	"late_review":       "Eingangsbestätigung nach dem Anmeldeschluss",
	"interest":          "Bestätigung der Vormerkung",
	"closed":            "Hinweis „Anmeldung geschlossen“",
	"cancelled":         "Bestätigung der Absage",
	"nothing_to_cancel": "Hinweis „keine Anmeldung gefunden“",
	"deleted":           "Bestätigung der Löschung",
	"question":          "Eingangsbestätigung einer Frage",
	"digest":            "Tagesbericht",
}

func kindName(k string) string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	if k == "" {
		return "Antwort"
	}
	return "Antwort (" + oneLine(k, 40) + ")"
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// tidyText trims trailing blanks (except the signature separator "-- "),
// collapses runs of blank lines and ends with one newline.
func tidyText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		if l != "-- " {
			l = strings.TrimRight(l, " \t")
		}
		if l == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n") + "\n"
}

// tidyHTML drops blank lines and trailing blanks the template leaves.
func tidyHTML(s string) string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimRight(l, " \t"); strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n") + "\n"
}
