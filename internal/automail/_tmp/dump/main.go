package main

import (
	"fmt"
	"os"

	"github.com/heinlein/regbot/internal/mailparse"
)

func main() {
	b, _ := os.ReadFile(os.Args[1])
	m, _ := mailparse.ParseBytes(b)
	fmt.Printf("FROM=%q SUBJ=%q\n", m.From, m.Subject)
	fmt.Printf("CT=%s RT=%s RP=%v %q Problems=%q\n", m.ContentType, m.ReportType, m.HasReturnPath, m.ReturnPath, m.Problems)
	fmt.Printf("---TEXT (%d)---\n%s\n---DS---\n%s\n", len(m.Text), m.Text, m.DeliveryStatus)
	for i, e := range m.Embedded {
		fmt.Printf("---EMB %d headersOnly=%v to=%v from=%v subj=%q textlen=%d\n", i, e.HeadersOnly, e.To, e.From, e.Subject, len(e.Text))
	}
}
