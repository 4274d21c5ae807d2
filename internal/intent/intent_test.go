package intent_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/intent"
	"github.com/heinlein/regbot/internal/mailparse"
)

var berlin = func() *time.Location {
	l, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return l
}()

// analyzer has two events like the announcement's, plus a third to show
// that events are configuration: nothing below knows their names.
func analyzer() *intent.Analyzer {
	return intent.New(intent.Options{
		Events: []intent.Event{
			{ID: "runder-tisch", Names: []string{"Runder Tisch „Open Source in Berlin“", "Runder Tisch", "Round Table", "Roundtable"}, Start: time.Date(2024, 4, 18, 13, 0, 0, 0, berlin), Default: true},
			{ID: "netzwerktag", Names: []string{"Open-Source-Netzwerktag", "Netzwerktag", "Network Day"}, Start: time.Date(2024, 6, 19, 9, 0, 0, 0, berlin)},
			{ID: "sommerfest", Names: []string{"Sommerfest der Open-Source-Szene", "Sommerfest"}, Start: time.Date(2024, 8, 23, 17, 0, 0, 0, berlin)},
		},
		OwnAddresses: []string{"mail@heinlein-support.de"},
		OwnDomains:   []string{"heinlein-support.de"},
	})
}

type mail struct {
	from, replyTo, cc, subject, date, inReplyTo, body string
	headers                                           []string
}

func (m mail) raw() string {
	if m.from == "" {
		m.from = "Anna Schmidt <anna.schmidt@example.org>"
	}
	if m.date == "" {
		m.date = "Mon, 25 Mar 2024 10:00:00 +0100"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: mail@heinlein-support.de\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <t-%d@example.org>\r\n", m.from, m.subject, m.date, len(m.body))
	if m.replyTo != "" {
		fmt.Fprintf(&b, "Reply-To: %s\r\n", m.replyTo)
	}
	if m.cc != "" {
		fmt.Fprintf(&b, "Cc: %s\r\n", m.cc)
	}
	if m.inReplyTo != "" {
		fmt.Fprintf(&b, "In-Reply-To: %s\r\n", m.inReplyTo)
	}
	for _, h := range m.headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(m.body, "\n", "\r\n"))
	return b.String()
}

func understand(t *testing.T, m mail) intent.Result {
	t.Helper()
	msg, err := mailparse.ParseBytes([]byte(m.raw()))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return analyzer().Understand(msg, time.Date(2024, 3, 25, 10, 0, 0, 0, berlin))
}

func requests(r intent.Result) string {
	var out []string
	for _, q := range r.Requests {
		ev := q.Event
		if ev == "" {
			ev = "-"
		}
		out = append(out, string(q.Intent)+"/"+ev)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestRequests(t *testing.T) {
	tests := []struct {
		name string
		mail mail
		want string
	}{
		{"plain registration", mail{subject: "Anmeldung", body: "Hallo,\n\nhiermit melde ich mich für den Runden Tisch an.\n\nViele Grüße\nAnna Schmidt"}, "register/runder-tisch"},
		{"no event named means the default event", mail{subject: "Teilnahme", body: "Guten Tag,\nich nehme gern teil.\n\nGruß\nAnna Schmidt"}, "register/runder-tisch"},
		{"event by date only", mail{body: "Hallo,\nich komme am 18.04. gern vorbei.\nGrüße\nAnna"}, "register/runder-tisch"},
		{"event by long date in the body", mail{body: "Hallo,\nfür den 23. August melde ich mich an.\nGrüße\nAnna"}, "register/sommerfest"},
		{"a third event from configuration", mail{body: "Hallo,\nzum Sommerfest melde ich mich gern an.\nGrüße\nAnna"}, "register/sommerfest"},
		{"typo in the event name", mail{body: "hallo,\nbitte anmelden fuer den runden tish.\ngruss anna"}, "register/runder-tisch"},
		{"english", mail{subject: "Round table", body: "Hi,\nplease register me for the round table.\nBest,\nAnna"}, "register/runder-tisch"},
		{"info for the second event", mail{body: "Hallo,\nbitte halten Sie mich zum Netzwerktag auf dem Laufenden.\nGruß\nAnna"}, "info_request/netzwerktag"},
		{"register one, info for the other", mail{body: "Hallo,\nich melde mich für den Runden Tisch an und möchte für den Netzwerktag vorgemerkt werden.\nGruß\nAnna"}, "info_request/netzwerktag register/runder-tisch"},
		{"both events", mail{body: "Hallo,\nbitte melden Sie mich für beide Veranstaltungen an.\nGruß\nAnna"}, "register/netzwerktag register/runder-tisch register/sommerfest"},
		{"negated info", mail{body: "Hallo,\nich brauche keine Infos, ich melde mich direkt für den Runden Tisch an.\nGruß\nAnna"}, "register/runder-tisch"},
		{"negated registration", mail{body: "Hallo,\ndas ist keine Anmeldung zum Runden Tisch – ich möchte nur Infos zum Netzwerktag bekommen.\nGruß\nAnna"}, "info_request/netzwerktag"},
		{"deferred registration is no registration", mail{body: "Hallo,\nbevor ich mich anmelde: Ist die Teilnahme am Runden Tisch kostenlos?\nGruß\nAnna"}, "question/runder-tisch"},
		{"wish phrased as a question", mail{body: "Hallo,\nist für den Runden Tisch noch ein Platz frei?\nGruß\nAnna"}, "register/runder-tisch"},
		{"registration plus question", mail{body: "Hallo,\nich melde mich für den Runden Tisch an.\nGibt es Parkplätze?\nGruß\nAnna"}, "question/runder-tisch register/runder-tisch"},
		{"question about other attendees", mail{body: "Hallo,\nkönnen Sie mir sagen, ob jemand vom Senat am Runden Tisch teilnimmt?\nGruß\nAnna"}, "question/runder-tisch"},
		{"another event than ours", mail{subject: "Workshop im Mai", body: "Hallo,\nsind in Ihrem Workshop noch Plätze frei und kann ich mich per Mail anmelden?\nGruß\nAnna"}, "question/-"},
		{"explicit cancellation", mail{body: "Hallo,\nleider muss ich meine Anmeldung zum Runden Tisch stornieren.\nGruß\nAnna"}, "cancel/runder-tisch"},
		{"declining an invitation while asking for news", mail{subject: "AW: Einladung", body: "Hallo,\nzum Runden Tisch kann ich leider nicht kommen, bitte informieren Sie mich aber über den Netzwerktag.\nGruß\nAnna"}, "info_request/netzwerktag"},
		{"declining and nothing else is answered as a cancellation", mail{body: "Hallo,\nzum Runden Tisch kann ich leider nicht kommen.\nGruß\nAnna"}, "cancel/runder-tisch"},
		{"cannot come, in reply to the confirmation", mail{subject: "Re: Bestätigung Ihrer Anmeldung: Runder Tisch", inReplyTo: "<confirm-20240320-0001@heinlein-support.de>", body: "Hallo,\nich werde leider nicht dabei sein können.\nGruß\nAnna"}, "cancel/runder-tisch"},
		{"cancellation of another event is none", mail{body: "Hallo,\nich musste einen anderen Termin absagen und kann daher doch zum Runden Tisch kommen. Bitte melden Sie mich an.\nGruß\nAnna"}, "register/runder-tisch"},
		{"substitute", mail{subject: "Re: Bestätigung Ihrer Anmeldung: Runder Tisch", body: "Statt mir kommt Frau Dr. Eva Roth.\nAnna"}, "cancel/runder-tisch register/runder-tisch"},
		{"deletion", mail{body: "Hallo,\nbitte löschen Sie alle meine Daten gemäß Art. 17 DSGVO.\nGruß\nAnna"}, "delete_request/-"},
		{"a disclaimer that says löschen is no deletion request", mail{body: "Hallo,\nich melde mich für den Runden Tisch an.\n\nViele Grüße\nAnna Schmidt\nBeispiel GmbH\n\nWenn Sie nicht der richtige Adressat sind, löschen Sie diese E-Mail bitte."}, "register/runder-tisch"},
		{"subject only", mail{subject: "Anmeldung Netzwerktag", body: ""}, "register/netzwerktag"},
		{"a reply's subject is ours and no request", mail{subject: "Re: Anmeldung", body: "Danke!"}, "question/-"},
		{"tomorrow names the event of tomorrow", mail{date: "Wed, 17 Apr 2024 20:00:00 +0200", body: "Hallo, kann ich morgen noch dazukommen?\nJens"}, "register/runder-tisch"},
		{"today's absence cancels", mail{date: "Thu, 18 Apr 2024 08:00:00 +0200", body: "Guten Morgen, ich kann heute leider nicht kommen.\nAnna"}, "cancel/runder-tisch"},
		{"spam", mail{from: "Sales <sales@example.com>", subject: "15 % Frühbucherrabatt", body: "Sehr geehrtes Team der Heinlein Support,\nfür Buchungen gewähren wir 15 % Frühbucherrabatt. Gerne stelle ich Ihnen unsere Referenzen in einem Telefonat vor.\n\nSie möchten keine weiteren Informationen von uns erhalten? Antworten Sie mit Abmelden."}, "spam/-"},
		{"phishing", mail{from: "IT <it@heinlein-support-de.example>", subject: "Postfach voll", body: "Ihr Postfach ist zu 98 % belegt. Bitte bestätigen Sie innerhalb von 24 Stunden Ihre Zugangsdaten."}, "spam/-"},
		{"out of office by header", mail{headers: []string{"Auto-Submitted: auto-replied"}, subject: "Abwesend", body: "Ich bin nicht im Büro."}, "auto_reply/-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := understand(t, tt.mail)
			if got := requests(r); got != tt.want {
				t.Errorf("requests = %s, want %s\nwhy: %s", got, tt.want, strings.Join(r.Why, "\n     "))
			}
			machine := tt.want == "spam/-" || tt.want == "auto_reply/-" || tt.want == "bounce/-"
			if r.Reply == machine {
				t.Errorf("reply = %v for %s", r.Reply, tt.want)
			}
			if len(r.Why) == 0 {
				t.Errorf("no cues recorded")
			}
		})
	}
}

func TestCancelledPeople(t *testing.T) {
	r := understand(t, mail{from: `"Albers, Christine" <christine.albers@example.org>`, body: "Guten Tag,\nvon unserer Gruppe müssen leider zwei absagen: Herr Stefan Ott und Frau Birgit Lorenz. Mein eigener Platz bleibt.\n\nGrüße\nChristine Albers"})
	if got := requests(r); got != "cancel/runder-tisch" {
		t.Fatalf("requests = %s", got)
	}
	var names []string
	for _, p := range r.Cancelled {
		names = append(names, p.Salutation+" "+p.Name)
	}
	if fmt.Sprint(names) != "[Herr Stefan Ott Frau Birgit Lorenz]" {
		t.Errorf("cancelled = %v", names)
	}
	own := understand(t, mail{body: "Hallo,\nleider muss ich meine Anmeldung zum Runden Tisch zurückziehen.\nGruß\nAnna Schmidt"})
	if len(own.Cancelled) != 0 {
		t.Errorf("a writer cancelling for herself names nobody else: %v", own.Cancelled)
	}
}

func TestPeople(t *testing.T) {
	type person struct{ name, email string }
	tests := []struct {
		name      string
		mail      mail
		contact   person
		org       string
		attendees []person
	}{
		{
			name:      "last, first display name and signature",
			mail:      mail{from: `"Schmidt, Anna" <Anna.Schmidt@Senfin.Berlin.de>`, body: "Guten Tag,\nich melde mich an.\n\nMit freundlichen Grüßen\n\nDr. Anna Schmidt\nSenatsverwaltung für Finanzen\nReferat IV B\nKlosterstraße 59, 10179 Berlin"},
			contact:   person{"Dr. Anna Schmidt", "anna.schmidt@senfin.berlin.de"},
			org:       "Senatsverwaltung für Finanzen",
			attendees: []person{{"Dr. Anna Schmidt", "anna.schmidt@senfin.berlin.de"}},
		},
		{
			name:      "initial in the signature completed from the display name",
			mail:      mail{from: `"Weber, Jonas" <jonas.weber@example.org>`, body: "Hallo,\nhiermit melde ich mich an.\nGruß\nJ. Weber\nBeispiel AG | Vertrieb"},
			contact:   person{"Jonas Weber", "jonas.weber@example.org"},
			org:       "Beispiel AG",
			attendees: []person{{"Jonas Weber", "jonas.weber@example.org"}},
		},
		{
			name:      "colleagues with and without addresses, the writer last",
			mail:      mail{from: "Eva Klein <eva.klein@example.org>", body: "Hallo,\nfür den Runden Tisch melden wir folgende Personen an:\n- Herr Paul Meier (paul.meier@example.org)\n- Frau Lea Vogt\n- und ich selbst\n\nViele Grüße\nEva Klein\nBeispiel e.V."},
			contact:   person{"Eva Klein", "eva.klein@example.org"},
			org:       "Beispiel e.V.",
			attendees: []person{{"Eva Klein", "eva.klein@example.org"}, {"Paul Meier", "paul.meier@example.org"}, {"Lea Vogt", ""}},
		},
		{
			name:      "an assistant registers her boss",
			mail:      mail{from: "Sekretariat <sekretariat@example.org>", body: "Guten Tag,\nich möchte unseren Geschäftsführer, Herrn Dr. Max Berg, für den Runden Tisch anmelden.\n\nFreundliche Grüße\ni. A. Nina Roth\nBeispiel GmbH"},
			contact:   person{"Nina Roth", "sekretariat@example.org"},
			org:       "Beispiel GmbH",
			attendees: []person{{"Dr. Max Berg", ""}},
		},
		{
			name:      "unnamed companions keep the head count",
			mail:      mail{from: "Tim Lau <tim@example.org>", body: "Hi,\nwir kommen zu dritt zum Runden Tisch.\nBeste Grüße\nTim Lau"},
			contact:   person{"Tim Lau", "tim@example.org"},
			attendees: []person{{"Tim Lau", "tim@example.org"}, {}, {}},
		},
		{
			name:      "colleague in Cc",
			mail:      mail{from: "Ida Kern <ida.kern@example.org>", cc: `"Brandt, Ole" <ole.brandt@example.org>`, body: "Hallo,\nHerr Brandt (in CC) und ich melden uns für den Runden Tisch an.\nViele Grüße\nIda Kern"},
			contact:   person{"Ida Kern", "ida.kern@example.org"},
			attendees: []person{{"Ida Kern", "ida.kern@example.org"}, {"Ole Brandt", "ole.brandt@example.org"}},
		},
		{
			name:      "Reply-To to a secretariat: contact address there, attendee keeps her own",
			mail:      mail{from: "Prof. Dr. Ute Lang <ute.lang@example.org>", replyTo: "Sekretariat Lang <sekretariat-lang@example.org>", body: "Hallo,\nich melde mich an.\nGrüße\nProf. Dr. Ute Lang"},
			contact:   person{"Prof. Dr. Ute Lang", "sekretariat-lang@example.org"},
			attendees: []person{{"Prof. Dr. Ute Lang", "ute.lang@example.org"}},
		},
		{
			name:      "organisation from the text, not from the domain",
			mail:      mail{from: "Kim Ott <kim.ott@example-kammer.de>", body: "Hallo,\nich bin Referentin bei der Handwerkskammer Musterstadt und melde mich an.\nGrüße\nKim Ott"},
			contact:   person{"Kim Ott", "kim.ott@example-kammer.de"},
			org:       "Handwerkskammer Musterstadt",
			attendees: []person{{"Kim Ott", "kim.ott@example-kammer.de"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := understand(t, tt.mail)
			if r.Contact == nil {
				t.Fatalf("no contact; why: %v", r.Why)
			}
			if r.Contact.Name != tt.contact.name || r.Contact.Email != tt.contact.email {
				t.Errorf("contact = %q <%s>, want %q <%s>", r.Contact.Name, r.Contact.Email, tt.contact.name, tt.contact.email)
			}
			if r.Contact.Organisation != tt.org {
				t.Errorf("organisation = %q, want %q", r.Contact.Organisation, tt.org)
			}
			var got []person
			for _, p := range r.Attendees {
				got = append(got, person{p.Name, p.Email})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.attendees) {
				t.Errorf("attendees = %v, want %v\nwhy: %s", got, tt.attendees, strings.Join(r.Why, "\n     "))
			}
		})
	}
}
