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
	for _, ev := range cfg.Events {
		names := append([]string{ev.Title}, ev.Aliases...)
		opts.Events = append(opts.Events, intent.Event{ID: ev.ID, Names: names, Start: ev.Start, Default: ev.Default})
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
