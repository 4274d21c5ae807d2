// Package demo runs the whole of regbot on embedded servers: an in-memory
// IMAP server with a dozen sample mails, an SMTP sink, a temporary
// database. It is what `regbot demo` shows a new user: what came in, what
// was decided and every reply in full. It needs no network and no
// configuration.
package demo

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/daemon"
	"github.com/heinlein/regbot/internal/intent"
	"github.com/heinlein/regbot/internal/mailparse"
)

//go:embed samples/*.eml
var samples embed.FS

// Capacity of the Runder Tisch in the demo: small, so that the waiting
// list and a promotion show.
const demoCapacity = 4

// Run plays the demo and writes the report to w.
func Run(ctx context.Context, w io.Writer, analyzer func(*config.Config) *intent.Analyzer) error {
	imapSrv, err := startIMAP()
	if err != nil {
		return fmt.Errorf("start the demo IMAP server: %w", err)
	}
	defer imapSrv.close()
	smtpSink, err := startSMTP()
	if err != nil {
		return fmt.Errorf("start the demo SMTP sink: %w", err)
	}
	defer smtpSink.close()
	dir, err := os.MkdirTemp("", "regbot-demo-")
	if err != nil {
		return fmt.Errorf("create a temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)

	cfg := config.Default()
	cfg.Database = filepath.Join(dir, "regbot.db")
	host, port := splitAddr(imapSrv.addr)
	cfg.IMAP.Host, cfg.IMAP.Port, cfg.IMAP.Security, cfg.IMAP.Username = host, port, "none", demoUser
	cfg.IMAP.SentFolder = "Sent"
	cfg.Metrics.Address = ""
	cfg.SMTP.Host, cfg.SMTP.Port, cfg.SMTP.Security, cfg.SMTP.Username = smtpSink.host, smtpSink.port, "none", ""
	for i := range cfg.Events {
		if cfg.Events[i].Default {
			cfg.Events[i].Capacity = demoCapacity
		}
	}

	names, err := fs.Glob(samples, "samples/*.eml")
	if err != nil || len(names) == 0 {
		return fmt.Errorf("the embedded sample mails are missing: %v", err)
	}
	sort.Strings(names)
	var last time.Time
	for _, n := range names {
		raw, err := samples.ReadFile(n)
		if err != nil {
			return err
		}
		// The mail arrives when it was written: the deadline is judged by that.
		at := dateOf(raw)
		if at.After(last) {
			last = at
		}
		if err := imapSrv.append("INBOX", raw, at); err != nil {
			return fmt.Errorf("put %s into the demo mailbox: %w", n, err)
		}
	}

	fmt.Fprintf(w, "regbot demo: %d mails in the mailbox of %s\n", len(names), cfg.Mailbox.Address)
	fmt.Fprintf(w, "Runder Tisch capacity %d, registration deadline %s; replies go to an SMTP sink.\n\n", demoCapacity, cfg.Events[0].Deadline.Format("02.01.2006"))
	pass := demoPassword
	empty := ""
	clock := func() time.Time { return last.Add(time.Hour) }
	d, err := daemon.New(ctx, cfg, analyzer(cfg), daemon.Options{
		Now:          clock,
		IMAPPassword: &pass,
		SMTPPassword: &empty,
		Report:       func(e daemon.Event) { report(w, e) },
	})
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.RunOnce(ctx); err != nil {
		return fmt.Errorf("handle the demo mailbox: %w", err)
	}
	// The mailbox again: everything is handled, nothing is sent twice.
	before := len(smtpSink.messages())
	if err := d.RunOnce(ctx); err != nil {
		return fmt.Errorf("second run: %w", err)
	}
	msgs := smtpSink.messages()
	fmt.Fprintf(w, "\n%d replies sent; a second run over the same mailbox sent %d more.\n", len(msgs), len(msgs)-before)
	for i, m := range msgs {
		fmt.Fprintf(w, "\n════════ reply %d of %d ════════\n", i+1, len(msgs))
		printReply(w, m)
	}
	return nil
}

func splitAddr(addr string) (string, int) {
	i := strings.LastIndexByte(addr, ':')
	var port int
	fmt.Sscanf(addr[i+1:], "%d", &port)
	return addr[:i], port
}

func dateOf(raw []byte) time.Time {
	m, err := mailparse.ParseBytes(raw)
	if err != nil || m.Date.IsZero() {
		return time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	}
	return m.Date
}

func report(w io.Writer, e daemon.Event) {
	if e.SetAside {
		fmt.Fprintf(w, "✗ uid %d set aside for a person: %v\n", e.UID, e.Err)
		return
	}
	fmt.Fprintf(w, "→ %s: %s\n", e.From, e.Subject)
	var reqs []string
	for _, q := range e.Result.Requests {
		s := string(q.Intent)
		if q.Event != "" {
			s += " " + q.Event
		}
		reqs = append(reqs, s)
	}
	fmt.Fprintf(w, "  understood: %s\n", strings.Join(reqs, ", "))
	for _, a := range e.Result.Attendees {
		fmt.Fprintf(w, "  attendee:   %s %s\n", orDash(a.Name), a.Email)
	}
	if e.Outcome != nil {
		for _, n := range e.Outcome.Notes {
			fmt.Fprintf(w, "  decided:    %s\n", n)
		}
		if e.Outcome.NeedsPerson {
			fmt.Fprintf(w, "  for a person: %s\n", strings.Join(e.Outcome.Reasons, "; "))
		}
		fmt.Fprintf(w, "  replies:    %d\n", len(e.Outcome.Replies))
	}
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// printReply shows a reply as a person reads it: the headers that matter,
// the text part and the attachments.
func printReply(w io.Writer, raw []byte) {
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		fmt.Fprintf(w, "(unreadable reply: %v)\n", err)
		return
	}
	for _, k := range []string{"From", "To", "Subject", "In-Reply-To", "Auto-Submitted"} {
		if v, err := r.Header.Text(k); err == nil && v != "" {
			fmt.Fprintf(w, "%s: %s\n", k, v)
		}
	}
	fmt.Fprintln(w)
	for {
		p, err := r.NextPart()
		if err != nil {
			break
		}
		switch h := p.Header.(type) {
		case *mail.InlineHeader:
			ct, _, _ := h.ContentType()
			if ct == "text/plain" {
				b, _ := io.ReadAll(p.Body)
				fmt.Fprintln(w, strings.TrimSpace(string(b)))
			} else if ct == "text/calendar" {
				fmt.Fprintln(w, "[attached: calendar entry einladung.ics]")
			}
		case *mail.AttachmentHeader:
			name, _ := h.Filename()
			fmt.Fprintf(w, "[attached: %s]\n", name)
		}
	}
}
