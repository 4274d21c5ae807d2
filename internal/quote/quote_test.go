package quote

import (
	"reflect"
	"strings"
	"testing"

	"github.com/heinlein/regbot/internal/fastre"
)

// want describes the expected split. Text fields are compared exactly
// (after Split's own trimming); quotedPrefix and newNot are looser checks
// for the carried-along part, whose exact text is not the point.
type want struct {
	new, closing, signature, disclaimer string
	quotedPrefix                        string // Quoted must start with this ("" = Quoted must be empty)
	newNot                              []string
	headers                             []Header
	forwarded                           bool
}

type splitCase struct {
	name string
	in   string
	want want
}

func runCases(t *testing.T, cases []splitCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Split(tc.in)
			w := tc.want
			check := func(field, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s:\n got %q\nwant %q", field, got, want)
				}
			}
			check("New", got.New, w.new)
			check("Closing", got.Closing, w.closing)
			check("Signature", got.Signature, w.signature)
			check("Disclaimer", got.Disclaimer, w.disclaimer)
			if w.quotedPrefix == "" {
				check("Quoted", got.Quoted, "")
			} else if !strings.HasPrefix(got.Quoted, w.quotedPrefix) {
				t.Errorf("Quoted:\n got %q\nwant prefix %q", got.Quoted, w.quotedPrefix)
			}
			for _, s := range w.newNot {
				if strings.Contains(got.New, s) {
					t.Errorf("New contains %q: %q", s, got.New)
				}
			}
			if !reflect.DeepEqual(got.Headers, w.headers) && (len(got.Headers) > 0 || len(w.headers) > 0) {
				t.Errorf("Headers:\n got %+v\nwant %+v", got.Headers, w.headers)
			}
			if got.Forwarded != w.forwarded {
				t.Errorf("Forwarded = %v, want %v", got.Forwarded, w.forwarded)
			}
		})
	}
}

const invitation = "Sehr geehrte Damen und Herren,\n\nam 19. Juni findet der Open Source-Netzwerktag statt. Wenn Sie vorgemerkt werden möchten, schreiben Sie uns.\n\nMit freundlichen Grüßen\nIHK Berlin und Heinlein Gruppe"

func quoted(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	return strings.Join(lines, "\n")
}

func TestSplitEmptyAndPlain(t *testing.T) {
	runCases(t, []splitCase{
		{"empty", "", want{}},
		{"only blanks", " \n\r\n\t\n\u00a0", want{}},
		{"plain text without signature", "Hallo,\n\nich melde mich für den Runden Tisch an.\n", want{
			new: "Hallo,\n\nich melde mich für den Runden Tisch an.",
		}},
		{"CRLF and NBSP", "Hallo,\r\n\r\nich\u00a0melde mich an.\r\n\r\nViele Grüße\r\nAnna Schmidt\r\n", want{
			new: "Hallo,\n\nich melde mich an.", closing: "Viele Grüße", signature: "Anna Schmidt",
		}},
		{"Outlook mailto and cid artefacts", "Ich komme.\n\nMit freundlichen Grüßen\nAnna Schmidt\n[cid:image001.png@01DA8A5C.3F1B2E40]\nE-Mail: anna.schmidt@finanzen.berlin.de<mailto:anna.schmidt@finanzen.berlin.de>", want{
			new: "Ich komme.", closing: "Mit freundlichen Grüßen", signature: "Anna Schmidt\n\nE-Mail: anna.schmidt@finanzen.berlin.de",
		}},
		{"no signature, name in running text", "Ich bin Anna Schmidt und komme gern am 18. April.", want{
			new: "Ich bin Anna Schmidt und komme gern am 18. April.",
		}},
		{"mid-sentence Grüße is no closing", "Hallo,\n\nviele Grüße auch an Herrn Müller, ich komme gern zum Runden Tisch.", want{
			new: "Hallo,\n\nviele Grüße auch an Herrn Müller, ich komme gern zum Runden Tisch.",
		}},
		{"horizontal rule alone is no quote", "Ich komme.\n________________________________\nDas ist auch noch von mir.", want{
			new: "Ich komme.\n________________________________\nDas ist auch noch von mir.",
		}},
	})
}

func TestSplitAttribution(t *testing.T) {
	hs := "Heinlein Support <mail@heinlein-support.de>"
	runCases(t, []splitCase{
		{"Thunderbird German", "Gerne, ich komme.\n\nAm 20.03.2024 um 10:15 schrieb " + hs + ":\n" + quoted(invitation), want{
			new: "Gerne, ich komme.", quotedPrefix: "Am 20.03.2024 um 10:15 schrieb", newNot: []string{"Netzwerktag"},
			headers: []Header{{From: hs, Date: "20.03.2024 um 10:15", Kind: "attribution"}},
		}},
		{"Gmail German wrapped over two lines", "Ich bin dabei!\n\nAm Mi., 20. März 2024 um 10:15 Uhr schrieb Heinlein Support <\nmail@heinlein-support.de>:\n\n" + quoted(invitation), want{
			new: "Ich bin dabei!", quotedPrefix: "Am Mi., 20. März", newNot: []string{"Netzwerktag", "mail@"},
			headers: []Header{{From: hs, Date: "Mi., 20. März 2024 um 10:15 Uhr", Kind: "attribution"}},
		}},
		{"Gmail English", "Count me in.\n\nOn Wed, Mar 20, 2024 at 10:15 AM " + hs + " wrote:\n" + quoted(invitation), want{
			new: "Count me in.", quotedPrefix: "On Wed", newNot: []string{"Netzwerktag"},
			headers: []Header{{From: hs, Date: "Wed, Mar 20, 2024 at 10:15 AM", Kind: "attribution"}},
		}},
		{"English wrapped over three lines", "Count me in.\n\nOn Wed, Mar 20, 2024 at 10:15 AM Heinlein\nSupport <mail@heinlein-support.de>\nwrote:\n" + quoted(invitation), want{
			new: "Count me in.", quotedPrefix: "On Wed", newNot: []string{"Support", "wrote"},
			headers: []Header{{From: hs, Date: "Wed, Mar 20, 2024 at 10:15 AM", Kind: "attribution"}},
		}},
		{"sender first, schrieb am", "Ja.\n\n" + hs + " schrieb am 20.03.2024 10:15:\n" + quoted(invitation), want{
			new: "Ja.", quotedPrefix: "Heinlein Support <mail",
			headers: []Header{{From: hs, Date: "20.03.2024 10:15", Kind: "attribution"}},
		}},
		{"French", "Oui.\n\nLe mer. 20 mars 2024 à 10:15, " + hs + " a écrit :\n" + quoted(invitation), want{
			new: "Oui.", quotedPrefix: "Le mer.",
			headers: []Header{{From: hs, Date: "mer. 20 mars 2024 à 10:15", Kind: "attribution"}},
		}},
		{"Horde Zitat von", "Ja.\n\nZitat von " + hs + ":\n\n" + quoted(invitation), want{
			new: "Ja.", quotedPrefix: "Zitat von",
			headers: []Header{{From: hs, Kind: "attribution"}},
		}},
		{"generic X wrote before a quote", "Ja.\n\nAnna schrieb:\n" + quoted("Kommst du?"), want{
			new: "Ja.", quotedPrefix: "Anna schrieb:",
			headers: []Header{{From: "Anna", Kind: "attribution"}},
		}},
		{"generic X wrote without a quote is text", "Mein Kollege schrieb:\nbitte meldet euch an.", want{
			new: "Mein Kollege schrieb:\nbitte meldet euch an.",
		}},
		{"attribution without '>' lines (HTML converted)", "Gerne.\n\nAm 20.03.2024 um 10:15 schrieb " + hs + ":\n\n" + invitation, want{
			new: "Gerne.", quotedPrefix: "Am 20.03.2024", newNot: []string{"Netzwerktag"},
			headers: []Header{{From: hs, Date: "20.03.2024 um 10:15", Kind: "attribution"}},
		}},
		{"prose with schrieb and colon is no attribution", "Am Montag schrieb mir Herr Weber folgendes:\nEr kommt auch.", want{
			new: "Am Montag schrieb mir Herr Weber folgendes:\nEr kommt auch.",
		}},
		{"Apple quote with the attribution inside", "Statt mir kommt Frau Roth.\n\n> Am 26.03.2024 um 13:15 schrieb " + hs + ":\n> \n" + quoted(invitation), want{
			new: "Statt mir kommt Frau Roth.", quotedPrefix: "> Am 26.03.2024",
			headers: []Header{{From: hs, Date: "26.03.2024 um 13:15", Kind: "attribution"}},
		}},
		{"SMTP transcript in a bounce is no quote", "... while talking to mx.example.com.:\n>>> RCPT To:<a@example.com>\n<<< 550 User unknown", want{
			new: "... while talking to mx.example.com.:\n>>> RCPT To:<a@example.com>\n<<< 550 User unknown",
		}},
		{"nested quote levels", "Meine Antwort.\n\n>> ganz alt\n> > auch alt\n> neuer", want{
			new: "Meine Antwort.", quotedPrefix: ">> ganz alt",
		}},
	})
}

func TestSplitOutlookBlocks(t *testing.T) {
	runCases(t, []splitCase{
		{"German with rule and Cc", "Ich komme.\n\n________________________________\nVon: Heinlein Support <mail@heinlein-support.de>\nGesendet: Mittwoch, 20. März 2024 10:00\nAn: Pohl, Karsten <Karsten.Pohl@example.de>\nCc: Weber, Jonas <jonas.weber@example.de>\nBetreff: Einladung\n\n" + invitation, want{
			new: "Ich komme.", quotedPrefix: "______", newNot: []string{"Netzwerktag"},
			headers: []Header{{From: "Heinlein Support <mail@heinlein-support.de>", Date: "Mittwoch, 20. März 2024 10:00", To: "Pohl, Karsten <Karsten.Pohl@example.de>", Cc: "Weber, Jonas <jonas.weber@example.de>", Subject: "Einladung", Kind: "outlook"}},
		}},
		{"English without rule", "I'll come.\n\nFrom: Heinlein Support <mail@heinlein-support.de>\nSent: Wednesday, March 20, 2024 10:00 AM\nTo: Priya Raman <priya@example.com>\nSubject: Invitation\n\n" + invitation, want{
			new: "I'll come.", quotedPrefix: "From: Heinlein",
			headers: []Header{{From: "Heinlein Support <mail@heinlein-support.de>", Date: "Wednesday, March 20, 2024 10:00 AM", To: "Priya Raman <priya@example.com>", Subject: "Invitation", Kind: "outlook"}},
		}},
		{"Datum instead of Gesendet, mailto artefact", "Ja.\n\nVon: Heinlein Support <mail@heinlein-support.de<mailto:mail@heinlein-support.de>>\nDatum: Mittwoch, 20. März 2024 um 10:00\nAn: a@example.de\nBetreff: Einladung\n\n" + invitation, want{
			new: "Ja.", quotedPrefix: "Von: Heinlein",
			headers: []Header{{From: "Heinlein Support <mail@heinlein-support.de>", Date: "Mittwoch, 20. März 2024 um 10:00", To: "a@example.de", Subject: "Einladung", Kind: "outlook"}},
		}},
		{"bold labels from HTML-to-text", "Ja.\n\n*Von:* Heinlein Support <mail@heinlein-support.de>\n*Gesendet:* Mittwoch, 20. März 2024 10:00\n*An:* a@example.de\n*Betreff:* Einladung\n\n" + invitation, want{
			new: "Ja.", quotedPrefix: "*Von:*",
			headers: []Header{{From: "Heinlein Support <mail@heinlein-support.de>", Date: "Mittwoch, 20. März 2024 10:00", To: "a@example.de", Subject: "Einladung", Kind: "outlook"}},
		}},
		{"fields in paragraphs of their own", "Ja.\n\nVon: Heinlein Support <mail@heinlein-support.de>\n\nGesendet: Mittwoch, 20. März 2024 10:00\n\nAn: a@example.de\n\nBetreff: Einladung\n\n" + invitation, want{
			new: "Ja.", quotedPrefix: "Von:",
			headers: []Header{{From: "Heinlein Support <mail@heinlein-support.de>", Date: "Mittwoch, 20. März 2024 10:00", To: "a@example.de", Subject: "Einladung", Kind: "outlook"}},
		}},
		{"collapsed onto one line", "Ja.\n\nVon: Heinlein Support <mail@heinlein-support.de> Gesendet: Mittwoch, 20. März 2024 10:00 An: a@example.de Betreff: Einladung\n\n" + invitation, want{
			new: "Ja.", quotedPrefix: "Von:",
			headers: []Header{{From: "Heinlein Support <mail@heinlein-support.de>", Date: "Mittwoch, 20. März 2024 10:00", To: "a@example.de", Subject: "Einladung", Kind: "outlook"}},
		}},
		{"wrapped To list and subject", "Ja.\n\nVon: Heinlein Support <mail@heinlein-support.de>\nGesendet: Mittwoch, 20. März 2024 10:00\nAn: a@example.de; b@example.de;\nc@example.de\nBetreff: Einladung: Runder Tisch am\n 18. April 2024\n\n" + invitation, want{
			new: "Ja.", quotedPrefix: "Von:",
			headers: []Header{{From: "Heinlein Support <mail@heinlein-support.de>", Date: "Mittwoch, 20. März 2024 10:00", To: "a@example.de; b@example.de; c@example.de", Subject: "Einladung: Runder Tisch am 18. April 2024", Kind: "outlook"}},
		}},
		{"GMX/web.de block starting with the date", "Ja, gern.\n\nGesendet: Mittwoch, 20. März 2024 um 10:00 Uhr\nVon: \"Heinlein Support\" <mail@heinlein-support.de>\nAn: a@gmx.de\nBetreff: Einladung\n\n" + invitation, want{
			new: "Ja, gern.", quotedPrefix: "Gesendet:",
			headers: []Header{{From: "\"Heinlein Support\" <mail@heinlein-support.de>", Date: "Mittwoch, 20. März 2024 um 10:00 Uhr", To: "a@gmx.de", Subject: "Einladung", Kind: "outlook"}},
		}},
		{"Ursprüngliche Nachricht", "Herr Lindner kann nicht.\n\nFreundliche Grüße\nSabine Albrecht\n\n-----Ursprüngliche Nachricht-----\nVon: Heinlein Support <mail@heinlein-support.de> \nGesendet: Montag, 25. März 2024 15:02\nBetreff: Bestätigung\n\nGuten Tag", want{
			new: "Herr Lindner kann nicht.", closing: "Freundliche Grüße", signature: "Sabine Albrecht", quotedPrefix: "-----Ursprüngliche Nachricht-----",
			headers: []Header{{From: "Heinlein Support <mail@heinlein-support.de>", Date: "Montag, 25. März 2024 15:02", Subject: "Bestätigung", Kind: "original-message"}},
		}},
		{"Original Message without a block", "Fine.\n\n-----Original Message-----\nsome old text", want{
			new: "Fine.", quotedPrefix: "-----Original Message-----",
		}},
		{"two header lines are not a block", "Von: Montag bis Freitag bin ich im Büro.\nAn: alle Kollegen geht diese Info.\nDanke.", want{
			new: "Von: Montag bis Freitag bin ich im Büro.\nAn: alle Kollegen geht diese Info.\nDanke.",
		}},
	})
}

func TestSplitForwards(t *testing.T) {
	hs := "Heinlein Support <mail@heinlein-support.de>"
	runCases(t, []splitCase{
		{"Gmail", "Schau mal.\n\n---------- Forwarded message ---------\nFrom: " + hs + "\nDate: Wed, Mar 20, 2024 at 10:00 AM\nSubject: Einladung\nTo: <a@example.de>\n\n\n" + invitation, want{
			new: "Schau mal.", quotedPrefix: "---------- Forwarded message", newNot: []string{"Netzwerktag"}, forwarded: true,
			headers: []Header{{From: hs, Date: "Wed, Mar 20, 2024 at 10:00 AM", To: "<a@example.de>", Subject: "Einladung", Kind: "forward"}},
		}},
		{"Gmail German", "Siehe unten.\n\n---------- Weitergeleitete Nachricht ----------\nVon: " + hs + "\nDate: Mi., 20. März 2024 um 10:00 Uhr\nSubject: Einladung\nTo: <a@example.de>\n\n" + invitation, want{
			new: "Siehe unten.", quotedPrefix: "----------", forwarded: true,
			headers: []Header{{From: hs, Date: "Mi., 20. März 2024 um 10:00 Uhr", To: "<a@example.de>", Subject: "Einladung", Kind: "forward"}},
		}},
		{"Thunderbird with tabs", "ich bin dabei!\n\n-------- Weitergeleitete Nachricht --------\nBetreff: \tNewsletter 03/2024\nDatum: \tThu, 21 Mar 2024 08:00:12 +0100\nVon: \tIHK Berlin <newsletter@berlin.ihk.de>\nAntwort an: \tIHK Berlin <no-reply@berlin.ihk.de>\nAn: \tb@example.de\n\n\n" + invitation, want{
			new: "ich bin dabei!", quotedPrefix: "-------- Weitergeleitete", forwarded: true,
			headers: []Header{{From: "IHK Berlin <newsletter@berlin.ihk.de>", Date: "Thu, 21 Mar 2024 08:00:12 +0100", To: "b@example.de", Subject: "Newsletter 03/2024", Kind: "forward"}},
		}},
		{"Thunderbird Original-Nachricht", "Zur Info.\n\n-------- Original-Nachricht --------\nBetreff: Einladung\nDatum: 20.03.2024 10:00\nVon: " + hs + "\n\n" + invitation, want{
			new: "Zur Info.", quotedPrefix: "-------- Original-Nachricht", forwarded: true,
			headers: []Header{{From: hs, Date: "20.03.2024 10:00", Subject: "Einladung", Kind: "forward"}},
		}},
		{"Apple German", "Für dich.\n\nAnfang der weitergeleiteten Nachricht:\n\nVon: " + hs + "\nBetreff: Einladung\nDatum: 20. März 2024 um 10:00:00 MEZ\nAn: a@example.de\n\n" + invitation, want{
			new: "Für dich.", quotedPrefix: "Anfang der weitergeleiteten Nachricht:", forwarded: true,
			headers: []Header{{From: hs, Date: "20. März 2024 um 10:00:00 MEZ", To: "a@example.de", Subject: "Einladung", Kind: "forward"}},
		}},
		{"Apple English", "FYI\n\nBegin forwarded message:\n\nFrom: " + hs + "\nSubject: Invitation\nDate: 20 March 2024 at 10:00:00 CET\nTo: a@example.com\n\n" + invitation, want{
			new: "FYI", quotedPrefix: "Begin forwarded message:", forwarded: true,
			headers: []Header{{From: hs, Date: "20 March 2024 at 10:00:00 CET", To: "a@example.com", Subject: "Invitation", Kind: "forward"}},
		}},
		{"Lotus Notes", "Zur Kenntnis.\n\n----- Weitergeleitet von Anna Schmidt/SenFin am 20.03.2024 10:00 -----\n\n" + invitation, want{
			new: "Zur Kenntnis.", quotedPrefix: "----- Weitergeleitet von", forwarded: true,
		}},
		{"Weitergeleitete Nachricht colon", "Anbei.\n\nWeitergeleitete Nachricht:\nVon: " + hs + "\nBetreff: Einladung\n\n" + invitation, want{
			new: "Anbei.", quotedPrefix: "Weitergeleitete Nachricht:", forwarded: true,
			headers: []Header{{From: hs, Subject: "Einladung", Kind: "forward"}},
		}},
		{"Outlook WG: forward uses the plain header block", "anbei die Anmeldung meiner Chefin.\n\nMit freundlichen Grüßen\nMelanie Fuchs\n\n________________________________\nVon: Neumann, Claudia Dr. <Claudia.Neumann@ba-tk.berlin.de>\nGesendet: Dienstag, 9. April 2024 17:02\nAn: Fuchs, Melanie <Melanie.Fuchs@ba-tk.berlin.de>\nBetreff: Runder Tisch\n\nBitte melden Sie mich an. CN", want{
			new: "anbei die Anmeldung meiner Chefin.", closing: "Mit freundlichen Grüßen", signature: "Melanie Fuchs", quotedPrefix: "______",
			headers: []Header{{From: "Neumann, Claudia Dr. <Claudia.Neumann@ba-tk.berlin.de>", Date: "Dienstag, 9. April 2024 17:02", To: "Fuchs, Melanie <Melanie.Fuchs@ba-tk.berlin.de>", Subject: "Runder Tisch", Kind: "outlook"}},
		}},
		{"forward of a forward lists both blocks", "Danke!\nKerstin\n\n---------- Forwarded message ---------\nVon: Andreas <a@example.de>\nDate: Mi., 5. Juni 2024\nSubject: Fwd: Einladung\nTo: Kerstin <k@example.de>\n\nSchau mal.\n\n---------- Forwarded message ---------\nVon: " + hs + "\nDate: Mi., 20. März 2024\nSubject: Einladung\nTo: <a@example.de>\n\n" + invitation, want{
			closing: "Danke!", signature: "Kerstin", quotedPrefix: "---------- Forwarded", forwarded: true,
			headers: []Header{
				{From: "Andreas <a@example.de>", Date: "Mi., 5. Juni 2024", To: "Kerstin <k@example.de>", Subject: "Fwd: Einladung", Kind: "forward"},
				{From: hs, Date: "Mi., 20. März 2024", To: "<a@example.de>", Subject: "Einladung", Kind: "forward"},
			},
		}},
	})
}

func TestSplitBottomPosting(t *testing.T) {
	runCases(t, []splitCase{
		{"answer below the quote", "Am 20.03.2024 um 10:15 schrieb Heinlein Support <mail@heinlein-support.de>:\n> Kommen Sie zum Netzwerktag?\n\nJa, ich komme.\n\nViele Grüße\nAnna", want{
			new: "Ja, ich komme.", closing: "Viele Grüße", signature: "Anna", quotedPrefix: "Am 20.03.2024", newNot: []string{"Netzwerktag"},
			headers: []Header{{From: "Heinlein Support <mail@heinlein-support.de>", Date: "20.03.2024 um 10:15", Kind: "attribution"}},
		}},
		{"answer below the quote with a dash signature", "Anna schrieb:\n> Kommst du?\n\nJa.\n\n-- \nBernd Hoffmeister\nWISTA Management GmbH", want{
			new: "Ja.", signature: "Bernd Hoffmeister\nWISTA Management GmbH", quotedPrefix: "Anna schrieb:",
			headers: []Header{{From: "Anna", Kind: "attribution"}},
		}},
		{"simple quote then answer", "> quote\n\nmy answer", want{
			new: "my answer", quotedPrefix: "> quote",
		}},
		{"inline answers", "> Kommen Sie am 18.?\nJa.\n> Bringen Sie jemanden mit?\nMeinen Kollegen Jonas Weber.\n\n-- \nAnna Schmidt", want{
			new: "Ja.\n\nMeinen Kollegen Jonas Weber.", signature: "Anna Schmidt", quotedPrefix: "> Kommen Sie am 18.?\n\n> Bringen",
		}},
		{"re-wrapped quote line stays quoted", "> Vorankündigung: Am 19. Juni 2024 findet in den Räumen der IHK Berlin der\nOpen Source-Netzwerktag statt\n> mit Showcases.\n\nIch komme.", want{
			new: "Ich komme.", quotedPrefix: "> Vorankündigung", newNot: []string{"Netzwerktag"},
		}},
		{"only a quote", "> nur zitiert\n> nichts Neues", want{
			quotedPrefix: "> nur zitiert",
		}},
	})
}

func TestSplitClosings(t *testing.T) {
	runCases(t, []splitCase{
		{"closing then name", "Ich komme.\n\nMit freundlichen Grüßen\nAnna Schmidt\nSenatsverwaltung für Finanzen", want{
			new: "Ich komme.", closing: "Mit freundlichen Grüßen", signature: "Anna Schmidt\nSenatsverwaltung für Finanzen",
		}},
		{"closing and name on one line", "Ich komme.\n\nBeste Grüße, Anna", want{
			new: "Ich komme.", closing: "Beste Grüße,", signature: "Anna",
		}},
		{"LG Svenja", "Super Sache, ich bin dabei!\n\nLG Svenja", want{
			new: "Super Sache, ich bin dabei!", closing: "LG", signature: "Svenja",
		}},
		{"Gruß Thomas", "Bin dabei.\nGruß Thomas", want{
			new: "Bin dabei.", closing: "Gruß", signature: "Thomas",
		}},
		{"VG", "Bin dabei.\n\nVG\nThomas Schulz", want{
			new: "Bin dabei.", closing: "VG", signature: "Thomas Schulz",
		}},
		{"MfG", "Bin dabei.\n\nMfG\nT. Schulz", want{
			new: "Bin dabei.", closing: "MfG", signature: "T. Schulz",
		}},
		{"closing with a place", "moechte mich anmelden.\n\ngruesse aus kreuzberg\ndeniz", want{
			new: "moechte mich anmelden.", closing: "gruesse aus kreuzberg", signature: "deniz",
		}},
		{"place adjective closing", "Bin dabei.\n\nHamburger Grüße\nJan", want{
			new: "Bin dabei.", closing: "Hamburger Grüße", signature: "Jan",
		}},
		{"bilingual closing", "Ich bin nicht im Büro.\n\nMit freundlichen Grüßen / Kind regards\nHeike Matthes", want{
			new: "Ich bin nicht im Büro.", closing: "Mit freundlichen Grüßen / Kind regards", signature: "Heike Matthes",
		}},
		{"English", "I'd like to register.\n\nBest regards,\nPriya Raman\nKreuzberg Labs GmbH", want{
			new: "I'd like to register.", closing: "Best regards,", signature: "Priya Raman\nKreuzberg Labs GmbH",
		}},
		{"Kind regards, Regards, Cheers", "Count me in!\n\nCheers\nMax", want{
			new: "Count me in!", closing: "Cheers", signature: "Max",
		}},
		{"Thanks, as a closing when a name follows", "Please keep me posted.\n\nThanks,\nAylin Kaya", want{
			new: "Please keep me posted.", closing: "Thanks,", signature: "Aylin Kaya",
		}},
		{"Danke! followed by a question is text", "Danke!\n\nNoch eine Frage: gibt es Parkplätze in der Nähe, oder soll ich lieber mit der Bahn kommen?", want{
			new: "Danke!\n\nNoch eine Frage: gibt es Parkplätze in der Nähe, oder soll ich lieber mit der Bahn kommen?",
		}},
		{"thanks at the very end stays text", "Bitte melden Sie mich an.\n\nVielen Dank!", want{
			new: "Bitte melden Sie mich an.\n\nVielen Dank!",
		}},
		{"closing continued on its line", "Ich komme gern.\n\nHerzliche Grüße und bis bald\nAnna Schmidt", want{
			new: "Ich komme gern.", closing: "Herzliche Grüße und bis bald", signature: "Anna Schmidt",
		}},
		{"English thanks and regards", "Please register me.\n\nThanks and best regards,\nJohn Smith\nACME Ltd.", want{
			new: "Please register me.", closing: "Thanks and best regards,", signature: "John Smith\nACME Ltd.",
		}},
		{"weekend wish before a name", "Ich bin dabei.\n\nSchönes Wochenende\nAnna", want{
			new: "Ich bin dabei.", closing: "Schönes Wochenende", signature: "Anna",
		}},
		{"thanks-and-greetings compounds", "Bitte melden Sie mich an.\n\nDanke & viele Grüße\nNadine Roth\nCTO | Wolkenwerk Berlin GmbH", want{
			new: "Bitte melden Sie mich an.", closing: "Danke & viele Grüße", signature: "Nadine Roth\nCTO | Wolkenwerk Berlin GmbH",
		}},
		{"last closing wins", "Liebe Grüße an Ihr Team, wir freuen uns sehr auf den Termin und kommen zu zweit.\n\nViele Grüße\nAnna", want{
			new: "Liebe Grüße an Ihr Team, wir freuen uns sehr auf den Termin und kommen zu zweit.", closing: "Viele Grüße", signature: "Anna",
		}},
		{"im Auftrag belongs to the closing", "Ich melde ihn an.\n\nMit freundlichen Grüßen\nim Auftrag\n\nPetra Sommer\nSenatskanzlei Berlin", want{
			new: "Ich melde ihn an.", closing: "Mit freundlichen Grüßen\nim Auftrag", signature: "Petra Sommer\nSenatskanzlei Berlin",
		}},
		{"i. A. before the name", "Bitte setzen Sie uns auf die Liste.\n\nMit freundlichen Grüßen\ni. A. Ralf Dietrich\n\nLandesverwaltungsamt Berlin", want{
			new: "Bitte setzen Sie uns auf die Liste.", closing: "Mit freundlichen Grüßen\ni. A.", signature: "Ralf Dietrich\n\nLandesverwaltungsamt Berlin",
		}},
		{"closing, name, then sig dash", "gerne melde ich mich an.\n\nMit freundlichen Grüßen\nProf. Dr. Ralf Dorn\n\n-- \nHochschule für Technik und Wirtschaft Berlin\nTreskowallee 8, 10318 Berlin", want{
			new: "gerne melde ich mich an.", closing: "Mit freundlichen Grüßen", signature: "Prof. Dr. Ralf Dorn\n\nHochschule für Technik und Wirtschaft Berlin\nTreskowallee 8, 10318 Berlin",
		}},
		{"sig dash without closing", "Bitte merken Sie mich vor.\n\n-- \nLinuxhaus Berlin GmbH", want{
			new: "Bitte merken Sie mich vor.", signature: "Linuxhaus Berlin GmbH",
		}},
		{"only a signature", "\nMit freundlichen Grüßen\nFrank Ludwig\n\nSenatsverwaltung für Justiz\nSalzburger Straße 21-25, 10825 Berlin", want{
			closing: "Mit freundlichen Grüßen", signature: "Frank Ludwig\n\nSenatsverwaltung für Justiz\nSalzburger Straße 21-25, 10825 Berlin",
		}},
		{"only a dash signature", "-- \nAnna Schmidt", want{
			signature: "Anna Schmidt",
		}},
		{"P.S. after the signature is new text", "Ich komme.\n\nViele Grüße\nAnna\n\nPS: Ich bringe einen Kollegen mit.", want{
			new: "Ich komme.\n\nPS: Ich bringe einen Kollegen mit.", closing: "Viele Grüße", signature: "Anna",
		}},
	})
}

func TestSplitHeuristicSignature(t *testing.T) {
	runCases(t, []splitCase{
		{"name and unit after a finished sentence", "Hallo, bitte melden Sie mich für den Runden Tisch an. Danke!\nMustafa Celik\nBVG – Informationstechnik", want{
			new: "Hallo, bitte melden Sie mich für den Runden Tisch an. Danke!", signature: "Mustafa Celik\nBVG – Informationstechnik",
		}},
		{"bare first name after a sentence", "Kann ich morgen noch kommen? Würde mich gern anmelden.\nLeon", want{
			new: "Kann ich morgen noch kommen? Würde mich gern anmelden.", signature: "Leon",
		}},
		{"name with contact block after a blank line", "Ich melde mich an.\n\nAnna Schmidt\nFirma GmbH\nTel. 030 1234567", want{
			new: "Ich melde mich an.", signature: "Anna Schmidt\nFirma GmbH\nTel. 030 1234567",
		}},
		{"a list of attendees is not a signature", "Bitte melden Sie folgende Personen an:\nMax Muster\nErika Musterfrau", want{
			new: "Bitte melden Sie folgende Personen an:\nMax Muster\nErika Musterfrau",
		}},
		{"two names after a sentence are a list", "Wir kommen zu zweit.\nMax Muster\nErika Musterfrau", want{
			new: "Wir kommen zu zweit.\nMax Muster\nErika Musterfrau",
		}},
		{"an organisation alone is no signature", "Herr Reinhardt ist nicht mehr bei uns.\n\nSpreeware GmbH", want{
			new: "Herr Reinhardt ist nicht mehr bei uns.\n\nSpreeware GmbH",
		}},
	})
}

func TestSplitMobileFooters(t *testing.T) {
	for _, footer := range []string{
		"Von meinem iPhone gesendet",
		"Sent from my iPhone",
		"Sent from my iPad",
		"Gesendet von Outlook für Android<https://aka.ms/AAb9ysg>",
		"Get Outlook for iOS",
		"Von meinem Samsung Galaxy Smartphone gesendet.",
		"Diese Nachricht wurde von meinem Android-Mobiltelefon mit GMX Mail gesendet.",
		"Gesendet mit der WEB.DE Mail App",
		"Von meinem/meiner Galaxy gesendet",
		"Virenfrei. www.avast.com",
	} {
		runCases(t, []splitCase{
			{footer + " after a closing", "Ich komme.\n\nViele Grüße\nLena Krause\n\n" + footer, want{
				new: "Ich komme.", closing: "Viele Grüße", signature: "Lena Krause\n\n" + footer,
			}},
			{footer + " alone", "Bitte Infos zum Netzwerktag. Danke!\n\n" + footer, want{
				new: "Bitte Infos zum Netzwerktag. Danke!", signature: footer,
			}},
			{footer + " above a quote", "Ich komme.\n\n" + footer + "\n\n> Am 26.03.2024 um 13:15 schrieb X <x@example.de>:\n> Text", want{
				new: "Ich komme.", signature: footer, quotedPrefix: "> Am 26.03.2024",
				headers: []Header{{From: "X <x@example.de>", Date: "26.03.2024 um 13:15", Kind: "attribution"}},
			}},
		})
	}
}

func TestSplitDisclaimers(t *testing.T) {
	deConf := "Diese E-Mail kann vertrauliche und/oder rechtlich geschützte Informationen enthalten. Wenn Sie nicht der richtige Adressat sind oder diese E-Mail irrtümlich erhalten haben, informieren Sie bitte sofort den Absender und vernichten Sie diese Mail."
	enConf := "This e-mail may contain confidential and/or privileged information. If you are not the intended recipient (or have received this e-mail in error) please notify the sender immediately and delete this e-mail."
	runCases(t, []splitCase{
		{"German confidentiality paragraph", "Ich komme.\n\nViele Grüße\nTobias Reinhardt\nSpreeware GmbH\n\n" + deConf, want{
			new: "Ich komme.", closing: "Viele Grüße", signature: "Tobias Reinhardt\nSpreeware GmbH", disclaimer: deConf,
		}},
		{"bilingual with imprint paragraph", "Ich komme.\n\nBeste Grüße\nNils Hartmann\n\nBärlin Cloud GmbH | Wallstraße 9-13 | 10179 Berlin\n\nBärlin Cloud GmbH, Sitz: Berlin, Amtsgericht Charlottenburg, HRB 214077 B\nGeschäftsführer: Dr. Heike Strauß, Oliver Kranz\nUSt-IdNr.: DE 318 555 902\n\n" + deConf + "\n\n" + enConf, want{
			new: "Ich komme.", closing: "Beste Grüße", signature: "Nils Hartmann\n\nBärlin Cloud GmbH | Wallstraße 9-13 | 10179 Berlin",
			disclaimer: "Bärlin Cloud GmbH, Sitz: Berlin, Amtsgericht Charlottenburg, HRB 214077 B\nGeschäftsführer: Dr. Heike Strauß, Oliver Kranz\nUSt-IdNr.: DE 318 555 902\n\n" + deConf + "\n\n" + enConf,
		}},
		{"imprint lines at the end of the contact block", "Ich komme.\n\nViele Grüße\nAnna Schmidt\nFirma GmbH\nHauptstraße 1, 10115 Berlin\nGeschäftsführer: Max Muster\nAmtsgericht Charlottenburg, HRB 12345 B", want{
			new: "Ich komme.", closing: "Viele Grüße", signature: "Anna Schmidt\nFirma GmbH\nHauptstraße 1, 10115 Berlin",
			disclaimer: "Geschäftsführer: Max Muster\nAmtsgericht Charlottenburg, HRB 12345 B",
		}},
		{"Geschäftsführer as a role stays in the signature", "Ich komme.\n\nMit freundlichen Grüßen\nCarsten Wendt\nGeschäftsführer\nTuxberg Consulting GmbH", want{
			new: "Ich komme.", closing: "Mit freundlichen Grüßen", signature: "Carsten Wendt\nGeschäftsführer\nTuxberg Consulting GmbH",
		}},
		{"print reminder", "\nMit freundlichen Grüßen\nFrank Ludwig\n\nBitte prüfen Sie, ob der Ausdruck dieser E-Mail wirklich erforderlich ist.", want{
			closing: "Mit freundlichen Grüßen", signature: "Frank Ludwig", disclaimer: "Bitte prüfen Sie, ob der Ausdruck dieser E-Mail wirklich erforderlich ist.",
		}},
		{"disclaimer after sig dash and no name", "Ich komme.\n\n-- \nFirma GmbH\n\n" + enConf, want{
			new: "Ich komme.", signature: "Firma GmbH", disclaimer: enConf,
		}},
		{"newsletter opt-out footer", "Jetzt buchen!\n\nMit freundlichen Grüßen\nSven Kretschmer\n\nSie möchten keine weiteren Informationen von uns erhalten? Antworten Sie einfach mit „Abmelden“.", want{
			new: "Jetzt buchen!", closing: "Mit freundlichen Grüßen", signature: "Sven Kretschmer",
			disclaimer: "Sie möchten keine weiteren Informationen von uns erhalten? Antworten Sie einfach mit „Abmelden“.",
		}},
		{"a sender's own deletion request is never a disclaimer", "Bitte löschen Sie meine Daten aus Ihrem Verteiler, Datenschutz ist mir wichtig und ich möchte nichts mehr bekommen.", want{
			new: "Bitte löschen Sie meine Daten aus Ihrem Verteiler, Datenschutz ist mir wichtig und ich möchte nichts mehr bekommen.",
		}},
		{"impersonal deletion request without signature", "Hallo,\n\nbitte löschen Sie diese E-Mail-Adresse aus Ihrem Verteiler, sie wird nicht mehr genutzt und ist bald abgeschaltet.", want{
			new: "Hallo,\n\nbitte löschen Sie diese E-Mail-Adresse aus Ihrem Verteiler, sie wird nicht mehr genutzt und ist bald abgeschaltet.",
		}},
		{"disclaimer with no signature at all", "Ich komme.\n\n" + deConf, want{
			new: "Ich komme.", disclaimer: deConf,
		}},
	})
}

func TestSplitInvalidUTF8(t *testing.T) {
	p := Split("Hallo \xff\xfe\n\nViele Gr\xfc\xdfe\nAnna\n> x\xc3")
	if p.Quoted == "" {
		t.Errorf("quote lost: %+v", p)
	}
}

func TestNormalize(t *testing.T) {
	got := normalize("a\r\nb\rc\u00a0d\u200be <x@y.de<mailto:x@y.de>> [cid:image001.png@01DA]f")
	if want := "a\nb\nc de <x@y.de> f"; got != want {
		t.Errorf("normalize = %q, want %q", got, want)
	}
}

// TestMarkerPrefixes keeps the footer patterns cheap: each must start with
// a literal so that the regexp package can skip to candidates (see markers.go).
func TestMarkerPrefixes(t *testing.T) {
	for _, res := range [][]*fastre.Regexp{legalLinePatterns, optOutPatterns} {
		for _, re := range res {
			if p, _ := re.Regexp().LiteralPrefix(); p == "" {
				t.Errorf("pattern %q has no literal prefix", re)
			}
			if s := re.String(); s != strings.ToLower(s) {
				t.Errorf("pattern %q is matched against lower-cased text but has upper case", re)
			}
		}
	}
	for _, g := range disclaimerGroups {
		for _, sub := range g {
			if sub != strings.ToLower(sub) {
				t.Errorf("group phrase %q must be lower case", sub)
			}
		}
	}
}
