package mailstack

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/config"
)

// The generated configuration is one regbot accepts, with what was asked.
func TestConfigYAML(t *testing.T) {
	day := time.Date(2026, 6, 19, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		c    Config
	}{
		{"defaults", Config{Database: "/tmp/r.db", Mailbox: "reg-x@heinlein-support.de",
			IMAP: Server{Port: 1143, Security: "none", Username: "reg-x@heinlein-support.de"},
			SMTP: Server{Port: 1587, Security: "starttls", Username: "reg-x@heinlein-support.de", CAFile: "/tmp/ca.pem"}, Day: day}},
		{"everything set", Config{Database: "/tmp/r.db", Mailbox: "reg-y@heinlein-support.de",
			IMAP:         Server{Port: 1993, Security: "tls", Username: "reg-y@heinlein-support.de", CAFile: "/tmp/ca.pem"},
			SMTP:         Server{Port: 2525, Security: "none"},
			PollInterval: 5 * time.Second, RepliesPerHour: 100, LogLevel: "debug", Day: day,
			Capacity: 40, Late: "waitlist", Description: "Ein Test: mit „Zeichen“."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.Parse([]byte(tt.c.YAML()), "test.yaml")
			if err != nil {
				t.Fatalf("Parse = %v\n%s", err, tt.c.YAML())
			}
			c := tt.c
			if cfg.Mailbox.Address != c.Mailbox || cfg.IMAP.Port != c.IMAP.Port || cfg.IMAP.Security != c.IMAP.Security ||
				cfg.IMAP.Username != c.IMAP.Username || cfg.IMAP.CAFile != c.IMAP.CAFile || cfg.SMTP.Port != c.SMTP.Port ||
				cfg.SMTP.Username != c.SMTP.Username || cfg.SMTP.CAFile != c.SMTP.CAFile {
				t.Errorf("servers: imap %+v smtp %+v, want %+v %+v", cfg.IMAP, cfg.SMTP, c.IMAP, c.SMTP)
			}
			wantPoll := c.PollInterval
			if wantPoll == 0 {
				wantPoll = time.Minute
			}
			if cfg.IMAP.PollInterval != wantPoll || cfg.Limits.RepliesPerHour != c.RepliesPerHour {
				t.Errorf("poll %v, replies per hour %d; want %v, %d", cfg.IMAP.PollInterval, cfg.Limits.RepliesPerHour, wantPoll, c.RepliesPerHour)
			}
			if len(cfg.Events) != 1 {
				t.Fatalf("%d events, want 1", len(cfg.Events))
			}
			ev := cfg.Events[0]
			if got := ev.Start.Format("2006-01-02 15:04"); got != "2026-06-19 13:00" {
				t.Errorf("start %s, want 2026-06-19 13:00", got)
			}
			if ev.Capacity != c.Capacity || ev.Description != c.Description {
				t.Errorf("capacity %d, description %q; want %d, %q", ev.Capacity, ev.Description, c.Capacity, c.Description)
			}
		})
	}
}

// Without a stack Find says what is missing.
func TestFindWithoutStack(t *testing.T) {
	t.Setenv("MAILSTACK_DIR", t.TempDir())
	if _, err := Find(); err == nil || !strings.Contains(err.Error(), "no test CA") {
		t.Errorf("Find = %v, want an error about the missing test CA", err)
	}
	t.Setenv("IMAP_PORT", "imap")
	if _, err := Find(); err == nil || !strings.Contains(err.Error(), "IMAP_PORT") {
		t.Errorf("Find = %v, want an error naming IMAP_PORT", err)
	}
	os.Unsetenv("IMAP_PORT")
	dir := t.TempDir()
	t.Setenv("MAILSTACK_DIR", dir)
	if err := os.MkdirAll(filepath.Join(dir, "tls"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tls", "ca.pem"), []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(); err == nil || !strings.Contains(err.Error(), "holds no certificate") {
		t.Errorf("Find = %v, want an error about the CA file", err)
	}
}
