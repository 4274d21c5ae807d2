package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/intent"
	"github.com/heinlein/regbot/internal/mailparse"
)

// realworldDir is the full third-party collection beside the repository
// when it is there, the permissively licensed copy in testdata otherwise.
func realworldDir() string {
	full := filepath.Join("..", "..", "..", "shared", "realworld")
	if st, err := os.Stat(full); err == nil && st.IsDir() {
		return full
	}
	return filepath.Join("..", "..", "testdata", "realworld")
}

// TestRealWorld runs third-party mail through the whole reading pipeline:
// no reply to any bounce or auto-reply, and no registration made of
// malformed mail.
func TestRealWorld(t *testing.T) {
	dir := realworldDir()
	an := Analyzer(config.Default())
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	for _, sub := range []string{"bounces", "autoreplies", "malformed"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*.eml"))
		if len(files) == 0 {
			t.Fatalf("no files in %s/%s", dir, sub)
		}
		replies, registrations := 0, 0
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, err := mailparse.ParseBytes(raw)
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			r := an.Understand(m, now)
			if len(r.Requests) == 0 {
				t.Errorf("%s: no request at all", filepath.Base(f))
			}
			if r.Reply {
				replies++
				if sub != "malformed" {
					t.Errorf("%s: would be answered (%v); why: %v", filepath.Base(f), r.Requests, r.Why)
				}
			}
			if r.Has(intent.Register) && sub == "malformed" {
				registrations++
				t.Errorf("%s: malformed mail taken as a registration; why: %v", filepath.Base(f), r.Why)
			}
		}
		t.Logf("%s: %d files, %d would be answered, %d registrations", sub, len(files), replies, registrations)
	}
}

// FuzzUnderstand feeds arbitrary bytes through reader and classifier: the
// daemon must never panic on a mail, and every result must be usable.
func FuzzUnderstand(f *testing.F) {
	for _, pattern := range []string{
		filepath.Join("..", "..", "testdata", "corpus", "*.eml"),
		filepath.Join("..", "..", "testdata", "realworld", "*", "*.eml"),
	} {
		files, _ := filepath.Glob(pattern)
		for i, file := range files {
			if i%3 != 0 { // a third of each set keeps the seed run short
				continue
			}
			raw, err := os.ReadFile(file)
			if err == nil {
				f.Add(raw)
			}
		}
	}
	an := Analyzer(config.Default())
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := mailparse.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("parse from memory failed: %v", err)
		}
		r := an.Understand(m, now)
		if len(r.Requests) == 0 {
			t.Fatal("no request")
		}
		if r.Contact != nil {
			for _, s := range []string{r.Contact.Name, r.Contact.Email, r.Contact.Organisation} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in contact: %q", s)
				}
			}
		}
		if len(r.Attendees) > 0 && !r.Has(intent.Register) {
			t.Fatalf("attendees without a registration: %v", r.Requests)
		}
	})
}
