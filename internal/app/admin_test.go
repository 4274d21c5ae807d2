package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/desk"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/store"
)

var berlinTZ, _ = time.LoadLocation("Europe/Berlin")

// adminFixture is the example configuration (Runder Tisch with one seat)
// on a real database in a temporary folder, with a fixed clock.
type adminFixture struct {
	t   *testing.T
	cfg *config.Config
	db  *store.DB
	d   *desk.Desk
	now time.Time
}

func newAdminFixture(t *testing.T) *adminFixture {
	t.Helper()
	f := &adminFixture{t: t, cfg: config.Default(), now: time.Date(2024, 4, 2, 10, 0, 0, 0, berlinTZ)}
	f.cfg.Database = filepath.Join(t.TempDir(), "regbot.db")
	for i := range f.cfg.Events {
		if f.cfg.Events[i].ID == "runder-tisch" {
			f.cfg.Events[i].Capacity = 1
		}
	}
	var err error
	if f.db, err = store.Open(context.Background(), f.cfg.Database, &store.Options{Now: f.clock}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.db.Close() })
	r, err := reply.New("")
	if err != nil {
		t.Fatal(err)
	}
	if f.d, err = desk.New(desk.Options{Config: f.cfg, Renderer: r, Now: f.clock}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *adminFixture) clock() time.Time { return f.now }

func (f *adminFixture) opts() AdminOptions { return AdminOptions{Now: f.clock} }

func (f *adminFixture) add(event, name, email, org string) {
	f.t.Helper()
	err := f.db.Tx(context.Background(), func(tx *store.Tx) error {
		_, err := f.d.AddByHand(tx, event, name, email, org, true)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in   string
		want store.Status
		ok   bool
	}{
		{"", "", true},
		{"confirmed", store.StatusConfirmed, true},
		{"Bestätigt", store.StatusConfirmed, true},
		{"warteliste", store.StatusWaitlist, true},
		{"storniert", store.StatusCancelled, true},
		{"Infoliste", store.StatusInterest, true},
		{"abgelehnt", store.StatusRefused, true},
		{"vielleicht", "", false},
	}
	for _, tc := range tests {
		got, err := ParseStatus(tc.in)
		var ue *UsageError
		if got != tc.want || (err == nil) != tc.ok || (err != nil && !errors.As(err, &ue)) {
			t.Errorf("ParseStatus(%q) = %q, %v", tc.in, got, err)
		}
	}
}

func TestCSVSafeAndClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Anna Schmidt", "Anna Schmidt"},
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+49 30 1234", "'+49 30 1234"},
		{"-2+3", "'-2+3"},
		{"@cmd", "'@cmd"},
		{"\t=1", "'=1"}, // the tab is cleaned away first, then the formula guarded
		{"Zeile 1\nZeile 2", "Zeile 1 Zeile 2"},
		{"a@example.org", "a@example.org"},
	}
	for _, tc := range tests {
		if got := csvSafe(tc.in); got != tc.want {
			t.Errorf("csvSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := clean("Evil\x1b[31mRed\x1b[0m\tName\r\n"); strings.ContainsAny(got, "\x1b\t\r\n") {
		t.Errorf("clean left control characters: %q", got)
	}
	if got := short("Ärger über Öl und Übel", 10); got != "Ärger übe…" {
		t.Errorf("short: %q", got)
	}
}

func TestDaysLeft(t *testing.T) {
	deadline := time.Date(2024, 4, 12, 23, 59, 59, 0, berlinTZ)
	tests := []struct {
		now  time.Time
		want string
	}{
		{time.Date(2024, 4, 2, 10, 0, 0, 0, berlinTZ), "10"},
		{time.Date(2024, 4, 11, 23, 30, 0, 0, berlinTZ), "1"},
		{time.Date(2024, 4, 12, 0, 30, 0, 0, berlinTZ), "today"},
		{time.Date(2024, 4, 13, 0, 0, 0, 0, berlinTZ), "passed"},
		{time.Date(2024, 3, 30, 12, 0, 0, 0, berlinTZ), "13"}, // across the change to summer time
	}
	for _, tc := range tests {
		if got := daysLeft(tc.now, deadline, berlinTZ); got != tc.want {
			t.Errorf("daysLeft(%s) = %s, want %s", tc.now, got, tc.want)
		}
	}
}

func TestWriteFile0600(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeFile0600(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("file %q mode %v", b, st.Mode())
	}
	// A failed write leaves the old file and no temporary one.
	err := writeFile0600(path, func(w io.Writer) error { return errors.New("disk full") })
	if err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("failed write changed the file: %q", b)
	}
	if ents, _ := os.ReadDir(filepath.Dir(path)); len(ents) != 1 {
		t.Errorf("left %d files", len(ents))
	}
}

func TestStatsWithClock(t *testing.T) {
	f := newAdminFixture(t)
	f.add("runder-tisch", "Anna Schmidt", "anna@example.org", "")
	f.add("runder-tisch", "Ben Meyer", "ben@example.org", "")
	f.add("netzwerktag", "Carla Öztürk", "carla@example.org", "")
	var out bytes.Buffer
	if err := Stats(context.Background(), f.cfg, StatsOptions{f.opts()}, &out); err != nil {
		t.Fatal(err)
	}
	rt := strings.Fields(lineOf(t, out.String(), "runder-tisch"))
	nt := strings.Fields(lineOf(t, out.String(), "netzwerktag"))
	// EVENT MODE CONFIRMED WAITLIST CANCELLED LATE INFO REFUSED SEATS… DEADLINE DAYS
	want := []string{"runder-tisch", "open", "1", "1", "0", "0", "0", "0", "0", "of", "1", "12.04.2024", "10"}
	if strings.Join(rt, " ") != strings.Join(want, " ") {
		t.Errorf("runder-tisch: %q", rt)
	}
	if nt[1] != "interest" || nt[6] != "1" || nt[8] != "unlimited" || nt[9] != "19.06.2024" || nt[10] != "78" {
		t.Errorf("netzwerktag: %q", nt)
	}
	f.now = time.Date(2024, 5, 1, 9, 0, 0, 0, berlinTZ)
	out.Reset()
	Stats(context.Background(), f.cfg, StatsOptions{f.opts()}, &out)
	if !strings.Contains(lineOf(t, out.String(), "runder-tisch"), "passed") {
		t.Errorf("after the deadline:\n%s", out.String())
	}
}

func lineOf(t *testing.T, out, s string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q:\n%s", s, out)
	return ""
}

func TestForgetDryRunChangesNothing(t *testing.T) {
	f := newAdminFixture(t)
	f.add("runder-tisch", "Anna Schmidt", "anna@example.org", "Beispiel GmbH")
	f.add("netzwerktag", "Anna Schmidt", "anna@example.org", "")
	audit := func() int {
		l, err := f.db.Reader(context.Background()).AuditLog(time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		return len(l)
	}
	before := audit()
	var out bytes.Buffer
	if err := Forget(context.Background(), f.cfg, ForgetOptions{AdminOptions: f.opts(), Who: "ANNA@example.org", DryRun: true}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "would erase 3 records (people=1 registrations=2") {
		t.Errorf("dry run:\n%s", out.String())
	}
	if p, _ := f.db.Reader(context.Background()).PersonByEmail("anna@example.org"); p == nil || audit() != before {
		t.Error("the dry run changed the database")
	}
	out.Reset()
	if err := Forget(context.Background(), f.cfg, ForgetOptions{AdminOptions: f.opts(), Who: "1"}, &out); err != nil {
		t.Fatal(err)
	}
	if p, _ := f.db.Reader(context.Background()).PersonByEmail("anna@example.org"); p != nil || !strings.Contains(out.String(), "erased 3 records") {
		t.Errorf("forget by registration id:\n%s", out.String())
	}
	var nf *NotFoundError
	if err := Forget(context.Background(), f.cfg, ForgetOptions{AdminOptions: f.opts(), Who: "anna@example.org"}, &out); !errors.As(err, &nf) {
		t.Errorf("forget twice: %v", err)
	}
	if audit() != before+1 {
		t.Errorf("audit entries %d, want %d: one per erasure, none for nothing", audit(), before+1)
	}
}

func TestUnknownEventListsTheKnown(t *testing.T) {
	f := newAdminFixture(t)
	var out bytes.Buffer
	for name, run := range map[string]func() error{
		"list": func() error { return List(context.Background(), f.cfg, ListOptions{Event: "sommerfest"}, &out) },
		"export": func() error {
			return Export(context.Background(), f.cfg, ExportOptions{Event: "sommerfest", Format: "csv"}, &out)
		},
		"add": func() error {
			return Add(context.Background(), f.cfg, AddOptions{Event: "sommerfest", Name: "X", Email: "x@example.org"}, &out)
		},
		"promote": func() error { return Promote(context.Background(), f.cfg, PromoteOptions{Event: "sommerfest"}, &out) },
		"cancel": func() error {
			return Cancel(context.Background(), f.cfg, CancelOptions{Who: "x@example.org", Event: "sommerfest"}, &out)
		},
	} {
		err := run()
		var ue *UnknownEventError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), "runder-tisch, netzwerktag") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
