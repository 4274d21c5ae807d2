package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/daemon"
)

// RunOptions configure Run.
type RunOptions struct {
	// Once handles what is pending, delivers the outbox and returns.
	Once bool
	// Log receives the structured log (stderr by default).
	Log io.Writer
}

// Run starts the daemon for a configuration: forever, or once.
func Run(ctx context.Context, cfg *config.Config, opts RunOptions) error {
	if err := cfg.CheckServers(); err != nil {
		return fmt.Errorf("the configuration cannot reach a mailbox yet:\n%w", err)
	}
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	logger := NewLogger(opts.Log, cfg.Log.Level, cfg.Log.Format)
	d, err := daemon.New(ctx, cfg, Analyzer(cfg), daemon.Options{Logger: logger})
	if err != nil {
		return err
	}
	defer d.Close()
	if opts.Once {
		return d.RunOnce(ctx)
	}
	logger.Info("regbot is watching the mailbox", "folder", cfg.IMAP.Folder, "events", len(cfg.Events))
	return d.Run(ctx)
}

// NewLogger builds the slog logger the configuration asks for. "trace" is
// below debug; it also turns on protocol traces, which contain passwords.
func NewLogger(w io.Writer, level, format string) *slog.Logger {
	var l slog.Level
	switch strings.ToLower(level) {
	case "error":
		l = slog.LevelError
	case "warn":
		l = slog.LevelWarn
	case "debug":
		l = slog.LevelDebug
	case "trace":
		l = slog.LevelDebug - 4
	default:
		l = slog.LevelInfo
	}
	hopts := &slog.HandlerOptions{Level: l}
	if strings.EqualFold(format, "json") {
		return slog.New(slog.NewJSONHandler(w, hopts))
	}
	return slog.New(slog.NewTextHandler(w, hopts))
}
