package app

// The organisers' commands: list, show, export, add, cancel, promote,
// review, resend, forget, stats. Each is a function of (ctx, cfg, opts, w)
// that prints to w; cmd/regbot only parses flags and maps errors to exit
// codes (a *UsageError is 2, anything else 1).
//
// Output is for people at a terminal: aligned tables (text/tabwriter),
// times in the configured zone, German status words, and never a mail
// body. Everything printed from the database is reduced to one line of
// printable text, so a name from a mail cannot move the cursor or break a
// table.

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/daemon"
	"github.com/heinlein/regbot/internal/desk"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/store"
)

// UsageError is wrong use of a command (a missing or malformed argument);
// the command line exits with 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error { return &UsageError{Msg: fmt.Sprintf(format, args...)} }

// UnknownEventError names an event id the configuration does not have and
// the ids it has.
type UnknownEventError struct {
	ID    string
	Known []string
}

func (e *UnknownEventError) Error() string {
	return fmt.Sprintf("unknown event %q; known events: %s", e.ID, strings.Join(e.Known, ", "))
}

// NotFoundError says that a person, registration or review is not in the
// database.
type NotFoundError struct{ What string }

func (e *NotFoundError) Error() string { return e.What }

// AdminOptions are shared by the organisers' commands.
type AdminOptions struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (o AdminOptions) now() func() time.Time {
	if o.Now == nil {
		return time.Now
	}
	return o.Now
}

// openDB opens the configured database, which must exist: a command run in
// the wrong directory must not start an empty database of its own.
func openDB(ctx context.Context, cfg *config.Config, now func() time.Time) (*store.DB, error) {
	if _, err := os.Stat(cfg.Database); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("there is no database at %s (regbot creates it on its first run); give --config with the configuration regbot runs with, or run this in the directory of regbot.db", cfg.Database)
	} else if err != nil {
		return nil, fmt.Errorf("database %s: %w", cfg.Database, err)
	}
	return store.Open(ctx, cfg.Database, &store.Options{Now: now})
}

// checkEvent returns the configured event id, or an *UnknownEventError.
func checkEvent(cfg *config.Config, id string) (*config.Event, error) {
	if ev := cfg.Event(id); ev != nil {
		return ev, nil
	}
	known := make([]string, 0, len(cfg.Events))
	for _, ev := range cfg.Events {
		known = append(known, ev.ID)
	}
	return nil, &UnknownEventError{ID: id, Known: known}
}

func newDesk(cfg *config.Config, now func() time.Time) (*desk.Desk, error) {
	r, err := reply.New(cfg.Templates)
	if err != nil {
		return nil, fmt.Errorf("load reply templates: %w", err)
	}
	return desk.New(desk.Options{Config: cfg, Renderer: r, Now: now})
}

// ---------------------------------------------------------------- words

var statusWords = map[store.Status]string{
	store.StatusConfirmed: "bestätigt",
	store.StatusWaitlist:  "Warteliste",
	store.StatusCancelled: "abgesagt",
	store.StatusInterest:  "vorgemerkt",
	store.StatusLate:      "verspätet",
	store.StatusRefused:   "abgelehnt",
}

// statusText is the German word for a status, with the waiting-list place.
func statusText(st store.Status, pos int) string {
	w, ok := statusWords[st]
	if !ok {
		w = string(st)
	}
	if st == store.StatusWaitlist && pos > 0 {
		w += fmt.Sprintf(" (Platz %d)", pos)
	}
	return w
}

// StatusValues lists what --status accepts, for help texts.
const StatusValues = "confirmed|waitlist|cancelled|interest|late|refused (or bestätigt, Warteliste, abgesagt, vorgemerkt, verspätet, abgelehnt)"

// ParseStatus reads a --status value in English (the stored value) or
// German; "" is every status.
func ParseStatus(s string) (store.Status, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	if st := store.Status(s); st.Valid() {
		return st, nil
	}
	for st, w := range statusWords {
		if strings.ToLower(w) == s {
			return st, nil
		}
	}
	switch s {
	case "info", "infoliste", "info-list", "interessiert":
		return store.StatusInterest, nil
	case "storniert", "canceled":
		return store.StatusCancelled, nil
	}
	return "", usagef("unknown status %q; use %s", s, StatusValues)
}

// clean makes a value printable on one line: control characters (escape
// sequences, tabs, line breaks) become spaces.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError || unicode.In(r, unicode.Zl, unicode.Zp) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// cell is clean, with "-" for nothing, for table cells.
func cell(s string) string {
	if s = clean(s); s == "" {
		return "-"
	}
	return s
}

// short is clean, cut to n runes.
func short(s string, n int) string {
	s = clean(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

const timeLayout = "02.01.2006 15:04"

func fmtTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format(timeLayout)
}

// age is a short duration for "how long ago": 5m, 3h, 2d.
func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	}
	return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
}

func newTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0) }

func row(tw io.Writer, cells ...string) {
	fmt.Fprintln(tw, strings.Join(cells, "\t"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// person is "Name <address>" for messages.
func person(p store.Person) string {
	name, addr := clean(p.Name), clean(p.Email)
	switch {
	case name != "" && addr != "":
		return name + " <" + addr + ">"
	case name != "":
		return name
	case addr != "":
		return addr
	}
	return fmt.Sprintf("person %d", p.ID)
}

// people caches lookups of who registered whom.
type people struct {
	r *store.Reader
	m map[int64]*store.Person
}

func (p *people) get(id int64) (*store.Person, error) {
	if v, ok := p.m[id]; ok {
		return v, nil
	}
	v, err := p.r.PersonByID(id)
	if err != nil {
		return nil, err
	}
	if p.m == nil {
		p.m = map[int64]*store.Person{}
	}
	p.m[id] = v
	return v, nil
}

// Channel of a registration, for "registered by".
const (
	bySelf = "self"    // the person wrote themselves
	byHand = "by hand" // an organiser (regbot add)
	byMail = "mail"    // by mail, the writer is no longer known
)

// registeredBy is who made reg: the other person, or bySelf, byHand,
// byMail.
func (p *people) registeredBy(reg *store.Registration) (other *store.Person, channel string, err error) {
	if reg.RegisteredBy != 0 && reg.RegisteredBy != reg.PersonID {
		by, err := p.get(reg.RegisteredBy)
		if err != nil || by != nil {
			return by, "", err
		}
	}
	switch {
	case reg.SourceMessageID == 0:
		return nil, byHand, nil
	case reg.RegisteredBy == reg.PersonID:
		return nil, bySelf, nil
	}
	return nil, byMail, nil
}

func (p *people) byText(reg *store.Registration) (string, error) {
	other, channel, err := p.registeredBy(reg)
	if err != nil {
		return "", err
	}
	if other != nil {
		if other.Email != "" {
			return clean(other.Email), nil
		}
		return cell(other.Name), nil
	}
	return channel, nil
}

// waitlistPositions gives the place of every waiting registration of the
// events.
func waitlistPositions(r *store.Reader, events []string) (map[int64]int, error) {
	pos := map[int64]int{}
	for _, ev := range events {
		list, err := r.ListRegistrations(ev, store.StatusWaitlist)
		if err != nil {
			return nil, err
		}
		sort.SliceStable(list, func(i, j int) bool {
			if !list[i].StatusAt.Equal(list[j].StatusAt) {
				return list[i].StatusAt.Before(list[j].StatusAt)
			}
			return list[i].ID < list[j].ID
		})
		for i, g := range list {
			pos[g.ID] = i + 1
		}
	}
	return pos, nil
}

func eventsOf(regs []store.Registration) []string {
	var evs []string
	seen := map[string]bool{}
	for _, g := range regs {
		if !seen[g.Event] {
			seen[g.Event] = true
			evs = append(evs, g.Event)
		}
	}
	return evs
}

// ---------------------------------------------------------------- list

// ListOptions configure List.
type ListOptions struct {
	AdminOptions
	Event  string // "" every event
	Status string // "" every status; English or German
}

// List prints the registrations, oldest first: id, event, status (with the
// waiting-list place), name, organisation, address, when and by whom.
func List(ctx context.Context, cfg *config.Config, opts ListOptions, w io.Writer) error {
	st, err := ParseStatus(opts.Status)
	if err != nil {
		return err
	}
	event := ""
	if opts.Event != "" {
		ev, err := checkEvent(cfg, opts.Event)
		if err != nil {
			return err
		}
		event = ev.ID
	}
	db, err := openDB(ctx, cfg, opts.now())
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(ctx, func(r *store.Reader) error {
		regs, err := r.ListRegistrations(event, st)
		if err != nil {
			return err
		}
		if len(regs) == 0 {
			fmt.Fprintln(w, "no registrations")
			return nil
		}
		pos, err := waitlistPositions(r, eventsOf(regs))
		if err != nil {
			return err
		}
		ppl := &people{r: r}
		tw := newTable(w)
		row(tw, "ID", "EVENT", "STATUS", "NAME", "ORGANISATION", "ADDRESS", "REGISTERED", "BY")
		for i := range regs {
			g := &regs[i]
			by, err := ppl.byText(g)
			if err != nil {
				return err
			}
			row(tw, strconv.FormatInt(g.ID, 10), cell(g.Event), statusText(g.Status, pos[g.ID]), cell(g.Person.Name),
				cell(g.Person.Organisation), cell(g.Person.Email), fmtTime(g.CreatedAt, cfg.Location), by)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(w, plural(len(regs), "registration", "registrations"))
		return nil
	})
}

// ---------------------------------------------------------------- show

// ShowOptions configure Show.
type ShowOptions struct {
	AdminOptions
	// Who is a registration id or an e-mail address.
	Who string
}

// resolve finds the person a registration id or an address means.
func resolve(r *store.Reader, who string) (*store.Person, *store.Registration, error) {
	who = strings.TrimSpace(who)
	if id, err := strconv.ParseInt(who, 10, 64); err == nil {
		if id <= 0 {
			return nil, nil, usagef("%q is not a registration id", who)
		}
		reg, err := r.RegistrationByID(id)
		if err != nil {
			return nil, nil, err
		}
		if reg == nil {
			return nil, nil, &NotFoundError{What: fmt.Sprintf("there is no registration %d; 'regbot list' shows the ids", id)}
		}
		p := reg.Person
		return &p, reg, nil
	}
	if !strings.Contains(who, "@") {
		return nil, nil, usagef("%q is neither a registration id nor an e-mail address", who)
	}
	p, err := r.PersonByEmail(who)
	if err != nil {
		return nil, nil, err
	}
	if p == nil {
		return nil, nil, &NotFoundError{What: fmt.Sprintf("nobody with the address %s is known", clean(who))}
	}
	return p, nil, nil
}

// Show prints one person in full: their data, every registration with its
// history, the registrations they made for others, the replies sent to
// them (kind, time, delivered or not; never a body) and their open
// reviews. Who is an address or a registration id (of the person it
// belongs to).
func Show(ctx context.Context, cfg *config.Config, opts ShowOptions, w io.Writer) error {
	if strings.TrimSpace(opts.Who) == "" {
		return usagef("name a registration id or an e-mail address")
	}
	now := opts.now()
	db, err := openDB(ctx, cfg, now)
	if err != nil {
		return err
	}
	defer db.Close()
	loc := cfg.Location
	return db.View(ctx, func(r *store.Reader) error {
		p, sel, err := resolve(r, opts.Who)
		if err != nil {
			return err
		}
		ppl := &people{r: r}
		if sel != nil {
			fmt.Fprintf(w, "Registration %d belongs to person %d.\n\n", sel.ID, p.ID)
		}
		fmt.Fprintf(w, "Person %d\n", p.ID)
		kv := newTable(w)
		row(kv, "  Name:", cell(p.Name))
		row(kv, "  Address:", cell(p.Email))
		row(kv, "  Organisation:", cell(p.Organisation))
		row(kv, "  Salutation:", cell(p.Salutation))
		if p.UndeliverableAt.IsZero() {
			row(kv, "  Undeliverable:", "no")
		} else {
			row(kv, "  Undeliverable:", "since "+fmtTime(p.UndeliverableAt, loc)+": "+short(p.UndeliverableReason, 120))
		}
		if err := kv.Flush(); err != nil {
			return err
		}

		regs, err := r.RegistrationsOf(p.ID)
		if err != nil {
			return err
		}
		pos, err := waitlistPositions(r, eventsOf(regs))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\nRegistrations (%d)\n", len(regs))
		for i := range regs {
			g := &regs[i]
			mark := ""
			if sel != nil && sel.ID == g.ID {
				mark = "  ← selected"
			}
			fmt.Fprintf(w, "  Registration %d: %s, %s%s\n", g.ID, cell(g.Event), statusText(g.Status, pos[g.ID]), mark)
			other, channel, err := ppl.registeredBy(g)
			if err != nil {
				return err
			}
			by := channel
			if other != nil {
				by = "by " + person(*other)
			}
			kv := newTable(w)
			row(kv, "    Registered:", fmtTime(g.CreatedAt, loc)+", "+by)
			row(kv, "    Status since:", fmtTime(g.StatusAt, loc))
			row(kv, "    Calendar:", fmt.Sprintf("UID %s, SEQUENCE %d", clean(g.ICSUID), g.ICSSequence))
			if err := kv.Flush(); err != nil {
				return err
			}
			changes, err := r.ChangesOf(g.ID)
			if err != nil {
				return err
			}
			fmt.Fprintln(w, "    History:")
			tw := newTable(w)
			for _, c := range changes {
				row(tw, "      "+fmtTime(c.At, loc), cell(c.Kind))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}

		made, err := r.RegistrationsBy(p.ID, "")
		if err != nil {
			return err
		}
		var others []store.Registration
		for _, g := range made {
			if g.PersonID != p.ID {
				others = append(others, g)
			}
		}
		if len(others) > 0 {
			opos, err := waitlistPositions(r, eventsOf(others))
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "\nRegistered for others (%d)\n", len(others))
			tw := newTable(w)
			row(tw, "  ID", "EVENT", "STATUS", "NAME", "ADDRESS", "REGISTERED")
			for _, g := range others {
				row(tw, "  "+strconv.FormatInt(g.ID, 10), cell(g.Event), statusText(g.Status, opos[g.ID]),
					cell(g.Person.Name), cell(g.Person.Email), fmtTime(g.CreatedAt, loc))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}

		replies, err := r.RepliesFor(p.ID, p.Email)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\nReplies (%d)\n", len(replies))
		if len(replies) > 0 {
			tw := newTable(w)
			row(tw, "  ID", "KIND", "TO", "REGISTRATION", "QUEUED", "STATE")
			for _, o := range replies {
				reg := "-"
				if o.RegistrationID != 0 {
					reg = strconv.FormatInt(o.RegistrationID, 10)
				}
				row(tw, "  "+strconv.FormatInt(o.ID, 10), cell(o.Kind), cell(o.To), reg, fmtTime(o.CreatedAt, loc), replyState(o, loc))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}

		reviews, err := r.OpenReviewsFrom(p.Email)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\nOpen reviews (%d)\n", len(reviews))
		if len(reviews) > 0 {
			tw := newTable(w)
			row(tw, "  ID", "AGE", "SUBJECT", "REASON")
			for _, v := range reviews {
				row(tw, "  "+strconv.FormatInt(v.ID, 10), age(now().Sub(v.CreatedAt)), cell(short(v.Subject, 60)), cell(v.Reason))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
		return nil
	})
}

// replyState is where a reply stands: sent, failed for good, retrying, or
// waiting for its first attempt.
func replyState(o store.OutboxItem, loc *time.Location) string {
	switch {
	case !o.SentAt.IsZero():
		return "sent " + fmtTime(o.SentAt, loc)
	case !o.FailedAt.IsZero():
		return "failed " + fmtTime(o.FailedAt, loc) + ": " + short(o.LastError, 100)
	case o.Attempts > 0:
		return fmt.Sprintf("retrying (%s failed, next %s): %s", plural(o.Attempts, "attempt", "attempts"),
			fmtTime(o.NextAttemptAt, loc), short(o.LastError, 80))
	}
	return "queued"
}

// ---------------------------------------------------------------- export

// ExportOptions configure Export.
type ExportOptions struct {
	AdminOptions
	Event  string // required
	Format string // csv or json
	// Status limits the export to one status (English or German); "" exports
	// every registration that is not cancelled or refused.
	Status string
	// Out is the file to write (created 0600, replaced atomically); "" writes
	// to w.
	Out string
}

// ExportRecord is one participant in `regbot export --format json`. Tools
// depend on the keys.
type ExportRecord struct {
	ID               int64  `json:"id"`
	Event            string `json:"event"`
	Name             string `json:"name"`
	Organisation     string `json:"organisation"`
	Email            string `json:"email"`
	Status           string `json:"status"`            // confirmed, waitlist, cancelled, interest, late, refused
	WaitlistPosition int    `json:"waitlist_position"` // 0 when not waiting
	RegisteredAt     string `json:"registered_at"`     // RFC 3339 in the configured zone
	RegisteredBy     string `json:"registered_by"`     // address (or name) of who registered them; "" when they did it themselves or by hand
	ByHand           bool   `json:"by_hand"`           // taken by an organiser (regbot add)
}

// csvHeader is the header row of the CSV export.
var csvHeader = []string{"Name", "Organisation", "E-Mail", "Status", "Angemeldet am", "Angemeldet von"}

// Export writes the participants of an event as CSV for a German Excel
// (UTF-8 with BOM, semicolons, CRLF, cells that would start a formula
// quoted with a leading apostrophe) or as a JSON array of ExportRecord.
func Export(ctx context.Context, cfg *config.Config, opts ExportOptions, w io.Writer) error {
	format := strings.ToLower(strings.TrimSpace(opts.Format))
	if format != "csv" && format != "json" {
		return usagef("--format must be csv or json, not %q", opts.Format)
	}
	if strings.TrimSpace(opts.Event) == "" {
		return usagef("--event is required")
	}
	st, err := ParseStatus(opts.Status)
	if err != nil {
		return err
	}
	ev, err := checkEvent(cfg, opts.Event)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg, opts.now())
	if err != nil {
		return err
	}
	defer db.Close()
	var recs []ExportRecord
	err = db.View(ctx, func(r *store.Reader) error {
		regs, err := r.ListRegistrations(ev.ID, st)
		if err != nil {
			return err
		}
		pos, err := waitlistPositions(r, []string{ev.ID})
		if err != nil {
			return err
		}
		ppl := &people{r: r}
		for i := range regs {
			g := &regs[i]
			if st == "" && (g.Status == store.StatusCancelled || g.Status == store.StatusRefused) {
				continue
			}
			other, channel, err := ppl.registeredBy(g)
			if err != nil {
				return err
			}
			rec := ExportRecord{ID: g.ID, Event: g.Event, Name: g.Person.Name, Organisation: g.Person.Organisation,
				Email: g.Person.Email, Status: string(g.Status), WaitlistPosition: pos[g.ID],
				RegisteredAt: g.CreatedAt.In(cfg.Location).Format(time.RFC3339), ByHand: channel == byHand}
			if other != nil {
				rec.RegisteredBy = other.Email
				if rec.RegisteredBy == "" {
					rec.RegisteredBy = other.Name
				}
			}
			recs = append(recs, rec)
		}
		return nil
	})
	if err != nil {
		return err
	}
	write := func(out io.Writer) error {
		if format == "json" {
			return writeJSON(out, recs)
		}
		return writeCSV(out, recs, cfg.Location)
	}
	if opts.Out == "" {
		return write(w)
	}
	if err := writeFile0600(opts.Out, write); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s of %s written to %s (%s)\n", plural(len(recs), "participant", "participants"), ev.ID, opts.Out, format)
	return nil
}

func writeJSON(w io.Writer, recs []ExportRecord) error {
	if recs == nil {
		recs = []ExportRecord{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(recs)
}

func writeCSV(w io.Writer, recs []ExportRecord, loc *time.Location) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, rec := range recs {
		at, _ := time.Parse(time.RFC3339, rec.RegisteredAt)
		by := "selbst"
		switch {
		case rec.RegisteredBy != "":
			by = rec.RegisteredBy
		case rec.ByHand:
			by = "von Hand"
		}
		st := store.Status(rec.Status)
		fields := []string{rec.Name, rec.Organisation, rec.Email, statusText(st, rec.WaitlistPosition), fmtTime(at, loc), by}
		for i, f := range fields {
			fields[i] = csvSafe(f)
		}
		if err := cw.Write(fields); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a cell from being read as a formula by a spreadsheet
// (CSV injection): a cell starting with = + - @ or a tab or carriage
// return gets a leading apostrophe. Line breaks inside a cell become
// spaces.
func csvSafe(s string) string {
	s = clean(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeFile0600 writes path through a temporary file in the same folder
// (mode 0600) that replaces path only when everything was written.
func writeFile0600(path string, write func(io.Writer) error) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s is a folder; give a file name", path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after the rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// ---------------------------------------------------------------- add

// AddOptions configure Add.
type AddOptions struct {
	AdminOptions
	Event, Name, Email, Org string
	// Quiet records the registration without telling the person.
	Quiet bool
}

// Add records a registration taken by hand (by phone) under the rules a
// mail gets, then queues the matching reply and delivers the outbox unless
// Quiet. An active registration for the event is an error that says so.
func Add(ctx context.Context, cfg *config.Config, opts AddOptions, w io.Writer) error {
	if strings.TrimSpace(opts.Event) == "" {
		return usagef("--event is required")
	}
	if strings.TrimSpace(opts.Name) == "" {
		return usagef("--name is required")
	}
	email := strings.TrimSpace(opts.Email)
	if email == "" {
		return usagef("--email is required")
	}
	if a, err := mail.ParseAddress(email); err != nil || !strings.EqualFold(a.Address, email) ||
		!strings.Contains(email[strings.LastIndexByte(email, '@')+1:], ".") {
		return usagef("--email %q is not a plain e-mail address like name@example.org", email)
	}
	ev, err := checkEvent(cfg, opts.Event)
	if err != nil {
		return err
	}
	now := opts.now()
	db, res, err := adminTx(ctx, cfg, now, func(d *desk.Desk, tx *store.Tx) (*desk.AdminResult, error) {
		return d.AddByHand(tx, ev.ID, opts.Name, email, opts.Org, opts.Quiet)
	})
	if db != nil {
		defer db.Close()
	}
	var already *desk.AlreadyError
	switch {
	case errors.As(err, &already):
		return fmt.Errorf("%s is already registered for %s: registration %d, %s; nothing changed",
			clean(email), ev.ID, already.Registration.ID, statusText(already.Registration.Status, already.Position))
	case errors.Is(err, desk.ErrClosed):
		return fmt.Errorf("registration for %s is closed: nothing recorded (change registration: in the configuration to open it)", ev.ID)
	case err != nil:
		return err
	}
	g := res.Registration
	fmt.Fprintf(w, "%s for %s: %s (registration %d)\n", person(g.Person), ev.ID, statusText(g.Status, res.Position), g.ID)
	switch g.Status {
	case store.StatusLate:
		fmt.Fprintf(w, "after the deadline (%s): a person decides; the registration stays %s\n", fmtTime(ev.Deadline, cfg.Location), statusText(g.Status, 0))
	case store.StatusRefused:
		fmt.Fprintf(w, "refused: the deadline (%s) has passed\n", fmtTime(ev.Deadline, cfg.Location))
	}
	printNotes(w, res)
	if opts.Quiet {
		fmt.Fprintln(w, "no mail sent (--quiet)")
		return nil
	}
	deliver(ctx, cfg, db, now, res.Replies, w)
	return nil
}

// printNotes shows the desk's notes that concern the organiser: replies
// that were not made, reasons for a person to look.
func printNotes(w io.Writer, res *desk.AdminResult) {
	for _, n := range res.Notes {
		if strings.HasPrefix(n, "no ") {
			fmt.Fprintln(w, "note:", clean(n))
		}
	}
	for _, r := range res.Reasons {
		fmt.Fprintln(w, "note:", clean(r))
	}
}

// ---------------------------------------------------------------- cancel

// CancelOptions configure Cancel.
type CancelOptions struct {
	AdminOptions
	// Who is a registration id or an address.
	Who string
	// Event picks the registration of an address with several.
	Event string
}

// Cancel cancels a registration, moves the first on the waiting list up
// and sends both replies (the cancellation with a calendar CANCEL, the
// promotion).
func Cancel(ctx context.Context, cfg *config.Config, opts CancelOptions, w io.Writer) error {
	if strings.TrimSpace(opts.Who) == "" {
		return usagef("name a registration id or an e-mail address")
	}
	event := ""
	if opts.Event != "" {
		ev, err := checkEvent(cfg, opts.Event)
		if err != nil {
			return err
		}
		event = ev.ID
	}
	now := opts.now()
	db, res, err := adminTx(ctx, cfg, now, func(d *desk.Desk, tx *store.Tx) (*desk.AdminResult, error) {
		p, reg, err := resolve(&tx.Reader, opts.Who)
		if err != nil {
			return nil, err
		}
		if reg != nil && event != "" && reg.Event != event {
			return nil, fmt.Errorf("registration %d is for %s, not %s", reg.ID, reg.Event, event)
		}
		if reg == nil {
			if reg, err = activeRegistration(&tx.Reader, p, event); err != nil {
				return nil, err
			}
		}
		return d.CancelRegistration(tx, reg.ID)
	})
	if db != nil {
		defer db.Close()
	}
	if errors.Is(err, desk.ErrNotActive) {
		return fmt.Errorf("%v: nothing to cancel", err)
	}
	if err != nil {
		return err
	}
	g := res.Registration
	fmt.Fprintf(w, "cancelled: registration %d, %s for %s\n", g.ID, person(g.Person), g.Event)
	if p := res.Promoted; p != nil {
		fmt.Fprintf(w, "moved up from the waiting list: registration %d, %s\n", p.ID, person(p.Person))
	}
	printNotes(w, res)
	deliver(ctx, cfg, db, now, res.Replies, w)
	return nil
}

// activeRegistration is p's one active registration (for event, when
// given); several without an event is an error that lists them.
func activeRegistration(r *store.Reader, p *store.Person, event string) (*store.Registration, error) {
	regs, err := r.RegistrationsOf(p.ID)
	if err != nil {
		return nil, err
	}
	var act []store.Registration
	for _, g := range regs {
		if (event == "" || g.Event == event) && isActive(g.Status) {
			act = append(act, g)
		}
	}
	switch {
	case len(act) == 1:
		return &act[0], nil
	case len(act) == 0 && event != "":
		return nil, &NotFoundError{What: fmt.Sprintf("%s has no active registration for %s", person(*p), event)}
	case len(act) == 0:
		return nil, &NotFoundError{What: fmt.Sprintf("%s has no active registration", person(*p))}
	}
	var evs []string
	for _, g := range act {
		evs = append(evs, fmt.Sprintf("%s (registration %d)", g.Event, g.ID))
	}
	return nil, fmt.Errorf("%s is registered for several events: %s; choose one with --event", person(*p), strings.Join(evs, ", "))
}

func isActive(st store.Status) bool {
	return st == store.StatusConfirmed || st == store.StatusWaitlist || st == store.StatusLate || st == store.StatusInterest
}

// ---------------------------------------------------------------- promote

// PromoteOptions configure Promote.
type PromoteOptions struct {
	AdminOptions
	Event string // required
	// Force promotes even when every seat is taken.
	Force bool
}

// Promote moves the first on the waiting list up and tells them.
func Promote(ctx context.Context, cfg *config.Config, opts PromoteOptions, w io.Writer) error {
	if strings.TrimSpace(opts.Event) == "" {
		return usagef("--event is required")
	}
	ev, err := checkEvent(cfg, opts.Event)
	if err != nil {
		return err
	}
	now := opts.now()
	db, res, err := adminTx(ctx, cfg, now, func(d *desk.Desk, tx *store.Tx) (*desk.AdminResult, error) {
		return d.Promote(tx, ev.ID, opts.Force)
	})
	if db != nil {
		defer db.Close()
	}
	switch {
	case errors.Is(err, desk.ErrNoSeat):
		return fmt.Errorf("%v; nobody moved up (--force promotes beyond the capacity)", err)
	case err != nil:
		return err
	}
	g := res.Promoted
	fmt.Fprintf(w, "moved up from the waiting list: registration %d, %s for %s\n", g.ID, person(g.Person), g.Event)
	printNotes(w, res)
	deliver(ctx, cfg, db, now, res.Replies, w)
	return nil
}

// ---------------------------------------------------------------- review

// ReviewOptions configure Review and ReviewDone.
type ReviewOptions struct {
	AdminOptions
	// ID and Note are for ReviewDone.
	ID   int64
	Note string
}

// Review lists the mails that need a person, oldest first: id, age,
// sender, subject, reason and the first line of the excerpt.
func Review(ctx context.Context, cfg *config.Config, opts ReviewOptions, w io.Writer) error {
	now := opts.now()
	db, err := openDB(ctx, cfg, now)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.Reader(ctx).OpenReviews()
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(w, "nothing to review")
		return nil
	}
	tw := newTable(w)
	row(tw, "ID", "AGE", "SENDER", "SUBJECT", "REASON", "EXCERPT")
	for _, v := range list {
		row(tw, strconv.FormatInt(v.ID, 10), age(now().Sub(v.CreatedAt)), cell(v.Sender), cell(short(v.Subject, 50)),
			cell(v.Reason), cell(short(v.Excerpt, 60)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s; close one with 'regbot review done ID --note TEXT'\n", plural(len(list), "open review", "open reviews"))
	return nil
}

// ReviewDone closes review opts.ID with opts.Note; its excerpt is erased.
func ReviewDone(ctx context.Context, cfg *config.Config, opts ReviewOptions, w io.Writer) error {
	if opts.ID <= 0 {
		return usagef("name the review to close: regbot review done ID")
	}
	db, err := openDB(ctx, cfg, opts.now())
	if err != nil {
		return err
	}
	defer db.Close()
	var was *store.Review
	err = db.Tx(ctx, func(tx *store.Tx) error {
		var err error
		if was, err = tx.ReviewByID(opts.ID); err != nil {
			return err
		}
		if was == nil {
			return &NotFoundError{What: fmt.Sprintf("there is no review %d; 'regbot review' lists the open ones", opts.ID)}
		}
		if !was.DoneAt.IsZero() && strings.TrimSpace(opts.Note) == "" {
			return nil // closed, and no new note: keep the old one
		}
		if err := tx.CloseReview(opts.ID, opts.Note); err != nil {
			return err
		}
		return tx.Audit("review-done", fmt.Sprintf("review=%d", opts.ID))
	})
	if err != nil {
		return err
	}
	if !was.DoneAt.IsZero() {
		what := "nothing changed"
		if strings.TrimSpace(opts.Note) != "" {
			what = "note replaced"
		}
		fmt.Fprintf(w, "review %d was closed already on %s; %s\n", opts.ID, fmtTime(was.DoneAt, cfg.Location), what)
		return nil
	}
	fmt.Fprintf(w, "review %d closed\n", opts.ID)
	return nil
}

// ---------------------------------------------------------------- resend

// ResendOptions configure Resend.
type ResendOptions struct {
	AdminOptions
	ID int64 // registration
}

// Resend renders the reply for a registration's current status again (same
// calendar UID, current SEQUENCE, new Message-ID), queues and delivers it.
func Resend(ctx context.Context, cfg *config.Config, opts ResendOptions, w io.Writer) error {
	if opts.ID <= 0 {
		return usagef("name the registration: regbot resend ID")
	}
	now := opts.now()
	db, res, err := adminTx(ctx, cfg, now, func(d *desk.Desk, tx *store.Tx) (*desk.AdminResult, error) {
		return d.Resend(tx, opts.ID)
	})
	if db != nil {
		defer db.Close()
	}
	var unknown *desk.UnknownEventError
	switch {
	case errors.Is(err, store.ErrNotFound):
		return &NotFoundError{What: fmt.Sprintf("there is no registration %d; 'regbot list' shows the ids", opts.ID)}
	case errors.As(err, &unknown):
		return fmt.Errorf("registration %d is for %q, which the configuration does not have", opts.ID, unknown.ID)
	case err != nil:
		return err
	}
	g := res.Registration
	fmt.Fprintf(w, "registration %d, %s for %s: %s\n", g.ID, person(g.Person), g.Event, statusText(g.Status, res.Position))
	deliver(ctx, cfg, db, now, res.Replies, w)
	return nil
}

// ---------------------------------------------------------------- forget

// ForgetOptions configure Forget.
type ForgetOptions struct {
	AdminOptions
	// Who is an address, or a registration id for a person without one.
	Who string
	// DryRun shows what would be erased and changes nothing.
	DryRun bool
}

var errDryRun = errors.New("dry run")

// Forget erases a person everywhere (DSGVO Art. 17) with store.Forget and
// prints how many records went. The audit entry the store writes holds
// counts only. With DryRun the same erasure runs in a transaction that is
// rolled back, so the counts are exact and nothing changes.
func Forget(ctx context.Context, cfg *config.Config, opts ForgetOptions, w io.Writer) error {
	who := strings.TrimSpace(opts.Who)
	if who == "" {
		return usagef("name the e-mail address (or the registration id of a person without one)")
	}
	db, err := openDB(ctx, cfg, opts.now())
	if err != nil {
		return err
	}
	defer db.Close()
	var (
		total  int
		detail string
		regs   []store.Registration
		p      *store.Person
	)
	err = db.Tx(ctx, func(tx *store.Tx) error {
		var reg *store.Registration
		var err error
		p, reg, err = resolve(&tx.Reader, who)
		var nf *NotFoundError
		if errors.As(err, &nf) && reg == nil && strings.Contains(who, "@") {
			// No person, but maybe mails or reviews from the address.
			p, err = nil, nil
		}
		if err != nil {
			return err
		}
		if p != nil {
			if regs, err = tx.RegistrationsOf(p.ID); err != nil {
				return err
			}
		}
		if reg != nil {
			total, err = tx.ForgetPerson(p.ID)
		} else {
			total, err = tx.Forget(who)
		}
		if err != nil {
			return err
		}
		if total == 0 {
			return &NotFoundError{What: fmt.Sprintf("nothing is stored about %s; nothing to erase", clean(who))}
		}
		if e, err := tx.LastAudit("forget"); err == nil && e != nil {
			detail = e.Detail
		}
		if opts.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return err
	}
	verb := "erased"
	if opts.DryRun {
		verb = "would erase"
	}
	if p != nil {
		fmt.Fprintf(w, "%s person %d, %s, with %s:\n", verb, p.ID, person(*p), plural(len(regs), "registration", "registrations"))
		for _, g := range regs {
			fmt.Fprintf(w, "  registration %d: %s, %s\n", g.ID, cell(g.Event), statusText(g.Status, 0))
		}
	}
	fmt.Fprintf(w, "%s %s (%s)\n", verb, plural(total, "record", "records"), detail)
	if opts.DryRun {
		fmt.Fprintln(w, "nothing changed (--dry-run)")
		return nil
	}
	// Erasing frees seats but moves nobody up: say where someone waits.
	for _, g := range regs {
		if g.Status != store.StatusConfirmed {
			continue
		}
		next, err := db.Reader(ctx).FirstWaiting(g.Event)
		if err == nil && next != nil {
			fmt.Fprintf(w, "a seat for %s is free and people are waiting: 'regbot promote --event %s' moves the first up\n", g.Event, g.Event)
		}
	}
	return nil
}

// ---------------------------------------------------------------- stats

// StatsOptions configure Stats.
type StatsOptions struct {
	AdminOptions
}

// Stats prints per event the registrations by status, the seats left and
// the days to the deadline.
func Stats(ctx context.Context, cfg *config.Config, opts StatsOptions, w io.Writer) error {
	now := opts.now()
	db, err := openDB(ctx, cfg, now)
	if err != nil {
		return err
	}
	defer db.Close()
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	tw := newTable(w)
	row(tw, "EVENT", "MODE", "CONFIRMED", "WAITLIST", "CANCELLED", "LATE", "INFO LIST", "REFUSED", "SEATS LEFT", "DEADLINE", "DAYS LEFT")
	err = db.View(ctx, func(r *store.Reader) error {
		for _, ev := range cfg.Events {
			c, err := r.Counts(ev.ID)
			if err != nil {
				return err
			}
			seats := "unlimited"
			if ev.Capacity > 0 {
				seats = fmt.Sprintf("%d of %d", max(ev.Capacity-c.Confirmed, 0), ev.Capacity)
			}
			row(tw, ev.ID, string(ev.Registration), strconv.Itoa(c.Confirmed), strconv.Itoa(c.Waitlist),
				strconv.Itoa(c.Cancelled), strconv.Itoa(c.Late), strconv.Itoa(c.Interest), strconv.Itoa(c.Refused),
				seats, ev.Deadline.In(loc).Format("02.01.2006"), daysLeft(now(), ev.Deadline, loc))
		}
		return nil
	})
	if err != nil {
		return err
	}
	return tw.Flush()
}

// daysLeft counts calendar days from now to the deadline: "today", a
// number, or "passed".
func daysLeft(now, deadline time.Time, loc *time.Location) string {
	if now.After(deadline) {
		return "passed"
	}
	a, b := now.In(loc), deadline.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 12, 0, 0, 0, time.UTC)
	n := int(db.Sub(da).Hours() / 24)
	if n == 0 {
		return "today"
	}
	return strconv.Itoa(n)
}

// ---------------------------------------------------------------- delivery

// deliver sends the replies an action queued, right away when SMTP is
// configured, and reports each: sent, or why not. A delivery problem is
// reported, never an error: the action is committed and the daemon
// retries. Without SMTP the replies wait for `regbot run`.
func deliver(ctx context.Context, cfg *config.Config, db *store.DB, now func() time.Time, items []store.OutboxItem, w io.Writer) {
	if len(items) == 0 {
		fmt.Fprintln(w, "no mail queued")
		return
	}
	queued := func(why error) {
		for _, it := range items {
			fmt.Fprintf(w, "queued %s to %s\n", cell(it.Kind), cell(it.To))
		}
		if why != nil {
			fmt.Fprintf(w, "not sent now: %v\n", why)
		}
		fmt.Fprintln(w, "queued; will be sent by regbot run")
	}
	if cfg.SMTP.Host == "" {
		queued(nil)
		return
	}
	c := *cfg
	opts := daemon.Options{Now: now}
	if c.SMTP.Username == "" {
		empty := ""
		opts.SMTPPassword = &empty
	} else if _, err := c.Password("smtp"); err != nil {
		queued(err)
		return
	}
	// A copy in the Sent folder needs the IMAP login; without it the
	// replies still go out.
	if c.IMAP.Host == "" || c.IMAP.SentFolder == "" {
		c.IMAP.SentFolder = ""
	} else if _, err := c.Password("imap"); err != nil {
		c.IMAP.SentFolder = ""
	}
	if c.IMAP.SentFolder == "" {
		empty := ""
		opts.IMAPPassword = &empty
	}
	dm, err := daemon.New(ctx, &c, Analyzer(&c), opts)
	if err != nil {
		queued(err)
		return
	}
	defer dm.Close()
	// Deliver sends what is due in batches, oldest first; a backlog may
	// need more than one round before these replies are reached.
	for round := 0; round < 5; round++ {
		derr := dm.Deliver(ctx)
		pending := false
		for _, it := range items {
			o, err := db.Reader(ctx).OutboxByID(it.ID)
			if err == nil && o != nil && o.SentAt.IsZero() && o.FailedAt.IsZero() && o.Attempts == 0 {
				pending = true
			}
		}
		if !pending || derr != nil {
			break
		}
	}
	for _, it := range items {
		o, err := db.Reader(ctx).OutboxByID(it.ID)
		switch {
		case err != nil:
			fmt.Fprintf(w, "delivery of %s unknown: %v\n", cell(it.Kind), err)
		case o == nil:
			fmt.Fprintf(w, "%s to %s is no longer in the outbox\n", cell(it.Kind), cell(it.To))
		case !o.SentAt.IsZero():
			fmt.Fprintf(w, "sent %s to %s\n", cell(o.Kind), cell(o.To))
		case !o.FailedAt.IsZero():
			fmt.Fprintf(w, "NOT delivered: %s to %s: %s (the registration stands; see regbot show)\n", cell(o.Kind), cell(o.To), short(o.LastError, 200))
		case o.Attempts > 0:
			fmt.Fprintf(w, "not delivered yet: %s to %s: %s; regbot run retries\n", cell(o.Kind), cell(o.To), short(o.LastError, 200))
		default:
			fmt.Fprintf(w, "%s to %s not sent yet; will be sent by regbot run\n", cell(o.Kind), cell(o.To))
		}
	}
}

// adminTx opens the desk and the database and runs one organiser's action
// in a transaction. The database is returned open (also when fn failed)
// for what follows, such as delivering the replies fn queued.
func adminTx(ctx context.Context, cfg *config.Config, now func() time.Time, fn func(*desk.Desk, *store.Tx) (*desk.AdminResult, error)) (*store.DB, *desk.AdminResult, error) {
	d, err := newDesk(cfg, now)
	if err != nil {
		return nil, nil, err
	}
	db, err := openDB(ctx, cfg, now)
	if err != nil {
		return nil, nil, err
	}
	var res *desk.AdminResult
	err = db.Tx(ctx, func(tx *store.Tx) error {
		var err error
		res, err = fn(d, tx)
		return err
	})
	return db, res, err
}
