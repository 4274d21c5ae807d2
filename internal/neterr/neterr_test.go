package neterr

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"
)

func TestTemporary(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), true},
		{"refused", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, true},
		{"eof", fmt.Errorf("greeting: %w", io.EOF), true},
		{"closed", net.ErrClosed, true},
		{"unknown authority", fmt.Errorf("handshake: %w", x509.UnknownAuthorityError{}), false},
		{"other", errors.New("no such mailbox"), false},
	}
	for _, tt := range tests {
		if got := Temporary(tt.err); got != tt.want {
			t.Errorf("%s: Temporary = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !IsTLS(fmt.Errorf("x: %w", x509.HostnameError{})) {
		t.Error("a hostname mismatch is a TLS error")
	}
}
