package mailparse

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestZZHTMLDump(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.eml"))
	out, _ := os.Create("/tmp/htmldump.txt")
	defer out.Close()
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		if !bytes.Contains(raw, []byte("text/html")) {
			continue
		}
		raw = bytes.ReplaceAll(raw, []byte("Content-Type: text/plain"), []byte("Content-Type: text/x-plain"))
		m, _ := ParseBytes(raw)
		fmt.Fprintf(out, "######## %s %v\n%s\n\n", filepath.Base(f), m.Problems, m.Text)
	}
}
