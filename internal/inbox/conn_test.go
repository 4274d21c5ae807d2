package inbox_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/heinlein/regbot/internal/inbox"
	"github.com/heinlein/regbot/internal/mailtest"
)

func TestPendingFetchMarkDone(t *testing.T) {
	tests := []struct {
		name       string
		srvOpts    []mailtest.IMAPOption
		doneFolder string
	}{
		{"keyword", nil, ""},
		{"DoneFolder", nil, "Done"},
		{"DoneFolder without MOVE", []mailtest.IMAPOption{mailtest.WithoutMove()}, "Done"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := mailtest.StartIMAP(t, tt.srvOpts...)
			dates := []time.Time{
				time.Date(2025, 3, 14, 9, 26, 53, 0, time.FixedZone("", 3600)),
				time.Date(2025, 3, 15, 18, 0, 1, 0, time.UTC),
				time.Date(2025, 3, 16, 7, 30, 0, 0, time.FixedZone("", -5*3600)),
			}
			for i, d := range dates {
				srv.Append(t, "INBOX", testMail(i+1), nil, d)
			}
			// Someone else's deleted mail, and mail already handled: neither
			// is pending, and neither may be touched.
			srv.Append(t, "INBOX", testMail(90), []imap.Flag{imap.FlagDeleted}, time.Time{})
			if tt.doneFolder == "" {
				srv.Append(t, "INBOX", testMail(91), []imap.Flag{inbox.DefaultDoneKeyword}, time.Time{})
			}
			total := countAll(t, srv)

			o := testOptions(t, srv)
			o.DoneFolder = tt.doneFolder
			c := dial(t, o)

			mails, err := c.Pending(t.Context())
			if err != nil {
				t.Fatalf("Pending() = %v", err)
			}
			if len(mails) != 3 {
				t.Fatalf("Pending() = %d mails, want 3: %+v", len(mails), mails)
			}
			for i, m := range mails {
				if m.UID != uint32(i+1) {
					t.Errorf("Pending()[%d].UID = %d, want %d (UID order)", i, m.UID, i+1)
				}
				if m.UIDValidity == 0 || m.UIDValidity != c.UIDValidity() {
					t.Errorf("Pending()[%d].UIDValidity = %d, want %d", i, m.UIDValidity, c.UIDValidity())
				}
				if !m.InternalDate.Equal(dates[i]) {
					t.Errorf("Pending()[%d].InternalDate = %v, want %v", i, m.InternalDate, dates[i])
				}
				if m.Size != int64(len(testMail(i+1))) {
					t.Errorf("Pending()[%d].Size = %d, want %d", i, m.Size, len(testMail(i+1)))
				}
				if raw := fetchAll(t, c, m.UID); !bytes.Equal(raw, testMail(i+1)) {
					t.Errorf("Fetch(%d) = %q, want %q", m.UID, raw, testMail(i+1))
				}
			}
			// Fetch uses BODY.PEEK: nothing became \Seen.
			for _, m := range srv.Messages(t, "INBOX") {
				if m.HasFlag(imap.FlagSeen) {
					t.Errorf("uid %d is \\Seen after Fetch", m.UID)
				}
			}

			if err := c.MarkDone(t.Context(), 2); err != nil {
				t.Fatalf("MarkDone(2) = %v", err)
			}
			if got := pendingUIDs(t, c); !slices.Equal(got, []uint32{1, 3}) {
				t.Errorf("Pending() after MarkDone(2) = %v, want [1 3]", got)
			}
			folder := "INBOX"
			if tt.doneFolder != "" {
				folder = tt.doneFolder
				if _, ok := findMessage(t, srv, "INBOX", "<2@example.org>"); ok {
					t.Errorf("mail 2 still in INBOX after MarkDone with DoneFolder")
				}
			}
			m, ok := findMessage(t, srv, folder, "<2@example.org>")
			if !ok {
				t.Fatalf("mail 2 not in %s after MarkDone", folder)
			}
			if !m.HasFlag(imap.FlagSeen) || !m.HasFlag(inbox.DefaultDoneKeyword) {
				t.Errorf("mail 2 flags = %v, want \\Seen and %s", m.Flags, inbox.DefaultDoneKeyword)
			}
			if !m.InternalDate.Equal(dates[1]) {
				t.Errorf("mail 2 INTERNALDATE after MarkDone = %v, want %v", m.InternalDate, dates[1])
			}
			if !bytes.Equal(m.Raw, testMail(2)) {
				t.Errorf("mail 2 changed by MarkDone: %q", m.Raw)
			}
			if got := countAll(t, srv); got != total {
				t.Errorf("messages in all folders = %d after MarkDone, want %d (nothing deleted)", got, total)
			}
			if _, ok := findMessage(t, srv, "INBOX", "<90@example.org>"); !ok {
				t.Errorf("someone else's \\Deleted mail was expunged")
			}

			// The connection stays in Folder and usable.
			if err := c.MarkDone(t.Context(), 1); err != nil {
				t.Fatalf("MarkDone(1) = %v", err)
			}
			if got := pendingUIDs(t, c); !slices.Equal(got, []uint32{3}) {
				t.Errorf("Pending() = %v, want [3]", got)
			}
		})
	}
}

// TestMoveWithoutUIDPlus: without MOVE and UIDPLUS there is no UID EXPUNGE,
// and a plain EXPUNGE would remove every \Deleted mail in the folder. So
// the handled mail is copied, flagged \Deleted and left; it is no longer
// pending, and nothing is expunged.
func TestMoveWithoutUIDPlus(t *testing.T) {
	srv := mailtest.StartIMAP(t, mailtest.WithoutUIDPLUS())
	srv.Append(t, "INBOX", testMail(1), nil, time.Time{})
	srv.Append(t, "INBOX", testMail(2), nil, time.Time{})
	srv.Append(t, "INBOX", testMail(90), []imap.Flag{imap.FlagDeleted}, time.Time{})
	o := testOptions(t, srv)
	o.DoneFolder = "Done"
	c := dial(t, o)
	if err := c.MarkDone(t.Context(), 1); err != nil {
		t.Fatalf("MarkDone(1) = %v", err)
	}
	if got := pendingUIDs(t, c); !slices.Equal(got, []uint32{2}) {
		t.Errorf("Pending() = %v, want [2]", got)
	}
	if got := len(srv.Messages(t, "INBOX")); got != 3 {
		t.Errorf("INBOX holds %d messages, want 3 (nothing expunged)", got)
	}
	if m, ok := findMessage(t, srv, "INBOX", "<1@example.org>"); !ok || !m.HasFlag(imap.FlagDeleted) {
		t.Errorf("mail 1 in INBOX: %v %v, want it left with \\Deleted", ok, m.Flags)
	}
	if m, ok := findMessage(t, srv, "Done", "<1@example.org>"); !ok || m.HasFlag(imap.FlagDeleted) || !m.HasFlag(imap.FlagSeen) {
		t.Errorf("mail 1 in Done: %v %v, want a \\Seen copy", ok, m.Flags)
	}
}

func TestMissingMail(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	srv.Append(t, "INBOX", testMail(1), nil, time.Time{})
	c := dial(t, testOptions(t, srv))
	calls := 0
	err := c.Fetch(t.Context(), 42, func(io.Reader) error { calls++; return nil })
	if !errors.Is(err, inbox.ErrNotFound) || inbox.IsTemporary(err) {
		t.Errorf("Fetch(42) = %v, want ErrNotFound, permanent", err)
	}
	if calls != 0 {
		t.Errorf("Fetch(42) called fn %d times", calls)
	}
	if err := c.MarkDone(t.Context(), 42); !errors.Is(err, inbox.ErrNotFound) {
		t.Errorf("MarkDone(42) = %v, want ErrNotFound", err)
	}
	if err := c.MarkReview(t.Context(), 42); !errors.Is(err, inbox.ErrNotFound) {
		t.Errorf("MarkReview(42) = %v, want ErrNotFound", err)
	}
	// The connection is still fine.
	if got := pendingUIDs(t, c); !slices.Equal(got, []uint32{1}) {
		t.Errorf("Pending() = %v, want [1]", got)
	}
}

func TestFetchHandlerError(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	srv.Append(t, "INBOX", testMail(1), nil, time.Time{})
	srv.Append(t, "INBOX", testMail(2), nil, time.Time{})
	c := dial(t, testOptions(t, srv))
	boom := errors.New("cannot parse")
	err := c.Fetch(t.Context(), 1, func(r io.Reader) error {
		buf := make([]byte, 10) // read a little, leave the rest unread
		_, _ = r.Read(buf)
		return boom
	})
	if !errors.Is(err, boom) || inbox.IsTemporary(err) {
		t.Errorf("Fetch() = %v, want the handler's error, permanent", err)
	}
	// The unread rest was skipped; the protocol is in sync.
	if raw := fetchAll(t, c, 2); !bytes.Equal(raw, testMail(2)) {
		t.Errorf("Fetch(2) after a failed Fetch = %q", raw)
	}
}

func TestMarkReview(t *testing.T) {
	tests := []struct {
		name                     string
		srvOpts                  []mailtest.IMAPOption
		doneFolder, reviewFolder string
		reviewFirst              bool
		wantFolder               string
		wantSeen, wantKeyword    bool
	}{
		{"keyword, done then review", nil, "", "", false, "INBOX", true, true},
		{"keyword, review then done", nil, "", "", true, "INBOX", true, true},
		{"review only", nil, "", "", true, "INBOX", false, false},
		{"DoneFolder, done then review", nil, "Done", "", false, "Done", true, true},
		{"DoneFolder, review then done", nil, "Done", "", true, "Done", true, true},
		{"both folders, done then review", nil, "Done", "Review", false, "Review", true, true},
		{"both folders, review then done", nil, "Done", "Review", true, "Review", false, false},
		{"both folders without MOVE, done then review", []mailtest.IMAPOption{mailtest.WithoutMove()}, "Done", "Review", false, "Review", true, true},
		{"ReviewFolder, done then review", nil, "", "Review", false, "Review", true, true},
		{"ReviewFolder, review then done", nil, "", "Review", true, "Review", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := mailtest.StartIMAP(t, tt.srvOpts...)
			srv.Append(t, "INBOX", testMail(1), nil, time.Time{})
			srv.Append(t, "INBOX", testMail(2), nil, time.Time{})
			o := testOptions(t, srv)
			o.DoneFolder, o.ReviewFolder = tt.doneFolder, tt.reviewFolder
			c := dial(t, o)

			ops := []func() error{
				func() error { return c.MarkDone(t.Context(), 1) },
				func() error { return c.MarkReview(t.Context(), 1) },
			}
			if tt.reviewFirst {
				slices.Reverse(ops)
			}
			if tt.name == "review only" {
				ops = ops[:1]
			}
			for i, op := range ops {
				if err := op(); err != nil {
					t.Fatalf("operation %d = %v", i, err)
				}
			}

			m, ok := findMessage(t, srv, tt.wantFolder, "<1@example.org>")
			if !ok {
				t.Fatalf("mail 1 not in %s", tt.wantFolder)
			}
			if !m.HasFlag(imap.FlagFlagged) {
				t.Errorf("flags = %v, want \\Flagged", m.Flags)
			}
			if m.HasFlag(imap.FlagSeen) != tt.wantSeen || m.HasFlag(inbox.DefaultDoneKeyword) != tt.wantKeyword {
				t.Errorf("flags = %v, want \\Seen %v, keyword %v", m.Flags, tt.wantSeen, tt.wantKeyword)
			}
			if got := countAll(t, srv); got != 2 {
				t.Errorf("messages in all folders = %d, want 2", got)
			}
			// The Conn is back in Folder: mail 2 is still pending, mail 1
			// only when it was merely flagged.
			want := []uint32{2}
			if tt.name == "review only" {
				want = []uint32{1, 2}
			}
			if got := pendingUIDs(t, c); !slices.Equal(got, want) {
				t.Errorf("Pending() = %v, want %v", got, want)
			}
		})
	}
}

func TestDialErrors(t *testing.T) {
	plain := mailtest.StartIMAP(t)
	tlsSrv := mailtest.StartIMAP(t, mailtest.WithIMAPTLS())
	otherCA := mailtest.StartIMAP(t, mailtest.WithIMAPTLS())
	startTLS := mailtest.StartIMAP(t, mailtest.WithIMAPSTARTTLS())
	down := mailtest.StartIMAP(t)
	down.Close()

	tests := []struct {
		name      string
		opts      func() inbox.Options
		wantErr   error // nil: success
		temporary bool
		mention   string
	}{
		{"plain ok", func() inbox.Options { return testOptions(t, plain) }, nil, false, ""},
		{"wrong password", func() inbox.Options {
			o := testOptions(t, plain)
			o.Password = "wrong"
			return o
		}, inbox.ErrAuth, false, "check Username and Password"},
		{"no such folder", func() inbox.Options {
			o := testOptions(t, plain)
			o.Folder = "Anmeldungen"
			return o
		}, inbox.ErrNoFolder, false, "Anmeldungen"},
		{"no such done folder", func() inbox.Options {
			o := testOptions(t, plain)
			o.DoneFolder = "Erledigt"
			return o
		}, inbox.ErrNoFolder, false, "imap.done_folder"},
		{"TLS with the test CA", func() inbox.Options { return testOptions(t, tlsSrv) }, nil, false, ""},
		{"TLS with another CA", func() inbox.Options {
			o := testOptions(t, tlsSrv)
			o.TLSConfig = otherCA.ClientTLSConfig()
			return o
		}, inbox.ErrTLS, false, "certificate"},
		{"TLS with system roots", func() inbox.Options {
			o := testOptions(t, tlsSrv)
			o.TLSConfig = nil
			return o
		}, inbox.ErrTLS, false, "certificate"},
		{"TLS against a cleartext port", func() inbox.Options {
			o := testOptions(t, plain)
			o.Security = "tls"
			return o
		}, inbox.ErrTLS, false, "starttls"},
		{"STARTTLS", func() inbox.Options {
			o := testOptions(t, startTLS)
			o.Security, o.TLSConfig = "starttls", startTLS.ClientTLSConfig()
			return o
		}, nil, false, ""},
		{"STARTTLS with another CA", func() inbox.Options {
			o := testOptions(t, startTLS)
			o.Security, o.TLSConfig = "starttls", otherCA.ClientTLSConfig()
			return o
		}, inbox.ErrTLS, false, "certificate"},
		{"cleartext where the server wants TLS", func() inbox.Options {
			o := testOptions(t, startTLS)
			o.Security, o.TLSConfig = "none", nil
			return o
		}, inbox.ErrInvalidOptions, false, "LOGINDISABLED"},
		{"server down", func() inbox.Options { return testOptions(t, down) }, nil, true, "connect"},
		{"Addr without port", func() inbox.Options {
			o := testOptions(t, plain)
			o.Addr = "localhost"
			return o
		}, inbox.ErrInvalidOptions, false, "host:port"},
		{"unknown Security", func() inbox.Options {
			o := testOptions(t, plain)
			o.Security = "ssl"
			return o
		}, inbox.ErrInvalidOptions, false, "Security"},
		{"SentFolder is Folder", func() inbox.Options {
			o := testOptions(t, plain)
			o.SentFolder = "inbox"
			return o
		}, inbox.ErrInvalidOptions, false, "SentFolder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := inbox.Dial(t.Context(), tt.opts())
			if tt.wantErr == nil && !tt.temporary {
				if err != nil {
					t.Fatalf("Dial() = %v, want success", err)
				}
				if err := c.Close(); err != nil {
					t.Errorf("Close() = %v", err)
				}
				return
			}
			if err == nil {
				c.Close()
				t.Fatalf("Dial() succeeded, want an error")
			}
			t.Logf("Dial() = %v", err)
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("Dial() = %v, want %v", err, tt.wantErr)
			}
			if got := inbox.IsTemporary(err); got != tt.temporary {
				t.Errorf("IsTemporary(%v) = %v, want %v", err, got, tt.temporary)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("Dial() = %q, want it to mention %q", err, tt.mention)
			}
			if strings.Contains(err.Error(), plain.Password+"\"") && tt.name == "wrong password" {
				t.Errorf("error %q shows a password", err)
			}
		})
	}
}

func TestBrokenConnection(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	srv.Append(t, "INBOX", testMail(1), nil, time.Time{})
	c := dial(t, testOptions(t, srv))
	srv.Close()

	_, err := c.Pending(t.Context())
	if err == nil || !inbox.IsTemporary(err) {
		t.Fatalf("Pending() on a closed server = %v, want a temporary error", err)
	}
	// Every further call fails fast with a temporary error.
	for name, call := range map[string]func() error{
		"MarkDone": func() error { return c.MarkDone(t.Context(), 1) },
		"Fetch":    func() error { return c.Fetch(t.Context(), 1, func(io.Reader) error { return nil }) },
		"Wait":     func() error { return c.Wait(t.Context()) },
	} {
		if err := call(); !inbox.IsTemporary(err) {
			t.Errorf("%s() = %v, want a temporary error", name, err)
		}
	}
	if err := c.Close(); err != nil {
		t.Errorf("Close() = %v", err)
	}
}

// MarkDoneSoon pipelines its STOREs: interleaved with fetches, settled by
// Settle, Pending and Close, the flags all arrive, and a mark of a mail
// that is gone is no error (it needs no mark any more).
func TestMarkDoneSoon(t *testing.T) {
	for _, settle := range []string{"Settle", "Pending", "Close"} {
		t.Run(settle, func(t *testing.T) {
			srv := mailtest.StartIMAP(t)
			const n = 70 // more than one round of marks in flight
			for i := range n {
				srv.Append(t, "INBOX", testMail(i+1), nil, time.Time{})
			}
			c := dial(t, testOptions(t, srv))
			mails, err := c.Pending(t.Context())
			if err != nil || len(mails) != n {
				t.Fatalf("Pending() = %d mails, %v; want %d", len(mails), err, n)
			}
			for _, m := range mails {
				if raw := fetchAll(t, c, m.UID); messageID(raw) != fmt.Sprintf("<%d@example.org>", m.UID) {
					t.Fatalf("Fetch(%d) between marks = %q", m.UID, messageID(raw))
				}
				if err := c.MarkDoneSoon(t.Context(), m.UID); err != nil {
					t.Fatalf("MarkDoneSoon(%d) = %v", m.UID, err)
				}
			}
			if err := c.MarkDoneSoon(t.Context(), 999); err != nil {
				t.Errorf("MarkDoneSoon(999), a mail that is not there = %v, want nil", err)
			}
			switch settle {
			case "Settle":
				if err := c.Settle(t.Context()); err != nil {
					t.Fatalf("Settle() = %v", err)
				}
			case "Pending":
				if got := pendingUIDs(t, c); len(got) != 0 {
					t.Errorf("Pending() after marking all = %v, want none", got)
				}
			case "Close":
				if err := c.Close(); err != nil {
					t.Fatalf("Close() = %v", err)
				}
			}
			for _, m := range srv.Messages(t, "INBOX") {
				if !m.HasFlag(inbox.DefaultDoneKeyword) || !m.HasFlag(imap.FlagSeen) {
					t.Errorf("uid %d flags %v after %s, want \\Seen and %s", m.UID, m.Flags, settle, inbox.DefaultDoneKeyword)
				}
			}
		})
	}
}

// Fetch reads small mails ahead in groups; every mail still arrives
// exactly as stored, a big one in between is streamed, and a mail that
// someone expunged after Pending is reported missing, not served from an
// old read.
func TestFetchReadsAhead(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	const n = 40
	want := map[uint32][]byte{}
	for i := range n {
		raw := testMail(i + 1)
		if i == 10 {
			// Bigger than what is read ahead.
			raw = append(raw, bytes.Repeat([]byte("Anlage\r\n"), 40<<10)...)
		}
		uid := srv.Append(t, "INBOX", raw, nil, time.Time{})
		want[uint32(uid)] = raw
	}
	c := dial(t, testOptions(t, srv))
	mails, err := c.Pending(t.Context())
	if err != nil || len(mails) != n {
		t.Fatalf("Pending() = %d mails, %v", len(mails), err)
	}

	// Someone else expunges mail 30 (after Pending, before its turn).
	other, err := imapclient.DialInsecure(srv.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.Login(srv.Username, srv.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := other.Store(imap.UIDSetNum(30), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := other.Expunge().Close(); err != nil {
		t.Fatal(err)
	}

	for _, m := range mails {
		var got []byte
		err := c.Fetch(t.Context(), m.UID, func(r io.Reader) error {
			var err error
			got, err = io.ReadAll(r)
			return err
		})
		if m.UID == 30 {
			if !errors.Is(err, inbox.ErrNotFound) {
				t.Errorf("Fetch(30) after it was expunged = %v, want ErrNotFound", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Fetch(%d) = %v", m.UID, err)
		}
		if !bytes.Equal(got, want[m.UID]) {
			t.Errorf("Fetch(%d) = %d bytes %q…, want %d bytes", m.UID, len(got), got[:min(len(got), 40)], len(want[m.UID]))
		}
	}
}
