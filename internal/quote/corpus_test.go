package quote

import (
	"bytes"
	"encoding/base64"
	"flag"
	"fmt"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// corpusDir holds the labelled development corpus shared by the whole repo.
const corpusDir = "../../testdata/corpus"

// corpusMail is one decoded corpus message: its file name and the plain
// text body as the (future) MIME reader package would hand it to Split.
type corpusMail struct {
	name string // file name without .eml
	text string
}

// loadCorpus decodes every corpus mail with the test-only decoder below.
// It skips the test when the corpus is not there (e.g. a vendored copy of
// this package), because the goldens cannot be checked without it.
func loadCorpus(tb testing.TB) []corpusMail {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.eml"))
	if err != nil || len(files) == 0 {
		tb.Skipf("corpus not found in %s", corpusDir)
	}
	sort.Strings(files)
	var out []corpusMail
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		text, err := decodeMailText(raw)
		if err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		out = append(out, corpusMail{name: strings.TrimSuffix(filepath.Base(f), ".eml"), text: text})
	}
	return out
}

// decodeMailText is a deliberately small stand-in for the real MIME reader
// (another package, written in parallel): it only has to be good enough to
// feed Split the texts of the corpus. It returns the inline text/plain
// parts (or, where a multipart/alternative has none, stripped HTML),
// concatenated in order; attached messages and delivery reports are not
// part of the body the sender wrote.
func decodeMailText(raw []byte) (string, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return "", err
	}
	var parts []string
	err = walkPart(textproto.MIMEHeader(msg.Header), msg.Body, &parts, 0)
	return strings.Join(parts, "\n"), err
}

func walkPart(h textproto.MIMEHeader, body io.Reader, out *[]string, depth int) error {
	if depth > 10 {
		return nil
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, params = "text/plain", map[string]string{}
	}
	disp, _, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	if disp == "attachment" {
		return nil
	}
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		mr := multipart.NewReader(body, params["boundary"])
		var texts, htmls []string
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			var sub []string
			if err := walkPart(p.Header, p, &sub, depth+1); err != nil {
				return err
			}
			pmt, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
			if pmt == "text/html" {
				htmls = append(htmls, sub...)
			} else {
				texts = append(texts, sub...)
			}
			if mt == "multipart/report" {
				break // only the human-readable first part
			}
		}
		if mt == "multipart/alternative" {
			if len(texts) > 0 {
				*out = append(*out, texts[0])
			} else if len(htmls) > 0 {
				*out = append(*out, htmls[0])
			}
			return nil
		}
		*out = append(*out, texts...)
		if len(texts) == 0 {
			*out = append(*out, htmls...)
		}
		return nil
	case mt == "text/plain" || mt == "text/html":
		data, err := decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
		if err != nil {
			return err
		}
		s := decodeCharset(params["charset"], data)
		if mt == "text/html" {
			s = stripHTML(s)
		} else if strings.EqualFold(params["format"], "flowed") {
			s = unflow(s, strings.EqualFold(params["delsp"], "yes"))
		}
		*out = append(*out, s)
	}
	return nil
}

func decodeTransfer(cte string, r io.Reader) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "quoted-printable":
		return io.ReadAll(quotedprintable.NewReader(r))
	case "base64":
		raw, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		clean := strings.Map(func(r rune) rune {
			if r == '\r' || r == '\n' || r == ' ' || r == '\t' {
				return -1
			}
			return r
		}, string(raw))
		return base64.StdEncoding.DecodeString(clean)
	default:
		return io.ReadAll(r)
	}
}

// cp1252High maps 0x80–0x9F of windows-1252; 0 marks the five undefined
// bytes, which are kept as the C1 control like latin-1 does.
var cp1252High = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

func decodeCharset(charset string, b []byte) string {
	cs := strings.ToLower(strings.TrimSpace(charset))
	switch cs {
	case "iso-8859-1", "latin1", "iso-8859-15", "windows-1252", "cp1252":
		var sb strings.Builder
		for _, c := range b {
			r := rune(c)
			if cs == "windows-1252" || cs == "cp1252" {
				if c >= 0x80 && c <= 0x9F && cp1252High[c-0x80] != 0 {
					r = cp1252High[c-0x80]
				}
			}
			sb.WriteRune(r)
		}
		return sb.String()
	default: // utf-8, us-ascii and unknown: keep the bytes
		return string(b)
	}
}

// unflow undoes RFC 3676 format=flowed soft line breaks (a trailing space)
// so that Split sees the paragraphs the sender typed; "-- " stays.
func unflow(s string, delsp bool) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var out []string
	var cur strings.Builder
	open := false
	for _, l := range lines {
		if l == "-- " {
			if open {
				out = append(out, cur.String())
				cur.Reset()
				open = false
			}
			out = append(out, l)
			continue
		}
		cur.WriteString(l)
		if strings.HasSuffix(l, " ") && !strings.HasPrefix(l, ">") {
			if delsp {
				s := cur.String()
				cur.Reset()
				cur.WriteString(s[:len(s)-1])
			}
			open = true
			continue
		}
		out = append(out, cur.String())
		cur.Reset()
		open = false
	}
	if open {
		out = append(out, cur.String())
	}
	return strings.Join(out, "\n")
}

var (
	reHTMLDrop  = regexp.MustCompile(`(?is)<(style|script|head)\b.*?</(style|script|head)>|<!--.*?-->`)
	reHTMLBreak = regexp.MustCompile(`(?i)<br\s*/?>|</(p|div|tr|li|h[1-6]|table|blockquote)>`)
	reHTMLTag   = regexp.MustCompile(`(?s)<[^>]*>`)
	reBlankRuns = regexp.MustCompile(`\n[ \t]*\n([ \t]*\n)+`)
)

// stripHTML is the crude HTML-to-text of this test only.
func stripHTML(s string) string {
	s = reHTMLDrop.ReplaceAllString(s, "")
	s = strings.NewReplacer("\r\n", " ", "\n", " ").Replace(s)
	s = reHTMLBreak.ReplaceAllString(s, "\n")
	s = reHTMLTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	s = strings.Join(lines, "\n")
	s = reBlankRuns.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}

func TestDecoderValidUTF8(t *testing.T) {
	for _, m := range loadCorpus(t) {
		if !utf8.ValidString(m.text) {
			t.Errorf("%s: decoded text is not valid UTF-8", m.name)
		}
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata/corpus")

// renderGolden prints the parts in a stable, readable form. Quoted is cut to
// its first three lines: the goldens are meant to be read, and what matters
// is where the quote starts.
func renderGolden(p Parts) string {
	var b strings.Builder
	sec := func(name, val string) {
		fmt.Fprintf(&b, "== %s ==\n", name)
		if val != "" {
			b.WriteString(val)
			b.WriteString("\n")
		}
	}
	sec("New", p.New)
	sec("Closing", p.Closing)
	sec("Signature", p.Signature)
	sec("Disclaimer", p.Disclaimer)
	q := strings.Split(p.Quoted, "\n")
	if len(q) > 3 {
		q = append(q[:3], fmt.Sprintf("[… %d more lines]", strings.Count(p.Quoted, "\n")-2))
	}
	sec("Quoted (first 3 lines)", strings.Join(q, "\n"))
	fmt.Fprintf(&b, "== Headers ==\n")
	for i, h := range p.Headers {
		fmt.Fprintf(&b, "[%d] kind=%s\n", i, h.Kind)
		for _, f := range [][2]string{{"From", h.From}, {"Date", h.Date}, {"To", h.To}, {"Cc", h.Cc}, {"Subject", h.Subject}} {
			if f[1] != "" {
				fmt.Fprintf(&b, "    %s: %s\n", f[0], f[1])
			}
		}
	}
	fmt.Fprintf(&b, "== Forwarded ==\n%v\n", p.Forwarded)
	return b.String()
}

func TestCorpusGolden(t *testing.T) {
	for _, m := range loadCorpus(t) {
		t.Run(m.name, func(t *testing.T) {
			got := renderGolden(Split(m.text))
			path := filepath.Join("testdata", "corpus", m.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/quote -update)", err)
			}
			if got != string(want) {
				t.Errorf("split differs from %s (run with -update and review the diff):\n%s", path, got)
			}
		})
	}
}
