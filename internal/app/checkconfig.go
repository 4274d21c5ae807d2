package app

import (
	"errors"
	"fmt"
	"io"

	"github.com/heinlein/regbot/internal/config"
)

// ErrInvalidConfig is returned by CheckConfig when the file has problems;
// they have been printed already.
var ErrInvalidConfig = errors.New("the configuration has problems")

// LoadConfig reads the configuration at path, or the embedded default when
// path is empty.
func LoadConfig(path string) (*config.Config, error) {
	if path == "" {
		return config.Default(), nil
	}
	return config.Load(path)
}

// CheckConfig validates a configuration file and prints every problem with
// its line and a hint, or a short summary of the events when it is fine.
func CheckConfig(path string, w io.Writer) error {
	cfg, err := LoadConfig(path)
	if err != nil {
		ps := config.Problems(err)
		if len(ps) == 0 {
			return err
		}
		for _, p := range ps {
			fmt.Fprintln(w, p.Error())
		}
		fmt.Fprintf(w, "%d problem(s)\n", len(ps))
		return ErrInvalidConfig
	}
	name := path
	if name == "" {
		name = "embedded config.example.yaml"
	}
	fmt.Fprintf(w, "%s: ok\n", name)
	for _, ev := range cfg.Events {
		def := ""
		if ev.Default {
			def = ", default"
		}
		fmt.Fprintf(w, "  %-14s %s, %s – %s, registration %s%s\n", ev.ID, ev.Title,
			ev.Start.Format("02.01.2006 15:04"), ev.End.Format("15:04"), ev.Registration, def)
	}
	return nil
}
