package sender

import (
	"context"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/mailtest"
)

// TestRefusedTellsMessageFromSetup checks the line the outbox draws: a
// recipient refused for good gives the reply up, anything about our own
// setup is retried.
func TestRefusedTellsMessageFromSetup(t *testing.T) {
	sink := mailtest.StartSMTP(t)
	c, err := New(Options{Host: sink.Host, Port: sink.Port, Security: "none", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	raw := []byte("From: mail@heinlein-support.de\r\nTo: a@example.org\r\nSubject: x\r\n\r\nx\r\n")
	tests := []struct {
		stage     mailtest.Stage
		code      int
		refused   bool
		temporary bool
	}{
		{mailtest.StageRcpt, 550, true, false},
		{mailtest.StageData, 554, true, false},
		{mailtest.StageMail, 550, false, false},
		{mailtest.StageRcpt, 451, false, true},
	}
	for _, tt := range tests {
		sink.FailNextAt(tt.stage, 1, tt.code, "test")
		err := c.Send(context.Background(), "mail@heinlein-support.de", []string{"a@example.org"}, raw)
		if err == nil {
			t.Fatalf("%v %d: no error", tt.stage, tt.code)
		}
		if got := Refused(err); got != tt.refused {
			t.Errorf("%v %d: Refused = %v, want %v (%v)", tt.stage, tt.code, got, tt.refused, err)
		}
		if got := IsTemporary(err); got != tt.temporary {
			t.Errorf("%v %d: IsTemporary = %v, want %v", tt.stage, tt.code, got, tt.temporary)
		}
	}
}
