package templates

import (
	htmltemplate "html/template"
	"io/fs"
	"strings"
	"testing"
	texttemplate "text/template"
)

var funcs = map[string]any{"plural": func(int, string, string) string { return "" }, "lines": func(string) []string { return nil }}

// TestPairsAndSyntax: every text template has its HTML twin, every file
// parses together with its partials, and every text template defines its
// subject. (internal/reply renders them all with sample data.)
func TestPairsAndSyntax(t *testing.T) {
	names, err := fs.Glob(FS, "*.tmpl")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates embedded: %v", err)
	}
	has := map[string]bool{}
	for _, n := range names {
		has[n] = true
	}
	read := func(n string) string {
		b, err := fs.ReadFile(FS, n)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	kinds := 0
	for _, n := range names {
		kind, ok := strings.CutSuffix(n, ".txt.tmpl")
		if !ok || kind == "partials" {
			continue
		}
		kinds++
		if !has[kind+".html.tmpl"] {
			t.Errorf("%s has no %s.html.tmpl", n, kind)
		}
		tt, err := texttemplate.New("partials.txt.tmpl").Funcs(funcs).Parse(read("partials.txt.tmpl"))
		if err == nil {
			tt, err = tt.New(n).Parse(read(n))
		}
		if err != nil {
			t.Errorf("%s: %v", n, err)
		} else if tt.Lookup("subject") == nil {
			t.Errorf("%s does not define the subject", n)
		}
		h := kind + ".html.tmpl"
		ht, err := htmltemplate.New("partials.html.tmpl").Funcs(funcs).Parse(read("partials.html.tmpl"))
		if err == nil {
			_, err = ht.New(h).Parse(read(h))
		}
		if err != nil {
			t.Errorf("%s: %v", h, err)
		}
	}
	if kinds != 13 {
		t.Errorf("%d kinds, want 13", kinds)
	}
}
