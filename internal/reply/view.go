package reply

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// view is what the templates see. Its fields are documented in the package
// doc of templates; keep both in step.
type view struct {
	Kind          string
	Subject       string
	Greeting      string // "Sehr geehrte Frau Dr. Öztürk," / "Guten Tag Jürgen Köhler," / "Guten Tag,"
	To            personView
	From          Mailbox
	Team          string
	Event         *eventView
	Attendees     []attendeeView
	Self          *attendeeView  // the recipient's own entry in Attendees, nil if not listed
	Others        []attendeeView // Attendees without the recipient
	SenderAttends bool           // Attendees is empty (the recipient alone) or lists the recipient
	SelfStatus    string         // the recipient's own status (see selfStatus); "" if they registered only others
	Waiting       bool           // someone in Attendees is on the waiting list
	Pending       bool           // someone in Attendees came after the deadline and is decided by a person
	Position      int            // the recipient's waiting-list position, 0 if unknown
	RegisteredBy  *personView    // who registered the recipient, nil if unknown or themselves
	Calendar      bool           // a calendar file is attached
	RetentionDays int

	msgID string
}

type personView struct {
	Name       string // cleaned, e.g. "Dr. Ümmühan Öztürk"; "" if unknown
	Email      string
	Salutation string // "Frau", "Herr" or ""
	Ref        string // how to speak about the person: "Frau Dr. Öztürk", "Jürgen Köhler" or the address
}

type eventView struct {
	Title       string
	When        string // "Donnerstag, 18. April 2024, 13:00 bis 17:30 Uhr"
	Date        string // "Donnerstag, 18. April 2024"
	Time        string // "13:00 bis 17:30 Uhr"; "" for an event over several days
	ShortDate   string // "18.04.2024"
	Deadline    string // "Freitag, 12. April 2024" (with ", 12:00 Uhr" when not the end of a day); "" if none
	Location    string
	Room        string
	Description string
	Organizer   Mailbox
}

type attendeeView struct {
	Name       string // may be empty
	Email      string // may be empty
	Ref        string // Name, or Email when there is no name
	Status     string // confirmed, waitlist, late, refused, interest, cancelled, closed
	Already    bool   // the status was so before this mail
	StatusText string // "Teilnahme bestätigt", "Warteliste, Platz 2", …
	Position   int
	Self       bool // this is the recipient
}

func newView(d Data) (*view, error) {
	k := d.Kind
	if !k.Valid() {
		return nil, fmt.Errorf("reply: unknown kind %q", k)
	}
	if err := checkAddress(d.To.Email); err != nil {
		return nil, fmt.Errorf("reply: %s: recipient: %w", k, err)
	}
	if err := checkAddress(d.From.Email); err != nil {
		return nil, fmt.Errorf("reply: %s: sender mailbox: %w", k, err)
	}
	id, ok := msgIDToken(d.MessageID)
	if !ok {
		return nil, fmt.Errorf("reply: %s: Message-ID %q is not a valid msg-id", k, d.MessageID)
	}
	if d.Date.IsZero() {
		return nil, fmt.Errorf("reply: %s: Date is not set", k)
	}
	team := cleanHeaderText(d.Team, 200)
	if team == "" {
		return nil, fmt.Errorf("reply: %s: Team (the signature) is empty", k)
	}
	v := &view{
		Kind:          string(k),
		To:            newPersonView(d.To),
		From:          Mailbox{Name: cleanName(d.From.Name), Email: strings.TrimSpace(d.From.Email)},
		Team:          team,
		Position:      d.Position,
		RetentionDays: d.RetentionDays,
		msgID:         id,
	}
	v.Greeting = greeting(d.To)
	if d.RegisteredBy != nil && !strings.EqualFold(strings.TrimSpace(d.RegisteredBy.Email), strings.TrimSpace(d.To.Email)) {
		p := newPersonView(*d.RegisteredBy)
		if p.Ref != "" {
			v.RegisteredBy = &p
		}
	}

	if d.Event == nil {
		if k.needsEvent() {
			return nil, fmt.Errorf("reply: %s: needs an event", k)
		}
	} else {
		ev, err := newEventView(d.Event, d.Location, d.From)
		if err != nil {
			return nil, fmt.Errorf("reply: %s: %w", k, err)
		}
		v.Event = ev
	}

	to := strings.ToLower(strings.TrimSpace(d.To.Email))
	for i, a := range d.Attendees {
		if a.Status == StatusRegisteredBy {
			if v.RegisteredBy == nil && !strings.EqualFold(strings.TrimSpace(a.Person.Email), to) {
				if p := newPersonView(a.Person); p.Ref != "" {
					v.RegisteredBy = &p
				}
			}
			continue
		}
		av, err := newAttendeeView(a)
		if err != nil {
			return nil, fmt.Errorf("reply: %s: attendee %d: %w", k, i+1, err)
		}
		if av.Email != "" && strings.ToLower(av.Email) == to && v.Self == nil {
			av.Self = true
			self := av
			v.Self = &self
		} else {
			v.Others = append(v.Others, av)
		}
		switch av.Status {
		case StatusWaitlist:
			v.Waiting = true
		case StatusLate:
			v.Pending = true
		}
		v.Attendees = append(v.Attendees, av)
	}
	v.SenderAttends = len(v.Attendees) == 0 || v.Self != nil
	v.SelfStatus = selfStatus(k, v)
	if v.Self != nil && v.Self.Status == StatusWaitlist && v.Self.Position > 0 {
		v.Position = v.Self.Position
	}
	if v.Position < 0 {
		return nil, fmt.Errorf("reply: %s: negative waiting-list position %d", k, v.Position)
	}

	if d.ICSUID != "" && v.Event != nil {
		switch k {
		case KindConfirmation, KindAttendee, KindAlready, KindPromoted:
			v.Calendar = v.SelfStatus == StatusConfirmed
		case KindCancelled:
			v.Calendar = v.SelfStatus == StatusCancelled
		}
	}
	if v.Calendar {
		if err := checkUID(d.ICSUID); err != nil {
			return nil, fmt.Errorf("reply: %s: %w", k, err)
		}
		if d.ICSSequence < 0 {
			return nil, fmt.Errorf("reply: %s: negative ICSSequence %d", k, d.ICSSequence)
		}
	}
	return v, nil
}

// selfStatus is the recipient's own status: their entry in Attendees, or,
// when the list is empty (the recipient alone), what the kind implies. It is
// "" when the recipient registered only others.
func selfStatus(k Kind, v *view) string {
	if v.Self != nil {
		return v.Self.Status
	}
	if len(v.Attendees) > 0 {
		return ""
	}
	switch k {
	case KindConfirmation, KindAttendee, KindAlready, KindPromoted:
		return StatusConfirmed
	case KindWaitlist:
		return StatusWaitlist
	case KindLateReview:
		return StatusLate
	case KindLate:
		return StatusRefused
	case KindInterest:
		return StatusInterest
	case KindCancelled:
		return StatusCancelled
	case KindClosed:
		return StatusClosed
	}
	return ""
}

func newPersonView(p Person) personView {
	name := displayName(p.Name)
	sal := salutation(p.Salutation)
	if s, rest := leadingSalutation(name); s != "" {
		if sal == "" {
			sal = s
		}
		name = rest
	}
	pv := personView{Name: name, Email: strings.TrimSpace(p.Email), Salutation: sal}
	switch {
	case name != "" && sal != "":
		pv.Ref = sal + " " + formalName(name)
	case name != "":
		pv.Ref = name
	default:
		pv.Ref = pv.Email
	}
	return pv
}

func newEventView(e *Event, loc *time.Location, from Mailbox) (*eventView, error) {
	if loc == nil {
		return nil, fmt.Errorf("Location (the time zone) is nil")
	}
	if loc == time.Local || loc.String() == "Local" {
		return nil, fmt.Errorf("Location must be a named IANA zone such as Europe/Berlin, not Local")
	}
	title := cleanHeaderText(e.Title, 300)
	if title == "" {
		return nil, fmt.Errorf("event %q has no title", e.ID)
	}
	if e.Start.IsZero() {
		return nil, fmt.Errorf("event %q has no start", e.ID)
	}
	if !e.End.IsZero() && e.End.Before(e.Start) {
		return nil, fmt.Errorf("event %q ends before it starts", e.ID)
	}
	start := e.Start.In(loc)
	ev := &eventView{
		Title:       title,
		Date:        longDate(start),
		ShortDate:   start.Format("02.01.2006"),
		Location:    cleanHeaderText(e.Location, 300),
		Room:        cleanHeaderText(e.Room, 200),
		Description: strings.TrimSpace(e.Description),
		Organizer:   e.Organizer,
	}
	if ev.Room != "" && strings.Contains(ev.Location, ev.Room) {
		ev.Room = "" // the location line already names the room
	}
	if ev.Organizer.Email == "" {
		ev.Organizer = from
	}
	ev.Organizer.Name = cleanName(ev.Organizer.Name)
	switch {
	case e.End.IsZero():
		ev.Time = clock(start) + " Uhr"
		ev.When = ev.Date + ", " + ev.Time
	case sameDay(start, e.End.In(loc)):
		ev.Time = clock(start) + " bis " + clock(e.End.In(loc)) + " Uhr"
		ev.When = ev.Date + ", " + ev.Time
	default:
		end := e.End.In(loc)
		ev.When = ev.Date + ", " + clock(start) + " Uhr, bis " + longDate(end) + ", " + clock(end) + " Uhr"
	}
	if !e.Deadline.IsZero() {
		dl := e.Deadline.In(loc)
		ev.Deadline = longDate(dl)
		if !(dl.Hour() == 23 && dl.Minute() == 59) && !(dl.Hour() == 0 && dl.Minute() == 0) {
			ev.Deadline += ", " + clock(dl) + " Uhr"
		}
	}
	return ev, nil
}

func newAttendeeView(a Attendee) (attendeeView, error) {
	p := newPersonView(a.Person)
	av := attendeeView{Name: p.Name, Email: p.Email, Status: a.Status, Position: a.Position}
	if av.Email != "" {
		if err := checkAddress(av.Email); err != nil {
			return av, err
		}
	}
	av.Ref = av.Name
	if av.Ref == "" {
		av.Ref = av.Email
	}
	if av.Ref == "" {
		return av, fmt.Errorf("neither name nor address")
	}
	st, already := strings.CutPrefix(a.Status, "already-")
	av.Status, av.Already = st, already
	pos := ""
	if a.Position > 0 {
		pos = fmt.Sprintf(", Platz %d", a.Position)
	}
	switch {
	case st == StatusConfirmed && already:
		av.StatusText = "bereits angemeldet, Teilnahme bestätigt"
	case st == StatusConfirmed:
		av.StatusText = "Teilnahme bestätigt"
	case st == StatusWaitlist && already:
		av.StatusText = "bereits auf der Warteliste" + pos
	case st == StatusWaitlist:
		av.StatusText = "Warteliste" + pos
	case st == StatusLate:
		av.StatusText = "nach Anmeldeschluss eingegangen, wird noch geprüft"
	case st == StatusRefused:
		av.StatusText = "nach Anmeldeschluss eingegangen, leider nicht mehr möglich"
	case st == StatusInterest && already:
		av.StatusText = "bereits vorgemerkt"
	case st == StatusInterest:
		av.StatusText = "vorgemerkt, die Anmeldung ist noch nicht geöffnet"
	case st == StatusCancelled:
		av.StatusText = "abgemeldet"
	case st == StatusClosed:
		av.StatusText = "nicht angemeldet, die Anmeldung ist geschlossen"
	default:
		return av, fmt.Errorf("unknown status %q", a.Status)
	}
	return av, nil
}

var (
	weekdays = [...]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}
	months   = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
)

// longDate: "Donnerstag, 18. April 2024".
func longDate(t time.Time) string {
	return fmt.Sprintf("%s, %d. %s %d", weekdays[t.Weekday()], t.Day(), months[t.Month()-1], t.Year())
}

// clock: "13:00".
func clock(t time.Time) string { return t.Format("15:04") }

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// ---- names and the greeting ----

// cleanName makes a display name safe and tidy: one line, no control
// characters, no surrounding quotes, at most 100 characters; a name that is
// really an address becomes "".
func cleanName(s string) string {
	s = cleanHeaderText(s, 100)
	// "Anna Schmidt" and „Anna Schmidt“ lose their quotes; a lone quote stays.
	for _, q := range [][2]string{{`"`, `"`}, {`'`, `'`}, {"„", "“"}, {"“", "”"}, {"‚", "‘"}, {"‘", "’"}} {
		if len(s) > len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			s = strings.TrimSpace(s[len(q[0]) : len(s)-len(q[1])])
			break
		}
	}
	if strings.Contains(s, "@") {
		return ""
	}
	return s
}

// displayName is cleanName plus what makes a name presentable in a letter:
// "Weber, Hans" becomes "Hans Weber", "ANNA SCHMIDT" and "anna schmidt"
// become "Anna Schmidt".
func displayName(s string) string {
	s = cleanName(s)
	if s == "" {
		return ""
	}
	// Strip a trailing "(IHK Berlin)" or similar: an organisation, not a name.
	if i := strings.Index(s, "("); i > 0 && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[:i])
	}
	if last, first, ok := strings.Cut(s, ","); ok && !strings.Contains(first, ",") {
		last, first = strings.TrimSpace(last), strings.TrimSpace(first)
		if rest := dropPostNominals(first); rest != "" && last != "" {
			s = first + " " + last
		} else {
			s = last
		}
	}
	return fixCase(s)
}

func dropPostNominals(s string) string {
	var keep []string
	for _, f := range strings.Fields(s) {
		if _, drop := titleToken(f); drop {
			continue
		}
		keep = append(keep, f)
	}
	return strings.Join(keep, " ")
}

// fixCase title-cases a name written entirely in lower or upper case, leaving
// particles such as "von" or "van der" in lower case.
func fixCase(s string) string {
	hasUpper, hasLower := false, false
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
		hasUpper = hasUpper || unicode.IsUpper(r)
		hasLower = hasLower || unicode.IsLower(r)
	}
	if letters < 2 || (hasUpper && hasLower) {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		lw := strings.ToLower(w)
		if i > 0 && i < len(words)-1 && particles[lw] {
			words[i] = lw
			continue
		}
		words[i] = titleWord(lw)
	}
	return strings.Join(words, " ")
}

// titleWord capitalises each part of a word: "müller-lüdenscheidt" →
// "Müller-Lüdenscheidt", "dr." → "Dr.".
func titleWord(w string) string {
	var b strings.Builder
	up := true
	for _, r := range w {
		if up && unicode.IsLetter(r) {
			b.WriteRune(unicode.ToUpper(r))
			up = false
			continue
		}
		b.WriteRune(r)
		if r == '-' || r == '\'' {
			up = true
		}
	}
	return b.String()
}

var particles = map[string]bool{
	"von": true, "vom": true, "zu": true, "zum": true, "zur": true, "van": true, "der": true, "den": true,
	"de": true, "del": true, "della": true, "di": true, "da": true, "du": true, "le": true, "la": true,
	"ten": true, "ter": true, "auf": true, "y": true,
}

var postNominals = map[string]bool{
	"mba": true, "mdb": true, "mda": true, "mdl": true, "mdep": true, "phd": true, "llm": true,
	"msc": true, "bsc": true, "ma": true, "ba": true, "meng": true, "beng": true,
}

// titleToken classifies a word of a name: an academic title that belongs in
// the salutation ("Dr.", "Prof.", "Prof. Dr."), or a word to drop from it
// (faculty suffixes such as "med.", degrees such as "Dipl.-Ing." or "MBA").
func titleToken(w string) (title string, drop bool) {
	l := strings.ToLower(strings.Trim(w, ","))
	switch {
	case l == "prof.dr." || l == "prof.-dr.":
		return "Prof. Dr.", true
	case l == "prof" || l == "prof." || l == "professor" || l == "professorin":
		return "Prof.", true
	case l == "dr" || l == "dr." || strings.HasPrefix(l, "dr.") || strings.HasPrefix(l, "dr-"):
		return "Dr.", true
	case strings.Contains(l, "."):
		return "", true
	case postNominals[l]:
		return "", true
	}
	return "", false
}

func salutation(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "frau", "fr.", "fr":
		return "Frau"
	case "herr", "hr.", "hr", "herrn":
		return "Herr"
	}
	return ""
}

// leadingSalutation splits "Frau Anna Schmidt" into "Frau" and "Anna Schmidt".
func leadingSalutation(name string) (string, string) {
	first, rest, ok := strings.Cut(name, " ")
	if !ok {
		return "", name
	}
	if s := salutation(first); s != "" {
		return s, strings.TrimSpace(rest)
	}
	return "", name
}

// formalName is what follows "Frau"/"Herr" in a salutation: the academic
// titles and the surname with its particles. "Dr. Ümmühan Öztürk" → "Dr.
// Öztürk", "Prof. Dr. med. Hans von der Heide" → "Prof. Dr. von der Heide".
func formalName(name string) string {
	var titles, words []string
	seen := map[string]bool{}
	for _, f := range strings.Fields(name) {
		if t, drop := titleToken(f); drop {
			for _, x := range strings.Fields(t) {
				if !seen[x] {
					seen[x] = true
					titles = append(titles, x)
				}
			}
			continue
		}
		words = append(words, f)
	}
	if len(words) == 0 {
		return name
	}
	i := len(words) - 1
	for i > 1 && particles[words[i-1]] {
		i--
	}
	if i == 1 && particles[words[0]] {
		i = 0
	}
	// Prof. before Dr.
	if len(titles) == 2 && titles[0] == "Dr." && titles[1] == "Prof." {
		titles[0], titles[1] = titles[1], titles[0]
	}
	return strings.Join(append(titles, words[i:]...), " ")
}

// greeting: "Sehr geehrte Frau Dr. Öztürk,", "Sehr geehrter Herr Köhler,",
// "Guten Tag Anna Schmidt," when the salutation is unknown, "Guten Tag," when
// the name is.
func greeting(p Person) string {
	pv := newPersonView(p)
	switch {
	case pv.Name == "":
		return "Guten Tag,"
	case pv.Salutation == "Frau":
		return "Sehr geehrte Frau " + formalName(pv.Name) + ","
	case pv.Salutation == "Herr":
		return "Sehr geehrter Herr " + formalName(pv.Name) + ","
	}
	return "Guten Tag " + pv.Name + ","
}

// ---- template functions ----

var textFuncs = map[string]any{
	"plural": plural,
}

var htmlFuncs = map[string]any{
	"plural": plural,
	"lines":  splitLines,
}

// plural: {{plural .N "Person" "Personen"}}.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func splitLines(s string) []string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func checkUID(uid string) error {
	if uid == "" || len(uid) > 255 || !utf8.ValidString(uid) {
		return fmt.Errorf("calendar UID %q is empty, too long or not UTF-8", uid)
	}
	for _, r := range uid {
		if r < 0x21 || r == 0x7f || unicode.IsControl(r) || unicode.IsSpace(r) {
			return fmt.Errorf("calendar UID %q contains blanks or control characters", uid)
		}
	}
	return nil
}
