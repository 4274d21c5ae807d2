package app

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/intent"
	"github.com/heinlein/regbot/internal/mailparse"
)

// InspectOptions configure Inspect.
type InspectOptions struct {
	JSON  bool
	Stdin io.Reader
	Out   io.Writer
	// Now stands in for the arrival time of a mail without a Date header.
	Now func() time.Time
}

// InspectRecord is one line of `regbot inspect --json`: the corpus schema
// plus the cues. Tools depend on its field names.
type InspectRecord struct {
	File      string           `json:"file"`
	Requests  []InspectRequest `json:"requests"`
	Contact   *InspectContact  `json:"contact"`
	Attendees []InspectPerson  `json:"attendees"`
	Bounced   *string          `json:"bounced"`
	Reply     bool             `json:"reply"`
	Why       []string         `json:"why"`
}

// InspectRequest is an (intent, event) pair; Event is null when none.
type InspectRequest struct {
	Intent string  `json:"intent"`
	Event  *string `json:"event"`
}

// InspectContact is the person the organisers deal with.
type InspectContact struct {
	Name         *string `json:"name"`
	Organisation *string `json:"organisation"`
	Email        *string `json:"email"`
}

// InspectPerson is an attendee.
type InspectPerson struct {
	Name  *string `json:"name"`
	Email *string `json:"email"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Record converts a Result into the stable JSON form.
func Record(file string, r intent.Result) InspectRecord {
	rec := InspectRecord{File: file, Reply: r.Reply, Bounced: nullable(r.Bounced), Why: r.Why}
	rec.Requests = []InspectRequest{}
	for _, q := range r.Requests {
		rec.Requests = append(rec.Requests, InspectRequest{Intent: string(q.Intent), Event: nullable(q.Event)})
	}
	if r.Contact != nil {
		rec.Contact = &InspectContact{Name: nullable(r.Contact.Name), Organisation: nullable(r.Contact.Organisation), Email: nullable(r.Contact.Email)}
	}
	rec.Attendees = []InspectPerson{}
	for _, p := range r.Attendees {
		rec.Attendees = append(rec.Attendees, InspectPerson{Name: nullable(p.Name), Email: nullable(p.Email)})
	}
	if rec.Why == nil {
		rec.Why = []string{}
	}
	return rec
}

// Inspect reads each file (or standard input for "-") and prints what
// regbot understands of it. A file that cannot be read is reported and the
// others are still inspected; the error lists every failure.
func Inspect(cfg *config.Config, files []string, opts InspectOptions) error {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	an := Analyzer(cfg)
	out := bufio.NewWriter(opts.Out)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var errs []error
	for _, f := range files {
		m, err := readMail(f, opts.Stdin)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		res := an.Understand(m, opts.Now())
		if opts.JSON {
			if err := enc.Encode(Record(f, res)); err != nil {
				return fmt.Errorf("write result: %w", err)
			}
			continue
		}
		printSummary(out, f, m, res)
	}
	return errors.Join(errs...)
}

func readMail(f string, stdin io.Reader) (*mailparse.Message, error) {
	if f == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		m, err := mailparse.Parse(stdin)
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		return m, nil
	}
	fh, err := os.Open(f)
	if err != nil {
		return nil, fmt.Errorf("inspect %s: %w", f, err)
	}
	defer fh.Close()
	m, err := mailparse.Parse(fh)
	if err != nil {
		return nil, fmt.Errorf("inspect %s: %w", f, err)
	}
	return m, nil
}

func printSummary(w io.Writer, file string, m *mailparse.Message, r intent.Result) {
	fmt.Fprintf(w, "== %s\n", file)
	fmt.Fprintf(w, "  From:      %s\n", m.FirstFrom())
	fmt.Fprintf(w, "  Subject:   %s\n", m.Subject)
	var reqs []string
	for _, q := range r.Requests {
		if q.Event != "" {
			reqs = append(reqs, string(q.Intent)+" "+q.Event)
		} else {
			reqs = append(reqs, string(q.Intent))
		}
	}
	fmt.Fprintf(w, "  Requests:  %s\n", strings.Join(reqs, ", "))
	if r.Contact != nil {
		fmt.Fprintf(w, "  Contact:   %s <%s>", orDash(r.Contact.Name), r.Contact.Email)
		if r.Contact.Organisation != "" {
			fmt.Fprintf(w, ", %s", r.Contact.Organisation)
		}
		fmt.Fprintln(w)
	}
	for i, p := range r.Attendees {
		label := "  Attendees:"
		if i > 0 {
			label = "            "
		}
		fmt.Fprintf(w, "%s %s", label, orDash(p.Name))
		if p.Email != "" {
			fmt.Fprintf(w, " <%s>", p.Email)
		}
		fmt.Fprintln(w)
	}
	for i, p := range r.Cancelled {
		label := "  Cancels:  "
		if i > 0 {
			label = "            "
		}
		fmt.Fprintf(w, "%s %s\n", label, orDash(p.Name))
	}
	if r.Bounced != "" {
		fmt.Fprintf(w, "  Bounced:   %s\n", r.Bounced)
	}
	reply := "yes"
	if !r.Reply {
		reply = "no"
	}
	fmt.Fprintf(w, "  Reply:     %s\n", reply)
	for _, c := range r.Why {
		fmt.Fprintf(w, "  why:       %s\n", c)
	}
	fmt.Fprintln(w)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
