package mailparse

import (
	"regexp"
	"slices"
	"strings"

	"github.com/emersion/go-message/mail"
)

// addresses decodes an address header. The strict parser handles RFC 5322;
// when it refuses (unquoted commas in names, raw 8-bit text, Outlook
// artefacts), a lenient scan still finds every address and its name.
func (p *parser) addresses(h *mail.Header, key string) []Address {
	raw := h.Get(key)
	if strings.TrimSpace(raw) == "" {
		return nil
	}
	list, err := h.AddressList(key)
	if err == nil && len(list) > 0 {
		out := make([]Address, 0, len(list))
		for _, a := range list {
			if a == nil || !strings.Contains(a.Address, "@") {
				continue
			}
			name := a.Name
			if strings.Contains(name, "=?") {
				// An encoded word inside quotes, which RFC 2047 forbids
				// and Outlook writes anyway.
				name, _ = decodeWords(name)
			}
			out = append(out, Address{Name: cleanName(fixC1(fixUTF8(name))), Email: cleanEmail(fixUTF8(a.Address))})
		}
		if len(out) > 0 {
			return out
		}
	}
	decoded, _ := decodeWords(raw)
	out := looseAddresses(raw, decoded)
	if len(out) == 0 && key == "From" && !strings.Contains(decoded, "<>") {
		// (<> is the null sender of delivery reports, not a damaged field.)
		p.problem("the From header %q holds no address", truncate(collapseSpace(decoded), 60))
	}
	return out
}

// looseAddresses is the lenient scan of an address header: raw as it
// stands, decoded with its encoded words decoded. Addresses are taken only
// from where they stand in raw, outside encoded words: an encoded word is
// a display name's text, and a name may say anything, such as
// "x\r\nBcc: evil@example.org", which must not become the sender's
// address. Names come from decoded. Only a header whose every address is
// inside encoded words (a broken mailer encoding the whole field) is read
// decoded, and then only when decoding brought no line break or other
// control character, which no honest address field holds.
func looseAddresses(raw, decoded string) []Address {
	if strings.IndexByte(raw, 0) >= 0 {
		raw = strings.ReplaceAll(raw, "\x00", " ")
	}
	// NULs mark where encoded words stood: an address next to one is a
	// fragment of something encoded ("l2=?utf-8?q?…?=-x@example.org"
	// must not become "-x@example.org").
	masked := encodedWordRe.ReplaceAllStringFunc(raw, func(w string) string { return strings.Repeat("\x00", len(w)) })
	lower := strings.ToLower(masked)
	found := slices.DeleteFunc(ParseAddressListLoose(masked), func(a Address) bool {
		for off := 0; ; {
			i := strings.Index(lower[off:], a.Email)
			if i < 0 {
				return false
			}
			i += off
			end := i + len(a.Email)
			if (i > 0 && lower[i-1] == 0) || (end < len(lower) && lower[end] == 0) {
				return true
			}
			off = end
		}
	})
	if len(found) == 0 {
		if strings.ContainsFunc(decoded, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
			return nil
		}
		return ParseAddressListLoose(decoded)
	}
	names := map[string]string{}
	for _, a := range ParseAddressListLoose(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, decoded)) {
		names[a.Email] = a.Name
	}
	for i := range found {
		if n := names[found[i].Email]; n != "" && strings.TrimSpace(found[i].Name) == "" {
			found[i].Name = n
		}
	}
	return found
}

var (
	encodedWordRe = regexp.MustCompile(`=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=`)
	angleAddrRe   = regexp.MustCompile(`<\s*(?:mailto:)?([^<>\s@]+@[^<>\s@]+)\s*>`)
	bareAddrRe    = regexp.MustCompile(`[A-Za-z0-9._%+\-'!#$&*/=?^{|}~]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+`)
)

// ParseAddressListLoose finds the addresses in s however it is formatted:
// `Name <a@b>`, `"Last, First" <a@b>`, `Last, First <a@b>`, `a@b (Name)` or
// bare addresses. Each address is listed once, lower-cased.
func ParseAddressListLoose(s string) []Address {
	s = fixUTF8(s)
	var out []Address
	seen := map[string]bool{}
	add := func(name, email string) {
		email = cleanEmail(email)
		if email == "" || seen[email] {
			return
		}
		seen[email] = true
		out = append(out, Address{Name: cleanName(name), Email: email})
	}
	// bare adds the addresses written without angle brackets in seg and
	// returns what follows the last of them.
	bare := func(seg string) string {
		for {
			m := bareAddrRe.FindStringIndex(seg)
			if m == nil {
				return seg
			}
			name := ""
			email := seg[m[0]:m[1]]
			seg = seg[m[1]:]
			if t := strings.TrimLeft(seg, " \t"); strings.HasPrefix(t, "(") {
				if i := strings.IndexByte(t, ')'); i >= 0 {
					name = t[1:i]
					seg = t[i+1:]
				}
			}
			add(name, email)
		}
	}
	rest := s
	for {
		loc := angleAddrRe.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		// The name is what stands between the previous address and this one.
		before := bare(rest[:loc[0]])
		if i := strings.LastIndexAny(before, ">;"); i >= 0 {
			before = before[i+1:]
		}
		if i := strings.LastIndex(before, "\","); i >= 0 {
			before = before[i+2:]
		}
		add(before, rest[loc[2]:loc[3]])
		rest = rest[loc[1]:]
	}
	bare(rest)
	return out
}

func cleanEmail(e string) string {
	e = strings.TrimSpace(strings.ToLower(e))
	e = strings.TrimPrefix(e, "mailto:")
	e = strings.Trim(e, "<>\"'.,;:()[] ")
	if strings.Count(e, "@") != 1 || strings.ContainsFunc(e, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return ""
	}
	return e
}

func cleanName(n string) string {
	n = collapseSpace(n)
	n = strings.Trim(n, "\"' ,;")
	n = strings.TrimSpace(strings.ReplaceAll(n, `\"`, `"`))
	if strings.Contains(n, "@") && !strings.Contains(n, " ") {
		// A display name that is only the address again carries no name.
		return ""
	}
	return n
}
