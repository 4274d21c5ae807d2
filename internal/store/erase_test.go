package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/heinlein/regbot/internal/store"
)

type world struct {
	anna, bernd, carla, frank, erik   int64 // person ids
	annaTisch, berndTisch, berndForum int64
	carlaTisch, erikTisch             int64
}

// populate writes a small but complete world:
//   - Anna registers herself and Bernd for "tisch" in one mail.
//   - Bernd registers himself for "forum" and his colleague Carla (no
//     address) for "tisch".
//   - Frank registers Erik for "tisch" without registering himself.
//   - Bernd's address bounced; there are reviews, replies sent and unsent.
func populate(t *testing.T, db *store.DB) world {
	t.Helper()
	var w world
	tx(t, db, func(tx *store.Tx) error {
		msg := func(uid uint32, mid, from, subject string) int64 {
			id, err := tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 9, UID: uid,
				MessageID: mid, Sender: from, Subject: subject})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		person := func(email, name, org string) int64 {
			id, err := tx.UpsertPerson(&store.Person{Email: email, Name: name, Organisation: org})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		reg := func(event string, p, by, msg int64, st store.Status) int64 {
			id, err := tx.AddRegistration(&store.Registration{Event: event, PersonID: p, RegisteredBy: by,
				SourceMessageID: msg, Status: st})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		out := func(mid, to string, p, r, m int64, raw string) int64 {
			id, err := tx.Enqueue(&store.OutboxItem{MessageID: mid, Kind: "confirmed", To: to, PersonID: p,
				RegistrationID: r, SourceMessageID: m, Raw: []byte(raw)})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}

		m1 := msg(1, "CAF1234@mail.example.org", "Anna.Mueller@Example.org", "Anmeldung Anna Müller und Bernd Beispiel")
		m2 := msg(2, "bernd.beispiel-123@firma.de", "bernd.beispiel@firma.de", "Forum")
		m3 := msg(3, "f3@landkreis.de", "frank.fuchs@landkreis.de", "Anmeldung Erik")

		w.anna = person("anna.mueller@example.org", "Anna Müller", "Stadtwerke")
		w.bernd = person("bernd.beispiel@firma.de", "Bernd Beispiel", "Firma GmbH")
		w.carla = person("", "Carla Kollegin", "Firma GmbH")
		w.frank = person("frank.fuchs@landkreis.de", "Frank Fuchs", "Landkreis")
		w.erik = person("erik.eder@landkreis.de", "Erik Eder", "Landkreis")

		w.annaTisch = reg("tisch", w.anna, 0, m1, store.StatusConfirmed)
		w.berndTisch = reg("tisch", w.bernd, w.anna, m1, store.StatusConfirmed)
		w.berndForum = reg("forum", w.bernd, 0, m2, store.StatusWaitlist)
		w.carlaTisch = reg("tisch", w.carla, w.bernd, m2, store.StatusConfirmed)
		w.erikTisch = reg("tisch", w.erik, w.frank, m3, store.StatusConfirmed)

		sent := out("r1@regbot", "anna.mueller@example.org", w.anna, w.annaTisch, m1,
			"To: Anna Müller <anna.mueller@example.org>\r\n\r\nAnna Müller und Bernd Beispiel sind angemeldet.")
		out("r2@regbot", "anna.mueller@example.org", w.anna, w.annaTisch, m1,
			"To: anna.mueller@example.org\r\n\r\nErinnerung: Bernd Beispiel, Runder Tisch")
		out("r3@regbot", "bernd.beispiel@firma.de", w.bernd, w.berndForum, m2, "To: Bernd.Beispiel@firma.de\r\n\r\nWarteliste")
		out("r4@regbot", "frank.fuchs@landkreis.de", w.frank, w.erikTisch, m3, "To: frank.fuchs@landkreis.de\r\n\r\nErik Eder ist angemeldet.")
		out("r5@regbot", "anna.mueller@example.org", w.anna, 0, 0, "To: anna.mueller@example.org\r\n\r\nAntwort")
		if err := tx.MarkSent(sent); err != nil {
			return err
		}

		for _, r := range []*store.Review{
			{MessageID: m2, Reason: "question", Sender: "bernd.beispiel@firma.de", Subject: "Forum", Excerpt: "Kann Carla Kollegin mitkommen?"},
			{MessageID: m1, Reason: "question", Sender: "anna.mueller@example.org", Subject: "Anmeldung", Excerpt: "Bernd Beispiel isst vegetarisch, schreibt an bernd.beispiel@firma.de"},
			{MessageID: m3, Reason: "unclear", Sender: "frank.fuchs@landkreis.de", Subject: "Erik", Excerpt: "Erik Eder kommt"},
		} {
			if _, err := tx.AddReview(r); err != nil {
				return err
			}
		}
		if err := tx.MarkUndeliverable("bernd.beispiel@firma.de", "550 5.1.1 <bernd.beispiel@firma.de>: user unknown"); err != nil {
			return err
		}
		return tx.Audit("import", "source=cli")
	})
	return w
}

// traces reports which needles (case-insensitive) occur in the dump.
func traces(dump string, needles ...string) []string {
	var found []string
	low := strings.ToLower(dump)
	for _, n := range needles {
		if strings.Contains(low, strings.ToLower(n)) {
			found = append(found, n)
		}
	}
	return found
}

func TestForget(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	w := populate(t, db)
	bernd := []string{"bernd.beispiel@firma.de", "Bernd Beispiel", "bernd.beispiel"}
	if found := traces(dump(t, db.Path()), bernd...); len(found) != len(bernd) {
		t.Fatalf("fixture lacks traces: found only %v", found)
	}
	raw := rawDB(t, db.Path())
	if _, err := raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	raw.Close() // so that db.Close below is the last connection and checkpoints
	if raw, err := os.ReadFile(db.Path()); err != nil || !bytes.Contains(raw, []byte(bernd[0])) {
		t.Fatalf("fixture: address not in the database file (%v)", err)
	}

	var removed int
	tx(t, db, func(tx *store.Tx) (err error) { removed, err = tx.Forget(" Bernd.Beispiel@FIRMA.de"); return err })
	if removed == 0 {
		t.Errorf("Forget() removed 0")
	}
	d := dump(t, db.Path())
	if found := traces(d, bernd...); found != nil {
		t.Errorf("after Forget the database still holds %v:\n%s", found, d)
	}

	r := db.Reader(ctx)
	// Everyone else is intact.
	if p, _ := r.PersonByEmail("anna.mueller@example.org"); p == nil || p.Name != "Anna Müller" {
		t.Errorf("Anna lost: %+v", p)
	}
	if g, _ := r.RegistrationByID(w.annaTisch); g == nil {
		t.Errorf("Anna's registration lost")
	}
	if g, _ := r.RegistrationByID(w.carlaTisch); g == nil || g.RegisteredBy != 0 {
		t.Errorf("Carla's registration = %+v; want kept, RegisteredBy 0", g)
	}
	for _, id := range []int64{w.berndTisch, w.berndForum} {
		if g, _ := r.RegistrationByID(id); g != nil {
			t.Errorf("Bernd's registration %d kept", id)
		}
	}
	// The mail Bernd sent is still recognised, anonymously.
	m, err := r.MessageByMessageID("<bernd.beispiel-123@firma.de>")
	if err != nil || m == nil || m.Sender != "" || m.Subject != "" || m.MessageID != "" {
		t.Errorf("Bernd's message after Forget = %+v, %v; want an anonymous row", m, err)
	}
	err = db.Tx(ctx, func(tx *store.Tx) error {
		_, err := tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 9, UID: 99, MessageID: "bernd.beispiel-123@firma.de"})
		return err
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("redelivered copy of a forgotten mail: InsertMessage = %v, want ErrDuplicate", err)
	}
	// The digest can count the erased registrations.
	changes, _ := r.ChangesSince(timeZero)
	deleted := map[string]int{}
	for _, c := range changes {
		if c.Kind == store.ChangeDeleted {
			deleted[c.Event]++
			if c.RegistrationID != 0 || c.Person.ID != 0 {
				t.Errorf("deleted change points at a registration: %+v", c)
			}
		}
	}
	if deleted["tisch"] != 1 || deleted["forum"] != 1 {
		t.Errorf("deleted changes = %v, want one per event", deleted)
	}
	// Audit: one entry, counts only.
	log, _ := r.AuditLog(timeZero)
	last := log[len(log)-1]
	if last.Action != "forget" || !strings.Contains(last.Detail, "registrations=2") {
		t.Errorf("audit = %+v", last)
	}
	for _, e := range log {
		if found := traces(e.Detail, append(bernd, "@", "Anna", "Carla")...); found != nil {
			t.Errorf("audit entry %+v holds %v", e, found)
		}
	}

	// Forgetting again finds nothing but is audited.
	tx(t, db, func(tx *store.Tx) (err error) { removed, err = tx.Forget("bernd.beispiel@firma.de"); return err })
	if removed != 0 {
		t.Errorf("second Forget() removed %d, want 0", removed)
	}

	// Not in the file either (secure_delete), once the WAL is checkpointed.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(db.Path() + "-wal"); err == nil {
		t.Fatalf("WAL not checkpointed on close; another connection is open")
	}
	for _, n := range bernd {
		if bytes.Contains(bytes.ToLower(file), []byte(strings.ToLower(n))) {
			t.Errorf("database file still contains %q", n)
		}
	}
	openDB(t, db.Path(), nil) // reopen for the cleanup's Close
}

func TestForgetAddressWithoutPerson(t *testing.T) {
	db, _ := newDB(t)
	tx(t, db, func(tx *store.Tx) error {
		id, err := tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1, MessageID: "q1@x",
			Sender: "quinn@example.org", Subject: "Frage von Quinn Quast"})
		if err != nil {
			return err
		}
		_, err = tx.AddReview(&store.Review{MessageID: id, Sender: "quinn@example.org", Excerpt: "Quinn Quast fragt"})
		return err
	})
	var removed int
	tx(t, db, func(tx *store.Tx) (err error) { removed, err = tx.Forget("quinn@example.org"); return err })
	d := dump(t, db.Path())
	if found := traces(d, "quinn@example.org", "Quinn Quast"); found != nil || removed != 2 {
		t.Errorf("Forget() = %d; database still holds %v:\n%s", removed, found, d)
	}
}

func TestForgetPerson(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	w := populate(t, db)
	tx(t, db, func(tx *store.Tx) error { _, err := tx.ForgetPerson(w.carla); return err })
	if found := traces(dump(t, db.Path()), "Carla Kollegin"); found != nil {
		t.Errorf("after ForgetPerson the database still holds %v", found)
	}
	if p, _ := db.Reader(ctx).PersonByEmail("bernd.beispiel@firma.de"); p == nil {
		t.Errorf("Bernd lost")
	}
	if err := db.Tx(ctx, func(tx *store.Tx) error { _, err := tx.ForgetPerson(w.carla); return err }); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ForgetPerson(gone) = %v, want ErrNotFound", err)
	}
}

func TestPurgeEvent(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	w := populate(t, db)

	var n int
	tx(t, db, func(tx *store.Tx) (err error) { n, err = tx.PurgeEvent("tisch"); return err })
	if n != 4 {
		t.Errorf("PurgeEvent(tisch) = %d, want 4 registrations", n)
	}
	d := dump(t, db.Path())
	gone := []string{
		"anna.mueller@example.org", "Anna Müller", // only in tisch
		"Carla Kollegin",                          // only in tisch
		"frank.fuchs@landkreis.de", "Frank Fuchs", // registered someone for tisch
		"erik.eder@landkreis.de", "Erik Eder", // only in tisch
	}
	if found := traces(d, gone...); found != nil {
		t.Errorf("after PurgeEvent the database still holds %v:\n%s", found, d)
	}
	for _, line := range strings.Split(d, "\n") {
		if strings.Contains(line, "tisch") && !strings.HasPrefix(line, "audit: ") {
			t.Errorf("row of the purged event left: %s", line)
		}
	}
	r := db.Reader(ctx)
	// Bernd is still registered for forum and keeps his data.
	if g, _ := r.RegistrationByID(w.berndForum); g == nil || g.Person.Name != "Bernd Beispiel" {
		t.Errorf("Bernd's forum registration = %+v", g)
	}
	if c, _ := r.Counts("tisch"); c != (store.Counts{}) {
		t.Errorf("Counts(tisch) = %+v after purge", c)
	}
	log, _ := r.AuditLog(timeZero)
	last := log[len(log)-1]
	if last.Action != "purge" || !strings.HasPrefix(last.Detail, "event=tisch people=4 registrations=4 ") {
		t.Errorf("audit = %+v", last)
	}
	for _, e := range log {
		if found := traces(e.Detail, "@", "Anna", "Bernd", "Carla", "Frank", "Erik"); found != nil {
			t.Errorf("audit entry %+v holds %v", e, found)
		}
	}

	// Purging again changes nothing, not even the audit log.
	before := dump(t, db.Path())
	tx(t, db, func(tx *store.Tx) (err error) { n, err = tx.PurgeEvent("tisch"); return err })
	if after := dump(t, db.Path()); n != 0 || after != before {
		t.Errorf("second PurgeEvent() = %d and changed the database", n)
	}
}
