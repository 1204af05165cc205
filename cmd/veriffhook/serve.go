package main

import (
	"context"
	"fmt"
	"time"

	"github.com/veriffkit/webhook/veriffapi/veriffapitest"
)

// The keys of serve when neither -seed nor the keys are given: the same at
// every start. They are a local fake's, not secret.
const (
	defaultAPIKey = "7f3c2a10-5b4e-4d6f-8a9b-0c1d2e3f4a5b"
	defaultSecret = "local-veriff-shared-secret"
)

// runServe runs a local Veriff on a port until interrupted: the API under
// /v1, strict as Veriff is, and a page per session (its URL) whose buttons
// play a scenario, sending its webhooks to -webhook-url.
func runServe(ctx context.Context, c *cli, args []string) int {
	fs := c.flags("serve", "Run a local Veriff on a port until interrupted: Veriff's API under /v1, signed\n"+
		"both ways, for a front end or a backend in any language. A session's URL opens a\n"+
		"page whose buttons play a scenario (or: curl -d scenario=approved SESSION-URL); its\n"+
		"webhooks go to -webhook-url, signed with the secret printed. Every request answered\n"+
		"and every webhook sent is logged on stderr, with Veriff's code when refused.")
	addr := fs.String("addr", "127.0.0.1:8089", "address to listen on (port 0: a free one)")
	hookURL := fs.String("webhook-url", "", "where the webhooks go, as the Customer Portal's setting; none when empty")
	seed := fs.Uint64("seed", 0, "seed of every random choice, session ids included, and of the keys;\nwhen not given, ids are new at every start and the keys are the same")
	apiKey := fs.String("api-key", "", "the integration's API key, a UUID; from -seed, or the same at every start, when empty")
	secret := fs.String("secret", "", "the shared secret; from -seed, or the same at every start, when empty")
	pos, ok, code := fs.parse(args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return fs.usageError("takes no arguments, got %q", pos)
	}
	if *hookURL != "" {
		if msg := checkURL(*hookURL); msg != "" {
			return fs.usageError("-webhook-url: %s", msg)
		}
	}
	cfg := veriffapitest.Config{Addr: *addr, Seed: *seed, APIKey: *apiKey, Secret: *secret, Log: c.stderr}
	if !fs.isSet("seed") {
		// The keys stay, so that a backend's configuration survives a
		// restart; the session ids must not, or a restarted server would
		// hand out ids a receiver has already stored.
		cfg.Seed = uint64(time.Now().UnixNano())
		if cfg.APIKey == "" {
			cfg.APIKey = defaultAPIKey
		}
		if cfg.Secret == "" {
			cfg.Secret = defaultSecret
		}
	}
	srv, err := veriffapitest.Start(cfg)
	if err != nil {
		return fs.usageError("%v", err)
	}
	defer srv.Close()
	srv.SetWebhookURL(*hookURL)
	w := c.stdout
	fmt.Fprintf(w, "local Veriff at %s (API under %s/v1, seed %d)\n", srv.URL, srv.URL, cfg.Seed)
	fmt.Fprintf(w, "  API key:       %s\n", srv.APIKey)
	fmt.Fprintf(w, "  shared secret: %s\n", srv.Secret)
	if *hookURL == "" {
		fmt.Fprintln(w, "  webhooks:      none (no -webhook-url)")
	} else {
		fmt.Fprintf(w, "  webhooks:      %s\n", *hookURL)
	}
	fmt.Fprintln(w, "a session's URL opens a page to pick its scenario; requests and webhooks are logged on stderr; interrupt to stop")
	<-ctx.Done()
	return exitOK
}
