package config

import (
	"fmt"
	"net"
	"net/mail"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// rawConfig is the YAML shape. It differs from Config only in the events,
// whose times need the time zone before they can become time.Time.
type rawConfig struct {
	Config `yaml:",inline"`
	Events []rawEvent `yaml:"events"`
}

// rawEvent is one entry under events:, before times are resolved and
// defaults filled in.
type rawEvent struct {
	ID           string     `yaml:"id"`
	Title        string     `yaml:"title"`
	Aliases      []string   `yaml:"aliases"`
	Start        localTime  `yaml:"start"`
	End          localTime  `yaml:"end"`
	Deadline     localTime  `yaml:"deadline"`
	Location     Location   `yaml:"location"`
	Capacity     int        `yaml:"capacity"`
	Registration Mode       `yaml:"registration"`
	Late         LatePolicy `yaml:"late"`
	Default      bool       `yaml:"default"`
	Organizer    organizer  `yaml:"organizer"`
	Description  string     `yaml:"description"`
}

// organizer is spelled {name, email} in the YAML, as people write a contact;
// it becomes a Mailbox.
type organizer struct {
	Name  string `yaml:"name"`
	Email string `yaml:"email"`
}

// setDefaults is called by the decoder for each new list entry.
func (e *rawEvent) setDefaults() {
	e.Registration = ModeOpen
	// A late registration is an exception; without an explicit rule a human
	// should see it rather than the bot guessing.
	e.Late = LateReview
}

// maxSMTPConnections bounds smtp.connections: more connections than this
// only load the server (a reply's end of data waits for the one before).
const maxSMTPConnections = 8

// defaults are the values of every key that the YAML leaves out. They must
// agree with the "Default:" comments in config.example.yaml; a test checks.
func defaults() rawConfig {
	return rawConfig{Config: Config{
		Timezone: "Europe/Berlin",
		Database: "regbot.db",
		IMAP: IMAP{
			Port:         993,
			Security:     "tls",
			PasswordEnv:  "REGBOT_IMAP_PASSWORD",
			Folder:       "INBOX",
			SentFolder:   "Sent",
			PollInterval: 60 * time.Second,
		},
		SMTP: SMTP{
			Port:        587,
			Security:    "starttls",
			PasswordEnv: "REGBOT_SMTP_PASSWORD",
			Connections: 2,
		},
		Limits: Limits{
			RepliesPerSenderPerDay: 3,
			RepliesPerHour:         100,
			MaxMessageBytes:        50 << 20,
		},
		Digest:        Digest{Time: ClockTime{Hour: 7}, To: []string{}},
		RetentionDays: 90,
		Log:           Log{Level: "info", Format: "text"},
		Metrics:       Metrics{Address: "127.0.0.1:9464"},
	}}
}

// Parse decodes and validates a configuration. name is used in problems,
// normally the file name. On failure the error holds one *Problem per thing
// wrong (see Problems) and the *Config is nil.
func Parse(data []byte, name string) (*Config, error) {
	if name == "" {
		name = "config"
	}
	d := newDecoder(name)
	root := d.parse(data)
	if root == nil {
		// After a syntax error the rest of the file is unknown; checking the
		// defaults would only add noise.
		return nil, joinProblems(d.problems)
	}
	raw := defaults()
	d.value(root, reflect.ValueOf(&raw).Elem(), "", posOf(root))
	if d.failed[""] {
		// Not a mapping at all: every other problem would be a consequence.
		return nil, joinProblems(d.problems)
	}
	cfg := d.build(&raw)
	if err := joinProblems(d.problems); err != nil {
		return nil, err
	}
	return cfg, nil
}

// report adds a problem found after decoding, at the field's place in the
// file, unless the field already failed to decode.
func (d *decoder) report(field, msg, hint string) {
	if d.hasFailed(field) {
		return
	}
	at, _ := lookup(d.pos, field)
	d.add(at, field, msg, hint)
}

func (d *decoder) set(field string) bool {
	_, ok := d.pos[field]
	return ok
}

func (d *decoder) build(raw *rawConfig) *Config {
	c := raw.Config
	c.file, c.pos = d.file, d.pos

	c.Location = time.UTC // keeps event checks going when the zone is bad
	switch tz := strings.TrimSpace(c.Timezone); {
	case d.hasFailed("timezone"):
	case tz == "":
		d.report("timezone", "is empty", "use an IANA time zone name like Europe/Berlin")
	default:
		if loc, err := time.LoadLocation(tz); err != nil {
			d.report("timezone", quote(c.Timezone)+" is not a known time zone", "use an IANA time zone name like Europe/Berlin")
		} else {
			c.Timezone, c.Location = tz, loc
		}
	}

	if strings.TrimSpace(c.Database) == "" {
		d.report("database", "is empty", "give a file name like regbot.db")
	}
	switch {
	case c.Mailbox.Address == "":
		d.report("mailbox.address", "is missing", "set it to the address regbot answers for, like mail@heinlein-support.de")
	case !plainAddress(c.Mailbox.Address):
		d.report("mailbox.address", quote(c.Mailbox.Address)+" is not a plain e-mail address", "write only the address, like mail@heinlein-support.de; the display name goes into mailbox.name")
	}

	d.server("imap", c.IMAP.Host, &c.IMAP.Port, &c.IMAP.Security, c.IMAP.PasswordEnv,
		map[string]int{"tls": 993, "starttls": 143, "none": 143})
	d.server("smtp", c.SMTP.Host, &c.SMTP.Port, &c.SMTP.Security, c.SMTP.PasswordEnv,
		map[string]int{"tls": 465, "starttls": 587, "none": 25})
	if strings.TrimSpace(c.IMAP.Folder) == "" {
		d.report("imap.folder", "is empty", "name the folder new mail arrives in, usually INBOX")
	}
	for _, f := range []struct{ field, value string }{{"imap.done_folder", c.IMAP.DoneFolder}, {"imap.review_folder", c.IMAP.ReviewFolder}} {
		if f.value != "" && f.value == c.IMAP.Folder {
			d.report(f.field, fmt.Sprintf("is the same folder as imap.folder (%s)", quote(f.value)), "leave it empty to keep mail in imap.folder, or name a different folder")
		}
	}
	if c.SMTP.Connections < 1 || c.SMTP.Connections > maxSMTPConnections {
		d.report("smtp.connections", fmt.Sprintf("%d is out of range", c.SMTP.Connections), fmt.Sprintf("use 1 to %d; 2 is the default, 1 for a server that allows one connection at a time", maxSMTPConnections))
	}
	if c.IMAP.PollInterval < time.Second {
		d.report("imap.poll_interval", fmt.Sprintf("%s is too short", c.IMAP.PollInterval), "use at least 1s; 60s is plenty, the server pushes new mail where it can")
	}

	for _, l := range []struct {
		field string
		value int64
	}{
		{"limits.replies_per_sender_per_day", int64(c.Limits.RepliesPerSenderPerDay)},
		{"limits.replies_per_hour", int64(c.Limits.RepliesPerHour)},
		{"limits.max_message_bytes", c.Limits.MaxMessageBytes},
		{"retention_days", int64(c.RetentionDays)},
	} {
		if l.value < 0 {
			hint := "use 0 for no limit"
			if l.field == "retention_days" {
				hint = "use 0 to keep data forever"
			}
			d.report(l.field, "must not be negative", hint)
		}
	}

	for i, to := range c.Digest.To {
		if !plainAddress(to) {
			d.report(fmt.Sprintf("digest.to[%d]", i), quote(to)+" is not a plain e-mail address", "write only the address, like orga@example.org")
		}
	}

	c.Log.Level = strings.ToLower(strings.TrimSpace(c.Log.Level))
	if c.Log.Level == "warning" {
		c.Log.Level = "warn"
	}
	d.oneOf("log.level", c.Log.Level, []string{"error", "warn", "info", "debug", "trace"})
	c.Log.Format = strings.ToLower(strings.TrimSpace(c.Log.Format))
	d.oneOf("log.format", c.Log.Format, []string{"text", "json"})

	if a := c.Metrics.Address; a != "" {
		_, port, err := net.SplitHostPort(a)
		if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 1 || n > 65535 {
			d.report("metrics.address", quote(a)+" is not host:port", "write it like 127.0.0.1:9464, or :9464 for all interfaces; empty turns metrics off")
		}
	}

	c.Events = d.events(raw.Events, &c)
	return &c
}

// server checks what imap and smtp have in common, normalises security and
// picks the port that matches it when none is given.
func (d *decoder) server(section, host string, port *int, security *string, passwordEnv string, ports map[string]int) {
	f := func(k string) string { return section + "." + k }
	*security = strings.ToLower(strings.TrimSpace(*security))
	if d.oneOf(f("security"), *security, []string{"tls", "starttls", "none"}) && !d.set(f("port")) {
		*port = ports[*security]
	}
	if *port < 1 || *port > 65535 {
		hint := "use 1 to 65535"
		if def, ok := ports[*security]; ok {
			hint += fmt.Sprintf(", or leave it out to get %d, the default with security %s", def, *security)
		}
		d.report(f("port"), fmt.Sprintf("%d is not a port number", *port), hint)
	}
	if host != "" {
		if strings.Contains(host, "/") {
			d.report(f("host"), quote(host)+" is not a host name", "write only the server name, like "+section+".example.org, without scheme or path")
		} else if h, p, err := net.SplitHostPort(host); err == nil {
			d.report(f("host"), quote(host)+" contains a port", fmt.Sprintf("write host: %s and port: %s", h, p))
		} else if *security == "none" && !isLoopback(host) {
			d.report(f("security"), fmt.Sprintf("none would send the password unencrypted to %s", host),
				"use tls or starttls; none is only allowed for localhost, 127.0.0.1 or ::1")
		}
	}
	if passwordEnv != "" && !envNameRE.MatchString(passwordEnv) {
		// The value is not shown: someone may have put the password itself here.
		d.report(f("password_env"), "is not the name of an environment variable",
			fmt.Sprintf("password_env names the variable that holds the password, like REGBOT_%s_PASSWORD; the password itself never goes into this file", strings.ToUpper(section)))
	}
}

var envNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// oneOf reports value unless it is allowed, and tells whether it is.
func (d *decoder) oneOf(field, value string, allowed []string) bool {
	if slices.Contains(allowed, value) {
		return true
	}
	msg := quote(value) + " is not allowed"
	if s := suggest(value, allowed); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	d.report(field, msg, "use one of "+strings.Join(allowed, ", "))
	return false
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (d *decoder) events(raws []rawEvent, c *Config) []Event {
	evs := make([]Event, len(raws))
	idAt := map[string]int{}
	nameOwner := map[string]int{} // normalised title or alias → event index
	var defaults []int
	anyOpen := false
	for i, re := range raws {
		p := fmt.Sprintf("events[%d]", i)
		f := func(k string) string { return p + "." + k }
		ev := Event{
			ID:           strings.TrimSpace(re.ID),
			Title:        strings.TrimSpace(re.Title),
			Location:     re.Location,
			Capacity:     re.Capacity,
			Registration: re.Registration,
			Late:         re.Late,
			Default:      re.Default,
			Description:  strings.TrimSpace(re.Description),
			Start:        re.Start.in(c.Location, false),
			End:          re.End.in(c.Location, true),
			Deadline:     re.Deadline.in(c.Location, true),
		}

		switch {
		case ev.ID == "":
			d.report(f("id"), "is missing", "give every event a short id like runder-tisch; it is stored with each registration")
		case !slugRE.MatchString(ev.ID):
			d.report(f("id"), quote(ev.ID)+" is not a valid id", "use lower-case letters, digits and hyphens, like "+slugify(ev.ID))
		default:
			if j, dup := idAt[ev.ID]; dup {
				d.report(f("id"), fmt.Sprintf("id %q is already used by events[%d]%s", ev.ID, j, onLine(d.pos, fmt.Sprintf("events[%d]", j))), "give every event its own id")
			} else {
				idAt[ev.ID] = i
			}
		}

		if ev.Title == "" {
			d.report(f("title"), "is missing", "write the official name of the event; replies use it")
		}
		claim := func(field, name string) {
			key := strings.Join(strings.Fields(strings.ToLower(name)), " ")
			if j, taken := nameOwner[key]; taken && j != i {
				d.report(field, fmt.Sprintf("%s also names event %q (events[%d])", quote(name), evs[j].ID, j),
					"a name must point to one event only, or the bot cannot tell them apart; remove it here or there")
			} else {
				nameOwner[key] = i
			}
		}
		if ev.Title != "" {
			claim(f("title"), ev.Title)
		}
		for j, a := range re.Aliases {
			field := fmt.Sprintf("%s[%d]", f("aliases"), j)
			a = strings.TrimSpace(a)
			if a == "" {
				d.report(field, "is empty", "delete the empty entry")
				continue
			}
			claim(field, a)
			ev.Aliases = append(ev.Aliases, a)
		}

		if !re.Start.set {
			d.report(f("start"), "is missing", "write when the event begins, like 2024-04-18T13:00 in local time")
		}
		if !re.End.set {
			d.report(f("end"), "is missing", "write when the event ends, like 2024-04-18T17:30 in local time")
		}
		if re.Start.set && re.End.set && !ev.End.After(ev.Start) {
			d.report(f("end"), fmt.Sprintf("the event must end after it starts (start %s, end %s)", localFmt(ev.Start), localFmt(ev.End)), "check the date and the time of start and end")
		}
		if !re.Deadline.set {
			ev.Deadline = ev.Start
		} else if re.Start.set && ev.Deadline.After(ev.Start) {
			d.report(f("deadline"), fmt.Sprintf("registration would close (%s) after the event starts (%s)", localFmt(ev.Deadline), localFmt(ev.Start)),
				fmt.Sprintf("set it to %s or earlier, or give a time before the start; a date alone counts until 23:59 that day", ev.Start.AddDate(0, 0, -1).Format("2006-01-02")))
		}

		if ev.Capacity < 0 {
			d.report(f("capacity"), "must not be negative", "use 0 for unlimited places")
		}

		ev.Organizer = Mailbox{Address: strings.TrimSpace(re.Organizer.Email), Name: strings.TrimSpace(re.Organizer.Name)}
		if ev.Organizer.Address == "" {
			ev.Organizer.Address = c.Mailbox.Address
		} else if !plainAddress(ev.Organizer.Address) {
			d.report(f("organizer.email"), quote(ev.Organizer.Address)+" is not a plain e-mail address", "write only the address, like mail@heinlein-support.de; the name goes into organizer.name")
		}
		if ev.Organizer.Name == "" && ev.Organizer.Address == c.Mailbox.Address {
			ev.Organizer.Name = c.Mailbox.Name
		}

		if ev.Default {
			defaults = append(defaults, i)
		}
		anyOpen = anyOpen || ev.Registration == ModeOpen
		evs[i] = ev
	}

	if len(defaults) > 1 {
		first := defaults[0]
		for _, j := range defaults[1:] {
			d.report(fmt.Sprintf("events[%d].default", j),
				fmt.Sprintf("event %q is marked default, but so is %q (events[%d])", evs[j].ID, evs[first].ID, first),
				"mark exactly one event with default: true")
		}
	}
	if len(evs) > 0 && len(defaults) == 0 && !anyOpen {
		d.report("events", "no event can take a registration that names no event",
			"set default: true on the event such mail means, or registration: open on one event")
	}
	return evs
}

// plainAddress accepts a bare address only: a display name in a field that
// is used as an SMTP recipient would end up in the envelope.
func plainAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s
}

func localFmt(t time.Time) string { return t.Format("2006-01-02 15:04") }

func onLine(pos map[string]position, field string) string {
	if p, ok := pos[field]; ok {
		return fmt.Sprintf(" on line %d", p.line)
	}
	return ""
}

// slugify turns a title-like id into a suggestion for a valid one.
func slugify(s string) string {
	s = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "runder-tisch"
	}
	return b.String()
}
