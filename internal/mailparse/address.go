package mailparse

import (
	"regexp"
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
			out = append(out, Address{Name: cleanName(fixUTF8(a.Name)), Email: cleanEmail(a.Address)})
		}
		if len(out) > 0 {
			return out
		}
	}
	decoded, derr := h.Text(key)
	if derr != nil || decoded == "" {
		decoded = raw
	}
	return ParseAddressListLoose(fixUTF8(decoded))
}

var (
	angleAddrRe = regexp.MustCompile(`<\s*(?:mailto:)?([^<>\s@]+@[^<>\s@]+)\s*>`)
	bareAddrRe  = regexp.MustCompile(`[A-Za-z0-9._%+\-'!#$&*/=?^{|}~]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+`)
)

// ParseAddressListLoose finds the addresses in s however it is formatted:
// `Name <a@b>`, `"Last, First" <a@b>`, `a@b (Name)` or bare addresses.
func ParseAddressListLoose(s string) []Address {
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
	rest := s
	for {
		loc := angleAddrRe.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		before := rest[:loc[0]]
		// The name is what stands between the previous address and this one.
		if i := strings.LastIndexAny(before, ">;"); i >= 0 {
			before = before[i+1:]
		}
		if i := strings.LastIndex(before, "\","); i >= 0 {
			before = before[i+2:]
		}
		add(before, rest[loc[2]:loc[3]])
		rest = rest[loc[1]:]
	}
	for _, m := range bareAddrRe.FindAllStringIndex(rest, -1) {
		name := ""
		tail := rest[m[1]:]
		if strings.HasPrefix(strings.TrimSpace(tail), "(") {
			t := strings.TrimSpace(tail)[1:]
			if i := strings.IndexByte(t, ')'); i >= 0 {
				name = t[:i]
			}
		}
		add(name, rest[m[0]:m[1]])
	}
	return out
}

func cleanEmail(e string) string {
	e = strings.TrimSpace(strings.ToLower(e))
	e = strings.TrimPrefix(e, "mailto:")
	e = strings.Trim(e, "<>\"'.,;:()[] ")
	if strings.Count(e, "@") != 1 {
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
