package sender_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"slices"
	"strings"
	"testing"
	"time"

	mail "github.com/wneessen/go-mail"

	"github.com/heinlein/regbot/internal/mailtest"
	"github.com/heinlein/regbot/internal/sender"
)

const timeout = 10 * time.Second

// reply is a rendered reply as the daemon would hand it over: CRLF line
// endings, 8-bit UTF-8 text, and lines that need dot-stuffing on the wire.
var reply = []byte("From: Heinlein Support <mail@heinlein-support.de>\r\n" +
	"To: teilnehmer@example.org\r\n" +
	"Subject: Re: Anmeldung\r\n" +
	"Message-ID: <r1@heinlein-support.de>\r\n" +
	"Auto-Submitted: auto-replied\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"Content-Transfer-Encoding: 8bit\r\n" +
	"\r\n" +
	"Grüß Gott, Ihre Anmeldung ist eingegangen.\r\n" +
	".\r\n" +
	"..Punkte am Zeilenanfang\r\n" +
	"Mit freundlichen Grüßen\r\n")

func newClient(t *testing.T, sink *mailtest.SMTPSink, mod func(*sender.Options)) *sender.Client {
	t.Helper()
	o := sender.Options{Host: sink.Host, Port: sink.Port, Security: "none", HELO: "regbot.test", Timeout: 5 * time.Second}
	if mod != nil {
		mod(&o)
	}
	c, err := sender.New(o)
	if err != nil {
		t.Fatalf("New() = %v", err)
	}
	return c
}

func TestSendExactBytes(t *testing.T) {
	tests := []struct {
		name     string
		sinkOpts []mailtest.SMTPOption
		security string
		auth     bool
	}{
		{"cleartext", nil, "none", false},
		{"cleartext AUTH to localhost", []mailtest.SMTPOption{mailtest.WithSMTPAuth("regbot", "geheim")}, "none", true},
		{"STARTTLS and AUTH", []mailtest.SMTPOption{mailtest.WithSMTPSTARTTLS(), mailtest.WithSMTPAuth("regbot", "geheim")}, "starttls", true},
		{"implicit TLS and AUTH", []mailtest.SMTPOption{mailtest.WithSMTPTLS(), mailtest.WithSMTPAuth("regbot", "geheim")}, "tls", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink := mailtest.StartSMTP(t, tt.sinkOpts...)
			c := newClient(t, sink, func(o *sender.Options) {
				o.Security = tt.security
				o.TLSConfig = sink.ClientTLSConfig()
				if tt.auth {
					o.Username, o.Password = "regbot", "geheim"
				}
			})
			to := []string{"teilnehmer@example.org", "kopie@example.org"}
			if err := c.Send(t.Context(), "mail@heinlein-support.de", to, reply); err != nil {
				t.Fatalf("Send() = %v", err)
			}
			m := sink.WaitFor(t, 1, timeout)[0]
			if !bytes.Equal(m.Data, reply) {
				t.Errorf("sink got\n%q\nwant\n%q", m.Data, reply)
			}
			if m.From != "mail@heinlein-support.de" || !slices.Equal(m.To, to) {
				t.Errorf("envelope = %q → %q, want mail@heinlein-support.de → %q", m.From, m.To, to)
			}
			if wantTLS := tt.security != "none"; m.TLS != wantTLS {
				t.Errorf("TLS = %v, want %v", m.TLS, wantTLS)
			}
			if wantUser := map[bool]string{true: "regbot"}[tt.auth]; m.AuthUser != wantUser {
				t.Errorf("AuthUser = %q, want %q", m.AuthUser, wantUser)
			}
		})
	}
}

func TestSendFailures(t *testing.T) {
	tests := []struct {
		stage     mailtest.Stage
		code      int
		temporary bool
	}{
		{mailtest.StageMail, 421, true},
		{mailtest.StageMail, 451, true},
		{mailtest.StageMail, 550, false},
		{mailtest.StageRcpt, 450, true},
		{mailtest.StageRcpt, 452, true},
		{mailtest.StageRcpt, 550, false},
		{mailtest.StageRcpt, 553, false},
		{mailtest.StageData, 451, true},
		{mailtest.StageData, 452, true},
		{mailtest.StageData, 552, false},
		{mailtest.StageData, 554, false},
	}
	sink := mailtest.StartSMTP(t)
	c := newClient(t, sink, nil)
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v %d", tt.stage, tt.code), func(t *testing.T) {
			before := len(sink.Messages())
			sink.FailNextAt(tt.stage, 1, tt.code, "injected failure")
			err := c.Send(t.Context(), "mail@heinlein-support.de", []string{"a@example.org"}, reply)
			if err == nil {
				t.Fatalf("Send() succeeded, want a %d failure", tt.code)
			}
			t.Logf("Send() = %v", err)
			if got := sender.IsTemporary(err); got != tt.temporary {
				t.Errorf("IsTemporary(%v) = %v, want %v", err, got, tt.temporary)
			}
			if !strings.Contains(err.Error(), fmt.Sprint(tt.code)) || !strings.Contains(err.Error(), "injected failure") {
				t.Errorf("Send() = %q, want it to carry the server's reply", err)
			}
			if got := len(sink.Messages()); got != before {
				t.Errorf("sink has %d messages after a failure, want %d", got, before)
			}
			// The failure was for one attempt only.
			if err := c.Send(t.Context(), "mail@heinlein-support.de", []string{"a@example.org"}, reply); err != nil {
				t.Fatalf("Send() after the failure = %v", err)
			}
		})
	}
}

func TestSendServerDown(t *testing.T) {
	sink := mailtest.StartSMTP(t)
	c := newClient(t, sink, nil)
	sink.Stop()
	err := c.Send(t.Context(), "mail@heinlein-support.de", []string{"a@example.org"}, reply)
	if err == nil || !sender.IsTemporary(err) {
		t.Fatalf("Send() to a stopped server = %v, want a temporary error", err)
	}
	if !strings.Contains(err.Error(), "connect") {
		t.Errorf("Send() = %q, want it to say that connecting failed", err)
	}
	sink.Start(t)
	if err := c.Send(t.Context(), "mail@heinlein-support.de", []string{"a@example.org"}, reply); err != nil {
		t.Fatalf("Send() after Start = %v", err)
	}
	sink.WaitFor(t, 1, timeout)
}

func TestSendPermanentSetupErrors(t *testing.T) {
	sink := mailtest.StartSMTP(t, mailtest.WithSMTPSTARTTLS(), mailtest.WithSMTPAuth("regbot", "geheim"))
	other := mailtest.StartSMTP(t, mailtest.WithSMTPSTARTTLS())
	plain := mailtest.StartSMTP(t)
	tests := []struct {
		name    string
		sink    *mailtest.SMTPSink
		mod     func(*sender.Options)
		mention string
	}{
		{"wrong password", sink, func(o *sender.Options) {
			o.Security, o.TLSConfig = "starttls", sink.ClientTLSConfig()
			o.Username, o.Password = "regbot", "falsch"
		}, "535"},
		{"untrusted certificate", sink, func(o *sender.Options) {
			o.Security, o.TLSConfig = "starttls", other.ClientTLSConfig()
		}, "certificate"},
		{"system roots", sink, func(o *sender.Options) { o.Security = "starttls" }, "certificate"},
		{"no STARTTLS offered", plain, func(o *sender.Options) { o.Security = "starttls" }, "STARTTLS"},
		{"AUTH required", sink, func(o *sender.Options) {
			o.Security, o.TLSConfig = "starttls", sink.ClientTLSConfig()
		}, "authenticate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, tt.sink, tt.mod)
			err := c.Send(t.Context(), "mail@heinlein-support.de", []string{"a@example.org"}, reply)
			if err == nil {
				t.Fatalf("Send() succeeded, want an error")
			}
			t.Logf("Send() = %v", err)
			if sender.IsTemporary(err) {
				t.Errorf("IsTemporary(%v) = true, want false", err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("Send() = %q, want it to mention %q", err, tt.mention)
			}
			if strings.Contains(err.Error(), "falsch") {
				t.Errorf("Send() = %q shows the password", err)
			}
		})
	}
	if n := len(sink.Messages()) + len(plain.Messages()); n != 0 {
		t.Errorf("%d messages delivered, want none", n)
	}
}

func TestSendCancelled(t *testing.T) {
	sink := mailtest.StartSMTP(t)
	c := newClient(t, sink, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := c.Send(ctx, "mail@heinlein-support.de", []string{"a@example.org"}, reply)
	if !errors.Is(err, context.Canceled) || !sender.IsTemporary(err) {
		t.Errorf("Send(cancelled) = %v, want context.Canceled, temporary", err)
	}
}

func TestSendInvalidInput(t *testing.T) {
	sink := mailtest.StartSMTP(t)
	c := newClient(t, sink, nil)
	for _, tt := range []struct {
		from string
		to   []string
	}{
		{"mail@heinlein-support.de", nil},
		{"<mail@heinlein-support.de>", []string{"a@example.org"}},
		{"mail@heinlein-support.de", []string{"a@example.org\r\nRCPT TO:<b@example.org>"}},
	} {
		err := c.Send(t.Context(), tt.from, tt.to, reply)
		if err == nil || sender.IsTemporary(err) {
			t.Errorf("Send(%q, %q) = %v, want a permanent error", tt.from, tt.to, err)
		}
	}
	if n := len(sink.Messages()); n != 0 {
		t.Errorf("%d messages delivered, want none", n)
	}
}

func TestNew(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts sender.Options
		ok   bool
	}{
		{"defaults", sender.Options{Host: "smtp.example.org"}, true},
		{"starttls", sender.Options{Host: "smtp.example.org", Security: "STARTTLS"}, true},
		{"no host", sender.Options{Security: "tls"}, false},
		{"unknown security", sender.Options{Host: "smtp.example.org", Security: "ssl"}, false},
		{"bad port", sender.Options{Host: "smtp.example.org", Port: 70000}, false},
	} {
		_, err := sender.New(tt.opts)
		if (err == nil) != tt.ok {
			t.Errorf("%s: New() = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func TestIsTemporary(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"421 reply", fmt.Errorf("x: %w", &textproto.Error{Code: 421, Msg: "closing"}), true},
		{"452 reply", &textproto.Error{Code: 452, Msg: "full"}, true},
		{"550 reply", fmt.Errorf("x: %w", &textproto.Error{Code: 550, Msg: "no such user"}), false},
		{"go-mail SendError", &mail.SendError{Reason: mail.ErrSMTPRcptTo}, false},
		{"connection refused", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, true},
		{"EOF", fmt.Errorf("x: %w", io.EOF), true},
		{"deadline", context.DeadlineExceeded, true},
		{"other", errors.New("something odd"), false},
	}
	for _, tt := range tests {
		if got := sender.IsTemporary(tt.err); got != tt.want {
			t.Errorf("%s: IsTemporary(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

func TestSessionSendsABatchOverOneConnection(t *testing.T) {
	sink := mailtest.StartSMTP(t, mailtest.WithSMTPSTARTTLS(), mailtest.WithSMTPAuth("regbot", "geheim"))
	c := newClient(t, sink, func(o *sender.Options) {
		o.Security, o.TLSConfig = "starttls", sink.ClientTLSConfig()
		o.Username, o.Password = "regbot", "geheim"
	})
	s := c.Session()
	for i := range 3 {
		if err := s.Send(t.Context(), "mail@heinlein-support.de", []string{fmt.Sprintf("t%d@example.org", i)}, reply); err != nil {
			t.Fatalf("Session.Send #%d = %v", i, err)
		}
	}
	s.Close()
	if err := c.Send(t.Context(), "mail@heinlein-support.de", []string{"einzeln@example.org"}, reply); err != nil {
		t.Fatalf("Client.Send = %v", err)
	}
	msgs := sink.WaitFor(t, 4, timeout)
	for i, m := range msgs[:3] {
		if m.Conn != msgs[0].Conn {
			t.Errorf("message %d came over connection %d, want %d like the first of the batch", i, m.Conn, msgs[0].Conn)
		}
		if !bytes.Equal(m.Data, reply) || !m.TLS || m.AuthUser != "regbot" {
			t.Errorf("message %d: TLS %v, user %q, data equal %v", i, m.TLS, m.AuthUser, bytes.Equal(m.Data, reply))
		}
	}
	if msgs[3].Conn == msgs[0].Conn {
		t.Errorf("Client.Send after Close reused connection %d", msgs[3].Conn)
	}
}

// A session keeps its connection for as long as it is young and in use,
// however many messages go over it (every new connection costs a TLS
// handshake and a login); an idle or old one is replaced before the next
// message.
func TestSessionConnectionLifetime(t *testing.T) {
	start := time.Date(2024, 4, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		// steps are the clock's advances before each message.
		steps []time.Duration
		// newConn marks the messages that must come over a new connection.
		newConn []bool
	}{
		{"many messages, one connection", slices.Repeat([]time.Duration{10 * time.Millisecond}, 250), append([]bool{true}, make([]bool, 249)...)},
		{"idle for longer than 20s", []time.Duration{0, 5 * time.Second, 21 * time.Second, time.Second}, []bool{true, false, true, false}},
		{"in use, but older than 5 minutes", slices.Repeat([]time.Duration{19 * time.Second}, 18), []bool{true, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := start
			sink := mailtest.StartSMTP(t)
			s := newClient(t, sink, func(o *sender.Options) { o.Now = func() time.Time { return now } }).Session()
			defer s.Close()
			for i, step := range tt.steps {
				now = now.Add(step)
				if err := s.Send(t.Context(), "mail@heinlein-support.de", []string{fmt.Sprintf("t%d@example.org", i)}, reply); err != nil {
					t.Fatalf("Send #%d = %v", i, err)
				}
			}
			msgs := sink.WaitFor(t, len(tt.steps), timeout)
			for i, m := range msgs {
				if got := i == 0 || m.Conn != msgs[i-1].Conn; got != tt.newConn[i] {
					t.Errorf("message %d over a new connection = %v, want %v", i, got, tt.newConn[i])
				}
			}
		})
	}
}

func TestSessionRecovers(t *testing.T) {
	t.Run("server restarted between two messages", func(t *testing.T) {
		sink := mailtest.StartSMTP(t)
		s := newClient(t, sink, nil).Session()
		defer s.Close()
		if err := s.Send(t.Context(), "mail@heinlein-support.de", []string{"a@example.org"}, reply); err != nil {
			t.Fatalf("first Send = %v", err)
		}
		sink.Stop()
		sink.Start(t)
		if err := s.Send(t.Context(), "mail@heinlein-support.de", []string{"b@example.org"}, reply); err != nil {
			t.Fatalf("Send after the server's restart = %v, want a transparent reconnect", err)
		}
		msgs := sink.WaitFor(t, 2, timeout)
		if msgs[0].Conn == msgs[1].Conn {
			t.Errorf("both messages over connection %d, want a new one after the restart", msgs[0].Conn)
		}
	})
	t.Run("server limits messages per connection", func(t *testing.T) {
		sink := mailtest.StartSMTP(t)
		s := newClient(t, sink, nil).Session()
		defer s.Close()
		if err := s.Send(t.Context(), "mail@heinlein-support.de", []string{"a@example.org"}, reply); err != nil {
			t.Fatalf("first Send = %v", err)
		}
		sink.FailNextAt(mailtest.StageMail, 1, 421, "4.7.0 too many messages in this connection")
		if err := s.Send(t.Context(), "mail@heinlein-support.de", []string{"b@example.org"}, reply); err != nil {
			t.Fatalf("Send after the server's limit = %v, want it sent over a new connection", err)
		}
		msgs := sink.WaitFor(t, 2, timeout)
		if msgs[0].Conn == msgs[1].Conn || !slices.Equal(msgs[1].To, []string{"b@example.org"}) {
			t.Errorf("second message to %v over connection %d, first over %d; want it over a new one", msgs[1].To, msgs[1].Conn, msgs[0].Conn)
		}
	})
	t.Run("refused recipient, then the next message", func(t *testing.T) {
		sink := mailtest.StartSMTP(t)
		s := newClient(t, sink, nil).Session()
		defer s.Close()
		sink.FailNextAt(mailtest.StageRcpt, 1, 550, "no such user")
		err := s.Send(t.Context(), "mail@heinlein-support.de", []string{"weg@example.org"}, reply)
		if err == nil || !sender.Refused(err) {
			t.Fatalf("Send to a refused recipient = %v, want a refusal", err)
		}
		if err := s.Send(t.Context(), "mail@heinlein-support.de", []string{"da@example.org"}, reply); err != nil {
			t.Fatalf("Send after a refusal = %v", err)
		}
		msgs := sink.WaitFor(t, 1, timeout)
		if len(msgs) != 1 || !slices.Equal(msgs[0].To, []string{"da@example.org"}) {
			t.Errorf("sink holds %d messages, first to %v; want only the one to da@example.org", len(msgs), msgs[0].To)
		}
	})
	t.Run("server down stays an error", func(t *testing.T) {
		sink := mailtest.StartSMTP(t)
		s := newClient(t, sink, nil).Session()
		defer s.Close()
		if err := s.Send(t.Context(), "mail@heinlein-support.de", []string{"a@example.org"}, reply); err != nil {
			t.Fatalf("first Send = %v", err)
		}
		sink.Stop()
		err := s.Send(t.Context(), "mail@heinlein-support.de", []string{"b@example.org"}, reply)
		if err == nil || !sender.IsTemporary(err) {
			t.Fatalf("Send with the server down = %v, want a temporary error", err)
		}
	})
}

// SendGated calls its gate once, after the data and before the end of
// data; a refusing gate abandons the message (the server keeps nothing)
// and the session goes on over a new connection.
func TestSendGated(t *testing.T) {
	sink := mailtest.StartSMTP(t)
	s := newClient(t, sink, nil).Session()
	defer s.Close()
	calls := 0
	pass := func() error { calls++; return nil }
	if err := s.SendGated(t.Context(), "mail@heinlein-support.de", []string{"a@example.org"}, reply, pass); err != nil {
		t.Fatalf("SendGated with an open gate = %v", err)
	}
	if calls != 1 {
		t.Errorf("gate called %d times, want 1", calls)
	}
	refuse := errors.New("the previous reply is not recorded")
	err := s.SendGated(t.Context(), "mail@heinlein-support.de", []string{"b@example.org"}, reply, func() error { return refuse })
	var gateErr *sender.GateError
	if !errors.As(err, &gateErr) || !errors.Is(err, refuse) || sender.IsTemporary(err) || sender.Refused(err) {
		t.Fatalf("SendGated with a closed gate = %v, want a GateError wrapping the gate's error, neither temporary nor refused", err)
	}
	if err := s.Send(t.Context(), "mail@heinlein-support.de", []string{"c@example.org"}, reply); err != nil {
		t.Fatalf("Send after an abandoned message = %v", err)
	}
	sink.WaitFor(t, 2, timeout)
	time.Sleep(100 * time.Millisecond) // an abandoned message would have arrived by now
	msgs := sink.Messages()
	var to []string
	for _, m := range msgs {
		to = append(to, m.To...)
	}
	if !slices.Equal(to, []string{"a@example.org", "c@example.org"}) {
		t.Errorf("the server got messages to %v, want a@ and c@ only", to)
	}
	if msgs[0].Conn == msgs[1].Conn {
		t.Errorf("the message after the abandoned one came over the same connection %d", msgs[0].Conn)
	}
}
