package main

// The organisers' commands. Each parses its flags (which may come before or
// after the arguments), loads the configuration and calls internal/app.
// Exit codes: 0 ok, 1 the command failed, 2 wrong usage.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/heinlein/regbot/internal/app"
	"github.com/heinlein/regbot/internal/config"
)

// adminUsage lists the organisers' commands, for the main usage text.
const adminUsage = `  list [--event ID] [--status S]                  registrations as a table
  show ID|ADDRESS                                 one person in full: data, registrations with history, replies, reviews
  export --event ID --format csv|json [--out F]   participants for Excel (CSV) or tools (JSON)
  add --event ID --name N --email A [--org O]     register someone by hand (phone) and send the confirmation
  cancel ID|ADDRESS [--event ID]                  cancel, move the waiting list up, send the replies
  promote --event ID [--force]                    move the first on the waiting list up
  review [done ID [--note TEXT]]                  mails that need a person; close one
  resend ID                                       send the reply for a registration's status again
  forget ADDRESS|ID [--dry-run]                   erase a person everywhere (DSGVO Art. 17)
  stats                                           numbers per event, seats left, days to the deadline
`

const configHelp = "configuration file (default: the embedded config.example.yaml, database regbot.db in the working directory)"

// adminFlags is newFlags with a description under the synopsis.
func adminFlags(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := newFlags(name, stderr, synopsis)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: regbot %s\n\n%s\n\nflags:\n", synopsis, strings.TrimSpace(about))
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses flags that may stand before, between or after the
// positional arguments ("regbot show anna@example.org --config c.yaml").
// After "--" everything is positional.
func parseArgs(fs *flag.FlagSet, args []string) (pos []string, ok bool, code int) {
	for {
		if ok, code := parseFlags(fs, args); !ok {
			return nil, false, code
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, true, 0
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), true, 0
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// usageErr reports wrong usage and returns 2.
func usageErr(name string, stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "regbot %s: %s\nrun 'regbot %s --help' for usage\n", name, fmt.Sprintf(format, args...), name)
	return 2
}

// wantArgs checks the number of positional arguments.
func wantArgs(name string, stderr io.Writer, pos []string, n int, what string) (ok bool, code int) {
	switch {
	case len(pos) < n:
		return false, usageErr(name, stderr, "missing %s", what)
	case len(pos) > n:
		return false, usageErr(name, stderr, "unexpected argument %q", pos[n])
	}
	return true, 0
}

func loadAdminConfig(name, path string, stderr io.Writer) (*config.Config, int) {
	cfg, err := app.LoadConfig(path)
	if err != nil {
		fmt.Fprintf(stderr, "regbot %s: %v\nrun 'regbot check-config --config %s' for details\n", name, err, path)
		return nil, 1
	}
	return cfg, 0
}

// finish prints err and returns the exit code.
func finish(name string, err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ue *app.UsageError
	if errors.As(err, &ue) {
		return usageErr(name, stderr, "%s", ue.Msg)
	}
	fmt.Fprintf(stderr, "regbot %s: %v\n", name, err)
	return 1
}

func adminContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func parseID(name, s string, stderr io.Writer, what string) (int64, int) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, usageErr(name, stderr, "%s must be a number, not %q", what, s)
	}
	return id, 0
}

func listCmd(args []string, stdout, stderr io.Writer) int {
	fs := adminFlags("list", "list [--config FILE] [--event ID] [--status S]",
		"Lists the registrations, oldest first: id, event, status (with the place on the waiting list), name,\norganisation, address, when, and by whom (self, by hand, or the address of who registered them).", stderr)
	cfgPath := fs.String("config", "", configHelp)
	event := fs.String("event", "", "only this event")
	status := fs.String("status", "", "only this status: "+app.StatusValues)
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if ok, code := wantArgs("list", stderr, pos, 0, ""); !ok {
		return code
	}
	cfg, code := loadAdminConfig("list", *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish("list", app.List(ctx, cfg, app.ListOptions{Event: *event, Status: *status}, stdout), stderr)
}

func showCmd(args []string, stdout, stderr io.Writer) int {
	fs := adminFlags("show", "show [--config FILE] ID|ADDRESS",
		"Shows one person in full: their data, every registration with its history, the registrations they\nmade for others, the replies sent to them (kind, time, delivered or not; never the text) and their\nopen reviews. ID is a registration id (of the person it belongs to).", stderr)
	cfgPath := fs.String("config", "", configHelp)
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if ok, code := wantArgs("show", stderr, pos, 1, "registration id or e-mail address"); !ok {
		return code
	}
	cfg, code := loadAdminConfig("show", *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish("show", app.Show(ctx, cfg, app.ShowOptions{Who: pos[0]}, stdout), stderr)
}

func exportCmd(args []string, stdout, stderr io.Writer) int {
	fs := adminFlags("export", "export [--config FILE] --event ID --format csv|json [--status S] [--out FILE]",
		"Exports the participants of an event: every registration that is not cancelled or refused, or\nthose of one --status. CSV is for a German Excel (UTF-8 with BOM, semicolons, CRLF) with the columns\nName;Organisation;E-Mail;Status;Angemeldet am;Angemeldet von. JSON is an array of objects with the\nkeys id, event, name, organisation, email, status, waitlist_position, registered_at, registered_by,\nby_hand. Without --out to standard output; the file is created with mode 0600.", stderr)
	cfgPath := fs.String("config", "", configHelp)
	event := fs.String("event", "", "the event (required)")
	format := fs.String("format", "", "csv or json (required)")
	status := fs.String("status", "", "only this status: "+app.StatusValues)
	out := fs.String("out", "", "write to this file (mode 0600) instead of standard output")
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if ok, code := wantArgs("export", stderr, pos, 0, ""); !ok {
		return code
	}
	if *event == "" {
		return usageErr("export", stderr, "--event is required")
	}
	if f := strings.ToLower(*format); f != "csv" && f != "json" {
		return usageErr("export", stderr, "--format must be csv or json")
	}
	cfg, code := loadAdminConfig("export", *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish("export", app.Export(ctx, cfg, app.ExportOptions{Event: *event, Format: *format, Status: *status, Out: *out}, stdout), stderr)
}

func addCmd(args []string, stdout, stderr io.Writer) int {
	fs := adminFlags("add", "add [--config FILE] --event ID --name NAME --email ADDRESS [--org ORGANISATION] [--quiet]",
		"Registers someone by hand (e.g. by phone) under the same rules as a mail: a full event puts them on\nthe waiting list, an interest event on the info list, a closed event refuses. Someone already\nregistered is not registered twice. Unless --quiet, the reply (confirmation with calendar entry,\nwaiting list, …) is queued and, when SMTP is configured, sent right away.", stderr)
	cfgPath := fs.String("config", "", configHelp)
	event := fs.String("event", "", "the event (required)")
	name := fs.String("name", "", "full name (required)")
	email := fs.String("email", "", "e-mail address (required)")
	org := fs.String("org", "", "organisation")
	quiet := fs.Bool("quiet", false, "record only; send no mail")
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if ok, code := wantArgs("add", stderr, pos, 0, ""); !ok {
		return code
	}
	for _, f := range []struct{ flag, val string }{{"--event", *event}, {"--name", *name}, {"--email", *email}} {
		if strings.TrimSpace(f.val) == "" {
			return usageErr("add", stderr, "%s is required", f.flag)
		}
	}
	cfg, code := loadAdminConfig("add", *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish("add", app.Add(ctx, cfg, app.AddOptions{Event: *event, Name: *name, Email: *email, Org: *org, Quiet: *quiet}, stdout), stderr)
}

func cancelCmd(args []string, stdout, stderr io.Writer) int {
	fs := adminFlags("cancel", "cancel [--config FILE] ID|ADDRESS [--event ID]",
		"Cancels a registration as if the person had written: a freed seat goes to the first on the waiting\nlist, the person gets the cancellation (with a calendar CANCEL) and whoever moves up the promotion.\nAn address with registrations for several events needs --event.", stderr)
	cfgPath := fs.String("config", "", configHelp)
	event := fs.String("event", "", "the event, for an address registered for several")
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if ok, code := wantArgs("cancel", stderr, pos, 1, "registration id or e-mail address"); !ok {
		return code
	}
	cfg, code := loadAdminConfig("cancel", *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish("cancel", app.Cancel(ctx, cfg, app.CancelOptions{Who: pos[0], Event: *event}, stdout), stderr)
}

func promoteCmd(args []string, stdout, stderr io.Writer) int {
	fs := adminFlags("promote", "promote [--config FILE] --event ID [--force]",
		"Moves the first person on the waiting list up when a seat is free (with --force even beyond the\ncapacity) and sends them the promotion with the calendar entry.", stderr)
	cfgPath := fs.String("config", "", configHelp)
	event := fs.String("event", "", "the event (required)")
	force := fs.Bool("force", false, "promote even when every seat is taken")
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if ok, code := wantArgs("promote", stderr, pos, 0, ""); !ok {
		return code
	}
	if *event == "" {
		return usageErr("promote", stderr, "--event is required")
	}
	cfg, code := loadAdminConfig("promote", *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish("promote", app.Promote(ctx, cfg, app.PromoteOptions{Event: *event, Force: *force}, stdout), stderr)
}

func reviewCmd(args []string, stdout, stderr io.Writer) int {
	// "done" may follow --config FILE: find it where a word, not a flag's
	// value, stands.
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if a == "done" {
			return reviewDoneCmd(append(append([]string{}, args[:i]...), args[i+1:]...), stdout, stderr)
		}
		if (a == "--config" || a == "-config") && i+1 < len(args) {
			i++
		}
	}
	fs := adminFlags("review", "review [--config FILE]\n       regbot review done ID [--note TEXT]",
		"Lists the mails that need a person, oldest first: id, age, sender, subject, reason and the start of\nthe text. 'regbot review done ID' closes one (its excerpt is erased).", stderr)
	cfgPath := fs.String("config", "", configHelp)
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return usageErr("review", stderr, "unknown argument %q (did you mean 'regbot review done ID'?)", pos[0])
	}
	cfg, code := loadAdminConfig("review", *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish("review", app.Review(ctx, cfg, app.ReviewOptions{}, stdout), stderr)
}

func reviewDoneCmd(args []string, stdout, stderr io.Writer) int {
	const name = "review done"
	fs := adminFlags(name, "review done [--config FILE] ID [--note TEXT]",
		"Closes review ID with an optional note on what was done; its excerpt of the mail is erased.", stderr)
	cfgPath := fs.String("config", "", configHelp)
	note := fs.String("note", "", "what was done (no personal data, please)")
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if ok, code := wantArgs(name, stderr, pos, 1, "review id"); !ok {
		return code
	}
	id, code := parseID(name, pos[0], stderr, "the review id")
	if code != 0 {
		return code
	}
	cfg, code := loadAdminConfig(name, *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish(name, app.ReviewDone(ctx, cfg, app.ReviewOptions{ID: id, Note: *note}, stdout), stderr)
}

func resendCmd(args []string, stdout, stderr io.Writer) int {
	fs := adminFlags("resend", "resend [--config FILE] ID",
		"Sends the reply for registration ID's current status again (confirmation, waiting list, info list,\ncancellation): rendered anew, with the same calendar UID and the current SEQUENCE, so the calendar\nentry is updated rather than doubled.", stderr)
	cfgPath := fs.String("config", "", configHelp)
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if ok, code := wantArgs("resend", stderr, pos, 1, "registration id"); !ok {
		return code
	}
	id, code := parseID("resend", pos[0], stderr, "the registration id")
	if code != 0 {
		return code
	}
	cfg, code := loadAdminConfig("resend", *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish("resend", app.Resend(ctx, cfg, app.ResendOptions{ID: id}, stdout), stderr)
}

func forgetCmd(args []string, stdout, stderr io.Writer) int {
	fs := adminFlags("forget", "forget [--config FILE] [--dry-run] ADDRESS|ID",
		"Erases everything stored about a person (DSGVO Art. 17): the person, their registrations and\ntheir history, replies to them, their reviews; mails they sent stay as anonymous rows. It asks\nnothing. A registration ID names a person without an address. The audit log records counts only.", stderr)
	cfgPath := fs.String("config", "", configHelp)
	dry := fs.Bool("dry-run", false, "show what would be erased and change nothing")
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if ok, code := wantArgs("forget", stderr, pos, 1, "e-mail address"); !ok {
		return code
	}
	cfg, code := loadAdminConfig("forget", *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish("forget", app.Forget(ctx, cfg, app.ForgetOptions{Who: pos[0], DryRun: *dry}, stdout), stderr)
}

func statsCmd(args []string, stdout, stderr io.Writer) int {
	fs := adminFlags("stats", "stats [--config FILE]",
		"Per event: confirmed, waiting list, cancelled, late, info list, refused, the seats left and the days\nleft to the registration deadline.", stderr)
	cfgPath := fs.String("config", "", configHelp)
	pos, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if ok, code := wantArgs("stats", stderr, pos, 0, ""); !ok {
		return code
	}
	cfg, code := loadAdminConfig("stats", *cfgPath, stderr)
	if cfg == nil {
		return code
	}
	ctx, stop := adminContext()
	defer stop()
	return finish("stats", app.Stats(ctx, cfg, app.StatsOptions{}, stdout), stderr)
}
