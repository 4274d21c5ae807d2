package app

import (
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/mailparse"
)

// BenchmarkUnderstandShort reads and understands one short registration,
// like those of the load benchmark (e2e/loadbench): the common case, where
// BenchmarkReadAndUnderstand averages over the corpus's long and odd mails.
func BenchmarkUnderstandShort(b *testing.B) {
	raw := []byte("From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <jm@remote.example>\r\nTo: reg@heinlein-support.de\r\nSubject: Anmeldung Runder Tisch\r\n" +
		"Date: Thu, 26 Nov 2026 10:00:00 +0000\r\nMessage-ID: <load-1@x>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
		"Sehr geehrte Damen und Herren,\r\n\r\nhiermit melde ich mich für den Runden Tisch „Open Source in Berlin“ am 18.4. an.\r\n\r\nMit freundlichen Grüßen\r\nJürgen Müller\r\nBezirksamt Pankow\r\n")
	an := Analyzer(config.Default())
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		m, err := mailparse.ParseBytes(raw)
		if err != nil {
			b.Fatal(err)
		}
		r := an.Understand(m, now)
		if len(r.Requests) == 0 {
			b.Fatal("no request")
		}
	}
}
