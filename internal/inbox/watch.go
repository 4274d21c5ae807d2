package inbox

import (
	"context"
	"math/rand/v2"
	"time"
)

// Handler handles one pending mail. It normally fetches the mail with
// c.Fetch, records it, and marks it with c.MarkDone (and c.MarkReview).
// A mail it returns an error for stays pending and is offered again after
// the next Wait.
type Handler func(ctx context.Context, c *Conn, m Mail) error

// GroupHandler handles several pending mails at once (so that it can
// record them together) and returns one error, or nil, per mail, each
// meaning what Handler's error means.
type GroupHandler func(ctx context.Context, c *Conn, ms []Mail) []error

// Hooks are called by Watch for metrics. Every field may be nil.
type Hooks struct {
	// OnConnect is called after every successful Dial, the first included.
	OnConnect func()
	// OnReconnect is called each time Watch schedules a new Dial after a
	// lost connection or a failed attempt.
	OnReconnect func()
	// OnPoll is called after every successful search for pending mail, with
	// the time it finished.
	OnPoll func(time.Time)
	// OnHandlerError is called for every error a Handler returns while the
	// connection is fine (Watch logs it too).
	OnHandlerError func(m Mail, err error)
}

// Backoff between reconnects.
const (
	minBackoff = time.Second
	maxBackoff = 5 * time.Minute
)

// Watch runs the mailbox loop until ctx is done: Dial, hand every pending
// mail to h, Wait, and again. After any temporary error (the server went
// away, the network failed) it reconnects with exponential backoff from 1 s
// to 5 min, ±20 % jitter, logging every attempt; the backoff starts over
// once a connection has lived through a whole round.
//
// An error h returns for one mail is logged and counted, the mail stays
// pending and the loop goes on: deciding when to set a mail aside is the
// caller's business. If the connection failed under h, Watch reconnects.
// Each Mail carries Folder's UIDVALIDITY, so a change is seen by h.
//
// Watch returns nil once ctx is done, and an error only for what retrying
// cannot fix: invalid Options, a refused login, an untrusted certificate, a
// missing folder.
func Watch(ctx context.Context, opts Options, h Handler, hooks *Hooks) error {
	one := func(ctx context.Context, c *Conn, ms []Mail) []error { return []error{h(ctx, c, ms[0])} }
	return WatchGroups(ctx, opts, one, 1, hooks)
}

// WatchGroups is Watch handing the pending mails to h up to size at a time,
// in UID order.
func WatchGroups(ctx context.Context, opts Options, h GroupHandler, size int, hooks *Hooks) error {
	o, err := opts.normalize()
	if err != nil {
		return err
	}
	if hooks == nil {
		hooks = &Hooks{}
	}
	log := o.Logger
	w := &watcher{opts: o, h: h, size: max(1, size), hooks: hooks, backoff: backoff{min: minBackoff, max: maxBackoff}}
	for {
		if ctx.Err() != nil {
			return nil
		}
		c, err := Dial(ctx, o)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if !IsTemporary(err) {
				log.Error("cannot use the mailbox", "err", err)
				return err
			}
			if !w.retry(ctx, "cannot connect to the mailbox", err) {
				return nil
			}
			continue
		}
		if hooks.OnConnect != nil {
			hooks.OnConnect()
		}
		if w.uidValidity != 0 && c.UIDValidity() != w.uidValidity {
			log.Warn("UIDVALIDITY changed: UIDs start anew", "folder", o.Folder, "old", w.uidValidity, "new", c.UIDValidity())
		}
		w.uidValidity = c.UIDValidity()

		err = w.serve(ctx, c)
		if cerr := c.Close(); cerr != nil {
			log.Debug("close mailbox connection", "err", cerr)
		}
		if ctx.Err() != nil {
			return nil
		}
		if !w.retry(ctx, "mailbox connection lost", err) {
			return nil
		}
	}
}

type watcher struct {
	opts        Options
	h           GroupHandler
	size        int // mails per call of h
	hooks       *Hooks
	backoff     backoff
	uidValidity uint32
	failures    int // handler errors so far
}

// serve handles pending mail and waits, until the connection fails or ctx
// ends.
func (w *watcher) serve(ctx context.Context, c *Conn) error {
	log := w.opts.Logger
	for {
		mails, err := c.Pending(ctx)
		if err != nil {
			return err
		}
		if w.hooks.OnPoll != nil {
			w.hooks.OnPoll(time.Now())
		}
		if len(mails) > 0 {
			log.Debug("pending mail", "count", len(mails))
		}
		for len(mails) > 0 {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			group := mails[:min(w.size, len(mails))]
			mails = mails[len(group):]
			errs := w.h(ctx, c, group)
			if c.broken != nil {
				return c.broken
			}
			for i, err := range errs {
				if err == nil || i >= len(group) {
					continue
				}
				m := group[i]
				w.failures++
				log.Warn("mail not handled; it stays pending", "uid", m.UID, "err", err, "handler_errors", w.failures)
				if w.hooks.OnHandlerError != nil {
					w.hooks.OnHandlerError(m, err)
				}
			}
		}
		if err := c.Wait(ctx); err != nil {
			return err
		}
		w.backoff.reset()
	}
}

// retry logs why Watch reconnects and sleeps the backoff. It returns false
// when ctx ended meanwhile.
func (w *watcher) retry(ctx context.Context, msg string, err error) bool {
	d := w.backoff.next()
	w.opts.Logger.Warn(msg+", reconnecting", "err", err, "retry_in", d.Round(time.Millisecond))
	if w.hooks.OnReconnect != nil {
		w.hooks.OnReconnect()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-timer.C:
		return true
	}
}

// backoff is exponential with ±20 % jitter.
type backoff struct {
	min, max time.Duration
	n        int
}

func (b *backoff) next() time.Duration {
	d := b.min
	for i := 0; i < b.n && d < b.max; i++ {
		d *= 2
	}
	d = min(d, b.max)
	b.n++
	jitter := 0.8 + 0.4*rand.Float64()
	return time.Duration(float64(d) * jitter)
}

func (b *backoff) reset() { b.n = 0 }
