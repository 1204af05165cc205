// Command demo runs the library end to end on built-in defaults: it starts a
// receiver on a free loopback port with a demo secret, sends it a signed
// sample of every kind of Veriff webhook in testdata/ (events, decisions,
// watchlist screening, Full Auto, user-defined status, the registry
// results, and a kind no one knows), then a set of deliveries that must be
// refused, and prints one line per delivery: what was sent, the HTTP
// status, the kind it was detected as, its idempotency key, and the typed
// values it became. It exits non-zero if any status differs from what it
// should be.
//
//	go run ./examples/demo
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/veriffkit/webhook"
)

const (
	demoAPIKey = "demo-api-key"
	demoSecret = "demo-secret" // built in for the demo only; never hard-code a real one
)

type delivery struct {
	name   string
	body   []byte
	apiKey string
	secret string
	mutate func(*http.Request)
	want   int
}

func main() {
	dir := flag.String("testdata", "testdata", "directory of the payloads to send")
	flag.Parse()

	var files []string
	for _, pattern := range []string{"*.json", "decision/*.json", "kinds/*.json"} {
		m, err := filepath.Glob(filepath.Join(*dir, pattern))
		if err != nil {
			fmt.Fprintln(os.Stderr, "demo:", err)
			os.Exit(2)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		fmt.Fprintf(os.Stderr, "demo: no payloads in %s (run it from the repository root: go run ./examples/demo)\n", *dir)
		os.Exit(2)
	}
	var sends []delivery
	var valid []byte
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "demo:", err)
			os.Exit(2)
		}
		name, _ := filepath.Rel(*dir, f)
		sends = append(sends, delivery{name: name, body: body, apiKey: demoAPIKey, secret: demoSecret, want: 200})
		if strings.Contains(f, "documented-waiting-complete") {
			valid = body
		}
	}
	if valid == nil {
		valid = sends[0].body
	}
	unknownState := bytes.Replace(valid, []byte(`"reason": "final_decision_received"`),
		[]byte(`"reason": "final_decision_received", "state": "selfie_screen_shown_v2"`), 1)
	sends = append(sends,
		delivery{name: "event with an unknown state", body: unknownState, apiKey: demoAPIKey, secret: demoSecret, want: 200},
		delivery{name: "tampered body (signed, then changed)", body: valid, apiKey: demoAPIKey, secret: demoSecret, want: 401,
			mutate: func(r *http.Request) {
				b := bytes.Replace(valid, []byte("QWE123"), []byte("QWE999"), 1)
				r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
			}},
		delivery{name: "signed with a wrong secret", body: valid, apiKey: demoAPIKey, secret: "not-the-secret", want: 401},
		delivery{name: "no signature header", body: valid, apiKey: demoAPIKey, secret: demoSecret, want: 401,
			mutate: func(r *http.Request) { r.Header.Del(webhook.HeaderSignature) }},
		delivery{name: "unknown API key", body: valid, apiKey: "someone-else", secret: demoSecret, want: 401},
		delivery{name: "malformed JSON, correctly signed", body: []byte(`{"id": "x", "code": 7002,}`), apiKey: demoAPIKey, secret: demoSecret, want: 400},
		delivery{name: "decision with broken JSON, signed", body: []byte(`{"status":"success","verification":{"id":"x","status":"approved","code":9001,}}`), apiKey: demoAPIKey, secret: demoSecret, want: 400},
		delivery{name: "decision without a status, signed", body: []byte(`{"verification":{"id":"x","code":9001}}`), apiKey: demoAPIKey, secret: demoSecret, want: 400},
		delivery{name: "duplicate member, correctly signed", body: []byte(`{"id":"a","id":"b","attemptId":"c","feature":"selfid","code":7002,"action":"submitted"}`), apiKey: demoAPIKey, secret: demoSecret, want: 400},
		delivery{name: "oversized body (2 MiB), correctly signed", body: []byte(`{"pad":"` + strings.Repeat("x", 2<<20) + `"}`), apiKey: demoAPIKey, secret: demoSecret, want: 413},
		delivery{name: "GET instead of POST", body: valid, apiKey: demoAPIKey, secret: demoSecret, want: 405,
			mutate: func(r *http.Request) { r.Method = http.MethodGet }},
	)

	// The receiver, exactly as a user would mount it.
	var mu sync.Mutex
	var last *webhook.Delivery
	var deadLetter []string // what OnInvalidPayload got: verified bodies that do not parse
	h, err := webhook.NewHandler(webhook.Config{
		SecretsByAPIKey: map[string][]string{demoAPIKey: {demoSecret}},
		OnInvalidPayload: func(_ context.Context, d webhook.Delivery, err error) {
			mu.Lock()
			deadLetter = append(deadLetter, fmt.Sprintf("%s (%v)", key(d), err))
			mu.Unlock()
		}},
		func(_ context.Context, d webhook.Delivery) error {
			mu.Lock()
			last = &d
			mu.Unlock()
			return nil
		})
	if err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	mux.Handle("/webhooks/veriff", h)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/webhooks/veriff"
	fmt.Printf("receiver on %s, API key %q, demo secret %q\n\n", url, demoAPIKey, demoSecret)
	fmt.Printf("%-48s %-10s %-20s %-21s %s\n", "SENT", "STATUS", "KIND", "KEY", "PAYLOAD")

	client := &http.Client{Timeout: 10 * time.Second}
	failed := 0
	for _, s := range sends {
		r, err := webhook.NewSignedRequest(url, s.body, s.apiKey, s.secret)
		if err != nil {
			fmt.Fprintln(os.Stderr, "demo:", err)
			os.Exit(1)
		}
		if s.mutate != nil {
			s.mutate(r)
		}
		mu.Lock()
		last = nil
		mu.Unlock()
		resp, err := client.Do(r)
		if err != nil {
			fmt.Printf("%-48s %-10s %v\n", s.name, "ERROR", err)
			failed++
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		mark := "ok"
		if resp.StatusCode != s.want {
			mark = fmt.Sprintf("WANT %d", s.want)
			failed++
		}
		mu.Lock()
		d := last
		mu.Unlock()
		kind, k, payload := "-", "-", "(not delivered to the handler)"
		if d != nil {
			kind, k, payload = d.Payload.Kind().String(), key(*d), describe(d.Payload)
		}
		fmt.Printf("%-48s %-10s %-20s %-21s %s\n", s.name, fmt.Sprintf("%d %s", resp.StatusCode, mark), kind, k, payload)
	}
	fmt.Println()
	fmt.Printf("verified but invalid, handed to OnInvalidPayload (%d):\n", len(deadLetter))
	for _, l := range deadLetter {
		fmt.Println("  " + l)
	}
	fmt.Println()
	if failed > 0 {
		fmt.Printf("%d of %d deliveries got an unexpected status\n", failed, len(sends))
		os.Exit(1)
	}
	fmt.Printf("all %d deliveries got the expected status\n", len(sends))
}

// key shortens a delivery's idempotency key for the table.
func key(d webhook.Delivery) string {
	return d.IdempotencyKey()[:12] + "…"
}

// describe prints the main typed values of a payload and whether each is
// known.
func describe(p webhook.Payload) string {
	known := func(s string, k bool) string {
		switch {
		case s == "":
			return "-"
		case k:
			return s
		}
		return s + "(UNKNOWN)"
	}
	switch p := p.(type) {
	case webhook.Event:
		return fmt.Sprintf("code=%s action=%s reason=%s state=%s",
			known(p.Code.String(), p.Code.IsKnown()), known(string(p.Action), p.Action.IsKnown()),
			known(string(p.Context.Reason), p.Context.Reason.IsKnown()), known(string(p.Context.State), p.Context.State.IsKnown()))
	case webhook.Decision:
		v := p.Verification
		s := fmt.Sprintf("status=%s final=%t", known(string(v.Status), v.Status.IsKnown()), v.Status.IsFinal())
		if v.ReasonCode != 0 {
			s += fmt.Sprintf(" reason=%d %q", v.ReasonCode, v.ReasonCode.Description())
		}
		return s
	case webhook.WatchlistScreening:
		return fmt.Sprintf("check=%s match=%s hits=%d", known(string(p.CheckType), p.CheckType.IsKnown()),
			known(string(p.MatchStatus), p.MatchStatus.IsKnown()), len(p.Hits))
	case webhook.FullAuto:
		return fmt.Sprintf("decision=%s score=%v insights=%d", known(string(p.Verification.Decision), p.Verification.Decision.IsKnown()),
			p.Verification.DecisionScore.Value, len(p.Verification.Insights))
	case webhook.UserStatus:
		return fmt.Sprintf("status=%q reason=%q", p.Status.Status, p.Status.Reason)
	case webhook.INERegistry:
		return fmt.Sprintf("status=%q active=%v", p.Data.Status, p.Data.Active.Value)
	case webhook.CURPRegistry:
		return fmt.Sprintf("statusCurp=%s active=%t", known(string(p.Data.StatusCURP), p.Data.StatusCURP.IsKnown()), p.Data.StatusCURP.IsActive())
	case webhook.INECURPRegistry:
		return fmt.Sprintf("session=%s data=%d bytes", p.SessionID, len(p.Data))
	case webhook.Unknown:
		return fmt.Sprintf("a kind this library does not know: %d bytes kept", len(p.Raw))
	}
	return fmt.Sprintf("%T", p)
}
