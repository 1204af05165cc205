// Command receiver stores each Veriff webhook once and keeps each
// session's state, in memory: the shape of a receiver of your own, with a
// map where yours has a database.
//
//	WEBHOOK_SECRET=your-shared-secret go run ./examples/receiver -addr 127.0.0.1:8080
//
// POST /webhooks/veriff takes deliveries of every kind. GET /sessions/{id}
// answers a session's state as JSON (webhook.SessionState's form), or 404
// when no delivery named the session.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/veriffkit/webhook"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	slog.SetDefault(log) // the receiver logs each refused delivery to it
	var secrets []string
	if env := os.Getenv("WEBHOOK_SECRET"); env != "" {
		secrets = strings.Split(env, ",") // old and new during a rotation
	}
	rcv, err := newReceiver(secrets)
	if err != nil {
		log.Error("set WEBHOOK_SECRET to the integration's shared secret", "error", err)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Error("listen", "error", err)
		os.Exit(1)
	}
	log.Info("listening", "addr", ln.Addr().String(), "webhooks", "POST /webhooks/veriff", "state", "GET /sessions/{id}")
	srv := &http.Server{Handler: rcv, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}
	if err := srv.Serve(ln); err != nil {
		log.Error("server", "error", err)
		os.Exit(1)
	}
}

// receiver stores each delivery once, under its idempotency key, and
// folds each session's deliveries into its state. Its mutex stands for a
// database transaction: the insert of the delivery and the update of the
// session's state commit together, or neither does.
type receiver struct {
	http.Handler // the routes

	mu       sync.Mutex
	seen     map[string]bool                 // the webhook.Delivery.IdempotencyKey of each stored body
	inbox    [][]byte                        // each distinct body once, in order of arrival: act on these
	sessions map[string]webhook.SessionState // by session id
}

// newReceiver returns a receiver that verifies deliveries with secrets
// (two during a rotation) and logs each one it refuses to slog.Default.
func newReceiver(secrets []string) (*receiver, error) {
	r := &receiver{seen: map[string]bool{}, sessions: map[string]webhook.SessionState{}}
	h, err := webhook.NewHandler(webhook.Config{Secrets: secrets, Logger: slog.Default()}, r.store)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/veriff", h)
	mux.HandleFunc("GET /sessions/{id}", r.serveSession)
	r.Handler = mux
	return r, nil
}

// store is the webhook.HandlerFunc. A retry or a resend of a delivery
// stored already changes nothing and is answered 200, so that Veriff stops
// sending it. An error is answered 500, and Veriff retries later.
func (r *receiver) store(_ context.Context, d webhook.Delivery) error {
	key := d.IdempotencyKey()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen[key] {
		return nil
	}
	// A kind this library does not know yet may name no session: it is
	// stored all the same, so that nothing Veriff sent is lost.
	if id := d.Payload.Session().ID; id != "" {
		st := r.sessions[id]
		if err := st.Apply(d.Payload); err != nil {
			return err
		}
		r.sessions[id] = st
	}
	r.seen[key] = true
	r.inbox = append(r.inbox, d.Body)
	return nil
}

// State returns the state of the session sessionID: the zero state, whose
// SessionID is "", when no delivery named it.
func (r *receiver) State(sessionID string) webhook.SessionState {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sessions[sessionID]
}

func (r *receiver) serveSession(w http.ResponseWriter, req *http.Request) {
	st := r.State(req.PathValue("id"))
	if st.SessionID() == "" {
		http.Error(w, "no delivery for this session", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(st)
}
