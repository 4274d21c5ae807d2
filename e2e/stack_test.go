package e2e

// Helpers of the end-to-end tests: finding the mail stack, building and
// running regbot, sending mail through Postfix, reading mailboxes from
// Dovecot, taking replies apart.

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // replies in any charset

	"github.com/heinlein/regbot/e2e/mailstack"
)

// skipMessage starts the message of every test that finds no stack.
const skipMessage = "mailstack not running: start it with scripts/mailstack.sh start"

// doneKeyword is what regbot sets on handled mail (imap.done_folder empty).
const doneKeyword = imap.Flag("$regbot-done")

// Generous bounds; a healthy stack delivers within a second.
const (
	deliveryTimeout = 30 * time.Second // mail from an SMTP accept until it is in the mailbox
	runTimeout      = 90 * time.Second // one `regbot run --once`
	exitTimeout     = 10 * time.Second // the daemon's exit after SIGTERM
)

// runID and envSeq make addresses unique per test run and per test (also
// with -count): the stack keeps its mailboxes between runs.
var (
	runID  = strconv.FormatInt(time.Now().UnixNano()/1e6, 36)
	envSeq atomic.Int64
)

// ---------------------------------------------------------------- the stack

// stack is the running mailstack (e2e/mailstack finds it); the fault
// tests add what they do to its servers.
type stack struct{ *mailstack.Stack }

var (
	stackOnce sync.Once
	theStack  *stack
	stackErr  error
)

// needStack returns the stack, or skips the test when there is none (fails
// it with REGBOT_E2E=required).
func needStack(t *testing.T) *stack {
	t.Helper()
	stackOnce.Do(func() {
		var s *mailstack.Stack
		if s, stackErr = mailstack.Find(); stackErr == nil {
			theStack = &stack{s}
		}
	})
	if stackErr != nil {
		msg := fmt.Sprintf("%s (%v)", skipMessage, stackErr)
		if os.Getenv("REGBOT_E2E") == "required" {
			t.Fatalf("%s; REGBOT_E2E=required turns this skip into a failure", msg)
		}
		t.Skip(msg)
	}
	return theStack
}

// ---------------------------------------------------------------- regbot

var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// regbotBinary builds ./cmd/regbot once per test run, or takes the binary
// that REGBOT_E2E_BINARY names (to test a release build).
func regbotBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if bin := os.Getenv("REGBOT_E2E_BINARY"); bin != "" {
			binPath, buildErr = filepath.Abs(bin)
			return
		}
		root, err := moduleRoot()
		if err != nil {
			buildErr = err
			return
		}
		if binDir, err = os.MkdirTemp("", "regbot-e2e-"); err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(binDir, "regbot")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/regbot")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build -o %s ./cmd/regbot: %v\n%s", binPath, err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// testEnv is one test's world: its own registration mailbox, its own
// senders, its own database.
type testEnv struct {
	t       *testing.T
	s       *stack
	tag     string // the test's part of addresses
	id      string // unique per test and run
	dir     string
	mailbox string // the registration mailbox: mailbox.address and imap.username
	n       int    // mails sent so far, for Message-IDs
}

func newEnv(t *testing.T, tag string) *testEnv {
	t.Helper()
	s := needStack(t)
	e := &testEnv{t: t, s: s, tag: tag, id: fmt.Sprintf("%s%d", runID, envSeq.Add(1)), dir: t.TempDir()}
	e.mailbox = e.addr("reg", "heinlein-support.de")
	return e
}

// addr is a mailbox of this test in this run.
func (e *testEnv) addr(local, domain string) string {
	return fmt.Sprintf("%s-%s-%s@%s", local, e.tag, e.id, domain)
}

// server is the imap or smtp section of a configuration.
type server struct {
	port     int
	security string // none, tls, starttls
	username string // empty: none (smtp on loopback only)
	caFile   string
}

type configOptions struct {
	imap, smtp   server
	pollInterval time.Duration
}

// plainConfig: IMAP without TLS on 127.0.0.1, replies over submission with
// STARTTLS and AUTH, verified against the stack's CA.
func (e *testEnv) plainConfig() configOptions {
	return configOptions{
		imap: server{port: e.s.IMAPPort, security: "none", username: e.mailbox},
		smtp: server{port: e.s.SubmissionPort, security: "starttls", username: e.mailbox, caFile: e.s.CA},
	}
}

// writeConfig writes a configuration for this test's mailbox with one open
// event 45 days ahead and returns its path.
func (e *testEnv) writeConfig(name string, o configOptions) string {
	e.t.Helper()
	server := func(s server) mailstack.Server {
		return mailstack.Server{Port: s.port, Security: s.security, Username: s.username, CAFile: s.caFile}
	}
	yaml := mailstack.Config{
		Database: filepath.Join(e.dir, "regbot.db"), Mailbox: e.mailbox,
		IMAP: server(o.imap), SMTP: server(o.smtp), PollInterval: o.pollInterval,
		RepliesPerHour: 100, LogLevel: "debug", Day: time.Now().AddDate(0, 0, 45),
		Capacity: 40, Late: "waitlist", Description: "Ein Test des Runden Tisches.",
	}.YAML()
	path := filepath.Join(e.dir, name)
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// regbotEnv is the environment of a regbot process: the passwords, and no
// CA bundle from outside (only ca_file may decide what is trusted).
func (e *testEnv) regbotEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "REGBOT_IMAP_PASSWORD", "REGBOT_SMTP_PASSWORD", "SSL_CERT_FILE", "SSL_CERT_DIR":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "REGBOT_IMAP_PASSWORD="+e.s.Pass, "REGBOT_SMTP_PASSWORD="+e.s.Pass)
}

// runResult is how a `regbot run --once` ended.
type runResult struct {
	code   int
	stderr string
}

// runOnce runs `regbot run --config cfg --once` to its end.
func (e *testEnv) runOnce(cfg string) runResult {
	e.t.Helper()
	return e.runOnceAs(regbotBinary(e.t), cfg, nil)
}

// daemon is a `regbot run` in the background.
type daemon struct {
	cmd    *exec.Cmd
	out    *syncBuffer
	exited chan struct{}
	err    error
}

func (e *testEnv) startDaemon(cfg string) *daemon {
	e.t.Helper()
	cmd := exec.Command(regbotBinary(e.t), "run", "--config", cfg)
	cmd.Env = e.regbotEnv()
	d := &daemon{cmd: cmd, out: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = d.out, d.out
	if err := cmd.Start(); err != nil {
		e.t.Fatalf("start regbot run: %v", err)
	}
	go func() { d.err = cmd.Wait(); close(d.exited) }()
	e.t.Cleanup(func() {
		select {
		case <-d.exited:
		default:
			_ = cmd.Process.Kill()
			<-d.exited
		}
		e.t.Logf("regbot run (pid %d) log:\n%s", cmd.Process.Pid, indent(d.out.String()))
	})
	return d
}

// waitLog waits until the daemon's log contains s.
func (d *daemon) waitLog(t *testing.T, s string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !strings.Contains(d.out.String(), s) {
		select {
		case <-d.exited:
			t.Fatalf("regbot run exited (%v) before logging %q", d.err, s)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("regbot run did not log %q within %v", s, timeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func indent(s string) string {
	return "\t" + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n\t")
}

// imapSessions counts the Dovecot IMAP processes of user, and those of them
// in IDLE: the stack runs Dovecot with verbose_proctitle, whose process
// titles read "imap [USER 127.0.0.1 IDLE]".
func imapSessions(user string) (all, idle int) {
	paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		title := string(bytes.ReplaceAll(b, []byte{0}, []byte{' '}))
		if !strings.Contains(title, "imap ["+user+" ") {
			continue
		}
		all++
		if strings.Contains(title, " IDLE]") {
			idle++
		}
	}
	return all, idle
}

// ---------------------------------------------------------------- sending

// outMail is a mail a test sends.
type outMail struct {
	from, to, subject, body string
	headers                 []string // "Name: value"
	msgID                   string   // set by send
}

// message builds the mail in RFC 5322 form (UTF-8, 8bit, CRLF).
func (m *outMail) message() []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\r\n", args...) }
	w("From: %s", m.from)
	w("To: %s", m.to)
	w("Subject: %s", m.subject)
	w("Date: %s", time.Now().Format(time.RFC1123Z))
	w("Message-ID: %s", m.msgID)
	for _, h := range m.headers {
		w("%s", h)
	}
	hasType := slices.ContainsFunc(m.headers, func(h string) bool {
		return strings.HasPrefix(strings.ToLower(h), "content-type:")
	})
	if !hasType {
		w("MIME-Version: 1.0")
		w("Content-Type: text/plain; charset=utf-8")
		w("Content-Transfer-Encoding: 8bit")
	}
	w("")
	b.WriteString(strings.ReplaceAll(strings.ReplaceAll(m.body, "\r\n", "\n"), "\n", "\r\n"))
	return []byte(b.String())
}

// send gives m a Message-ID and sends it through Postfix's SMTP port (no
// authentication, like mail from the internet) with envelope sender
// envFrom ("" for the null sender of bounces) to the registration mailbox.
func (e *testEnv) send(m *outMail, envFrom string) {
	e.t.Helper()
	e.n++
	m.msgID = fmt.Sprintf("<%s-%d-%s@example.org>", e.tag, e.n, e.id)
	if m.to == "" {
		m.to = e.mailbox
	}
	if err := smtp.SendMail(e.s.Addr(e.s.SMTPPort), nil, envFrom, []string{e.mailbox}, m.message()); err != nil {
		e.t.Fatalf("send %s through Postfix: %v", m.msgID, err)
	}
}

// registration is a plain registration for the Runder Tisch from
// name <addr>.
func registration(name, addr string) *outMail {
	return &outMail{
		from:    fmt.Sprintf("%s <%s>", name, addr),
		subject: "Anmeldung Runder Tisch",
		body: "Sehr geehrte Damen und Herren,\n\nhiermit melde ich mich für den Runden Tisch „Open Source in Berlin“ an.\n\n" +
			"Mit freundlichen Grüßen\n" + name + "\n",
	}
}

// ---------------------------------------------------------------- reading

// stored is a mail in a mailbox of the stack.
type stored struct {
	uid   imap.UID
	flags []imap.Flag
	raw   []byte
}

func (m stored) has(f imap.Flag) bool { return slices.Contains(m.flags, f) }

// mails reads every mail of user's folder (read-only, \Seen untouched).
func (s *stack) mails(t *testing.T, user, folder string) []stored {
	t.Helper()
	c, err := imapclient.DialInsecure(s.Addr(s.IMAPPort), nil)
	if err != nil {
		t.Fatalf("IMAP connect: %v", err)
	}
	defer c.Close()
	if err := c.Login(user, s.Pass).Wait(); err != nil {
		t.Fatalf("IMAP login %s: %v", user, err)
	}
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("IMAP examine %s of %s: %v", folder, user, err)
	}
	var out []stored
	if sel.NumMessages > 0 {
		var set imap.SeqSet
		set.AddRange(1, sel.NumMessages)
		section := &imap.FetchItemBodySection{Peek: true}
		msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, Flags: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		if err != nil {
			t.Fatalf("IMAP fetch %s of %s: %v", folder, user, err)
		}
		for _, m := range msgs {
			out = append(out, stored{uid: m.UID, flags: m.Flags, raw: m.FindBodySection(section)})
		}
	}
	_ = c.Logout().Wait()
	return out
}

// waitMails waits until user's folder holds at least n mails and returns them.
func (s *stack) waitMails(t *testing.T, user, folder string, n int) []stored {
	t.Helper()
	deadline := time.Now().Add(deliveryTimeout)
	for {
		ms := s.mails(t, user, folder)
		if len(ms) >= n {
			return ms
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s of %s holds %d mails after %v, want %d", folder, user, len(ms), deliveryTimeout, n)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// parsed is a reply taken apart.
type parsed struct {
	header    message.Header
	text      string   // the text/plain parts
	calendars []string // the text/calendar parts
	types     []string // every leaf content type
}

func parse(t *testing.T, raw []byte) parsed {
	t.Helper()
	ent, err := message.Read(bytes.NewReader(raw))
	if err != nil && !message.IsUnknownCharset(err) {
		t.Fatalf("parse mail: %v\n%s", err, raw)
	}
	p := parsed{header: ent.Header}
	err = ent.Walk(func(_ []int, part *message.Entity, err error) error {
		if err != nil && !message.IsUnknownCharset(err) {
			return err
		}
		ct, _, _ := part.Header.ContentType()
		if strings.HasPrefix(ct, "multipart/") {
			return nil
		}
		p.types = append(p.types, ct)
		body, err := io.ReadAll(part.Body)
		if err != nil {
			return err
		}
		switch ct {
		case "text/plain":
			p.text += string(body)
		case "text/calendar":
			p.calendars = append(p.calendars, string(body))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk mail: %v\n%s", err, raw)
	}
	return p
}

// get is a header field, unfolded and trimmed.
func (p parsed) get(name string) string {
	return strings.TrimSpace(strings.Join(strings.Fields(p.header.Get(name)), " "))
}

// ---------------------------------------------------------------- TLS

// foreignCA writes the certificate of a CA that signed nothing of the
// stack's and returns its path.
func foreignCA(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "some other CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "other-ca.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
