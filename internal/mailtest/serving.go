package mailtest

import (
	"net"
	"sync"
)

// server is what the IMAP and SMTP servers of this package have in common.
type server interface {
	Serve(net.Listener) error
	Close() error
}

// serving runs one server at a time on a listener and stops it as a
// server that goes away would: the listener closed, every connection cut.
type serving struct {
	mu     sync.Mutex
	srv    server        // nil while stopped
	ln     net.Listener  // srv's listener
	served chan struct{} // closed when srv's Serve returned
}

// start serves srv on l, which is ln or a wrapper of it (TLS, filters).
func (r *serving) start(srv server, ln, l net.Listener) {
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(l)
	}()
	r.mu.Lock()
	r.srv, r.ln, r.served = srv, ln, served
	r.mu.Unlock()
}

// stop closes the server and its listener and waits for Serve to return.
// It is idempotent.
func (r *serving) stop() {
	r.mu.Lock()
	srv, ln, served := r.srv, r.ln, r.served
	r.srv, r.ln = nil, nil
	r.mu.Unlock()
	if srv == nil {
		return
	}
	// The servers register the listener only once Serve runs; closed
	// before that, Serve would return without closing it (go-imap) or go
	// on accepting into the void (go-smtp). So close it here too.
	_ = srv.Close()
	_ = ln.Close()
	<-served
}

// running reports whether a server is being served.
func (r *serving) running() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.srv != nil
}
