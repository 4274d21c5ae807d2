package inbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Copier keeps copies of sent replies in SentFolder over a connection of
// its own. Where the server offers MULTIAPPEND, copies are collected and
// stored several per APPEND (see multiConn). Elsewhere it selects
// SentFolder and sends one APPEND per copy, up to copierDepth in flight:
// Dovecot opens the target of an APPEND anew unless it is the selected
// folder, and opening costs more the larger the folder is.
type Copier struct {
	folder string
	// multi, when set, stores the batch; otherwise conn does, one by one.
	multi    *multiConn
	batch    []copyMsg
	size     int
	conn     *Conn
	inflight []*imapclient.AppendCommand
	// stored counts the copies the server confirmed.
	stored int
}

// Stored returns how many copies the server has confirmed so far.
func (cp *Copier) Stored() int { return cp.stored }

// copierDepth is how many single APPENDs are in flight at most; a batch
// of copies is sent when it holds copierBatch copies or copierBatchBytes.
const (
	copierDepth      = 8
	copierBatch      = 50
	copierBatchBytes = 4 << 20
)

// DialCopier connects, logs in and, without MULTIAPPEND, selects
// SentFolder, which must be set. Its errors are those of [Dial].
func DialCopier(ctx context.Context, opts Options) (*Copier, error) {
	o, err := opts.normalize()
	if err != nil {
		return nil, err
	}
	if o.SentFolder == "" {
		return nil, fmt.Errorf("inbox: %w: no SentFolder to copy replies to", ErrInvalidOptions)
	}
	cp := &Copier{folder: o.SentFolder}
	m, err := dialMulti(ctx, o)
	if err == nil {
		cp.multi = m
		return cp, nil
	}
	if !errors.Is(err, errNoMultiAppend) {
		return nil, err
	}
	c, err := dial(ctx, o, true)
	if err != nil {
		return nil, err
	}
	cp.conn = c
	return cp, nil
}

// Append stores a copy of raw in SentFolder, \Seen, with date as
// INTERNALDATE. It may return before the server has it (call Flush); the
// error it returns may be that of earlier copies the server refused.
// Once the connection is broken, every call returns an error that
// [IsTemporary] reports as temporary.
func (cp *Copier) Append(ctx context.Context, raw []byte, date time.Time) error {
	if cp.multi != nil {
		cp.batch = append(cp.batch, copyMsg{raw: raw, date: date})
		cp.size += len(raw)
		if len(cp.batch) >= copierBatch || cp.size >= copierBatchBytes {
			return cp.sendBatch(ctx)
		}
		return nil
	}
	var errs []error
	if len(cp.inflight) >= copierDepth {
		errs = append(errs, cp.waitOldest(ctx))
	}
	c := cp.conn
	err := c.run(ctx, "append to "+cp.folder, func() error {
		cmd := c.client.Append(cp.folder, int64(len(raw)), &imap.AppendOptions{
			Flags: []imap.Flag{imap.FlagSeen},
			Time:  date,
		})
		_, werr := cmd.Write(raw)
		if err := errors.Join(werr, cmd.Close()); err != nil {
			_, _ = cmd.Wait()
			return err
		}
		cp.inflight = append(cp.inflight, cmd)
		return nil
	})
	return errors.Join(append(errs, err)...)
}

func (cp *Copier) sendBatch(ctx context.Context) error {
	batch := cp.batch
	cp.batch, cp.size = nil, 0
	if len(batch) == 0 {
		return nil
	}
	err := cp.multi.append(ctx, cp.folder, batch)
	if err == nil {
		cp.stored += len(batch)
		return nil
	}
	var refused *statusError
	if len(batch) == 1 || !errors.As(err, &refused) || errors.Is(err, ErrNoFolder) {
		return err
	}
	// The server refused the whole batch (one copy too large, over
	// quota, …): one by one, only the copies it refuses are lost.
	var errs []error
	for _, m := range batch {
		err := cp.multi.append(ctx, cp.folder, []copyMsg{m})
		if err == nil {
			cp.stored++
			continue
		}
		errs = append(errs, err)
		if !errors.As(err, &refused) {
			break // the connection is gone: the rest is lost too
		}
	}
	return errors.Join(errs...)
}

func (cp *Copier) waitOldest(ctx context.Context) error {
	cmd := cp.inflight[0]
	cp.inflight = cp.inflight[1:]
	c := cp.conn
	err := c.run(ctx, "append to "+cp.folder, func() error {
		_, err := cmd.Wait()
		return err
	})
	if err == nil {
		cp.stored++
	}
	return err
}

// Flush stores what Append collected and waits until the server has
// confirmed or refused every copy; it returns the errors of the refused.
func (cp *Copier) Flush(ctx context.Context) error {
	if cp.multi != nil {
		return cp.sendBatch(ctx)
	}
	var errs []error
	for len(cp.inflight) > 0 {
		errs = append(errs, cp.waitOldest(ctx))
	}
	return errors.Join(errs...)
}

// Close flushes (a few seconds at most), logs out and closes the
// connection.
func (cp *Copier) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), logoutTimeout)
	defer cancel()
	ferr := cp.Flush(ctx)
	if cp.multi != nil {
		cp.multi.logout()
		return ferr
	}
	return errors.Join(ferr, cp.conn.Close())
}
