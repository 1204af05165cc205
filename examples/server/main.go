// Command server is a ready receiver for Veriff's event webhook.
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
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/veriffkit/webhook"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))

	var secrets []string
	if env := os.Getenv("WEBHOOK_SECRET"); env != "" {
		// Taken as given: a secret's spaces are part of it, and an empty
		// entry ("a,,b") is refused by NewHandler rather than skipped.
		secrets = strings.Split(env, ",")
	}
	h, err := webhook.NewHandler(webhook.Config{Secrets: secrets, Logger: log}, handle(log))
	if err != nil {
		if errors.Is(err, webhook.ErrNoSecret) {
			log.Error("set WEBHOOK_SECRET to the integration's shared secret (comma-separated during a rotation, no empty entry)", "error", err)
		} else {
			log.Error("configuration", "error", err)
		}
		os.Exit(2)
	}
	mux := http.NewServeMux()
	mux.Handle("/webhooks/veriff", h)
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}
	log.Info("listening", "addr", *addr, "path", "/webhooks/veriff", "secrets", len(secrets))
	if err := srv.ListenAndServe(); err != nil {
		log.Error("server", "error", err)
		os.Exit(1)
	}
}

// handle logs each typed event. A real receiver would store d.Body and act
// on the event idempotently, keyed on the event's id, attempt id and code:
// Veriff retries a delivery until it gets a 200.
func handle(log *slog.Logger) webhook.HandlerFunc {
	return func(ctx context.Context, d webhook.Delivery) error {
		e := d.Event
		log.InfoContext(ctx, "event", "id", e.ID, "attempt", e.AttemptID, "code", int(e.Code),
			"action", string(e.Action), "reason", string(e.Context.Reason), "state", string(e.Context.State),
			"vendor_data", e.VendorData)
		switch e.Context.State {
		case webhook.StateClientStarted:
			log.InfoContext(ctx, "the end-user opened the flow", "id", e.ID)
		case webhook.StateConsentScreenShown:
			log.InfoContext(ctx, "the end-user stopped at the consent screen", "id", e.ID)
		case webhook.StateErrorScreenShown, webhook.StateTimeoutErrorScreenShown:
			log.WarnContext(ctx, "the end-user saw an error screen", "id", e.ID)
		case "":
			// No state: not a flow event, or flow tracking is off.
		default:
			if !e.Context.State.IsKnown() {
				log.WarnContext(ctx, "state unknown to this library version", "state", string(e.Context.State))
			}
		}
		return nil
	}
}
