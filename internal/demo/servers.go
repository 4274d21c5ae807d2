package demo

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-smtp"
)

// The demo's servers are real protocol servers on loopback, the same
// go-imap and go-smtp code regbot talks to in tests: the daemon cannot
// tell them from a provider's.

const (
	demoUser     = "mail@heinlein-support.de"
	demoPassword = "demo"
)

type imapServer struct {
	addr string
	user *imapmemserver.User
	srv  *imapserver.Server
	done chan struct{}
}

func startIMAP() (*imapServer, error) {
	user := imapmemserver.NewUser(demoUser, demoPassword)
	for _, name := range []string{"INBOX", "Sent"} {
		if err := user.Create(name, nil); err != nil {
			return nil, fmt.Errorf("create mailbox %s: %w", name, err)
		}
	}
	mem := imapmemserver.New()
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true, // loopback only
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	s := &imapServer{addr: ln.Addr().String(), user: user, srv: srv, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		_ = srv.Serve(ln)
	}()
	return s, nil
}

func (s *imapServer) append(mailbox string, raw []byte, at time.Time) error {
	_, err := s.user.Append(mailbox, bytes.NewReader(raw), &imap.AppendOptions{Time: at})
	return err
}

func (s *imapServer) close() {
	_ = s.srv.Close()
	<-s.done
}

// smtpSink accepts every message and keeps it.
type smtpSink struct {
	host string
	port int
	srv  *smtp.Server
	mu   sync.Mutex
	msgs [][]byte
	done chan struct{}
}

func startSMTP() (*smtpSink, error) {
	s := &smtpSink{done: make(chan struct{})}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &sinkSession{sink: s}, nil
	}))
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout, s.srv.WriteTimeout = 30*time.Second, 30*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	s.host, s.port = "127.0.0.1", ln.Addr().(*net.TCPAddr).Port
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

func (s *smtpSink) messages() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.msgs...)
}

func (s *smtpSink) close() {
	_ = s.srv.Close()
	<-s.done
}

type sinkSession struct{ sink *smtpSink }

func (*sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (*sinkSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (*sinkSession) Reset()                               {}
func (*sinkSession) Logout() error                        { return nil }

func (s *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.sink.mu.Lock()
	s.sink.msgs = append(s.sink.msgs, b)
	s.sink.mu.Unlock()
	return nil
}
