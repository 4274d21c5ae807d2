// Package e2e holds regbot's end-to-end tests against real mail servers:
// Postfix and Dovecot on loopback, started by scripts/mailstack.sh. The
// tests build the regbot binary once, run `regbot run` as a subprocess with
// a generated configuration, send mail with a real SMTP client through
// Postfix and read the replies over IMAP from Dovecot.
//
//	bash scripts/mailstack.sh start   # once, as root; installs Postfix and Dovecot if needed
//	go test ./e2e/                    # or go test ./...
//
// Without a reachable stack every test skips with "mailstack not running:
// start it with scripts/mailstack.sh start"; with REGBOT_E2E=required (CI)
// they fail instead. The stack is found through the variables of
// scripts/mailstack.sh: MAILSTACK_DIR (default /tmp/regbot-mailstack, where
// tls/ca.pem is the CA the tests trust), MAILSTACK_PASS (default test),
// IMAP_PORT, IMAPS_PORT, SMTP_PORT and SUBMISSION_PORT (1143, 1993, 2525,
// 1587).
//
// REGBOT_E2E_BINARY=path tests that regbot binary instead of building
// ./cmd/regbot.
//
// Each test uses its own registration mailbox and sender addresses, unique
// per run (every address at example.org and heinlein-support.de is a
// mailbox of the stack), so tests run in parallel, never see each other's
// mail and can run again and again against the same stack.
//
// This file holds only this documentation; the tests and their helpers are
// in the _test.go files. Finding the stack and writing regbot's
// configuration for it are in e2e/mailstack, which e2e/loadbench shares.
package e2e
