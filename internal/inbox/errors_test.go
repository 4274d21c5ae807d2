package inbox_test

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/heinlein/regbot/internal/inbox"
)

func TestIsTemporary(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"refused connection", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true},
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), true},
		{"EOF", fmt.Errorf("x: %w", io.ErrUnexpectedEOF), true},
		{"closed", net.ErrClosed, true},
		{"deadline", context.DeadlineExceeded, true},
		{"cancelled", fmt.Errorf("x: %w", context.Canceled), true},
		{"BYE", &imap.Error{Type: imap.StatusResponseTypeBye, Text: "shutting down"}, true},
		{"NO UNAVAILABLE", &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeUnavailable}, true},
		{"NO INUSE", &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeInUse}, true},
		{"NO", &imap.Error{Type: imap.StatusResponseTypeNo, Text: "no"}, false},
		{"BAD", &imap.Error{Type: imap.StatusResponseTypeBad, Text: "syntax"}, false},
		{"auth", fmt.Errorf("x: %w: %w", inbox.ErrAuth, &imap.Error{Type: imap.StatusResponseTypeNo}), false},
		{"auth over a network error", fmt.Errorf("x: %w: %w", inbox.ErrAuth, net.ErrClosed), false},
		{"TLS", fmt.Errorf("x: %w", inbox.ErrTLS), false},
		{"x509", x509.UnknownAuthorityError{}, false},
		{"no folder", inbox.ErrNoFolder, false},
		{"not found", inbox.ErrNotFound, false},
		{"options", inbox.ErrInvalidOptions, false},
		{"other", errors.New("odd"), false},
	}
	for _, tt := range tests {
		if got := inbox.IsTemporary(tt.err); got != tt.want {
			t.Errorf("%s: IsTemporary(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}
