// Command veriffhook sends realistic, signed Veriff webhooks to a receiver:
// one delivery of any kind, whole verification sessions, or stored bodies
// replayed byte for byte; and prints the signature of a body.
//
//	go install github.com/veriffkit/webhook/cmd/veriffhook@latest
//
//	veriffhook scenario -url http://localhost:8080/webhooks/veriff -secret S approved
//	veriffhook scenario                      # lists the scenarios
//	veriffhook send -url URL -secret S -kind decision -status declined -reason-code 102
//	veriffhook replay -url URL -secret S dead-letters/
//	veriffhook sign -secret S body.json
//
// It prints one line per delivery (kind, session, status answered, time
// taken) and exits 1 when any answer is not the one expected, including a
// receiver it cannot reach, and 2 on a usage error. Expected is any 2xx,
// but 401 for the deliveries of -wrong-secret and -unknown-api-key, or the
// -expect code for every delivery when given. Run
// "veriffhook COMMAND -h" for a command's flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
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

// Exit statuses.
const (
	exitOK      = 0
	exitAnswers = 1 // an answer other than the one expected, or none
	exitUsage   = 2
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
}

// flags returns a flag set for cmd whose -h prints what the command does
// and every flag.
func (c *cli) flags(name string, about string) *flag.FlagSet {
	fs := flag.NewFlagSet("veriffhook "+name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	var cmd command
	for _, x := range commands {
		if x.name == name {
			cmd = x
		}
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: veriffhook %s %s\n\n%s\n\nFlags:\n", name, cmd.args, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; it returns false and the exit status when the command
// must stop (after -h, or on a usage error).
func parse(fs *flag.FlagSet, args []string) (ok bool, code int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return false, exitOK
		}
		return false, exitUsage
	}
	return true, exitOK
}

// target is what every sending command shares: where, how signed, and what
// answer counts as success.
type target struct {
	url, secret, apiKey string
	expect              int
	timeout             time.Duration
}

func (t *target) register(fs *flag.FlagSet) {
	fs.StringVar(&t.url, "url", "", "the receiver's URL, such as http://localhost:8080/webhooks/veriff (required)")
	fs.StringVar(&t.secret, "secret", "", "the shared secret to sign with (default: the first of $WEBHOOK_SECRET, comma-separated)")
	fs.StringVar(&t.apiKey, "api-key", "", "the API key sent in X-Auth-Client (none when empty)")
	fs.IntVar(&t.expect, "expect", 0, "the status every answer must have (default: what each delivery expects: any 2xx,\n"+
		"but 401 for a delivery of -wrong-secret or -unknown-api-key)")
	fs.DurationVar(&t.timeout, "timeout", 10*time.Second, "how long to wait for each answer")
}

// check reports a usage error when the target is incomplete.
func (t *target) check(c *cli, fs *flag.FlagSet) bool {
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
		fmt.Fprintf(c.stderr, "%s: %s required (see -h)\n", fs.Name(), strings.Join(missing, " and "))
		return false
	}
	return true
}

func (t *target) sender() *webhooktest.Sender {
	return &webhooktest.Sender{URL: t.url, Secret: t.secret, APIKey: t.apiKey}
}

// send sends ds and prints one line per delivery: kind, session, status
// answered (or the error), time taken. It returns exitAnswers when any
// answer is not a success.
func (t *target) send(ctx context.Context, c *cli, s *webhooktest.Sender, ds []webhooktest.Delivery) int {
	s.Client = &http.Client{Timeout: t.timeout}
	bad := 0
	for _, r := range s.SendAll(ctx, ds) {
		ok := t.answered(r)
		session := r.Delivery.SessionID
		if session == "" {
			session = "-"
		}
		if r.Err != nil {
			fmt.Fprintf(c.stdout, "%s %s error %v %s\n", r.Delivery.Kind, session, r.Took.Round(time.Microsecond), r.Err)
		} else {
			fmt.Fprintf(c.stdout, "%s %s %d %v\n", r.Delivery.Kind, session, r.Status, r.Took.Round(time.Microsecond))
		}
		if !ok {
			bad++
		}
	}
	if ctx.Err() != nil {
		fmt.Fprintln(c.stderr, "veriffhook: interrupted")
		return exitAnswers
	}
	if bad > 0 {
		want := "as expected (2xx, or 401 for a forged delivery)"
		if t.expect != 0 {
			want = fmt.Sprint(t.expect)
		}
		fmt.Fprintf(c.stderr, "veriffhook: %d of %d deliveries not answered %s\n", bad, len(ds), want)
		return exitAnswers
	}
	return exitOK
}

// answered reports whether r is the answer wanted: the -expect status when
// given, else what the delivery expects, as webhooktest.Result.OK judges
// it (any 2xx, or 401 for a wrong secret or an unknown API key).
func (t *target) answered(r webhooktest.Result) bool {
	if t.expect != 0 {
		return r.Err == nil && r.Status == t.expect
	}
	return r.OK()
}

// firstEnvSecret returns the first secret of $WEBHOOK_SECRET, which
// examples/server reads too (several, comma-separated, during a rotation).
func firstEnvSecret() string {
	s, _, _ := strings.Cut(os.Getenv("WEBHOOK_SECRET"), ",")
	return s
}
