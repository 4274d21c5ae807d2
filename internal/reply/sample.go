package reply

import (
	"fmt"
	"time"
)

// berlin is Europe/Berlin; time/tzdata (imported in reply.go) guarantees it.
var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

// The sample people: names with umlauts and a title, so that every template
// is exercised with what real mail brings.
var (
	sampleMailbox = Mailbox{Name: "Heinlein Support", Email: "mail@heinlein-support.de"}
	sampleOztuerk = Person{Name: "Dr. Ümmühan Öztürk", Email: "uemmuehan.oeztuerk@bezirksamt.example.de", Salutation: "Frau"}
	sampleKoehler = Person{Name: "Jürgen Köhler", Email: "juergen.koehler@example.com", Salutation: "Herr"}
)

// SampleEvents returns the two events of spring 2024 as the configuration
// describes them: the Runder Tisch (open, with a deadline) and the
// Open-Source-Netzwerktag (interest list only).
func SampleEvents() (runderTisch, netzwerktag *Event) {
	runderTisch = &Event{
		ID:       "runder-tisch",
		Title:    "Runder Tisch „Open Source in Berlin“",
		Start:    time.Date(2024, 4, 18, 13, 0, 0, 0, berlin),
		End:      time.Date(2024, 4, 18, 17, 30, 0, 0, berlin),
		Deadline: time.Date(2024, 4, 12, 23, 59, 59, 0, berlin),
		Location: "IHK Berlin, Ludwig Erhard Haus, Fasanenstraße 85, 10623 Berlin",
		Room:     "Seminarraum 4 A 02",
		Description: "Die IHK Berlin und die Heinlein Gruppe laden zum Runden Tisch „Open Source in Berlin“ ein. " +
			"Gemeinsam mit Vertreterinnen und Vertretern aus Verwaltung, Unternehmen, Verbänden und Hochschulen " +
			"machen wir eine Bestandsaufnahme und besprechen, wie Open Source in Berlin weiter gestärkt werden kann.",
		Organizer: sampleMailbox,
	}
	netzwerktag = &Event{
		ID:       "netzwerktag",
		Title:    "Open-Source-Netzwerktag",
		Start:    time.Date(2024, 6, 19, 9, 0, 0, 0, berlin),
		End:      time.Date(2024, 6, 19, 17, 0, 0, 0, berlin),
		Location: "IHK Berlin, Ludwig Erhard Haus, Fasanenstraße 85, 10623 Berlin",
		Description: "Am 19. Juni 2024 findet in den Räumen der IHK Berlin der Open-Source-Netzwerktag statt – " +
			"mit Showcases, einem Vortragstrack „Open Source in der öffentlich-rechtlichen Vergabe“ sowie Einblicken " +
			"in das Open-Source-Kompetenzzentrum (OSK) beim ITDZ Berlin und in die Open-Source-Strategie des Landes Berlin.",
		Organizer: sampleMailbox,
	}
	return runderTisch, netzwerktag
}

// SampleData returns one Data per kind, in the order of Kinds: what Check
// renders and what the golden tests of this package record.
func SampleData() []Data {
	rt, nt := SampleEvents()
	base := func(k Kind, to Person, ev *Event, subject string) Data {
		return Data{
			Kind:            k,
			From:            sampleMailbox,
			To:              to,
			Event:           ev,
			ICSUID:          "runder-tisch-0042@heinlein-support.de",
			MessageID:       fmt.Sprintf("regbot.%s.4f2a9c@heinlein-support.de", k),
			InReplyTo:       "<CAF=4711.abc@mail.example.com>",
			References:      []string{"<first.1@mail.example.com>"},
			OriginalSubject: subject,
			Date:            time.Date(2024, 4, 3, 10, 15, 0, 0, berlin),
			Team:            "Ihr Veranstaltungsteam der Heinlein Gruppe",
			Location:        berlin,
			RetentionDays:   90,
		}
	}
	koehlerNoSalutation := sampleKoehler
	koehlerNoSalutation.Salutation = ""

	var out []Data
	for _, k := range Kinds {
		var d Data
		switch k {
		case KindConfirmation:
			d = base(k, sampleOztuerk, rt, "AW: Anmeldung Runder Tisch 18.4.")
			d.Attendees = []Attendee{
				{Person: sampleOztuerk, Status: StatusConfirmed},
				{Person: sampleKoehler, Status: StatusWaitlist, Position: 1},
			}
		case KindAttendee:
			d = base(k, koehlerNoSalutation, rt, "")
			d.InReplyTo, d.References = "", nil
			d.RegisteredBy = &sampleOztuerk
			d.ICSUID = "runder-tisch-0043@heinlein-support.de"
		case KindAlready:
			d = base(k, sampleKoehler, rt, "Re: Anmeldung")
			d.ICSSequence = 1
		case KindWaitlist:
			d = base(k, koehlerNoSalutation, rt, "Anmeldung")
			d.Position = 3
		case KindPromoted:
			d = base(k, sampleOztuerk, rt, "")
			d.InReplyTo, d.References = "", nil
			d.ICSSequence = 0
		case KindLate:
			d = base(k, sampleKoehler, rt, "Anmeldung Runder Tisch")
		case KindLateReview:
			d = base(k, sampleOztuerk, rt, "WG: Anmeldung zum Runden Tisch")
		case KindInterest:
			d = base(k, sampleOztuerk, nt, "Netzwerktag im Juni – bitte vormerken")
			d.ICSUID = ""
		case KindClosed:
			d = base(k, sampleKoehler, rt, "Anmeldung")
		case KindCancelled:
			d = base(k, sampleOztuerk, rt, "Abmeldung Runder Tisch")
			d.ICSSequence = 1
		case KindNothingToCancel:
			d = base(k, Person{Email: "info@verband.example.org"}, rt, "Abmeldung")
		case KindDeleted:
			d = base(k, sampleKoehler, nil, "Bitte löschen Sie meine Daten")
		case KindQuestion:
			d = base(k, sampleOztuerk, nil, "Frage zur Barrierefreiheit")
		}
		out = append(out, d)
	}
	return out
}
