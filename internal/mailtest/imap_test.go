package mailtest_test

import (
	"bytes"
	"crypto/tls"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/heinlein/regbot/internal/mailtest"
)

const testMail = "From: a@example.org\r\nTo: mail@heinlein-support.de\r\nSubject: Anmeldung\r\nMessage-ID: <1@example.org>\r\n\r\nHallo\r\n"

func dial(t *testing.T, srv *mailtest.IMAPServer, opts *imapclient.Options) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(srv.Addr, opts)
	if err != nil {
		t.Fatalf("DialInsecure(%s) = %v", srv.Addr, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func login(t *testing.T, srv *mailtest.IMAPServer, c *imapclient.Client) {
	t.Helper()
	if err := c.Login(srv.Username, srv.Password).Wait(); err != nil {
		t.Fatalf("Login() = %v", err)
	}
}

func TestIMAPAppendAndMessages(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	date := time.Date(2025, 3, 14, 9, 26, 53, 0, time.FixedZone("", 3600))
	uid1 := srv.Append(t, "INBOX", []byte(testMail), []imap.Flag{imap.FlagSeen, "$Custom"}, date)
	uid2 := srv.Append(t, "INBOX", []byte(testMail), nil, time.Time{})
	if uid1 != 1 || uid2 != 2 {
		t.Errorf("Append() UIDs = %d, %d, want 1, 2", uid1, uid2)
	}

	msgs := srv.Messages(t, "INBOX")
	if len(msgs) != 2 {
		t.Fatalf("Messages() = %d messages, want 2", len(msgs))
	}
	m := msgs[0]
	if m.UID != uid1 || !bytes.Equal(m.Raw, []byte(testMail)) {
		t.Errorf("Messages()[0] = uid %d raw %q, want uid %d raw %q", m.UID, m.Raw, uid1, testMail)
	}
	if !m.InternalDate.Equal(date) {
		t.Errorf("InternalDate = %v, want %v", m.InternalDate, date)
	}
	if !m.HasFlag(imap.FlagSeen) || !m.HasFlag("$custom") || m.HasFlag(imap.FlagFlagged) {
		t.Errorf("Flags = %v, want \\Seen and $custom only", m.Flags)
	}
	for _, f := range m.Flags {
		if f == "\\seen" {
			t.Errorf("Flags = %v: system flags should be canonical (\\Seen)", m.Flags)
		}
	}
	if msgs[1].HasFlag(imap.FlagSeen) {
		t.Errorf("Messages() set \\Seen: %v", msgs[1].Flags)
	}
	if got := srv.Messages(t, "Done"); len(got) != 0 {
		t.Errorf("Messages(Done) = %v, want none", got)
	}
}

func TestIMAPLogin(t *testing.T) {
	srv := mailtest.StartIMAP(t, mailtest.WithIMAPUser("bot@example.org", "s3cret"))
	c := dial(t, srv, nil)
	err := c.Login("bot@example.org", "wrong").Wait()
	var imapErr *imap.Error
	if !errors.As(err, &imapErr) || imapErr.Code != imap.ResponseCodeAuthenticationFailed {
		t.Errorf("Login(wrong password) = %v, want NO [AUTHENTICATIONFAILED]", err)
	}
	login(t, srv, c)
	if srv.Logins() != 1 {
		t.Errorf("Logins() = %d, want 1", srv.Logins())
	}
	for _, name := range mailtest.Mailboxes {
		if _, err := c.Select(name, nil).Wait(); err != nil {
			t.Errorf("Select(%s) = %v", name, err)
		}
	}
}

func TestIMAPCapabilities(t *testing.T) {
	tests := []struct {
		name              string
		opts              []mailtest.IMAPOption
		idle, move, uidpl bool
	}{
		{"default", nil, true, true, true},
		{"WithoutIDLE", []mailtest.IMAPOption{mailtest.WithoutIDLE()}, false, true, true},
		{"WithoutIDLE+TLS", []mailtest.IMAPOption{mailtest.WithoutIDLE(), mailtest.WithIMAPTLS()}, false, true, true},
		{"WithoutMove", []mailtest.IMAPOption{mailtest.WithoutMove()}, true, false, true},
		{"WithoutUIDPLUS", []mailtest.IMAPOption{mailtest.WithoutUIDPLUS()}, true, false, false},
		{"WithoutIDLE+WithoutMove", []mailtest.IMAPOption{mailtest.WithoutIDLE(), mailtest.WithoutMove()}, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := mailtest.StartIMAP(t, tt.opts...)
			var c *imapclient.Client
			var err error
			if tls := srv.ClientTLSConfig(); tls != nil {
				c, err = imapclient.DialTLS(srv.Addr, &imapclient.Options{TLSConfig: tls})
			} else {
				c, err = imapclient.DialInsecure(srv.Addr, nil)
			}
			if err != nil {
				t.Fatalf("dial: %v", err)
			}
			defer c.Close()
			login(t, srv, c)
			caps, err := c.Capability().Wait()
			if err != nil {
				t.Fatalf("Capability() = %v", err)
			}
			if got := caps.Has(imap.CapIdle); got != tt.idle {
				t.Errorf("Has(IDLE) = %v, want %v (caps %v)", got, tt.idle, caps)
			}
			if got := caps.Has(imap.CapMove); got != tt.move {
				t.Errorf("Has(MOVE) = %v, want %v (caps %v)", got, tt.move, caps)
			}
			if got := caps.Has(imap.CapUIDPlus); got != tt.uidpl {
				t.Errorf("Has(UIDPLUS) = %v, want %v (caps %v)", got, tt.uidpl, caps)
			}
			// The client's own view (from the LOGIN response code) agrees.
			if got := c.Caps().Has(imap.CapIdle); got != tt.idle {
				t.Errorf("Caps().Has(IDLE) = %v, want %v", got, tt.idle)
			}
			// The session still works after the filtered responses.
			if _, err := c.Select("INBOX", nil).Wait(); err != nil {
				t.Errorf("Select() = %v", err)
			}
		})
	}
}

func TestIMAPWithoutIDLERefusesIdle(t *testing.T) {
	srv := mailtest.StartIMAP(t, mailtest.WithoutIDLE())
	c := dial(t, srv, nil)
	login(t, srv, c)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatalf("Select() = %v", err)
	}
	idle, err := c.Idle()
	if err == nil {
		if err := idle.Close(); err != nil {
			t.Fatalf("IdleCommand.Close() = %v", err)
		}
		err = idle.Wait()
	}
	if err == nil {
		t.Errorf("IDLE succeeded on a server without IDLE")
	}
	if n := srv.IdleCommands(); n != 0 {
		t.Errorf("IdleCommands() = %d, want 0", n)
	}
}

func TestIMAPIdleReportsAppend(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	exists := make(chan uint32, 8)
	c := dial(t, srv, &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				exists <- *d.NumMessages
			}
		},
	}})
	login(t, srv, c)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatalf("Select() = %v", err)
	}
	idle, err := c.Idle()
	if err != nil {
		t.Fatalf("Idle() = %v", err)
	}
	srv.WaitIdle(t, 1, 5*time.Second)
	srv.Append(t, "INBOX", []byte(testMail), nil, time.Time{})
	select {
	case n := <-exists:
		if n != 1 {
			t.Errorf("EXISTS %d, want 1", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no EXISTS during IDLE after Append")
	}
	if err := idle.Close(); err != nil {
		t.Fatalf("IdleCommand.Close() = %v", err)
	}
	if err := idle.Wait(); err != nil {
		t.Fatalf("IdleCommand.Wait() = %v", err)
	}
}

func TestIMAPCloseRestart(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	addr := srv.Addr
	c := dial(t, srv, nil)
	login(t, srv, c)

	srv.Close()
	select {
	case <-c.Closed():
	case <-time.After(5 * time.Second):
		t.Fatalf("client connection still open after Close")
	}
	if c2, err := imapclient.DialInsecure(srv.Addr, nil); err == nil {
		c2.Close()
		t.Fatalf("DialInsecure() succeeded while the server is closed")
	}
	srv.Close() // idempotent

	// Mail arrives while the server is down; assertions still work.
	srv.Append(t, "INBOX", []byte(testMail), nil, time.Time{})
	if got := len(srv.Messages(t, "INBOX")); got != 1 {
		t.Fatalf("Messages() while closed = %d, want 1", got)
	}

	srv.Restart(t)
	if srv.Addr != addr {
		t.Errorf("Addr after Restart = %s, want %s", srv.Addr, addr)
	}
	c = dial(t, srv, nil)
	login(t, srv, c)
	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatalf("Select() = %v", err)
	}
	if sel.NumMessages != 1 {
		t.Errorf("NumMessages after Restart = %d, want 1", sel.NumMessages)
	}
	if srv.Logins() != 2 {
		t.Errorf("Logins() = %d, want 2", srv.Logins())
	}
	srv.Restart(t) // restarting a running server works too
	c = dial(t, srv, nil)
	login(t, srv, c)
}

// TestIMAPCloseAtOnce closes the server before its Serve goroutine ran:
// the port must refuse connections, not accept them into the void.
func TestIMAPCloseAtOnce(t *testing.T) {
	for range 20 {
		srv := mailtest.StartIMAP(t)
		srv.Close()
		conn, err := net.DialTimeout("tcp", srv.Addr, time.Second)
		if err == nil {
			conn.Close()
			t.Fatalf("connected to %s after Close", srv.Addr)
		}
	}
}

func TestIMAPTLS(t *testing.T) {
	t.Run("implicit", func(t *testing.T) {
		srv := mailtest.StartIMAP(t, mailtest.WithIMAPTLS())
		c, err := imapclient.DialTLS(srv.Addr, &imapclient.Options{TLSConfig: srv.ClientTLSConfig()})
		if err != nil {
			t.Fatalf("DialTLS() = %v", err)
		}
		defer c.Close()
		login(t, srv, c)

		other := mailtest.StartIMAP(t, mailtest.WithIMAPTLS())
		_, err = imapclient.DialTLS(srv.Addr, &imapclient.Options{TLSConfig: other.ClientTLSConfig()})
		var verr *tls.CertificateVerificationError
		if !errors.As(err, &verr) {
			t.Errorf("DialTLS(other CA) = %v, want a certificate verification error", err)
		}
	})
	t.Run("STARTTLS", func(t *testing.T) {
		srv := mailtest.StartIMAP(t, mailtest.WithIMAPSTARTTLS())
		plain := dial(t, srv, nil)
		if err := plain.Login(srv.Username, srv.Password).Wait(); err == nil {
			t.Errorf("Login() without TLS succeeded, want a refusal")
		}
		c, err := imapclient.DialStartTLS(srv.Addr, &imapclient.Options{TLSConfig: srv.ClientTLSConfig()})
		if err != nil {
			t.Fatalf("DialStartTLS() = %v", err)
		}
		defer c.Close()
		login(t, srv, c)
	})
}
