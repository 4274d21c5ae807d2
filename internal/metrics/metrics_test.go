package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestMetricsAndHealth(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	m := New(func() time.Time { return now }, func() float64 { return 3 })
	srv := httptest.NewServer(m.Handler(3 * time.Minute))
	defer srv.Close()
	get := func(path string) (int, string) {
		t.Helper()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, _ := get("/healthz"); code != http.StatusServiceUnavailable {
		t.Errorf("healthz before the first poll: %d, want 503", code)
	}
	m.Polled(now.Add(-time.Minute))
	if code, body := get("/healthz"); code != http.StatusOK || !strings.HasPrefix(body, "ok") {
		t.Errorf("healthz after a poll: %d %q", code, body)
	}
	m.Mail("register")
	m.Mail("register")
	m.Mail("spam")
	m.Reply(true)
	m.Reply(false)
	m.Copies(48, 2)
	m.Copies(1, 0)
	m.Reconnect()
	_, body := get("/metrics")
	for _, want := range []string{
		`regbot_mails_total{outcome="register"} 2`,
		`regbot_mails_total{outcome="spam"} 1`,
		`regbot_replies_total{result="sent"} 1`,
		`regbot_replies_total{result="failed"} 1`,
		`regbot_sent_copies_total{result="stored"} 49`,
		`regbot_sent_copies_total{result="lost"} 2`,
		`regbot_imap_reconnects_total 1`,
		`regbot_outbox_depth 3`,
		`regbot_imap_last_poll_timestamp_seconds`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	now = now.Add(10 * time.Minute)
	if code, body := get("/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "stale") {
		t.Errorf("healthz with an old poll: %d %q", code, body)
	}
	var nilM *Metrics
	nilM.Mail("x") // a daemon without metrics must not crash
}
