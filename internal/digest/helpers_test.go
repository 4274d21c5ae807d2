package digest_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/store"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

var berlin = mustLoc("Europe/Berlin")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a Berlin wall-clock time in 2024.
func at(month time.Month, day, hour, min int) time.Time {
	return time.Date(2024, month, day, hour, min, 0, 0, berlin)
}

// clock is the injected time source: it shows what it was set to.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// testConfig is the embedded configuration with a Runder Tisch of four
// seats (so that a waiting list forms) and two organisers.
func testConfig(t testing.TB) *config.Config {
	t.Helper()
	cfg := config.Default()
	cfg.Database = filepath.Join(t.TempDir(), "regbot.db")
	cfg.Digest.To = []string{"orga@heinlein-support.de", "Team.Veranstaltungen@example.org"}
	cfg.Event("runder-tisch").Capacity = 4
	return cfg
}

func openStore(t testing.TB, path string, c *clock) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path, &store.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// The digest the golden files show is built at this moment; the previous
// one went out a day earlier.
var (
	goldenNow      = at(time.April, 3, 7, 0)
	previousDigest = at(time.April, 2, 7, 0)
)

// seed fills db with two days of registrations, set in Berlin time: before
// the previous digest (2 April, 07:00) the known participants, after it a
// new registration with a colleague, a waiting list, a cancellation that
// moves the colleague up, a bounce, an erasure on request, an interest for
// the Netzwerktag, two open reviews and two delivery problems.
func seed(t testing.TB, db *store.DB, c *clock) {
	t.Helper()
	ctx := context.Background()
	do := func(when time.Time, fn func(tx *store.Tx) error) {
		t.Helper()
		c.Set(when)
		if err := db.Tx(ctx, fn); err != nil {
			t.Fatalf("seed at %s: %v", when, err)
		}
	}
	person := func(tx *store.Tx, name, org, email string) int64 {
		t.Helper()
		id, err := tx.UpsertPerson(&store.Person{Name: name, Organisation: org, Email: email})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	register := func(tx *store.Tx, event string, pid, by int64, st store.Status) int64 {
		t.Helper()
		id, err := tx.AddRegistration(&store.Registration{Event: event, PersonID: pid, RegisteredBy: by, Status: st})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	ids := map[string]int64{}
	reg := func(key, event, name, org, email string, st store.Status) func(tx *store.Tx) error {
		return func(tx *store.Tx) error {
			ids[key] = register(tx, event, person(tx, name, org, email), 0, st)
			return nil
		}
	}

	// Before the previous digest.
	do(at(time.March, 20, 10, 15), reg("anna", "runder-tisch", "Anna Schmidt", "Senatsverwaltung für Finanzen", "anna.schmidt@senfin.berlin.de", store.StatusConfirmed))
	do(at(time.March, 21, 9, 2), reg("joerg", "runder-tisch", "Jörg Müller", "IHK Berlin", "joerg.mueller@ihk-berlin.de", store.StatusConfirmed))
	do(at(time.March, 22, 16, 40), reg("uemmuehan", "runder-tisch", "Dr. Ümmühan Öztürk", "Technologiestiftung Berlin", "oeztuerk@technologiestiftung-berlin.de", store.StatusConfirmed))
	do(at(time.March, 25, 11, 30), reg("paul", "runder-tisch", "Paul Neumann", "", "paul.neumann@example.net", store.StatusWaitlist))
	do(at(time.March, 28, 8, 5), reg("frieda", "netzwerktag", "Frieda Fuchs", "Bezirksamt Pankow", "frieda.fuchs@ba-pankow.berlin.de", store.StatusInterest))
	do(at(time.March, 31, 18, 30), func(tx *store.Tx) error {
		_, err := tx.AddReview(&store.Review{Reason: "a question for a person about runder-tisch",
			Sender: "Frieda.Fuchs@ba-pankow.berlin.de", Subject: "Barrierefreiheit im Ludwig Erhard Haus?",
			Excerpt: "Guten Tag,\nist der Seminarraum 4 A 02 für Rollstühle erreichbar?\nGibt es einen Aufzug?\nMit freundlichen Grüßen\nFrieda Fuchs"})
		return err
	})
	do(previousDigest, func(tx *store.Tx) error { return tx.MarkDigestSent("2024-04-02") })

	// Since the previous digest.
	do(at(time.April, 2, 9, 12), func(tx *store.Tx) error {
		bjoern := person(tx, "Björn Weiß", "ITDZ Berlin", "bjoern.weiss@itdz-berlin.de")
		ids["bjoern"] = register(tx, "runder-tisch", bjoern, 0, store.StatusConfirmed)
		ids["kaethe"] = register(tx, "runder-tisch", person(tx, "Käthe Groß", "ITDZ Berlin", "kaethe.gross@itdz-berlin.de"), bjoern, store.StatusWaitlist)
		return nil
	})
	do(at(time.April, 2, 10, 30), reg("lena", "runder-tisch", "Lena Vogt", "Freie Universität Berlin", "lena.vogt@fu-berlin.de", store.StatusWaitlist))
	do(at(time.April, 2, 11, 4), func(tx *store.Tx) error {
		if err := tx.SetStatus(ids["anna"], store.StatusCancelled); err != nil {
			return err
		}
		return tx.SetStatus(ids["kaethe"], store.StatusConfirmed)
	})
	do(at(time.April, 2, 12, 30), reg("ole", "runder-tisch", "Ole Hansen", "Open Source Business Alliance", "ole.hansen@osb-alliance.de", store.StatusWaitlist))
	do(at(time.April, 2, 14, 0), func(tx *store.Tx) error {
		_, err := tx.Enqueue(&store.OutboxItem{MessageID: "regbot-1@heinlein-support.de", Kind: "confirmation",
			To: "joerg.mueller@ihk-berlin.de", Raw: []byte("x")})
		return err
	})
	do(at(time.April, 2, 14, 2), func(tx *store.Tx) error {
		o, err := tx.OutboxByMessageID("regbot-1@heinlein-support.de")
		if err != nil {
			return err
		}
		return tx.MarkAttemptFailed(o.ID, "550 5.1.1 <joerg.mueller@ihk-berlin.de>: Recipient address rejected: User unknown", time.Time{}, true)
	})
	do(at(time.April, 2, 14, 5), func(tx *store.Tx) error {
		if err := tx.MarkUndeliverable("joerg.mueller@ihk-berlin.de", "550 5.1.1 User unknown"); err != nil {
			return err
		}
		return tx.AddChange("runder-tisch", ids["joerg"], store.ChangeBounced)
	})
	do(at(time.April, 2, 16, 45), reg("sabine", "netzwerktag", "Sabine Köhler", "Bezirksamt Friedrichshain-Kreuzberg", "sabine.koehler@ba-fk.berlin.de", store.StatusInterest))
	do(at(time.April, 2, 16, 46), func(tx *store.Tx) error {
		_, err := tx.Enqueue(&store.OutboxItem{MessageID: "regbot-2@heinlein-support.de", Kind: "interest",
			To: "sabine.koehler@ba-fk.berlin.de", Raw: []byte("x")})
		return err
	})
	do(at(time.April, 3, 6, 30), func(tx *store.Tx) error {
		o, err := tx.OutboxByMessageID("regbot-2@heinlein-support.de")
		if err != nil {
			return err
		}
		return tx.MarkAttemptFailed(o.ID, "451 4.7.1 Greylisting in action, please come back later", at(time.April, 3, 7, 30), false)
	})
	do(at(time.April, 2, 17, 20), func(tx *store.Tx) error {
		_, err := tx.Forget("paul.neumann@example.net")
		return err
	})
	do(at(time.April, 2, 20, 10), func(tx *store.Tx) error {
		_, err := tx.AddReview(&store.Review{Reason: "nothing regbot can act on", Sender: "m.brandt@example.com",
			Subject: "AW: Runder Tisch", Excerpt: "Hallo zusammen,\nkönnen wir das Thema Vergabe noch auf die Agenda setzen?\n\nDanke & Gruß\nMarkus Brandt"})
		return err
	})
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got ---\n%s", name, got)
	}
}
