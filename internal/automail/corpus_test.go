package automail_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/automail"
	"github.com/heinlein/regbot/internal/mailparse"
)

const corpusDir = "../../testdata/corpus"

var ourOpts = automail.Options{
	OwnAddresses: []string{"mail@heinlein-support.de"},
	OwnDomains:   []string{"heinlein-support.de"},
}

type corpusLabel struct {
	File     string `json:"file"`
	Requests []struct {
		Intent string `json:"intent"`
	} `json:"requests"`
	Bounced *string `json:"bounced"`
}

func readJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

func parseFile(t testing.TB, path string) *mailparse.Message {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	m, err := mailparse.ParseBytes(b)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return m
}

func hasListHeader(m *mailparse.Message) bool {
	for _, h := range []string{"List-Id", "List-Help", "List-Subscribe", "List-Unsubscribe", "List-Post", "List-Owner", "List-Archive", "Feedback-ID", "X-Mailing-List"} {
		if m.Header.Has(h) {
			return true
		}
	}
	return false
}

// TestCorpus checks every labelled corpus mail: auto-replies, bounces (with
// the labelled failed recipient), list spam and the fake bounce are
// machine mail; every other mail, people and the other spam alike, is a
// person's.
func TestCorpus(t *testing.T) {
	labels := readJSONL[corpusLabel](t, filepath.Join(corpusDir, "labels.jsonl"))
	if len(labels) < 150 {
		t.Fatalf("only %d labels", len(labels))
	}
	var misses []string
	counts := map[automail.Kind]int{}
	for _, l := range labels {
		m := parseFile(t, filepath.Join(corpusDir, l.File))
		v := automail.Classify(m, ourOpts)
		counts[v.Kind]++
		intent := ""
		if len(l.Requests) > 0 {
			intent = l.Requests[0].Intent
		}
		want := automail.Human
		wantRcpt := ""
		switch {
		case intent == "auto_reply":
			want = automail.AutoReply
		case intent == "bounce":
			want = automail.Bounce
			if l.Bounced != nil {
				wantRcpt = *l.Bounced
			}
		case strings.HasPrefix(l.File, "138-"):
			// A phishing mail dressed up as a bounce: spam, no address.
			want = automail.Bulk
		case intent == "spam" && hasListHeader(m):
			want = automail.Bulk
		}
		got := ""
		if v.Bounce != nil {
			got = v.Bounce.Recipient
		}
		if v.Kind != want || got != wantRcpt {
			misses = append(misses, fmt.Sprintf("%-48s want %-10q %-32s got %-10q %-32s cues %q",
				l.File, want, wantRcpt, v.Kind, got, v.Cues))
		}
		if strings.HasPrefix(l.File, "138-") && v.Kind == automail.Bounce {
			t.Errorf("138 must not be a bounce")
		}
	}
	t.Logf("corpus: %d mails, kinds %v", len(labels), counts)
	if len(misses) > 0 {
		t.Errorf("%d misses:\n%s", len(misses), strings.Join(misses, "\n"))
	}
}

// The real-world test walks the full third-party set next to the
// repository when it is there, and always the permissively licensed copy
// in testdata.
const (
	realWorldShared = "../../../shared/realworld"
	realWorldSubset = "../../testdata/realworld"
)

type rwExpected struct {
	File       string   `json:"file"`
	Recipient  string   `json:"recipient"`
	Recipients []string `json:"recipients"`
	Kind       string   `json:"kind"`
}

func TestRealWorld(t *testing.T) {
	t.Run("full", func(t *testing.T) { checkRealWorld(t, realWorldShared) })
	t.Run("subset", func(t *testing.T) { checkRealWorld(t, realWorldSubset) })
}

func checkRealWorld(t *testing.T, dir string) {
	if _, err := os.Stat(dir); err != nil {
		t.Skip(dir + " missing")
	}
	// Every bounce and every auto-reply: never answered.
	var notMachine []string
	for _, sub := range []string{"bounces", "autoreplies"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*.eml"))
		if len(files) == 0 {
			t.Fatalf("no files in %s/%s", dir, sub)
		}
		for _, f := range files {
			v := automail.Classify(parseFile(t, f), ourOpts)
			if !v.Machine() {
				notMachine = append(notMachine, sub+"/"+filepath.Base(f))
			}
		}
	}
	if len(notMachine) > 0 {
		t.Errorf("%d machine mails classified as human (zero allowed):\n%s", len(notMachine), strings.Join(notMachine, "\n"))
	}

	// The failed recipient the source projects assert.
	exp := readJSONL[rwExpected](t, filepath.Join(dir, "bounces", "expected.jsonl"))
	total, hits := 0, 0
	var misses []string
	for _, e := range exp {
		if e.Kind != "failure" && e.Kind != "delay" {
			continue
		}
		total++
		want := e.Recipients
		if len(want) == 0 {
			want = []string{e.Recipient}
		}
		v := automail.Classify(parseFile(t, filepath.Join(dir, "bounces", e.File)), ourOpts)
		got := ""
		if v.Bounce != nil {
			got = v.Bounce.Recipient
		}
		ok := false
		for _, w := range want {
			if strings.EqualFold(w, got) {
				ok = true
			}
		}
		if ok {
			hits++
		} else {
			misses = append(misses, fmt.Sprintf("%-70s want %v got %q (%s)", e.File, want, got, v.Kind))
		}
	}
	if total == 0 {
		t.Fatal("no expected bounces")
	}
	rate := float64(hits) / float64(total)
	t.Logf("%s: bounce recipient hit rate %d/%d = %.1f%%", dir, hits, total, 100*rate)
	if len(misses) > 0 {
		sort.Strings(misses)
		t.Logf("misses:\n%s", strings.Join(misses, "\n"))
	}
	if rate < 0.95 {
		t.Errorf("hit rate %.3f below 0.95", rate)
	}

	// Malformed mail: no panic; how many look like machines.
	files, _ := filepath.Glob(filepath.Join(dir, "malformed", "*.eml"))
	machines := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := mailparse.ParseBytes(b)
		if m == nil {
			continue
		}
		if automail.Classify(m, ourOpts).Machine() {
			machines++
		}
	}
	t.Logf("malformed: %d files, %d classified as machine mail", len(files), machines)
}

func seedFiles(tb testing.TB) []string {
	var files []string
	c, _ := filepath.Glob(filepath.Join(corpusDir, "*.eml"))
	files = append(files, c...)
	for _, sub := range []string{"bounces", "autoreplies", "malformed"} {
		r, _ := filepath.Glob(filepath.Join(realWorldSubset, sub, "*.eml"))
		files = append(files, r...)
	}
	return files
}

func FuzzClassify(f *testing.F) {
	for _, p := range seedFiles(f) {
		b, err := os.ReadFile(p)
		if err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, _ := mailparse.ParseBytes(raw)
		if m == nil {
			return
		}
		v := automail.Classify(m, ourOpts)
		if v.Kind == automail.Bounce && v.Bounce == nil {
			t.Fatal("bounce without report")
		}
		for _, c := range v.Cues {
			if strings.HasPrefix(c, "classifier error") {
				t.Fatalf("recovered panic: %s", c)
			}
		}
	})
}

func BenchmarkClassify(b *testing.B) {
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.eml"))
	var reports []string
	for _, sub := range []string{"bounces", "autoreplies"} {
		r, _ := filepath.Glob(filepath.Join(realWorldSubset, sub, "*.eml"))
		reports = append(reports, r...)
	}
	for _, set := range []struct {
		name  string
		files []string
	}{{"corpus", corpus}, {"realworld-reports", reports}} {
		b.Run(set.name, func(b *testing.B) {
			var msgs []*mailparse.Message
			for _, f := range set.files {
				msgs = append(msgs, parseFile(b, f))
			}
			if len(msgs) == 0 {
				b.Skip("no mail")
			}
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				automail.Classify(msgs[i%len(msgs)], ourOpts)
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
		})
	}
}
