// Package mailstack owns what the end-to-end tests (e2e) and the load
// benchmark (e2e/loadbench) know about the loopback mail stack of
// scripts/mailstack.sh: where it is, whether it answers, and the regbot
// configuration that points at it.
package mailstack

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Stack is a running mail stack, found through the environment variables
// of scripts/mailstack.sh (their defaults when unset).
type Stack struct {
	Dir  string // MAILSTACK_DIR
	CA   string // the test CA's certificate (PEM file)
	Pass string // every mailbox's password
	// Ports on 127.0.0.1.
	IMAPPort, IMAPSPort, SMTPPort, SubmissionPort int
	// RemoteDomain is relayed by Postfix's SMTP client to smtp-sink on
	// SinkPort, which discards it: the outside world, for the load
	// benchmark (MAILSTACK_REMOTE_DOMAIN, SINK_PORT).
	RemoteDomain string
	SinkPort     int
	// CAPool trusts the test CA.
	CAPool *x509.CertPool
}

// Addr is 127.0.0.1:port.
func (s *Stack) Addr(port int) string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) }

// Find locates the stack and checks that IMAP, IMAPS, SMTP and submission
// greet. The error says what is missing.
func Find() (*Stack, error) {
	s := &Stack{
		Dir:          strings.TrimSuffix(envOr("MAILSTACK_DIR", "/tmp/regbot-mailstack"), "/"),
		Pass:         envOr("MAILSTACK_PASS", "test"),
		RemoteDomain: envOr("MAILSTACK_REMOTE_DOMAIN", "remote.example"),
	}
	for _, p := range []struct {
		env  string
		def  int
		port *int
	}{
		{"IMAP_PORT", 1143, &s.IMAPPort}, {"IMAPS_PORT", 1993, &s.IMAPSPort},
		{"SMTP_PORT", 2525, &s.SMTPPort}, {"SUBMISSION_PORT", 1587, &s.SubmissionPort},
		{"SINK_PORT", 2526, &s.SinkPort},
	} {
		n, err := strconv.Atoi(envOr(p.env, strconv.Itoa(p.def)))
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("%s=%q is not a port", p.env, os.Getenv(p.env))
		}
		*p.port = n
	}
	s.CA = filepath.Join(s.Dir, "tls", "ca.pem")
	pemBytes, err := os.ReadFile(s.CA)
	if err != nil {
		return nil, fmt.Errorf("no test CA: %v", err)
	}
	s.CAPool = x509.NewCertPool()
	if !s.CAPool.AppendCertsFromPEM(pemBytes) {
		return nil, fmt.Errorf("%s holds no certificate", s.CA)
	}
	if err := greets(s.Addr(s.IMAPPort), nil, "* OK", "a LOGOUT"); err != nil {
		return nil, fmt.Errorf("IMAP: %v", err)
	}
	if err := greets(s.Addr(s.IMAPSPort), &tls.Config{RootCAs: s.CAPool, ServerName: "127.0.0.1"}, "* OK", "a LOGOUT"); err != nil {
		return nil, fmt.Errorf("IMAPS: %v", err)
	}
	if err := greets(s.Addr(s.SMTPPort), nil, "220", "QUIT"); err != nil {
		return nil, fmt.Errorf("SMTP: %v", err)
	}
	if err := greets(s.Addr(s.SubmissionPort), nil, "220", "QUIT"); err != nil {
		return nil, fmt.Errorf("submission: %v", err)
	}
	return s, nil
}

// Remote checks that mail for RemoteDomain has somewhere to go: the sink
// answers.
func (s *Stack) Remote() error {
	if err := greets(s.Addr(s.SinkPort), nil, "220", "QUIT"); err != nil {
		return fmt.Errorf("mail for %s cannot leave: smtp-sink does not answer (%v); start the stack with scripts/mailstack.sh start", s.RemoteDomain, err)
	}
	return nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// greets checks that addr greets with a line starting with want, then
// says bye.
func greets(addr string, tlsConf *tls.Config, want, bye string) error {
	d := &net.Dialer{Timeout: 3 * time.Second}
	var conn net.Conn
	var err error
	if tlsConf != nil {
		conn, err = tls.DialWithDialer(d, "tcp", addr, tlsConf)
	} else {
		conn, err = d.Dial("tcp", addr)
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(3 * time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return fmt.Errorf("%s: no greeting: %v", addr, err)
	}
	if !strings.HasPrefix(line, want) {
		return fmt.Errorf("%s: greeting %q, want %q", addr, strings.TrimSpace(line), want)
	}
	_, _ = io.WriteString(conn, bye+"\r\n")
	return nil
}
