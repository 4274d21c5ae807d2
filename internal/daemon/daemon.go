// Package daemon is regbot's application: it wires configuration, mailbox,
// classifier, registration rules, store and sender together and owns the
// loops (mailbox watch, outbox delivery, the organisers' daily digest, the
// erasure of past events' data).
//
// Pipeline and guarantees, for each mail in the mailbox:
//
//  1. The mail is fetched (streamed, never loaded whole) and parsed.
//  2. It is understood (internal/intent) and the registration rules are
//     applied (internal/desk). The mail's row, the records and the outbox
//     rows of its replies are committed in ONE transaction (the mails of a
//     backlog share it, each in a savepoint of its own).
//  3. Only then is the mail marked handled on the server (a keyword or a
//     move; mail is never deleted) and, when a person must look at it,
//     flagged.
//
// A crash before 3 re-delivers the mail on the next run; the messages
// table (unique per mailbox, UIDVALIDITY and UID, and per Message-ID)
// turns that into "mark it handled", and the outbox's unique Message-ID
// into "no second reply". A separate loop delivers the outbox with retry
// and backoff; a reply may repeat only when a crash falls between the SMTP
// server's acceptance and the commit that records it.
package daemon

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/desk"
	"github.com/heinlein/regbot/internal/inbox"
	"github.com/heinlein/regbot/internal/intent"
	"github.com/heinlein/regbot/internal/mailparse"
	"github.com/heinlein/regbot/internal/metrics"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/sender"
	"github.com/heinlein/regbot/internal/store"
)

// maxAttempts is how often a mail may make processing fail before it is set
// aside for a person.
const maxAttempts = 3

// Daemon is one running regbot.
type Daemon struct {
	cfg      *config.Config
	db       *store.DB
	analyzer *intent.Analyzer
	desk     *desk.Desk
	log      *slog.Logger
	now      func() time.Time
	imapOpts inbox.Options
	smtp     *sender.Client
	metrics  *metrics.Metrics
	// deliverNow wakes the delivery loop when a mail queued replies, so
	// that a reply leaves seconds after the mail arrived, not at the next
	// tick.
	deliverNow chan struct{}
	// Report receives a line per handled mail (the demo prints them).
	report func(Event)
	mu     sync.Mutex
	// owner names this process in the claims of replies it sends.
	owner string
	// validity is the UIDVALIDITY per folder this process has recorded,
	// so that checkValidity does not write for every mail; under mu.
	validity map[string]uint32
	// copyIdle is how long the copier keeps an unused IMAP connection
	// (copyIdleDefault; tests shorten it).
	copyIdle time.Duration
	// lanes is how many SMTP sessions deliver a batch of replies at once
	// (smtp.connections, see deliverBatch).
	lanes int
	// crash, when set by a test, is called at the named points of handling
	// a mail; an error stops the handling there, as a crash would.
	crash func(point string) error
}

// Event describes one handled mail, for reports; it carries no body.
type Event struct {
	UID       uint32
	MessageID string
	From      string
	Subject   string
	Result    intent.Result
	Outcome   *desk.Outcome
	SetAside  bool
	Err       error
}

// Options configure a Daemon beyond the configuration file.
type Options struct {
	Logger *slog.Logger
	// Now is the clock (tests inject one).
	Now func() time.Time
	// IMAPPassword and SMTPPassword override the configured sources (the
	// demo and tests).
	IMAPPassword, SMTPPassword *string
	// IMAPTLS and SMTPTLS override the TLS configuration.
	IMAPTLS, SMTPTLS *tls.Config
	// Report is called after each mail.
	Report func(Event)
}

// New opens the database and prepares every part. Close releases them.
func New(ctx context.Context, cfg *config.Config, analyzer *intent.Analyzer, opts Options) (*Daemon, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	d := &Daemon{cfg: cfg, analyzer: analyzer, log: log, now: now, report: opts.Report, deliverNow: make(chan struct{}, 1), owner: processID(), copyIdle: copyIdleDefault, lanes: max(1, cfg.SMTP.Connections)}
	renderer, err := reply.New(cfg.Templates)
	if err != nil {
		return nil, fmt.Errorf("load reply templates: %w", err)
	}
	d.desk, err = desk.New(desk.Options{Config: cfg, Renderer: renderer, Now: now})
	if err != nil {
		return nil, err
	}
	imapPass, err := password(cfg, "imap", opts.IMAPPassword)
	if err != nil {
		return nil, err
	}
	smtpPass, err := password(cfg, "smtp", opts.SMTPPassword)
	if err != nil {
		return nil, err
	}
	imapTLS, err := tlsConfig(cfg.IMAP.Host, cfg.IMAP.CAFile, opts.IMAPTLS)
	if err != nil {
		return nil, err
	}
	smtpTLS, err := tlsConfig(cfg.SMTP.Host, cfg.SMTP.CAFile, opts.SMTPTLS)
	if err != nil {
		return nil, err
	}
	d.imapOpts = inbox.Options{
		Addr:         fmt.Sprintf("%s:%d", cfg.IMAP.Host, cfg.IMAP.Port),
		Security:     cfg.IMAP.Security,
		TLSConfig:    imapTLS,
		Username:     cfg.IMAP.Username,
		Password:     imapPass,
		Folder:       cfg.IMAP.Folder,
		DoneFolder:   cfg.IMAP.DoneFolder,
		ReviewFolder: cfg.IMAP.ReviewFolder,
		SentFolder:   cfg.IMAP.SentFolder,
		PollInterval: cfg.IMAP.PollInterval,
		Logger:       log.With("component", "inbox"),
	}
	d.smtp, err = sender.New(sender.Options{
		Host: cfg.SMTP.Host, Port: cfg.SMTP.Port, Security: cfg.SMTP.Security,
		Username: cfg.SMTP.Username, Password: smtpPass, TLSConfig: smtpTLS,
		Timeout: time.Minute, Logger: log.With("component", "sender"),
	})
	if err != nil {
		return nil, fmt.Errorf("prepare smtp: %w", err)
	}
	d.db, err = store.Open(ctx, cfg.Database, &store.Options{Now: now, Logger: log.With("component", "store")})
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", cfg.Database, err)
	}
	d.metrics = metrics.New(now, func() float64 {
		n, err := d.db.OutboxDepth(context.Background())
		if err != nil {
			return -1
		}
		return float64(n)
	})
	return d, nil
}

// DB gives the store to commands that read it.
func (d *Daemon) DB() *store.DB { return d.db }

// Close releases the database.
func (d *Daemon) Close() error { return d.db.Close() }

func password(cfg *config.Config, kind string, override *string) (string, error) {
	if override != nil {
		return *override, nil
	}
	p, err := cfg.Password(kind)
	if err != nil {
		return "", err
	}
	return p, nil
}

func tlsConfig(host, caFile string, override *tls.Config) (*tls.Config, error) {
	if override != nil {
		return override, nil
	}
	c := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("read ca_file %s: %w", caFile, err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("ca_file %s holds no PEM certificate; give the CA certificate of your mail server", caFile)
		}
		c.RootCAs = pool
	}
	return c, nil
}

// Run watches the mailbox and delivers the outbox until ctx is done. It
// returns nil on a clean shutdown.
func (d *Daemon) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	wg.Go(func() {
		d.deliverLoop(runCtx)
	})
	wg.Go(func() {
		d.retentionLoop(runCtx)
	})
	wg.Go(func() {
		d.digestLoop(runCtx)
	})
	wg.Go(func() {
		// Monitoring is no reason to stop answering mail.
		if err := d.metrics.Serve(runCtx, d.cfg.Metrics.Address, 3*d.imapOpts.PollInterval+time.Minute); err != nil {
			d.log.Warn("metrics", "err", err)
		}
	})
	hooks := &inbox.Hooks{OnReconnect: d.metrics.Reconnect, OnPoll: d.metrics.Polled}
	err := inbox.WatchGroups(runCtx, d.imapOpts, d.handleGroup, groupSize, hooks)
	cancel(err)
	wg.Wait()
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		return nil
	}
	return err
}

// RunOnce handles every pending mail, delivers the outbox and returns.
// Replies go out while later mails are still read, over connections of
// their own, so a backlog takes about as long as the slower of reading and
// sending, not both together.
func (d *Daemon) RunOnce(ctx context.Context) error {
	conn, err := inbox.Dial(ctx, d.imapOpts)
	if err != nil {
		return fmt.Errorf("connect to the mailbox: %w", err)
	}
	defer conn.Close()
	pending, err := conn.Pending(ctx)
	if err != nil {
		return fmt.Errorf("list pending mail: %w", err)
	}
	var (
		errs        []error
		deliverErrs []error
		handled     = make(chan struct{})
		wg          sync.WaitGroup
	)
	if len(pending) > 1 {
		wg.Go(func() {
			dl := d.newDelivery()
			defer dl.close()
			for {
				select {
				case <-handled:
					return
				case <-d.deliverNow:
				}
				if err := dl.run(ctx); err != nil {
					deliverErrs = append(deliverErrs, err)
				}
			}
		})
	}
	for len(pending) > 0 && ctx.Err() == nil {
		group := pending[:min(groupSize, len(pending))]
		pending = pending[len(group):]
		for _, err := range d.handleGroup(ctx, conn, group) {
			if err != nil {
				errs = append(errs, err)
			}
		}
	}
	close(handled)
	wg.Wait()
	errs = append(errs, deliverErrs...)
	if err := d.digestIfDue(ctx); err != nil {
		errs = append(errs, err)
	}
	if err := d.Deliver(ctx); err != nil {
		errs = append(errs, err)
	}
	if _, err := d.Retain(ctx); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// groupSize is how many mails of a backlog share one commit.
const groupSize = 32

// job is one mail on its way through handleGroup.
type job struct {
	m inbox.Mail
	// attrs identify the mail in the log (uid, msgid): passed to each
	// call, which costs less than a logger With them per mail.
	attrs  []any
	parsed *mailparse.Message
	res    intent.Result
	out    *desk.Outcome
	// done: nothing more to do (handled before, or failed already);
	// err is its result then.
	done bool
	err  error
}

// handleGroup processes mails and returns one error (or nil) per mail. It
// is safe to call again for a mail that was handled before: nothing
// changes and nothing is sent. The records of all the mails go into one
// transaction, each mail's part in a savepoint of its own: a mail that
// fails undoes only its own part, and a backlog pays one commit per group.
// The marks on the server follow the commit.
func (d *Daemon) handleGroup(ctx context.Context, conn *inbox.Conn, mails []inbox.Mail) []error {
	d.mu.Lock()
	defer d.mu.Unlock()
	jobs := make([]*job, len(mails))
	for i, m := range mails {
		jobs[i] = d.prepare(ctx, conn, m)
	}
	d.commit(ctx, jobs)
	errs := make([]error, len(jobs))
	for i, j := range jobs {
		errs[i] = d.finish(ctx, conn, j)
	}
	return errs
}

// prepare reads and understands a mail, or finishes it when it was
// handled before.
func (d *Daemon) prepare(ctx context.Context, conn *inbox.Conn, m inbox.Mail) *job {
	j := &job{m: m, attrs: []any{"uid", m.UID}}
	stop := func(err error) *job {
		j.done, j.err = true, err
		return j
	}
	mailbox := d.imapOpts.Folder
	if err := d.checkValidity(ctx, mailbox, m.UIDValidity); err != nil {
		return stop(err)
	}
	prev, err := d.db.MessageByUID(ctx, mailbox, m.UIDValidity, m.UID)
	if err != nil {
		return stop(fmt.Errorf("look up uid %d: %w", m.UID, err))
	}
	if prev != nil && (!prev.HandledAt.IsZero() || !prev.FailedAt.IsZero()) {
		// Handled before the crash that stopped us from marking it.
		d.log.Info("already handled, marking it on the server", "uid", m.UID, "msgid", prev.MessageID)
		return stop(conn.MarkDone(ctx, m.UID))
	}
	err = conn.Fetch(ctx, m.UID, func(r io.Reader) error {
		var perr error
		j.parsed, perr = mailparse.ParseWithLimits(r, mailparse.DefaultLimits)
		return perr
	})
	if err != nil {
		if inbox.IsTemporary(err) {
			return stop(fmt.Errorf("fetch uid %d: %w", m.UID, err))
		}
		return stop(d.failed(ctx, conn, m, nil, fmt.Errorf("fetch uid %d: %w", m.UID, err)))
	}
	j.attrs = append(j.attrs, "msgid", j.parsed.MessageID)
	// A mail handled before under another UID is found in the commit.
	j.res = d.analyzer.Understand(j.parsed, m.InternalDate)
	return j
}

// commit records the prepared jobs in one transaction. A job whose part
// fails gets its error; when the transaction fails, every job does.
func (d *Daemon) commit(ctx context.Context, jobs []*job) {
	var todo []*job
	for _, j := range jobs {
		if !j.done {
			todo = append(todo, j)
		}
	}
	if len(todo) == 0 {
		return
	}
	mailbox := d.imapOpts.Folder
	err := d.db.Tx(ctx, func(tx *store.Tx) error {
		for _, j := range todo {
			j.out, j.err = nil, nil
			partErr, err := tx.Savepoint(func(tx *store.Tx) error {
				if err := d.crashAt("before-commit"); err != nil {
					return err
				}
				m, parsed, res := j.m, j.parsed, j.res
				// The same mail under another UID, handled before or
				// earlier in this group: it is only marked.
				if parsed.MessageID != "" {
					if other, err := tx.MessageByMessageID(parsed.MessageID); err == nil && other != nil && !other.HandledAt.IsZero() {
						return errRepeat
					}
				}
				row := &store.Message{Mailbox: mailbox, UIDValidity: m.UIDValidity, UID: m.UID, MessageID: parsed.MessageID,
					Sender: parsed.FirstFrom().Email, Subject: parsed.Subject, ReceivedAt: m.InternalDate, Machine: string(res.Machine)}
				if res.Has(intent.Delete) {
					// Whoever asks to be forgotten is not kept in the mail log.
					row.Sender, row.Subject = "", ""
				}
				id, err := tx.InsertMessage(row)
				if err != nil {
					return err
				}
				out, err := d.desk.Apply(tx, desk.Incoming{Message: parsed, Result: res, Row: id, ReceivedAt: m.InternalDate})
				if err != nil {
					return err
				}
				j.out = out
				return tx.MarkMessageHandled(id, out.Summary, string(res.Machine))
			})
			if err != nil {
				return err
			}
			j.err = partErr
		}
		return nil
	})
	if err != nil {
		for _, j := range todo {
			j.out, j.err = nil, err
		}
	}
}

// errRepeat marks a mail whose Message-ID a handled mail had.
var errRepeat = errors.New("the same mail came twice")

// finish does what follows the commit for one job: the failure count, or
// the marks on the server, metrics and the report.
func (d *Daemon) finish(ctx context.Context, conn *inbox.Conn, j *job) error {
	if j.done {
		return j.err
	}
	m := j.m
	log := func(level slog.Level, msg string, args ...any) {
		d.log.Log(ctx, level, msg, append(j.attrs[:len(j.attrs):len(j.attrs)], args...)...)
	}
	if errors.Is(j.err, errRepeat) {
		log(slog.LevelInfo, "the same mail was handled before under another uid")
		return conn.MarkDone(ctx, m.UID)
	}
	if j.err != nil {
		return d.failed(ctx, conn, m, j.parsed, fmt.Errorf("handle uid %d: %w", m.UID, j.err))
	}
	out, res := j.out, j.res
	log(slog.LevelInfo, "handled", "outcome", out.Summary, "replies", len(out.Replies), "needs_person", out.NeedsPerson)
	if len(res.Requests) > 0 {
		d.metrics.Mail(string(res.Requests[0].Intent))
	}
	if len(out.Replies) > 0 {
		select {
		case d.deliverNow <- struct{}{}:
		default:
		}
	}
	if err := d.crashAt("after-commit"); err != nil {
		return err
	}
	if err := conn.MarkDoneSoon(ctx, m.UID); err != nil {
		return fmt.Errorf("mark uid %d handled: %w", m.UID, err)
	}
	if out.NeedsPerson {
		if err := conn.MarkReview(ctx, m.UID); err != nil {
			log(slog.LevelWarn, "flag for review failed", "err", err)
		}
	}
	if d.report != nil {
		d.report(Event{UID: m.UID, MessageID: j.parsed.MessageID, From: j.parsed.FirstFrom().Email, Subject: j.parsed.Subject, Result: res, Outcome: out})
	}
	return nil
}

// failed counts a failure; after maxAttempts the mail is set aside: marked
// handled, flagged and listed for a person, never retried forever.
func (d *Daemon) failed(ctx context.Context, conn *inbox.Conn, m inbox.Mail, parsed *mailparse.Message, cause error) error {
	mailbox := d.imapOpts.Folder
	var attempts int
	err := d.db.Tx(ctx, func(tx *store.Tx) error {
		prev, err := tx.MessageByUID(mailbox, m.UIDValidity, m.UID)
		if err != nil {
			return err
		}
		id := int64(0)
		if prev != nil {
			id = prev.ID
		} else {
			row := &store.Message{Mailbox: mailbox, UIDValidity: m.UIDValidity, UID: m.UID, ReceivedAt: m.InternalDate}
			if parsed != nil {
				row.Sender, row.Subject = parsed.FirstFrom().Email, parsed.Subject
			}
			if id, err = tx.InsertMessageUnhandled(row); err != nil {
				return err
			}
		}
		attempts, err = tx.RecordMessageFailure(id, cause.Error(), prevAttempts(prev)+1 >= maxAttempts)
		if err != nil {
			return err
		}
		if attempts >= maxAttempts {
			sender, subject := "", ""
			if parsed != nil {
				sender, subject = parsed.FirstFrom().Email, parsed.Subject
			}
			_, err = tx.AddReview(&store.Review{MessageID: id, Reason: "regbot could not handle this mail: " + shortErr(cause), Sender: sender, Subject: subject})
			return err
		}
		return nil
	})
	if err != nil {
		return errors.Join(cause, fmt.Errorf("record the failure: %w", err))
	}
	d.metrics.Mail("failed")
	if attempts >= maxAttempts {
		d.metrics.Mail("set_aside")
		d.log.Error("mail set aside for a person", "uid", m.UID, "attempts", attempts, "err", cause)
		if err := conn.MarkReview(ctx, m.UID); err != nil {
			return fmt.Errorf("flag uid %d: %w", m.UID, err)
		}
		if d.report != nil {
			d.report(Event{UID: m.UID, SetAside: true, Err: cause})
		}
		return conn.MarkDone(ctx, m.UID)
	}
	return cause
}

func (d *Daemon) crashAt(point string) error {
	if d.crash == nil {
		return nil
	}
	return d.crash(point)
}

func prevAttempts(m *store.Message) int {
	if m == nil {
		return 0
	}
	return m.Attempts
}

func shortErr(err error) string {
	s := err.Error()
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// checkValidity remembers UIDVALIDITY. When it changes, UIDs start anew;
// the Message-ID check keeps handled mail from being handled again.
func (d *Daemon) checkValidity(ctx context.Context, mailbox string, v uint32) error {
	if d.validity[mailbox] == v && v != 0 {
		return nil // recorded by this process already
	}
	err := d.db.Tx(ctx, func(tx *store.Tx) error {
		old, last, ok, err := tx.MailboxState(mailbox)
		if err != nil {
			return err
		}
		if ok && old == v {
			return nil
		}
		if ok {
			d.log.Warn("UIDVALIDITY changed: UIDs start anew, Message-IDs prevent double handling", "old", old, "new", v)
			last = 0
		}
		return tx.SetMailboxState(mailbox, v, last)
	})
	if err == nil {
		if d.validity == nil {
			d.validity = map[string]uint32{}
		}
		d.validity[mailbox] = v
	}
	return err
}

// deliverLoop delivers the outbox whenever a mail queued replies, and every
// few seconds for retries. Its connections outlive a round (see delivery):
// a reply to a mail that comes in a minute after the last one goes out
// over the same SMTP session and its copy over the same IMAP connection,
// without a new handshake and login.
func (d *Daemon) deliverLoop(ctx context.Context) {
	dl := d.newDelivery()
	defer dl.close()
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		// Another process (a command) may have ended with replies claimed
		// since the last round.
		dl.released = false
		if err := dl.run(ctx); err != nil && ctx.Err() == nil {
			d.log.Warn("outbox delivery", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.deliverNow:
		}
	}
}

// backoff is the wait before the next delivery attempt: 1 min doubling.
func backoff(attempts int) time.Duration {
	if attempts > 8 {
		attempts = 8
	}
	return time.Minute << attempts
}

// claimLease is how long a claimed reply is reserved for its sender; a
// sender that crashes leaves it to be taken again after that.
const claimLease = 10 * time.Minute

// maxDeliveryAttempts is how often a reply is tried before it is given up.
const maxDeliveryAttempts = 7

// deliverBatch is how many due replies Deliver reads at a time. A batch
// begins and ends with a commit (the claims; the sent log folded in), and
// no reply goes out meanwhile: with 50 those pauses took 1.3 s of a
// 10,000-reply backlog, with 100 about 0.9 s. The claimed messages (about
// 8 KB each) are held in memory while the batch lasts.
const deliverBatch = 100

// Deliver sends what is due in the outbox, batch after batch, until
// nothing due is left, the server is unreachable or something fails.
// A copy of each sent reply goes to the Sent folder, when one is set.
func (d *Daemon) Deliver(ctx context.Context) error {
	dl := d.newDelivery()
	defer dl.close()
	return dl.run(ctx)
}

// delivery keeps the connections of a series of deliveries: the SMTP
// sessions for the replies (up to smtp.connections) and one IMAP
// connection for their copies in Sent. The server takes one reply at a
// time: a reply it took is recorded as sent before it takes the next (see
// deliverBatch), so a crash repeats at most one reply. The copies are stored by a
// goroutine of their own, several per APPEND where the server allows (see
// inbox.Copier): whatever queued while the last APPEND ran goes into the
// next.
type delivery struct {
	d *Daemon
	// sessions are the SMTP sessions of the lanes (see deliverBatch),
	// opened as batches need them and kept, like the copier's connection.
	sessions []*sender.Session
	copies   chan []byte // to the copier; nil until the first batch
	wg       sync.WaitGroup
	// released: the claims of ended processes were released (once).
	released bool
}

// copyQueue is how many copies wait for the copier before the sender
// waits for it; copyLinger is how long the copier waits for more copies
// to store them together; copyIdleDefault is how long it keeps an unused
// connection.
const (
	copyQueue       = 200
	copyLinger      = 200 * time.Millisecond
	copyIdleDefault = 20 * time.Second
)

func (d *Daemon) newDelivery() *delivery {
	return &delivery{d: d}
}

// sessionsFor returns the sessions for a batch of n replies: one per reply,
// up to the daemon's number of lanes.
func (dl *delivery) sessionsFor(n int) []*sender.Session {
	n = max(1, min(n, dl.d.lanes))
	for len(dl.sessions) < n {
		dl.sessions = append(dl.sessions, dl.d.smtp.Session())
	}
	return dl.sessions[:n]
}

// copySent queues a copy of a sent reply for the Sent folder.
func (dl *delivery) copySent(raw []byte) {
	if dl.copies != nil {
		dl.copies <- raw
	}
}

// startCopies makes copySent work; called before a batch is sent.
func (dl *delivery) startCopies(ctx context.Context) {
	if dl.d.imapOpts.SentFolder == "" || dl.copies != nil {
		return
	}
	dl.copies = make(chan []byte, copyQueue)
	dl.wg.Go(func() { dl.copy(ctx) })
}

// copy stores the queued copies. A copy that cannot be stored is lost, the
// reply is not: after a failed connection it dials once more, after a
// second failure the copies of that batch are dropped. The losses are
// logged and counted in the metrics. A connection that has had nothing to
// store for a while (Daemon.copyIdle) is closed, so that a long-lived
// delivery (the daemon's) holds no connection the server may have dropped
// meanwhile.
func (dl *delivery) copy(ctx context.Context) {
	var (
		cp    *inbox.Copier
		dials int
		// queued and stored since the last report; counted: how many of
		// cp's stored copies are in stored already.
		queued, stored, counted int
	)
	end := func() {
		_ = cp.Close()
		stored += cp.Stored() - counted
		cp, counted = nil, 0
	}
	fail := func(err error) {
		if err == nil {
			return
		}
		dl.d.log.Warn("copy to sent folder failed", "err", err)
		if inbox.IsTemporary(err) {
			end()
		}
	}
	add := func(raw []byte) {
		queued++
		if cp == nil && dials < 2 {
			dials++
			c, err := inbox.DialCopier(ctx, dl.d.imapOpts)
			if err != nil {
				dl.d.log.Warn("no copies in the sent folder this time", "err", err)
				dials = 2
			}
			cp = c
		}
		if cp != nil {
			fail(cp.Append(ctx, raw, dl.d.now()))
		}
	}
	report := func() {
		if cp != nil {
			stored += cp.Stored() - counted
			counted = cp.Stored()
		}
		if lost := queued - stored; lost > 0 {
			dl.d.log.Warn("replies sent without a copy in the sent folder", "count", lost)
		}
		dl.d.metrics.Copies(stored, queued-stored)
		queued, stored = 0, 0
	}
	idle := time.NewTimer(dl.d.copyIdle)
	defer idle.Stop()
	for open := true; open; {
		var (
			raw []byte
			ok  bool
		)
		idle.Reset(dl.d.copyIdle)
		select {
		case raw, ok = <-dl.copies:
		case <-idle.C:
			if cp != nil {
				end()
			}
			raw, ok = <-dl.copies
		}
		if !ok {
			break
		}
		dials = 0
		add(raw)
		// What comes within copyLinger goes into the same APPEND (the
		// Copier sends a full batch by itself): one APPEND per reply
		// would cost the server far more than the copies are worth.
		linger := time.NewTimer(copyLinger)
	collect:
		for {
			select {
			case raw, ok := <-dl.copies:
				if !ok {
					open = false
					break collect
				}
				add(raw)
			case <-linger.C:
				break collect
			}
		}
		linger.Stop()
		if cp != nil {
			fail(cp.Flush(ctx))
		}
		report()
	}
	if cp != nil { // fail has ended it if the connection broke
		end()
	}
	report()
}

// close waits for the copies still queued and ends the connections.
func (dl *delivery) close() {
	if dl.copies != nil {
		close(dl.copies)
		dl.wg.Wait()
	}
	for _, s := range dl.sessions {
		s.Close()
	}
}

func (dl *delivery) run(ctx context.Context) error {
	// A reply claimed by a sender that has ended (a crash, kill -9) would
	// wait for its lease to run out; it is taken at once.
	if !dl.released {
		n, err := dl.d.db.ReleaseClaims(ctx, dl.d.now(), processGone)
		if err != nil {
			return err
		}
		dl.released = true
		if n > 0 {
			dl.d.log.Info("replies claimed by an ended process are due again", "count", n)
		}
	}
	for ctx.Err() == nil {
		// Every reply of a batch is sent, given up or claimed for later,
		// so the next batch holds others; a batch that was not full was
		// the last, and after an error the next round is soon enough.
		n, err := dl.d.deliverBatch(ctx, dl)
		if err != nil {
			return err
		}
		if n < deliverBatch {
			break
		}
	}
	return nil
}

// deliverBatch claims one batch of due replies, sends them and returns how
// many it claimed. When the server cannot be reached, the rest of the
// batch waits for the next round.
//
// The replies go out over up to Daemon.lanes SMTP sessions at once, but
// their ends of data go out one after the other, in the order of the
// batch: the server takes a reply (the final "." of its data) only once
// the reply before it is recorded as sent, in the store's sent log (one
// append, see store.DB.RecordSent). So at any moment at most one reply has
// been taken by the server without being recorded, and a crash repeats at
// most one reply, however many sessions there are. What the sessions do
// at the same time is the rest of each transaction (MAIL, RCPT, DATA and
// the data): the server's work on one reply overlaps its work on the next.
// The sent log reaches the outbox table when the batch ends, in the same
// commit that gives back the claims on replies that were not sent.
func (d *Daemon) deliverBatch(ctx context.Context, dl *delivery) (int, error) {
	now := d.now()
	items, err := d.db.ClaimDue(ctx, now, now.Add(claimLease), d.owner, deliverBatch)
	if err != nil {
		return 0, fmt.Errorf("read outbox: %w", err)
	}
	if len(items) == 0 {
		return 0, nil
	}
	dl.startCopies(ctx)
	links := make([]*link, len(items))
	for i := range links {
		links[i] = &link{done: make(chan struct{})}
	}
	var (
		mu    sync.Mutex
		taken int  // items given to a lane so far
		stop  bool // no lane takes another item
		errs  []error
		wg    sync.WaitGroup
	)
	lane := func(s *sender.Session) {
		for {
			mu.Lock()
			if stop || ctx.Err() != nil || taken == len(items) {
				mu.Unlock()
				return
			}
			i := taken
			taken++
			mu.Unlock()
			var prev *link
			if i > 0 {
				prev = links[i-1]
			}
			unreachable, err := d.deliverOne(ctx, dl, s, items[i], prev, links[i])
			mu.Lock()
			if err != nil {
				errs = append(errs, err)
			}
			if unreachable || links[i].err != nil {
				stop = true
			}
			mu.Unlock()
		}
	}
	for _, s := range dl.sessionsFor(len(items)) {
		wg.Go(func() { lane(s) })
	}
	wg.Wait()
	var unsent []int64
	for i, it := range items {
		if i >= taken || links[i].untouched {
			unsent = append(unsent, it.ID)
		}
	}
	if err := d.db.EndBatch(context.WithoutCancel(ctx), d.owner, unsent); err != nil {
		errs = append(errs, err)
	}
	return len(items), errors.Join(errs...)
}

// link is the end of one reply of a batch, in the batch's chain: done is
// closed once the reply is recorded (sent, or failed), or was not sent at
// all, and only after the link of the reply before it is done.
type link struct {
	done chan struct{}
	// err stops the rest of the batch: the record of this reply or of one
	// before it failed. untouched: the reply did not reach the server and
	// nothing was recorded; it is due again when the batch ends. Both are
	// valid after done.
	err       error
	untouched bool
}

// finish ends l after prev (nil for the first reply of a batch); recErr
// is the failure of l's own record.
func (l *link) finish(prev *link, recErr error, untouched bool) {
	if prev != nil {
		<-prev.done
		l.err = prev.err
	}
	if recErr != nil {
		l.err = recErr
	}
	l.untouched = untouched
	close(l.done)
}

// errBatchStopped stops a reply because a record before it failed.
var errBatchStopped = errors.New("a reply before it could not be recorded")

// deliverOne sends a claimed reply over session s, records the outcome
// and finishes its link this in every case; the server takes the reply
// only once prev is done. unreachable reports that the server could not
// be reached, so that the others wait for the next round.
func (d *Daemon) deliverOne(ctx context.Context, dl *delivery, s *sender.Session, it store.OutboxItem, prev, this *link) (unreachable bool, err error) {
	gate := func() error {
		if prev == nil {
			return nil
		}
		<-prev.done
		if prev.err != nil {
			return errBatchStopped
		}
		return nil
	}
	err = s.SendGated(ctx, d.cfg.Mailbox.Address, []string{it.To}, it.Raw, gate)
	if err == nil {
		// A reply the server took is recorded even while regbot shuts
		// down; one that cannot be recorded goes out again after its
		// claim's lease, like one sent just before a crash, and the batch
		// stops, so that a broken disk does not turn every reply into two.
		rerr := d.crashAt("record")
		if rerr == nil {
			rerr = d.db.RecordSent(it.ID, d.now())
		}
		if rerr != nil {
			rerr = fmt.Errorf("record sent reply %s: %w", it.MessageID, rerr)
		}
		this.finish(prev, rerr, false)
		d.metrics.Reply(true)
		d.log.Info("reply sent", "reply_msgid", it.MessageID, "kind", it.Kind)
		dl.copySent(it.Raw)
		return false, rerr
	}
	var gateErr *sender.GateError
	if errors.As(err, &gateErr) {
		this.finish(prev, nil, true)
		return false, nil // the batch reports the failed record
	}
	if ctx.Err() != nil {
		// Shutting down: no attempt of the reply's own failed.
		this.finish(prev, nil, true)
		return false, nil
	}
	unreachable = !sender.Refused(err) && strings.Contains(strings.ToLower(err.Error()), "connect")
	d.metrics.Reply(false)
	// Only a refusal of this message is final; a refused login or an
	// untrusted certificate is our setup and is retried until fixed.
	permanent := sender.Refused(err) || it.Attempts+1 >= maxDeliveryAttempts
	if !permanent && !sender.IsTemporary(err) {
		d.log.Error("replies cannot be sent: check the smtp settings", "err", err)
	}
	retry := d.now().Add(backoff(it.Attempts))
	errs := []error{fmt.Errorf("send reply %s: %w", it.MessageID, err)}
	// The failure is recorded before the next reply may be taken: the
	// server may have taken this one after all (a connection lost after
	// the end of data), and the chain allows one such reply at a time.
	if rerr := d.db.MarkAttemptFailed(context.WithoutCancel(ctx), it.ID, err.Error(), retry, permanent); rerr != nil {
		errs = append(errs, rerr)
	}
	this.finish(prev, nil, false)
	d.log.Warn("reply not delivered", "reply_msgid", it.MessageID, "permanent", permanent, "err", err)
	return unreachable && !permanent, errors.Join(errs...)
}
