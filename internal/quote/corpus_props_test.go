package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// corpusProp is a property a corpus mail's split must have. The goldens pin
// the whole output; these say which parts of it matter and why, so that a
// golden update that breaks them fails loudly instead of being waved through.
type corpusProp struct {
	file  string
	check func(t *testing.T, p Parts)
}

func contains(t *testing.T, field, got string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(got, s) {
			t.Errorf("%s does not contain %q:\n%s", field, s, got)
		}
	}
}

func lacks(t *testing.T, field, got string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if strings.Contains(got, s) {
			t.Errorf("%s contains %q:\n%s", field, s, got)
		}
	}
}

func firstHeader(t *testing.T, p Parts, kind string) Header {
	t.Helper()
	if len(p.Headers) == 0 {
		t.Fatalf("no header found, want kind %q", kind)
	}
	if p.Headers[0].Kind != kind {
		t.Errorf("Headers[0].Kind = %q, want %q", p.Headers[0].Kind, kind)
	}
	return p.Headers[0]
}

var corpusProps = []corpusProp{
	// Replies quoting the whole invitation: only the first lines are new.
	{"001", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "gerne melde ich mich an")
		lacks(t, "New", p.New, "Netzwerktag", "vorgemerkt", "Informationen")
		contains(t, "Signature", p.Signature, "Prof. Dr. Ralf Dorn", "Hochschule für Technik und Wirtschaft Berlin")
		contains(t, "Quoted", p.Quoted, "Netzwerktag")
		firstHeader(t, p, "attribution")
	}},
	{"002", func(t *testing.T, p Parts) {
		if p.New != "Super Sache, ich bin dabei!" || p.Closing != "LG" || p.Signature != "Svenja" {
			t.Errorf("got New=%q Closing=%q Signature=%q", p.New, p.Closing, p.Signature)
		}
	}},
	{"003", func(t *testing.T, p Parts) {
		contains(t, "Signature", p.Signature, "Dr. Miriam Hoffmann", "Senatsverwaltung für Finanzen", "miriam.hoffmann@senfin.berlin.de")
		lacks(t, "Signature", p.Signature, "mailto:")
	}},
	{"004", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Runden Tisch an", "Netzwerktag vorgemerkt") // the sender's own words
		lacks(t, "New", p.New, "Showcases", "Heinlein")
		contains(t, "Signature", p.Signature, "Karsten Pohl", "Bezirksamt Charlottenburg-Wilmersdorf")
		h := firstHeader(t, p, "outlook")
		contains(t, "Headers[0].To", h.To, "Karsten.Pohl@charlottenburg-wilmersdorf.de")
	}},
	{"005", func(t *testing.T, p Parts) {
		contains(t, "Disclaimer", p.Disclaimer, "Dr. Jana Kowalczyk", "vertrauliche")
		lacks(t, "Signature", p.Signature, "Kowalczyk", "Ole Brandes")
		contains(t, "Signature", p.Signature, "Tobias Reinhardt", "Senior Consultant", "Spreeware GmbH")
	}},
	{"006", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Netzwerktag vor") // asked for by the sender
		lacks(t, "New", p.New, "Showcases", "Bitte melden Sie sich")
		firstHeader(t, p, "original-message")
		if p.Forwarded {
			t.Error("a reply is not a forward")
		}
	}},
	{"007", func(t *testing.T, p Parts) {
		lacks(t, "New", p.New, "iPhone")
		contains(t, "Signature", p.Signature, "Lena Krause", "Von meinem iPhone gesendet")
	}},
	{"008", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "beide Veranstaltungen")
		lacks(t, "New", p.New, "Netzwerktag", "Runder Tisch")
		contains(t, "Signature", p.Signature, "Nadine Roth", "Wolkenwerk Berlin GmbH")
	}},
	{"010", func(t *testing.T, p Parts) {
		if !p.Forwarded {
			t.Error("Forwarded = false")
		}
		contains(t, "New", p.New, "ich bin dabei!")
		lacks(t, "New", p.New, "Netzwerktag", "vormerken")
		h := firstHeader(t, p, "forward")
		contains(t, "Headers[0].From", h.From, "newsletter@berlin.ihk.de")
		contains(t, "Headers[0].Subject", h.Subject, "IHK-Newsletter")
	}},
	{"017", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Hiermit melde ich mich für den Runden Tisch an.")
		contains(t, "Signature", p.Signature, "Gregor Lindemann")
	}},
	{"055", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Bernd Kaiser", "b.kaiser@spreeware.de")
		lacks(t, "New", p.New, "nicht teilnehmen")
		contains(t, "Signature", p.Signature, "Tobias Reinhardt | Spreeware GmbH")
	}},
	{"057", func(t *testing.T, p Parts) {
		contains(t, "Disclaimer", p.Disclaimer, "Dr. Heike Strauß", "Oliver Kranz", "Maximilian von Alvensleben",
			"löschen Sie diese E-Mail", "intended recipient", "HRB 214077 B", "Umwelt")
		contains(t, "Signature", p.Signature, "Nils Hartmann", "Business Development Public Sector", "Bärlin Cloud GmbH | Wallstraße")
		lacks(t, "Signature", p.Signature, "Geschäftsführer", "Strauß", "löschen")
		lacks(t, "New", p.New, "löschen")
	}},
	{"059", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "1. Herrn Hakan Öztürk", "3. mich selbst")
		contains(t, "Signature", p.Signature, "Friederike Lange")
	}},
	{"086", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Tim Sauer (Leiter Entwicklung)")
		contains(t, "Signature", p.Signature, "Kathrin Behrendt", "OpenHavel Solutions GmbH")
		lacks(t, "Signature", p.Signature, "cid:")
	}},
	{"090", func(t *testing.T, p Parts) {
		if p.New != "" {
			t.Errorf("New = %q, want empty", p.New)
		}
		if !strings.HasPrefix(p.Signature, "Frank Ludwig") {
			t.Errorf("Signature = %q, want it to start with the name", p.Signature)
		}
		contains(t, "Signature", p.Signature, "Senatsverwaltung für Justiz und Verbraucherschutz")
		contains(t, "Disclaimer", p.Disclaimer, "Ausdruck dieser E-Mail")
	}},
	{"093", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Dr. Claudia Neumann", "an mich")
		lacks(t, "New", p.New, "Frau Fuchs, bitte")
		contains(t, "Signature", p.Signature, "Melanie Fuchs", "Bezirksamt Treptow-Köpenick")
		h := firstHeader(t, p, "outlook")
		contains(t, "Headers[0].From", h.From, "Claudia.Neumann@ba-tk.berlin.de")
		contains(t, "Quoted", p.Quoted, "bitte melden Sie mich")
	}},
	{"094", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Jonas Weber, jonas.weber@sensw.berlin.de\n", "Ich selbst bin ebenfalls dabei.")
		lacks(t, "New", p.New, "mailto:")
	}},
	{"102", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "siehe Screenshot", "Daher melde ich mich auf diesem Weg")
	}},
	{"107", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Statt mir kommt Frau Dr. Eva Roth")
		lacks(t, "New", p.New, "iPhone", "Christine Albers", "Falls Sie")
		contains(t, "Signature", p.Signature, "Christine Albers", "Von meinem iPhone gesendet")
		contains(t, "Quoted", p.Quoted, "Falls Sie nicht teilnehmen können")
		h := firstHeader(t, p, "attribution")
		contains(t, "Headers[0].From", h.From, "mail@heinlein-support.de")
	}},
	{"110", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "kurzfristig absagen")
		lacks(t, "New", p.New, "Falls Sie nicht teilnehmen", "bestätigen wir")
	}},
	{"112", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Herr Stefan Ott und Frau Birgit Lorenz")
		contains(t, "Signature", p.Signature, "Christine Albers", "Bezirksamt Pankow")
	}},
	{"114", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "ignorieren Sie meine Absage")
		lacks(t, "New", p.New, "leider muss ich meine Teilnahme")
		contains(t, "Quoted", p.Quoted, "leider muss ich meine Teilnahme")
		h := firstHeader(t, p, "original-message")
		contains(t, "Headers[0].From", h.From, "Beate.Schroeder@ba-fk.berlin.de")
	}},
	{"120", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Herr Lindner kann leider nicht teilnehmen")
		lacks(t, "New", p.New, "Kai-Uwe")
		contains(t, "Signature", p.Signature, "Sabine Albrecht", "Linowa IT-Services GmbH")
		firstHeader(t, p, "original-message")
	}},
	{"123", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "nicht dabei sein können")
		lacks(t, "New", p.New, "Runder Tisch", "Falls Sie")
		if p.Closing != "LG" || p.Signature != "Svenja Busch" {
			t.Errorf("Closing=%q Signature=%q", p.Closing, p.Signature)
		}
	}},
	{"127", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "heute leider nicht kommen", "Viel Erfolg beim Runden Tisch!")
		lacks(t, "New", p.New, "Lena Krause", "iPhone")
		contains(t, "Signature", p.Signature, "Lena Krause")
	}},
	{"141", func(t *testing.T, p Parts) {
		if !strings.HasPrefix(p.Signature, "Ralf Dietrich") {
			t.Errorf("Signature = %q, want it to start with the name", p.Signature)
		}
		contains(t, "Signature", p.Signature, "Landesverwaltungsamt Berlin")
	}},
	{"158", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "Frau Ines Gottschalk und Herrn Malik Hassan")
		if !strings.HasPrefix(p.Signature, "Ines Gottschalk") {
			t.Errorf("Signature = %q", p.Signature)
		}
	}},
	{"159", func(t *testing.T, p Parts) {
		if !p.Forwarded {
			t.Error("Forwarded = false")
		}
		contains(t, "New", p.New, "andreas.hahn@stadtwerk-code.de", "Netzwerktag am 19. Juni")
		lacks(t, "New", p.New, "Schau mal", "Bitte melden Sie sich")
		contains(t, "Signature", p.Signature, "Kerstin Vogt", "Stadtwerk Code GmbH")
		if len(p.Headers) != 2 {
			t.Fatalf("got %d headers, want the two forwarded blocks", len(p.Headers))
		}
		contains(t, "Headers[0].From", p.Headers[0].From, "andreas.hahn@stadtwerk-code.de")
		contains(t, "Headers[1].From", p.Headers[1].From, "mail@heinlein-support.de")
	}},
	{"161", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "verbindlich an")
		lacks(t, "New", p.New, "keine weiteren Informationen")
	}},
	{"162", func(t *testing.T, p Parts) {
		contains(t, "New", p.New, "bitten wir um Löschung")
		contains(t, "Signature", p.Signature, "Sabine Haller", "Behördliche Datenschutzbeauftragte", "Bezirksamt Neukölln")
		contains(t, "Disclaimer", p.Disclaimer, "vertrauliche Informationen", "löschen Sie diese Nachricht")
		lacks(t, "Signature", p.Signature, "löschen")
	}},
}

func TestCorpusProperties(t *testing.T) {
	mails := loadCorpus(t)
	byPrefix := map[string]corpusMail{}
	for _, m := range mails {
		byPrefix[m.name[:3]] = m
	}
	for _, cp := range corpusProps {
		m, ok := byPrefix[cp.file]
		if !ok {
			t.Errorf("corpus mail %s missing", cp.file)
			continue
		}
		t.Run(m.name, func(t *testing.T) { cp.check(t, Split(m.text)) })
	}
}

// organiserText are sentences only the organisers' own mails contain. No
// corpus sender writes them, so wherever they show up in New a quote or a
// forward was missed.
var organiserText = []string{
	"Vorankündigung: Am 19. Juni",
	"Falls Sie nicht teilnehmen können",
	"Möchten Sie keine weiteren Informationen erhalten",
	"Bitte melden Sie sich bis zum 12. April",
	"Ihr Veranstaltungsteam der Heinlein Gruppe",
}

func TestCorpusInvariants(t *testing.T) {
	for _, m := range loadCorpus(t) {
		p := Split(m.text)
		for _, s := range organiserText {
			if strings.Contains(p.New, s) {
				t.Errorf("%s: New contains organiser text %q", m.name, s)
			}
		}
		for _, l := range strings.Split(p.New, "\n") {
			if quoteDepth(l) > 0 {
				t.Errorf("%s: New contains a quoted line %q", m.name, l)
			}
		}
		checkInvariants(t, m.name, m.text, p)
	}
}

// checkInvariants holds for every input: valid UTF-8 out when valid UTF-8
// in, and New made only of the input's own lines, in their order.
func checkInvariants(t *testing.T, name, in string, p Parts) {
	t.Helper()
	if utf8.ValidString(in) {
		for field, s := range map[string]string{"New": p.New, "Closing": p.Closing, "Signature": p.Signature, "Disclaimer": p.Disclaimer, "Quoted": p.Quoted} {
			if !utf8.ValidString(s) {
				t.Errorf("%s: %s is not valid UTF-8", name, field)
			}
		}
	}
	if !isLineSubsequence(p.New, normalize(in)) {
		t.Errorf("%s: New is not a subsequence of the input lines:\n%q", name, p.New)
	}
}

func isLineSubsequence(sub, full string) bool {
	src := strings.Split(full, "\n")
	j := 0
	for _, l := range strings.Split(sub, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		for j < len(src) && strings.TrimSpace(src[j]) != l {
			j++
		}
		if j == len(src) {
			return false
		}
		j++
	}
	return true
}

// TestRealWorldMail runs Split over third-party mail (bounces, auto-replies,
// deliberately malformed messages) both decoded and as raw bytes: it must
// neither panic nor take long, whatever it finds.
func TestRealWorldMail(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/realworld/*/*.eml")
	if len(files) == 0 {
		t.Skip("no real-world mail in ../../testdata/realworld")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs := []string{string(raw)}
		if text, err := decodeMailText(raw); err == nil {
			inputs = append(inputs, text)
		}
		for _, in := range inputs {
			start := time.Now()
			p := Split(in)
			// Generous: this only catches blow-ups, not a loaded machine.
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("%s: Split took %v", filepath.Base(f), d)
			}
			checkInvariants(t, filepath.Base(f), in, p)
		}
	}
}

// TestLargeInputs feeds a megabyte of each shape that could make a
// line-oriented splitter quadratic: header-like lines, closing-like lines,
// name-like lines, one endless line, an endless paragraph. A quadratic
// algorithm takes minutes on these; the bound only has to tell that apart
// from a slow machine.
func TestLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs skipped in -short mode")
	}
	para := "Open Source ist für eine digital souveräne Verwaltung und für viele Berliner Unternehmen längst mehr als ein Nischenthema.\n"
	inputs := map[string]string{
		"header lines":   strings.Repeat("Von: x\n", 100000),
		"closing lines":  strings.Repeat("Viele Grüße\n", 80000),
		"name lines":     strings.Repeat("Anna Schmidt\n", 80000),
		"legal lines":    strings.Repeat("Geschäftsführer: A B\n\n", 50000),
		"one line":       strings.Repeat("a", 1<<20),
		"one paragraph":  strings.Repeat(para, 8000),
		"quote levels":   strings.Repeat(">", 1<<20),
		"attributions":   strings.Repeat("Am 1.1.2024 um 10:00 schrieb X\n", 30000),
		"sig dashes":     strings.Repeat("-- \n", 100000),
		"quoted history": "Ja.\n\nAm 1.1.2024 um 10:00 schrieb X <x@y.de>:\n" + strings.Repeat("> "+para, 8000),
	}
	for name, in := range inputs {
		start := time.Now()
		p := Split(in)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s (%d bytes): Split took %v", name, len(in), d)
		}
		checkInvariants(t, name, in, p)
	}
}

func FuzzSplit(f *testing.F) {
	for _, m := range loadCorpus(f) {
		f.Add(m.text)
	}
	for _, s := range []string{
		"", "\n", "-- ", "> ", ">>>>", "Am", "On x wrote:", "Von: a\nGesendet: b\nAn: c\nBetreff: d",
		"LG", "Beste Grüße, Anna", "\xff\xfe", "____________\nVon: x", "Am 1.1.2024 um 10:00 schrieb\n",
		"-----Ursprüngliche Nachricht-----", "P.S.", "i. A.", "\r\r\r", strings.Repeat("> a\n", 50),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		p := Split(in)
		checkInvariants(t, "fuzz", in, p)
	})
}

func BenchmarkSplit(b *testing.B) {
	mails := loadCorpus(b)
	total := 0
	for _, m := range mails {
		total += len(m.text)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range mails {
			Split(m.text)
		}
	}
}
