package automail

import (
	"bufio"
	"regexp"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// dsnRecipient is one per-recipient block of an RFC 3464 delivery status
// notification.
type dsnRecipient struct {
	original string // Original-Recipient: what the sender addressed
	final    string // Final-Recipient: where delivery was last tried
	action   string // failed, delayed, delivered, relayed, expanded
	status   string // RFC 3463 code
	diag     string // Diagnostic-Code, one line
}

// maxDSNBytes and maxDSNRecipients bound the report parsing.
const (
	maxDSNBytes      = 64 << 10
	maxDSNRecipients = 100
)

var (
	statusRe = regexp.MustCompile(`\b[245]\.\d{1,3}\.\d{1,3}\b`)
	fieldRe  = regexp.MustCompile(`^[!-9;-~]+[ \t]*:`)
)

// parseDSN reads the blocks of a message/delivery-status body: the
// per-message block (Reporting-MTA, Arrival-Date …) and one block per
// recipient, separated by blank lines (RFC 3464 §2.1). Each block is read
// with go-message's header reader, so folded (continued) fields such as a
// multi-line Diagnostic-Code come back as one value. Lines that are no
// header field (damaged reports, prose around a report quoted in a text)
// are dropped instead of ending the block.
func parseDSN(s string) []dsnRecipient {
	if len(s) > maxDSNBytes {
		s = s[:maxDSNBytes]
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out []dsnRecipient
	var block strings.Builder
	kept := false // the previous line was kept: a continuation may follow
	flush := func() {
		if block.Len() == 0 {
			return
		}
		block.WriteString("\r\n")
		h, _ := textproto.ReadHeader(bufio.NewReader(strings.NewReader(block.String())))
		block.Reset()
		kept = false
		if r, ok := dsnBlock(h); ok && len(out) < maxDSNRecipients {
			out = append(out, r)
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			if kept {
				block.WriteString(line)
				block.WriteString("\r\n")
			}
			continue
		}
		if !fieldRe.MatchString(line) {
			kept = false
			continue
		}
		kept = true
		block.WriteString(line)
		block.WriteString("\r\n")
	}
	flush()
	return out
}

// dsnBlock turns one block into a recipient, if it is a per-recipient
// block.
func dsnBlock(h textproto.Header) (dsnRecipient, bool) {
	r := dsnRecipient{
		original: dsnAddress(h.Get("Original-Recipient")),
		final:    dsnAddress(h.Get("Final-Recipient")),
	}
	if r.original == "" && r.final == "" {
		// Some gateways only give X-Actual-Recipient.
		r.final = dsnAddress(h.Get("X-Actual-Recipient"))
	}
	if r.original == "" && r.final == "" {
		return r, false
	}
	if f := strings.Fields(strings.ToLower(h.Get("Action"))); len(f) > 0 {
		r.action = strings.Trim(f[0], ";,.()")
		if r.action == "failure" {
			r.action = "failed" // seen in the wild
		}
	}
	r.status = statusRe.FindString(h.Get("Status"))
	r.diag = oneLine(dsnValue(h.Get("Diagnostic-Code")), 300)
	return r, true
}

// dsnAddress reads "rfc822; anna@example.org" (the address type before
// the ";" is optional in practice).
func dsnAddress(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if i := strings.IndexByte(v, ';'); i >= 0 {
		typ := strings.ToLower(strings.TrimSpace(v[:i]))
		if typ != "" && typ != "rfc822" && !strings.Contains(typ, "@") {
			// x400, unknown …: no Internet address in it, as a rule.
			if a := firstAddress(v[i+1:]); a != "" {
				return a
			}
			return ""
		}
		v = v[i+1:]
	}
	return firstAddress(v)
}

// dsnValue strips the type of a typed field ("smtp; 550 5.1.1 …").
func dsnValue(v string) string {
	if i := strings.IndexByte(v, ';'); i > 0 && i < 20 && !strings.ContainsAny(v[:i], " \t") {
		return strings.TrimSpace(v[i+1:])
	}
	return strings.TrimSpace(v)
}

// oneLine collapses whitespace and shortens to n bytes.
func oneLine(s string, n int) string {
	return clip(s, n)
}
