package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/heinlein/regbot/internal/app"
	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/daemon"
	"github.com/heinlein/regbot/internal/digest"
	"github.com/heinlein/regbot/internal/store"
)

const digestSynopsis = "digest [--config FILE] --print|--send"

// digestCmd is `regbot digest`: --print shows today's digest as text (it
// reads the database only and needs no mail server); --send queues it for
// the organisers, records the day (the daemon then sends no second one
// today) and delivers it.
func digestCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("digest", stderr, digestSynopsis)
	cfgPath := fs.String("config", "", "configuration file (default: the embedded config.example.yaml)")
	printIt := fs.Bool("print", false, "print today's digest as text; changes nothing, needs no mail server")
	send := fs.Bool("send", false, "send today's digest to the organisers (digest.to) now, unless it was sent today")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "regbot digest: unexpected argument %q\nusage: regbot %s\n", fs.Arg(0), digestSynopsis)
		return 2
	}
	if *printIt == *send {
		fmt.Fprintf(stderr, "regbot digest: give exactly one of --print and --send\nusage: regbot %s\n", digestSynopsis)
		return 2
	}
	cfg, err := app.LoadConfig(*cfgPath)
	if err != nil {
		fmt.Fprintf(stderr, "regbot digest: %v\nrun 'regbot check-config --config %s' for details\n", err, *cfgPath)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *printIt {
		if err := printDigest(ctx, cfg.Database, cfg, stdout); err != nil {
			fmt.Fprintf(stderr, "regbot digest: %v\n", err)
			return 1
		}
		return 0
	}

	if len(cfg.Digest.To) == 0 {
		fmt.Fprintln(stderr, "regbot digest: digest.to lists no address; add the organisers' addresses to the configuration")
		return 1
	}
	if err := cfg.CheckServers(); err != nil {
		fmt.Fprintf(stderr, "regbot digest: the configuration cannot reach the mail server yet:\n%v\n", err)
		return 1
	}
	logger := app.NewLogger(stderr, cfg.Log.Level, cfg.Log.Format)
	d, err := daemon.New(ctx, cfg, app.Analyzer(cfg), daemon.Options{Logger: logger})
	if err != nil {
		fmt.Fprintf(stderr, "regbot digest: %v\n", err)
		return 1
	}
	defer d.Close()
	if err := d.DigestOnce(ctx, true, stdout); err != nil {
		fmt.Fprintf(stderr, "regbot digest: %v\n", err)
		return 1
	}
	if err := d.DeliverDigests(ctx); err != nil {
		fmt.Fprintf(stderr, "regbot digest: queued, but not delivered yet (the daemon retries): %v\n", err)
		return 1
	}
	return 0
}

// printDigest writes today's text digest from the database at path, which
// must exist: printing never creates a database.
func printDigest(ctx context.Context, path string, cfg *config.Config, w io.Writer) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("database: %w (point --config at the configuration the daemon runs with)", err)
	}
	db, err := store.Open(ctx, path, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	var dg *digest.Digest
	err = db.View(ctx, func(r *store.Reader) error {
		var err error
		dg, err = digest.Current(r, cfg, time.Now())
		return err
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, dg.Text())
	return err
}
