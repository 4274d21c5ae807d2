package reply

import (
	"bytes"
	"io"
	"mime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
)

func readAll(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func renderBytes(t *testing.T, d Data) (*Message, []byte) {
	t.Helper()
	m, err := mustRenderer(t).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return m, raw
}

func TestBytesStructureWithCalendar(t *testing.T) {
	m, raw := renderBytes(t, sample(t, KindConfirmation))

	e, err := message.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if mt, _, _ := e.Header.ContentType(); mt != "multipart/mixed" {
		t.Fatalf("top level is %s, want multipart/mixed", mt)
	}
	var parts []*message.Entity
	mr := e.MultipartReader()
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, p)
		if mt, _, _ := p.Header.ContentType(); mt == "text/calendar" {
			// Read now: the multipart reader discards it on NextPart.
			if got := readAll(t, p.Body); got != string(m.Calendar) {
				t.Errorf("calendar part does not decode to the calendar:\n%q\n%q", got, m.Calendar)
			}
		}
		if mt, _, _ := p.Header.ContentType(); mt == "multipart/alternative" {
			amr := p.MultipartReader()
			var kinds []string
			for {
				ap, err := amr.NextPart()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				mt, params, _ := ap.Header.ContentType()
				kinds = append(kinds, mt)
				if !strings.EqualFold(params["charset"], "utf-8") {
					t.Errorf("%s charset %q", mt, params["charset"])
				}
				// go-message decodes the transfer encoding; the line ends
				// are CRLF on the wire.
				body := strings.ReplaceAll(readAll(t, ap.Body), "\r\n", "\n")
				switch mt {
				case "text/plain":
					if body != m.Text {
						t.Errorf("text part does not decode to the text:\n%q\n%q", body, m.Text)
					}
					for _, w := range []string{"Sehr geehrte Frau Dr. Öztürk,", "Jürgen Köhler", "Fasanenstraße", "Grüßen"} {
						if !strings.Contains(body, w) {
							t.Errorf("text lacks %q", w)
						}
					}
				case "text/html":
					if body != m.HTML {
						t.Error("HTML part does not decode to the HTML")
					}
					if !strings.Contains(body, "Sehr geehrte Frau Dr. Öztürk,") || !strings.Contains(body, `<html lang="de">`) {
						t.Error("HTML lacks the greeting or lang=de")
					}
				}
			}
			if strings.Join(kinds, ",") != "text/plain,text/html" {
				t.Errorf("alternative holds %v, want text/plain then text/html", kinds)
			}
		}
	}
	if len(parts) != 2 {
		t.Fatalf("mixed holds %d parts, want 2", len(parts))
	}
	if mt, _, _ := parts[0].Header.ContentType(); mt != "multipart/alternative" {
		t.Errorf("first part is %s", mt)
	}
	cal := parts[1]
	mt, params, _ := cal.Header.ContentType()
	if mt != "text/calendar" || params["method"] != "REQUEST" || !strings.EqualFold(params["charset"], "utf-8") || params["name"] != "einladung.ics" {
		t.Errorf("calendar part: %s %v", mt, params)
	}
	disp, dparams, _ := cal.Header.ContentDisposition()
	if disp != "attachment" || dparams["filename"] != "einladung.ics" {
		t.Errorf("calendar disposition: %s %v", disp, dparams)
	}

	// The same through mail.CreateReader, the way a mail client reads it.
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var leaves []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch h := p.Header.(type) {
		case *mail.InlineHeader:
			ct, _, _ := h.ContentType()
			leaves = append(leaves, "inline "+ct)
		case *mail.AttachmentHeader:
			fn, _ := h.Filename()
			leaves = append(leaves, "attachment "+fn)
		}
	}
	if strings.Join(leaves, ", ") != "inline text/plain, inline text/html, attachment einladung.ics" {
		t.Errorf("leaves: %v", leaves)
	}
}

func TestBytesHeaders(t *testing.T) {
	d := sample(t, KindConfirmation)
	d.References = []string{"<root@a.example> <mid@b.example>"}
	_, raw := renderBytes(t, d)
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := r.Header
	if id, err := h.MessageID(); err != nil || id != "regbot.confirmation.4f2a9c@heinlein-support.de" {
		t.Errorf("Message-ID = %q, %v", id, err)
	}
	if got := h.Get("Message-ID"); got != "<regbot.confirmation.4f2a9c@heinlein-support.de>" {
		t.Errorf("raw Message-ID = %q", got)
	}
	if got := h.Get("In-Reply-To"); got != "<CAF=4711.abc@mail.example.com>" {
		t.Errorf("In-Reply-To = %q", got)
	}
	refs, err := h.MsgIDList("References")
	if err != nil || strings.Join(refs, " ") != "root@a.example mid@b.example CAF=4711.abc@mail.example.com" {
		t.Errorf("References = %v, %v", refs, err)
	}
	want := map[string]string{
		"Auto-Submitted":           "auto-replied",
		"X-Auto-Response-Suppress": "OOF, AutoReply",
		"X-Regbot-Loop":            "mail@heinlein-support.de",
		"Content-Language":         "de",
		"MIME-Version":             "1.0",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	for _, k := range []string{"Precedence", "Cc", "Bcc", "Reply-To", "User-Agent", "X-Mailer"} {
		if h.Has(k) {
			t.Errorf("unexpected %s: %q", k, h.Get(k))
		}
	}
	if subj, _ := h.Subject(); subj != "Re: Anmeldung Runder Tisch 18.4." {
		t.Errorf("Subject = %q", subj)
	}
	date, err := h.Date()
	if err != nil || !date.Equal(d.Date) {
		t.Errorf("Date = %v, %v", date, err)
	}
	if !strings.Contains(h.Get("Date"), "+0200") {
		t.Errorf("Date not in Berlin time: %q", h.Get("Date"))
	}
	from, _ := h.AddressList("From")
	to, _ := h.AddressList("To")
	if len(from) != 1 || from[0].Name != "Heinlein Support" || from[0].Address != "mail@heinlein-support.de" {
		t.Errorf("From = %v", from)
	}
	if len(to) != 1 || to[0].Name != "Dr. Ümmühan Öztürk" || to[0].Address != "uemmuehan.oeztuerk@bezirksamt.example.de" {
		t.Errorf("To = %v", to)
	}
}

func TestBytesUnsolicitedKinds(t *testing.T) {
	for _, k := range []Kind{KindAttendee, KindPromoted} {
		d := sample(t, k)
		// Even if a caller passes the triggering mail, these are no answers.
		d.InReplyTo, d.References, d.OriginalSubject = "<x@y.example>", []string{"<w@y.example>"}, "Anmeldung"
		m, raw := renderBytes(t, d)
		r, err := mail.CreateReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		h := r.Header
		if h.Has("In-Reply-To") || h.Has("References") {
			t.Errorf("%s: threading headers on a mail that answers nothing", k)
		}
		if got := h.Get("Auto-Submitted"); got != "auto-generated" {
			t.Errorf("%s: Auto-Submitted = %q", k, got)
		}
		if strings.HasPrefix(m.Subject, "Re:") || !strings.Contains(m.Subject, "am 18.04.2024") {
			t.Errorf("%s: subject %q", k, m.Subject)
		}
	}
}

func TestBytesWithoutCalendar(t *testing.T) {
	_, raw := renderBytes(t, sample(t, KindWaitlist))
	e, err := message.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if mt, _, _ := e.Header.ContentType(); mt != "multipart/alternative" {
		t.Errorf("top level is %s, want multipart/alternative", mt)
	}
	if bytes.Contains(raw, []byte("text/calendar")) {
		t.Error("calendar in a waiting-list mail")
	}
}

// headerKeys lists the top-level header field names of raw.
func headerKeys(t *testing.T, raw []byte) []string {
	t.Helper()
	e, err := message.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	f := e.Header.Fields()
	for f.Next() {
		keys = append(keys, f.Key())
	}
	sort.Strings(keys)
	return keys
}

func TestHeaderInjection(t *testing.T) {
	long := strings.Repeat("Anmeldung zum Runden Tisch Open Source in Berlin ", 4)
	cases := []string{
		"Anna Schmidt\r\nBcc: victim@example.org",
		"Anna\nSchmidt\rX-Evil: 1",
		"Anna Schmidt\r\n\r\n<html>body injection</html>",
		`"Schmidt, Anna" <evil@example.org>`,
		"Schmidt, Anna; Weber, Hans",
		"=?utf-8?q?Bcc=3A_victim=40example=2Eorg?=",
		"=?UTF-8?B?QmNjOiB2aWN0aW1AZXhhbXBsZS5vcmc=?= Müller",
		"Jürgen\u2028Köhler\u0085Test\x00Null\tTab",
		strings.Repeat("Ü", 300),
		strings.Repeat("x", 1200),
		long,
		"Müller-Lüdenscheidt (Bezirksamt) <ml@example.org>, other@example.org",
		"\u202eevil\u202c name",
		"Re: AW: WG: Fwd: \r\n Bcc: x@y",
	}
	wantKeys := []string{"Auto-Submitted", "Content-Language", "Content-Type", "Date", "From", "In-Reply-To",
		"Message-Id", "Mime-Version", "References", "Subject", "To", "X-Auto-Response-Suppress", "X-Regbot-Loop"}
	for _, in := range cases {
		m := &Message{
			From:          Mailbox{Name: in, Email: "mail@heinlein-support.de"},
			To:            Person{Name: in, Email: "anna.schmidt@example.org"},
			Subject:       in,
			Text:          "Text\n",
			HTML:          "<p>HTML</p>\n",
			MessageID:     "id.1@heinlein-support.de",
			InReplyTo:     "orig@example.org",
			References:    []string{"orig@example.org"},
			Date:          time.Date(2024, 4, 3, 10, 15, 0, 0, berlin),
			AutoSubmitted: "auto-replied",
		}
		raw, err := m.Bytes()
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
		for _, l := range bytes.Split(head, []byte("\r\n")) {
			if len(l) > 998 {
				t.Errorf("%q: header line of %d octets", in, len(l))
			}
			for _, c := range l {
				if c >= 0x80 || (c < 0x20 && c != '\t') || c == 0x7f {
					t.Errorf("%q: raw byte %#x in a header line: %q", in, c, l)
					break
				}
			}
		}
		if got := headerKeys(t, raw); strings.Join(got, ",") != strings.Join(wantKeys, ",") {
			t.Errorf("%q: header fields\n%v\nwant\n%v", in, got, wantKeys)
		}
		r, err := mail.CreateReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		subj, err := r.Header.Subject()
		if want := cleanHeaderText(in, 0); err != nil || subj != want {
			t.Errorf("Subject does not round-trip:\n in  %q\n got %q\n want %q (%v)", in, subj, want, err)
		}
		to, err := r.Header.AddressList("To")
		if err != nil || len(to) != 1 {
			t.Errorf("%q: To = %v, %v", in, to, err)
			continue
		}
		if want := cleanName(in); to[0].Name != want || to[0].Address != "anna.schmidt@example.org" {
			t.Errorf("To does not round-trip:\n in  %q\n got %q <%s>\n want %q", in, to[0].Name, to[0].Address, want)
		}
		from, err := r.Header.AddressList("From")
		if err != nil || len(from) != 1 || from[0].Address != "mail@heinlein-support.de" {
			t.Errorf("%q: From = %v, %v", in, from, err)
		}
	}
}

func TestHeaderInjectionThroughRender(t *testing.T) {
	d := sample(t, KindQuestion)
	d.OriginalSubject = "AW: Re: Frage\r\nBcc: victim@example.org"
	d.To.Name = "Anna\r\nBcc: victim@example.org"
	d.InReplyTo = "<evil@example.org>\r\nBcc: victim@example.org"
	d.References = []string{"<ok@example.org>", "<bad id@example.org>", "<x@y>\r\nX-Evil: 1"}
	_, raw := renderBytes(t, d)
	keys := headerKeys(t, raw)
	for _, k := range keys {
		if k == "Bcc" || k == "X-Evil" {
			t.Errorf("injected header %s", k)
		}
	}
	r, _ := mail.CreateReader(bytes.NewReader(raw))
	if s, _ := r.Header.Subject(); s != "Re: Frage Bcc: victim@example.org" {
		t.Errorf("Subject = %q", s)
	}
	if got := r.Header.Get("In-Reply-To"); got != "<evil@example.org>" {
		t.Errorf("In-Reply-To = %q", got)
	}
	if got := r.Header.Get("References"); got != "<ok@example.org> <x@y> <evil@example.org>" {
		t.Errorf("References = %q", got)
	}
}

func TestBadAddressesAreErrors(t *testing.T) {
	r := mustRenderer(t)
	for _, addr := range []string{
		"", "anna", "anna@example.org\r\nBcc: x@y", "Anna <anna@example.org>", "a@example.org, b@example.org",
		"anna@example.org;b@example.org", "\"a b\"@example.org", "anna@exämple.org", "anna @example.org",
	} {
		d := sample(t, KindQuestion)
		d.To.Email = addr
		if _, err := r.Render(d); err == nil {
			t.Errorf("recipient %q accepted", addr)
		}
		m := &Message{From: sampleMailbox, To: Person{Email: addr}, Subject: "x", MessageID: "a@b", Date: time.Now()}
		if _, err := m.Bytes(); err == nil {
			t.Errorf("Bytes accepted recipient %q", addr)
		}
	}
	for _, id := range []string{"", "a b@c", "<a@b>\r\nX: y", "<a<b>", strings.Repeat("x", 300)} {
		d := sample(t, KindQuestion)
		d.MessageID = id
		if _, err := r.Render(d); err == nil {
			t.Errorf("Message-ID %q accepted", id)
		}
	}
}

func TestEncodeUnstructured(t *testing.T) {
	dec := new(mime.WordDecoder)
	for _, s := range []string{
		"Anmeldung", "Bestätigung Ihrer Anmeldung: Runder Tisch „Open Source in Berlin“ am 18.04.2024",
		"a_b=c?d", "=?utf-8?q?x?=", strings.Repeat("€", 100), "ends with space? no",
	} {
		enc := encodeUnstructured(s)
		for _, w := range strings.Split(enc, " ") {
			if len(w) > 60 {
				t.Errorf("%q: word of %d octets", s, len(w))
			}
		}
		got, err := dec.DecodeHeader(enc)
		if err != nil || got != s {
			t.Errorf("%q → %q → %q (%v)", s, enc, got, err)
		}
	}
	if encodeUnstructured("Re: Anmeldung") != "Re: Anmeldung" {
		t.Error("plain ASCII should stay readable")
	}
}

func TestStripReplyPrefixes(t *testing.T) {
	for in, want := range map[string]string{
		"Anmeldung":                         "Anmeldung",
		"Re: Anmeldung":                     "Anmeldung",
		"RE: AW: WG: Anmeldung":             "Anmeldung",
		"Aw: Re[2]: Fwd: Anmeldung":         "Anmeldung",
		"AW:Re:Anmeldung":                   "Anmeldung",
		"Antw: SV: VS: Anmeldung":           "Anmeldung",
		"Re : Anmeldung":                    "Anmeldung",
		"Reiseplanung Runder Tisch":         "Reiseplanung Runder Tisch",
		"Aware: Anmeldung":                  "Aware: Anmeldung",
		"Re: ":                              "",
		"[EXTERN] Re: Anmeldung":            "[EXTERN] Re: Anmeldung",
		"Wg: Anmeldung zum Netzwerktag (2)": "Anmeldung zum Netzwerktag (2)",
	} {
		if got := stripReplyPrefixes(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	// Through Render: never "Re: Re:".
	d := sample(t, KindQuestion)
	d.OriginalSubject = "AW: RE: Re: Frage"
	m, err := mustRenderer(t).Render(d)
	if err != nil || m.Subject != "Re: Frage" {
		t.Errorf("subject %q, %v", m.Subject, err)
	}
	d.OriginalSubject = "Re:  "
	m, _ = mustRenderer(t).Render(d)
	if m.Subject != "Wir haben Ihre Nachricht erhalten" {
		t.Errorf("empty original subject gave %q", m.Subject)
	}
}
