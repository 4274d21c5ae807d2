package mailtest_test

import (
	"bytes"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/heinlein/regbot/internal/mailtest"
)

// send delivers raw over c and returns the first error.
func send(c *smtp.Client, from string, to []string, raw []byte) error {
	if err := c.Mail(from, nil); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt, nil); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		return err
	}
	return w.Close()
}

func dialSMTP(t *testing.T, sink *mailtest.SMTPSink) *smtp.Client {
	t.Helper()
	c, err := smtp.Dial(sink.Addr)
	if err != nil {
		t.Fatalf("smtp.Dial() = %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestSMTPRecordsExactBytes(t *testing.T) {
	sink := mailtest.StartSMTP(t)
	raw := []byte("From: regbot@example.org\r\nSubject: Re: Anmeldung\r\n\r\n.Punkt am Zeilenanfang\r\n..zwei\r\nEnde\r\n")
	c := dialSMTP(t, sink)
	if err := send(c, "regbot@example.org", []string{"a@example.org", "b@example.org"}, raw); err != nil {
		t.Fatalf("send = %v", err)
	}
	msgs := sink.WaitFor(t, 1, 5*time.Second)
	m := msgs[0]
	if m.From != "regbot@example.org" || strings.Join(m.To, ",") != "a@example.org,b@example.org" {
		t.Errorf("envelope = %q → %q", m.From, m.To)
	}
	if !bytes.Equal(m.Data, raw) {
		t.Errorf("Data = %q, want %q", m.Data, raw)
	}
	if m.TLS || m.AuthUser != "" {
		t.Errorf("TLS, AuthUser = %v, %q, want false, \"\"", m.TLS, m.AuthUser)
	}
}

// WithSMTPOnTake sees each message when the sink takes it: before the
// client has its 250 and before Messages lists it.
func TestSMTPOnTake(t *testing.T) {
	var (
		sink   *mailtest.SMTPSink
		seen   []mailtest.SMTPMessage
		before []int // len(Messages()) at each call
	)
	sink = mailtest.StartSMTP(t, mailtest.WithSMTPOnTake(func(m mailtest.SMTPMessage) {
		seen = append(seen, m)
		before = append(before, len(sink.Messages()))
	}))
	raw := []byte("Subject: x\r\n\r\nHallo\r\n")
	c := dialSMTP(t, sink)
	for _, to := range []string{"a@example.org", "b@example.org"} {
		if err := send(c, "regbot@example.org", []string{to}, raw); err != nil {
			t.Fatalf("send = %v", err)
		}
	}
	sink.WaitFor(t, 2, 5*time.Second)
	if len(seen) != 2 || seen[0].To[0] != "a@example.org" || seen[1].To[0] != "b@example.org" || !bytes.Equal(seen[1].Data, raw) {
		t.Fatalf("hook saw %+v, want the two messages in order", seen)
	}
	if before[0] != 0 || before[1] != 1 {
		t.Errorf("Messages() at the hook's calls = %v, want [0 1]: the hook runs before the message is recorded", before)
	}
}

func TestSMTPFailNext(t *testing.T) {
	tests := []struct {
		stage mailtest.Stage
		code  int
	}{
		{mailtest.StageMail, 451},
		{mailtest.StageMail, 550},
		{mailtest.StageRcpt, 452},
		{mailtest.StageRcpt, 550},
		{mailtest.StageData, 451},
		{mailtest.StageData, 554},
	}
	for _, tt := range tests {
		t.Run(tt.stage.String()+"/"+string(rune('0'+tt.code/100)), func(t *testing.T) {
			sink := mailtest.StartSMTP(t)
			if tt.stage == mailtest.StageMail {
				sink.FailNext(2, tt.code, "injected")
			} else {
				sink.FailNextAt(tt.stage, 2, tt.code, "injected")
			}
			c := dialSMTP(t, sink)
			for i := range 2 {
				err := send(c, "regbot@example.org", []string{"a@example.org"}, []byte("Subject: x\r\n\r\nx\r\n"))
				var smtpErr *smtp.SMTPError
				if !errors.As(err, &smtpErr) || smtpErr.Code != tt.code || !strings.Contains(smtpErr.Message, "injected") {
					t.Fatalf("attempt %d: send = %v, want code %d", i, err, tt.code)
				}
				if err := c.Reset(); err != nil {
					t.Fatalf("Reset() = %v", err)
				}
			}
			if err := send(c, "regbot@example.org", []string{"a@example.org"}, []byte("Subject: x\r\n\r\nx\r\n")); err != nil {
				t.Fatalf("third attempt: send = %v, want success", err)
			}
			if got := len(sink.Messages()); got != 1 {
				t.Errorf("Messages() = %d, want 1 (refused ones are not recorded)", got)
			}
		})
	}
}

func TestSMTPStopStart(t *testing.T) {
	sink := mailtest.StartSMTP(t)
	addr := sink.Addr
	c := dialSMTP(t, sink)
	if err := send(c, "r@example.org", []string{"a@example.org"}, []byte("Subject: 1\r\n\r\n1\r\n")); err != nil {
		t.Fatalf("send = %v", err)
	}
	sink.Stop()
	sink.Stop() // idempotent
	if err := c.Noop(); err == nil {
		t.Errorf("Noop() on a connection to a stopped sink succeeded")
	}
	if c2, err := smtp.Dial(sink.Addr); err == nil {
		c2.Close()
		t.Fatalf("smtp.Dial() succeeded while the sink is stopped")
	}
	sink.Start(t)
	sink.Start(t) // no-op while running
	if sink.Addr != addr {
		t.Errorf("Addr after Start = %s, want %s", sink.Addr, addr)
	}
	c = dialSMTP(t, sink)
	if err := send(c, "r@example.org", []string{"a@example.org"}, []byte("Subject: 2\r\n\r\n2\r\n")); err != nil {
		t.Fatalf("send after Start = %v", err)
	}
	if got := len(sink.WaitFor(t, 2, 5*time.Second)); got != 2 {
		t.Errorf("Messages() = %d, want 2", got)
	}
}

// TestSMTPStopAtOnce stops the sink before its Serve goroutine ran: the
// port must refuse connections.
func TestSMTPStopAtOnce(t *testing.T) {
	for range 20 {
		sink := mailtest.StartSMTP(t)
		sink.Stop()
		conn, err := net.DialTimeout("tcp", sink.Addr, time.Second)
		if err == nil {
			conn.Close()
			t.Fatalf("connected to %s after Stop", sink.Addr)
		}
	}
}

func TestSMTPAuthSTARTTLS(t *testing.T) {
	sink := mailtest.StartSMTP(t, mailtest.WithSMTPSTARTTLS(), mailtest.WithSMTPAuth("regbot", "pw"))

	c := dialSMTP(t, sink)
	if ok, _ := c.Extension("AUTH"); ok {
		t.Errorf("AUTH offered before STARTTLS")
	}
	err := send(c, "r@example.org", []string{"a@example.org"}, []byte("x\r\n"))
	var smtpErr *smtp.SMTPError
	if !errors.As(err, &smtpErr) || smtpErr.Code/100 != 5 {
		t.Errorf("MAIL without AUTH = %v, want a 5xx refusal", err)
	}

	for _, tt := range []struct {
		password string
		ok       bool
	}{{"wrong", false}, {"pw", true}} {
		c, err := smtp.DialStartTLS(sink.Addr, sink.ClientTLSConfig())
		if err != nil {
			t.Fatalf("DialStartTLS() = %v", err)
		}
		err = c.Auth(sasl.NewPlainClient("", "regbot", tt.password))
		if (err == nil) != tt.ok {
			t.Fatalf("Auth(password %q) = %v, want ok=%v", tt.password, err, tt.ok)
		}
		if tt.ok {
			if err := send(c, "r@example.org", []string{"a@example.org"}, []byte("Subject: x\r\n\r\nx\r\n")); err != nil {
				t.Fatalf("send = %v", err)
			}
		}
		c.Close()
	}
	m := sink.WaitFor(t, 1, 5*time.Second)[0]
	if !m.TLS || m.AuthUser != "regbot" {
		t.Errorf("TLS, AuthUser = %v, %q, want true, regbot", m.TLS, m.AuthUser)
	}

	// With the system roots the handshake (lazy in go-smtp) must fail.
	c2, err := smtp.DialStartTLS(sink.Addr, nil)
	if err == nil {
		err = c2.Noop()
		c2.Close()
	}
	if err == nil {
		t.Errorf("STARTTLS with system roots succeeded against the test certificate")
	}
}

func TestSMTPImplicitTLS(t *testing.T) {
	sink := mailtest.StartSMTP(t, mailtest.WithSMTPTLS())
	c, err := smtp.DialTLS(sink.Addr, sink.ClientTLSConfig())
	if err != nil {
		t.Fatalf("DialTLS() = %v", err)
	}
	defer c.Close()
	if err := send(c, "r@example.org", []string{"a@example.org"}, []byte("Subject: x\r\n\r\nx\r\n")); err != nil {
		t.Fatalf("send = %v", err)
	}
	if m := sink.WaitFor(t, 1, 5*time.Second)[0]; !m.TLS {
		t.Errorf("TLS = false over implicit TLS")
	}
}
