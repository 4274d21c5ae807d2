// Package neterr owns one decision both mail adapters need: whether a
// connection error goes away by itself (a network hiccup, a server that
// restarts: try again later) or not (a certificate that does not verify:
// a person has to fix the configuration).
package neterr

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"syscall"
)

// IsTLS reports whether err comes from certificate verification or a TLS
// protocol mismatch, which retrying does not fix.
func IsTLS(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		header   tls.RecordHeaderError
		alert    tls.AlertError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &header) || errors.As(err, &alert)
}

// Temporary reports whether err is a network failure that a later attempt
// may not meet: timeouts, resets, refused or closed connections. TLS
// errors are never temporary.
func Temporary(err error) bool {
	if err == nil || IsTLS(err) {
		return false
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	for _, tmp := range []error{io.EOF, io.ErrUnexpectedEOF, net.ErrClosed, syscall.ECONNRESET, syscall.ECONNREFUSED, syscall.EPIPE} {
		if errors.Is(err, tmp) {
			return true
		}
	}
	return false
}
