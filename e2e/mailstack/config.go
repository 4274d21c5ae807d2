package mailstack

import (
	"fmt"
	"strings"
	"time"
)

// Server is the imap or smtp section of a configuration.
type Server struct {
	Port     int
	Security string // none, tls, starttls
	Username string // empty: none
	CAFile   string // empty: none
}

// Config describes a regbot configuration for a mailbox of the stack with
// one open event, the Runder Tisch, on Day from 13:00 to 17:30 and a
// deadline a week before. Replies to senders are limited to 3 a day.
type Config struct {
	Database string
	Mailbox  string // the registration mailbox: mailbox.address
	IMAP     Server
	SMTP     Server
	// PollInterval of the IMAP watch; zero: one minute.
	PollInterval time.Duration
	// RepliesPerHour is the global limit; zero: none.
	RepliesPerHour int
	LogLevel       string // empty: info
	Day            time.Time
	Capacity       int    // zero: unlimited
	Late           string // the event's late: setting; empty: none
	Description    string
}

// YAML renders the configuration file.
func (c Config) YAML() string {
	if c.PollInterval == 0 {
		c.PollInterval = time.Minute
	}
	if c.LogLevel == "" {
		c.LogLevel = "info"
	}
	section := func(s Server, secret string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "  host: 127.0.0.1\n  port: %d\n  security: %s\n", s.Port, s.Security)
		if s.Username != "" {
			fmt.Fprintf(&b, "  username: %q\n", s.Username)
		}
		if s.CAFile != "" {
			fmt.Fprintf(&b, "  ca_file: %q\n", s.CAFile)
		}
		fmt.Fprintf(&b, "  password_env: %s\n", secret)
		return b.String()
	}
	var extra strings.Builder
	if c.Late != "" {
		fmt.Fprintf(&extra, "    late: %s\n", c.Late)
	}
	if c.Description != "" {
		fmt.Fprintf(&extra, "    description: %q\n", c.Description)
	}
	day := c.Day.Format("2006-01-02")
	return fmt.Sprintf(`# generated for the loopback mail stack (e2e/mailstack)
timezone: Europe/Berlin
database: %q
mailbox:
  address: %q
  name: Heinlein Support
imap:
%s  folder: INBOX
  sent_folder: Sent
  poll_interval: %s
smtp:
%slimits:
  replies_per_sender_per_day: 3
  replies_per_hour: %d
digest:
  to: []
log:
  level: %s
  format: text
metrics:
  address: ""
events:
  - id: runder-tisch
    title: "Runder Tisch „Open Source in Berlin“"
    aliases: [Runder Tisch, Runden Tisch, Round Table]
    start: %sT13:00
    end: %sT17:30
    deadline: %s
    location:
      name: IHK Berlin, Ludwig Erhard Haus
      street: Fasanenstraße 85
      postal_code: "10623"
      city: Berlin
    capacity: %d
    registration: open
    default: true
%s`, c.Database, c.Mailbox, section(c.IMAP, "REGBOT_IMAP_PASSWORD"), c.PollInterval, section(c.SMTP, "REGBOT_SMTP_PASSWORD"),
		c.RepliesPerHour, c.LogLevel, day, day, c.Day.AddDate(0, 0, -7).Format("2006-01-02"), c.Capacity, extra.String())
}
