package mailparse

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// maxFuzzText is the bound FuzzParse holds Text to: MaxTextBytes itself.
// HTML conversion may produce more text than the HTML it reads (link
// targets, list markers), but finishText cuts the joined text to
// MaxTextBytes again, so no slack is needed.
var maxFuzzText = DefaultLimits.MaxTextBytes

func addSeeds(f *testing.F) {
	files := corpusFiles(f)
	files = append(files, realWorldFiles(f)...)
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		// Reading in other pieces must not change the result: the readers
		// must not depend on where the source's reads end.
		m2, err := Parse(iotest.DataErrReader(iotest.OneByteReader(bytes.NewReader(raw))))
		if err != nil {
			t.Fatalf("Parse one byte at a time: %v", err)
		}
		if g1, g2 := toGolden(m), toGolden(m2); !reflect.DeepEqual(g1, g2) {
			t.Fatalf("result depends on read sizes:\n%+v\n%+v", g1, g2)
		}
		for _, p := range m.Problems {
			if strings.Contains(p, "internal error") || strings.Contains(p, "could not be converted") {
				t.Fatalf("recovered panic: %s", p)
			}
		}
		if len(m.Text) > maxFuzzText {
			t.Errorf("len(Text) = %d > %d", len(m.Text), maxFuzzText)
		}
		checkUTF8 := func(what, s string) {
			if !utf8.ValidString(s) {
				t.Errorf("%s is not valid UTF-8: %q", what, s)
			}
		}
		checkUTF8("Text", m.Text)
		checkUTF8("Subject", m.Subject)
		checkUTF8("DeliveryStatus", m.DeliveryStatus)
		for _, l := range [][]Address{m.From, m.Sender, m.ReplyTo, m.To, m.Cc} {
			for _, a := range l {
				checkUTF8("name", a.Name)
				checkUTF8("address", a.Email)
			}
		}
		for _, a := range m.Attachments {
			checkUTF8("file name", a.Filename)
			if a.Size < 0 {
				t.Errorf("attachment size %d", a.Size)
			}
		}
		for _, e := range m.Embedded {
			checkUTF8("embedded subject", e.Subject)
			checkUTF8("embedded text", e.Text)
			if len(e.Text) > maxFuzzText {
				t.Errorf("len(Embedded.Text) = %d", len(e.Text))
			}
		}
		for _, p := range m.Problems {
			checkUTF8("problem", p)
		}
	})
}

func FuzzParseAddressListLoose(f *testing.F) {
	for _, s := range []string{
		`"Hoffmann, Miriam" <miriam.hoffmann@senfin.berlin.de>`,
		`Hoffmann, Miriam <m@x.de>, Pohl, Karsten <k@y.de>`,
		`a@x.de (Anna), Bob <b@y.de>; c@z.de`,
		`anke.vollmer@itdz-berlin.de<mailto:anke.vollmer@itdz-berlin.de>`,
		"J\xf6rg <j@x.de>",
		`<>`, `@`, `<a@b@c>`, `"\"" <q@x.de>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		seen := map[string]bool{}
		for _, a := range ParseAddressListLoose(s) {
			if !utf8.ValidString(a.Name) || !utf8.ValidString(a.Email) {
				t.Errorf("invalid UTF-8 in %#v", a)
			}
			if strings.Count(a.Email, "@") != 1 || a.Email != strings.ToLower(a.Email) ||
				strings.ContainsAny(a.Email, " \t\r\n<>") {
				t.Errorf("bad address %q", a.Email)
			}
			if !strings.Contains(strings.ToLower(fixUTF8(s)), a.Email) {
				t.Errorf("%q is not in the input", a.Email)
			}
			if seen[a.Email] {
				t.Errorf("%q listed twice", a.Email)
			}
			seen[a.Email] = true
			if a.Name != strings.TrimSpace(a.Name) {
				t.Errorf("name %q not trimmed", a.Name)
			}
		}
	})
}
