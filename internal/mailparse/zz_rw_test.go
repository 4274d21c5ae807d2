package mailparse

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZRWDump(t *testing.T) {
	out, _ := os.Create("/tmp/rwdump.txt")
	defer out.Close()
	for _, f := range realWorldFiles(t) {
		raw, _ := os.ReadFile(f)
		m, _ := ParseBytes(raw)
		lines := strings.Split(m.Text, "\n")
		if len(lines) > 12 {
			lines = lines[:12]
		}
		fmt.Fprintf(out, "######## %s\nFrom=%v To=%v Subj=%q Date=%v CT=%s Att=%v Emb=%d DS=%d\nP=%q\n%s\n\n", filepath.Base(f), m.From, m.To, m.Subject, m.Date, m.ContentType, m.Attachments, len(m.Embedded), len(m.DeliveryStatus), m.Problems, strings.Join(lines, "\n"))
	}
}
