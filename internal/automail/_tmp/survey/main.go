package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/heinlein/regbot/internal/mailparse"
)

func main() {
	dir := os.Args[1]
	exp := map[string]string{}
	if f, err := os.Open(filepath.Join(dir, "expected.jsonl")); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var d map[string]any
			json.Unmarshal(sc.Bytes(), &d)
			exp[d["file"].(string)] = fmt.Sprint(d["recipient"], " ", d["kind"])
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		m, _ := mailparse.ParseBytes(b)
		fmt.Printf("%-60s | %-30s | %-50.50s | %s rt=%s ds=%v xfr=%q emb=%d rp=%v/%q | exp=%s\n", filepath.Base(f), m.FirstFrom().Email, m.Subject, m.ContentType, m.ReportType, m.DeliveryStatus != "", m.Get("X-Failed-Recipients"), len(m.Embedded), m.HasReturnPath, m.ReturnPath, exp[filepath.Base(f)])
	}
}
