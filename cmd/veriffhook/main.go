// Command veriffhook sends realistic, signed Veriff webhooks to a receiver:
// one delivery of any kind, whole verification sessions, or stored bodies
// replayed byte for byte; prints the signature of a body; and runs a local
// Veriff (serve): Veriff's API, signed both ways, whose sessions send their
// webhooks to a receiver.
//
//	go install github.com/veriffkit/webhook/cmd/veriffhook@latest
//
//	veriffhook scenario -url http://localhost:8080/webhooks/veriff -secret S approved
//	veriffhook scenario                      # lists the scenarios
//	veriffhook scenario -facts approved      # what a scenario takes for true
//	veriffhook send -url URL -secret S -kind decision -status declined -reason-code 102
//	veriffhook replay -url URL -secret S dead-letters/
//	veriffhook sign -secret S body.json
//	veriffhook serve -addr 127.0.0.1:8089 -webhook-url http://localhost:8080/webhooks/veriff
//
// It prints one line per delivery: the status answered, the kind, what the
// delivery is (a scenario's step, which retry or duplicate, the file
// replayed) and the time taken; a scenario's lines come under its name,
// session and the state it ends in. Deliveries not answered as expected
// are reported with their likely cause and the fix, each kind of failure
// once with its count, and every run ends with one summary line: sent, as
// expected, not as expected, by status. Expected is any 2xx, but 401 for
// the deliveries of -wrong-secret and -unknown-api-key, or the -expect code
// for every delivery when given. Flags may come before or after the
// names and files. Run "veriffhook COMMAND -h" for a command's flags.
//
// Exit status: 0 when every answer is the one expected; 1 when any is not,
// including no answer (a receiver it cannot reach); 2 on a usage error or
// an input it cannot read (a bad flag or URL, a missing file), found before
// anything is sent. Under "go run", the go command prints "exit status 2"
// and itself exits 1: build the command (go build or go install) to see
// its own status.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/veriffkit/webhook/webhooktest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses, the same for the same failure in every command.
const (
	exitOK      = 0
	exitAnswers = 1 // an answer other than the one expected, or none
	exitUsage   = 2 // a usage error or an unreadable input, before anything is sent
)

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, c *cli, args []string) int
}

// commands is set in init: their functions read it for their usage.
var commands []command

func init() {
	commands = []command{
		{"send", "-url URL -secret S -kind KIND [flags]", "send one delivery (or -n of them) of any kind", runSend},
		{"scenario", "-url URL -secret S [flags] NAME...", "send whole verification sessions; with no NAME, list them", runScenario},
		{"replay", "-url URL -secret S [flags] FILE|DIR...", "re-sign stored bodies and send them byte for byte", runReplay},
		{"sign", "-secret S [FILE]", "print the signature of FILE (or stdin), lowercase hex", runSign},
		{"serve", "[-addr ADDR] [-webhook-url URL] [flags]", "run a local Veriff (its API, and webhooks to -webhook-url) until interrupted", runServe},
	}
}

// cli holds a command's streams.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		c.usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, cmd := range commands {
		if cmd.name == args[0] {
			return cmd.run(ctx, c, args[1:])
		}
	}
	fmt.Fprintf(stderr, "veriffhook: unknown command %q; valid: %s\n", args[0], strings.Join(commandNames(), ", "))
	return exitUsage
}

func commandNames() []string {
	var n []string
	for _, c := range commands {
		n = append(n, c.name)
	}
	return n
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprintln(w, "veriffhook sends realistic, signed Veriff webhooks to your receiver.")
	fmt.Fprintln(w, "\nUsage:")
	for _, cmd := range commands {
		fmt.Fprintf(w, "  veriffhook %s %s\n      %s\n", cmd.name, cmd.args, cmd.summary)
	}
	fmt.Fprintln(w, "\nRun veriffhook COMMAND -h for a command's flags.")
	fmt.Fprintln(w, "Exit status: 0 all answered as expected, 1 not, 2 a usage error (under go run, 1 for all).")
}

// flags is a command's flag set, with what -h says it does.
type flags struct {
	*flag.FlagSet
	c     *cli
	about string
}

// flags returns a flag set for the command name; -h prints about and the
// command's flags, and an error in a flag prints the error and a pointer
// to -h, not the whole usage.
func (c *cli) flags(name, about string) *flags {
	fs := flag.NewFlagSet("veriffhook "+name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {}
	return &flags{FlagSet: fs, c: c, about: about}
}

// parse parses args, where flags may come before, between and after the
// positional arguments (NAME, FILE), up to a "--" after which every
// argument is positional. It returns the positional arguments, and false
// with the exit status when the command must stop (after -h, or on a
// usage error).
func (fs *flags) parse(args []string) (pos []string, ok bool, code int) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.help()
				return nil, false, exitOK
			}
			fmt.Fprintf(fs.c.stderr, "(run %s -h for its flags)\n", fs.Name())
			return nil, false, exitUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, true, exitOK
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), true, exitOK
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

func (fs *flags) help() {
	name := strings.TrimPrefix(fs.Name(), "veriffhook ")
	var args string
	for _, x := range commands {
		if x.name == name {
			args = x.args
		}
	}
	fmt.Fprintf(fs.c.stderr, "usage: veriffhook %s %s\n\n%s\n\nFlags, before or after the arguments:\n", name, args, fs.about)
	fs.PrintDefaults()
}

// usageError reports a usage error of the command and returns exitUsage.
func (fs *flags) usageError(format string, args ...any) int {
	fmt.Fprintf(fs.c.stderr, fs.Name()+": "+format+"\n", args...)
	return exitUsage
}

// warn reports a value the command sends although it does not know it.
func (fs *flags) warn(format string, args ...any) {
	fmt.Fprintf(fs.c.stderr, fs.Name()+": warning: "+format+"\n", args...)
}

// isSet reports whether the flag name was given.
func (fs *flags) isSet(name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// target is what every sending command shares: where, how signed, and what
// answer counts as success.
type target struct {
	url, secret, apiKey string
	expect              int
	timeout             time.Duration
	// wrongSecret and unknownKey are what the run sends, for the causes
	// of a failure (scenario's -wrong-secret, -unknown-api-key).
	wrongSecret, unknownKey bool
	drift                   bool
}

// register adds the target's flags; expectDoc says what -expect overrides
// in this command.
func (t *target) register(fs *flags, expectDoc string) {
	fs.StringVar(&t.url, "url", "", "the receiver's URL, with its scheme and path: http://localhost:8080/webhooks/veriff (required)")
	fs.StringVar(&t.secret, "secret", "", "the shared secret to sign with (default: the first of $WEBHOOK_SECRET, comma-separated)")
	fs.StringVar(&t.apiKey, "api-key", "", "the API key sent in X-Auth-Client (none when empty)")
	fs.IntVar(&t.expect, "expect", 0, "the status every answer must have, 100-599 (default: "+expectDoc+")")
	t.timeout = 10 * time.Second
	fs.Var(durationFlag{&t.timeout}, "timeout", "how long to wait for each answer: a `duration` with its unit, such as 10s or 500ms")
}

// check reports a usage error when the target is incomplete or out of
// range: a URL without scheme or host, -expect not a status.
func (t *target) check(fs *flags) bool {
	if t.secret == "" {
		t.secret = firstEnvSecret()
	}
	var missing []string
	if t.url == "" {
		missing = append(missing, "-url")
	}
	if t.secret == "" {
		missing = append(missing, "-secret (or $WEBHOOK_SECRET)")
	}
	if len(missing) > 0 {
		fs.usageError("%s required (see -h)", strings.Join(missing, " and "))
		return false
	}
	if msg := checkURL(t.url); msg != "" {
		fs.usageError("-url %s: %s", t.url, msg)
		return false
	}
	if t.expect != 0 && (t.expect < 100 || t.expect > 599) {
		fs.usageError("-expect %d: give an HTTP status, 100-599 (0, the default: what each delivery expects)", t.expect)
		return false
	}
	return true
}

// checkURL returns what is wrong with u as a receiver's URL, "" when
// nothing is.
func checkURL(u string) string {
	p, err := url.Parse(u)
	if err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" {
		return ""
	}
	if !strings.Contains(u, "://") {
		return "no scheme: write http://" + strings.TrimPrefix(u, "//")
	}
	if err != nil {
		return err.Error()
	}
	if p.Scheme != "http" && p.Scheme != "https" {
		return fmt.Sprintf("scheme %q: give http:// or https://", p.Scheme)
	}
	return "no host: write http://HOST:PORT/PATH"
}

func (t *target) sender() *webhooktest.Sender {
	return &webhooktest.Sender{URL: t.url, Secret: t.secret, APIKey: t.apiKey, Client: &http.Client{Timeout: t.timeout}}
}

// firstEnvSecret returns the first secret of $WEBHOOK_SECRET, which
// examples/server reads too (several, comma-separated, during a rotation).
func firstEnvSecret() string {
	s, _, _ := strings.Cut(os.Getenv("WEBHOOK_SECRET"), ",")
	return s
}

// durationFlag is a time.Duration flag whose error for a number without a
// unit says which unit to write, and which refuses 0 and less.
type durationFlag struct{ d *time.Duration }

func (f durationFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		if _, nerr := strconv.ParseFloat(s, 64); nerr == nil {
			return fmt.Errorf("a duration needs its unit: write %ss (or %sms, %sm)", s, s, s)
		}
		return errors.New("not a duration: write such as 10s, 500ms or 1m")
	}
	if d <= 0 {
		return errors.New("give more than 0")
	}
	*f.d = d
	return nil
}

// finite reports whether f is neither NaN nor infinite.
func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
