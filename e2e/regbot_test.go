package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRunOnce: registrations sent through Postfix, `regbot run --once` over
// plain IMAP, German replies with a calendar entry in the senders'
// mailboxes, the registration mails marked handled, and a second run that
// sends nothing.
func TestRunOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "once")
	anna := e.addr("anna", "example.org")
	bert := e.addr("bert", "example.org")
	carla := e.addr("carla", "example.org")

	regAnna := registration("Anna Schmidt", anna)
	e.send(regAnna, anna)
	regBert := &outMail{
		from:    "Bert Beispiel <" + bert + ">",
		subject: "Anmeldung zum Runden Tisch",
		body: "Hallo,\n\nhiermit melde ich mich und meine Kollegin Carla Schulz (" + carla + ") für den Runden Tisch an.\n\n" +
			"Viele Grüße\nBert Beispiel\n",
	}
	e.send(regBert, bert)
	e.s.waitMails(t, e.mailbox, "INBOX", 2)

	cfg := e.writeConfig("regbot.yaml", e.plainConfig())
	if r := e.runOnce(cfg); r.code != 0 {
		t.Fatalf("regbot run --once: exit %d, want 0", r.code)
	}

	// Anna and Bert get a confirmation in their own INBOX, threaded to their mail.
	annaMails := e.s.waitMails(t, anna, "INBOX", 1)
	checkConfirmation(t, e, regAnna, anna, replyTo(t, annaMails, regAnna))
	bertMails := e.s.waitMails(t, bert, "INBOX", 1)
	pb := checkConfirmation(t, e, regBert, bert, replyTo(t, bertMails, regBert))
	if !strings.Contains(pb.text, "Carla Schulz") {
		t.Errorf("Bert's confirmation does not name his colleague Carla Schulz:\n%s", pb.text)
	}
	// Carla, registered by Bert, is told so.
	carlaMails := e.s.waitMails(t, carla, "INBOX", 1)
	pc := parse(t, carlaMails[0].raw)
	if !strings.Contains(pc.get("To"), carla) || !strings.Contains(pc.get("From"), e.mailbox) {
		t.Errorf("Carla's mail: From %q To %q, want from %s to %s", pc.get("From"), pc.get("To"), e.mailbox, carla)
	}
	if !strings.Contains(pc.text, "Bert Beispiel") || !strings.Contains(pc.text, "angemeldet") {
		t.Errorf("Carla's mail does not say that Bert Beispiel registered her:\n%s", pc.text)
	}
	if got := pc.get("Auto-Submitted"); !strings.HasPrefix(got, "auto-") {
		t.Errorf("Carla's mail: Auto-Submitted %q, want auto-generated or auto-replied", got)
	}
	if len(pc.calendars) == 0 || !strings.Contains(pc.calendars[0], "METHOD:REQUEST") {
		t.Errorf("Carla's mail has no calendar entry with METHOD:REQUEST (parts %v)", pc.types)
	}

	// The registrations are marked handled; every reply has a copy in Sent.
	for _, m := range e.s.mails(t, e.mailbox, "INBOX") {
		if !m.has(doneKeyword) {
			t.Errorf("registration mail uid %d: flags %v, want %s", m.uid, m.flags, doneKeyword)
		}
	}
	sent := e.s.mails(t, e.mailbox, "Sent")
	if len(sent) != 3 {
		t.Errorf("Sent of %s holds %d copies, want 3 (Anna, Bert, Carla)", e.mailbox, len(sent))
	}

	// Once more over the same mailbox: nothing to do, nothing sent.
	r := e.runOnce(cfg)
	if r.code != 0 {
		t.Fatalf("second regbot run --once: exit %d, want 0", r.code)
	}
	if strings.Contains(r.stderr, "reply sent") {
		t.Errorf("the second run sent a reply:\n%s", r.stderr)
	}
	if n := len(e.s.mails(t, e.mailbox, "Sent")); n != len(sent) {
		t.Errorf("after the second run Sent holds %d copies, want %d", n, len(sent))
	}
	for who, before := range map[string]int{anna: len(annaMails), bert: len(bertMails), carla: len(carlaMails)} {
		if n := len(e.s.mails(t, who, "INBOX")); n != before {
			t.Errorf("after the second run %s has %d mails, want %d", who, n, before)
		}
	}
}

// TestDaemonIdle: `regbot run` waits in IDLE, answers a mail that arrives
// meanwhile, and ends cleanly on SIGTERM.
func TestDaemonIdle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "idle")
	o := e.plainConfig()
	// Far longer than the test: only IDLE can bring the mail in time.
	o.pollInterval = 10 * time.Minute
	d := e.startDaemon(e.writeConfig("regbot.yaml", o))
	d.waitLog(t, "mailbox connected", deliveryTimeout)
	// Send only once regbot idles, so that IDLE, not the first search,
	// brings the mail in. Dovecot's process titles tell; when its processes
	// are not visible here (another PID namespace), the test goes on without.
	start := time.Now()
	for {
		all, idle := imapSessions(e.mailbox)
		if idle > 0 {
			break
		}
		if all == 0 && time.Since(start) > 5*time.Second {
			t.Logf("no Dovecot process of %s visible: cannot tell when regbot idles", e.mailbox)
			break
		}
		if time.Since(start) > deliveryTimeout {
			t.Fatalf("regbot's IMAP session of %s did not go into IDLE within %v (Dovecot process titles)", e.mailbox, deliveryTimeout)
		}
		time.Sleep(100 * time.Millisecond)
	}

	erik := e.addr("erik", "example.org")
	reg := registration("Erik Example", erik)
	e.send(reg, erik)
	got := e.s.waitMails(t, erik, "INBOX", 1)
	checkConfirmation(t, e, reg, erik, replyTo(t, got, reg))
	for _, m := range e.s.mails(t, e.mailbox, "INBOX") {
		if !m.has(doneKeyword) {
			t.Errorf("registration mail uid %d: flags %v, want %s", m.uid, m.flags, doneKeyword)
		}
	}

	// The daemon's delivery loop keeps a copy of the reply in Sent.
	if sent := e.s.waitMails(t, e.mailbox, "Sent", 1); len(sent) != 1 {
		t.Errorf("Sent holds %d copies, want 1", len(sent))
	}

	if err := d.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	signalled := time.Now()
	select {
	case <-d.exited:
		t.Logf("regbot run exited %v after SIGTERM", time.Since(signalled).Round(time.Millisecond))
	case <-time.After(exitTimeout):
		t.Fatalf("regbot run did not exit within %v of SIGTERM", exitTimeout)
	}
	if code := d.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("regbot run exited with %d after SIGTERM (%v), want 0", code, d.err)
	}
}

// TestTLS: IMAPS and submission with STARTTLS, verified against ca_file; a
// CA that did not sign the server's certificate stops regbot with an error
// about the certificate, and loses nothing.
func TestTLS(t *testing.T) {
	t.Parallel()
	tlsConfig := func(e *testEnv) configOptions {
		return configOptions{
			imap: server{port: e.s.IMAPSPort, security: "tls", username: e.mailbox, caFile: e.s.CA},
			smtp: server{port: e.s.SubmissionPort, security: "starttls", username: e.mailbox, caFile: e.s.CA},
		}
	}

	// Verified both ways of IMAP over TLS. The copy in Sent travels over a
	// connection of its own, with TLS too.
	for _, v := range []struct{ name, env, security string }{
		{"verified, IMAPS", "tls", "tls"},
		{"verified, IMAP with STARTTLS", "imapstarttls", "starttls"},
	} {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, v.env)
			fritz := e.addr("fritz", "example.org")
			reg := registration("Fritz Fischer", fritz)
			e.send(reg, fritz)
			e.s.waitMails(t, e.mailbox, "INBOX", 1)
			o := tlsConfig(e)
			if v.security == "starttls" {
				o.imap.port, o.imap.security = e.s.IMAPPort, "starttls"
			}
			if r := e.runOnce(e.writeConfig("regbot.yaml", o)); r.code != 0 {
				t.Fatalf("regbot run --once (IMAP security %s): exit %d, want 0\n%s", v.security, r.code, r.stderr)
			}
			got := e.s.waitMails(t, fritz, "INBOX", 1)
			checkConfirmation(t, e, reg, fritz, replyTo(t, got, reg))
			if n := len(e.s.mails(t, e.mailbox, "Sent")); n != 1 {
				t.Errorf("Sent holds %d copies, want 1", n)
			}
		})
	}

	t.Run("wrong CA for IMAP", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, "badimapca")
		gina := e.addr("gina", "example.org")
		reg := registration("Gina Gerber", gina)
		e.send(reg, gina)
		e.s.waitMails(t, e.mailbox, "INBOX", 1)
		o := tlsConfig(e)
		o.imap.caFile = foreignCA(t)
		r := e.runOnce(e.writeConfig("wrong-ca.yaml", o))
		if r.code == 0 {
			t.Fatalf("regbot run --once trusted a server certificate that ca_file does not vouch for (exit 0)")
		}
		if !strings.Contains(strings.ToLower(r.stderr), "certificate") {
			t.Errorf("the error does not mention the certificate:\n%s", r.stderr)
		}
		for _, m := range e.s.mails(t, e.mailbox, "INBOX") {
			if m.has(doneKeyword) {
				t.Errorf("uid %d is marked handled although regbot could not log in", m.uid)
			}
		}
		if n := len(e.s.mails(t, e.mailbox, "Sent")); n != 0 {
			t.Errorf("Sent holds %d replies, want none", n)
		}
		// With the right CA the mail is answered: nothing was lost.
		if r := e.runOnce(e.writeConfig("regbot.yaml", tlsConfig(e))); r.code != 0 {
			t.Fatalf("regbot run --once with the right CA: exit %d, want 0", r.code)
		}
		got := e.s.waitMails(t, gina, "INBOX", 1)
		checkConfirmation(t, e, reg, gina, replyTo(t, got, reg))
	})

	t.Run("wrong CA for SMTP", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, "badsmtpca")
		hans := e.addr("hans", "example.org")
		reg := registration("Hans Huber", hans)
		e.send(reg, hans)
		e.s.waitMails(t, e.mailbox, "INBOX", 1)
		o := tlsConfig(e)
		o.smtp.caFile = foreignCA(t)
		r := e.runOnce(e.writeConfig("wrong-ca.yaml", o))
		if r.code == 0 {
			t.Fatalf("regbot run --once delivered over a connection whose certificate ca_file does not vouch for (exit 0)")
		}
		if !strings.Contains(strings.ToLower(r.stderr), "certificate") {
			t.Errorf("the error does not mention the certificate:\n%s", r.stderr)
		}
		if n := len(e.s.mails(t, e.mailbox, "Sent")); n != 0 {
			t.Errorf("Sent holds %d replies, want none", n)
		}
		// The registration itself is recorded (the reply waits in the
		// outbox for the next attempt), so the mail is handled.
		for _, m := range e.s.mails(t, e.mailbox, "INBOX") {
			if !m.has(doneKeyword) {
				t.Errorf("uid %d: flags %v, want %s", m.uid, m.flags, doneKeyword)
			}
		}
	})
}

// TestMachineMailGetsNoReply: an out-of-office notice, a bounce sent through
// the stack and a bounce Postfix itself generated are handled without a
// reply, while a registration in the same run is answered.
func TestMachineMailGetsNoReply(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "machine")
	bob := e.addr("bob", "example.org")
	dora := e.addr("dora", "example.org")

	ooo := &outMail{
		from:    "Bob Abwesend <" + bob + ">",
		subject: "Automatische Antwort: Anmeldung Runder Tisch",
		headers: []string{"Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: OOF, AutoReply"},
		body: "Vielen Dank für Ihre Nachricht. Ich bin bis zum 2. Dezember nicht im Büro und habe keinen Zugriff auf meine E-Mails.\n" +
			"In dringenden Fällen wenden Sie sich bitte an meine Kollegin.\n",
	}
	e.send(ooo, bob)
	lea := e.addr("lea", "example.net")
	bounce := &outMail{
		from:    "Mail Delivery System <MAILER-DAEMON@example.org>",
		subject: "Undelivered Mail Returned to Sender",
		headers: []string{
			"Auto-Submitted: auto-replied",
			"MIME-Version: 1.0",
			`Content-Type: multipart/report; report-type=delivery-status; boundary="b1"`,
		},
		body: "--b1\nContent-Type: text/plain; charset=us-ascii\n\n" +
			"This is the mail system at host mx.example.org.\n\n" +
			"I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n" +
			"<" + lea + ">: User unknown in virtual mailbox table\n\n" +
			"--b1\nContent-Type: message/delivery-status\n\n" +
			"Reporting-MTA: dns; mx.example.org\n\n" +
			"Final-Recipient: rfc822; " + lea + "\nAction: failed\nStatus: 5.1.1\n" +
			"Diagnostic-Code: smtp; 550 5.1.1 <" + lea + ">: User unknown\n\n--b1--\n",
	}
	e.send(bounce, "") // the null sender, as bounces have
	want := 2
	if e.postfixBounce(e.addr("max", "example.invalid")) {
		want++
	}
	reg := registration("Dora Diener", dora)
	e.send(reg, dora)
	e.s.waitMails(t, e.mailbox, "INBOX", want+1)

	r := e.runOnce(e.writeConfig("regbot.yaml", e.plainConfig()))
	if r.code != 0 {
		t.Fatalf("regbot run --once: exit %d, want 0", r.code)
	}
	// The registration is answered ...
	got := e.s.waitMails(t, dora, "INBOX", 1)
	checkConfirmation(t, e, reg, dora, replyTo(t, got, reg))
	// ... and nothing else: Sent holds only Dora's reply, Bob got nothing.
	sent := e.s.mails(t, e.mailbox, "Sent")
	if len(sent) != 1 {
		for _, m := range sent {
			p := parse(t, m.raw)
			t.Logf("in Sent: to %s, subject %q", p.get("To"), p.get("Subject"))
		}
		t.Errorf("Sent holds %d replies, want 1 (to %s only)", len(sent), dora)
	}
	if n := strings.Count(r.stderr, "reply sent"); n != 1 {
		t.Errorf("regbot logged %d sent replies, want 1", n)
	}
	if ms := e.s.mails(t, bob, "INBOX"); len(ms) != 0 {
		t.Errorf("the out-of-office sender %s got %d mails, want none", bob, len(ms))
	}
	for _, m := range e.s.mails(t, e.mailbox, "INBOX") {
		if !m.has(doneKeyword) {
			p := parse(t, m.raw)
			t.Errorf("%q from %s: flags %v, want %s", p.get("Subject"), p.get("From"), m.flags, doneKeyword)
		}
	}
}

// postfixBounce makes Postfix itself bounce a mail from the registration
// mailbox to rcpt (the stack delivers nothing outward): the bounce lands in
// the registration mailbox. It needs root (Postfix's sendmail with the
// stack's configuration directory) and reports whether it sent one.
func (e *testEnv) postfixBounce(rcpt string) bool {
	e.t.Helper()
	if os.Geteuid() != 0 {
		e.t.Log("not root: no bounce from Postfix itself (sendmail -C needs root)")
		return false
	}
	sendmail, err := exec.LookPath("sendmail")
	if err != nil {
		sendmail = "/usr/sbin/sendmail"
	}
	e.n++
	m := &outMail{
		from: "Heinlein Support <" + e.mailbox + ">",
		to:   rcpt,
		// ASCII only: Postfix marks mail from sendmail with 8-bit headers
		// SMTPUTF8, and then cannot deliver the bounce over Dovecot's LMTP,
		// which does not offer SMTPUTF8.
		subject: "Ihre Anmeldung: Runder Tisch",
		msgID:   fmt.Sprintf("<%s-%d-%s@heinlein-support.de>", e.tag, e.n, e.id),
		headers: []string{"Auto-Submitted: auto-replied"},
		body:    "Guten Tag,\n\nvielen Dank für Ihre Anmeldung.\n",
	}
	cmd := exec.Command(sendmail, "-C", filepath.Join(e.s.Dir, "etc", "postfix"), "-i", "-f", e.mailbox, rcpt)
	cmd.Stdin = strings.NewReader(strings.ReplaceAll(string(m.message()), "\r\n", "\n"))
	if out, err := cmd.CombinedOutput(); err != nil {
		e.t.Fatalf("%s: %v\n%s", cmd, err, out)
	}
	return true
}

// replyTo finds the reply to orig among mails (by In-Reply-To).
func replyTo(t *testing.T, mails []stored, orig *outMail) parsed {
	t.Helper()
	var seen []string
	for _, m := range mails {
		p := parse(t, m.raw)
		if p.get("In-Reply-To") == orig.msgID {
			return p
		}
		seen = append(seen, fmt.Sprintf("%q (In-Reply-To %q)", p.get("Subject"), p.get("In-Reply-To")))
	}
	t.Fatalf("no reply with In-Reply-To %s among %d mails: %s", orig.msgID, len(mails), strings.Join(seen, ", "))
	return parsed{}
}

// checkConfirmation checks a confirmation of reg sent to addr.
func checkConfirmation(t *testing.T, e *testEnv, reg *outMail, addr string, p parsed) parsed {
	t.Helper()
	if got := p.get("In-Reply-To"); got != reg.msgID {
		t.Errorf("In-Reply-To %q, want %q", got, reg.msgID)
	}
	if got := p.get("References"); !strings.Contains(got, reg.msgID) {
		t.Errorf("References %q does not contain %q", got, reg.msgID)
	}
	if got := p.get("Auto-Submitted"); got != "auto-replied" {
		t.Errorf("Auto-Submitted %q, want auto-replied", got)
	}
	if got := p.get("From"); !strings.Contains(got, e.mailbox) {
		t.Errorf("From %q, want %s", got, e.mailbox)
	}
	if got := p.get("To"); !strings.Contains(got, addr) {
		t.Errorf("To %q, want %s", got, addr)
	}
	if got := p.get("Message-ID"); got == "" {
		t.Error("the reply has no Message-ID")
	}
	if !strings.Contains(p.text, "vielen Dank für Ihre Anmeldung") {
		t.Errorf("the text does not say \"vielen Dank für Ihre Anmeldung\":\n%s", p.text)
	}
	if !strings.Contains(p.text, "Open Source in Berlin") {
		t.Errorf("the text does not name the event:\n%s", p.text)
	}
	if len(p.calendars) != 1 {
		t.Fatalf("%d text/calendar parts, want 1 (parts: %v)", len(p.calendars), p.types)
	}
	cal := p.calendars[0]
	for _, want := range []string{"BEGIN:VCALENDAR", "METHOD:REQUEST", "BEGIN:VEVENT", "SUMMARY:"} {
		if !strings.Contains(cal, want) {
			t.Errorf("the calendar part lacks %s:\n%s", want, cal)
		}
	}
	return p
}

// TestReplyLeavesForTheOutsideWorld: a registration from an address outside
// the stack's own domains is answered, and Postfix relays the answer through
// its SMTP client to the stack's remote sink (the load benchmark's default
// recipients), with nothing left in the queue.
func TestReplyLeavesForTheOutsideWorld(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "remote")
	if err := e.s.Remote(); err != nil {
		t.Fatal(err)
	}
	dora := e.addr("dora", e.s.RemoteDomain)
	e.send(registration("Dora Fischer", dora), dora)
	e.s.waitMails(t, e.mailbox, "INBOX", 1)
	cfg := e.writeConfig("regbot.yaml", e.plainConfig())
	if r := e.runOnce(cfg); r.code != 0 {
		t.Fatalf("regbot run --once: exit %d, want 0", r.code)
	}
	if sent := e.s.mails(t, e.mailbox, "Sent"); len(sent) != 1 {
		t.Fatalf("Sent holds %d copies, want 1 (Dora's confirmation)", len(sent))
	}
	// Postfix logs each delivery attempt; the sink's answer ends the reply's.
	logFile := filepath.Join(e.s.Dir, "log", "postfix.log")
	want := fmt.Sprintf("to=<%s>, relay=127.0.0.1[127.0.0.1]:%d", dora, e.s.SinkPort)
	deadline := time.Now().Add(deliveryTimeout)
	for {
		b, err := os.ReadFile(logFile)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for l := range strings.Lines(string(b)) {
			if strings.Contains(l, want) {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			if !strings.Contains(lines[len(lines)-1], "status=sent") {
				t.Errorf("Postfix did not hand the reply to the sink:\n%s", strings.Join(lines, ""))
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no delivery of the reply to %s through the sink in %s within %v", dora, logFile, deliveryTimeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
