package config_test

import (
	"os"
	"testing"

	"github.com/heinlein/regbot"
	"github.com/heinlein/regbot/internal/config"
)

// FuzzParse checks that no input makes Parse panic or hang, and that its two
// outcomes are consistent: a config without problems, or problems and no
// config.
func FuzzParse(f *testing.F) {
	f.Add(regbot.DefaultConfigYAML)
	if data, err := os.ReadFile("testdata/many-problems.yaml"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		"",
		"~",
		"- a\n- b\n",
		"imap: &a\n  <<: *a\n",
		"a: &a [*a, *a]\nevents: *a\n",
		"events:\n  - <<: [*x]\n",
		"events: [{id: a, start: 2024-04-18, end: 2024-04-18, deadline: 2024-04-18T00:00:00+14:00}]\n",
		"digest: {time: \"23:59\", to: [a@b]}\n---\nx: 1\n",
		"imap:\n\tport: 1\n",
		"limits: {max_message_bytes: 0x7fffffffffffffff, replies_per_hour: 99999999999999999999}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := config.Parse(data, "fuzz.yaml")
		if err == nil {
			if cfg == nil || cfg.Location == nil {
				t.Fatal("no problems but no usable config")
			}
			cfg.DefaultEvent()
			_ = cfg.CheckServers()
			return
		}
		if cfg != nil {
			t.Fatal("problems and a config")
		}
		ps := config.Problems(err)
		if len(ps) == 0 {
			t.Fatalf("error without problems: %v", err)
		}
		for _, p := range ps {
			if p.Msg == "" || p.File != "fuzz.yaml" {
				t.Fatalf("malformed problem %#v", p)
			}
		}
	})
}
