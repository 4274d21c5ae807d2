// Command regbot answers a public registration mailbox: it reads mail over
// IMAP, understands what people ask for, records registrations and replies
// in German. See README.md for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/heinlein/regbot/internal/app"
	"github.com/heinlein/regbot/internal/demo"
)

const usage = `usage: regbot <command> [flags]

commands:
  demo                                            run everything on embedded servers with sample mails
  run [--config FILE] [--once]                    watch the mailbox and answer (--once: handle what is there, then exit)
  inspect [--config FILE] [--json] FILE.eml|- …   show what regbot understands of mails
  check-config [--config FILE]                    validate a configuration file
  digest [--config FILE] --print|--send           the organisers' daily report: print it, or send it now
` + adminUsage + `  version                                         print the version

Run 'regbot <command> --help' for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code (0 ok, 1 the
// command failed, 2 bad usage).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "demo":
		return demoCmd(rest, stdout, stderr)
	case "run":
		return runCmdline(rest, stdout, stderr)
	case "inspect":
		return inspect(rest, stdin, stdout, stderr)
	case "list":
		return listCmd(rest, stdout, stderr)
	case "show":
		return showCmd(rest, stdout, stderr)
	case "export":
		return exportCmd(rest, stdout, stderr)
	case "add":
		return addCmd(rest, stdout, stderr)
	case "cancel":
		return cancelCmd(rest, stdout, stderr)
	case "promote":
		return promoteCmd(rest, stdout, stderr)
	case "review":
		return reviewCmd(rest, stdout, stderr)
	case "resend":
		return resendCmd(rest, stdout, stderr)
	case "forget":
		return forgetCmd(rest, stdout, stderr)
	case "stats":
		return statsCmd(rest, stdout, stderr)
	case "digest":
		return digestCmd(rest, stdout, stderr)
	case "check-config":
		return checkConfig(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "regbot", version())
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "regbot: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func newFlags(name string, stderr io.Writer, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: regbot %s\n\nflags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses and reports whether the command should go on; code is
// the exit code otherwise (0 for --help).
func parseFlags(fs *flag.FlagSet, args []string) (ok bool, code int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return false, 0
		}
		return false, 2
	}
	return true, 0
}

func inspect(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("inspect", stderr, "inspect [--config FILE] [--json] FILE.eml|- …")
	cfgPath := fs.String("config", "", "configuration file (default: the embedded config.example.yaml)")
	asJSON := fs.Bool("json", false, "print one JSON object per mail (the corpus schema plus \"why\")")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "regbot inspect: no mail given; name .eml files or - for standard input")
		return 2
	}
	cfg, err := app.LoadConfig(*cfgPath)
	if err != nil {
		fmt.Fprintf(stderr, "regbot inspect: %v\nrun 'regbot check-config --config %s' for details\n", err, *cfgPath)
		return 1
	}
	if err := app.Inspect(cfg, fs.Args(), app.InspectOptions{JSON: *asJSON, Stdin: stdin, Out: stdout}); err != nil {
		fmt.Fprintf(stderr, "regbot inspect: %v\n", err)
		return 1
	}
	return 0
}

func checkConfig(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check-config", stderr, "check-config [--config FILE]")
	cfgPath := fs.String("config", "", "configuration file (default: the embedded config.example.yaml)")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if err := app.CheckConfig(*cfgPath, stdout); err != nil {
		if !errors.Is(err, app.ErrInvalidConfig) {
			fmt.Fprintf(stderr, "regbot check-config: %v\n", err)
		}
		return 1
	}
	return 0
}

func demoCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("demo", stderr, "demo")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := demo.Run(ctx, stdout, app.Analyzer); err != nil {
		fmt.Fprintf(stderr, "regbot demo: %v\n", err)
		return 1
	}
	return 0
}

func runCmdline(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run", stderr, "run [--config FILE] [--once]")
	cfgPath := fs.String("config", "", "configuration file (required for a real mailbox)")
	once := fs.Bool("once", false, "handle every pending mail, deliver the outbox and exit")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to this file, for 'go tool pprof' (for developers)")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	cfg, err := app.LoadConfig(*cfgPath)
	if err != nil {
		fmt.Fprintf(stderr, "regbot run: %v\nrun 'regbot check-config --config %s' for details\n", err, *cfgPath)
		return 1
	}
	if *cpuProfile != "" {
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "regbot run: %v\n", err)
			return 1
		}
		defer func() {
			if err := stopProfile(); err != nil {
				fmt.Fprintf(stderr, "regbot run: %v\n", err)
			}
		}()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A second signal kills at once: stop() restores the default handling.
	go func() { <-ctx.Done(); stop() }()
	if err := app.Run(ctx, cfg, app.RunOptions{Once: *once, Log: stderr}); err != nil {
		fmt.Fprintf(stderr, "regbot run: %v\n", err)
		return 1
	}
	return 0
}

// startCPUProfile profiles the process into path until the returned
// function is called.
func startCPUProfile(path string) (stop func() error, err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("cpu profile %s: %w", path, err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("cpu profile %s: %w", path, err)
		}
		return nil
	}, nil
}
