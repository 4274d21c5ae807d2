// Command loadbench measures regbot on the real mail stack of the end-to-end
// tests (scripts/mailstack.sh): throughput over a backlog against the floor
// of the same stack, delivery-to-reply latency with IDLE, and peak memory.
//
//	bash scripts/mailstack.sh start
//	go run ./e2e/loadbench                 # 10,000-mail backlog, 100 latency mails, 25 MB attachment
//	go run ./e2e/loadbench -n 1000 -latency 20
//
// The floor is what the stack itself costs for the same work, measured in the
// same run: one IMAP FETCH of every backlog mail plus one SMTP session sending
// as many replies of the same size through the same submission port. regbot's
// time is a `regbot run --once` over the backlog: fetch, understand, record,
// reply, keep a copy in Sent, mark done. The ratio of the two is printed.
//
// The backlog's senders, and so the replies' recipients, are at the stack's
// remote domain by default (-recipients remote): Postfix relays the replies
// through its SMTP client to a sink that discards them, as a registration
// desk's replies leave for other organisations' servers. With -recipients
// local they are delivered into ten thousand Dovecot mailboxes on the same
// machine instead; that work is the recipients' servers' in real life, and
// on a small machine it costs more CPU than regbot and the floor together.
//
// It is a program, not a test: figures depend on the machine, so they are
// printed for the README, never asserted.
package main

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/heinlein/regbot/e2e/mailstack"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

type options struct {
	n, latency, attachMB int
	bin                  string
	// recipients is where the backlog's replies go: "remote" or "local".
	recipients string
}

type stack = mailstack.Stack

func run() error {
	var o options
	flag.IntVar(&o.n, "n", 10000, "mails in the backlog")
	flag.IntVar(&o.latency, "latency", 100, "mails sent one by one to the IDLE daemon")
	flag.IntVar(&o.attachMB, "attachment-mb", 25, "size of the attachment of the memory test, in MiB")
	flag.StringVar(&o.bin, "bin", "", "regbot binary (default: build ./cmd/regbot)")
	flag.StringVar(&o.recipients, "recipients", "remote", "where the backlog's replies go: remote (relayed out to a sink) or local (delivered into Dovecot mailboxes)")
	flag.Parse()

	s, err := mailstack.Find()
	if err != nil {
		return fmt.Errorf("%w (start the stack with: bash scripts/mailstack.sh start)", err)
	}
	switch o.recipients {
	case "remote":
		if err := s.Remote(); err != nil {
			return fmt.Errorf("%w, or measure with -recipients local", err)
		}
	case "local":
	default:
		return fmt.Errorf("-recipients %q: want remote or local", o.recipients)
	}
	tmp, err := os.MkdirTemp("", "regbot-loadbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if o.bin == "" {
		o.bin = filepath.Join(tmp, "regbot")
		build := exec.Command("go", "build", "-o", o.bin, "./cmd/regbot")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build regbot (run from the module root): %w", err)
		}
	}
	id := strconv.FormatInt(time.Now().UnixNano()/1e6, 36)
	fmt.Println(machine())
	fmt.Println()

	if o.n > 0 {
		if err := backlog(s, o, tmp, id); err != nil {
			return fmt.Errorf("backlog: %w", err)
		}
	}
	if o.latency > 0 {
		if err := latency(s, o, tmp, id); err != nil {
			return fmt.Errorf("latency: %w", err)
		}
	}
	if o.attachMB > 0 {
		if err := attachment(s, o, tmp, id); err != nil {
			return fmt.Errorf("attachment: %w", err)
		}
	}
	return nil
}

// ---------------------------------------------------------------- the three measurements

func backlog(s *stack, o options, tmp, id string) error {
	box := "reg-load-" + id + "@heinlein-support.de"
	domain, where := s.RemoteDomain, "relayed out by Postfix's SMTP client to a sink"
	if o.recipients == "local" {
		domain, where = "example.org", "delivered into Dovecot mailboxes on this machine"
	}
	mails := make([][]byte, o.n)
	for i := range mails {
		mails[i] = registration(i, fmt.Sprintf("load-%s-%d@%s", id, i, domain), box, "")
	}
	t0 := time.Now()
	if err := appendAll(s, box, mails); err != nil {
		return err
	}
	fmt.Printf("backlog: %d mails appended to %s in %v; replies to @%s, %s\n", o.n, box, time.Since(t0).Round(time.Millisecond), domain, where)

	// The floor: fetch everything once, send as many replies.
	replySize := 6 << 10 // plain text; regbot's confirmation with its HTML and calendar parts is about 6.9 KB
	t0 = time.Now()
	cpu0 := machineCPU()
	fetched, err := fetchAll(s, box)
	if err != nil {
		return fmt.Errorf("floor fetch: %w", err)
	}
	fetchTime := time.Since(t0)
	if fetched != o.n {
		return fmt.Errorf("floor fetch: %d mails, want %d", fetched, o.n)
	}
	// One recipient per reply, as regbot's: local delivery into ten
	// thousand mailboxes costs the stack more than into one.
	if err := sendReplies(s, box, func(i int) string { return fmt.Sprintf("floor-%s-%d@%s", id, i, domain) }, o.n, replySize); err != nil {
		return fmt.Errorf("floor send: %w", err)
	}
	floor := time.Since(t0)
	floorCPU := machineCPU().since(cpu0)
	fmt.Printf("floor:   %v (IMAP FETCH %v, SMTP %d replies %v); machine %s\n", floor.Round(time.Millisecond),
		fetchTime.Round(time.Millisecond), o.n, (floor - fetchTime).Round(time.Millisecond), floorCPU)
	if err := waitQueue(s, 5*time.Minute); err != nil {
		return err
	}
	floorDelivered := time.Since(t0)

	cfg := writeConfig(s, tmp, "backlog", box)
	t0 = time.Now()
	cpu0 = machineCPU()
	self0 := selfCPU()
	res, err := regbot(s, o.bin, cfg, "run", "--config", cfg, "--once")
	if err != nil {
		return err
	}
	took := time.Since(t0)
	tookCPU := machineCPU().since(cpu0)
	observer := selfCPU() - self0
	done, err := countDone(s, box)
	if err != nil {
		return err
	}
	if done != o.n {
		return fmt.Errorf("regbot marked %d of %d mails done\n%s", done, o.n, tail(res.log, 20))
	}
	fmt.Printf("regbot:  %v for %d mails (%.0f mails/s), %v CPU, peak RSS %s; machine %s (loadbench itself %v)\n", took.Round(time.Millisecond), o.n,
		float64(o.n)/took.Seconds(), res.cpu.Round(time.Millisecond), mib(res.maxRSS), tookCPU, observer.Round(time.Millisecond))
	if os.Getenv("LOADBENCH_LOG") != "" {
		fmt.Println(res.log)
	}
	if err := waitQueue(s, 10*time.Minute); err != nil {
		return err
	}
	delivered := time.Since(t0)
	fmt.Printf("ratio:   %.2f× the floor (aim ≤ 1.5×)\n", took.Seconds()/floor.Seconds())
	// Postfix delivers the replies into Dovecot while either side sends
	// more: inside regbot's time, but mostly after the floor's. Until the
	// last reply is in its mailbox both pay for all their deliveries.
	fmt.Printf("         until every reply is delivered: floor %v, regbot %v, %.2f×\n\n", floorDelivered.Round(time.Millisecond),
		delivered.Round(time.Millisecond), delivered.Seconds()/floorDelivered.Seconds())
	return nil
}

// selfCPU is the CPU time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuTimes is the machine's CPU time from /proc/stat, in clock ticks.
type cpuTimes struct{ busy, total int64 }

func machineCPU() cpuTimes {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return cpuTimes{}
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	var t cpuTimes
	for i, v := range f[1:] {
		n, _ := strconv.ParseInt(v, 10, 64)
		if i >= 8 { // guest time is counted in user time already
			break
		}
		t.total += n
		if i != 3 && i != 4 { // idle, iowait
			t.busy += n
		}
	}
	return t
}

// since says how busy the machine's CPUs were since start.
func (t cpuTimes) since(start cpuTimes) string {
	busy, total := t.busy-start.busy, t.total-start.total
	if total <= 0 {
		return "CPU unknown"
	}
	const tick = 100 // USER_HZ
	return fmt.Sprintf("CPU %.1f s of %.1f s busy (%.0f%%)", float64(busy)/tick, float64(total)/tick, 100*float64(busy)/float64(total))
}

func latency(s *stack, o options, tmp, id string) error {
	box := "reg-idle-" + id + "@heinlein-support.de"
	cfg := writeConfig(s, tmp, "idle", box)
	// Log in once so that the mailbox exists before the daemon selects it.
	if _, err := fetchAll(s, box); err != nil {
		return err
	}
	d, err := start(s, o.bin, cfg)
	if err != nil {
		return err
	}
	defer d.stop()
	if err := waitIdle(box, 30*time.Second); err != nil {
		return fmt.Errorf("%w\n%s", err, tail(d.log.String(), 20))
	}

	var lat []time.Duration
	for i := range o.latency {
		sender := fmt.Sprintf("idle-%s-%d@example.org", id, i)
		c, err := login(s, sender)
		if err != nil {
			return err
		}
		msg := registration(i, sender, box, "")
		if err := smtp.SendMail(s.Addr(s.SMTPPort), nil, sender, []string{box}, msg); err != nil {
			c.Close()
			return fmt.Errorf("send mail %d: %w", i, err)
		}
		sent := time.Now()
		for {
			st, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true}).Wait()
			if err != nil {
				c.Close()
				return fmt.Errorf("status of %s: %w", sender, err)
			}
			if st.NumMessages != nil && *st.NumMessages > 0 {
				break
			}
			if time.Since(sent) > time.Minute {
				c.Close()
				return fmt.Errorf("no reply to mail %d within a minute\n%s", i, tail(d.log.String(), 30))
			}
			time.Sleep(5 * time.Millisecond)
		}
		lat = append(lat, time.Since(sent))
		_ = c.Logout().Wait()
		c.Close()
	}
	rss, err := d.stop()
	if err != nil {
		return err
	}
	slices.Sort(lat)
	q := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1)+0.5)].Round(time.Millisecond) }
	fmt.Printf("latency: %d mails one by one, SMTP accept → reply in the sender's mailbox (both ways through Postfix and Dovecot)\n", len(lat))
	fmt.Printf("         p50 %v, p95 %v, max %v (aim p95 ≤ 2s); daemon peak RSS %s\n\n", q(0.50), q(0.95), lat[len(lat)-1].Round(time.Millisecond), mib(rss))
	return nil
}

func attachment(s *stack, o options, tmp, id string) error {
	box := "reg-big-" + id + "@heinlein-support.de"
	blob := make([]byte, o.attachMB<<20)
	_, _ = rand.Read(blob)
	msg := registration(0, "big-"+id+"@example.org", box, base64.StdEncoding.EncodeToString(blob))
	if err := appendAll(s, box, [][]byte{msg}); err != nil {
		return err
	}
	cfg := writeConfig(s, tmp, "big", box)
	res, err := regbot(s, o.bin, cfg, "run", "--config", cfg, "--once")
	if err != nil {
		return err
	}
	done, err := countDone(s, box)
	if err != nil {
		return err
	}
	if done != 1 {
		return fmt.Errorf("the mail with the attachment is not marked done\n%s", tail(res.log, 20))
	}
	if os.Getenv("LOADBENCH_LOG") != "" {
		fmt.Println(res.log)
	}
	fmt.Printf("memory:  one mail with a %d MiB attachment (%s on the wire): peak RSS %s (aim ≤ 64 MiB)\n", o.attachMB, mib(int64(len(msg))), mib(res.maxRSS))
	return nil
}

// ---------------------------------------------------------------- regbot

func writeConfig(s *stack, tmp, name, box string) string {
	yaml := mailstack.Config{
		Database: filepath.Join(tmp, name+".db"), Mailbox: box,
		IMAP:     mailstack.Server{Port: s.IMAPPort, Security: "none", Username: box},
		SMTP:     mailstack.Server{Port: s.SubmissionPort, Security: "starttls", Username: box, CAFile: s.CA},
		LogLevel: envOr("LOADBENCH_LOG_LEVEL", "info"), Day: time.Now().AddDate(0, 0, 45),
	}.YAML()
	path := filepath.Join(tmp, name+".yaml")
	_ = os.WriteFile(path, []byte(yaml), 0o600)
	return path
}

func env(s *stack) []string {
	return append(os.Environ(), "REGBOT_IMAP_PASSWORD="+s.Pass, "REGBOT_SMTP_PASSWORD="+s.Pass)
}

type result struct {
	log    string
	maxRSS int64         // bytes
	cpu    time.Duration // user and system time
}

func regbot(s *stack, bin, cfg string, args ...string) (result, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env(s)
	// regbot writes its log straight into a file: copying it through a
	// pipe would cost this process CPU on the machine being measured.
	out, err := os.CreateTemp("", "loadbench-log-*")
	if err != nil {
		return result{}, err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return result{}, fmt.Errorf("regbot %s: %w", strings.Join(args, " "), err)
	}
	peak := watchRSS(cmd.Process.Pid)
	err = cmd.Wait()
	log, _ := os.ReadFile(out.Name())
	res := result{log: string(log), maxRSS: peak(), cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if err != nil {
		return res, fmt.Errorf("regbot %s: %w\n%s", strings.Join(args, " "), err, tail(res.log, 20))
	}
	return res, nil
}

// watchRSS follows the peak resident set of process pid (VmHWM) until it
// exits; the returned function stops watching and gives the peak in bytes.
// wait4's ru_maxrss cannot be used: Go starts children with CLONE_VM, and
// Linux charges the parent's resident set to the child's maxrss at exec.
func watchRSS(pid int) func() int64 {
	var (
		mu   sync.Mutex
		peak int64
		stop = make(chan struct{})
		done = make(chan struct{})
	)
	read := func() {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
		if err != nil {
			return
		}
		_, rest, ok := strings.Cut(string(b), "VmHWM:")
		if !ok {
			return
		}
		line, _, _ := strings.Cut(rest, "\n")
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(line), " kB"), 10, 64)
		if err != nil {
			return
		}
		mu.Lock()
		peak = max(peak, kb<<10)
		mu.Unlock()
	}
	go func() {
		defer close(done)
		// VmHWM only grows, so a reading is only lost for what grew in
		// the last interval before the process exits; reading it more
		// often costs CPU on the machine being measured.
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

type daemon struct {
	cmd  *exec.Cmd
	peak func() int64
	log  *syncBuffer
	done chan struct{}
	once sync.Once
}

func start(s *stack, bin, cfg string) (*daemon, error) {
	cmd := exec.Command(bin, "run", "--config", cfg)
	cmd.Env = env(s)
	d := &daemon{cmd: cmd, log: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = d.log, d.log
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start regbot run: %w", err)
	}
	d.peak = watchRSS(cmd.Process.Pid)
	go func() { _ = cmd.Wait(); close(d.done) }()
	return d, nil
}

// stop ends the daemon with SIGTERM and returns its peak RSS.
func (d *daemon) stop() (int64, error) {
	var (
		err  error
		peak int64
	)
	d.once.Do(func() {
		peak = d.peak()
		_ = d.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-d.done:
		case <-time.After(15 * time.Second):
			_ = d.cmd.Process.Kill()
			<-d.done
			err = errors.New("regbot run did not end within 15s of SIGTERM")
		}
	})
	return peak, err
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

// waitIdle waits for a Dovecot process of user in IDLE; the stack runs
// Dovecot with verbose_proctitle ("imap [USER 127.0.0.1 IDLE]").
func waitIdle(user string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
		for _, p := range paths {
			b, _ := os.ReadFile(p)
			title := string(bytes.ReplaceAll(b, []byte{0}, []byte{' '}))
			if strings.Contains(title, "imap ["+user+" ") && strings.Contains(title, " IDLE]") {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("regbot did not enter IDLE within %v", timeout)
}

// ---------------------------------------------------------------- the stack

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func login(s *stack, user string) (*imapclient.Client, error) {
	c, err := imapclient.DialInsecure(s.Addr(s.IMAPPort), nil)
	if err != nil {
		return nil, fmt.Errorf("IMAP connect: %w", err)
	}
	if err := c.Login(user, s.Pass).Wait(); err != nil {
		c.Close()
		return nil, fmt.Errorf("IMAP login %s: %w", user, err)
	}
	return c, nil
}

// appendAll appends mails to user's INBOX over four connections.
func appendAll(s *stack, user string, mails [][]byte) error {
	const conns = 4
	errs := make(chan error, conns)
	for k := range conns {
		go func() {
			c, err := login(s, user)
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			for i := k; i < len(mails); i += conns {
				cmd := c.Append("INBOX", int64(len(mails[i])), nil)
				if _, err := cmd.Write(mails[i]); err != nil {
					errs <- fmt.Errorf("append: %w", err)
					return
				}
				if err := cmd.Close(); err != nil {
					errs <- fmt.Errorf("append: %w", err)
					return
				}
				if _, err := cmd.Wait(); err != nil {
					errs <- fmt.Errorf("append: %w", err)
					return
				}
			}
			errs <- c.Logout().Wait()
		}()
	}
	var first error
	for range conns {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// fetchAll reads every mail of user's INBOX once, without marking it seen,
// and returns how many there were.
func fetchAll(s *stack, user string) (int, error) {
	c, err := login(s, user)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	sel, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return 0, err
	}
	if sel.NumMessages == 0 {
		return 0, c.Logout().Wait()
	}
	var set imap.SeqSet
	set.AddRange(1, sel.NumMessages)
	section := &imap.FetchItemBodySection{Peek: true}
	cmd := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}})
	n := 0
	for {
		m := cmd.Next()
		if m == nil {
			break
		}
		for {
			item := m.Next()
			if item == nil {
				break
			}
			if b, ok := item.(imapclient.FetchItemDataBodySection); ok {
				_, _ = io.Copy(io.Discard, b.Literal)
			}
		}
		n++
	}
	if err := cmd.Close(); err != nil {
		return n, err
	}
	return n, c.Logout().Wait()
}

func countDone(s *stack, user string) (int, error) {
	c, err := login(s, user)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return 0, err
	}
	data, err := c.UIDSearch(&imap.SearchCriteria{Flag: []imap.Flag{"$regbot-done"}}, nil).Wait()
	if err != nil {
		return 0, err
	}
	return len(data.AllUIDs()), c.Logout().Wait()
}

// sendReplies sends n mails of about size bytes, the i-th to to(i), in one
// SMTP session on the submission port (STARTTLS, AUTH), as regbot sends
// its replies.
func sendReplies(s *stack, from string, to func(int) string, n, size int) error {
	c, err := smtp.Dial(s.Addr(s.SubmissionPort))
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Hello("localhost"); err != nil {
		return err
	}
	if err := c.StartTLS(&tls.Config{RootCAs: s.CAPool, ServerName: "127.0.0.1"}); err != nil {
		return err
	}
	if err := c.Auth(smtp.PlainAuth("", from, s.Pass, "127.0.0.1")); err != nil {
		return err
	}
	body := strings.Repeat("Vielen Dank für Ihre Anmeldung zum Runden Tisch. ", size/50)
	for i := range n {
		if err := c.Mail(from); err != nil {
			return err
		}
		if err := c.Rcpt(to(i)); err != nil {
			return err
		}
		w, err := c.Data()
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "From: %s\r\nTo: %s\r\nSubject: Anmeldung bestaetigt %d\r\nMessage-ID: <floor-%d-%s>\r\nAuto-Submitted: auto-replied\r\n"+
			"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", from, to(i), i, i, to(i), body)
		if err := w.Close(); err != nil {
			return err
		}
	}
	return c.Quit()
}

// waitQueue waits until Postfix has delivered everything, so that one
// measurement does not pay for the deliveries of the one before.
func waitQueue(s *stack, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		n := 0
		for _, q := range []string{"maildrop", "incoming", "active", "deferred"} {
			_ = filepath.WalkDir(filepath.Join(s.Dir, "spool", "postfix", q), func(_ string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					n++
				}
				return nil
			})
		}
		if n == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postfix still has %d mails queued after %v", n, timeout)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// ---------------------------------------------------------------- mails and output

var firstNames = []string{"Anna", "Jörg", "Fatma", "Lukas", "Małgorzata", "Peter", "Sabine", "Özlem", "Thomas", "Claudia"}
var lastNames = []string{"Müller", "Schmidt", "Yılmaz", "Weber", "Nowak", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter"}
var orgs = []string{"Bezirksamt Mitte", "Senatsverwaltung für Wirtschaft", "Muster GmbH", "Verein Offene Netze e.V.", "Freie Universität Berlin"}

// registration is a plain registration for the Runder Tisch, with a base64
// attachment when attach is not empty.
func registration(i int, from, to, attach string) []byte {
	name := firstNames[i%len(firstNames)] + " " + lastNames[(i/len(firstNames))%len(lastNames)]
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\r\n", args...) }
	w("From: %s <%s>", mime.QEncoding.Encode("utf-8", name), from)
	w("To: %s", to)
	w("Subject: Anmeldung Runder Tisch")
	w("Date: %s", time.Now().Format(time.RFC1123Z))
	w("Message-ID: <load-%d-%s>", i, from)
	w("MIME-Version: 1.0")
	text := fmt.Sprintf("Sehr geehrte Damen und Herren,\r\n\r\nhiermit melde ich mich für den Runden Tisch „Open Source in Berlin“ am 18.4. an.\r\n\r\n"+
		"Mit freundlichen Grüßen\r\n%s\r\n%s\r\n", name, orgs[i%len(orgs)])
	if attach == "" {
		w("Content-Type: text/plain; charset=utf-8")
		w("Content-Transfer-Encoding: 8bit")
		w("")
		b.WriteString(text)
		return []byte(b.String())
	}
	w("Content-Type: multipart/mixed; boundary=loadbench")
	w("")
	w("--loadbench")
	w("Content-Type: text/plain; charset=utf-8")
	w("Content-Transfer-Encoding: 8bit")
	w("")
	b.WriteString(text)
	w("--loadbench")
	w("Content-Type: application/pdf; name=programm.pdf")
	w("Content-Disposition: attachment; filename=programm.pdf")
	w("Content-Transfer-Encoding: base64")
	w("")
	for len(attach) > 76 {
		b.WriteString(attach[:76])
		b.WriteString("\r\n")
		attach = attach[76:]
	}
	w("%s", attach)
	w("--loadbench--")
	return []byte(b.String())
}

func machine() string {
	model := "unknown CPU"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if _, rest, ok := strings.Cut(string(b), "MemTotal:"); ok {
			line, _, _ := strings.Cut(rest, "\n")
			if kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(line), " kB"), 10, 64); err == nil {
				mem = fmt.Sprintf(", %.0f GiB RAM", float64(kb)/(1<<20))
			}
		}
	}
	return fmt.Sprintf("machine: %s, %d cores%s, %s/%s, %s", model, runtime.NumCPU(), mem, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
