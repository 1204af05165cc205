package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/reconcile"
	"github.com/veriffkit/webhook/veriffapi"
)

// reconcilerConfig is the reconciler's configuration, from its flags.
type reconcilerConfig struct {
	on       bool
	policy   reconcile.Policy
	fullAuto bool
	batch    int
	idle     time.Duration
	timeout  time.Duration
}

func (c *reconcilerConfig) flags(fs *flag.FlagSet) {
	d := reconcile.DefaultPolicy
	fs.BoolVar(&c.on, "reconcile", true, "poll Veriff for the decisions of registered sessions whose webhooks do not come (needs VERIFF_API_KEY)")
	fs.DurationVar(&c.policy.Quiet, "reconcile-quiet", d.Quiet, "how long a session goes without a change before it is first polled")
	fs.DurationVar(&c.policy.MaxInterval, "reconcile-max-interval", d.MaxInterval, "the longest time between two polls of a session (the intervals double from -reconcile-quiet)")
	fs.DurationVar(&c.policy.Window, "reconcile-window", d.Window, "how long after its last change a session is polled, then given up")
	fs.IntVar(&c.policy.Budget, "reconcile-budget", d.Budget, "the most polls of one session, ever")
	fs.BoolVar(&c.fullAuto, "reconcile-full-auto", false, "the integration is on the Essential plan: ask for the Full Auto decision too when there is no decision")
	fs.IntVar(&c.batch, "reconcile-batch", 10, "sessions claimed per transaction")
	fs.DurationVar(&c.idle, "reconcile-idle", time.Second, "how often to look for sessions due, when none was")
	fs.DurationVar(&c.timeout, "reconcile-timeout", 30*time.Second, "the longest a poll may take")
}

// reconciler polls Veriff for the sessions of the registry (veriff_sessions)
// whose state the webhooks have not brought to a final status, as
// reconcile.Policy schedules them, and folds each decision it gets into the
// session's row of sessions, as a delivered one is folded.
//
// Every replica runs one. Each round claims up to batch sessions due with
// FOR UPDATE SKIP LOCKED and keeps them locked while it polls them and
// writes what it learnt, in one transaction: two replicas never poll one
// session at once, and a replica that dies mid-round leaves its
// transaction uncommitted, so PostgreSQL rolls it back and its sessions
// are due again for the others. The locks are taken in the order of the
// session ids, as the processor's are, so the two never deadlock on the
// sessions rows.
type reconciler struct {
	pool     *pgxpool.Pool
	client   *veriffapi.Client
	cfg      reconcilerConfig
	now      func() time.Time // the schedule's clock; the Gate runs on the wall clock
	instance string
	log      *slog.Logger
	gate     reconcile.Gate // this replica's; only run's goroutine touches it
}

// run polls until ctx ends, or until Veriff refuses the credentials: then
// it says so and polls no more (the receiver goes on).
func (r *reconciler) run(ctx context.Context) {
	r.log.Info("reconciler on", "quiet", r.cfg.policy.Quiet, "budget", r.cfg.policy.Budget, "full_auto", r.cfg.fullAuto)
	for ctx.Err() == nil {
		wait, err := r.gate.Wait(time.Now())
		if err != nil {
			r.log.Error("reconciler stopped", "error", err)
			return
		}
		if wait == 0 {
			var n int
			n, err = r.round(ctx)
			if err != nil && ctx.Err() == nil {
				r.log.Warn("reconciling a batch", "error", err)
			}
			if n == r.cfg.batch && err == nil {
				continue
			}
			wait = r.cfg.idle
		}
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
}

// claimed is one session of a round, as the registry and its row hold it.
type claimed struct {
	s         reconcile.Session
	lastError string
}

// round claims the sessions due and handles each, and reports how many it
// claimed.
func (r *reconciler) round(ctx context.Context) (int, error) {
	tx, err := r.pool.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	now := r.now()
	rows, err := tx.Query(ctx, `
		SELECT v.session_id, v.created_at, v.polls, v.last_poll_at, v.not_found,
			coalesce(s.status, ''), s.changed_at
		FROM veriff_sessions v LEFT JOIN sessions s USING (session_id)
		WHERE (v.stopped IS NULL AND v.next_poll_at <= $1)
			-- A change starts the schedule again (reconcile.Policy): a
			-- session given up at its window's end (at next_poll_at, see
			-- handle) that a delivery changed since is looked at again.
			OR (v.stopped = $3 AND s.changed_at > v.next_poll_at)
		ORDER BY v.next_poll_at
		LIMIT $2
		FOR UPDATE OF v SKIP LOCKED`, now, r.cfg.batch, reconcile.WindowOver.String())
	if err != nil {
		return 0, err
	}
	var batch []claimed
	for rows.Next() {
		var c claimed
		var status string
		var lastPoll, changed *time.Time
		if err := rows.Scan(&c.s.ID, &c.s.Created, &c.s.Polls, &lastPoll, &c.s.NotFound, &status, &changed); err != nil {
			rows.Close()
			return 0, err
		}
		c.s.Status = webhook.Status(status)
		if lastPoll != nil {
			c.s.LastPoll = *lastPoll
		}
		if changed != nil {
			c.s.Changed = *changed
		}
		batch = append(batch, c)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	slices.SortFunc(batch, func(a, b claimed) int { return strings.Compare(a.s.ID, b.s.ID) })
	for i := range batch {
		if err := r.handleOne(ctx, tx, &batch[i]); err != nil {
			return 0, err
		}
	}
	return len(batch), tx.Commit(ctx)
}

// handleOne handles c within a savepoint of the round's transaction. When
// that fails for this session alone (its stored state no longer reads,
// say), only its savepoint is rolled back: its error is written down, its
// poll counted, and its next look put off by the policy's Quiet, so that
// it neither rolls back the others of the round nor comes back at once,
// polled every second without spending its budget. Shutting down still
// rolls back the round.
func (r *reconciler) handleOne(ctx context.Context, tx pgx.Tx, c *claimed) error {
	sp, err := tx.Begin(ctx) // a savepoint
	if err != nil {
		return err
	}
	err = r.handle(ctx, sp, c)
	if err == nil {
		return sp.Commit(ctx)
	}
	if rerr := sp.Rollback(ctx); rerr != nil || ctx.Err() != nil {
		return errors.Join(err, rerr)
	}
	r.log.Warn("session not reconciled: looked at again later", "session", c.s.ID, "error", err)
	quiet := r.cfg.policy.Quiet
	if quiet <= 0 {
		quiet = reconcile.DefaultPolicy.Quiet
	}
	var lastPoll *time.Time
	if !c.s.LastPoll.IsZero() {
		lastPoll = &c.s.LastPoll
	}
	_, err = tx.Exec(ctx, `UPDATE veriff_sessions SET next_poll_at = $2, polls = $3, last_poll_at = $4,
		last_error = $5 WHERE session_id = $1`,
		c.s.ID, r.now().Add(quiet), c.s.Polls, lastPoll, err.Error())
	return err
}

// handle does what the policy says with one claimed session, in the
// round's transaction: poll it and fold what the poll tells, or just write
// down when to look again, or that it is done.
func (r *reconciler) handle(ctx context.Context, tx pgx.Tx, c *claimed) error {
	p := r.cfg.policy
	plan := p.Plan(c.s, r.now())
	if plan.Action == reconcile.PollNow {
		if wait, err := r.gate.Wait(time.Now()); err == nil && wait == 0 {
			if err := r.poll(ctx, tx, c); err != nil {
				return err
			}
			plan = p.Plan(c.s, r.now())
		} else {
			plan = reconcile.Plan{Action: reconcile.Wait, At: r.now()} // polls paused: due again after the pause
		}
	}
	var stopped *string // NULL again for a session a change brought back
	next := plan.At
	if plan.Action == reconcile.Stop { // next_poll_at is then when it stopped
		why := plan.Reason.String()
		stopped, next = &why, r.now()
		if plan.Reason != reconcile.Final {
			r.log.Warn("session given up without a final status", "session", c.s.ID, "reason", why, "status", c.s.Status, "polls", c.s.Polls)
		}
	}
	var lastPoll *time.Time
	if !c.s.LastPoll.IsZero() {
		lastPoll = &c.s.LastPoll
	}
	_, err := tx.Exec(ctx, `UPDATE veriff_sessions SET next_poll_at = $2, polls = $3, last_poll_at = $4,
		not_found = $5, stopped = $6, last_error = $7 WHERE session_id = $1`,
		c.s.ID, next, c.s.Polls, lastPoll, c.s.NotFound, stopped, nullable(c.lastError))
	return err
}

// poll asks Veriff for one session's decision, folds it into the session's
// row when there is one, and updates c and the gate.
func (r *reconciler) poll(ctx context.Context, tx pgx.Tx, c *claimed) error {
	pctx, cancel := context.WithTimeout(ctx, r.cfg.timeout)
	res := reconcile.Poll(pctx, r.client, c.s.ID, r.cfg.fullAuto)
	cancel()
	if ctx.Err() != nil {
		return ctx.Err() // shutting down: roll the round back
	}
	now := r.now()
	c.s.Polls++ // one poll, whatever its requests
	c.s.LastPoll = now
	c.lastError = ""
	r.gate = r.gate.Observe(r.cfg.policy, res.Outcome, res.RetryAfter, res.Err, time.Now())
	switch res.Outcome {
	case reconcile.Decided:
		changed, err := foldSession(ctx, tx, c.s.ID, []webhook.Payload{res.Payload}, now)
		if err != nil {
			return err
		}
		if changed {
			c.s.Changed = now
			if err := r.act(ctx, tx, c.s.ID, res.Payload); err != nil {
				return err
			}
		}
		var status string
		if err := tx.QueryRow(ctx, `SELECT status FROM sessions WHERE session_id = $1`, c.s.ID).Scan(&status); err != nil {
			return err
		}
		c.s.Status = webhook.Status(status)
	case reconcile.Gone:
		c.s.NotFound = true
		c.lastError = res.Err.Error()
	case reconcile.Pending:
	default:
		c.lastError = res.Err.Error()
		if res.Outcome == reconcile.RateLimited {
			r.log.Warn("Veriff answered 429: polls paused", "retry_after", res.RetryAfter)
		}
	}
	return nil
}

// act records the polled decision that changed a session's state, as
// processBatch records a delivery: where a real receiver acts on the
// session's new status (its row of sessions, in the same transaction).
func (r *reconciler) act(ctx context.Context, tx pgx.Tx, id string, p webhook.Payload) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	_, err = tx.Exec(ctx, `INSERT INTO webhook_actions (key, summary, instance) VALUES ($1, $2, $3)`,
		"poll:"+string(p.Kind())+":"+hex.EncodeToString(sum[:]), text(act(p, nil)+" (polled)"), r.instance)
	return err
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// createSessionHandler serves POST /sessions: it creates a Veriff session
// for the vendorData of the request's JSON body ({"vendorData": "..."})
// and answers 201 with its id and the URL to send the end-user to. It
// stands for the application's own code that starts a verification: what
// matters is registerSession, and that the end-user gets the URL only once
// the session is in the registry.
func createSessionHandler(pool *pgxpool.Pool, client *veriffapi.Client, policy reconcile.Policy, clock func() time.Time, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var in struct {
			VendorData string `json:"vendorData"`
		}
		if err := json.NewDecoder(http.MaxBytesReader(w, req.Body, 4096)).Decode(&in); err != nil || in.VendorData == "" {
			http.Error(w, `want {"vendorData": "..."}`, http.StatusBadRequest)
			return
		}
		s, err := registerSession(req.Context(), pool, client, policy, clock, in.VendorData)
		if err != nil {
			// Veriff busy or failing: the caller may try again (a create
			// is never retried by the client: it is not idempotent).
			if errors.Is(err, veriffapi.ErrRateLimited) || errors.Is(err, veriffapi.ErrServer) {
				log.WarnContext(req.Context(), "creating a session", "error", err)
				http.Error(w, "Veriff is unavailable: try again", http.StatusServiceUnavailable)
				return
			}
			log.ErrorContext(req.Context(), "creating a session", "error", err)
			http.Error(w, "the session could not be created", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(map[string]string{"id": s.ID, "url": s.URL})
	})
}

// registerSession creates a Veriff session and adds it to the registry,
// with its first look due when the policy says. Veriff cannot list the
// sessions of an integration, so the registry is the only list the
// reconciler has: a session must be in it before anyone can use it. If
// the insert fails, the error is returned and the session's URL with it
// is never shown to anyone: Veriff expires it unused.
func registerSession(ctx context.Context, pool *pgxpool.Pool, client *veriffapi.Client, policy reconcile.Policy, clock func() time.Time, vendorData string) (veriffapi.Session, error) {
	s, err := client.CreateSession(ctx, veriffapi.SessionRequest{VendorData: vendorData})
	if err != nil {
		return veriffapi.Session{}, err
	}
	created := clock()
	first := policy.Plan(reconcile.Session{ID: s.ID, Created: created}, created).At
	_, err = pool.Exec(ctx, `INSERT INTO veriff_sessions (session_id, vendor_data, created_at, next_poll_at)
		VALUES ($1, $2, $3, $4)`, text(s.ID), text(vendorData), created, first)
	if err != nil {
		return veriffapi.Session{}, fmt.Errorf("registering session %s: %w", s.ID, err)
	}
	return s, nil
}

// parseTimescale reads -test-timescale, FACTOR@RFC3339: a clock that runs
// FACTOR times faster than the wall clock from that instant, which every
// replica of a test shares. "" is time.Now.
func parseTimescale(v string) (func() time.Time, error) {
	if v == "" {
		return time.Now, nil
	}
	f, at, ok := strings.Cut(v, "@")
	factor, err := strconv.ParseFloat(f, 64)
	if !ok || err != nil || factor < 1 {
		return nil, fmt.Errorf("-test-timescale %q: want FACTOR@RFC3339, FACTOR at least 1", v)
	}
	epoch, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return nil, fmt.Errorf("-test-timescale %q: %w", v, err)
	}
	return func() time.Time {
		return epoch.Add(time.Duration(float64(time.Since(epoch)) * factor))
	}, nil
}
