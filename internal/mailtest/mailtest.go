// Package mailtest provides in-process mail servers for tests, the way
// net/http/httptest provides HTTP servers. It is imported only from _test.go
// files.
//
// It owns two fakes, both real servers on 127.0.0.1 speaking the real
// protocol, so the adapters are tested without mocks:
//
//   - [StartIMAP] runs go-imap's imapserver on top of its in-memory backend
//     (imapmemserver) with one user and the mailboxes INBOX, Sent, Done and
//     Review. Fixtures go in with [IMAPServer.Append], assertions read
//     [IMAPServer.Messages]; both work while the server is down. Options turn
//     IDLE or MOVE off and add TLS (implicit or STARTTLS) with a certificate
//     made for the test. [IMAPServer.Close] and [IMAPServer.Restart] simulate
//     a server that goes away mid-run and comes back on the same port with
//     the same data.
//   - [StartSMTP] runs a go-smtp server that records every accepted message
//     (envelope and exact bytes), can fail the next MAIL, RCPT or DATA with a
//     chosen reply code, can require AUTH PLAIN, offers STARTTLS or implicit
//     TLS, and can be stopped and started again on the same port.
//
// Both servers are shut down by t.Cleanup. Protocol traces go to t.Output()
// only when the tests run with -v (testing.Verbose); they contain the test
// credentials and the test mail, nothing else.
package mailtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"sync"
	"syscall"
	"testing"
	"time"
)

// traceWriter passes protocol traces to t.Output() when the tests run
// verbose, one labelled line at a time. After the test's cleanup it drops
// everything, because server goroutines may still write while they wind
// down and testing panics on output after a test has completed.
type traceWriter struct {
	mu      sync.Mutex
	w       io.Writer // nil: discard
	label   string
	partial []byte
}

func newTraceWriter(t testing.TB, label string) *traceWriter {
	tw := &traceWriter{label: label}
	if testing.Verbose() {
		tw.w = t.Output()
	}
	t.Cleanup(tw.close)
	return tw
}

// writer returns tw as an io.Writer, or nil when tracing is off, so that
// libraries that test "DebugWriter != nil" skip their tee entirely.
func (tw *traceWriter) writer() io.Writer {
	if tw.w == nil {
		return nil
	}
	return tw
}

func (tw *traceWriter) Write(p []byte) (int, error) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.w == nil {
		return len(p), nil
	}
	tw.partial = append(tw.partial, p...)
	for {
		i := bytes.IndexByte(tw.partial, '\n')
		if i < 0 {
			break
		}
		line := bytes.TrimRight(tw.partial[:i], "\r")
		fmt.Fprintf(tw.w, "%s: %s\n", tw.label, line)
		tw.partial = tw.partial[i+1:]
	}
	// Keep long literals from growing the buffer without bound.
	if len(tw.partial) > 4096 {
		fmt.Fprintf(tw.w, "%s: %s…\n", tw.label, tw.partial[:4096])
		tw.partial = tw.partial[:0]
	}
	return len(p), nil
}

// Printf and Println make a traceWriter usable as the servers' loggers.
func (tw *traceWriter) Printf(format string, args ...any) {
	fmt.Fprintf(tw, format+"\n", args...)
}

func (tw *traceWriter) Println(args ...any) {
	fmt.Fprintln(tw, args...)
}

func (tw *traceWriter) close() {
	tw.mu.Lock()
	tw.w = nil
	tw.mu.Unlock()
}

// testCert is a self-signed certificate for 127.0.0.1, ::1 and localhost,
// made for one test. It is its own CA.
type testCert struct {
	server *tls.Config // for the server side
	roots  *x509.CertPool
}

func newTestCert(t testing.TB) *testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("mailtest: generate key: %v", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		t.Fatalf("mailtest: serial number: %v", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "regbot mailtest " + t.Name()},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatalf("mailtest: create certificate: %v", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatalf("mailtest: parse certificate: %v", err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(leaf)
	return &testCert{
		server: &tls.Config{
			Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}},
			MinVersion:   tls.VersionTLS12,
		},
		roots: roots,
	}
}

// client returns a client configuration that trusts only this certificate.
// ServerName is left empty: clients derive it from the address they dial.
func (c *testCert) client() *tls.Config {
	return &tls.Config{RootCAs: c.roots, MinVersion: tls.VersionTLS12}
}

// listenAgain listens on addr again after a server on it was closed. The
// port is normally free at once; a short retry covers a slow close.
func listenAgain(addr string) (net.Listener, error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		ln, err := net.Listen("tcp", addr)
		if err == nil || !errors.Is(err, syscall.EADDRINUSE) || time.Now().After(deadline) {
			return ln, err
		}
		time.Sleep(20 * time.Millisecond)
	}
}
