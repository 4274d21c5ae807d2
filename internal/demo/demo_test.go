package demo

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/app"
)

// TestDemo runs `regbot demo` as a new user would and checks that it tells
// the whole story: every kind of mail handled, the replies in German, and
// nothing sent twice.
func TestDemo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out bytes.Buffer
	if err := Run(ctx, &out, app.Analyzer); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{
		"understood: register runder-tisch",
		"runder-tisch: waitlist",
		"moved up from the waiting list",
		"understood: info_request netzwerktag",
		"netzwerktag: on the info list",
		"understood: question runder-tisch",
		"understood: auto_reply",
		"address undeliverable: lea.vogt@spreeware.de",
		"understood: spam",
		"understood: delete_request",
		"a second run over the same mailbox sent 0 more",
		"Auto-Submitted: auto-replied",
		"Warteliste",
		"Ihre Teilnahme ist bestätigt",
		"[attached: einladung.ics]",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if strings.Count(s, "════════ reply ") < 8 {
		t.Errorf("too few replies shown:\n%s", s)
	}
	if strings.Contains(s, "set aside") {
		t.Errorf("a sample mail failed:\n%s", s)
	}
}
