package digest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heinlein/regbot/internal/digest"
	"github.com/heinlein/regbot/internal/store"
)

// built seeds a database and builds the digest of 3 April 2024, 07:00.
func built(t *testing.T) *digest.Digest {
	t.Helper()
	cfg := testConfig(t)
	c := &clock{}
	db := openStore(t, cfg.Database, c)
	seed(t, db, c)
	c.Set(goldenNow)
	var d *digest.Digest
	err := db.View(context.Background(), func(r *store.Reader) error {
		var err error
		d, err = digest.Current(r, cfg, goldenNow)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestGolden(t *testing.T) {
	d := built(t)
	if got, want := d.Subject(), "regbot-Tagesbericht 2024-04-03: 5 neue Anmeldungen, 2 offene Fragen"; got != want {
		t.Errorf("Subject() = %q, want %q", got, want)
	}
	text, html := d.Text(), d.HTML()
	golden(t, "digest.txt.golden", text)
	golden(t, "digest.html.golden", html)

	for _, want := range []string{"Käthe Groß", "Jörg Müller", "Runder Tisch „Open Source in Berlin“", "seit 2 Tagen", "nachgerückt"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	for _, bad := range []string{"&auml;", "&uuml;", "&#", "\\u00"} {
		if strings.Contains(text, bad) || strings.Contains(html, bad) {
			t.Errorf("umlauts escaped as %q", bad)
		}
	}
}
