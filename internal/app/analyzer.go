// Package app is regbot's application layer: it wires configuration,
// the mail reader and the classifier into the commands that cmd/regbot
// exposes.
package app

import (
	"strings"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/intent"
)

// Analyzer builds the classifier for a configuration: events with their
// names and dates, and the mailbox's own address and domain.
func Analyzer(cfg *config.Config) *intent.Analyzer {
	opts := intent.Options{}
	rooms := map[string]int{}
	for _, ev := range cfg.Events {
		if ev.Location.Room != "" {
			rooms[strings.ToLower(ev.Location.Room)]++
		}
	}
	for _, ev := range cfg.Events {
		names := append([]string{ev.Title}, ev.Aliases...)
		e := intent.Event{ID: ev.ID, Names: names, Start: ev.Start, Default: ev.Default}
		// A room that only this event uses points to it.
		if r := ev.Location.Room; r != "" && rooms[strings.ToLower(r)] == 1 {
			e.Places = []string{r}
		}
		opts.Events = append(opts.Events, e)
	}
	if def := cfg.DefaultEvent(); def != nil {
		for i := range opts.Events {
			opts.Events[i].Default = opts.Events[i].ID == def.ID
		}
	}
	if addr := strings.ToLower(cfg.Mailbox.Address); addr != "" {
		opts.OwnAddresses = append(opts.OwnAddresses, addr)
		if i := strings.LastIndexByte(addr, '@'); i >= 0 {
			opts.OwnDomains = append(opts.OwnDomains, addr[i+1:])
		}
	}
	return intent.New(opts)
}
