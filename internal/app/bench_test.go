package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/mailparse"
)

// BenchmarkReadAndUnderstand measures the whole reading pipeline (MIME,
// quotes, machine-mail rules, intent and people) over the corpus. Run it
// with -cpu 1 to see one core's throughput.
func BenchmarkReadAndUnderstand(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.eml"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus: %v", err)
	}
	var raws [][]byte
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		raws = append(raws, raw)
	}
	an := Analyzer(config.Default())
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		m, err := mailparse.ParseBytes(raws[n%len(raws)])
		if err != nil {
			b.Fatal(err)
		}
		r := an.Understand(m, now)
		if len(r.Requests) == 0 {
			b.Fatal("no request")
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "msgs/s")
}
