package daemon

import (
	"context"
	"fmt"
	"time"

	"github.com/heinlein/regbot/internal/store"
)

// Retain erases the personal data of every event that ended more than
// retention_days ago (0 keeps data forever). It is idempotent: an event
// purged once has nothing left to purge, and the store writes an audit
// entry with counts only, never names or addresses.
func (d *Daemon) Retain(ctx context.Context) (int, error) {
	days := d.cfg.RetentionDays
	if days <= 0 {
		return 0, nil
	}
	now := d.now()
	total := 0
	for _, ev := range d.cfg.Events {
		end := ev.End
		if end.IsZero() {
			end = ev.Start
		}
		if now.Before(end.AddDate(0, 0, days)) {
			continue
		}
		var n int
		err := d.db.Tx(ctx, func(tx *store.Tx) error {
			var err error
			n, err = tx.PurgeEvent(ev.ID)
			return err
		})
		if err != nil {
			return total, fmt.Errorf("erase the data of %s after %d days: %w", ev.ID, days, err)
		}
		if n > 0 {
			d.log.Info("personal data of a past event erased", "event", ev.ID, "registrations", n, "retention_days", days)
		}
		total += n
	}
	return total, nil
}

// retentionLoop runs Retain at start and then every hour.
func (d *Daemon) retentionLoop(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if _, err := d.Retain(ctx); err != nil && ctx.Err() == nil {
			d.log.Warn("retention", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
