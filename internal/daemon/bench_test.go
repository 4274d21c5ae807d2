package daemon

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkRunOnce measures a --once run over a backlog of registrations
// on the in-process servers: read, understand, record, reply, copy to
// Sent, mark done. The servers' own work is part of the figures: wall
// time and CPU time (user and system, of the whole test process) per mail.
func BenchmarkRunOnce(b *testing.B) {
	const backlog = 100
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		r := newRig(b)
		for i := range backlog {
			raw := fmt.Sprintf("From: Person %d <p%d@example.org>\r\nTo: mail@heinlein-support.de\r\nSubject: Anmeldung\r\n"+
				"Date: Tue, 02 Apr 2024 10:00:00 +0200\r\nMessage-ID: <b%d@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"+
				"Hallo,\r\nich melde mich für den Runden Tisch an.\r\nGruß\r\nPerson %d\r\n", i, i, i, i)
			r.imap.Append(b, "INBOX", []byte(raw), nil, time.Date(2024, 4, 2, 10, 0, i, 0, berlin))
		}
		b.StartTimer()
		cpu0 := cpuTime()
		if err := r.d.RunOnce(b.Context()); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - cpu0
		b.StopTimer()
		if n := len(r.smtp.Messages()); n != backlog {
			b.Fatalf("%d replies, want %d", n, backlog)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*backlog), "µs/mail")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*backlog), "cpu-µs/mail")
}
