package config_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/heinlein/regbot"
	"github.com/heinlein/regbot/internal/config"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestExampleParsesClean(t *testing.T) {
	cfg, err := config.Parse(regbot.DefaultConfigYAML, "config.example.yaml")
	if err != nil {
		for _, p := range config.Problems(err) {
			t.Error(p)
		}
		t.Fatal("config.example.yaml must validate without problems")
	}
	if cfg.Location.String() != "Europe/Berlin" {
		t.Errorf("Location = %v, want Europe/Berlin", cfg.Location)
	}
	if cfg.Mailbox.Address != "mail@heinlein-support.de" {
		t.Errorf("Mailbox.Address = %q", cfg.Mailbox.Address)
	}
	if len(cfg.Events) != 2 {
		t.Fatalf("got %d events, want 2", len(cfg.Events))
	}
	loc := berlin(t)

	rt := cfg.Event("runder-tisch")
	if rt == nil {
		t.Fatal("no event runder-tisch")
	}
	if rt.Title != "Runder Tisch „Open Source in Berlin“" {
		t.Errorf("Title = %q", rt.Title)
	}
	if want := time.Date(2024, 4, 18, 13, 0, 0, 0, loc); !rt.Start.Equal(want) {
		t.Errorf("Start = %v, want %v", rt.Start, want)
	}
	if _, off := rt.Start.Zone(); off != 2*3600 {
		t.Errorf("Start offset = %ds, want +02:00", off)
	}
	if rt.Start.Format(time.RFC3339) != "2024-04-18T13:00:00+02:00" {
		t.Errorf("Start = %s", rt.Start.Format(time.RFC3339))
	}
	if rt.Start.Location() != cfg.Location {
		t.Errorf("Start not in cfg.Location: %v", rt.Start.Location())
	}
	if want := time.Date(2024, 4, 18, 17, 30, 0, 0, loc); !rt.End.Equal(want) {
		t.Errorf("End = %v, want %v", rt.End, want)
	}
	if last := time.Date(2024, 4, 12, 23, 59, 59, 0, loc); rt.Deadline.Before(last) {
		t.Errorf("Deadline %v does not cover %v", rt.Deadline, last)
	}
	if next := time.Date(2024, 4, 13, 0, 0, 0, 0, loc); !rt.Deadline.Before(next) {
		t.Errorf("Deadline %v covers %v", rt.Deadline, next)
	}
	if got := rt.Location.String(); got != "IHK Berlin, Ludwig Erhard Haus, Seminarraum 4 A 02, Fasanenstraße 85, 10623 Berlin" {
		t.Errorf("Location = %q", got)
	}
	if rt.Capacity != 40 || rt.Registration != config.ModeOpen || rt.Late != config.LateWaitlist || !rt.Default {
		t.Errorf("runder-tisch: capacity %d registration %q late %q default %v", rt.Capacity, rt.Registration, rt.Late, rt.Default)
	}
	if rt.Organizer != (config.Mailbox{Address: "mail@heinlein-support.de", Name: "Heinlein Support"}) {
		t.Errorf("Organizer = %+v", rt.Organizer)
	}
	if rt.Description == "" {
		t.Error("runder-tisch has no description")
	}
	for _, a := range []string{"Runder Tisch", "Runden Tisch", "Round Table", "Roundtable", "Round-Table", "Open Source in Berlin"} {
		if !slices.Contains(rt.Aliases, a) {
			t.Errorf("runder-tisch lacks alias %q", a)
		}
	}

	nt := cfg.Event("netzwerktag")
	if nt == nil {
		t.Fatal("no event netzwerktag")
	}
	if nt.Registration != config.ModeInterest || nt.Default {
		t.Errorf("netzwerktag: registration %q default %v", nt.Registration, nt.Default)
	}
	if y, m, d := nt.Start.Date(); y != 2024 || m != time.June || d != 19 {
		t.Errorf("netzwerktag starts %v, want 2024-06-19", nt.Start)
	}
	if !nt.Deadline.Equal(nt.Start) {
		t.Errorf("netzwerktag deadline %v, want its start %v", nt.Deadline, nt.Start)
	}
	if got := nt.Location.String(); got != "IHK Berlin, Ludwig Erhard Haus, Fasanenstraße 85, 10623 Berlin" {
		t.Errorf("Location = %q", got)
	}
	for _, a := range []string{"Netzwerktag", "Network Day", "Open Source Network Day", "Networking Day"} {
		if !slices.Contains(nt.Aliases, a) {
			t.Errorf("netzwerktag lacks alias %q", a)
		}
	}

	if got := cfg.DefaultEvent(); got == nil || got.ID != "runder-tisch" {
		t.Errorf("DefaultEvent = %v, want runder-tisch", got)
	}
	if cfg.Event("nope") != nil {
		t.Error("Event(unknown) != nil")
	}
}

func TestDefaultIsExample(t *testing.T) {
	a := config.Default()
	b, err := config.Parse(regbot.DefaultConfigYAML, "x")
	if err != nil {
		t.Fatal(err)
	}
	if a.Events[0].ID != b.Events[0].ID || a.IMAP != b.IMAP {
		t.Error("Default() differs from the parsed example")
	}
	if a.Event("runder-tisch") == a.Event("netzwerktag") {
		t.Error("Event returns the same pointer for different ids")
	}
}

// The example promises that every value in it is the built-in default, so a
// config that leaves everything out behaves like the example.
func TestExampleValuesAreDefaults(t *testing.T) {
	minimal, err := config.Parse([]byte("mailbox: {address: mail@heinlein-support.de, name: Heinlein Support}\n"), "min.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ex := config.Default()
	strip := func(c *config.Config) config.Config {
		cp := *c
		cp.Events = nil
		return cp
	}
	a, b := strip(minimal), strip(ex)
	for _, f := range []struct {
		name string
		x, y any
	}{
		{"timezone", a.Timezone, b.Timezone},
		{"location", a.Location.String(), b.Location.String()},
		{"database", a.Database, b.Database},
		{"imap", a.IMAP, b.IMAP},
		{"smtp", a.SMTP, b.SMTP},
		{"limits", a.Limits, b.Limits},
		{"digest", a.Digest, b.Digest},
		{"retention_days", a.RetentionDays, b.RetentionDays},
		{"templates", a.Templates, b.Templates},
		{"log", a.Log, b.Log},
		{"metrics", a.Metrics, b.Metrics},
	} {
		if !reflect.DeepEqual(f.x, f.y) {
			t.Errorf("%s: built-in default %+v, example %+v", f.name, f.x, f.y)
		}
	}
}
