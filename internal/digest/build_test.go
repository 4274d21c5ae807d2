package digest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/digest"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/store"
)

func TestBuildFacts(t *testing.T) {
	type setup func(cfg *config.Config)
	for _, tc := range []struct {
		name    string
		setup   setup
		late    bool // add a registration after the deadline
		now     time.Time
		events  []string // events in the digest
		want    []string // in the text
		notWant []string
	}{
		{name: "first digest, unlimited seats", setup: func(cfg *config.Config) { cfg.Event("runder-tisch").Capacity = 0 },
			now: at(time.April, 3, 7, 0), events: []string{"runder-tisch", "netzwerktag"},
			want: []string{"seit Beginn der Aufzeichnung (erster Tagesbericht)", "Freie Plätze      unbegrenzt", "Bestätigt         1\n", "Bisher:"}},
		{name: "last day of registration", now: at(time.April, 12, 7, 0), events: []string{"runder-tisch", "netzwerktag"},
			want: []string{"Freitag, 12.04.2024 – heute ist der letzte Tag", "Freie Plätze      3", "Veranstaltung     18.04.2024 – in 6 Tagen"}},
		{name: "after the deadline, a late registration", late: true, now: at(time.April, 13, 7, 0), events: []string{"runder-tisch", "netzwerktag"},
			want: []string{"Anmeldung         beendet", "Freitag, 12.04.2024 – abgelaufen", "Nach Frist        1 – bitte entscheiden",
				"Nach dem Anmeldeschluss angemeldet – bitte entscheiden:\n  1.  Ida Nachzügler <ida@example.org>, seit 13.04. 06:00",
				"nach Frist    Ida Nachzügler <ida@example.org> – bitte entscheiden"}},
		{name: "event day", now: at(time.April, 18, 7, 0), events: []string{"runder-tisch", "netzwerktag"},
			want: []string{"18.04.2024 – heute"}},
		{name: "a week after the event it is still listed", now: at(time.April, 25, 7, 0), events: []string{"runder-tisch", "netzwerktag"},
			want: []string{"18.04.2024 – vorbei"}},
		{name: "later it is left out", now: at(time.April, 26, 7, 0), events: []string{"netzwerktag"},
			notWant: []string{"Runder Tisch"}},
		{name: "all over", now: at(time.July, 1, 7, 0), events: nil,
			want: []string{"Offene Fragen: keine", "Alle Antworten wurden zugestellt."}, notWant: []string{"Im Anhang"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t)
			if tc.setup != nil {
				tc.setup(cfg)
			}
			c := &clock{}
			db := openStore(t, cfg.Database, c)
			ctx := context.Background()
			c.Set(at(time.March, 20, 10, 0))
			err := db.Tx(ctx, func(tx *store.Tx) error {
				id, err := tx.UpsertPerson(&store.Person{Name: "Anna Schmidt", Email: "anna@example.org"})
				if err == nil {
					_, err = tx.AddRegistration(&store.Registration{Event: "runder-tisch", PersonID: id, Status: store.StatusConfirmed})
				}
				return err
			})
			if err == nil && tc.late {
				c.Set(tc.now.Add(-time.Hour))
				err = db.Tx(ctx, func(tx *store.Tx) error {
					id, err := tx.UpsertPerson(&store.Person{Name: "Ida Nachzügler", Email: "ida@example.org"})
					if err == nil {
						_, err = tx.AddRegistration(&store.Registration{Event: "runder-tisch", PersonID: id, Status: store.StatusLate})
					}
					return err
				})
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.name != "first digest, unlimited seats" {
				c.Set(tc.now.Add(-24 * time.Hour))
				if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.MarkDigestSent(c.Now().In(berlin).Format(time.DateOnly)) }); err != nil {
					t.Fatal(err)
				}
			}
			c.Set(tc.now)
			var d *digest.Digest
			err = db.View(ctx, func(r *store.Reader) error {
				d, err = digest.Current(r, cfg, tc.now)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, ev := range d.Events {
				ids = append(ids, ev.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tc.events, ",") {
				t.Errorf("events %v, want %v", ids, tc.events)
			}
			text := d.Text()
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(text, w) {
					t.Errorf("text has %q:\n%s", w, text)
				}
			}
			from := reply.Mailbox{Name: cfg.Mailbox.Name, Email: cfg.Mailbox.Address}
			if _, err := d.Message(from, []string{"orga@example.org"}, tc.now, "x@example.org"); err != nil {
				t.Errorf("Message: %v", err)
			}
		})
	}
}
