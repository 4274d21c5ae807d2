package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/config"
)

func mustParse(t *testing.T, data []byte) *config.Config {
	t.Helper()
	cfg, err := config.Parse(data, "config.yaml")
	if err != nil {
		t.Fatalf("unexpected problems:\n%v\nin\n%s", err, data)
	}
	return cfg
}

func TestAccepted(t *testing.T) {
	cases := []struct {
		name  string
		yaml  []byte
		check func(t *testing.T, c *config.Config)
	}{
		{"security none on localhost", doc(with(base, "imap: {host: localhost, security: none}", "smtp: {host: 127.0.0.5, security: none}")...),
			func(t *testing.T, c *config.Config) {
				if c.IMAP.Port != 143 || c.SMTP.Port != 25 {
					t.Errorf("ports %d/%d, want 143/25 for security none", c.IMAP.Port, c.SMTP.Port)
				}
			}},
		{"security none on ::1", doc(with(base, `imap: {host: "::1", security: none}`)...), nil},
		{"port follows security", doc(with(base, "imap: {security: starttls}", "smtp: {security: TLS}")...),
			func(t *testing.T, c *config.Config) {
				if c.IMAP.Port != 143 || c.SMTP.Port != 465 || c.SMTP.Security != "tls" {
					t.Errorf("imap %d, smtp %d %q", c.IMAP.Port, c.SMTP.Port, c.SMTP.Security)
				}
			}},
		{"explicit port wins", doc(with(base, "imap: {security: starttls, port: 1143}")...),
			func(t *testing.T, c *config.Config) {
				if c.IMAP.Port != 1143 {
					t.Errorf("port %d", c.IMAP.Port)
				}
			}},
		{"empty sections keep defaults", doc(with(base, "imap:", "smtp: ~", "digest:", "log: {}")...),
			func(t *testing.T, c *config.Config) {
				if c.IMAP.Folder != "INBOX" || c.SMTP.Port != 587 || c.Digest.Time.String() != "07:00" || c.Log.Level != "info" {
					t.Errorf("defaults lost: %+v %+v %+v %+v", c.IMAP, c.SMTP, c.Digest, c.Log)
				}
			}},
		{"times with offset and dates alone", doc(with(base[:4], "    start: 2024-04-18T11:00:00Z", "    end: 2024-04-18", "    deadline: 2024-04-12T18:00")...),
			func(t *testing.T, c *config.Config) {
				e := c.Events[0]
				if e.Start.Format(time.RFC3339) != "2024-04-18T13:00:00+02:00" {
					t.Errorf("Start %v", e.Start)
				}
				if e.End.Format("15:04:05") != "23:59:59" {
					t.Errorf("End %v, want the end of the day", e.End)
				}
				if e.Deadline.Format(time.RFC3339) != "2024-04-12T18:00:00+02:00" {
					t.Errorf("Deadline %v", e.Deadline)
				}
			}},
		{"winter time", doc(with(base[:4], "    start: 2024-12-05T10:00", "    end: 2024-12-05 12:00", "    deadline: 2024-11-30")...),
			func(t *testing.T, c *config.Config) {
				if got := c.Events[0].Start.Format(time.RFC3339); got != "2024-12-05T10:00:00+01:00" {
					t.Errorf("Start %s", got)
				}
			}},
		{"lenient scalars", doc(with(base, "    capacity: \"40\"", "    default: yes", "    registration: Open", "digest: {to: orga@example.org, time: \"7:05\"}", "log: {level: WARNING}")...),
			func(t *testing.T, c *config.Config) {
				e := c.Events[0]
				if e.Capacity != 40 || !e.Default || e.Registration != config.ModeOpen {
					t.Errorf("event %+v", e)
				}
				if len(c.Digest.To) != 1 || c.Digest.Time != (config.ClockTime{Hour: 7, Minute: 5}) || c.Log.Level != "warn" {
					t.Errorf("digest %+v log %+v", c.Digest, c.Log)
				}
			}},
		{"no events", doc("mailbox: {address: a@example.org}"),
			func(t *testing.T, c *config.Config) {
				if c.DefaultEvent() != nil || len(c.Events) != 0 {
					t.Error("events out of nothing")
				}
			}},
		{"comments only", []byte("# nothing here yet\nmailbox: {address: a@example.org}\n# more\n"), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := mustParse(t, tc.yaml)
			if tc.check != nil {
				tc.check(t, cfg)
			}
		})
	}
}

func TestMergeKeys(t *testing.T) {
	cfg := mustParse(t, doc(
		"mailbox: {address: a@example.org}",
		"events:",
		"  - &rt",
		"    id: rt",
		"    title: Runder Tisch",
		"    start: 2024-04-18T13:00",
		"    end: 2024-04-18T17:30",
		"    location: {name: IHK Berlin, city: Berlin}",
		"    capacity: 40",
		"  - <<: *rt",
		"    id: rt2",
		"    title: Runder Tisch II",
		"    start: 2024-10-17T13:00",
		"    end: 2024-10-17T17:30",
		"    capacity: 30",
	))
	e := cfg.Event("rt2")
	if e == nil || e.Capacity != 30 || e.Location.Name != "IHK Berlin" || e.Start.Month() != time.October {
		t.Errorf("merged event = %+v", e)
	}
}

func TestOrganizer(t *testing.T) {
	cfg := mustParse(t, doc(
		"mailbox: {address: a@example.org, name: Anmeldung}",
		"events:",
		"  - {id: a, title: A, start: 2024-04-18T13:00, end: 2024-04-18T14:00}",
		"  - {id: b, title: B, start: 2024-04-18T13:00, end: 2024-04-18T14:00, organizer: {email: b@example.org}}",
		"  - {id: c, title: C, start: 2024-04-18T13:00, end: 2024-04-18T14:00, organizer: {name: Orga C}}",
	))
	for id, want := range map[string]config.Mailbox{
		"a": {Address: "a@example.org", Name: "Anmeldung"},
		"b": {Address: "b@example.org"},
		"c": {Address: "a@example.org", Name: "Orga C"},
	} {
		if got := cfg.Event(id).Organizer; got != want {
			t.Errorf("%s: organizer %+v, want %+v", id, got, want)
		}
	}
}

func TestDefaultEventFallback(t *testing.T) {
	cfg := mustParse(t, doc(with(with(base, "    registration: closed"), with(second[:4], "    registration: open")...)...))
	if e := cfg.DefaultEvent(); e == nil || e.ID != "nt" {
		t.Errorf("DefaultEvent = %v, want the first open event nt", e)
	}
	if cfg.Event(" RT ") == nil {
		t.Error("Event does not ignore case and space")
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "regbot.yaml")
	if err := os.WriteFile(path, doc(with(base, "database: data/regbot.db", "imap: {ca_file: /etc/ssl/ca.pem, password_file: imap.pw}")...), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Database != filepath.Join(dir, "data/regbot.db") || cfg.IMAP.PasswordFile != filepath.Join(dir, "imap.pw") || cfg.IMAP.CAFile != "/etc/ssl/ca.pem" {
		t.Errorf("paths not resolved against %s: %q %q %q", dir, cfg.Database, cfg.IMAP.PasswordFile, cfg.IMAP.CAFile)
	}

	if _, err := config.Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}

	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, doc(with(base, "    capacity: -1")...), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = config.Load(bad)
	if ps := config.Problems(err); len(ps) != 1 || ps[0].File != bad || !strings.HasPrefix(err.Error(), bad+":7:5: ") {
		t.Errorf("problems in %s: %v", bad, err)
	}
}

func TestPassword(t *testing.T) {
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "smtp.pw")
	if err := os.WriteFile(pwFile, []byte("s3cret file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.pw")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		kind     string
		env      map[string]string
		setup    func(c *config.Config)
		want     string
		errWords []string
	}{
		{"imap from default env", "imap", map[string]string{"REGBOT_IMAP_PASSWORD": "from env"}, nil, "from env", nil},
		{"smtp from custom env", "smtp", map[string]string{"MY_SMTP": "custom"},
			func(c *config.Config) { c.SMTP.PasswordEnv = "MY_SMTP" }, "custom", nil},
		{"from file, newline trimmed", "smtp", nil,
			func(c *config.Config) { c.SMTP.PasswordFile = pwFile }, "s3cret file", nil},
		{"file wins over env", "smtp", map[string]string{"REGBOT_SMTP_PASSWORD": "env"},
			func(c *config.Config) { c.SMTP.PasswordFile = pwFile }, "s3cret file", nil},
		{"env not set", "imap", nil, nil, "",
			[]string{"REGBOT_IMAP_PASSWORD", "not set", "export REGBOT_IMAP_PASSWORD", "imap.password_file"}},
		{"env empty", "imap", map[string]string{"REGBOT_IMAP_PASSWORD": ""}, nil, "",
			[]string{"REGBOT_IMAP_PASSWORD", "not set"}},
		{"neither configured", "smtp", nil,
			func(c *config.Config) { c.SMTP.PasswordEnv = "" }, "",
			[]string{"neither smtp.password_env nor smtp.password_file", "never goes into the config file"}},
		{"file missing", "imap", map[string]string{"REGBOT_IMAP_PASSWORD": "env"},
			func(c *config.Config) { c.IMAP.PasswordFile = filepath.Join(dir, "nope") }, "",
			[]string{"nope", "imap.password_file"}},
		{"file empty", "imap", nil,
			func(c *config.Config) { c.IMAP.PasswordFile = empty }, "",
			[]string{"empty", "write the password"}},
		{"unknown kind", "pop3", nil, nil, "", []string{`"pop3"`, "imap or smtp"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Make the defaults' variables absent unless the case sets them.
			for _, v := range []string{"REGBOT_IMAP_PASSWORD", "REGBOT_SMTP_PASSWORD"} {
				t.Setenv(v, "")
				os.Unsetenv(v)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			cfg := mustParse(t, doc(base...))
			if tc.setup != nil {
				tc.setup(cfg)
			}
			got, err := cfg.Password(tc.kind)
			if tc.errWords == nil {
				if err != nil || got != tc.want {
					t.Errorf("Password = %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Password = %q, want an error", got)
			}
			for _, w := range tc.errWords {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestCheckServers(t *testing.T) {
	if err := config.Default().CheckServers(); len(config.Problems(err)) != 4 {
		t.Errorf("example without servers: want 4 problems, got\n%v", err)
	}

	cfg := mustParse(t, doc(with(base, "imap:", "  host: imap.example.org", "smtp: {host: localhost, port: 25}")...))
	ps := config.Problems(cfg.CheckServers())
	if len(ps) != 1 {
		t.Fatalf("want only imap.username, got %v", ps)
	}
	checkProblem(t, ps[0], want{"imap.username", 7, 1, []string{"is not set", "login name", "a@example.org"}})

	cfg = mustParse(t, doc(with(base, "imap: {host: imap.example.org, username: u}", "smtp: {host: smtp.example.org, username: u}")...))
	if err := cfg.CheckServers(); err != nil {
		t.Errorf("complete servers: %v", err)
	}
}

func TestClockTimeNext(t *testing.T) {
	loc := berlin(t)
	seven := config.ClockTime{Hour: 7}
	for _, tc := range []struct{ after, want time.Time }{
		{time.Date(2024, 4, 18, 6, 0, 0, 0, loc), time.Date(2024, 4, 18, 7, 0, 0, 0, loc)},
		{time.Date(2024, 4, 18, 7, 0, 0, 0, loc), time.Date(2024, 4, 19, 7, 0, 0, 0, loc)},
		{time.Date(2024, 3, 30, 8, 0, 0, 0, loc), time.Date(2024, 3, 31, 7, 0, 0, 0, loc)}, // across the DST change
		{time.Date(2024, 12, 31, 23, 0, 0, 0, loc), time.Date(2025, 1, 1, 7, 0, 0, 0, loc)},
	} {
		if got := seven.Next(tc.after); !got.Equal(tc.want) {
			t.Errorf("Next(%v) = %v, want %v", tc.after, got, tc.want)
		}
	}
	if s := (config.ClockTime{Hour: 7, Minute: 5}).String(); s != "07:05" {
		t.Errorf("String = %q", s)
	}
}

func TestLocationString(t *testing.T) {
	for _, tc := range []struct {
		l    config.Location
		want string
	}{
		{config.Location{}, ""},
		{config.Location{City: "Berlin"}, "Berlin"},
		{config.Location{Name: "IHK Berlin", PostalCode: "10623", City: "Berlin"}, "IHK Berlin, 10623 Berlin"},
		{config.Location{Street: "Fasanenstraße 85", PostalCode: "10623"}, "Fasanenstraße 85, 10623"},
	} {
		if got := tc.l.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.l, got, tc.want)
		}
	}
}
