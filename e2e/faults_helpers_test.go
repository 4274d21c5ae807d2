package e2e

// Helpers of the fault tests (faults_test.go): sending many mails over one
// SMTP connection, putting mail into Dovecot behind Postfix's back, stopping
// and starting one server of the stack, reading regbot's database, and
// reading many mailboxes at once.

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	_ "modernc.org/sqlite" // reads regbot's database
)

// ---------------------------------------------------------------- config

// faultConfig writes a configuration like writeConfig and then replaces
// each key of patch (a whole line of the generated YAML, e.g.
// "    capacity: 40") by its value. A key that is not there fails the test,
// so a change of writeConfig cannot silently void a patch.
func (e *testEnv) faultConfig(name string, o configOptions, patch map[string]string) string {
	e.t.Helper()
	path := e.writeConfig(name, o)
	b, err := os.ReadFile(path)
	if err != nil {
		e.t.Fatal(err)
	}
	s := string(b)
	for old, repl := range patch {
		if strings.Count(s, old) != 1 {
			e.t.Fatalf("faultConfig: %q occurs %d times in the generated configuration, want once:\n%s", old, strings.Count(s, old), s)
		}
		s = strings.Replace(s, old, repl, 1)
	}
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// dbPath is where the generated configuration puts the database.
func (e *testEnv) dbPath() string { return filepath.Join(e.dir, "regbot.db") }

// ---------------------------------------------------------------- sending

// sendBatch sends mails through Postfix's SMTP port over ONE connection,
// one transaction per mail, each with its own envelope sender envFrom[i]
// (the address of its From when envFrom is nil). It gives every mail a
// Message-ID like send does.
func (e *testEnv) sendBatch(mails []*outMail, envFrom []string) {
	e.t.Helper()
	c, err := smtp.Dial(e.s.Addr(e.s.SMTPPort))
	if err != nil {
		e.t.Fatalf("SMTP connect: %v", err)
	}
	defer c.Close()
	if err := c.Hello("e2e.example.org"); err != nil {
		e.t.Fatalf("EHLO: %v", err)
	}
	for i, m := range mails {
		e.n++
		m.msgID = fmt.Sprintf("<%s-%d-%s@example.org>", e.tag, e.n, e.id)
		if m.to == "" {
			m.to = e.mailbox
		}
		from := ""
		if envFrom != nil {
			from = envFrom[i]
		} else if a := angleAddr(m.from); a != "" {
			from = a
		}
		if err := c.Mail(from); err != nil {
			e.t.Fatalf("mail %d: MAIL FROM:<%s>: %v", i, from, err)
		}
		if err := c.Rcpt(e.mailbox); err != nil {
			e.t.Fatalf("mail %d: RCPT TO:<%s>: %v", i, e.mailbox, err)
		}
		w, err := c.Data()
		if err != nil {
			e.t.Fatalf("mail %d: DATA: %v", i, err)
		}
		if _, err := w.Write(m.message()); err != nil {
			e.t.Fatalf("mail %d: write: %v", i, err)
		}
		if err := w.Close(); err != nil {
			e.t.Fatalf("mail %d: end of data: %v", i, err)
		}
	}
	if err := c.Quit(); err != nil {
		e.t.Fatalf("QUIT: %v", err)
	}
}

// angleAddr is the address between < and > of a From value, or the value.
func angleAddr(from string) string {
	if i := strings.LastIndexByte(from, '<'); i >= 0 {
		if j := strings.IndexByte(from[i:], '>'); j > 0 {
			return from[i+1 : i+j]
		}
	}
	return strings.TrimSpace(from)
}

// doveadmSave puts m straight into folder of user, past Postfix (for the
// times Postfix is down), and gives it a Message-ID like send does.
func (e *testEnv) doveadmSave(user, folder string, m *outMail) {
	e.t.Helper()
	e.n++
	m.msgID = fmt.Sprintf("<%s-%d-%s@example.org>", e.tag, e.n, e.id)
	if m.to == "" {
		m.to = e.mailbox
	}
	cmd := exec.Command(doveadm(), "-c", filepath.Join(e.s.Dir, "etc", "dovecot.conf"), "save", "-u", user, "-m", folder)
	cmd.Stdin = bytes.NewReader(m.message())
	if out, err := cmd.CombinedOutput(); err != nil {
		e.t.Fatalf("%s: %v\n%s", cmd, err, out)
	}
}

func doveadm() string {
	if p, err := exec.LookPath("doveadm"); err == nil {
		return p
	}
	return "/usr/bin/doveadm"
}

// ---------------------------------------------------------------- the stack's servers

// stackServer is one master process of the stack: Dovecot or Postfix.
type stackServer struct {
	name    string // for messages
	pidFile string // relative to the stack's directory
	comm    string // /proc/PID/comm of the master
	port    int    // a port it serves, to see it go and come back
}

func (s *stack) dovecot() stackServer {
	return stackServer{name: "Dovecot", pidFile: "run/dovecot/master.pid", comm: "dovecot", port: s.IMAPPort}
}

func (s *stack) postfix() stackServer {
	return stackServer{name: "Postfix", pidFile: "spool/postfix/pid/master.pid", comm: "master", port: s.SMTPPort}
}

// needRootStack skips (fails with REGBOT_E2E=required) when this process
// cannot stop and start the stack's servers: they run as root.
func needRootStack(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	msg := "stopping and starting the stack's servers needs root"
	if os.Getenv("REGBOT_E2E") == "required" {
		t.Fatalf("%s; REGBOT_E2E=required turns this skip into a failure", msg)
	}
	t.Skip(msg)
}

// masterPID is the live master of srv, found like scripts/mailstack does:
// the pid file, checked against /proc/PID/comm.
func (s *stack) masterPID(srv stackServer) (int, error) {
	b, err := os.ReadFile(filepath.Join(s.Dir, srv.pidFile))
	if err != nil {
		return 0, err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return 0, fmt.Errorf("%s: pid file holds %q", srv.name, b)
	}
	comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if err != nil || strings.TrimSpace(string(comm)) != srv.comm {
		return 0, fmt.Errorf("%s: pid %d is not a live %q process", srv.name, pid, srv.comm)
	}
	return pid, nil
}

// stopServer stops srv the way scripts/mailstack's stop.sh does: SIGTERM
// to the master only, then it waits until the master and the children it
// had are gone (SIGKILL to those still there after 15 s, as stop.sh does:
// Dovecot lets an IDLE session live on for a while after its master ended)
// and the port refuses connections. A cleanup starts the stack again
// whatever happens, so that a failing test never leaves the stack half
// down.
func (s *stack) stopServer(t *testing.T, srv stackServer) {
	t.Helper()
	pid, err := s.masterPID(srv)
	if err != nil {
		t.Fatalf("stop %s: %v", srv.name, err)
	}
	t.Cleanup(func() {
		if _, err := s.masterPID(srv); err != nil {
			s.startStack(t)
		}
	})
	procs := map[int]string{pid: srv.comm}
	for _, k := range childrenOf(pid) {
		procs[k] = commOf(k)
	}
	start := time.Now()
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatalf("stop %s (pid %d): %v", srv.name, pid, err)
	}
	var killed []string
	for {
		var alive []int
		for p, comm := range procs {
			if processAlive(p) && commOf(p) == comm {
				alive = append(alive, p)
			}
		}
		conn, derr := net.DialTimeout("tcp", s.Addr(srv.port), time.Second)
		if derr == nil {
			conn.Close()
		}
		if len(alive) == 0 && derr != nil {
			break
		}
		switch {
		case time.Since(start) > 20*time.Second:
			t.Fatalf("%s (pid %d) did not stop within 20 s (alive %v, port %d accepts: %v)", srv.name, pid, alive, srv.port, derr == nil)
		case time.Since(start) > 15*time.Second && killed == nil:
			for _, p := range alive {
				killed = append(killed, fmt.Sprintf("%d %s", p, procs[p]))
				_ = syscall.Kill(p, syscall.SIGKILL)
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("%s stopped (master pid %d and %d children) in %v; killed after 15 s: %v", srv.name, pid, len(procs)-1,
		time.Since(start).Round(time.Millisecond), killed)
}

func commOf(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	return strings.TrimSpace(string(b))
}

// queueEmpty reports whether Postfix's queue is empty (postqueue -p).
func (s *stack) queueEmpty(t *testing.T) bool {
	t.Helper()
	postqueue, err := exec.LookPath("postqueue")
	if err != nil {
		postqueue = "/usr/sbin/postqueue"
	}
	out, err := exec.Command(postqueue, "-c", filepath.Join(s.Dir, "etc", "postfix"), "-p").CombinedOutput()
	if err != nil {
		t.Fatalf("postqueue -p: %v\n%s", err, out)
	}
	return strings.Contains(string(out), "Mail queue is empty")
}

// startStack runs `scripts/mailstack.sh start`, which starts whatever of
// the stack is not running and waits until it serves.
func (s *stack) startStack(t *testing.T) {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "scripts", "mailstack.sh"), "start")
	cmd.Env = append(os.Environ(), "MAILSTACK_DIR="+s.Dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/mailstack.sh start: %v\n%s", err, out)
	}
	t.Logf("scripts/mailstack.sh start took %v", time.Since(start).Round(time.Millisecond))
}

func processAlive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// A zombie (state Z) is gone for our purposes.
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z'
	}
	return true
}

// childrenOf lists the direct children of pid.
func childrenOf(pid int) []int {
	paths, _ := filepath.Glob("/proc/[0-9]*/stat")
	var kids []int
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			if k, err := strconv.Atoi(filepath.Base(filepath.Dir(p))); err == nil {
				kids = append(kids, k)
			}
		}
	}
	return kids
}

// ---------------------------------------------------------------- the database

// openDB opens regbot's database at path for the test: read-only unless
// rw. The caller closes it.
func openDB(t *testing.T, path string, rw bool) *sql.DB {
	t.Helper()
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)"
	if !rw {
		dsn += "&mode=ro"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	db.SetMaxOpenConns(1)
	return db
}

// count runs a query that returns one integer.
func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// dbFigures are what a test wants to know of regbot's database.
type dbFigures struct {
	messages, handled, failed int // rows of messages; handled; set aside
	outbox, sent, unsent      int // rows of outbox; sent; neither sent nor given up
	gaveUp                    int // given up (failed_at)
}

func (f dbFigures) String() string {
	return fmt.Sprintf("messages %d (handled %d, set aside %d), outbox %d (sent %d, waiting %d, given up %d)",
		f.messages, f.handled, f.failed, f.outbox, f.sent, f.unsent, f.gaveUp)
}

// figures reads dbFigures from the database at path; all zero while there
// is none.
func figures(t *testing.T, path string) dbFigures {
	t.Helper()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return dbFigures{}
	}
	db := openDB(t, path, false)
	defer db.Close()
	var f dbFigures
	f.messages = count(t, db, `SELECT count(*) FROM messages`)
	f.handled = count(t, db, `SELECT count(*) FROM messages WHERE handled_at IS NOT NULL`)
	f.failed = count(t, db, `SELECT count(*) FROM messages WHERE failed_at IS NOT NULL`)
	f.outbox = count(t, db, `SELECT count(*) FROM outbox`)
	f.sent = count(t, db, `SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL`)
	f.unsent = count(t, db, `SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`)
	f.gaveUp = count(t, db, `SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL`)
	// Replies in the sent log are sent, though the table does not say so
	// until the next regbot folds the log in; counted as waiting, they
	// made the kill test wait for work that was already done.
	logged := sentLogged(path)
	rows, err := db.Query(`SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		if logged[id] {
			f.sent++
			f.unsent--
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return f
}

// registrationsByEmail maps each person's address to the statuses of
// their registrations for event.
func registrationsByEmail(t *testing.T, path, event string) map[string][]string {
	t.Helper()
	db := openDB(t, path, false)
	defer db.Close()
	rows, err := db.Query(`SELECT coalesce(p.email, ''), r.status FROM registrations r JOIN people p ON p.id = r.person_id
		WHERE r.event = ? ORDER BY r.id`, event)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string][]string{}
	for rows.Next() {
		var email, status string
		if err := rows.Scan(&email, &status); err != nil {
			t.Fatal(err)
		}
		m[email] = append(m[email], status)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// ---------------------------------------------------------------- mailboxes

// inboxes reads the INBOX of every user, with a few connections at a time.
func (s *stack) inboxes(t *testing.T, users []string) map[string][]stored {
	t.Helper()
	type result struct {
		user  string
		mails []stored
		err   error
	}
	jobs := make(chan string)
	results := make(chan result)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for u := range jobs {
				ms, err := readFolder(s, u, "INBOX")
				results <- result{u, ms, err}
			}
		})
	}
	go func() {
		for _, u := range users {
			jobs <- u
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	out := map[string][]stored{}
	var errs []error
	for r := range results {
		if r.err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", r.user, r.err))
			continue
		}
		out[r.user] = r.mails
	}
	if len(errs) > 0 {
		t.Fatalf("reading %d mailboxes: %v", len(users), errors.Join(errs...))
	}
	return out
}

// readFolder reads every mail of user's folder (read-only, \Seen
// untouched), like stack.mails, but returns its errors instead of failing
// the test (for goroutines and polls).
func readFolder(s *stack, user, folder string) ([]stored, error) {
	c, err := imapclient.DialInsecure(s.Addr(s.IMAPPort), nil)
	if err != nil {
		return nil, fmt.Errorf("IMAP connect: %w", err)
	}
	defer c.Close()
	if err := c.Login(user, s.Pass).Wait(); err != nil {
		return nil, fmt.Errorf("IMAP login %s: %w", user, err)
	}
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, fmt.Errorf("IMAP examine %s of %s: %w", folder, user, err)
	}
	var out []stored
	if sel.NumMessages > 0 {
		var set imap.SeqSet
		set.AddRange(1, sel.NumMessages)
		section := &imap.FetchItemBodySection{Peek: true}
		msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, Flags: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		if err != nil {
			return nil, fmt.Errorf("IMAP fetch %s of %s: %w", folder, user, err)
		}
		for _, m := range msgs {
			out = append(out, stored{uid: m.UID, flags: m.Flags, raw: m.FindBodySection(section)})
		}
	}
	_ = c.Logout().Wait()
	return out, nil
}

// ---------------------------------------------------------------- waiting

// waitFor polls cond every 200 ms until it returns true or timeout passes;
// it reports whether cond came true.
func waitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// allDone reports whether every mail of the registration mailbox's INBOX
// carries $regbot-done, and how many do.
func (e *testEnv) allDone(want int) (bool, int) {
	ms, err := readFolder(e.s, e.mailbox, "INBOX")
	if err != nil {
		return false, 0
	}
	done := 0
	for _, m := range ms {
		if m.has(doneKeyword) {
			done++
		}
	}
	return len(ms) >= want && done == len(ms), done
}

// logCount counts lines of a regbot log that carry msg="what" (the text
// log format).
func logCount(log, what string) int {
	needle := "msg=" + what + " "
	if strings.ContainsAny(what, " =\"") {
		needle = "msg=" + strconv.Quote(what) + " "
	}
	n := 0
	for line := range strings.SplitSeq(log, "\n") {
		if strings.Contains(line+" ", needle) {
			n++
		}
	}
	return n
}

// ---------------------------------------------------------------- running regbot as another user

// unprivileged is the user regbot runs as where file modes must count:
// root ignores them. nil when this process is not root (then it runs as
// ourselves and modes count anyway).
type unprivileged struct{ uid, gid uint32 }

func nobody() *unprivileged {
	if os.Geteuid() != 0 {
		return nil
	}
	return &unprivileged{uid: 65534, gid: 65534}
}

// publicBinary copies the regbot binary into a directory every user may
// enter (the built one lives in a 0700 directory) and returns its path.
func publicBinary(t *testing.T) string {
	t.Helper()
	src := regbotBinary(t)
	dir, err := os.MkdirTemp("", "regbot-e2e-bin-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "regbot")
	if err := os.WriteFile(dst, b, 0o755); err != nil {
		t.Fatal(err)
	}
	return dst
}

// ownedDir makes a directory for a test's database and configuration
// that u owns (when u is set) and returns it.
func ownedDir(t *testing.T, u *unprivileged) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "regbot-e2e-data-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = os.Chmod(dir, 0o700)
		os.RemoveAll(dir)
	})
	chown(t, dir, u)
	return dir
}

func chown(t *testing.T, path string, u *unprivileged) {
	t.Helper()
	if u == nil {
		return
	}
	if err := os.Chown(path, int(u.uid), int(u.gid)); err != nil {
		t.Fatal(err)
	}
}

// runOnceAs runs `bin run --config cfg --once` as u (nil: as ourselves).
func (e *testEnv) runOnceAs(bin, cfg string, u *unprivileged) runResult {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "run", "--config", cfg, "--once")
	cmd.Env = e.regbotEnv()
	cmd.Dir = "/"
	if u != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: u.uid, Gid: u.gid}}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		e.t.Fatalf("regbot run --once: %v", err)
	}
	res := runResult{code: cmd.ProcessState.ExitCode(), stderr: out.String()}
	e.t.Logf("regbot run --once (%s): exit %d\n%s", filepath.Base(cfg), res.code, indent(res.stderr))
	if ctx.Err() != nil {
		e.t.Fatalf("regbot run --once did not end within %v", runTimeout)
	}
	return res
}
