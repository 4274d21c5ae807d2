package daemon

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/heinlein/regbot/internal/digest"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/sender"
	"github.com/heinlein/regbot/internal/store"
)

// digestKind is the outbox kind of the organisers' digest.
const digestKind = store.KindDigest

// digestWake is the longest the digest loop sleeps between two looks at
// the clock.
const digestWake = time.Minute

// DigestOnce builds the digest of today (the local day of d.now) with the
// changes since the last digest sent.
//
// Without send it prints the text digest to w and changes nothing.
//
// With send it queues one mail per address of digest.to in the outbox
// (kind "digest", a Message-ID stable per day and address) and records the
// day as sent, all in ONE transaction: a crash leaves either both or
// neither, and a second call on the same day finds the day recorded and
// queues nothing (it says so on w). The delivery loop sends the mails.
func (d *Daemon) DigestOnce(ctx context.Context, send bool, w io.Writer) error {
	if w == nil {
		w = io.Discard
	}
	now := d.now()
	if !send {
		var dg *digest.Digest
		err := d.db.View(ctx, func(r *store.Reader) error {
			var err error
			dg, err = digest.Current(r, d.cfg, now)
			return err
		})
		if err != nil {
			return fmt.Errorf("build the digest: %w", err)
		}
		_, err = io.WriteString(w, dg.Text())
		return err
	}

	to := d.digestRecipients()
	if len(to) == 0 {
		return errors.New("digest.to lists no organiser address: nobody to send the digest to")
	}
	from := reply.Mailbox{Name: d.cfg.Mailbox.Name, Email: d.cfg.Mailbox.Address}
	day := now.In(d.location()).Format(time.DateOnly)
	var dg *digest.Digest
	err := d.db.Tx(ctx, func(tx *store.Tx) error {
		done, err := tx.DigestSent(day)
		if err != nil || done {
			return err
		}
		dg, err = digest.Current(&tx.Reader, d.cfg, now)
		if err != nil {
			return err
		}
		for _, addr := range to {
			id := digestMessageID(day, addr, d.cfg.Mailbox.Address)
			raw, err := dg.Message(from, to, now, id)
			if err != nil {
				return err
			}
			if _, err := tx.Enqueue(&store.OutboxItem{MessageID: id, Kind: digestKind, To: addr, Raw: raw}); err != nil {
				return err
			}
		}
		return tx.MarkDigestSent(day)
	})
	if err != nil {
		return fmt.Errorf("queue the digest: %w", err)
	}
	if dg == nil {
		fmt.Fprintf(w, "the digest for %s was sent already; nothing queued\n", day)
		return nil
	}
	d.log.Info("digest queued", "day", day, "recipients", len(to), "new_registrations", dg.NewRegistrations(), "open_reviews", len(dg.Reviews))
	fmt.Fprintf(w, "digest for %s queued for %s: %s\n", day, strings.Join(to, ", "), dg.Subject())
	return nil
}

// DeliverDigests sends the queued digest mails now (and nothing else of the
// outbox), for `regbot digest --send`; the daemon's delivery loop would
// send them too. Failures are recorded like those of any reply.
func (d *Daemon) DeliverDigests(ctx context.Context) error {
	items, err := d.db.DueOutbox(ctx, d.now(), 0)
	if err != nil {
		return fmt.Errorf("read outbox: %w", err)
	}
	var errs []error
	for _, it := range items {
		if it.Kind != digestKind || ctx.Err() != nil {
			continue
		}
		err := d.smtp.Send(ctx, d.cfg.Mailbox.Address, []string{it.To}, it.Raw)
		if err == nil {
			if err := d.db.MarkSent(ctx, it.ID); err != nil {
				errs = append(errs, fmt.Errorf("record sent digest %s: %w", it.MessageID, err))
			}
			d.log.Info("digest sent", "reply_msgid", it.MessageID)
			continue
		}
		permanent := !sender.IsTemporary(err) || it.Attempts+1 >= maxDeliveryAttempts
		if rerr := d.db.MarkAttemptFailed(ctx, it.ID, err.Error(), d.now().Add(backoff(it.Attempts)), permanent); rerr != nil {
			errs = append(errs, rerr)
		}
		errs = append(errs, fmt.Errorf("send digest %s: %w", it.MessageID, err))
	}
	return errors.Join(errs...)
}

// digestLoop queues the digest once a day at digest.time (see digest.Due):
// it looks at the clock (d.now) at least every minute and asks the store
// which day was sent last, so restarts neither skip nor repeat a day. It
// does nothing when digest.to is empty.
func (d *Daemon) digestLoop(ctx context.Context) {
	if len(d.digestRecipients()) == 0 {
		return
	}
	t := time.NewTicker(digestWake)
	defer t.Stop()
	for {
		if err := d.digestIfDue(ctx); err != nil && ctx.Err() == nil {
			d.log.Warn("daily digest", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// digestIfDue queues today's digest when it is due; RunOnce may call it too.
func (d *Daemon) digestIfDue(ctx context.Context) error {
	if len(d.digestRecipients()) == 0 {
		return nil
	}
	last, _, err := d.db.Reader(ctx).LastDigest()
	if err != nil {
		return err
	}
	if _, due := digest.Due(last, d.now(), d.cfg.Digest.Time, d.location()); !due {
		return nil
	}
	return d.DigestOnce(ctx, true, io.Discard)
}

// digestRecipients are the organiser addresses, lower-case, without
// duplicates.
func (d *Daemon) digestRecipients() []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range d.cfg.Digest.To {
		a = strings.ToLower(strings.TrimSpace(a))
		if a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

func (d *Daemon) location() *time.Location {
	if d.cfg.Location != nil {
		return d.cfg.Location
	}
	return time.Local
}

// digestMessageID is stable per day and recipient, so that queuing the same
// digest again is a no-op (Enqueue is idempotent on the Message-ID), and
// holds no address in clear.
func digestMessageID(day, to, mailbox string) string {
	h := sha256.Sum256([]byte("digest\x00" + day + "\x00" + strings.ToLower(to)))
	domain := "regbot.invalid"
	if i := strings.LastIndexByte(mailbox, '@'); i >= 0 && i+1 < len(mailbox) {
		domain = strings.ToLower(mailbox[i+1:])
	}
	return "regbot-digest-" + day + "-" + hex.EncodeToString(h[:8]) + "@" + domain
}
