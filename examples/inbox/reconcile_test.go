package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/reconcile"
	"github.com/veriffkit/webhook/veriffapi"
	"github.com/veriffkit/webhook/veriffapi/veriffapitest"
	"github.com/veriffkit/webhook/webhooktest"
)

const (
	// timescale compresses the reconciler's clock: Veriff's 8-day window
	// passes in 20 seconds, its 10 minutes of quiet in 17 ms.
	timescale      = 34560
	perScenario    = 15 // sessions played per scenario
	neverPlayed    = 12 // sessions created and never started
	playGap        = 15 * time.Millisecond
	dropDecisions  = 0.4 // the chance that a decision webhook is not sent
	noURLFrom      = 0.2 // the stretch of plays with no webhook URL in the portal,
	noURLTo        = 0.35
	reconcileLimit = 120 * time.Second
)

// TestReconcile is the proof that no decision is lost when its webhook
// never comes. Two replicas of the inbox, each with its reconciler, on one
// PostgreSQL; a local Veriff (veriffapitest) behind a proxy per replica,
// which sees every poll; sessions created through the replicas' POST
// /sessions (so through veriffapi, into the registry) and played with
// every scenario of webhooktest, some never played; 40% of the decision
// webhooks dropped, others duplicated, delayed and reordered; a stretch of
// plays with no webhook URL at all (the portal's setting missing); 429 and
// 5xx bursts while the reconcilers poll; one replica killed (SIGKILL)
// mid-run, while it polls. At the end every session's row must be what
// Veriff holds for it, no session polled by two replicas at once, and no
// session polled more than the policy's budget.
func TestReconcile(t *testing.T) {
	dsn := os.Getenv("INBOX_TEST_DSN")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("INBOX_TEST_DSN is not set under CI=true: .ci/run must start PostgreSQL (see .ci/with-postgres) for this test")
		}
		t.Skip("INBOX_TEST_DSN is not set: this test needs a PostgreSQL server (see TestExactlyOnce)")
	}
	began := time.Now()
	ctx := context.Background()
	db := freshDatabase(t, ctx, dsn)
	bin := filepath.Join(t.TempDir(), "inbox")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	srv := veriffapitest.NewServer(t)
	hooks := newHookBalancer(t)
	srv.WebhookURL = hooks.url + "/webhooks/veriff"
	watch := &pollWatch{inflight: map[string]map[string]int{}, double: map[string]bool{}}
	proxyA, proxyB := watch.proxy(t, "a", srv.URL), watch.proxy(t, "b", srv.URL)

	// The replicas' clock runs timescale times faster than the wall
	// clock from now; the policy is the default one.
	clock := fmt.Sprintf("%d@%s", timescale, time.Now().UTC().Format(time.RFC3339Nano))
	args := []string{"-sessions-api", "-reconcile-full-auto", "-reconcile-idle", "20ms", "-test-timescale", clock}
	env := func(api string) []string {
		return []string{"WEBHOOK_SECRET=" + srv.Secret, "VERIFF_API_KEY=" + srv.APIKey, "VERIFF_API_URL=" + api}
	}
	logs := t.TempDir()
	a := startInstance(t, bin, db.dsn("reconcile-a"), "a", logs, env(proxyA.URL), args...)
	b := startInstance(t, bin, db.dsn("reconcile-b"), "b", logs, env(proxyB.URL), args...)
	hooks.set(a, b)

	// Webhook faults from the start; the API's once the sessions are
	// being played. Every random choice follows from the test's name.
	srv.SetFaults(veriffapitest.Faults{DropDecisions: dropDecisions, Duplicate: 0.25, Shuffle: true, Delay: 300 * time.Millisecond,
		RateLimited: 0.003, ServerErrors: 0.02, Burst: 3, RetryAfter: time.Second})

	// Sessions that nobody starts: created first, they are polled until
	// the window ends and then given up.
	var never []string
	for i := range neverPlayed {
		never = append(never, createSession(t, hooks, fmt.Sprintf("never-%02d", i)))
	}

	// The plays: every scenario perScenario times, in a random order.
	r := rand.New(rand.NewPCG(26, 26))
	var plays []string
	for range perScenario {
		plays = append(plays, webhooktest.ScenarioNames()...)
	}
	r.Shuffle(len(plays), func(i, j int) { plays[i], plays[j] = plays[j], plays[i] })
	scenarioOf := map[string]string{}
	noURL := map[string]bool{} // sessions played while the portal had no webhook URL
	var killedWith int64
	for i, name := range plays {
		switch i {
		case int(noURLFrom * float64(len(plays))):
			srv.SetWebhookURL("")
		case int(noURLTo * float64(len(plays))):
			srv.SetWebhookURL(hooks.url + "/webhooks/veriff")
		case len(plays) / 3, 2 * len(plays) / 3:
			// A burst of 429s the test places itself, and waits until a
			// poll got one.
			before := polls429(srv)
			srv.FailNext(http.StatusTooManyRequests, 4)
			for deadline := time.Now().Add(5 * time.Second); polls429(srv) == before && time.Now().Before(deadline); {
				time.Sleep(5 * time.Millisecond)
			}
		case len(plays) / 2:
			// a is killed while it polls: its claims must return to b.
			for deadline := time.Now().Add(2 * time.Second); watch.polling("a") == 0 && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
			killedWith = watch.polling("a")
			a.kill(t)
			hooks.set(b)
		}
		id := createSession(t, hooks, fmt.Sprintf("order-%03d", i))
		scenarioOf[id] = name
		if i >= int(noURLFrom*float64(len(plays))) && i < int(noURLTo*float64(len(plays))) {
			noURL[id] = true
		}
		if err := srv.Play(id, name); err != nil {
			t.Fatalf("play %s on %s: %v", name, id, err)
		}
		time.Sleep(playGap)
	}
	playsDone := time.Since(began)

	// Until every session of the registry is done with: final, or given
	// up at the end of its window.
	conn := db.connect(t, ctx)
	for deadline := time.Now().Add(reconcileLimit); ; {
		var open int
		require.NoError(t, conn.QueryRow(ctx, `SELECT count(*) FROM veriff_sessions WHERE stopped IS NULL`).Scan(&open))
		if open == 0 {
			break
		}
		require.True(t, time.Now().Before(deadline), "%d sessions still reconciling after %v:\n%s", open, reconcileLimit, b.tail())
		time.Sleep(50 * time.Millisecond)
	}
	srv.Flush() // the webhooks held back by Delay
	waitProcessed(t, ctx, db)
	srv.SetFaults(veriffapitest.Faults{})
	b.stop(t)
	elapsed := time.Since(began)
	log := b.tail()
	assert.NotContains(t, log, "level=ERROR", "replica b")

	// Every session's row against what Veriff holds for it.
	rows, err := conn.Query(ctx, `SELECT v.session_id, v.stopped, v.polls, coalesce(s.state::text, '')
		FROM veriff_sessions v LEFT JOIN sessions s USING (session_id)`)
	require.NoError(t, err)
	stuck, sessions, registryPolls := 0, 0, 0
	stoppedWhy := map[string]int{}
	for rows.Next() {
		var id, why, state string
		var polls int
		require.NoError(t, rows.Scan(&id, &why, &polls, &state))
		sessions++
		registryPolls += polls
		stoppedWhy[why]++
		want, ok := srv.State(id)
		require.True(t, ok, "a session the fake does not have: %s", id)
		var got webhook.SessionState
		if state != "" {
			require.NoError(t, json.Unmarshal([]byte(state), &got))
		}
		if !sameState(got, want, noURL[id]) {
			stuck++
			t.Errorf("stuck: session %s (%s%s) is %s, Veriff holds %s", id, scenarioOf[id], map[bool]string{true: ", no webhook URL"}[noURL[id]],
				jsonOf(t, got), jsonOf(t, want))
		}
		if _, played := scenarioOf[id]; played {
			assert.Equal(t, reconcile.Final.String(), why, "session %s (%s)", id, scenarioOf[id])
		} else {
			assert.Equal(t, reconcile.WindowOver.String(), why, "never played: given up at the window's end")
		}
	}
	require.NoError(t, rows.Err())
	require.Equal(t, len(plays)+len(never), sessions, "every session created is in the registry")

	// The polls, as Veriff (the fake) saw them: each poll is one request
	// to the decision endpoint, and one to the Full Auto one when there is
	// no decision.
	perSession := map[string]int{}
	polls, fullAuto, limited, failed := 0, 0, 0, 0
	for _, c := range srv.Calls() {
		switch c.Endpoint {
		case "GET /v1/sessions/{id}/decision":
			polls++
			perSession[c.ID]++
		case "GET /v1/sessions/{id}/decision/fullauto":
			fullAuto++
		default:
			continue
		}
		switch {
		case c.Status == http.StatusTooManyRequests:
			limited++
		case c.Status >= 500:
			failed++
		}
	}
	maxPer := 0
	for _, n := range perSession {
		maxPer = max(maxPer, n)
	}
	budget := reconcile.DefaultPolicy.Budget
	assert.LessOrEqual(t, maxPer, budget, "a session polled more than the budget")
	assert.LessOrEqual(t, registryPolls, polls, "the registry counts the polls committed, the fake every one")
	assert.Positive(t, limited, "429s while polling")
	assert.Positive(t, failed, "5xx while polling")

	// What the webhooks went through.
	wh := srv.Webhooks()
	decisions := 0
	for _, name := range plays {
		sc, err := webhooktest.Lookup(name, nil, time.Time{})
		require.NoError(t, err)
		for _, d := range sc.Deliveries {
			if d.Kind == webhook.KindDecision || d.Kind == webhook.KindFullAuto {
				decisions++
			}
		}
	}
	dropped := float64(wh.DroppedDecisions) / float64(decisions)
	assert.GreaterOrEqual(t, dropped, 0.30, "decision webhooks dropped")
	assert.Positive(t, len(noURL))
	assert.Zero(t, wh.Failed, "webhooks not answered 2xx (the balancer retries on the live replica)")

	// What the polls cost, by kind of session.
	type cost struct{ sessions, polls, most, none int }
	costs := map[string]*cost{}
	for _, id := range append(slices.Collect(maps.Keys(scenarioOf)), never...) {
		kind := "webhooks on"
		switch _, played := scenarioOf[id]; {
		case !played:
			kind = "never started"
		case noURL[id]:
			kind = "no webhook URL"
		}
		c := costs[kind]
		if c == nil {
			c = &cost{}
			costs[kind] = c
		}
		n := perSession[id]
		c.sessions, c.polls, c.most = c.sessions+1, c.polls+n, max(c.most, n)
		if n == 0 {
			c.none++
		}
	}
	for _, kind := range []string{"webhooks on", "no webhook URL", "never started"} {
		if c := costs[kind]; c != nil {
			t.Logf("polls, %s: %d sessions, %d polls (%.1f a session, at most %d), %d never polled",
				kind, c.sessions, c.polls, float64(c.polls)/float64(c.sessions), c.most, c.none)
		}
	}

	double := watch.doubles()
	t.Logf("sessions: %d played (%d scenarios x %d, %d of them with no webhook URL), %d never started; registry: %v",
		len(plays), len(webhooktest.ScenarioNames()), perScenario, len(noURL), len(never), stoppedWhy)
	t.Logf("webhooks: %d sent, %d dropped (%d of %d decision webhooks, %.0f%%; the rest with no URL); duplicated, delayed up to 300ms and shuffled",
		wh.Sent, wh.Dropped, wh.DroppedDecisions, decisions, 100*dropped)
	t.Logf("API: %d polls (%d to the decision endpoint, %d more to Full Auto's), %d answered 429, %d 5xx; %d polls by a, %d by b; a killed (SIGKILL) with %d in flight",
		polls, polls, fullAuto, limited, failed, watch.count("a"), watch.count("b"), killedWith)
	t.Logf("time: plays done in %.1fs, all reconciled and checked in %.1fs (clock x%d: the 8-day window is %.0fs)",
		playsDone.Seconds(), elapsed.Seconds(), timescale, (reconcile.DefaultPolicy.Window / timescale).Seconds())
	fmt.Printf("reconcile: sessions %d, stuck %d, polls %d (max per session %d), double %d, webhooks dropped %d\n",
		sessions, stuck, polls, maxPer, double, wh.Dropped)
	assert.Zero(t, stuck, "stuck sessions")
	assert.Zero(t, double, "sessions polled by two replicas at once")
}

// polls429 counts the polls answered 429.
func polls429(srv *veriffapitest.Server) int {
	n := 0
	for _, c := range srv.Calls() {
		if strings.HasPrefix(c.Endpoint, "GET /v1/sessions/{id}/decision") && c.Status == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}

// sameState compares a session's row with Veriff's state. A session played
// while the portal had no webhook URL got no webhook at all: what the API
// can give of it is its decision, so that is what is compared.
func sameState(got, want webhook.SessionState, noURL bool) bool {
	if !noURL {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		return bytes.Equal(g, w)
	}
	gd, gok := got.Decision()
	wd, wok := want.Decision()
	g, _ := json.Marshal(gd)
	w, _ := json.Marshal(wd)
	return gok == wok && bytes.Equal(g, w) && got.Status() == want.Status() && got.ReasonCode() == want.ReasonCode() &&
		got.AttemptID() == want.AttemptID() && got.SessionID() == want.SessionID() && got.VendorData() == want.VendorData()
}

func jsonOf(t *testing.T, s webhook.SessionState) string {
	b, err := json.Marshal(s)
	require.NoError(t, err)
	return string(b)
}

// createSession creates a session through a live replica's POST /sessions,
// as the application would, again when Veriff's answer was a 429 or a 5xx
// (the replica answers 503).
func createSession(t *testing.T, lb *hookBalancer, vendorData string) string {
	body := `{"vendorData":` + strconv.Quote(vendorData) + `}`
	for try := 0; ; try++ {
		resp, err := http.Post(lb.pick().base+"/sessions", "application/json", strings.NewReader(body))
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable && try < 20 {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		require.Equal(t, http.StatusCreated, resp.StatusCode, "POST /sessions: %s", b)
		var s struct{ ID, URL string }
		require.NoError(t, json.Unmarshal(b, &s))
		require.NotEmpty(t, s.ID)
		return s.ID
	}
}

// hookBalancer stands in front of the replicas for Veriff's webhooks, as a
// load balancer does: each request goes to the next live replica, and to
// another when a replica does not answer (killed).
type hookBalancer struct {
	balancer // set and pick: the live replicas, in turn
	url      string
	client   *http.Client
}

func newHookBalancer(t *testing.T) *hookBalancer {
	lb := &hookBalancer{client: &http.Client{Timeout: 10 * time.Second}}
	srv := httptest.NewServer(http.HandlerFunc(lb.serve))
	t.Cleanup(srv.Close)
	lb.url = srv.URL
	return lb
}

func (lb *hookBalancer) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for try := 0; ; try++ {
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, lb.pick().base+r.URL.RequestURI(), bytes.NewReader(body))
		req.Header = r.Header.Clone()
		resp, err := lb.client.Do(req)
		if err != nil {
			if try < 20 && r.Context().Err() == nil {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
		return
	}
}

var pollPath = regexp.MustCompile(`^/v1/sessions/([^/]+)/decision(/fullauto)?$`)

// pollWatch sees every poll of every replica on its way to Veriff, and
// notes a session polled by two replicas at once.
type pollWatch struct {
	mu       sync.Mutex
	inflight map[string]map[string]int // session: replica: requests in flight
	double   map[string]bool
	byName   sync.Map // replica: *atomic.Int64 polls
	now      sync.Map // replica: *atomic.Int64 in flight
}

// proxy returns a proxy to the API at target for the replica name.
func (pw *pollWatch) proxy(t *testing.T, name, target string) *httptest.Server {
	u, err := url.Parse(target)
	require.NoError(t, err)
	rp := httputil.NewSingleHostReverseProxy(u)
	total, inflight := &atomic.Int64{}, &atomic.Int64{}
	pw.byName.Store(name, total)
	pw.now.Store(name, inflight)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m := pollPath.FindStringSubmatch(r.URL.Path)
		if m == nil {
			rp.ServeHTTP(w, r)
			return
		}
		id := m[1]
		if m[2] == "" {
			total.Add(1)
		}
		inflight.Add(1)
		pw.mu.Lock()
		if pw.inflight[id] == nil {
			pw.inflight[id] = map[string]int{}
		}
		for other, n := range pw.inflight[id] {
			if other != name && n > 0 {
				pw.double[id] = true
			}
		}
		pw.inflight[id][name]++
		pw.mu.Unlock()
		defer func() {
			pw.mu.Lock()
			pw.inflight[id][name]--
			pw.mu.Unlock()
			inflight.Add(-1)
		}()
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func (pw *pollWatch) count(name string) int64 {
	v, _ := pw.byName.Load(name)
	return v.(*atomic.Int64).Load()
}

func (pw *pollWatch) polling(name string) int64 {
	v, _ := pw.now.Load(name)
	return v.(*atomic.Int64).Load()
}

func (pw *pollWatch) doubles() int {
	pw.mu.Lock()
	defer pw.mu.Unlock()
	return len(pw.double)
}

// TestReadmeConfiguration holds the README's table of settings to the
// flags: every reconciler flag is in it, with its default.
func TestReadmeConfiguration(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	var rc reconcilerConfig
	fs := flag.NewFlagSet("inbox", flag.ContinueOnError)
	rc.flags(fs)
	n := 0
	fs.VisitAll(func(f *flag.Flag) {
		n++
		var row string
		for l := range strings.Lines(string(readme)) {
			if strings.HasPrefix(l, "| `-"+f.Name+"` |") {
				row = l
			}
		}
		if !assert.NotEmpty(t, row, "README.md has no row for -%s", f.Name) {
			return
		}
		cells := strings.Split(row, "|")
		got := strings.Trim(strings.TrimSpace(cells[2]), "`")
		if want, err := time.ParseDuration(f.DefValue); err == nil {
			d, err := time.ParseDuration(got)
			assert.NoError(t, err, "-%s", f.Name)
			assert.Equal(t, want, d, "-%s: the README's default", f.Name)
			return
		}
		assert.Equal(t, f.DefValue, got, "-%s: the README's default", f.Name)
	})
	assert.Equal(t, 9, n, "the reconciler's flags")
	d := reconcile.DefaultPolicy
	assert.Contains(t, string(readme), fmt.Sprintf("| `-reconcile-budget` | `%d` |", d.Budget))
}

// TestReconcileSessionFails: a session whose handling fails on its own
// (here its stored state no longer reads) is rolled back alone. The others
// claimed with it are folded; it gets its error, its poll counted and its
// next look put off by Quiet, instead of rolling back the whole round,
// which claimed the same sessions again a second later, polled them
// without counting, and never reached any other.
func TestReconcileSessionFails(t *testing.T) {
	ctx := context.Background()
	_, pool := migratedPool(t, ctx, "reconcile-fails-test")

	t0 := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	var now time.Time
	r, ids := approvedUnseen(t, ctx, pool, t0, &now, "good", "bad")
	good, bad := ids[0], ids[1]
	_, err := pool.Exec(ctx, `INSERT INTO sessions (session_id, state, status, updated_at) VALUES ($1, '[]', '', now())`, bad)
	require.NoError(t, err)

	now = t0.Add(time.Hour) // past Quiet: both due
	n, err := r.round(ctx)
	require.NoError(t, err, "one session's failure is not the round's")
	assert.Equal(t, 2, n)

	var status string
	require.NoError(t, pool.QueryRow(ctx, `SELECT status FROM sessions WHERE session_id = $1`, good).Scan(&status))
	assert.Equal(t, "approved", status, "the other session of the round is folded")

	var polls int
	var next time.Time
	var lastPoll *time.Time
	var lastError *string
	var stopped *string
	require.NoError(t, pool.QueryRow(ctx, `SELECT polls, last_poll_at, next_poll_at, last_error, stopped FROM veriff_sessions WHERE session_id = $1`, bad).
		Scan(&polls, &lastPoll, &next, &lastError, &stopped))
	assert.Equal(t, 1, polls, "its poll counted: the budget bounds it")
	require.NotNil(t, lastPoll)
	assert.True(t, lastPoll.Equal(now), "its poll's time kept: %v", *lastPoll)
	assert.True(t, next.Equal(now.Add(reconcile.DefaultPolicy.Quiet)), "put off by Quiet: %v", next)
	require.NotNil(t, lastError)
	assert.Contains(t, *lastError, "stored state")
	assert.Nil(t, stopped)

	n, err = r.round(ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "not claimed again at once")
}

// TestReconcileAfterWindowOver: a session given up at its window's end is
// looked at again once a delivery changes it (a change starts the
// schedule again, as reconcile.Policy says), so that a decision whose
// webhook is then lost is still found; one that no change brought back
// stays given up.
func TestReconcileAfterWindowOver(t *testing.T) {
	ctx := context.Background()
	_, pool := migratedPool(t, ctx, "reconcile-window-test")

	t0 := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	var now time.Time
	r, ids := approvedUnseen(t, ctx, pool, t0, &now, "changed", "unchanged")
	stoppedAt := t0.Add(reconcile.DefaultPolicy.Window)
	for _, id := range ids {
		_, err := pool.Exec(ctx, `UPDATE veriff_sessions SET stopped = $2, next_poll_at = $3 WHERE session_id = $1`,
			id, reconcile.WindowOver.String(), stoppedAt)
		require.NoError(t, err)
	}
	changed, unchanged := ids[0], ids[1]

	// A delivery after the stop changes the first: its event 7002.
	body, err := os.ReadFile(filepath.Join("..", "..", "testdata", "documented-submitted-7002.json"))
	require.NoError(t, err)
	p, err := webhook.ParseAny(body)
	require.NoError(t, err)
	p, err = webhook.ParseAny(bytes.ReplaceAll(body, []byte(p.Session().ID), []byte(changed)))
	require.NoError(t, err)
	delivered := stoppedAt.Add(time.Hour)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	ok, err := foldSession(ctx, tx, changed, []webhook.Payload{p}, delivered)
	require.NoError(t, err)
	require.True(t, ok)
	require.NoError(t, tx.Commit(ctx))

	now = delivered.Add(reconcile.DefaultPolicy.Quiet * 2) // quiet since the delivery: due
	n, err := r.round(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, n, "the changed session only")
	var status string
	require.NoError(t, pool.QueryRow(ctx, `SELECT status FROM sessions WHERE session_id = $1`, changed).Scan(&status))
	assert.Equal(t, "approved", status, "its decision found by a poll")

	var stopped *string
	var polls int
	require.NoError(t, pool.QueryRow(ctx, `SELECT stopped, polls FROM veriff_sessions WHERE session_id = $1`, unchanged).Scan(&stopped, &polls))
	require.NotNil(t, stopped)
	assert.Equal(t, reconcile.WindowOver.String(), *stopped, "no change: still given up")
	assert.Zero(t, polls)

	n, err = r.round(ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "final now: not claimed again")
}

// approvedUnseen registers one session per name at t0 with a local
// Veriff, plays each "approved" there with no webhook URL (only a poll can
// tell their decisions), and returns their ids and a reconciler of pool
// that polls that Veriff with the default policy, on a clock that reads
// *now.
func approvedUnseen(t *testing.T, ctx context.Context, pool *pgxpool.Pool, t0 time.Time, now *time.Time, names ...string) (*reconciler, []string) {
	t.Helper()
	fake := veriffapitest.NewServer(t)
	client, err := veriffapi.NewClient(fake.APIKey, fake.Secret, veriffapi.WithBaseURL(fake.URL), veriffapi.WithRetry(veriffapi.NoRetry))
	require.NoError(t, err)
	var policy reconcile.Policy
	var ids []string
	for _, name := range names {
		s, err := registerSession(ctx, pool, client, policy, func() time.Time { return t0 }, name)
		require.NoError(t, err)
		require.NoError(t, fake.Play(s.ID, "approved"))
		ids = append(ids, s.ID)
	}
	r := &reconciler{pool: pool, client: client, now: func() time.Time { return *now }, instance: "test",
		cfg: reconcilerConfig{policy: policy, batch: 10, idle: time.Second, timeout: 10 * time.Second},
		log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	return r, ids
}
