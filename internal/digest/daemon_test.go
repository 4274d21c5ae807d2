package digest_test

// DigestOnce lives in internal/daemon; it is tested here, next to the
// digest it sends, against a real store.

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/daemon"
	"github.com/heinlein/regbot/internal/store"
)

// newDaemon opens a daemon on cfg's database with the clock c. No server is
// contacted: DigestOnce only reads and queues.
func newDaemon(t *testing.T, cfg *config.Config, c *clock) *daemon.Daemon {
	t.Helper()
	cfg.IMAP.Host, cfg.IMAP.Security = "127.0.0.1", "none"
	cfg.SMTP.Host, cfg.SMTP.Port, cfg.SMTP.Security = "127.0.0.1", 25, "none"
	pass := ""
	d, err := daemon.New(context.Background(), cfg, nil, daemon.Options{IMAPPassword: &pass, SMTPPassword: &pass, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func digestRows(t *testing.T, db *store.DB, now time.Time) []store.OutboxItem {
	t.Helper()
	items, err := db.Reader(context.Background()).DueOutbox(now, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.OutboxItem
	for _, it := range items {
		if it.Kind == "digest" {
			out = append(out, it)
		}
	}
	return out
}

func TestDigestOnceSend(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(t)
	c := &clock{}
	d := newDaemon(t, cfg, c)
	seed(t, d.DB(), c)
	c.Set(goldenNow)

	var out bytes.Buffer
	if err := d.DigestOnce(ctx, true, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "2024-04-03") {
		t.Errorf("report: %q", out.String())
	}
	rows := digestRows(t, d.DB(), goldenNow)
	if len(rows) != 2 {
		t.Fatalf("%d digest rows, want one per organiser (2)", len(rows))
	}
	wantTo := map[string]bool{"orga@heinlein-support.de": true, "team.veranstaltungen@example.org": true}
	for _, r := range rows {
		if !wantTo[r.To] {
			t.Errorf("digest queued for %s", r.To)
		}
		delete(wantTo, r.To)
		m := parseMail(t, r.Raw)
		if id, _ := m.header.MessageID(); id != r.MessageID {
			t.Errorf("Message-ID %q in the mail, %q in the outbox", id, r.MessageID)
		}
		if as, _ := m.header.AddressList("To"); len(as) != 2 {
			t.Errorf("To lists %v, want both organisers", as)
		}
		if s, _ := m.header.Subject(); s != "regbot-Tagesbericht 2024-04-03: 5 neue Anmeldungen, 2 offene Fragen" {
			t.Errorf("Subject = %q", s)
		}
		if len(m.files) != 2 || !bytes.HasPrefix(m.files["teilnehmende-runder-tisch-2024-04-03.csv"], []byte("\xEF\xBB\xBFName;Organisation;")) {
			t.Errorf("attachments: %v", m.types)
		}
		if !strings.Contains(m.text, "Käthe Groß") {
			t.Errorf("text part lacks the new registrations")
		}
	}
	if rows[0].MessageID == rows[1].MessageID {
		t.Errorf("both rows have Message-ID %s", rows[0].MessageID)
	}
	sent, err := d.DB().Reader(ctx).DigestSent("2024-04-03")
	if err != nil || !sent {
		t.Errorf("DigestSent = %v, %v; want the day recorded", sent, err)
	}

	// Again the same day, also after a restart: nothing new is queued.
	c.Set(goldenNow.Add(3 * time.Hour))
	out.Reset()
	if err := d.DigestOnce(ctx, true, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "already") {
		t.Errorf("second call reports %q", out.String())
	}
	d.Close()
	d2 := newDaemon(t, cfg, c)
	if err := d2.DigestOnce(ctx, true, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(digestRows(t, d2.DB(), c.Now())); n != 2 {
		t.Errorf("%d digest rows after calling again, want still 2", n)
	}

	// The next day brings the next digest, with the changes since the last.
	next := goldenNow.AddDate(0, 0, 1)
	c.Set(next)
	if err := d2.DigestOnce(ctx, true, nil); err != nil {
		t.Fatal(err)
	}
	rows = digestRows(t, d2.DB(), next)
	if len(rows) != 4 {
		t.Fatalf("%d digest rows after the next day, want 4", len(rows))
	}
	m := parseMail(t, rows[3].Raw)
	if s, _ := m.header.Subject(); s != "regbot-Tagesbericht 2024-04-04: 0 neue Anmeldungen, 2 offene Fragen" {
		t.Errorf("next day's Subject = %q", s)
	}
	if !strings.Contains(m.text, "Nichts Neues seit dem letzten Bericht.") || !strings.Contains(m.text, "(03.04.2024, 07:00 Uhr)") {
		t.Errorf("next day's digest does not start at the last one:\n%s", m.text)
	}
}

func TestDigestOncePrint(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(t)
	c := &clock{}
	d := newDaemon(t, cfg, c)
	seed(t, d.DB(), c)
	c.Set(goldenNow)
	var out bytes.Buffer
	if err := d.DigestOnce(ctx, false, &out); err != nil {
		t.Fatal(err)
	}
	golden(t, "digest.txt.golden", out.String())
	if n := len(digestRows(t, d.DB(), goldenNow)); n != 0 {
		t.Errorf("printing queued %d mails", n)
	}
	if sent, _ := d.DB().Reader(ctx).DigestSent("2024-04-03"); sent {
		t.Errorf("printing recorded the day as sent")
	}
}

func TestDigestOnceWithoutOrganisers(t *testing.T) {
	cfg := testConfig(t)
	cfg.Digest.To = nil
	c := &clock{t: goldenNow}
	d := newDaemon(t, cfg, c)
	if err := d.DigestOnce(context.Background(), true, nil); err == nil || !strings.Contains(err.Error(), "digest.to") {
		t.Errorf("DigestOnce without digest.to = %v, want an error naming digest.to", err)
	}
}
