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
