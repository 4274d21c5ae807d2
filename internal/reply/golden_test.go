package reply

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-message/mail"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

func mustRenderer(t *testing.T) *Renderer {
	t.Helper()
	r, err := New("")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func sample(t *testing.T, k Kind) Data {
	t.Helper()
	for _, d := range SampleData() {
		if d.Kind == k {
			return d
		}
	}
	t.Fatalf("no sample for %s", k)
	return Data{}
}

// goldenText is what a golden file holds: the deterministic headers as a
// reader sees them (decoded), the text body and the calendar.
func goldenText(t *testing.T, m *Message) string {
	t.Helper()
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	mr, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := mr.Header
	var b strings.Builder
	subj, err := h.Subject()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "Subject: %s\n", subj)
	for _, k := range []string{"From", "To"} {
		as, err := h.AddressList(k)
		if err != nil || len(as) != 1 {
			t.Fatalf("%s: %v %v", k, as, err)
		}
		if as[0].Name == "" {
			fmt.Fprintf(&b, "%s: <%s>\n", k, as[0].Address)
		} else {
			fmt.Fprintf(&b, "%s: %s <%s>\n", k, as[0].Name, as[0].Address)
		}
	}
	for _, k := range []string{"In-Reply-To", "References", "Auto-Submitted", "X-Auto-Response-Suppress"} {
		if v := h.Get(k); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	b.WriteString("\n======== text ========\n")
	b.WriteString(m.Text)
	if m.Calendar != nil {
		fmt.Fprintf(&b, "\n======== calendar (%s) ========\n", m.CalendarMethod)
		b.WriteString(strings.ReplaceAll(string(m.Calendar), "\r\n", "\n"))
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	r := mustRenderer(t)
	for _, d := range SampleData() {
		t.Run(string(d.Kind), func(t *testing.T) {
			m, err := r.Render(d)
			if err != nil {
				t.Fatal(err)
			}
			got := goldenText(t, m)
			path := filepath.Join("testdata", string(d.Kind)+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the output; run go test ./internal/reply -update and review the diff\n--- got ---\n%s", path, got)
			}
		})
	}
}

// scenarios are the less common shapes of a reply, as the desk produces
// them: several people in one mail, someone who registers only colleagues,
// statuses that were already so. Each gets a golden file
// testdata/<kind>-<name>.golden.
func scenarios() map[string]Data {
	rt, _ := SampleEvents()
	get := func(k Kind) Data {
		for _, d := range SampleData() {
			if d.Kind == k {
				return d
			}
		}
		panic(k)
	}
	assistant := Person{Name: "Anna Schmidt", Email: "assistenz@verband.example.org", Salutation: "Frau"}
	out := map[string]Data{}

	d := get(KindConfirmation)
	d.To = assistant
	d.Attendees = []Attendee{{Person: sampleOztuerk, Status: StatusConfirmed}, {Person: sampleKoehler, Status: StatusLate}}
	out["confirmation-others-only"] = d

	d = get(KindConfirmation)
	d.Attendees = []Attendee{{Person: sampleOztuerk, Status: StatusWaitlist, Position: 2}, {Person: sampleKoehler, Status: StatusConfirmed}}
	out["confirmation-self-waiting"] = d

	d = get(KindAlready)
	d.To = sampleOztuerk
	d.Attendees = []Attendee{{Person: sampleOztuerk, Status: "already-waitlist", Position: 4}}
	out["already-waitlist"] = d

	d = get(KindAlready)
	d.To = assistant
	d.Attendees = []Attendee{{Person: sampleKoehler, Status: "already-confirmed"}}
	out["already-others-only"] = d

	d = get(KindWaitlist)
	d.To = sampleOztuerk
	d.Position = 1
	d.Attendees = []Attendee{{Person: sampleOztuerk, Status: "already-confirmed"}, {Person: sampleKoehler, Status: StatusWaitlist, Position: 1}}
	out["waitlist-colleague"] = d

	d = get(KindWaitlist)
	d.InReplyTo, d.References, d.OriginalSubject = "", nil, ""
	d.Attendees = []Attendee{{Person: sampleOztuerk, Status: StatusRegisteredBy}}
	out["waitlist-registered-by"] = d

	d = get(KindAttendee)
	d.RegisteredBy = nil
	d.Attendees = []Attendee{{Person: Person{Name: "Anna Schmidt", Email: "assistenz@verband.example.org"}, Status: StatusRegisteredBy}}
	out["attendee-registered-by-entry"] = d

	d = get(KindPromoted)
	d.To = assistant
	d.Attendees = []Attendee{{Person: Person{Name: "Begleitung 1 von Anna Schmidt"}, Status: StatusConfirmed}}
	out["promoted-to-registrant"] = d

	d = get(KindCancelled)
	d.Attendees = []Attendee{{Person: sampleOztuerk, Status: StatusCancelled}, {Person: sampleKoehler, Status: StatusCancelled}}
	out["cancelled-two"] = d

	d = get(KindCancelled)
	d.Attendees = []Attendee{{Person: sampleKoehler, Status: StatusCancelled}}
	out["cancelled-colleague-only"] = d

	d = get(KindNothingToCancel)
	d.Event = nil
	out["nothing_to_cancel-no-event"] = d

	d = get(KindQuestion)
	d.Event = rt
	out["question-event"] = d

	d = get(KindLate)
	d.Attendees = []Attendee{{Person: sampleKoehler, Status: StatusRefused}, {Person: sampleOztuerk, Status: StatusRefused}}
	out["late-two"] = d
	return out
}

func TestGoldenScenarios(t *testing.T) {
	r := mustRenderer(t)
	for name, d := range scenarios() {
		t.Run(name, func(t *testing.T) {
			m, err := r.Render(d)
			if err != nil {
				t.Fatal(err)
			}
			got := goldenText(t, m)
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the output; run go test ./internal/reply -update and review the diff\n--- got ---\n%s", path, got)
			}
		})
	}
}
