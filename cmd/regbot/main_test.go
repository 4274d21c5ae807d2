package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestInspectJSON(t *testing.T) {
	files := []string{
		filepath.Join("..", "..", "testdata", "corpus", "003-anmeldung-senfin-outlook.eml"),
		filepath.Join("..", "..", "testdata", "corpus", "016-bounce-postfix-domain-not-found.eml"),
	}
	code, out, errs := runCmd(t, "", append([]string{"inspect", "--json"}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2:\n%s", len(lines), out)
	}
	var first, second map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	// The fields tools depend on, with the file name as given.
	for _, k := range []string{"file", "requests", "contact", "attendees", "bounced", "reply", "why"} {
		if _, ok := first[k]; !ok {
			t.Errorf("field %q missing in %s", k, lines[0])
		}
	}
	if first["file"] != files[0] {
		t.Errorf("file = %v, want %s", first["file"], files[0])
	}
	if first["reply"] != true || second["reply"] != false {
		t.Errorf("reply = %v, %v; want true, false", first["reply"], second["reply"])
	}
	if second["bounced"] != "marc.vogt@senjustva.berlin.de" {
		t.Errorf("bounced = %v", second["bounced"])
	}
	if second["contact"] != nil {
		t.Errorf("contact of a bounce = %v, want null", second["contact"])
	}
	reqs := first["requests"].([]any)
	if len(reqs) != 1 || reqs[0].(map[string]any)["intent"] != "register" || reqs[0].(map[string]any)["event"] != "runder-tisch" {
		t.Errorf("requests = %v", reqs)
	}
}

func TestInspectStdinAndSummary(t *testing.T) {
	mail := "From: Anna Schmidt <anna@example.org>\nTo: mail@heinlein-support.de\nSubject: Anmeldung\n\nHallo, ich melde mich für den Runden Tisch an.\nGruß\nAnna Schmidt\n"
	code, out, errs := runCmd(t, mail, "inspect", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"== -", "register runder-tisch", "Anna Schmidt <anna@example.org>", "Reply:     yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestInspectErrors(t *testing.T) {
	if code, _, errs := runCmd(t, "", "inspect"); code != 2 || !strings.Contains(errs, "no mail given") {
		t.Errorf("no files: exit %d, %q", code, errs)
	}
	missing := filepath.Join(t.TempDir(), "nope.eml")
	good := filepath.Join("..", "..", "testdata", "corpus", "007-anmeldung-iphone-kurz.eml")
	code, out, errs := runCmd(t, "", "inspect", "--json", missing, good)
	if code != 1 || !strings.Contains(errs, "nope.eml") {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
	if !strings.Contains(out, "007-anmeldung-iphone-kurz.eml") {
		t.Errorf("the readable file must still be inspected: %q", out)
	}
	if code, _, _ := runCmd(t, "", "inspect", "--bogus"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code, _, _ := runCmd(t, "", "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}

func TestCheckConfig(t *testing.T) {
	code, out, _ := runCmd(t, "", "check-config")
	if code != 0 || !strings.Contains(out, "runder-tisch") || !strings.Contains(out, "netzwerktag") {
		t.Errorf("embedded config: exit %d\n%s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("timezone: Mars/Olympus\nmailbox: {address: mail@example.org}\ncapcity: 3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCmd(t, "", "check-config", "--config", bad)
	if code != 1 {
		t.Errorf("bad config: exit %d, want 1", code)
	}
	for _, want := range []string{"bad.yaml:1:", "timezone", "bad.yaml:3:", "capcity"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if code, _, errs := runCmd(t, "", "inspect", "--config", bad, "x.eml"); code != 1 || !strings.Contains(errs, "check-config") {
		t.Errorf("inspect with a bad config: exit %d, %q", code, errs)
	}
}

func TestVersion(t *testing.T) {
	if code, out, _ := runCmd(t, "", "version"); code != 0 || !strings.HasPrefix(out, "regbot ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestDemoCommand(t *testing.T) {
	code, out, errs := runCmd(t, "", "demo")
	if code != 0 {
		t.Fatalf("regbot demo: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "replies sent") || !strings.Contains(out, "Guten Tag") {
		t.Errorf("demo output:\n%s", out)
	}
}

func TestRunNeedsServers(t *testing.T) {
	// The embedded configuration names no mail server: a clear error, not a hang.
	code, _, errs := runCmd(t, "", "run", "--once")
	if code != 1 || !strings.Contains(errs, "imap") {
		t.Errorf("run without servers: exit %d, %q", code, errs)
	}
}

func TestRunWritesCPUProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	// The run fails (no server), but what it did is profiled.
	if code, _, errs := runCmd(t, "", "run", "--once", "--cpuprofile", path); code != 1 {
		t.Fatalf("run: exit %d, %q", code, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("profile is not a gzip-compressed pprof file: % x", b[:min(len(b), 8)])
	}
}
