package config_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/config"
)

// doc joins lines into a YAML file, so a case's line numbers can be read off
// its position in the argument list.
func doc(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

// with returns a copy of lines with more lines appended.
func with(lines []string, more ...string) []string {
	return append(append([]string(nil), lines...), more...)
}

// base is a minimal valid file with one event:
//
//	1 mailbox
//	2 events:
//	3   - id
//	4     title
//	5     start
//	6     end
var base = []string{
	"mailbox: {address: a@example.org}",
	"events:",
	"  - id: rt",
	"    title: Runder Tisch",
	"    start: 2024-04-18T13:00",
	"    end: 2024-04-18T17:30",
}

// second is a valid second event, appended after base (lines 7 to 11).
var second = []string{
	"  - id: nt",
	"    title: Netzwerktag",
	"    start: 2024-06-19T09:00",
	"    end: 2024-06-19T17:00",
	"    registration: interest",
}

type want struct {
	field string
	line  int
	col   int      // 0: not checked
	words []string // each must occur in Msg or Hint
}

func TestValidation(t *testing.T) {
	cases := []struct {
		name string
		yaml []byte
		want []want
	}{
		// YAML itself
		{"syntax error", doc("mailbox: {address: a@example.org}", "imap: host: x"),
			[]want{{"", 2, 0, []string{"invalid yaml", "mapping values"}}}},
		{"tab indentation", doc("mailbox: {address: a@example.org}", "imap:", "\thost: x"),
			[]want{{"", 3, 0, []string{"tabs"}}}},
		{"two documents", doc("mailbox: {address: a@example.org}", "---", "timezone: UTC"),
			[]want{{"", 2, 1, []string{"more than one", "---"}}}},
		{"top level is a list", doc("- a", "- b"),
			[]want{{"", 1, 1, []string{"expected a mapping", "got a list"}}}},
		{"section is a list", doc("mailbox: {address: a@example.org}", "imap: [a, b]"),
			[]want{{"imap", 2, 1, []string{"expected a mapping"}}}},
		{"events is not a list", doc("mailbox: {address: a@example.org}", "events: runder-tisch"),
			[]want{{"events", 2, 1, []string{"expected a list"}}}},
		{"duplicate key", doc("mailbox: {address: a@example.org}", "timezone: UTC", "timezone: Europe/Berlin"),
			[]want{{"timezone", 3, 1, []string{"twice", "line 2"}}}},
		{"merge cycle", doc("mailbox: {address: a@example.org}", "imap: &a", "  <<: *a"),
			[]want{{"imap", 3, 7, []string{"refers to itself"}}}},
		{"alias to a list where text belongs", doc("mailbox: {address: a@example.org}", "digest:", "  to: &a [*a]"),
			[]want{{"digest.to[0]", 3, 11, []string{"expected text, got a list"}}}},

		// unknown keys
		{"unknown key with suggestion", doc(with(base, "    capcity: 40")...),
			[]want{{"events[0].capcity", 7, 5, []string{`unknown key "capcity"`, `did you mean "capacity"?`}}}},
		{"unknown top-level key", doc(with(base, "timezon: UTC")...),
			[]want{{"timezon", 7, 1, []string{`did you mean "timezone"?`}}}},
		{"misplaced key", doc(with(base, "poll_interval: 30s")...),
			[]want{{"poll_interval", 7, 1, []string{"belongs under imap", "indentation"}}}},
		{"synonym", doc(with(base, "    seats: 40")...),
			[]want{{"events[0].seats", 7, 5, []string{`did you mean "capacity"?`}}}},
		{"unknown key without suggestion", doc(with(base, "    frobnicate: 1")...),
			[]want{{"events[0].frobnicate", 7, 5, []string{"known keys here", "capacity"}}}},
		{"inline imap password", doc(with(base, "imap:", "  host: imap.example.org", "  password: hunter2")...),
			[]want{{"imap.password", 9, 3, []string{`unknown key "password"`, "password_env", "password_file"}}}},
		{"inline smtp password", doc(with(base, "smtp: {password: hunter2}")...),
			[]want{{"smtp.password", 7, 8, []string{"password_env", "password_file", "never"}}}},
		{"top-level password", doc(with(base, "password: hunter2")...),
			[]want{{"password", 7, 1, []string{"password_env", "password_file", "imap or smtp"}}}},

		// top-level values
		{"timezone unknown", doc(with(base, "timezone: Europe/Berlinn")...),
			[]want{{"timezone", 7, 1, []string{`"Europe/Berlinn"`, "not a known time zone", "Europe/Berlin"}}}},
		{"timezone empty", doc(with(base, `timezone: ""`)...),
			[]want{{"timezone", 7, 1, []string{"empty", "IANA"}}}},
		{"database empty", doc(with(base, `database: ""`)...),
			[]want{{"database", 7, 1, []string{"empty"}}}},
		{"mailbox address missing", doc(with(base[1:], "mailbox:", "  name: Heinlein Support")...),
			[]want{{"mailbox.address", 6, 1, []string{"missing"}}}},
		{"mailbox address invalid", doc(with(base[1:], "mailbox:", "  address: heinlein-support.de")...),
			[]want{{"mailbox.address", 7, 3, []string{"not a plain e-mail address"}}}},
		{"mailbox address with name", doc(with(base[1:], "mailbox:", "  address: Heinlein <mail@heinlein-support.de>")...),
			[]want{{"mailbox.address", 7, 3, []string{"not a plain", "mailbox.name"}}}},
		{"retention negative", doc(with(base, "retention_days: -1")...),
			[]want{{"retention_days", 7, 1, []string{"negative", "0 to keep"}}}},
		{"limit negative", doc(with(base, "limits:", "  replies_per_hour: -5")...),
			[]want{{"limits.replies_per_hour", 8, 3, []string{"negative", "0 for no limit"}}}},
		{"limit not a number", doc(with(base, "limits:", "  max_message_bytes: 50MB")...),
			[]want{{"limits.max_message_bytes", 8, 3, []string{"whole number", `"50MB"`}}}},
		{"log level", doc(with(base, "log: {level: verbose}")...),
			[]want{{"log.level", 7, 7, []string{`"verbose"`, "error, warn, info, debug, trace"}}}},
		{"log level typo", doc(with(base, "log: {level: inf0}")...),
			[]want{{"log.level", 7, 7, []string{`did you mean "info"?`}}}},
		{"log format", doc(with(base, "log:", "  format: xml")...),
			[]want{{"log.format", 8, 3, []string{`"xml"`, "text, json"}}}},
		{"metrics address", doc(with(base, "metrics: {address: 9464}")...),
			[]want{{"metrics.address", 7, 11, []string{"host:port", ":9464"}}}},

		// digest
		{"digest time", doc(with(base, "digest:", `  time: "7.00"`)...),
			[]want{{"digest.time", 8, 3, []string{`"7.00" is not a time of day`, "HH:MM"}}}},
		{"digest time out of range", doc(with(base, "digest:", `  time: "24:00"`)...),
			[]want{{"digest.time", 8, 3, []string{"not a time of day"}}}},
		{"digest to invalid", doc(with(base, "digest:", "  to:", "    - orga@example.org", "    - orga(at)example.org")...),
			[]want{{"digest.to[1]", 10, 7, []string{`"orga(at)example.org"`, "not a plain e-mail address"}}}},
		{"digest to with name", doc(with(base, "digest:", "  to: [Orga <orga@example.org>]")...),
			[]want{{"digest.to[0]", 8, 8, []string{"not a plain e-mail address", "only the address"}}}},

		// servers
		{"imap security none remote", doc(with(base, "imap:", "  host: imap.example.org", "  security: none")...),
			[]want{{"imap.security", 9, 3, []string{"unencrypted", "imap.example.org", "tls or starttls", "localhost"}}}},
		{"smtp security none remote", doc(with(base, "smtp:", "  host: 192.0.2.1", "  security: none")...),
			[]want{{"smtp.security", 9, 3, []string{"unencrypted", "192.0.2.1"}}}},
		{"security unknown", doc(with(base, "imap: {security: ssl}")...),
			[]want{{"imap.security", 7, 8, []string{`"ssl"`, "tls, starttls, none"}}}},
		{"port zero", doc(with(base, "imap:", "  port: 0")...),
			[]want{{"imap.port", 8, 3, []string{"0 is not a port number", "1 to 65535", "993"}}}},
		{"port too high", doc(with(base, "smtp:", "  port: 70000")...),
			[]want{{"smtp.port", 8, 3, []string{"70000 is not a port number"}}}},
		{"port not a number", doc(with(base, "smtp:", "  port: submission")...),
			[]want{{"smtp.port", 8, 3, []string{"whole number", `"submission"`}}}},
		{"host with port", doc(with(base, "imap:", "  host: imap.example.org:993")...),
			[]want{{"imap.host", 8, 3, []string{"contains a port", "port: 993"}}}},
		{"host with scheme", doc(with(base, "smtp:", "  host: smtps://smtp.example.org")...),
			[]want{{"smtp.host", 8, 3, []string{"not a host name", "without scheme"}}}},
		{"no smtp connection", doc(with(base, "smtp:", "  connections: 0")...),
			[]want{{"smtp.connections", 8, 3, []string{"0 is out of range", "use 1 to 8"}}}},
		{"too many smtp connections", doc(with(base, "smtp:", "  connections: 50")...),
			[]want{{"smtp.connections", 8, 3, []string{"50 is out of range", "one connection at a time"}}}},
		{"poll interval too short", doc(with(base, "imap:", "  poll_interval: 500ms")...),
			[]want{{"imap.poll_interval", 8, 3, []string{"too short", "at least 1s"}}}},
		{"poll interval without unit", doc(with(base, "imap:", "  poll_interval: 60")...),
			[]want{{"imap.poll_interval", 8, 3, []string{`"60" is not a duration`, "60s"}}}},
		{"password_env holds a password", doc(with(base, "imap:", "  password_env: s3cr3t!pw")...),
			[]want{{"imap.password_env", 8, 3, []string{"not the name of an environment variable", "REGBOT_IMAP_PASSWORD"}}}},
		{"done folder is folder", doc(with(base, "imap:", "  done_folder: INBOX")...),
			[]want{{"imap.done_folder", 8, 3, []string{"same folder as imap.folder"}}}},
		{"folder empty", doc(with(base, "imap:", `  folder: ""`)...),
			[]want{{"imap.folder", 8, 3, []string{"empty", "INBOX"}}}},

		// events
		{"id missing", doc(with(base[:2], "  - title: Runder Tisch", "    start: 2024-04-18T13:00", "    end: 2024-04-18T17:30")...),
			[]want{{"events[0].id", 3, 5, []string{"missing", "runder-tisch"}}}},
		{"id not a slug", doc(with(base[:2], "  - id: Runder Tisch", "    title: Runder Tisch", "    start: 2024-04-18T13:00", "    end: 2024-04-18T17:30")...),
			[]want{{"events[0].id", 3, 5, []string{`"Runder Tisch" is not a valid id`, "lower-case", "runder-tisch"}}}},
		{"id duplicate", doc(with(base, "  - id: rt", "    title: Netzwerktag", "    start: 2024-06-19T09:00", "    end: 2024-06-19T17:00")...),
			[]want{{"events[1].id", 7, 5, []string{`"rt" is already used by events[0] on line 3`, "own id"}}}},
		{"title missing", doc(with(base[:3], "    start: 2024-04-18T13:00", "    end: 2024-04-18T17:30")...),
			[]want{{"events[0].title", 3, 5, []string{"missing"}}}},
		{"start missing", doc(with(base[:4], "    end: 2024-04-18T17:30")...),
			[]want{{"events[0].start", 3, 5, []string{"missing"}}}},
		{"end missing", doc(base[:5]...),
			[]want{{"events[0].end", 3, 5, []string{"missing"}}}},
		{"start not a date", doc(with(base[:4], "    start: 2024-13-01", "    end: 2024-04-18T17:30")...),
			[]want{{"events[0].start", 5, 5, []string{`"2024-13-01" is not a date`, "2024-04-12", "2024-04-12T18:00"}}}},
		{"end not a date and time", doc(with(base[:5], "    end: 18.04.2024 17:30")...),
			[]want{{"events[0].end", 6, 5, []string{`"18.04.2024 17:30" is not a date and time`}}}},
		{"end before start", doc(with(base[:5], "    end: 2024-04-18T12:00")...),
			[]want{{"events[0].end", 6, 5, []string{"must end after it starts", "2024-04-18 13:00", "2024-04-18 12:00"}}}},
		{"deadline not a date", doc(with(base, `    deadline: "2024-13-01"`)...),
			[]want{{"events[0].deadline", 7, 5, []string{`"2024-13-01" is not a date`, "2024-04-12"}}}},
		{"deadline after start", doc(with(base, "    deadline: 2024-04-18")...),
			[]want{{"events[0].deadline", 7, 5, []string{"after the event starts", "2024-04-17 or earlier"}}}},
		{"capacity negative", doc(with(base, "    capacity: -1")...),
			[]want{{"events[0].capacity", 7, 5, []string{"negative", "0 for unlimited"}}}},
		{"capacity fraction", doc(with(base, "    capacity: 40.5")...),
			[]want{{"events[0].capacity", 7, 5, []string{"whole number", `"40.5"`}}}},
		{"registration unknown", doc(with(base, "    registration: opne")...),
			[]want{{"events[0].registration", 7, 5, []string{`"opne" is not a registration mode`, `did you mean "open"?`, "open, interest, closed"}}}},
		{"late unknown", doc(with(base, "    late: wait")...),
			[]want{{"events[0].late", 7, 5, []string{`"wait" is not a late policy`, "waitlist, refuse, review"}}}},
		{"default not a bool", doc(with(base, "    default: maybe")...),
			[]want{{"events[0].default", 7, 5, []string{"true or false"}}}},
		{"two defaults", doc(with(with(base, "    default: true"), with(second, "    default: true")...)...),
			[]want{{"events[1].default", 13, 5, []string{`"nt" is marked default`, `"rt"`, "exactly one"}}}},
		{"no default and none open", doc(with(with(base, "    registration: interest"), second...)...),
			[]want{{"events", 2, 1, []string{"no event can take a registration", "default: true", "registration: open"}}}},
		{"alias of two events", doc(with(with(base, "    aliases: [Open Source in Berlin]"), with(second, "    aliases: [Netzwerktag, open source  in berlin]")...)...),
			[]want{{"events[1].aliases[1]", 13, 28, []string{`"open source  in berlin" also names event "rt"`, "one event only"}}}},
		{"title of another event as alias", doc(with(with(base, "    registration: open"), with(second, "    aliases: [runder tisch]")...)...),
			[]want{{"events[1].aliases[0]", 13, 15, []string{`also names event "rt"`}}}},
		{"empty alias", doc(with(base, `    aliases: [RT, ""]`)...),
			[]want{{"events[0].aliases[1]", 7, 19, []string{"empty"}}}},
		{"organizer email invalid", doc(with(base, "    organizer: {name: Orga, email: orga}")...),
			[]want{{"events[0].organizer.email", 7, 29, []string{`"orga" is not a plain e-mail address`}}}},
		{"event is a string", doc(with(base[:2], "  - runder-tisch")...),
			[]want{{"events[0]", 3, 5, []string{"expected a mapping", `"runder-tisch"`}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Parse(tc.yaml, "config.yaml")
			if err == nil {
				t.Fatalf("no problem reported for\n%s", tc.yaml)
			}
			if cfg != nil {
				t.Error("Parse returned a config together with problems")
			}
			got := config.Problems(err)
			if len(got) != len(tc.want) {
				t.Errorf("got %d problems, want %d:\n%v", len(got), len(tc.want), err)
			}
			for i, w := range tc.want {
				if i >= len(got) {
					break
				}
				checkProblem(t, got[i], w)
			}
		})
	}
}

func checkProblem(t *testing.T, p *config.Problem, w want) {
	t.Helper()
	if p.File != "config.yaml" {
		t.Errorf("File = %q, want config.yaml", p.File)
	}
	if p.Field != w.field {
		t.Errorf("Field = %q, want %q (%v)", p.Field, w.field, p)
	}
	if p.Line != w.line {
		t.Errorf("Line = %d, want %d (%v)", p.Line, w.line, p)
	}
	if w.col != 0 && p.Column != w.col {
		t.Errorf("Column = %d, want %d (%v)", p.Column, w.col, p)
	}
	text := strings.ToLower(p.Msg + " | " + p.Hint)
	for _, word := range w.words {
		if !strings.Contains(text, strings.ToLower(word)) {
			t.Errorf("%q lacks %q", p.Error(), word)
		}
	}
	if p.Msg == "" || p.Msg != strings.TrimRight(p.Msg, ".!") {
		t.Errorf("Msg %q is empty or ends in punctuation", p.Msg)
	}
}

// The example in the brief: problems read file:line:col: field: msg (hint: ...).
func TestProblemError(t *testing.T) {
	_, err := config.Parse(doc(with(base, `    deadline: "2024-13-01"`)...), "config.yaml")
	want := `config.yaml:7:5: events[0].deadline: "2024-13-01" is not a date (hint: write it as 2024-04-12 or 2024-04-12T18:00`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v\nwant prefix %s", err, want)
	}
	for _, tc := range []struct {
		p    config.Problem
		want string
	}{
		{config.Problem{File: "c.yaml", Line: 3, Column: 5, Field: "imap.host", Msg: "is not set", Hint: "set it"}, "c.yaml:3:5: imap.host: is not set (hint: set it)"},
		{config.Problem{File: "c.yaml", Field: "imap.host", Msg: "is not set"}, "c.yaml: imap.host: is not set"},
		{config.Problem{Line: 2, Msg: "bad"}, "line 2: bad"},
		{config.Problem{Msg: "bad"}, "bad"},
	} {
		if got := tc.p.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

// One mistake must come back once: a malformed value is not reported again as
// missing or as breaking a rule that depends on it.
func TestNoFollowUpProblems(t *testing.T) {
	_, err := config.Parse(doc(with(base[:4], "    start: tomorrow", "    end: 2024-04-18T17:30", "    deadline: 2024-05-01")...), "config.yaml")
	ps := config.Problems(err)
	if len(ps) != 1 || ps[0].Field != "events[0].start" {
		t.Errorf("want only the bad start, got\n%v", err)
	}
}

func TestManyProblemsAtOnce(t *testing.T) {
	data, err := os.ReadFile("testdata/many-problems.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = config.Parse(data, "many-problems.yaml")
	got := config.Problems(err)
	want := []struct {
		line  int
		field string
	}{
		{3, "timezone"},
		{5, "mailbox.address"},
		{9, "imap.password"},
		{10, "imap.security"},
		{11, "imap.poll_interval"},
		{14, "smtp.port"},
		{17, "digest.time"},
		{18, "digest.to[0]"},
		{21, "log.level"},
		{25, "events[0].id"},
		{27, "events[0].capcity"},
		{28, "events[0].start"},
		{31, "events[0].deadline"},
		{32, "events[0].registration"},
		{35, "events[1].id"},
		{37, "events[1].end"},
		{39, "events[1].default"},
	}
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%v", len(got), len(want), err)
	}
	for i, w := range want {
		if i >= len(got) {
			t.Errorf("missing %s on line %d", w.field, w.line)
			continue
		}
		if got[i].Line != w.line || got[i].Field != w.field {
			t.Errorf("problem %d = %v, want %s on line %d", i, got[i], w.field, w.line)
		}
	}
	// errors.Join keeps them apart for callers that do not use Problems.
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) || len(joined.Unwrap()) != len(got) {
		t.Error("error is not an errors.Join of the problems")
	}
}

func TestProblemsOfOtherErrors(t *testing.T) {
	if ps := config.Problems(nil); ps != nil {
		t.Errorf("Problems(nil) = %v", ps)
	}
	if ps := config.Problems(errors.New("x")); ps != nil {
		t.Errorf("Problems(plain error) = %v", ps)
	}
	p := &config.Problem{Msg: "a"}
	if ps := config.Problems(fmt.Errorf("load: %w", errors.Join(p, errors.New("b")))); len(ps) != 1 || ps[0] != p {
		t.Errorf("Problems(wrapped) = %v", ps)
	}
}

func TestAliasBomb(t *testing.T) {
	// Each level merges the previous one ten times: 10^8 entries if expanded
	// naively.
	lines := []string{"mailbox: {address: a@example.org}", "a0: &a0 {timezone: UTC}"}
	for i := 1; i <= 8; i++ {
		lines = append(lines, fmt.Sprintf("a%d: &a%d {<<: [%s]}", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", ")))
	}
	lines = append(lines, "imap: {<<: *a8}")
	start := time.Now()
	_, err := config.Parse(doc(lines...), "bomb.yaml")
	if !strings.Contains(fmt.Sprint(err), "expands to more than") {
		t.Errorf("alias bomb: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("alias bomb took %v", d)
	}
}
