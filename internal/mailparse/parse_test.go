package mailparse

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
)

// mustParse parses raw with the default limits and fails the test on error.
func mustParse(t *testing.T, raw string) *Message {
	t.Helper()
	m, err := ParseBytes([]byte(raw))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return m
}

// checkProblem asserts that some problem contains want, or that there is
// none when want is "".
func checkProblem(t *testing.T, m *Message, want string) {
	t.Helper()
	if want == "" {
		if len(m.Problems) > 0 {
			t.Errorf("Problems = %q, want none", m.Problems)
		}
		return
	}
	for _, p := range m.Problems {
		if strings.Contains(p, want) {
			return
		}
	}
	t.Errorf("Problems = %q, want one containing %q", m.Problems, want)
}

const hdr = "From: a@example.org\nTo: b@example.org\nDate: Thu, 18 Apr 2024 10:00:00 +0200\nSubject: s\n"

func TestBodyCharsets(t *testing.T) {
	tests := []struct {
		name, header, body string
		want, problem      string
	}{
		{"utf-8 8bit", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n",
			"Grüße aus Köln – „gern“", "Grüße aus Köln – „gern“", ""},
		{"latin1 label with cp1252 bytes", "Content-Type: text/plain; charset=iso-8859-1\n",
			"\x84Open Source\x93 \x96 Gr\xfc\xdfe", "„Open Source“ – Grüße", ""},
		{"windows-1252", "Content-Type: text/plain; charset=\"windows-1252\"\n",
			"Preis: 10 \x80, \x84Tisch\x93", "Preis: 10 €, „Tisch“", ""},
		{"iso-8859-15", "Content-Type: text/plain; charset=ISO-8859-15\n",
			"10 \xa4 f\xfcr \xbduvre", "10 € für œuvre", ""},
		{"utf-8 label with latin1 bytes", "Content-Type: text/plain; charset=utf-8\n",
			"Gr\xfc\xdfe und Gr\xc3\xbc\xc3\x9fe", "Grüße und Grüße", ""},
		{"no charset, 8-bit utf-8", "", "Schöne Grüße", "Schöne Grüße", ""},
		{"us-ascii label with 8-bit", "Content-Type: text/plain; charset=us-ascii\n", "K\xf6ln", "Köln", ""},
		{"doubled charset parameter", "Content-Type: text/plain; charset=\"charset=utf-8\"\n", "Köln", "Köln", ""},
		{"utf-7", "Content-Type: text/plain; charset=unicode-1-1-utf-7\n", "Gr+APwA3w-e, 1+-1", "Grüße, 1+1", ""},
		{"unknown charset", "Content-Type: text/plain; charset=x-klingon\n", "Gr\xfc\xdfe", "Grüße", `unknown charset "x-klingon"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, hdr+tt.header+"\n"+tt.body+"\n")
			if m.Text != tt.want {
				t.Errorf("Text = %q, want %q", m.Text, tt.want)
			}
			checkProblem(t, m, tt.problem)
		})
	}
}

// An HTML part may name its charset only in a <meta> element.
func TestHTMLMetaCharset(t *testing.T) {
	tests := []struct {
		name, ctype, html, want string
	}{
		{"meta charset, iso-8859-2", "text/html", "<html><head><meta charset=\"iso-8859-2\"></head><body><p>Dzi\xeakuj\xea, \xa3\xf3d\xbc</p></body></html>", "Dziękuję, Łódź"},
		{"http-equiv, koi8-r", "text/html", "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body>\xf0\xd2\xc9\xd7\xc5\xd4</body></html>", "Привет"},
		{"meta utf-8", "text/html", `<meta charset="utf-8"><p>Grüße</p>`, "Grüße"},
		{"meta windows-1252 with latin1 bytes", "text/html", "<meta charset=\"windows-1252\"><p>Gr\xfc\xdfe \x84Tisch\x93</p>", "Grüße „Tisch“"},
		{"no meta: utf-8 and stray latin1 as before", "text/html", "<p>Gr\xfc\xdfe und Grüße</p>", "Grüße und Grüße"},
		{"header wins over meta", "text/html; charset=utf-8", `<meta charset="iso-8859-2"><p>Grüße</p>`, "Grüße"},
		{"utf-16le byte order mark", "text/html", "\xff\xfe<\x00p\x00>\x00K\x00\xf6\x00l\x00n\x00", "Köln"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, hdr+"Content-Type: "+tt.ctype+"\nContent-Transfer-Encoding: 8bit\n\n"+tt.html)
			if strings.TrimSpace(m.Text) != tt.want {
				t.Errorf("Text = %q, want %q", m.Text, tt.want)
			}
			checkProblem(t, m, "")
		})
	}
}

func TestTransferEncodings(t *testing.T) {
	tests := []struct {
		name, header, body string
		want, problem      string
	}{
		{"quoted-printable", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n",
			"Gr=C3=BC=C3=9Fe aus einer sehr langen Zeile, die umbrochen=\n wurde. a=3Db, 100=25 =e2=80=93 ok",
			"Grüße aus einer sehr langen Zeile, die umbrochen wurde. a=b, 100% – ok", ""},
		{"quoted-printable latin1, invalid escapes kept", "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: Quoted-Printable\n",
			"F=FCr =ZZ und 5=\r\n0 =\r\nProzent   \r\nEnde",
			"Für =ZZ und 50 Prozent\nEnde", ""},
		{"base64 utf-8", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n",
			"R3LDvMOfZSBhdXMg\nS8O2bG4=\n", "Grüße aus Köln", ""},
		{"base64 cp1252", "Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: base64\n",
			"hE9wZW4gU291cmNlkyCWIEdy/N9l\n", "„Open Source“ – Grüße", ""},
		{"damaged base64", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n",
			"R3LDvMOfZSBhdXMg!!\nS8O2bG4=\n", "Grüße aus Köln", "damaged base64"},
		{"unknown transfer encoding", "Content-Type: text/plain\nContent-Transfer-Encoding: x-uuencode\n",
			"begin 644 x", "begin 644 x", `unknown transfer encoding "x-uuencode"`},
		{"misspelt 7bit", "Content-Type: text/plain\nContent-Transfer-Encoding: 7-bit\n", "plain", "plain", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, hdr+tt.header+"\n"+tt.body+"\n")
			if m.Text != tt.want {
				t.Errorf("Text = %q, want %q", m.Text, tt.want)
			}
			checkProblem(t, m, tt.problem)
		})
	}
}

func TestSubjects(t *testing.T) {
	tests := []struct {
		name, subject string
		want, problem string
	}{
		{"utf-8 Q", "=?utf-8?Q?Anmeldung_f=C3=BCr_den_Runden_Tisch?=", "Anmeldung für den Runden Tisch", ""},
		{"utf-8 B", "=?UTF-8?B?QW5tZWxkdW5nIGbDvHIgZGVuIFJ1bmRlbiBUaXNjaA==?=", "Anmeldung für den Runden Tisch", ""},
		{"latin1 Q", "=?iso-8859-1?Q?Anmeldung_f=FCr_Gro=DFe?=", "Anmeldung für Große", ""},
		{"latin1 B", "=?ISO-8859-1?B?QW5tZWxkdW5nIGb8cg==?=", "Anmeldung für", ""},
		{"cp1252 Q", "=?windows-1252?Q?Anmeldung_=96_Runder_Tisch_=84Open_Source=93?=", "Anmeldung – Runder Tisch „Open Source“", ""},
		{"cp1252 B", "=?windows-1252?B?liCEamEikw==?=", "– „ja\"“", ""},
		{"cp1252 bytes in latin1 word", "=?iso-8859-1?Q?=84Tisch=93?=", "„Tisch“", ""},
		{"folded words", "=?utf-8?Q?Best=C3=A4tigung_Ihrer_Anmeldung=3A_Runder_Tisch_=E2=80=9EOpen_Sou?=\n =?utf-8?Q?rce_in_Berlin=E2=80=9C?=",
			"Bestätigung Ihrer Anmeldung: Runder Tisch „Open Source in Berlin“", ""},
		{"plain and encoded", "AW: =?utf-8?Q?Gr=C3=BC=C3=9Fe?= aus Berlin", "AW: Grüße aus Berlin", ""},
		{"raw 8-bit utf-8", "Anmeldung für den Runden Tisch (18.04.)", "Anmeldung für den Runden Tisch (18.04.)", ""},
		{"raw latin1", "Anmeldung f\xfcr Gro\xdfe \x84Tische\x93", "Anmeldung für Große „Tische“", ""},
		{"unknown charset", "=?x-klingon?Q?Gr=FC=DFe?=", "Grüße", "unknown charset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, "From: a@example.org\nDate: Thu, 18 Apr 2024 10:00:00 +0200\nSubject: "+tt.subject+"\n\nx\n")
			if m.Subject != tt.want {
				t.Errorf("Subject = %q, want %q", m.Subject, tt.want)
			}
			if got := m.Get("Subject"); got != tt.want {
				t.Errorf("Get(Subject) = %q, want %q", got, tt.want)
			}
			checkProblem(t, m, tt.problem)
		})
	}
}

func TestAddresses(t *testing.T) {
	tests := []struct {
		name, field string
		want        []Address
	}{
		{"plain", "Jörg Schwarz <Joerg@Schwarz-IT.berlin>", []Address{{"Jörg Schwarz", "joerg@schwarz-it.berlin"}}},
		{"bare", "mail@heinlein-support.de", []Address{{"", "mail@heinlein-support.de"}}},
		{"quoted Nachname, Vorname", `"Hoffmann, Miriam" <miriam.hoffmann@senfin.berlin.de>`, []Address{{"Hoffmann, Miriam", "miriam.hoffmann@senfin.berlin.de"}}},
		{"unquoted Nachname, Vorname", `Hoffmann, Miriam <miriam.hoffmann@senfin.berlin.de>`, []Address{{"Hoffmann, Miriam", "miriam.hoffmann@senfin.berlin.de"}}},
		{"encoded word with =2C", `=?utf-8?Q?Y=C4=B1lmaz=2C_Fatma?= <fatma.yilmaz@itdz-berlin.de>`, []Address{{"Yılmaz, Fatma", "fatma.yilmaz@itdz-berlin.de"}}},
		{"latin1 encoded word with comma", `=?iso-8859-1?Q?Kr=FCger=2C_Martin_Dr=2E?= <m.krueger@ba-spandau.berlin.de>`, []Address{{"Krüger, Martin Dr.", "m.krueger@ba-spandau.berlin.de"}}},
		{"encoded word inside quotes", `"=?iso-8859-1?Q?G=E4rtner=2C_Yvonne?=" <yvonne.gaertner@bim-berlin.de>`, []Address{{"Gärtner, Yvonne", "yvonne.gaertner@bim-berlin.de"}}},
		{"cp1252 encoded word", `=?windows-1252?Q?H=FCbner=2C_Gerlinde_=96_LEA?= <gerlinde.huebner@lea.berlin.de>`, []Address{{"Hübner, Gerlinde – LEA", "gerlinde.huebner@lea.berlin.de"}}},
		{"raw utf-8 name", "Jörg Schwarz <joerg@schwarz-it.berlin>", []Address{{"Jörg Schwarz", "joerg@schwarz-it.berlin"}}},
		{"raw latin1 name", "J\xf6rg Schwarz <joerg@schwarz-it.berlin>", []Address{{"Jörg Schwarz", "joerg@schwarz-it.berlin"}}},
		{"capitals", `"KOCH, JENS" <JENS.KOCH@BA-MH.BERLIN.DE>`, []Address{{"KOCH, JENS", "jens.koch@ba-mh.berlin.de"}}},
		{"comment name", "info@tuxberg-consulting.de (Carsten Wendt)", []Address{{"Carsten Wendt", "info@tuxberg-consulting.de"}}},
		{"name that is the address", `"info@example.org" <info@example.org>`, []Address{{"", "info@example.org"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, "From: "+tt.field+"\nDate: Thu, 18 Apr 2024 10:00:00 +0200\n\nx\n")
			if !reflect.DeepEqual(m.From, tt.want) {
				t.Errorf("From = %#v, want %#v", m.From, tt.want)
			}
			checkProblem(t, m, "")
		})
	}
}

func TestFromWithoutAddress(t *testing.T) {
	m := mustParse(t, "From: Poststelle\nDate: Thu, 18 Apr 2024 10:00:00 +0200\n\nx\n")
	if len(m.From) != 0 {
		t.Errorf("From = %#v", m.From)
	}
	checkProblem(t, m, `the From header "Poststelle" holds no address`)

	// The null sender of a delivery report is no problem.
	m = mustParse(t, "From: Mail Delivery System <>\nDate: Thu, 18 Apr 2024 10:00:00 +0200\n\nx\n")
	if len(m.From) != 0 {
		t.Errorf("From = %#v", m.From)
	}
	checkProblem(t, m, "")
}

func TestAddressLists(t *testing.T) {
	raw := "From: =?utf-8?Q?Runge=2C_Stefanie?= <stefanie.runge@itdz-berlin.de>\n" +
		"Reply-To: Sekretariat Abt. V <sekretariat@senatskanzlei.berlin.de>\n" +
		"To: mail@heinlein-support.de\n" +
		"Cc: Vollmer, Anke <anke.vollmer@itdz-berlin.de>, \"Lutz, Kevin\" <kevin.lutz@itdz-berlin.de>,\n" +
		" bernd@example.org, Jana Petersen\n <jana.petersen@itdz-berlin.de>\n" +
		"Date: Thu, 18 Apr 2024 10:00:00 +0200\n\nText\n"
	m := mustParse(t, raw)
	wantReply := []Address{{"Sekretariat Abt. V", "sekretariat@senatskanzlei.berlin.de"}}
	if !reflect.DeepEqual(m.ReplyTo, wantReply) {
		t.Errorf("ReplyTo = %#v, want %#v", m.ReplyTo, wantReply)
	}
	wantTo := []Address{{"", "mail@heinlein-support.de"}}
	if !reflect.DeepEqual(m.To, wantTo) {
		t.Errorf("To = %#v, want %#v", m.To, wantTo)
	}
	wantCc := []Address{
		{"Vollmer, Anke", "anke.vollmer@itdz-berlin.de"},
		{"Lutz, Kevin", "kevin.lutz@itdz-berlin.de"},
		{"", "bernd@example.org"},
		{"Jana Petersen", "jana.petersen@itdz-berlin.de"},
	}
	if !reflect.DeepEqual(m.Cc, wantCc) {
		t.Errorf("Cc = %#v, want %#v", m.Cc, wantCc)
	}
	if got := m.FirstFrom(); got != (Address{"Runge, Stefanie", "stefanie.runge@itdz-berlin.de"}) {
		t.Errorf("FirstFrom = %#v", got)
	}
	checkProblem(t, m, "")
}

func TestReturnPath(t *testing.T) {
	tests := []struct {
		field string
		want  string
		has   bool
	}{
		{"Return-Path: <Bounce+1@Example.org>\n", "bounce+1@example.org", true},
		{"Return-Path: <>\n", "", true},
		{"", "", false},
	}
	for _, tt := range tests {
		m := mustParse(t, tt.field+hdr+"\nx\n")
		if m.ReturnPath != tt.want || m.HasReturnPath != tt.has {
			t.Errorf("%q: ReturnPath = %q, %v; want %q, %v", tt.field, m.ReturnPath, m.HasReturnPath, tt.want, tt.has)
		}
	}
}

func TestParseAddressListLoose(t *testing.T) {
	tests := []struct {
		in   string
		want []Address
	}{
		{"", nil},
		{"Hoffmann, Miriam <m.h@x.de>; Pohl, Karsten <K.Pohl@x.de>", []Address{{"Hoffmann, Miriam", "m.h@x.de"}, {"Pohl, Karsten", "k.pohl@x.de"}}},
		{"a@x.de, Bob <b@y.de>", []Address{{"", "a@x.de"}, {"Bob", "b@y.de"}}},
		{"a@x.de (Anna), Bob <b@y.de>", []Address{{"Anna", "a@x.de"}, {"Bob", "b@y.de"}}},
		{"anke.vollmer@itdz-berlin.de<mailto:anke.vollmer@itdz-berlin.de>", []Address{{"", "anke.vollmer@itdz-berlin.de"}}},
		{"x <a@x.de>, y <A@X.DE>", []Address{{"x", "a@x.de"}}},
		{"no address here", nil},
	}
	for _, tt := range tests {
		if got := ParseAddressListLoose(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseAddressListLoose(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestThreading(t *testing.T) {
	tests := []struct {
		name, fields   string
		id             string
		inReplyTo, ref []string
	}{
		{"brackets", "Message-ID: <abc@x.de>\nIn-Reply-To: <confirm-1@heinlein-support.de>\nReferences: <r1@x.de>\n <r2@y.de> <confirm-1@heinlein-support.de>\n",
			"abc@x.de", []string{"confirm-1@heinlein-support.de"}, []string{"r1@x.de", "r2@y.de", "confirm-1@heinlein-support.de"}},
		{"without brackets", "Message-Id: abc@x.de\nIn-Reply-To: confirm-1@heinlein-support.de\nReferences: r1@x.de, r2@y.de\n",
			"abc@x.de", []string{"confirm-1@heinlein-support.de"}, []string{"r1@x.de", "r2@y.de"}},
		{"comment after id", "Message-ID: <abc@x.de> (added by postmaster)\nIn-Reply-To: <i@x.de> (Heinlein Support's message of Mon)\n",
			"abc@x.de", []string{"i@x.de"}, nil},
		{"none", "", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, "From: a@x.de\nDate: Thu, 18 Apr 2024 10:00:00 +0200\n"+tt.fields+"\nx\n")
			if m.MessageID != tt.id {
				t.Errorf("MessageID = %q, want %q", m.MessageID, tt.id)
			}
			if !reflect.DeepEqual(m.InReplyTo, tt.inReplyTo) {
				t.Errorf("InReplyTo = %q, want %q", m.InReplyTo, tt.inReplyTo)
			}
			if !reflect.DeepEqual(m.References, tt.ref) {
				t.Errorf("References = %q, want %q", m.References, tt.ref)
			}
		})
	}
}

func TestDates(t *testing.T) {
	berlin := time.FixedZone("", 2*3600)
	tests := []struct {
		name, field string
		want        time.Time
		problem     string
	}{
		{"rfc 5322", "Date: Thu, 18 Apr 2024 10:00:00 +0200\n", time.Date(2024, 4, 18, 10, 0, 0, 0, berlin), ""},
		{"no comma, comment", "Date: Thu 18 Apr 2024 10:00:00 +0200 (CEST)\n", time.Date(2024, 4, 18, 10, 0, 0, 0, berlin), ""},
		{"long weekday", "Date: Thursday, 18 Apr 2024 10:00:00 +0200\n", time.Date(2024, 4, 18, 10, 0, 0, 0, berlin), ""},
		{"missing", "", time.Time{}, "no Date header"},
		{"bad", "Date: demnächst\n", time.Time{}, `the Date header "demnächst" is not a date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, "From: a@x.de\n"+tt.field+"\nx\n")
			if !m.Date.Equal(tt.want) {
				t.Errorf("Date = %v, want %v", m.Date, tt.want)
			}
			checkProblem(t, m, tt.problem)
		})
	}
}

func TestAlternativePrefersPlain(t *testing.T) {
	m := mustParse(t, hdr+`Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8

Plain text.
--alt
Content-Type: text/html; charset=utf-8

<p>HTML text.</p>
--alt--
`)
	if m.Text != "Plain text." || m.FromHTML {
		t.Errorf("Text = %q, FromHTML = %v", m.Text, m.FromHTML)
	}
	if m.ContentType != "multipart/alternative" {
		t.Errorf("ContentType = %q", m.ContentType)
	}
	checkProblem(t, m, "")

	// An empty plain alternative does not count.
	m = mustParse(t, hdr+`Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8


--alt
Content-Type: text/html; charset=utf-8

<p>HTML text.</p>
--alt--
`)
	if m.Text != "HTML text." || !m.FromHTML {
		t.Errorf("empty plain: Text = %q, FromHTML = %v", m.Text, m.FromHTML)
	}
}

func TestHTMLOnly(t *testing.T) {
	m := mustParse(t, hdr+`Content-Type: text/html; charset=us-ascii
Content-Transfer-Encoding: quoted-printable

<html><head><style>p {color: red}</style><title>x</title></head><body>
<h1>Anmeldung</h1>
<p>ich w&uuml;rde gern am Runden Tisch &bdquo;Open Source&ldquo; am 18.&nbsp;April teilnehmen und =
meinen <b>Kollegen</b> mitbringen (<a href=3D"mailto:s_nguyen@stud.hwr-berlin.de">Paul Nguyen</a>=
).</p>
<p class=3DMsoNormal><span>Mit freundlichen Gr</span><span>&uuml;&szlig;en<o:p></o:p></span></p>
<p class=3DMsoNormal><o:p>&nbsp;</o:p></p>
<p class=3DMsoNormal>Prof. Dr. Sabine Marquardt</p>
<p class=3DMsoNormal><a href=3D"https://www.hwr-berlin.de">www.hwr-berlin.de</a></p>
<table><tr><td>Tel.:</td><td>030 1234</td></tr><tr><td>Raum</td><td>A 1</td></tr></table>
</body></html>
`)
	want := "Anmeldung\n\n" +
		"ich würde gern am Runden Tisch „Open Source“ am 18. April teilnehmen und meinen Kollegen mitbringen (Paul Nguyen ( s_nguyen@stud.hwr-berlin.de )).\n\n" +
		"Mit freundlichen Grüßen\n\nProf. Dr. Sabine Marquardt\n" +
		"www.hwr-berlin.de ( https://www.hwr-berlin.de )\n\n" +
		"Tel.: 030 1234\nRaum | A 1"
	if m.Text != want {
		t.Errorf("Text =\n%q\nwant\n%q", m.Text, want)
	}
	if !m.FromHTML || m.ContentType != "text/html" {
		t.Errorf("FromHTML = %v, ContentType = %q", m.FromHTML, m.ContentType)
	}
	checkProblem(t, m, "")
}

func TestHTMLTooDeep(t *testing.T) {
	// x/net/html refuses more than 512 open elements; the text is still read.
	body := strings.Repeat("<div><font>", 300) + "<p>Ich melde mich an:<br><b>Paul</b> (<a href=\"mailto:p@x.de\">Mail</a>)</p><style>p{}</style><p>Gr&uuml;&szlig;e</p>"
	m := mustParse(t, hdr+"Content-Type: text/html; charset=utf-8\n\n"+body)
	if want := "Ich melde mich an:\nPaul (Mail ( p@x.de ))\nGrüße"; m.Text != want {
		t.Errorf("Text = %q, want %q", m.Text, want)
	}
	checkProblem(t, m, "")
}

func TestMixedTwoTextPartsAroundImage(t *testing.T) {
	m := mustParse(t, hdr+`Content-Type: multipart/mixed; boundary="Apple-Mail-1"

--Apple-Mail-1
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

siehe Screenshot:

--Apple-Mail-1
Content-Type: image/png; name="Bildschirmfoto 1.png"
Content-Disposition: inline; filename="Bildschirmfoto 1.png"
Content-Transfer-Encoding: base64

iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk
YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
--Apple-Mail-1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable


Daher melde ich mich f=C3=BCr den Runden Tisch an.
--Apple-Mail-1--
`)
	if want := "siehe Screenshot:\n\nDaher melde ich mich für den Runden Tisch an."; m.Text != want {
		t.Errorf("Text = %q, want %q", m.Text, want)
	}
	want := []Attachment{{Filename: "Bildschirmfoto 1.png", ContentType: "image/png", Size: 70, Inline: true}}
	if !reflect.DeepEqual(m.Attachments, want) {
		t.Errorf("Attachments = %#v, want %#v", m.Attachments, want)
	}
	checkProblem(t, m, "")
}

func TestAttachmentFilenames(t *testing.T) {
	tests := []struct {
		name, disposition, ctype string
		want                     string
	}{
		{"RFC 2231 utf-8", "attachment; filename*=utf-8''Firmenprofil_M%C3%A4rz_2024.pdf", "application/pdf", "Firmenprofil_März_2024.pdf"},
		{"RFC 2231 latin1 continuation", "attachment;\n filename*0*=iso-8859-1''Firmenprofil_M%E4rz;\n filename*1*=_2024.pdf", "application/pdf", "Firmenprofil_März_2024.pdf"},
		{"RFC 2047 in name", "attachment", "application/pdf; name=\"=?utf-8?Q?Firmenprofil=5FM=C3=A4rz.pdf?=\"", "Firmenprofil_März.pdf"},
		{"raw 8-bit", "attachment; filename=\"M\xe4rz.pdf\"", "application/pdf", "März.pdf"},
		{"unquoted special characters", "attachment; filename=Invoice_(1).pdf", "application/pdf", "Invoice_(1).pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, hdr+"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nText\n--b\n"+
				"Content-Type: "+tt.ctype+"\nContent-Disposition: "+tt.disposition+"\nContent-Transfer-Encoding: base64\n\n"+
				"JVBERi0xLjQK\n--b--\n")
			want := []Attachment{{Filename: tt.want, ContentType: "application/pdf", Size: 9}}
			if !reflect.DeepEqual(m.Attachments, want) {
				t.Errorf("Attachments = %#v, want %#v", m.Attachments, want)
			}
			if m.Text != "Text" {
				t.Errorf("Text = %q", m.Text)
			}
		})
	}
}

func TestEmbeddedMessage(t *testing.T) {
	m := mustParse(t, hdr+`Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain; charset=utf-8

Anbei die Einladung.
--outer
Content-Type: message/rfc822

From: IHK Berlin <newsletter@berlin.ihk.de>
To: "Lindemann, Gregor" <gregor.lindemann@ba-ts.berlin.de>
Subject: =?utf-8?Q?Einladung_f=C3=BCr_alle?=
Date: Wed, 20 Mar 2024 10:00:00 +0100
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Liebe G=C3=A4ste,
bitte melden Sie sich an.
--outer--
`)
	if m.Text != "Anbei die Einladung." {
		t.Errorf("Text = %q", m.Text)
	}
	if len(m.Embedded) != 1 {
		t.Fatalf("Embedded = %#v", m.Embedded)
	}
	e := m.Embedded[0]
	if !reflect.DeepEqual(e.From, []Address{{"IHK Berlin", "newsletter@berlin.ihk.de"}}) ||
		!reflect.DeepEqual(e.To, []Address{{"Lindemann, Gregor", "gregor.lindemann@ba-ts.berlin.de"}}) ||
		e.Subject != "Einladung für alle" || e.Text != "Liebe Gäste,\nbitte melden Sie sich an." || e.HeadersOnly {
		t.Errorf("Embedded = %+v", e)
	}
	if e.Header.Get("Date") != "Wed, 20 Mar 2024 10:00:00 +0100" {
		t.Errorf("Embedded Header Date = %q", e.Header.Get("Date"))
	}
	if len(m.Attachments) != 0 {
		t.Errorf("Attachments = %#v", m.Attachments)
	}
	checkProblem(t, m, "")
}

func TestDeliveryReport(t *testing.T) {
	m := mustParse(t, `From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: mail@heinlein-support.de
Date: Thu, 18 Apr 2024 10:00:00 +0200
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="r"

--r
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered.
--r
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; tom@example.com
Action: failed
Status: 5.1.1
--r
Content-Type: text/rfc822-headers

From: Heinlein Support <mail@heinlein-support.de>
To: tom@example.com
Subject: =?utf-8?Q?Best=C3=A4tigung?=
--r--
`)
	if m.ReportType != "delivery-status" || m.ContentType != "multipart/report" {
		t.Errorf("ReportType = %q, ContentType = %q", m.ReportType, m.ContentType)
	}
	if want := "I'm sorry to have to inform you that your message could not\nbe delivered."; m.Text != want {
		t.Errorf("Text = %q", m.Text)
	}
	if want := "Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; tom@example.com\nAction: failed\nStatus: 5.1.1\n"; m.DeliveryStatus != want {
		t.Errorf("DeliveryStatus = %q, want %q", m.DeliveryStatus, want)
	}
	if len(m.Embedded) != 1 {
		t.Fatalf("Embedded = %#v", m.Embedded)
	}
	e := m.Embedded[0]
	if !e.HeadersOnly || e.Subject != "Bestätigung" || e.Text != "" ||
		!reflect.DeepEqual(e.From, []Address{{"Heinlein Support", "mail@heinlein-support.de"}}) ||
		!reflect.DeepEqual(e.To, []Address{{"", "tom@example.com"}}) {
		t.Errorf("Embedded = %+v", e)
	}
	checkProblem(t, m, "")
}

func TestSigned(t *testing.T) {
	m := mustParse(t, hdr+`Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="sig"

This is a cryptographically signed message in MIME format.

--sig
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8

Signierter Text.
--alt
Content-Type: text/html; charset=utf-8

<p>Signierter Text.</p>
--alt--

--sig
Content-Type: application/pkcs7-signature; name="smime.p7s"
Content-Disposition: attachment; filename="smime.p7s"
Content-Transfer-Encoding: base64

MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAKCC
--sig--
`)
	if m.Text != "Signierter Text." {
		t.Errorf("Text = %q", m.Text)
	}
	want := []Attachment{{Filename: "smime.p7s", ContentType: "application/pkcs7-signature", Size: 54}}
	if !reflect.DeepEqual(m.Attachments, want) {
		t.Errorf("Attachments = %#v, want %#v", m.Attachments, want)
	}
	checkProblem(t, m, "")
}

func TestOddStructures(t *testing.T) {
	tests := []struct {
		name, raw     string
		subject, text string
		problem       string
	}{
		{"no body", "From: a@x.de\nDate: Thu, 18 Apr 2024 10:00:00 +0200\nSubject: Nur Betreff\n", "Nur Betreff", "", ""},
		{"no body, no blank line", "From: a@x.de\nDate: Thu, 18 Apr 2024 10:00:00 +0200\nSubject: Nur Betreff", "Nur Betreff", "", ""},
		{"no header at all", "Hallo zusammen,\nich melde mich an.\n\nGruß\n", "", "Hallo zusammen,\nich melde mich an.\n\nGruß", "no header"},
		{"leading blank lines", "\n\nFrom: a@x.de\nDate: Thu, 18 Apr 2024 10:00:00 +0200\nSubject: s\n\nText\n", "s", "Text", ""},
		{"header line without colon", hdr + "this is not a field\nX-Mailer: y\n\nText\n", "s", "Text", "not a header field"},
		{"header starting with a blank", " From: a@x.de\nDate: Thu, 18 Apr 2024 10:00:00 +0200\nSubject: s\n\nText\n", "s", "Text", ""},
		{"blank-only separator line", hdr + " \nText\nmore: text\n", "s", "Text\nmore: text", ""},
		{"mbox From line", "From a@x.de Thu Apr 18 10:00:00 2024\n" + hdr + "\nText\n", "s", "Text", ""},
		{"CR-only line ends", strings.ReplaceAll(hdr+"Content-Type: text/plain\n\nZeile 1\nZeile 2\n", "\n", "\r"), "s", "Zeile 1\nZeile 2", "CR-only"},
		{"CRLF line ends", strings.ReplaceAll(hdr+"Content-Type: text/plain\n\nZeile 1  \nZeile 2\n", "\n", "\r\n"), "s", "Zeile 1\nZeile 2", ""},
		{"missing boundary parameter", hdr + "Content-Type: multipart/mixed\n\nText ohne Teile\n", "s", "Text ohne Teile", "no boundary"},
		{"boundary not in body", hdr + "Content-Type: multipart/mixed; boundary=zzz\n\nText ohne Teile\n", "s", "Text ohne Teile", "boundary of a multipart part was not found"},
		{"missing final boundary", hdr + "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nTeil 1\n--b\n\nTeil 2\n", "s", "Teil 1\n\nTeil 2", "without its final boundary"},
		{"broken final boundary", hdr + "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nTeil 1\n--b-\n", "s", "Teil 1\n--b-", "without its final boundary"},
		{"part without header", hdr + "Content-Type: multipart/mixed; boundary=b\n\n--b\nTeil ohne Kopf\n--b--\n", "s", "Teil ohne Kopf", ""},
		{"boundary that starts another", hdr + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: multipart/alternative; boundary=b-1\n\n--b-1\n\nInnen\n--b-1--\n--b\n\nAußen\n--b--\n", "s", "Innen\n\nAußen", ""},
		{"folded parameter without blank", hdr + "Content-Type: multipart/mixed;\nboundary=\"b\"\n\n--b\n\nText\n--b--\n", "s", "Text", ""},
		{"digest", hdr + "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: innen\n\nEingebettet\n--d--\n", "s", "", ""},
		{"format=flowed", hdr + "Content-Type: text/plain; charset=utf-8; format=flowed\n\nEin langer \nSatz.\n> zitiert \n> weiter\n-- \nSig\n", "s", "Ein langer Satz.\n> zitiert weiter\n-- \nSig", ""},
		{"blank lines and trailing spaces", hdr + "\nA  \n\n\n\n\n\nB\t\n\n", "s", "A\n\n\nB", ""},
		{"control characters", hdr + "\nA\x00B\x07C\x1b\n", "s", "ABC", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, tt.raw)
			if m.Subject != tt.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, tt.subject)
			}
			if m.Text != tt.text {
				t.Errorf("Text = %q, want %q", m.Text, tt.text)
			}
			checkProblem(t, m, tt.problem)
		})
	}
}

// nested builds a message with depth nested multiparts around a text.
func nested(depth int) string {
	var b strings.Builder
	b.WriteString(hdr)
	for i := range depth {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\n\n--b%d\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\n\nTief\n")
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\n", i)
	}
	return b.String()
}

func TestLimits(t *testing.T) {
	m := mustParse(t, nested(DefaultLimits.MaxDepth))
	if m.Text != "Tief" {
		t.Errorf("depth %d: Text = %q", DefaultLimits.MaxDepth, m.Text)
	}
	checkProblem(t, m, "")

	m = mustParse(t, nested(DefaultLimits.MaxDepth+1))
	if m.Text != "" {
		t.Errorf("depth %d: Text = %q", DefaultLimits.MaxDepth+1, m.Text)
	}
	checkProblem(t, m, "nested deeper than 8 levels")

	var b strings.Builder
	b.WriteString(hdr + "Content-Type: multipart/mixed; boundary=b\n\n")
	for i := range 10 {
		fmt.Fprintf(&b, "--b\n\nTeil %d\n", i)
	}
	b.WriteString("--b--\n")
	lim := Limits{MaxParts: 5}
	m, err := ParseWithLimits(strings.NewReader(b.String()), lim)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Teil 0\n\nTeil 1\n\nTeil 2\n\nTeil 3"; m.Text != want {
		t.Errorf("MaxParts: Text = %q, want %q", m.Text, want)
	}
	checkProblem(t, m, "more than 5 parts")

	long := strings.Repeat("äbc ", 100)
	m, err = ParseWithLimits(strings.NewReader(hdr+"\n"+long), Limits{MaxTextBytes: 101})
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSpace(long[:100]); m.Text != want {
		t.Errorf("MaxTextBytes: Text = %q, want %q", m.Text, want)
	}
	checkProblem(t, m, "longer than 101 bytes and was cut")
}

// failingReader returns its data, then err.
type failingReader struct {
	data string
	err  error
}

func (f *failingReader) Read(b []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(b, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestFailingReader(t *testing.T) {
	errConn := errors.New("connection reset")
	raw := hdr + "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nText\n--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\nJVBE"
	for _, cut := range []int{10, len(hdr) + 20, len(raw)} {
		_, err := Parse(&failingReader{data: raw[:cut], err: errConn})
		if !errors.Is(err, errConn) {
			t.Errorf("cut at %d: err = %v, want it to wrap %v", cut, err, errConn)
		}
	}
	// io.ErrUnexpectedEOF from the source is a failure too, not a truncated mail.
	if _, err := Parse(&failingReader{data: raw, err: io.ErrUnexpectedEOF}); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("err = %v, want io.ErrUnexpectedEOF", err)
	}
	// A damaged part is the message's problem, not an error.
	m, err := Parse(strings.NewReader(raw + "!!!\n--b--\n"))
	if err != nil {
		t.Fatalf("damaged base64: err = %v", err)
	}
	checkProblem(t, m, "type application/pdf has damaged base64")
	if len(m.Attachments) != 1 || m.Attachments[0].Size != 12 {
		t.Errorf("Attachments = %#v", m.Attachments)
	}
}
