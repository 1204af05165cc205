// Command inbox is a receiver for Veriff's webhooks that stores every
// delivery exactly once in PostgreSQL, however often Veriff (or a person in
// its Customer Portal) sends it and whichever replica it reaches, and then
// acts on each stored delivery once.
//
//	WEBHOOK_SECRET=your-shared-secret go run . -dsn postgres://user@localhost/db -addr 127.0.0.1:8080
//
// It creates its tables on start (see schema), serves every kind of webhook
// on POST /webhooks/veriff and, in the handler function (store), inserts
// the verified delivery into webhook_inbox under Delivery.IdempotencyKey()
// with ON CONFLICT (key) DO NOTHING, in one transaction. The Handler
// answers 200 only when that function returns nil, that is after the
// commit: a delivery that got a 200 is durable, and one that did not is
// sent again by Veriff, where the key turns a second insert into nothing. A
// verified body that does not parse goes to webhook_dead_letter instead.
// Each replica also runs a processor (process) that claims stored rows with
// FOR UPDATE SKIP LOCKED and acts on them, marking them processed in the
// same transaction; acting includes folding each delivery into its
// session's row of the sessions table (webhook.SessionState), so that the
// row is always the fold of the session's processed deliveries.
//
// With VERIFF_API_KEY set, each replica also runs a reconciler
// (reconcile.go): the sessions the application created through Veriff's
// API are in a registry (veriff_sessions), and those whose webhooks have
// not brought them to a final status are polled for their decision, as
// the library's reconcile.Policy schedules them, claimed with FOR UPDATE
// SKIP LOCKED so that no two replicas poll one session at once; a polled
// decision is folded into the session's row as a delivered one is.
//
// WEBHOOK_SECRET holds the integration's shared secret; during a rotation,
// give the old and the new secret separated by a comma (the first signs
// the API's requests). Any number of replicas may share one database.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/veriffapi"
)

// schema is applied on every start; each statement is a no-op when its
// object exists.
const schema = `
CREATE TABLE IF NOT EXISTS webhook_inbox (
	key          text PRIMARY KEY,     -- Delivery.IdempotencyKey()
	kind         text NOT NULL,
	session_id   text NOT NULL,        -- '' when the kind has none
	api_key      text NOT NULL,
	body         bytea NOT NULL,       -- the verified bytes, as received
	received_at  timestamptz NOT NULL,
	processed_at timestamptz           -- set by the transaction that acted on it
);
CREATE INDEX IF NOT EXISTS webhook_inbox_unprocessed
	ON webhook_inbox (received_at) WHERE processed_at IS NULL;

-- Verified bodies that do not parse: Veriff's data all the same.
CREATE TABLE IF NOT EXISTS webhook_dead_letter (
	key         text PRIMARY KEY,
	api_key     text NOT NULL,
	body        bytea NOT NULL,
	error       text NOT NULL,
	received_at timestamptz NOT NULL
);

-- The state of each session now (webhook.SessionState, json.Marshal's bytes
-- as they are: the json type keeps the text), folded from its stored
-- deliveries by the transaction that marks them processed.
CREATE TABLE IF NOT EXISTS sessions (
	session_id text PRIMARY KEY,
	state      json NOT NULL,
	status     text NOT NULL,          -- SessionState.Status(), for queries
	updated_at timestamptz NOT NULL
);

-- When each session's state last changed (a delivery or a poll that told
-- something new), on the reconciler's clock: what "quiet" is measured from.
-- (ALTER TABLE locks the table out even when the column is there: only when
-- it is not.)
DO $$ BEGIN
	IF NOT EXISTS (SELECT 1 FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'sessions' AND column_name = 'changed_at') THEN
		ALTER TABLE sessions ADD COLUMN changed_at timestamptz;
	END IF;
END $$;

-- The application's registry of the sessions it created through Veriff's
-- API (Veriff has no endpoint that lists them), and the reconciler's
-- schedule for each: see reconcile.go.
CREATE TABLE IF NOT EXISTS veriff_sessions (
	session_id   text PRIMARY KEY,
	vendor_data  text NOT NULL,
	created_at   timestamptz NOT NULL,
	next_poll_at timestamptz NOT NULL, -- when the reconciler next looks at it; once stopped, when it stopped
	polls        integer NOT NULL DEFAULT 0,
	last_poll_at timestamptz,
	not_found    boolean NOT NULL DEFAULT false, -- Veriff answered 404
	stopped      text,                 -- why it is polled no more (reconcile.Reason); NULL while it is
	last_error   text
);
CREATE INDEX IF NOT EXISTS veriff_sessions_due
	ON veriff_sessions (next_poll_at) WHERE stopped IS NULL;

-- What acting on a delivery means in this example: one row per action, and
-- no unique constraint, so that acting twice would show.
CREATE TABLE IF NOT EXISTS webhook_actions (
	id         bigserial PRIMARY KEY,
	key        text NOT NULL,
	summary    text NOT NULL,
	instance   text NOT NULL,
	acted_at   timestamptz NOT NULL DEFAULT now()
);`

// config is the command's configuration: its flags, and the environment
// variables named in their usage.
type config struct {
	dsn, addr, instance string
	process             bool
	// sessionsAPI serves POST /sessions (see createSessionHandler).
	sessionsAPI bool
	// veriffURL is the API's base URL; the API key is VERIFF_API_KEY,
	// and the shared secret WEBHOOK_SECRET's first.
	veriffURL string
	rc        reconcilerConfig
	// clock is the reconciler's clock: time.Now but in tests.
	clock func() time.Time
}

func main() {
	host, _ := os.Hostname()
	var cfg config
	flag.StringVar(&cfg.dsn, "dsn", os.Getenv("DATABASE_URL"), "PostgreSQL connection string, a URL or key=value pairs (default $DATABASE_URL; empty: the PG* variables)")
	flag.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen address")
	flag.BoolVar(&cfg.process, "process", true, "act on stored deliveries (any number of replicas may)")
	flag.StringVar(&cfg.instance, "instance", fmt.Sprintf("%s-%d", host, os.Getpid()), "this replica's name, recorded with its actions")
	flag.BoolVar(&cfg.sessionsAPI, "sessions-api", false, "serve POST /sessions, which creates a Veriff session and registers it (your application's own code stands here: put it behind your authentication)")
	flag.StringVar(&cfg.veriffURL, "veriff-url", envOr("VERIFF_API_URL", veriffapi.DefaultBaseURL), "Veriff's API base URL, from the integration's page in the Customer Portal (default $VERIFF_API_URL, else "+veriffapi.DefaultBaseURL+"); the API key is $VERIFF_API_KEY: without it nothing is polled")
	cfg.rc.flags(flag.CommandLine)
	timescale := flag.String("test-timescale", "", "for tests only: FACTOR@RFC3339, the reconciler's clock running FACTOR times faster than the wall clock from that instant")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	clock, err := parseTimescale(*timescale)
	if err != nil {
		log.Error("inbox", "error", err)
		os.Exit(2)
	}
	cfg.clock = clock
	if err := run(cfg, log); err != nil {
		log.Error("inbox", "error", err)
		os.Exit(1)
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func run(cfg config, log *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if cfg.clock == nil {
		cfg.clock = time.Now
	}

	var secrets []string
	if env := os.Getenv("WEBHOOK_SECRET"); env != "" {
		secrets = strings.Split(env, ",") // an empty entry is refused by NewHandler
	}
	// pgxpool.New only reads the connection string: nothing connects before
	// migrate. The Handler is built in between, so that a configuration
	// error (no secret) is told at once, not after the database is reached.
	pool, err := pgxpool.New(ctx, cfg.dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	h, err := webhook.NewHandler(webhook.Config{
		Secrets:          secrets,
		Logger:           log,
		OnInvalidPayload: deadLetter(pool, log),
	}, store(pool))
	if err != nil {
		if errors.Is(err, webhook.ErrNoSecret) {
			return fmt.Errorf("set WEBHOOK_SECRET to the integration's shared secret: %w", err)
		}
		return err
	}
	// The API client, when there is an API key: the same integration's
	// shared secret signs its requests (the first of WEBHOOK_SECRET) and
	// its answers (any of them, during a rotation).
	var client *veriffapi.Client
	if key := os.Getenv("VERIFF_API_KEY"); key != "" {
		client, err = veriffapi.NewClient(key, secrets[0], veriffapi.WithBaseURL(cfg.veriffURL), veriffapi.WithSecrets(secrets[1:]...),
			// The reconciler is its own retry loop: the client's retries
			// would multiply its requests and hide 429s from its Gate.
			veriffapi.WithRetry(veriffapi.NoRetry))
		if err != nil {
			return fmt.Errorf("the API client: %w", err)
		}
	} else if cfg.sessionsAPI {
		return errors.New("-sessions-api needs VERIFF_API_KEY")
	}
	if err := cfg.rc.policy.Validate(); err != nil {
		return err
	}
	if err := migrate(ctx, pool); err != nil {
		return fmt.Errorf("creating the tables: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/webhooks/veriff", h)
	if cfg.sessionsAPI {
		mux.Handle("POST /sessions", createSessionHandler(pool, client, cfg.rc.policy, cfg.clock, log))
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "path", "/webhooks/veriff", "instance", cfg.instance, "secrets", len(secrets))
	if cfg.process {
		go process(ctx, pool, cfg.instance, cfg.clock, log)
	}
	switch {
	case client == nil:
		log.Info("reconciler off: set VERIFF_API_KEY to poll Veriff for the decisions whose webhooks never come")
	case cfg.rc.on:
		r := &reconciler{pool: pool, client: client, cfg: cfg.rc, now: cfg.clock, instance: cfg.instance, log: log}
		go r.run(ctx)
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	// Let requests in flight commit and answer.
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// migrate applies schema under a lock: replicas starting together would
// otherwise race in CREATE TABLE IF NOT EXISTS, which is not safe against
// a concurrent creation.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	// A replica that starts while others serve takes the schema's locks
	// against their transactions: PostgreSQL may break the tie by aborting
	// the migration (deadlock detected), which is then tried again.
	for try := 1; ; try++ {
		err := migrateOnce(ctx, pool)
		var pe *pgconn.PgError
		if err == nil || try == 5 || !errors.As(err, &pe) || pe.Code != "40P01" {
			return err
		}
		select {
		case <-time.After(time.Duration(try) * 50 * time.Millisecond):
		case <-ctx.Done():
			return err
		}
	}
}

// migrateOnce creates the tables and moves old keys, in one transaction.
func migrateOnce(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext('webhook_inbox schema'))"); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, schema); err != nil { // no arguments: several statements in one go
		return err
	}
	if err := rekey(ctx, tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// rekey moves, once, the keys that versions of the library before the key
// of the body alone stored ("kind:hash": a body of a kind the library did
// not know was "unknown:hash", and "user_status:hash" once a later version
// typed it) to Delivery.IdempotencyKey() of the stored body. It runs under
// migrate's lock before this replica serves, so that a retry of a delivery
// stored under its old key finds it. Two rows of one body under two kinds
// become one: the one acted on stays (else the first received), and the
// actions follow its key. Stop the replicas of the old version before the
// new ones start: an old replica would still store old keys.
func rekey(ctx context.Context, tx pgx.Tx) error {
	for _, table := range []string{"webhook_inbox", "webhook_dead_letter"} {
		order := "received_at, key"
		if table == "webhook_inbox" {
			order = "processed_at NULLS LAST, " + order
		}
		rows, err := tx.Query(ctx, `SELECT key, body FROM `+table+` WHERE key LIKE '%:%' ORDER BY `+order)
		if err != nil {
			return err
		}
		type row struct {
			key  string
			body []byte
		}
		old, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
			var o row
			return o, r.Scan(&o.key, &o.body)
		})
		if err != nil {
			return err
		}
		for _, o := range old {
			key := webhook.Delivery{Body: o.body}.IdempotencyKey() // the body alone counts
			tag, err := tx.Exec(ctx, `UPDATE `+table+` SET key = $1 WHERE key = $2
				AND NOT EXISTS (SELECT 1 FROM `+table+` WHERE key = $1)`, key, o.key)
			if err != nil {
				return err
			}
			if tag.RowsAffected() == 0 { // a copy of a body kept under its new key already
				if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE key = $1`, o.key); err != nil {
					return err
				}
			}
			if table == "webhook_inbox" {
				if _, err := tx.Exec(ctx, `UPDATE webhook_actions SET key = $1 WHERE key = $2`, key, o.key); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// store is the handler function. The Handler calls it only for a delivery
// whose signature checked out and whose body parsed, and answers 200 only
// when it returns nil: after the commit. Any error (the database is down,
// the connection broke, the commit failed) answers 500, and Veriff sends
// the delivery again. A copy already stored, by an earlier try or by
// another replica, makes the insert do nothing, and is answered 200 too.
func store(pool *pgxpool.Pool) webhook.HandlerFunc {
	return func(ctx context.Context, d webhook.Delivery) error {
		tx, err := pool.Begin(ctx)
		if err != nil {
			return err // 500: Veriff sends it again
		}
		defer tx.Rollback(ctx) // a no-op once committed
		_, err = tx.Exec(ctx, `INSERT INTO webhook_inbox (key, kind, session_id, api_key, body,
			received_at) VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (key) DO NOTHING`,
			d.IdempotencyKey(), d.Payload.Kind().String(), text(d.Payload.Session().ID), text(d.APIKey), d.Body)
		if err != nil {
			return err
		}
		return tx.Commit(ctx) // the Handler answers 200 only if this returns nil
	}
}

// text makes s storable in a text column: PostgreSQL refuses NUL (which a
// JSON string may hold as \u0000) and invalid UTF-8 (which a header may
// hold). The body, in a bytea column, is stored as it is.
func text(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

// deadLetter keeps a verified body that does not parse. The Handler answers
// 400 whatever happens here, and Veriff sends it again: a failed insert is
// retried then, and a stored one is not stored twice.
func deadLetter(pool *pgxpool.Pool, log *slog.Logger) func(context.Context, webhook.Delivery, error) {
	return func(ctx context.Context, d webhook.Delivery, perr error) {
		_, err := pool.Exec(ctx, `
			INSERT INTO webhook_dead_letter (key, api_key, body, error, received_at)
			VALUES ($1, $2, $3, $4, now())
			ON CONFLICT (key) DO NOTHING`,
			d.IdempotencyKey(), text(d.APIKey), d.Body, text(perr.Error()))
		if err != nil {
			log.ErrorContext(ctx, "dead letter not stored", "error", err, "key", d.IdempotencyKey())
		}
	}
}

const (
	batchSize = 100
	idlePoll  = 200 * time.Millisecond
)

// process acts on stored deliveries until ctx ends. Any number of replicas
// may run it on one database: each batch is claimed with FOR UPDATE SKIP
// LOCKED, acted on, and marked processed in one transaction, so a row is
// acted on once. A replica that dies mid-batch leaves its transaction
// uncommitted: PostgreSQL rolls it back, and another replica takes the rows.
// (An action outside the database, such as a call to another service,
// cannot join the transaction: make it idempotent on the key.)
func process(ctx context.Context, pool *pgxpool.Pool, instance string, clock func() time.Time, log *slog.Logger) {
	for ctx.Err() == nil {
		n, err := processBatch(ctx, pool, instance, clock)
		if err != nil && ctx.Err() == nil {
			log.WarnContext(ctx, "processing a batch", "error", err)
		}
		if n < batchSize || err != nil {
			select {
			case <-ctx.Done():
			case <-time.After(idlePoll):
			}
		}
	}
}

// processBatch acts on up to batchSize stored deliveries and reports how
// many. A session whose state they change has its changed_at set to
// clock(): the reconciler waits for such a session to be quiet again.
func processBatch(ctx context.Context, pool *pgxpool.Pool, instance string, clock func() time.Time) (int, error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	rows, err := tx.Query(ctx, `
		SELECT key, body FROM webhook_inbox
		WHERE processed_at IS NULL
		ORDER BY received_at
		LIMIT $1
		FOR UPDATE SKIP LOCKED`, batchSize)
	if err != nil {
		return 0, err
	}
	var keys, summaries []string
	bySession := map[string][]webhook.Payload{}
	for rows.Next() {
		var key string
		var body []byte
		if err := rows.Scan(&key, &body); err != nil {
			rows.Close()
			return 0, err
		}
		p, err := webhook.ParseAny(body) // it parsed once already, when stored
		keys = append(keys, key)
		summaries = append(summaries, text(act(p, err)))
		if err == nil && p.Session().ID != "" { // Unknown, an old watchlist screening: no session
			id := p.Session().ID
			bySession[id] = append(bySession[id], p)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if len(keys) == 0 {
		return 0, nil
	}
	// In the order of their ids, so that two replicas' batches lock the
	// sessions they share in one order and never deadlock.
	now := clock()
	for _, id := range slices.Sorted(maps.Keys(bySession)) {
		if _, err := foldSession(ctx, tx, id, bySession[id], now); err != nil {
			return 0, err
		}
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO webhook_actions (key, summary, instance)
		SELECT k, s, $3 FROM unnest($1::text[], $2::text[]) AS a(k, s)`, keys, summaries, instance); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `UPDATE webhook_inbox SET processed_at = now() WHERE key = ANY($1)`, keys); err != nil {
		return 0, err
	}
	return len(keys), tx.Commit(ctx)
}

// foldSession folds ps, deliveries of session id or decisions polled for
// it, into its row of the sessions table, in the caller's transaction, and
// reports whether the row's state changed; when it did, changed_at is set
// to now.
//
// Concurrent batches of two replicas may hold deliveries of one session:
// the row lock (SELECT ... FOR UPDATE) makes the second wait for the first
// to commit and then fold into what it wrote, so no update is lost. A row
// lock rather than a serializable transaction and a retry: the fold is
// cheap and the lock lasts the rest of one batch, while a serialization
// failure would redo the whole batch. Folding is a join, so whichever
// batch goes first, the row ends the same, and a delivery folded twice
// would change nothing. The reconciler folds a polled decision here too,
// under the same lock: a decision polled and delivered, in either order,
// gives one state.
func foldSession(ctx context.Context, tx pgx.Tx, id string, ps []webhook.Payload, now time.Time) (bool, error) {
	id = text(id)
	var stored string
	lock := func() error {
		return tx.QueryRow(ctx, `SELECT state FROM sessions WHERE session_id = $1 FOR UPDATE`, id).Scan(&stored)
	}
	err := lock()
	if errors.Is(err, pgx.ErrNoRows) {
		// The session's first delivery. A concurrent first delivery makes
		// this insert wait for its commit and then do nothing; either way
		// the row is there to lock.
		if _, err := tx.Exec(ctx, `INSERT INTO sessions (session_id, state, status, updated_at)
			VALUES ($1, '{}', '', now()) ON CONFLICT (session_id) DO NOTHING`, id); err != nil {
			return false, err
		}
		err = lock()
	}
	if err != nil {
		return false, err
	}
	var s webhook.SessionState
	if err := json.Unmarshal([]byte(stored), &s); err != nil {
		return false, fmt.Errorf("session %s: stored state: %w", id, err)
	}
	for _, p := range ps {
		if err := s.Apply(p); err != nil {
			return false, fmt.Errorf("session %s: %w", id, err)
		}
	}
	state, err := json.Marshal(s)
	if err != nil {
		return false, err
	}
	changed := string(state) != stored
	_, err = tx.Exec(ctx, `UPDATE sessions SET state = $2, status = $3, updated_at = now(),
		changed_at = CASE WHEN $4 THEN $5 ELSE changed_at END WHERE session_id = $1`,
		id, string(state), text(s.Status().String()), changed, now)
	return changed, err
}

// act is where a real receiver would open an account or flag a session,
// in the transaction that marks the delivery processed (a session's new
// status is in its row of sessions, in the same transaction). Here it
// describes the payload, or the error of a stored body that no longer
// parses.
func act(p webhook.Payload, err error) string {
	if err != nil {
		return "unparseable: " + err.Error()
	}
	switch p := p.(type) {
	case webhook.Decision:
		return fmt.Sprintf("decision %s for session %s", p.Verification.Status, p.Verification.ID)
	case webhook.Event:
		return fmt.Sprintf("event %d %s for session %s", p.Code, p.Action, p.ID)
	case webhook.Unknown:
		return fmt.Sprintf("a kind this library does not know (%d bytes)", len(p.Raw))
	}
	return fmt.Sprintf("%s for session %q", p.Kind(), p.Session().ID)
}
