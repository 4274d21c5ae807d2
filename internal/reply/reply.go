package reply

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	texttemplate "text/template"
	"time"
	_ "time/tzdata" // Europe/Berlin must resolve even on a host without zoneinfo

	"github.com/heinlein/regbot/templates"
)

// Kind is what a reply says. Each kind has a text and an HTML template of the
// same name in package templates.
type Kind string

// The kinds of reply.
const (
	KindConfirmation    Kind = "confirmation"      // registration confirmed, to the sender; calendar attached
	KindAttendee        Kind = "attendee"          // to a person someone else registered; calendar attached
	KindAlready         Kind = "already"           // already registered, nothing changed; same calendar again
	KindWaitlist        Kind = "waitlist"          // on the waiting list at Position; not a confirmation
	KindPromoted        Kind = "promoted"          // moved up from the waiting list; calendar attached
	KindLate            Kind = "late"              // after the deadline, not accepted
	KindLateReview      Kind = "late_review"       // after the deadline, a person decides
	KindInterest        Kind = "interest"          // on the information list; no registration yet
	KindClosed          Kind = "closed"            // registration is closed
	KindCancelled       Kind = "cancelled"         // cancellation confirmed; calendar METHOD:CANCEL
	KindNothingToCancel Kind = "nothing_to_cancel" // no registration found for the address
	KindDeleted         Kind = "deleted"           // personal data erased (DSGVO Art. 17)
	KindQuestion        Kind = "question"          // acknowledgement; a person will answer
)

// Kinds lists every kind in a stable order.
var Kinds = []Kind{
	KindConfirmation, KindAttendee, KindAlready, KindWaitlist, KindPromoted,
	KindLate, KindLateReview, KindInterest, KindClosed, KindCancelled,
	KindNothingToCancel, KindDeleted, KindQuestion,
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// needsEvent: kinds that cannot be written without an event.
func (k Kind) needsEvent() bool {
	switch k {
	case KindDeleted, KindQuestion, KindNothingToCancel:
		return false
	}
	return true
}

// unsolicited: kinds that are not an answer to the recipient's own mail (the
// recipient did not write to us, or wrote long ago). They get a descriptive
// subject, no In-Reply-To/References, and Auto-Submitted: auto-generated
// (RFC 3834 §5: auto-replied is only for direct responses).
func (k Kind) unsolicited() bool {
	return k == KindAttendee || k == KindPromoted
}

// Attendee statuses. A status may also be written "already-<status>" (e.g.
// "already-confirmed"): the person had it before this mail, nothing changed.
const (
	StatusConfirmed = "confirmed"
	StatusWaitlist  = "waitlist"
	StatusLate      = "late"      // after the deadline, a person decides
	StatusRefused   = "refused"   // after the deadline, not accepted
	StatusInterest  = "interest"  // on the information list
	StatusCancelled = "cancelled" // cancelled by this mail
	StatusClosed    = "closed"    // not registered: registration is closed

	// StatusRegisteredBy marks the entry of Attendees that names who
	// registered the recipient; it is the same as setting Data.RegisteredBy
	// and is not listed as an attendee.
	StatusRegisteredBy = "registered-by"
)

// Mailbox is a named address.
type Mailbox struct{ Name, Email string }

// Event is what the replies say about an event.
type Event struct {
	ID, Title            string
	Start, End, Deadline time.Time // End and Deadline may be zero
	Location             string    // one line: "IHK Berlin, Ludwig Erhard Haus, Fasanenstraße 85, 10623 Berlin"
	Room                 string    // "Seminarraum 4 A 02"; may be empty
	Description          string    // one or two German sentences
	Organizer            Mailbox   // ORGANIZER of the calendar entry; empty = Data.From
}

// Person is someone a reply is addressed to or speaks about.
type Person struct {
	Name       string // "Dr. Ümmühan Öztürk"; may be empty
	Email      string
	Salutation string // "Frau", "Herr" or ""
}

// Attendee is one person of a registration with their status.
type Attendee struct {
	Person   Person
	Status   string // StatusConfirmed, StatusWaitlist, StatusLate, StatusRefused, StatusInterest
	Position int    // waiting-list position, for StatusWaitlist
}

// Data is everything a reply is made of.
type Data struct {
	Kind      Kind
	From      Mailbox    // the registration mailbox; From header and signature line
	To        Person     // the recipient (the only one)
	Event     *Event     // nil only for deleted, question and nothing_to_cancel
	Attendees []Attendee // everyone the mail registered (or cancelled), the recipient included if concerned
	Position  int        // the recipient's waiting-list position, when Attendees does not list it

	// RegisteredBy is who registered the recipient (attendee, and waitlist
	// sent to a person registered by someone else).
	RegisteredBy *Person

	// Calendar identity of the recipient's own registration. ICSSequence is
	// the SEQUENCE of the entry the recipient already has (0 for a new one);
	// cancelled sends ICSSequence+1. A calendar is attached only when there
	// is an ICSUID and the recipient's own status fits the kind (confirmed
	// for confirmation, attendee, already, promoted; cancelled for
	// cancelled): someone who only registered colleagues, or who waits, gets
	// none.
	ICSUID      string
	ICSSequence int

	MessageID string // the reply's Message-ID, chosen by the caller, with or without <>

	// The mail being answered: its Message-ID, its References, its Subject.
	// Ignored for attendee and promoted, which are not answers.
	InReplyTo       string
	References      []string
	OriginalSubject string

	Date          time.Time      // Date header and DTSTAMP
	Team          string         // signature, e.g. "Ihr Veranstaltungsteam der Heinlein Gruppe"
	Location      *time.Location // Europe/Berlin: times in the text, TZID in the calendar
	RetentionDays int            // days after the event personal data is kept; 0 = not mentioned
}

// Message is a rendered reply, ready for Bytes.
type Message struct {
	From           Mailbox
	To             Person
	Subject        string
	Text, HTML     string
	Calendar       []byte // RFC 5545, CRLF, folded; nil when none
	CalendarMethod string // REQUEST or CANCEL when Calendar is set
	MessageID      string // without angle brackets
	InReplyTo      string // without angle brackets; "" when not a reply
	References     []string
	Date           time.Time

	// AutoSubmitted is "auto-replied" for answers and "auto-generated" for
	// mail nobody asked for right now (attendee, promoted).
	AutoSubmitted string
}

// Renderer holds the parsed templates.
type Renderer struct {
	text map[Kind]*texttemplate.Template
	html map[Kind]*htmltemplate.Template
}

const (
	textPartials = "partials.txt.tmpl"
	htmlPartials = "partials.html.tmpl"
)

// New parses the embedded templates, each replaced by the file of the same
// name in override when that folder has one ("" = embedded only). A file in
// override that matches no embedded template is an error (a typo would
// otherwise be silently ignored), as is any template that does not parse; the
// error names the file.
func New(override string) (*Renderer, error) {
	files, err := loadFiles(override)
	if err != nil {
		return nil, err
	}
	r := &Renderer{text: map[Kind]*texttemplate.Template{}, html: map[Kind]*htmltemplate.Template{}}

	tp := files[textPartials]
	tbase, err := texttemplate.New(textPartials).Option("missingkey=error").Funcs(textFuncs).Parse(tp.body)
	if err != nil {
		return nil, fmt.Errorf("reply: template %s: %w", tp.origin, err)
	}
	hp := files[htmlPartials]
	hbase, err := htmltemplate.New(htmlPartials).Option("missingkey=error").Funcs(htmlFuncs).Parse(hp.body)
	if err != nil {
		return nil, fmt.Errorf("reply: template %s: %w", hp.origin, err)
	}
	for _, k := range Kinds {
		tf := files[string(k)+".txt.tmpl"]
		tc := texttemplate.Must(tbase.Clone())
		t, err := tc.New(tf.name).Parse(tf.body)
		if err != nil {
			return nil, fmt.Errorf("reply: template %s: %w", tf.origin, err)
		}
		if t.Lookup("subject") == nil {
			return nil, fmt.Errorf(`reply: template %s: no {{define "subject"}}…{{end}}; every text template defines the subject of its kind`, tf.origin)
		}
		r.text[k] = t

		hf := files[string(k)+".html.tmpl"]
		hc := htmltemplate.Must(hbase.Clone())
		h, err := hc.New(hf.name).Parse(hf.body)
		if err != nil {
			return nil, fmt.Errorf("reply: template %s: %w", hf.origin, err)
		}
		r.html[k] = h
	}
	return r, nil
}

type tmplFile struct {
	name   string // base name, e.g. confirmation.txt.tmpl
	origin string // where it came from, for errors: "embedded confirmation.txt.tmpl" or the override path
	body   string
}

func loadFiles(override string) (map[string]tmplFile, error) {
	files := map[string]tmplFile{}
	names, err := fs.Glob(templates.FS, "*.tmpl")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b, err := fs.ReadFile(templates.FS, n)
		if err != nil {
			return nil, err
		}
		files[n] = tmplFile{name: n, origin: "embedded " + n, body: string(b)}
	}
	// The set must be complete: two partials and both files of every kind.
	want := []string{textPartials, htmlPartials}
	for _, k := range Kinds {
		want = append(want, string(k)+".txt.tmpl", string(k)+".html.tmpl")
	}
	for _, n := range want {
		if _, ok := files[n]; !ok {
			return nil, fmt.Errorf("reply: embedded template %s is missing", n)
		}
	}
	if override == "" {
		return files, nil
	}
	st, err := os.Stat(override)
	if err != nil {
		return nil, fmt.Errorf("reply: template folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("reply: template folder %s is not a folder", override)
	}
	paths, err := filepath.Glob(filepath.Join(override, "*.tmpl"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	for _, p := range paths {
		n := filepath.Base(p)
		if _, ok := files[n]; !ok {
			return nil, fmt.Errorf("reply: template %s: no built-in template has this name (known: %s)", p, strings.Join(want, ", "))
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("reply: template %s: %w", p, err)
		}
		files[n] = tmplFile{name: n, origin: p, body: string(b)}
	}
	return files, nil
}

// Render writes the reply d describes.
func (r *Renderer) Render(d Data) (*Message, error) {
	v, err := newView(d)
	if err != nil {
		return nil, err
	}
	k := d.Kind
	m := &Message{
		From:          Mailbox{Name: cleanName(d.From.Name), Email: strings.TrimSpace(d.From.Email)},
		To:            Person{Name: cleanName(d.To.Name), Email: strings.TrimSpace(d.To.Email), Salutation: d.To.Salutation},
		MessageID:     v.msgID,
		Date:          d.Date,
		AutoSubmitted: "auto-replied",
	}
	if d.Location != nil {
		m.Date = d.Date.In(d.Location)
	}
	if k.unsolicited() {
		m.AutoSubmitted = "auto-generated"
	} else {
		m.InReplyTo, m.References = threadIDs(d.InReplyTo, d.References)
	}

	// Subject and text body.
	t := r.text[k]
	var sb bytes.Buffer
	if err := t.ExecuteTemplate(&sb, "subject", v); err != nil {
		return nil, fmt.Errorf("reply: %s: subject: %w", k, err)
	}
	m.Subject = cleanHeaderText(sb.String(), 0)
	if orig := stripReplyPrefixes(cleanHeaderText(d.OriginalSubject, maxSubjectRunes)); orig != "" && !k.unsolicited() {
		m.Subject = "Re: " + orig
	}
	if m.Subject == "" {
		return nil, fmt.Errorf("reply: %s: the subject template gave an empty subject", k)
	}
	v.Subject = m.Subject

	var tb bytes.Buffer
	tb.Grow(4096)
	if err := t.Execute(&tb, v); err != nil {
		return nil, fmt.Errorf("reply: %s: text: %w", k, err)
	}
	m.Text = tidyText(tb.String())

	var hb bytes.Buffer
	hb.Grow(8192)
	if err := r.html[k].Execute(&hb, v); err != nil {
		return nil, fmt.Errorf("reply: %s: html: %w", k, err)
	}
	m.HTML = tidyHTML(hb.String())

	if v.Calendar {
		method := "REQUEST"
		if k == KindCancelled {
			method = "CANCEL"
		}
		cal, err := buildCalendar(d, method)
		if err != nil {
			return nil, fmt.Errorf("reply: %s: calendar: %w", k, err)
		}
		m.Calendar, m.CalendarMethod = cal, method
	}
	return m, nil
}

// Check renders every kind with sample data, assembles each message and parses
// its calendar back: `regbot check-config` runs it so that a broken override
// (a misspelt field, a missing define) is found before a person gets the mail.
func (r *Renderer) Check() error {
	var errs []error
	for _, d := range SampleData() {
		m, err := r.Render(d)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if _, err := m.Bytes(); err != nil {
			errs = append(errs, fmt.Errorf("reply: %s: %w", d.Kind, err))
		}
		if m.Calendar != nil {
			if _, err := parseCalendar(m.Calendar); err != nil {
				errs = append(errs, fmt.Errorf("reply: %s: calendar does not parse: %w", d.Kind, err))
			}
		}
		if strings.TrimSpace(m.Text) == "" || strings.TrimSpace(m.HTML) == "" {
			errs = append(errs, fmt.Errorf("reply: %s: empty text or HTML body", d.Kind))
		}
	}
	return errors.Join(errs...)
}

// tidyText trims trailing blanks (but keeps the "-- " signature separator),
// collapses runs of blank lines that conditional template blocks leave behind,
// and ends the text with exactly one newline.
func tidyText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		if l != "-- " {
			l = strings.TrimRight(l, " \t")
		}
		if l == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n") + "\n"
}

func tidyHTML(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if strings.TrimSpace(l) == "" {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n") + "\n"
}
