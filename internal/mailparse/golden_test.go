package mailparse

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the corpus")

const corpusDir = "../../testdata/corpus"

// goldenMessage is what the golden files record of a parsed message.
type goldenMessage struct {
	From           []Address        `json:"from"`
	ReplyTo        []Address        `json:"reply_to,omitempty"`
	To             []Address        `json:"to"`
	Cc             []Address        `json:"cc,omitempty"`
	Subject        string           `json:"subject"`
	Date           string           `json:"date"`
	MessageID      string           `json:"message_id"`
	InReplyTo      []string         `json:"in_reply_to,omitempty"`
	References     []string         `json:"references,omitempty"`
	ContentType    string           `json:"content_type"`
	ReportType     string           `json:"report_type,omitempty"`
	FromHTML       bool             `json:"from_html"`
	Attachments    []Attachment     `json:"attachments,omitempty"`
	Embedded       []goldenEmbedded `json:"embedded,omitempty"`
	DeliveryStatus string           `json:"delivery_status,omitempty"`
	Problems       []string         `json:"problems,omitempty"`
	Text           string           `json:"text"`
}

type goldenEmbedded struct {
	From        []Address `json:"from,omitempty"`
	To          []Address `json:"to,omitempty"`
	Subject     string    `json:"subject"`
	HeadersOnly bool      `json:"headers_only,omitempty"`
	Text        string    `json:"text,omitempty"`
}

func toGolden(m *Message) goldenMessage {
	g := goldenMessage{
		From: m.From, ReplyTo: m.ReplyTo, To: m.To, Cc: m.Cc,
		Subject: m.Subject, MessageID: m.MessageID,
		InReplyTo: m.InReplyTo, References: m.References,
		ContentType: m.ContentType, ReportType: m.ReportType, FromHTML: m.FromHTML,
		Attachments: m.Attachments, DeliveryStatus: firstRunes(m.DeliveryStatus, 300),
		Problems: m.Problems, Text: m.Text,
	}
	if !m.Date.IsZero() {
		g.Date = m.Date.Format(time.RFC3339)
	}
	for _, e := range m.Embedded {
		g.Embedded = append(g.Embedded, goldenEmbedded{
			From: e.From, To: e.To, Subject: e.Subject,
			HeadersOnly: e.HeadersOnly, Text: firstRunes(e.Text, 200),
		})
	}
	return g
}

// firstRunes returns the first n characters of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.eml"))
	if len(files) == 0 {
		tb.Skipf("no corpus in %s", corpusDir)
	}
	return files
}

func TestGolden(t *testing.T) {
	for _, f := range corpusFiles(t) {
		name := strings.TrimSuffix(filepath.Base(f), ".eml")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, err := ParseBytes(raw)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(toGolden(m)); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs from the golden file (go test -run TestGolden -update to accept):\n%s", path, got.Bytes())
			}
		})
	}
}
