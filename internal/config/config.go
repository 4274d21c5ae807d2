// Package config owns regbot's configuration: the YAML schema documented in
// config.example.yaml, the built-in defaults, and the validation that turns a
// file into a *Config or into a list of Problems that point at file:line:column.
// Events are configuration, so a new event needs a new entry here, not code.
package config

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
	// Europe/Berlin must load even in a scratch container without
	// /usr/share/zoneinfo; the daemon's dates are wrong otherwise.
	_ "time/tzdata"

	"github.com/heinlein/regbot"
)

// Config is a validated configuration. Build it with Parse, Load or Default;
// a literal Config lacks the positions that CheckServers reports.
type Config struct {
	Timezone string         `yaml:"timezone"`
	Location *time.Location `yaml:"-"` // loaded from Timezone
	Database string         `yaml:"database"`
	Mailbox  Mailbox        `yaml:"mailbox"`
	IMAP     IMAP           `yaml:"imap"`
	SMTP     SMTP           `yaml:"smtp"`
	Limits   Limits         `yaml:"limits"`
	Digest   Digest         `yaml:"digest"`
	// RetentionDays is how long personal data is kept; 0 keeps it forever.
	RetentionDays int     `yaml:"retention_days"`
	Templates     string  `yaml:"templates"` // folder with overrides; empty = embedded only
	Log           Log     `yaml:"log"`
	Metrics       Metrics `yaml:"metrics"`
	Events        []Event `yaml:"events"`

	file string
	pos  map[string]position
}

// Mailbox is an e-mail address with an optional display name.
type Mailbox struct {
	Address string `yaml:"address"`
	Name    string `yaml:"name"`
}

// IMAP is where mail is read. Security is "tls", "starttls" or "none".
type IMAP struct {
	Host         string        `yaml:"host"`
	Port         int           `yaml:"port"`
	Security     string        `yaml:"security"`
	Username     string        `yaml:"username"`
	PasswordEnv  string        `yaml:"password_env"`
	PasswordFile string        `yaml:"password_file"`
	Folder       string        `yaml:"folder"`
	DoneFolder   string        `yaml:"done_folder"`   // empty = leave handled mail in Folder
	SentFolder   string        `yaml:"sent_folder"`   // empty = keep no copy of replies
	ReviewFolder string        `yaml:"review_folder"` // empty = leave mail for humans in Folder
	PollInterval time.Duration `yaml:"poll_interval"`
	CAFile       string        `yaml:"ca_file"`
}

// SMTP is where replies and the digest are sent. Security is "tls",
// "starttls" or "none".
type SMTP struct {
	Host         string `yaml:"host"`
	Port         int    `yaml:"port"`
	Security     string `yaml:"security"`
	Username     string `yaml:"username"`
	PasswordEnv  string `yaml:"password_env"`
	PasswordFile string `yaml:"password_file"`
	CAFile       string `yaml:"ca_file"`
	// Connections is how many connections deliver replies at once.
	Connections int `yaml:"connections"`
}

// Limits brake mail loops and floods; 0 means no limit.
type Limits struct {
	RepliesPerSenderPerDay int   `yaml:"replies_per_sender_per_day"`
	RepliesPerHour         int   `yaml:"replies_per_hour"`
	MaxMessageBytes        int64 `yaml:"max_message_bytes"`
}

// Digest is the daily summary for the organisers; no digest when To is empty.
type Digest struct {
	Time ClockTime `yaml:"time"` // in Config.Location
	To   []string  `yaml:"to"`
}

// Log configures logging. Level is error|warn|info|debug|trace, Format is
// text|json.
type Log struct {
	Level  string `yaml:"level"`
	Format string `yaml:"format"`
}

// Metrics configures the /healthz and /metrics listener; empty Address = off.
type Metrics struct {
	Address string `yaml:"address"`
}

// Event is one event regbot takes registrations for. It is built from an
// entry under events: (see config.example.yaml for the keys), with all times
// resolved in Config.Location.
type Event struct {
	ID      string
	Title   string
	Aliases []string
	Start   time.Time
	End     time.Time
	// Deadline is the last instant a registration counts as on time: the end
	// (23:59:59.999999999) of the configured day, or the configured instant.
	// It equals Start when no deadline is configured.
	Deadline     time.Time
	Location     Location
	Capacity     int // 0 = unlimited
	Registration Mode
	Late         LatePolicy
	Default      bool
	Organizer    Mailbox // defaults to Config.Mailbox
	Description  string
}

// Default returns the configuration embedded from config.example.yaml. It
// panics only if that file is broken, which a test rules out.
func Default() *Config {
	cfg, err := Parse(regbot.DefaultConfigYAML, "config.example.yaml")
	if err != nil {
		panic("config: embedded config.example.yaml is invalid: " + err.Error())
	}
	return cfg
}

// Load reads and parses the file at path. Relative paths in the file
// (database, templates, password_file, ca_file) are resolved against the
// directory of path, so the daemon does not depend on its working directory.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	cfg, err := Parse(data, path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	for _, p := range []*string{
		&cfg.Database, &cfg.Templates,
		&cfg.IMAP.PasswordFile, &cfg.IMAP.CAFile,
		&cfg.SMTP.PasswordFile, &cfg.SMTP.CAFile,
	} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return cfg, nil
}

// Event returns the event with the given id, or nil.
func (c *Config) Event(id string) *Event {
	id = strings.ToLower(strings.TrimSpace(id))
	for i := range c.Events {
		if c.Events[i].ID == id {
			return &c.Events[i]
		}
	}
	return nil
}

// DefaultEvent returns the event a registration means when the mail names
// none: the one marked default, else the first open one, else nil.
func (c *Config) DefaultEvent() *Event {
	for i := range c.Events {
		if c.Events[i].Default {
			return &c.Events[i]
		}
	}
	for i := range c.Events {
		if c.Events[i].Registration == ModeOpen {
			return &c.Events[i]
		}
	}
	return nil
}

// Password returns the password for kind "imap" or "smtp". It reads
// password_file when set, else the environment variable named by
// password_env; the YAML itself never holds a password. A file wins over the
// variable because password_env has a default and a set file is a deliberate
// choice; an unreadable file is an error rather than a silent fallback.
func (c *Config) Password(kind string) (string, error) {
	var env, file string
	switch kind {
	case "imap":
		env, file = c.IMAP.PasswordEnv, c.IMAP.PasswordFile
	case "smtp":
		env, file = c.SMTP.PasswordEnv, c.SMTP.PasswordFile
	default:
		return "", fmt.Errorf("no password kind %q: want imap or smtp", kind)
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("%s password: %w (hint: make %s.password_file point to a readable file that holds only the password)", kind, err, kind)
		}
		// Editors and `echo` add a final newline that is not part of the password.
		pw := strings.TrimRight(string(data), "\r\n")
		if pw == "" {
			return "", fmt.Errorf("%s password: file %s is empty (hint: write the password into it, or clear %s.password_file to use the environment)", kind, file, kind)
		}
		return pw, nil
	}
	if env != "" {
		if pw := os.Getenv(env); pw != "" {
			return pw, nil
		}
		return "", fmt.Errorf("%s password: environment variable %s is not set (hint: export %s=... before starting regbot, or set %s.password_file to a file that holds the password)", kind, env, env, kind)
	}
	return "", fmt.Errorf("%s password: neither %s.password_env nor %s.password_file is set (hint: set one of them; the password itself never goes into the config file)", kind, kind, kind)
}

// CheckServers reports what the daemon needs to reach the mail servers but
// Parse tolerates, so that the example validates without real servers:
// imap.host, imap.username, smtp.host, and smtp.username (except for a relay
// on loopback, which usually takes mail without login).
func (c *Config) CheckServers() error {
	var ps []*Problem
	missing := func(field, hint string) {
		ps = append(ps, c.problemAt(field, "is not set", hint))
	}
	if c.IMAP.Host == "" {
		missing("imap.host", "set it to the IMAP server of "+c.mailboxAddress()+", like imap.example.org")
	}
	if c.IMAP.Username == "" {
		missing("imap.username", "set it to the login name of "+c.mailboxAddress())
	}
	if c.SMTP.Host == "" {
		missing("smtp.host", "set it to the SMTP server that sends mail for "+c.mailboxAddress()+", like smtp.example.org")
	}
	if c.SMTP.Username == "" && (c.SMTP.Host == "" || !isLoopback(c.SMTP.Host)) {
		missing("smtp.username", "set it to the SMTP login name; only a relay on localhost may go without")
	}
	return joinProblems(ps)
}

func (c *Config) mailboxAddress() string {
	if c.Mailbox.Address == "" {
		return "the mailbox"
	}
	return c.Mailbox.Address
}

// problemAt builds a Problem for field, positioned at the nearest part of the
// field's path that appears in the file.
func (c *Config) problemAt(field, msg, hint string) *Problem {
	p := &Problem{File: c.file, Field: field, Msg: msg, Hint: hint}
	if pos, ok := lookup(c.pos, field); ok {
		p.Line, p.Column = pos.line, pos.col
	}
	return p
}

// isLoopback reports whether host is localhost or a loopback address, the only
// places where an unencrypted connection cannot be overheard on the network.
func isLoopback(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// joinProblems sorts ps into file order and joins them, so that callers can
// print err directly or take it apart with Problems; nil when ps is empty.
func joinProblems(ps []*Problem) error {
	if len(ps) == 0 {
		return nil
	}
	sortProblems(ps)
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errors.Join(errs...)
}
