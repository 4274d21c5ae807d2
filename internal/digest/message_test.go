package digest_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"

	"github.com/heinlein/regbot/internal/reply"
)

// parsed is a digest mail read back with go-message.
type parsed struct {
	header mail.Header
	text   string
	html   string
	files  map[string][]byte // attachment name → content
	types  map[string]string // attachment name → Content-Type
}

func parseMail(t *testing.T, raw []byte) parsed {
	t.Helper()
	mr, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the message does not parse: %v", err)
	}
	p := parsed{header: mr.Header, files: map[string][]byte{}, types: map[string]string{}}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(part.Body)
		if err != nil {
			t.Fatal(err)
		}
		switch h := part.Header.(type) {
		case *mail.InlineHeader:
			ct, _, _ := h.ContentType()
			switch ct {
			case "text/plain":
				p.text = string(body)
			case "text/html":
				p.html = string(body)
			default:
				t.Errorf("unexpected inline part %s", ct)
			}
		case *mail.AttachmentHeader:
			name, err := h.Filename()
			if err != nil {
				t.Fatal(err)
			}
			ct, params, _ := h.ContentType()
			p.files[name] = body
			p.types[name] = ct + "; charset=" + params["charset"]
		}
	}
	return p
}

func TestMessage(t *testing.T) {
	d := built(t)
	from := reply.Mailbox{Name: "Heinlein Support", Email: "mail@heinlein-support.de"}
	to := []string{"orga@heinlein-support.de", "team@example.org"}
	raw, err := d.Message(from, to, goldenNow, "<regbot-digest-2024-04-03-1@heinlein-support.de>")
	if err != nil {
		t.Fatal(err)
	}
	m := parseMail(t, raw)
	h := m.header
	if s, _ := h.Subject(); s != "regbot-Tagesbericht 2024-04-03: 5 neue Anmeldungen, 2 offene Fragen" {
		t.Errorf("Subject = %q", s)
	}
	if as, err := h.AddressList("From"); err != nil || len(as) != 1 || as[0].Address != from.Email || as[0].Name != from.Name {
		t.Errorf("From = %v, %v", as, err)
	}
	if as, err := h.AddressList("To"); err != nil || len(as) != 2 || as[0].Address != to[0] || as[1].Address != to[1] {
		t.Errorf("To = %v, %v", as, err)
	}
	if id, _ := h.MessageID(); id != "regbot-digest-2024-04-03-1@heinlein-support.de" {
		t.Errorf("Message-ID = %q", id)
	}
	if date, err := h.Date(); err != nil || !date.Equal(goldenNow) {
		t.Errorf("Date = %v, %v", date, err)
	}
	for k, want := range map[string]string{"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "OOF, AutoReply", "X-Regbot-Loop": "mail@heinlein-support.de"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if ct, _, _ := h.ContentType(); ct != "multipart/mixed" {
		t.Errorf("Content-Type = %s, want multipart/mixed", ct)
	}
	if strings.ReplaceAll(m.text, "\r\n", "\n") != d.Text() {
		t.Errorf("text part differs from Text()")
	}
	if !strings.Contains(m.html, "<table") || !strings.Contains(m.html, "Käthe Groß") {
		t.Errorf("HTML part lacks the tables or the umlauts")
	}
	if len(m.files) != 2 {
		t.Fatalf("attachments %v, want one per event", m.types)
	}
	for name, want := range map[string]int{
		"teilnehmende-runder-tisch-2024-04-03.csv": 8, // header, 4 confirmed, 2 waiting, 1 cancelled (the erased person is gone)
		"teilnehmende-netzwerktag-2024-04-03.csv":  3, // header, 2 on the information list
	} {
		data, ok := m.files[name]
		if !ok {
			t.Errorf("no attachment %s", name)
			continue
		}
		if m.types[name] != "text/csv; charset=utf-8" {
			t.Errorf("%s: Content-Type %s", name, m.types[name])
		}
		if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
			t.Errorf("%s has no byte order mark", name)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
		r.Comma = ';'
		rows, err := r.ReadAll()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(rows) != want {
			t.Errorf("%s: %d rows, want %d", name, len(rows), want)
		}
	}
	rt := string(m.files["teilnehmende-runder-tisch-2024-04-03.csv"])
	for _, want := range []string{
		"Dr. Ümmühan Öztürk;Technologiestiftung Berlin;oeztuerk@technologiestiftung-berlin.de;bestätigt;22.03.2024 16:40;\r\n",
		"Käthe Groß;ITDZ Berlin;kaethe.gross@itdz-berlin.de;bestätigt;02.04.2024 09:12;Björn Weiß (bjoern.weiss@itdz-berlin.de)\r\n",
		"Lena Vogt;Freie Universität Berlin;lena.vogt@fu-berlin.de;Warteliste (Platz 1);02.04.2024 10:30;\r\n",
		"Anna Schmidt;Senatsverwaltung für Finanzen;anna.schmidt@senfin.berlin.de;abgesagt;20.03.2024 10:15;\r\n",
	} {
		if !strings.Contains(rt, want) {
			t.Errorf("list lacks %q:\n%s", want, rt)
		}
	}
}

func TestMessageRefusesBadInput(t *testing.T) {
	d := built(t)
	from := reply.Mailbox{Email: "mail@heinlein-support.de"}
	for name, call := range map[string]func() error{
		"no recipient": func() error { _, err := d.Message(from, nil, goldenNow, "a@b"); return err },
		"header in To": func() error {
			_, err := d.Message(from, []string{"x@example.org\r\nBcc: y@example.org"}, goldenNow, "a@b")
			return err
		},
		"named To": func() error {
			_, err := d.Message(from, []string{"Orga <x@example.org>"}, goldenNow, "a@b")
			return err
		},
		"bad From": func() error {
			_, err := d.Message(reply.Mailbox{Email: "nobody"}, []string{"x@example.org"}, goldenNow, "a@b")
			return err
		},
		"bad Message-ID": func() error { _, err := d.Message(from, []string{"x@example.org"}, goldenNow, "a b@c"); return err },
		"no date":        func() error { _, err := d.Message(from, []string{"x@example.org"}, time.Time{}, "a@b"); return err },
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
