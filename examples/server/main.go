// Command server is a ready receiver for Veriff's webhooks, every kind on one
// path.
//
//	WEBHOOK_SECRET=your-shared-secret go run ./examples/server -addr 127.0.0.1:8080
//
// WEBHOOK_SECRET holds the integration's shared secret; during a rotation,
// give the old and the new secret separated by a comma. Deliveries are
// accepted on POST /webhooks/veriff.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/veriffkit/webhook"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stderr))
}

// run is the server: it reads its flags from args and its secrets from
// getenv("WEBHOOK_SECRET"), logs to stderr, and serves until ctx ends. It
// returns the exit status: 0 once ctx ended and the requests in flight were
// answered, 1 when it cannot listen or serve, 2 on a usage or configuration
// error.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
	flags := flag.NewFlagSet("server", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:8080", "listen address")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "server: unexpected argument %q\n", flags.Arg(0))
		flags.Usage()
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	var secrets []string
	if env := getenv("WEBHOOK_SECRET"); env != "" {
		// Taken as given: a secret's spaces are part of it, and an empty
		// entry ("a,,b") is refused by NewHandler rather than skipped.
		secrets = strings.Split(env, ",")
	}
	h, err := webhook.NewHandler(webhook.Config{Secrets: secrets, Logger: log,
		// A verified body that does not parse is still Veriff's data: a
		// real receiver keeps it in a dead-letter store.
		OnInvalidPayload: func(ctx context.Context, d webhook.Delivery, err error) {
			log.ErrorContext(ctx, "verified delivery does not parse: keep its body", "error", err, "bytes", len(d.Body), "key", d.IdempotencyKey())
		},
	}, handle(log))
	if err != nil {
		if errors.Is(err, webhook.ErrNoSecret) {
			log.Error("set WEBHOOK_SECRET to the integration's shared secret (comma-separated during a rotation, no empty entry)", "error", err)
		} else {
			log.Error("configuration", "error", err)
		}
		return 2
	}
	mux := http.NewServeMux()
	mux.Handle("/webhooks/veriff", h)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}
	// Bind first, so that "listening" is only logged once it is true, with
	// the address bound (the port chosen, for -addr 127.0.0.1:0).
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Error("listen", "error", err)
		return 1
	}
	log.Info("listening", "addr", ln.Addr().String(), "path", "/webhooks/veriff", "secrets", len(secrets))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		log.Error("server", "error", err)
		return 1
	case <-ctx.Done():
	}
	// Let the requests in flight finish and answer.
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		log.Error("shutdown", "error", err)
		return 1
	}
	return 0
}

// handle logs each typed payload. A real receiver would store d.Body under
// d.IdempotencyKey() and act on the payload once: Veriff retries a delivery
// until it gets a 200, and one session sends several notifications.
func handle(log *slog.Logger) webhook.HandlerFunc {
	return func(ctx context.Context, d webhook.Delivery) error {
		log := log.With("kind", d.Payload.Kind().String(), "key", d.IdempotencyKey())
		switch p := d.Payload.(type) {
		case webhook.Event:
			log.InfoContext(ctx, "event", "id", p.ID, "attempt", p.AttemptID, "code", int(p.Code),
				"action", string(p.Action), "reason", string(p.Context.Reason), "state", string(p.Context.State))
			switch p.Context.State {
			case webhook.StateClientStarted:
				log.InfoContext(ctx, "the end-user opened the flow", "id", p.ID)
			case webhook.StateConsentScreenShown:
				log.InfoContext(ctx, "the end-user stopped at the consent screen", "id", p.ID)
			case webhook.StateErrorScreenShown, webhook.StateTimeoutErrorScreenShown:
				log.WarnContext(ctx, "the end-user saw an error screen", "id", p.ID)
			}
		case webhook.Decision:
			v := p.Verification
			log.InfoContext(ctx, "decision", "id", v.ID, "attempt", v.AttemptID, "status", string(v.Status),
				"final", v.Status.IsFinal(), "reason_code", int(v.ReasonCode), "reason", v.ReasonCode.Description())
		case webhook.WatchlistScreening:
			log.InfoContext(ctx, "watchlist screening", "session", p.SessionID, "check", string(p.CheckType),
				"match", string(p.MatchStatus), "hits", len(p.Hits))
		case webhook.FullAuto:
			log.InfoContext(ctx, "full auto", "session", p.SessionID, "decision", string(p.Verification.Decision),
				"score", p.Verification.DecisionScore.Value)
		case webhook.Unknown:
			log.InfoContext(ctx, "a kind this library does not know", "bytes", len(p.Raw))
		default:
			log.InfoContext(ctx, "delivery")
		}
		return nil
	}
}
