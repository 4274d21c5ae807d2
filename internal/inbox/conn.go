package inbox

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"github.com/heinlein/regbot/internal/neterr"
	"io"
	"log/slog"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Timeouts for exchanges that have no caller context.
const (
	dialTimeout     = 30 * time.Second
	idleStopTimeout = 30 * time.Second // DONE until the tagged OK
	logoutTimeout   = 5 * time.Second
)

// Mail is one mail in Folder.
type Mail struct {
	// UIDValidity is Folder's UIDVALIDITY (RFC 3501 section 2.3.1.1) when
	// the mail was listed. When it changes, UIDs start anew: the caller
	// compares it with the value it stored.
	UIDValidity uint32
	UID         uint32
	// InternalDate is when the server received the mail.
	InternalDate time.Time
	// Size is the mail's size in bytes (RFC822.SIZE).
	Size int64
	// Flags as the server reports them; compare case-insensitively.
	Flags []string
}

// Conn is a logged-in connection with Folder selected.
type Conn struct {
	opts        Options
	log         *slog.Logger
	client      *imapclient.Client
	caps        imap.CapSet
	uidValidity uint32

	// exists receives a token when the server reports EXISTS (new mail).
	exists chan struct{}
	// broken is set once the connection failed; every call returns it.
	broken error
	// moved remembers mail this Conn moved out of Folder since the last
	// Pending, so that MarkDone and MarkReview can be combined in any order.
	moved map[uint32]movedMail
	// warnedExpunge: the missing-UIDPLUS warning was logged.
	warnedExpunge bool
	// sentOnly: a [Copier]'s connection, with SentFolder selected.
	sentOnly bool
	// toMark are the UIDs MarkDoneSoon collected for Settle.
	toMark []imap.UID
	// upcoming is the last Pending's list; prefetched holds the small
	// mails of it that one FETCH read ahead (see Fetch).
	upcoming   []Mail
	prefetched map[uint32][]byte
}

// Fetch reads small mails ahead, several per FETCH, so that a backlog
// does not wait a round trip per mail: at most prefetchCount mails of at
// most prefetchOne bytes each and prefetchTotal together are held in
// memory. Larger mails are streamed one by one.
const (
	prefetchCount = 32
	prefetchOne   = 256 << 10
	prefetchTotal = 2 << 20
)

// maxInflight bounds how many marks MarkDoneSoon collects.
const maxInflight = 64

type movedMail struct {
	folder      string
	uid         imap.UID // 0: the server did not say (no UIDPLUS)
	uidValidity uint32
}

// Dial connects to the server, logs in and selects Folder. It also checks
// that DoneFolder, ReviewFolder and SentFolder exist and, without
// DoneFolder, that the server keeps keywords. Its errors say what failed
// and what to change; [IsTemporary] tells a network problem (retry) from a
// wrong password, an untrusted certificate or a missing folder (fix the
// configuration).
func Dial(ctx context.Context, opts Options) (*Conn, error) {
	return dial(ctx, opts, false)
}

// dial connects; with sentOnly it selects SentFolder instead of Folder and
// checks nothing else (see [Copier]).
func dial(ctx context.Context, opts Options, sentOnly bool) (*Conn, error) {
	o, err := opts.normalize()
	if err != nil {
		return nil, err
	}
	c := &Conn{
		opts:     o,
		log:      o.Logger,
		exists:   make(chan struct{}, 1),
		moved:    make(map[uint32]movedMail),
		sentOnly: sentOnly,
	}
	if err := c.connect(ctx); err != nil {
		if c.client != nil {
			_ = c.client.Close()
		}
		return nil, err
	}
	return c, nil
}

func (c *Conn) connect(ctx context.Context) error {
	o := c.opts
	d := net.Dialer{Timeout: dialTimeout}
	netConn, err := d.DialContext(ctx, "tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("inbox: connect to %s: %w", o.Addr, err)
	}
	// Until Dial returns, ending ctx aborts whatever exchange is running.
	stop := context.AfterFunc(ctx, func() { _ = netConn.Close() })
	defer stop()
	ctxErr := func(op string, err error) error {
		if ctx.Err() != nil {
			return fmt.Errorf("inbox: %s: %w", op, ctx.Err())
		}
		return err
	}

	if o.Security == "tls" {
		tlsConn := tls.Client(netConn, o.tlsConfig())
		if err := tlsConn.HandshakeContext(ctx); err != nil {
			_ = netConn.Close()
			return ctxErr("TLS handshake", tlsFailure(o, err))
		}
		netConn = tlsConn
	}
	clientOpts := &imapclient.Options{
		DebugWriter: o.DebugWriter,
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(data *imapclient.UnilateralDataMailbox) {
				if data.NumMessages != nil {
					select {
					case c.exists <- struct{}{}:
					default:
					}
				}
			},
		},
	}
	if o.Security == "starttls" {
		clientOpts.TLSConfig = o.tlsConfig()
		c.client, err = imapclient.NewStartTLS(netConn, clientOpts)
		if err != nil {
			var imapErr *imap.Error
			if errors.As(err, &imapErr) {
				return fmt.Errorf("inbox: STARTTLS at %s: %w: the server refused it (%v); use Security \"tls\" (port 993) or \"none\"", o.Addr, ErrTLS, err)
			}
			if neterr.IsTLS(err) {
				return ctxErr("STARTTLS", tlsFailure(o, err))
			}
			return ctxErr("STARTTLS", &connError{op: "STARTTLS at " + o.Addr, err: err})
		}
	} else {
		c.client = imapclient.New(netConn, clientOpts)
	}
	if err := c.client.WaitGreeting(); err != nil {
		var imapErr *imap.Error
		if errors.As(err, &imapErr) && imapErr.Type != imap.StatusResponseTypeBye {
			return fmt.Errorf("inbox: greeting from %s: %w", o.Addr, err)
		}
		if neterr.IsTLS(err) {
			return ctxErr("greeting", tlsFailure(o, err))
		}
		return ctxErr("greeting", &connError{op: "greeting from " + o.Addr, err: err})
	}
	if o.Security == "none" {
		c.log.Warn("IMAP connection without TLS: the password travels in cleartext", "addr", o.Addr)
	}

	if err := c.login(); err != nil {
		return ctxErr("login", err)
	}
	if c.sentOnly {
		if err := c.selectSent(); err != nil {
			return ctxErr("select", err)
		}
		c.log.Debug("sent folder connected", "addr", o.Addr, "folder", o.SentFolder)
		return nil
	}
	if err := c.selectFolder(); err != nil {
		return ctxErr("select", err)
	}
	if err := c.checkFolders(); err != nil {
		return ctxErr("check folders", err)
	}
	c.log.Info("mailbox connected", "addr", o.Addr, "folder", o.Folder, "uidvalidity", c.uidValidity,
		"idle", c.caps.Has(imap.CapIdle), "move", c.caps.Has(imap.CapMove))
	return nil
}

// tlsFailure explains a failed TLS handshake.
func tlsFailure(o Options, err error) error {
	if !neterr.IsTLS(err) {
		return &connError{op: "TLS handshake with " + o.Addr, err: err}
	}
	var header tls.RecordHeaderError
	if errors.As(err, &header) {
		return fmt.Errorf("inbox: TLS handshake with %s: %w: the server does not speak TLS on this port (%v); use Security \"starttls\" for port 143", o.Addr, ErrTLS, err)
	}
	return fmt.Errorf("inbox: TLS handshake with %s: %w: %v; the server's certificate is not trusted for %q: give the CA that signed it (imap.ca_file) or correct imap.host", o.Addr, ErrTLS, err, o.tlsConfig().ServerName)
}

// classify turns a command error into the package's error: NO and BAD stay
// *imap.Error, everything else breaks the connection.
func (c *Conn) classify(op string, err error) error {
	var imapErr *imap.Error
	if errors.As(err, &imapErr) && imapErr.Type != imap.StatusResponseTypeBye {
		return fmt.Errorf("inbox: %s: %w", op, err)
	}
	ce := &connError{op: op, err: err}
	c.broken = ce
	_ = c.client.Close()
	return ce
}

// errLoginDisabled and errLoginRefused are the errors of a failed login,
// for both kinds of connection.
func errLoginDisabled(o Options) error {
	return fmt.Errorf("inbox: %w: %s refuses LOGIN on this connection (LOGINDISABLED); set Security to \"tls\" or \"starttls\"", ErrInvalidOptions, o.Addr)
}

func errLoginRefused(o Options, said string) error {
	return fmt.Errorf("inbox: log in to %s as %q: %w: the server said %q; check Username and Password", o.Addr, o.Username, ErrAuth, said)
}

func (c *Conn) login() error {
	o := c.opts
	if c.client.Caps().Has(imap.CapLoginDisabled) {
		return errLoginDisabled(o)
	}
	err := c.client.Login(o.Username, o.Password).Wait()
	if err != nil {
		var imapErr *imap.Error
		if !errors.As(err, &imapErr) || imapErr.Type == imap.StatusResponseTypeBye {
			return &connError{op: "login to " + o.Addr, err: err}
		}
		switch imapErr.Code {
		case imap.ResponseCodeUnavailable, imap.ResponseCodeInUse, imap.ResponseCodeLimit:
			return fmt.Errorf("inbox: log in to %s as %q: %w", o.Addr, o.Username, err)
		case imap.ResponseCodePrivacyRequired:
			return fmt.Errorf("inbox: log in to %s as %q: %w: %v; set Security to \"tls\" or \"starttls\"", o.Addr, o.Username, ErrAuth, err)
		}
		return errLoginRefused(o, imapErr.Text)
	}
	c.caps = c.client.Caps()
	if c.caps == nil {
		return &connError{op: "capabilities of " + o.Addr, err: errors.New("no CAPABILITY response")}
	}
	return nil
}

func (c *Conn) selectFolder() error {
	o := c.opts
	data, err := c.client.Select(o.Folder, nil).Wait()
	if err != nil {
		var imapErr *imap.Error
		if !errors.As(err, &imapErr) || imapErr.Type == imap.StatusResponseTypeBye {
			return &connError{op: "select " + o.Folder, err: err}
		}
		return fmt.Errorf("inbox: select folder %q: %w: %v; check Folder", o.Folder, ErrNoFolder, err)
	}
	c.uidValidity = data.UIDValidity
	if o.DoneFolder == "" && len(data.PermanentFlags) > 0 {
		ok := slices.ContainsFunc(data.PermanentFlags, func(f imap.Flag) bool {
			return f == imap.FlagWildcard || strings.EqualFold(string(f), o.DoneKeyword)
		})
		if !ok {
			return fmt.Errorf("inbox: %w: %q does not keep the keyword %q (PERMANENTFLAGS %v); set DoneFolder to move handled mail instead", ErrInvalidOptions, o.Folder, o.DoneKeyword, data.PermanentFlags)
		}
	}
	return nil
}

// selectSent selects SentFolder for a [Copier].
func (c *Conn) selectSent() error {
	o := c.opts
	if _, err := c.client.Select(o.SentFolder, nil).Wait(); err != nil {
		var imapErr *imap.Error
		if !errors.As(err, &imapErr) || imapErr.Type == imap.StatusResponseTypeBye {
			return &connError{op: "select " + o.SentFolder, err: err}
		}
		return fmt.Errorf("inbox: imap.sent_folder %q: %w: %v; create it on the server or correct imap.sent_folder", o.SentFolder, ErrNoFolder, err)
	}
	return nil
}

// checkFolders makes sure the other folders exist, so that a typo shows at
// start and not at the first handled mail.
func (c *Conn) checkFolders() error {
	o := c.opts
	for _, f := range []struct{ option, name string }{
		{"imap.done_folder", o.DoneFolder}, {"imap.review_folder", o.ReviewFolder}, {"imap.sent_folder", o.SentFolder},
	} {
		if f.name == "" {
			continue
		}
		_, err := c.client.Status(f.name, &imap.StatusOptions{UIDValidity: true}).Wait()
		if err == nil {
			continue
		}
		var imapErr *imap.Error
		if !errors.As(err, &imapErr) || imapErr.Type == imap.StatusResponseTypeBye {
			return &connError{op: "status " + f.name, err: err}
		}
		return fmt.Errorf("inbox: %s %q: %w: %v; create it on the server or correct %s", f.option, f.name, ErrNoFolder, err, f.option)
	}
	return nil
}

// run executes one exchange with the server. When ctx ends first, the
// connection is closed to abort it (go-imap has no context), which breaks
// the Conn.
func (c *Conn) run(ctx context.Context, op string, f func() error) error {
	if c.broken != nil {
		return c.broken
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("inbox: %s: %w", op, err)
	}
	stop := context.AfterFunc(ctx, func() { _ = c.client.Close() })
	err := f()
	if !stop() {
		c.broken = &connError{op: op, err: ctx.Err()}
		if err == nil {
			return nil
		}
		return fmt.Errorf("inbox: %s: %w", op, ctx.Err())
	}
	if err != nil {
		return c.classify(op, err)
	}
	return nil
}

// UIDValidity returns Folder's UIDVALIDITY at select.
func (c *Conn) UIDValidity() uint32 { return c.uidValidity }

// Pending lists every mail in Folder that is not handled yet, in UID order:
// without DoneFolder the mail without DoneKeyword, with DoneFolder all mail.
// Mail flagged \Deleted (by someone else, or left by a move on a server
// without UIDPLUS) is skipped. It uses UID SEARCH, then UID FETCH for the
// metadata.
func (c *Conn) Pending(ctx context.Context) ([]Mail, error) {
	c.upcoming, c.prefetched = nil, nil
	if err := c.Settle(ctx); err != nil {
		c.log.Warn("marking mail done failed; it is marked again when it comes up", "err", err)
	}
	clear(c.moved)
	criteria := &imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagDeleted}}
	if c.opts.DoneFolder == "" {
		criteria.NotFlag = append(criteria.NotFlag, imap.Flag(c.opts.DoneKeyword))
	}
	var uids []imap.UID
	err := c.run(ctx, "search pending mail", func() error {
		data, err := c.client.UIDSearch(criteria, nil).Wait()
		if err != nil {
			return err
		}
		uids = data.AllUIDs()
		return nil
	})
	if err != nil || len(uids) == 0 {
		return nil, err
	}
	var bufs []*imapclient.FetchMessageBuffer
	err = c.run(ctx, "fetch pending mail", func() error {
		var err error
		bufs, err = c.client.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{
			UID: true, Flags: true, InternalDate: true, RFC822Size: true,
		}).Collect()
		return err
	})
	if err != nil {
		return nil, err
	}
	mails := make([]Mail, 0, len(bufs))
	for _, b := range bufs {
		if b.UID == 0 {
			continue
		}
		flags := make([]string, len(b.Flags))
		for i, f := range b.Flags {
			flags[i] = string(f)
		}
		mails = append(mails, Mail{
			UIDValidity:  c.uidValidity,
			UID:          uint32(b.UID),
			InternalDate: b.InternalDate,
			Size:         b.RFC822Size,
			Flags:        flags,
		})
	}
	slices.SortFunc(mails, func(a, b Mail) int { return int(a.UID) - int(b.UID) })
	c.upcoming = mails
	return mails, nil
}

// Fetch streams the whole mail (BODY.PEEK[], so \Seen is not set) to fn.
// fn reads straight from the connection: the mail is never held in memory
// here. Whatever fn leaves unread is skipped. An error from fn is returned
// wrapped; if the connection failed meanwhile, that error is returned
// instead (fn saw a cut-off stream).
func (c *Conn) Fetch(ctx context.Context, uid uint32, fn func(r io.Reader) error) error {
	op := fmt.Sprintf("fetch uid %d", uid)
	if raw, ok := c.prefetch(ctx, uid); ok {
		if err := fn(bytes.NewReader(raw)); err != nil {
			return fmt.Errorf("inbox: %s: %w", op, err)
		}
		return nil
	}
	var (
		found bool
		fnErr error
	)
	section := &imap.FetchItemBodySection{Peek: true}
	err := c.run(ctx, op, func() error {
		cmd := c.client.Fetch(imap.UIDSetNum(imap.UID(uid)), &imap.FetchOptions{
			UID:         true,
			BodySection: []*imap.FetchItemBodySection{section},
		})
		for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
			for item := msg.Next(); item != nil; item = msg.Next() {
				body, ok := item.(imapclient.FetchItemDataBodySection)
				if !ok || found || body.Literal == nil {
					continue
				}
				found = true
				fnErr = fn(body.Literal)
			}
		}
		return cmd.Close()
	})
	switch {
	case err != nil:
		return err
	case fnErr != nil:
		return fmt.Errorf("inbox: %s: %w", op, fnErr)
	case !found:
		return fmt.Errorf("inbox: %s: %w in %q", op, ErrNotFound, c.opts.Folder)
	}
	return nil
}

// prefetch returns mail uid when it is small and was, or now is, read
// ahead together with the small mails after it in the last Pending's
// list. ok is false when uid is to be streamed instead, also when reading
// ahead failed (the stream then reports the error).
func (c *Conn) prefetch(ctx context.Context, uid uint32) (raw []byte, ok bool) {
	if raw, ok := c.prefetched[uid]; ok {
		delete(c.prefetched, uid)
		return raw, true
	}
	i := slices.IndexFunc(c.upcoming, func(m Mail) bool { return m.UID == uid })
	if i < 0 || c.upcoming[i].Size > prefetchOne {
		return nil, false
	}
	var (
		uids  []imap.UID
		total int64
	)
	for _, m := range c.upcoming[i:] {
		if m.Size > prefetchOne || total+m.Size > prefetchTotal || len(uids) == prefetchCount {
			break
		}
		uids = append(uids, imap.UID(m.UID))
		total += m.Size
	}
	got := make(map[uint32][]byte, len(uids))
	section := &imap.FetchItemBodySection{Peek: true}
	err := c.run(ctx, fmt.Sprintf("fetch %d mails from uid %d", len(uids), uid), func() error {
		cmd := c.client.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{
			UID:         true,
			BodySection: []*imap.FetchItemBodySection{section},
		})
		for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
			var (
				muid imap.UID
				body []byte
			)
			for item := msg.Next(); item != nil; item = msg.Next() {
				switch item := item.(type) {
				case imapclient.FetchItemDataUID:
					muid = item.UID
				case imapclient.FetchItemDataBodySection:
					if item.Literal == nil {
						continue
					}
					// The size Pending saw bounds what is held; a mail
					// that grew past it is left to be streamed.
					b, err := io.ReadAll(io.LimitReader(item.Literal, prefetchOne+1))
					if err != nil {
						return err
					}
					if len(b) <= prefetchOne {
						body = b
					}
				}
			}
			if muid != 0 && body != nil {
				got[uint32(muid)] = body
			}
		}
		return cmd.Close()
	})
	if err != nil {
		c.log.Debug("reading ahead failed", "uid", uid, "err", err)
		return nil, false
	}
	c.prefetched = got
	if raw, ok := got[uid]; ok {
		delete(got, uid)
		return raw, true
	}
	return nil, false
}

// MarkDone marks a mail handled. Without DoneFolder it gets \Seen and
// DoneKeyword and stays in Folder; with DoneFolder it gets them too and is
// moved there (MOVE, or COPY + STORE \Deleted + UID EXPUNGE of this one
// UID when the server lacks MOVE; without UIDPLUS either, the copied
// original stays flagged \Deleted). Nothing is ever deleted otherwise.
//
// A mail MarkReview already moved to ReviewFolder on this Conn is left
// there (unread, for the person) and MarkDone returns nil. A mail that is
// gone from Folder otherwise gives an error wrapping ErrNotFound.
func (c *Conn) MarkDone(ctx context.Context, uid uint32) error {
	op := fmt.Sprintf("mark uid %d done", uid)
	if _, ok := c.moved[uid]; ok {
		return nil
	}
	if err := c.addFlags(ctx, op, imap.UID(uid), imap.FlagSeen, imap.Flag(c.opts.DoneKeyword)); err != nil {
		return err
	}
	if c.opts.DoneFolder == "" {
		return nil
	}
	dest, err := c.move(ctx, op, imap.UID(uid), c.opts.DoneFolder)
	if err == nil {
		c.moved[uid] = dest
	}
	return err
}

// MarkDoneSoon is MarkDone for a backlog: the mark is collected and set
// by Settle together with the others, in one STORE for many UIDs (which
// Pending, Wait and Close call, and every maxInflight marks). One STORE
// per mail costs a round trip and a write of the server's index each;
// handling a backlog spent a third of its time there. A mark that is lost
// is set again when the mail comes up in the next Pending, because the
// caller's records already say it is handled.
// With DoneFolder set it is MarkDone (a move needs its answer).
func (c *Conn) MarkDoneSoon(ctx context.Context, uid uint32) error {
	if c.opts.DoneFolder != "" {
		return c.MarkDone(ctx, uid)
	}
	if c.broken != nil {
		return c.broken
	}
	c.toMark = append(c.toMark, imap.UID(uid))
	if len(c.toMark) < maxInflight {
		return nil
	}
	return c.Settle(ctx)
}

// Settle sets the marks MarkDoneSoon collected.
func (c *Conn) Settle(ctx context.Context) error {
	if len(c.toMark) == 0 {
		return nil
	}
	uids := c.toMark
	c.toMark = nil
	return c.run(ctx, fmt.Sprintf("mark %d mails done", len(uids)), func() error {
		return c.client.Store(imap.UIDSetNum(uids...), &imap.StoreFlags{
			Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen, imap.Flag(c.opts.DoneKeyword)},
		}, nil).Close()
	})
}

// MarkReview marks a mail for a person: \Flagged, and a move to
// ReviewFolder when that is set. A mail can be both done and flagged, in
// either order: after MarkDone moved it to DoneFolder on this Conn,
// MarkReview flags it there (selecting DoneFolder for a moment, which needs
// UIDPLUS) and moves it on to ReviewFolder when that is set.
func (c *Conn) MarkReview(ctx context.Context, uid uint32) error {
	op := fmt.Sprintf("mark uid %d for review", uid)
	if m, ok := c.moved[uid]; ok {
		if c.opts.ReviewFolder != "" && m.folder == c.opts.ReviewFolder {
			return nil
		}
		return c.reviewMoved(ctx, op, uid, m)
	}
	if err := c.addFlags(ctx, op, imap.UID(uid), imap.FlagFlagged); err != nil {
		return err
	}
	if c.opts.ReviewFolder == "" {
		return nil
	}
	dest, err := c.move(ctx, op, imap.UID(uid), c.opts.ReviewFolder)
	if err == nil {
		c.moved[uid] = dest
	}
	return err
}

// addFlags adds flags to a mail in the selected folder and reports
// ErrNotFound when it is not there.
func (c *Conn) addFlags(ctx context.Context, op string, uid imap.UID, flags ...imap.Flag) error {
	var n int
	err := c.run(ctx, op, func() error {
		msgs, err := c.client.Store(imap.UIDSetNum(uid), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: flags}, nil).Collect()
		n = len(msgs)
		return err
	})
	if err != nil || n > 0 {
		return err
	}
	// Servers should answer STORE with the new flags; one that stays silent
	// when nothing changed gets asked whether the mail is there at all.
	err = c.run(ctx, op, func() error {
		data, err := c.client.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{imap.UIDSetNum(uid)}}, nil).Wait()
		if err == nil {
			n = len(data.AllUIDs())
		}
		return err
	})
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("inbox: %s: %w in the selected folder", op, ErrNotFound)
	}
	return nil
}

// move moves a mail out of the selected folder and tells where it went.
func (c *Conn) move(ctx context.Context, op string, uid imap.UID, folder string) (movedMail, error) {
	set := imap.UIDSetNum(uid)
	var dest movedMail
	err := c.run(ctx, op, func() error {
		if c.caps.Has(imap.CapMove) {
			data, err := c.client.Move(set, folder).Wait()
			if err != nil {
				return err
			}
			dest = movedMail{folder: folder, uid: firstUID(data.DestUIDs), uidValidity: data.UIDValidity}
			return nil
		}
		// Never client.Move here: without UIDPLUS its fallback sends a plain
		// EXPUNGE, which would remove every \Deleted mail in the folder.
		data, err := c.client.Copy(set, folder).Wait()
		if err != nil {
			return err
		}
		dest = movedMail{folder: folder, uid: firstUID(data.DestUIDs), uidValidity: data.UIDValidity}
		if err := c.client.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
			return err
		}
		if !c.caps.Has(imap.CapUIDPlus) {
			if !c.warnedExpunge {
				c.warnedExpunge = true
				c.log.Warn("server has neither MOVE nor UIDPLUS: moved mail stays in the folder flagged \\Deleted until someone expunges it", "folder", c.opts.Folder)
			}
			return nil
		}
		return c.client.UIDExpunge(set).Close()
	})
	if err != nil {
		return movedMail{}, err
	}
	c.log.Debug("mail moved", "uid", uid, "to", folder, "new_uid", dest.uid)
	return dest, nil
}

func firstUID(set imap.NumSet) imap.UID {
	uids, ok := set.(imap.UIDSet)
	if !ok {
		return 0
	}
	nums, ok := uids.Nums()
	if !ok || len(nums) == 0 {
		return 0
	}
	return nums[0]
}

// reviewMoved flags a mail this Conn moved out of Folder (to DoneFolder)
// and moves it on to ReviewFolder when set. It selects the mail's folder
// for a moment and then Folder again.
func (c *Conn) reviewMoved(ctx context.Context, op string, uid uint32, m movedMail) error {
	if m.uid == 0 {
		return fmt.Errorf("inbox: %s: it was moved to %q and the server did not report its new UID (no UIDPLUS); call MarkReview before MarkDone", op, m.folder)
	}
	var sel *imap.SelectData
	err := c.run(ctx, op, func() error {
		var err error
		sel, err = c.client.Select(m.folder, nil).Wait()
		return err
	})
	if err != nil {
		return err
	}
	if sel.UIDValidity != m.uidValidity {
		err = fmt.Errorf("inbox: %s: %w: UIDVALIDITY of %q changed", op, ErrNotFound, m.folder)
	}
	if err == nil {
		err = c.addFlags(ctx, op, m.uid, imap.FlagFlagged)
	}
	if err == nil && c.opts.ReviewFolder != "" {
		var dest movedMail
		if dest, err = c.move(ctx, op, m.uid, c.opts.ReviewFolder); err == nil {
			c.moved[uid] = dest
		}
	}
	// Back to Folder, whatever happened.
	if rerr := c.reselect(ctx); rerr != nil {
		return rerr
	}
	return err
}

// reselect selects Folder again. A changed UIDVALIDITY breaks the Conn:
// the UIDs the caller holds are void, so it must reconnect and list anew.
func (c *Conn) reselect(ctx context.Context) error {
	op := "select " + c.opts.Folder + " again"
	var sel *imap.SelectData
	err := c.run(ctx, op, func() error {
		var err error
		sel, err = c.client.Select(c.opts.Folder, nil).Wait()
		return err
	})
	if err == nil && sel.UIDValidity != c.uidValidity {
		err = fmt.Errorf("UIDVALIDITY changed from %d to %d", c.uidValidity, sel.UIDValidity)
	}
	if err != nil && c.broken == nil {
		c.broken = &connError{op: op, err: err}
		_ = c.client.Close()
		return c.broken
	}
	if err == nil {
		// Mail that came while another folder was selected raised no EXISTS:
		// let the next Wait return at once so that Pending looks.
		select {
		case c.exists <- struct{}{}:
		default:
		}
	}
	return err
}

// Wait returns when new mail may have arrived. When the server has IDLE it
// idles until the server reports new mail (EXISTS), PollInterval passes
// (IDLE is renewed then; at most MaxIdleRefresh) or ctx ends, and ends IDLE
// cleanly in every case. Without IDLE it sleeps PollInterval. It returns
// ctx.Err() when ctx ends, and an error IsTemporary reports as temporary
// when the connection fails meanwhile.
func (c *Conn) Wait(ctx context.Context) error {
	if err := c.Settle(ctx); err != nil {
		c.log.Warn("marking mail done failed; it is marked again when it comes up", "err", err)
	}
	if c.broken != nil {
		return c.broken
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case <-c.exists: // reported during the last commands
		return nil
	default:
	}
	if !c.caps.Has(imap.CapIdle) {
		timer := time.NewTimer(c.opts.PollInterval)
		defer timer.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
			return nil
		case <-c.client.Closed():
			c.broken = &connError{op: "poll", err: errServerClosed}
			return c.broken
		}
	}

	// Starting IDLE is not aborted by ctx (that would cost the connection);
	// a cancel is seen right after, and IDLE ends cleanly with DONE.
	startCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), idleStopTimeout)
	defer cancel()
	var idle *imapclient.IdleCommand
	err := c.run(startCtx, "start IDLE", func() error {
		var err error
		idle, err = c.client.Idle()
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	timer := time.NewTimer(c.opts.idleRefresh())
	defer timer.Stop()
	select {
	case <-ctx.Done():
	case <-c.exists:
	case <-timer.C:
	case <-c.client.Closed():
	}
	if err := c.stopIdle(idle); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	return ctx.Err()
}

// stopIdle sends DONE and waits for the server to end IDLE, closing the
// connection when it does not answer in time.
func (c *Conn) stopIdle(idle *imapclient.IdleCommand) error {
	done := make(chan error, 1)
	go func() {
		if err := idle.Close(); err != nil {
			done <- err
			return
		}
		done <- idle.Wait()
	}()
	timer := time.NewTimer(idleStopTimeout)
	defer timer.Stop()
	var err error
	select {
	case err = <-done:
	case <-timer.C:
		_ = c.client.Close()
		<-done
		err = fmt.Errorf("no answer to DONE within %v", idleStopTimeout)
	}
	if err == nil {
		return nil
	}
	select {
	case <-c.client.Closed():
		err = errors.Join(errServerClosed, err)
	default:
	}
	return c.classify("end IDLE", err)
}

// Close logs out (waiting a few seconds at most) and closes the connection.
func (c *Conn) Close() error {
	if c.broken == nil && len(c.toMark) > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), logoutTimeout)
		if err := c.Settle(ctx); err != nil {
			c.log.Warn("marking mail done failed; it is marked again when it comes up", "err", err)
		}
		cancel()
	}
	if c.broken == nil {
		done := make(chan error, 1)
		go func() { done <- c.client.Logout().Wait() }()
		timer := time.NewTimer(logoutTimeout)
		select {
		case <-done:
		case <-timer.C:
		}
		timer.Stop()
		c.broken = &connError{op: "use", err: net.ErrClosed}
	}
	if err := c.client.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return fmt.Errorf("inbox: close: %w", err)
	}
	return nil
}
