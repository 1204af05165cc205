package main

// TestExactlyOnce needs a PostgreSQL server on which it may create (and
// then drop) a database. .ci/run starts a throwaway one with
// .ci/with-postgres, which also works by hand (it installs PostgreSQL from
// Debian's packages when it is missing, so as root):
//
//	bash .ci/with-postgres sh -c 'cd examples/inbox && go test -count=1 -v .'
//
// or, with a server of your own:
//
//	INBOX_TEST_DSN='postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable' go test -count=1 -v .
//
// Without INBOX_TEST_DSN it skips, except under CI=true, where it fails.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

const (
	testSecret  = "inbox-test-secret"
	wrongSecret = "not-the-secret"

	validCount     = 3000 // distinct deliveries the receivers must store, each its own session
	sessionCount   = 100  // and sessions of perSession deliveries each
	perSession     = 8
	forgedCount    = 100                    // signed with the wrong secret: stored nowhere
	malformedCount = 100                    // signed, but not a valid payload: dead letters
	copies         = 3                      // times each delivery is sent in the first pass
	workers        = 24                     // concurrent senders
	healthLag      = 200 * time.Millisecond // how long the balancer still sends to a dead replica
)

type category int

const (
	valid category = iota
	forged
	malformed
)

func (c category) String() string { return [...]string{"valid", "forged", "malformed"}[c] }

// delivery is one distinct webhook, sent several times.
type delivery struct {
	cat     category
	body    []byte
	apiKey  string
	secret  string
	key     string // what Delivery.IdempotencyKey() gives for it
	kind    string
	session string
	want    int // the status a live receiver must answer

	got200 atomic.Bool
}

func TestExactlyOnce(t *testing.T) {
	dsn := os.Getenv("INBOX_TEST_DSN")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("INBOX_TEST_DSN is not set under CI=true: .ci/run must start PostgreSQL (see .ci/with-postgres) for this test")
		}
		t.Skip("INBOX_TEST_DSN is not set: this test needs a PostgreSQL server; run it with " +
			"bash .ci/with-postgres sh -c 'cd examples/inbox && go test -count=1 -v .' from the repository root " +
			"(see the comment at the top of inbox_test.go)")
	}
	began := time.Now()
	ctx := context.Background()
	db := freshDatabase(t, ctx, dsn)

	bin := filepath.Join(t.TempDir(), "inbox")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	deliveries := makeDeliveries(t)
	kit, wants := kitSessions(t)
	deliveries = append(deliveries, kit...)
	keys := make(map[string]*delivery, len(deliveries))
	for _, d := range deliveries {
		require.NotContains(t, keys, d.key, "two deliveries with one key")
		keys[d.key] = d
	}

	logs := t.TempDir()
	a := startInstance(t, bin, db.dsn("inbox-a"), "a", logs, nil)
	b := startInstance(t, bin, db.dsn("inbox-b"), "b", logs, nil)
	s := newSender()
	lb := &balancer{}
	lb.set(a, b)

	// First pass: every delivery sent copies times, the copies close
	// together in time, to both replicas at once; a is killed a third of
	// the way in, while requests to it are in flight, and the balancer
	// keeps sending it some for healthLag, as a health check would.
	sends := schedule(deliveries, copies)
	var (
		next      atomic.Int64
		killed    = make(chan struct{})
		inflightA int64
		killOnce  sync.Once
		wg        sync.WaitGroup
	)
	kill := func() {
		for deadline := time.Now().Add(time.Second); a.inflight.Load() == 0 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		inflightA = a.inflight.Load()
		a.kill(t)
		time.Sleep(healthLag)
		lb.set(b)
		close(killed)
	}
	passStart := time.Now()
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(sends) {
					return
				}
				if i == len(sends)/3 {
					killOnce.Do(func() { go kill() })
				}
				s.send(t, lb.pick(), sends[i])
			}
		})
	}
	wg.Wait()
	<-killed
	firstPass := time.Since(passStart)
	firstSends := s.sent.Load()
	errorsToA, okFromA := a.errors.Load(), a.ok200.Load()

	// Every 200 so far, the killed replica's included, has its row, before
	// any retry or resend could have made up for a missing one. The kill
	// left some deliveries without a 200, some of them committed all the
	// same (the process died between the commit and the answer).
	stored := storedKeys(t, ctx, db)
	var noAnswer, lostAcks int
	for _, d := range deliveries {
		if d.got200.Load() {
			assert.True(t, stored[d.key], "delivery %s got a 200 before the retries and has no row", d.key)
		} else if d.cat == valid {
			noAnswer++
			if stored[d.key] {
				lostAcks++
			}
		}
	}

	// Retry whatever got no 200, as Veriff does, until every valid
	// delivery has one.
	rounds, retried := 0, 0
	for ; rounds < 5; rounds++ {
		var again []*delivery
		for _, d := range deliveries {
			if !d.got200.Load() && (d.cat == valid || rounds == 0) {
				again = append(again, d)
			}
		}
		if !slices.ContainsFunc(again, func(d *delivery) bool { return d.cat == valid }) {
			break
		}
		retried += len(again)
		s.sendAll(t, lb, again)
	}
	stored = storedKeys(t, ctx, db)
	for _, d := range deliveries {
		if d.got200.Load() {
			assert.True(t, stored[d.key], "delivery %s got a 200 after a retry and has no row", d.key)
		}
	}

	// A restart: a new a on the same database, and every delivery sent once
	// more to both replicas, as a portal user resending by hand would.
	a2 := startInstance(t, bin, db.dsn("inbox-a2"), "a2", logs, nil)
	lb.set(a2, b)
	s.sendAll(t, lb, deliveries)

	waitProcessed(t, ctx, db)
	elapsed := time.Since(began)

	// The live replicas stop cleanly on SIGTERM, and logged no error: no
	// dead letter lost, no batch of the processor failed.
	for _, in := range []*instance{b, a2} {
		in.stop(t)
		log := in.tail()
		assert.NotContains(t, log, "level=ERROR", "replica %s", in.name)
		assert.NotContains(t, log, "processing a batch", "replica %s", in.name)
	}

	// Every valid delivery got a 200; forged and malformed ones never did,
	// and a live replica answered every request.
	for _, d := range deliveries {
		assert.Equal(t, d.cat == valid, d.got200.Load(), "%s delivery %s: got a 200", d.cat, d.key)
	}
	assert.Zero(t, b.errors.Load()+a2.errors.Load(), "requests to live replicas that got no answer")
	s.mu.Lock()
	assert.Empty(t, s.unexpected, "answers a live replica should not have given")
	s.mu.Unlock()

	// Exactly one row per distinct key, one for every delivery that ever
	// got a 200, none for a forged or malformed one, bodies byte for byte.
	conn := db.connect(t, ctx)
	rows, err := conn.Query(ctx, `SELECT key, kind, session_id, api_key, body, processed_at IS NOT NULL FROM webhook_inbox`)
	require.NoError(t, err)
	inbox := map[string]bool{}
	for rows.Next() {
		var key, kind, session, apiKey string
		var body []byte
		var processed bool
		require.NoError(t, rows.Scan(&key, &kind, &session, &apiKey, &body, &processed))
		require.False(t, inbox[key], "two rows for key %s", key)
		inbox[key] = true
		d := keys[key]
		if !assert.NotNil(t, d, "a row for a key never sent: %s", key) {
			continue
		}
		assert.Equal(t, valid, d.cat, "a row for a %s delivery", d.cat)
		assert.True(t, bytes.Equal(d.body, body), "body of %s not stored byte for byte", key)
		assert.Equal(t, d.kind, kind, key)
		assert.Equal(t, d.session, session, key)
		assert.Equal(t, d.apiKey, apiKey, key)
		assert.True(t, processed, "row %s not processed", key)
	}
	require.NoError(t, rows.Err())
	for _, d := range deliveries {
		if d.got200.Load() {
			assert.True(t, inbox[d.key], "delivery %s got a 200 and has no row", d.key)
		}
	}

	// After the kill, the retries and the resends, each session's row is
	// the fold of the session's stored deliveries, in any order.
	checkSessions(t, ctx, conn, wants)

	// Malformed ones are dead letters, byte for byte; forged ones are
	// nowhere.
	dead := map[string][]byte{}
	rows, err = conn.Query(ctx, `SELECT key, body FROM webhook_dead_letter`)
	require.NoError(t, err)
	for rows.Next() {
		var key string
		var body []byte
		require.NoError(t, rows.Scan(&key, &body))
		dead[key] = body
	}
	require.NoError(t, rows.Err())
	for _, d := range deliveries {
		body, ok := dead[d.key]
		assert.Equal(t, d.cat == malformed, ok, "%s delivery %s: in the dead letters", d.cat, d.key)
		if ok {
			assert.True(t, bytes.Equal(d.body, body), "dead letter %s not stored byte for byte", d.key)
		}
	}
	assert.Len(t, dead, malformedCount)

	// Each stored delivery acted on exactly once, across the kill.
	acted := map[string]int{}
	byInstance := map[string]int{}
	rows, err = conn.Query(ctx, `SELECT key, instance FROM webhook_actions`)
	require.NoError(t, err)
	for rows.Next() {
		var key, inst string
		require.NoError(t, rows.Scan(&key, &inst))
		acted[key]++
		byInstance[inst]++
	}
	require.NoError(t, rows.Err())
	for key := range inbox {
		assert.Equal(t, 1, acted[key], "actions on %s", key)
	}
	assert.Len(t, acted, len(inbox), "actions on keys not in the inbox")

	// Duplicates collapsed: the 200s answered to valid deliveries less the
	// ones whose insert made the row (every row but those whose answer the
	// kill lost).
	ok200 := s.ok200.Load()
	t.Logf("deliveries: %d distinct (%d valid from %d samples of every kind, each its own session, and %d sessions of %d; %d forged, %d malformed)",
		len(deliveries), validCount, len(samples(t)), sessionCount, perSession, forgedCount, malformedCount)
	t.Logf("first pass: %d requests (each delivery %d times) to 2 replicas in %.1fs; "+
		"replica a answered %d of them 200, then was killed (SIGKILL) with %d requests in flight, and %d requests to it got no answer",
		firstSends, copies, firstPass.Seconds(), okFromA, inflightA, errorsToA)
	t.Logf("after the kill: %d valid deliveries without a 200 (%d of them committed before the answer was lost); "+
		"%d retries in %d rounds; then a restarted replica and a resend of all %d",
		noAnswer, lostAcks, retried, rounds, len(deliveries))
	t.Logf("deliveries sent: %d requests; answered 200: %d; duplicates collapsed: %d; rows: %d; dead letters: %d; "+
		"actions: %d (a %d, b %d, a2 %d); time: %.1fs",
		s.sent.Load(), ok200, ok200-int64(len(inbox)-lostAcks), len(inbox), len(dead),
		len(acted), byInstance["inbox-a"], byInstance["inbox-b"], byInstance["inbox-a2"], elapsed.Seconds())
}

// TestSecretCheckedFirst: a configuration error is told before the
// database is reached. The connection string points at a listener that
// counts connections and never answers; run must fail on the missing
// secret without connecting to it.
func TestSecretCheckedFirst(t *testing.T) {
	t.Setenv("WEBHOOK_SECRET", "")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	var connections atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			connections.Add(1)
			t.Cleanup(func() { c.Close() })
		}
	}()
	dsn := "postgres://inbox@" + ln.Addr().String() + "/inbox?connect_timeout=5&sslmode=disable"
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	err = run(config{dsn: dsn, addr: "127.0.0.1:0", instance: "test"}, log)
	require.ErrorIs(t, err, webhook.ErrNoSecret)
	assert.Contains(t, err.Error(), "set WEBHOOK_SECRET")
	assert.Zero(t, connections.Load(), "run connected to the database before it checked its secret")
}

// TestSessionID checks the session id taken from each kind of sample.
func TestSessionID(t *testing.T) {
	for name, want := range map[string]string{
		"documented-submitted-7002.json":                "f04bdb47-d3be-4b28-b028-a652feb060b5",
		"decision/documented-approved-full.json":        "12df6045-3846-3e45-946a-14fa6136d78b",
		"kinds/curp-documented.json":                    "f04bdb47-d3be-4b28-b028-a652feb060b5",
		"kinds/fullauto-ours.json":                      "0b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
		"kinds/ine-curp-head-ours.json":                 "f04bdb47-d3be-4b28-b028-a652feb060b5",
		"kinds/ine-documented.json":                     "f04bdb47-d3be-4b28-b028-a652feb060b5",
		"kinds/user-status-documented-completed.json":   "f04bdb47-d3be-4b28-b028-a652feb060b5",
		"kinds/watchlist-screening-documented-old.json": "",
		"kinds/unknown-kind-ours.json":                  "",
	} {
		body, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		require.NoError(t, err)
		p, err := webhook.ParseAny(body)
		require.NoError(t, err, name)
		assert.Equal(t, want, p.Session().ID, name)
	}
	assert.Equal(t, "a\uFFFDb\uFFFD", text("a\x00b\xff"))
}

// samples reads every valid payload in the library's testdata: events,
// decisions and one of every other kind.
func samples(t *testing.T) [][]byte {
	var out [][]byte
	for _, pattern := range []string{"*.json", "decision/*.json", "kinds/*.json"} {
		files, err := filepath.Glob(filepath.Join("..", "..", "testdata", pattern))
		require.NoError(t, err)
		for _, f := range files {
			body, err := os.ReadFile(f)
			require.NoError(t, err)
			out = append(out, body)
		}
	}
	require.NotEmpty(t, out)
	return out
}

var uuidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// variant makes copy n of a sample: every UUID in it replaced by one
// derived from it and n, so that each copy is a distinct delivery of its
// own session.
func variant(sample []byte, n int) []byte {
	return uuidRE.ReplaceAllFunc(sample, func(id []byte) []byte {
		sum := sha256.Sum256(fmt.Appendf(nil, "%s/%d", id, n))
		h := hex.EncodeToString(sum[:16])
		return []byte(h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32])
	})
}

// makeDeliveries builds the distinct deliveries: copies of the samples of
// every kind, forged ones, and signed but malformed ones.
func makeDeliveries(t *testing.T) []*delivery {
	all := samples(t)
	kinds := map[webhook.Kind]int{}
	var out []*delivery
	n := 0
	next := func() []byte {
		body := variant(all[n%len(all)], n)
		require.NotEqual(t, all[n%len(all)], body, "a sample without a UUID")
		n++
		return body
	}
	apiKey := func() string { return [...]string{"live-api-key", "test-api-key"}[n%2] }
	for range validCount {
		body := next()
		p, err := webhook.ParseAny(body)
		require.NoError(t, err)
		kinds[p.Kind()]++
		out = append(out, &delivery{cat: valid, body: body, apiKey: apiKey(), secret: testSecret, want: http.StatusOK,
			key: webhook.Delivery{Payload: p, Body: body}.IdempotencyKey(), kind: p.Kind().String(), session: p.Session().ID})
	}
	require.Len(t, kinds, 9, "every kind, Unknown included: %v", kinds)
	out = append(out, sessionDeliveries(t, all)...)
	for range forgedCount {
		body := next()
		p, err := webhook.ParseAny(body)
		require.NoError(t, err)
		out = append(out, &delivery{cat: forged, body: body, apiKey: apiKey(), secret: wrongSecret, want: http.StatusUnauthorized,
			key: webhook.Delivery{Payload: p, Body: body}.IdempotencyKey()})
	}
	for i := range malformedCount {
		body := bytes.TrimSpace(next())
		switch i % 4 {
		case 0: // data after the object
			body = append(body, '}')
		case 1: // the closing brace missing
			body = body[:len(body)-1]
		case 2: // an array, not an object
			body = slices.Concat([]byte("["), body, []byte("]"))
		case 3: // a duplicate member
			body = slices.Concat([]byte(`{"dup":1,"dup":2,`), body[1:])
		}
		_, err := webhook.ParseAny(body)
		require.ErrorIs(t, err, webhook.ErrInvalidPayload)
		out = append(out, &delivery{cat: malformed, body: body, apiKey: apiKey(), secret: testSecret, want: http.StatusBadRequest,
			key: webhook.Delivery{Body: body}.IdempotencyKey()})
	}
	return out
}

// sessionDeliveries builds sessionCount sessions of perSession deliveries
// each: samples of every kind that names a session, made distinct with
// variant and moved into one session, so that each session's row in the
// sessions table is folded from several deliveries that arrive out of
// order, twice, on both replicas, and are processed concurrently.
func sessionDeliveries(t *testing.T, all [][]byte) []*delivery {
	var foldable [][]byte
	for _, b := range all {
		p, err := webhook.ParseAny(b)
		require.NoError(t, err)
		if p.Session().ID != "" {
			foldable = append(foldable, b)
		}
	}
	require.Greater(t, len(foldable), perSession)
	r := rand.New(rand.NewPCG(5, 6))
	var out []*delivery
	for s := range sessionCount {
		sid := fmt.Sprintf("5e55f01d-0000-4000-8000-%012d", s)
		for i, idx := range r.Perm(len(foldable))[:perSession] {
			body := variant(foldable[idx], 1_000_000+100*s+i)
			p, err := webhook.ParseAny(body)
			require.NoError(t, err)
			body = bytes.ReplaceAll(body, []byte(p.Session().ID), []byte(sid))
			p, err = webhook.ParseAny(body)
			require.NoError(t, err)
			require.Equal(t, sid, p.Session().ID)
			out = append(out, &delivery{cat: valid, body: body, apiKey: "live-api-key", secret: testSecret, want: http.StatusOK,
				key: webhook.Delivery{Payload: p, Body: body}.IdempotencyKey(), kind: p.Kind().String(), session: p.Session().ID})
		}
	}
	return out
}

// kitSeeds are the seeds of the test kit's scenarios sent as sessions.
const kitSeeds = 5

// kitSessions returns the deliveries of the test kit's scenarios, under
// kitSeeds seeds (each seed its own ids), and the state each session
// wants once all are in.
func kitSessions(t *testing.T) ([]*delivery, map[string]webhooktest.Want) {
	var out []*delivery
	wants := map[string]webhooktest.Want{}
	seen := map[string]bool{}
	for seed := range uint64(kitSeeds) {
		for _, sc := range webhooktest.SeededScenarios(100 + seed) {
			wants[sc.Session.ID] = sc.Want
			for _, d := range sc.Deliveries {
				p, err := webhook.ParseAny(d.Body)
				require.NoError(t, err, d.Note)
				key := webhook.Delivery{Payload: p, Body: d.Body}.IdempotencyKey()
				if seen[key] {
					continue
				}
				seen[key] = true
				out = append(out, &delivery{cat: valid, body: d.Body, apiKey: "live-api-key", secret: testSecret, want: http.StatusOK,
					key: key, kind: p.Kind().String(), session: p.Session().ID})
			}
		}
	}
	return out, wants
}

// checkSessions checks that each session's row of the sessions table is,
// byte for byte, the fold of that session's stored deliveries, in their
// order of arrival, in reverse and in random orders with duplicates; that
// there is a row for every session with a delivery, and no other; and
// that each of the test kit's sessions is in the state its scenario wants.
func checkSessions(t *testing.T, ctx context.Context, conn *pgx.Conn, wants map[string]webhooktest.Want) {
	rows, err := conn.Query(ctx, `SELECT session_id, body FROM webhook_inbox WHERE session_id <> '' ORDER BY received_at, key`)
	require.NoError(t, err)
	delivered := map[string][]webhook.Payload{}
	for rows.Next() {
		var id string
		var body []byte
		require.NoError(t, rows.Scan(&id, &body))
		p, err := webhook.ParseAny(body)
		require.NoError(t, err)
		delivered[id] = append(delivered[id], p)
	}
	require.NoError(t, rows.Err())

	rows, err = conn.Query(ctx, `SELECT session_id, state::text, status FROM sessions`)
	require.NoError(t, err)
	stored := map[string]string{}
	statuses := map[string]int{}
	for rows.Next() {
		var id, state, status string
		require.NoError(t, rows.Scan(&id, &state, &status))
		stored[id] = state
		statuses[status]++
		var s webhook.SessionState
		if assert.NoError(t, json.Unmarshal([]byte(state), &s), id) {
			assert.Equal(t, s.Status().String(), status, id)
		}
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, len(delivered), len(stored), "sessions with a delivery / rows of sessions")

	r := rand.New(rand.NewPCG(7, 8))
	fold := func(ps []webhook.Payload) string {
		var s webhook.SessionState
		for _, p := range ps {
			require.NoError(t, s.Apply(p))
		}
		b, err := json.Marshal(s)
		require.NoError(t, err)
		return string(b)
	}
	several := 0
	for id, ps := range delivered {
		want := fold(ps)
		if !assert.Equal(t, want, stored[id], "session %s: its row is not the fold of its %d deliveries", id, len(ps)) {
			continue
		}
		if len(ps) > 1 {
			several++
		}
		reversed := slices.Clone(ps)
		slices.Reverse(reversed)
		assert.Equal(t, want, fold(reversed), "session %s, reversed", id)
		for range 5 {
			order := append(slices.Clone(ps), ps[:r.IntN(len(ps)+1)]...)
			r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			assert.Equal(t, want, fold(order), "session %s, shuffled", id)
		}
	}
	assert.GreaterOrEqual(t, several, sessionCount, "sessions folded from several deliveries")
	for id, want := range wants {
		var s webhook.SessionState
		if !assert.NoError(t, json.Unmarshal([]byte(stored[id]), &s), "kit session %s", id) {
			continue
		}
		assert.Equal(t, want.Status, s.Status(), "kit session %s", id)
		assert.Equal(t, want.AttemptID, s.AttemptID(), "kit session %s", id)
		assert.Equal(t, want.ReasonCode, s.ReasonCode(), "kit session %s", id)
	}
	t.Logf("sessions: %d rows, each the fold of its deliveries (%d of several), %d of them the kit's scenarios in the state they want; statuses %v",
		len(stored), several, len(wants), statuses)
}

// schedule lists each delivery copies times, shuffled within windows of a
// few dozen, so that the copies of one delivery are in flight together.
func schedule(ds []*delivery, copies int) []*delivery {
	r := rand.New(rand.NewPCG(1, 2))
	order := slices.Clone(ds)
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	var out []*delivery
	for _, d := range order {
		for range copies {
			out = append(out, d)
		}
	}
	const window = 3 * workers
	for lo := 0; lo < len(out); lo += window {
		w := out[lo:min(lo+window, len(out))]
		r.Shuffle(len(w), func(i, j int) { w[i], w[j] = w[j], w[i] })
	}
	return out
}

// testDB is a database of its own for one run.
type testDB struct {
	base, name string
}

// freshDatabase creates a database for this run on the server of dsn and
// drops it at the end.
func freshDatabase(t *testing.T, ctx context.Context, dsn string) *testDB {
	conn, err := pgx.Connect(ctx, dsn)
	require.NoError(t, err, "connecting to INBOX_TEST_DSN")
	name := fmt.Sprintf("inbox_test_%d", time.Now().UnixNano())
	_, err = conn.Exec(ctx, "CREATE DATABASE "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		// after the receivers are killed: cleanups run last first
		_, err := conn.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		assert.NoError(t, err)
		conn.Close(context.Background())
	})
	return &testDB{base: dsn, name: name}
}

// dsn returns the connection string of the test database, with app as
// application_name.
// migratedPool returns a fresh database with the inbox's tables, and a
// pool on it for app, for a test that needs PostgreSQL and nothing else:
// without INBOX_TEST_DSN it skips, and fails under CI=true.
func migratedPool(t *testing.T, ctx context.Context, app string) (*testDB, *pgxpool.Pool) {
	t.Helper()
	dsn := os.Getenv("INBOX_TEST_DSN")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("INBOX_TEST_DSN is not set under CI=true")
		}
		t.Skip("INBOX_TEST_DSN is not set: this test needs a PostgreSQL server (see TestExactlyOnce)")
	}
	db := freshDatabase(t, ctx, dsn)
	pool, err := pgxpool.New(ctx, db.dsn(app))
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	require.NoError(t, migrate(ctx, pool))
	return db, pool
}

func (db *testDB) dsn(app string) string {
	if u, err := url.Parse(db.base); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + db.name
		q := u.Query()
		q.Set("application_name", app)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return db.base + " dbname=" + db.name + " application_name=" + app // later keys win
}

func (db *testDB) connect(t *testing.T, ctx context.Context) *pgx.Conn {
	conn, err := pgx.Connect(ctx, db.dsn("inbox-test"))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func storedKeys(t *testing.T, ctx context.Context, db *testDB) map[string]bool {
	conn := db.connect(t, ctx)
	rows, err := conn.Query(ctx, `SELECT key FROM webhook_inbox`)
	require.NoError(t, err)
	keys, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// waitProcessed waits until the processors of the live replicas have
// acted on every stored delivery.
func waitProcessed(t *testing.T, ctx context.Context, db *testDB) {
	conn := db.connect(t, ctx)
	deadline := time.Now().Add(60 * time.Second)
	for {
		var left int
		require.NoError(t, conn.QueryRow(ctx, `SELECT count(*) FROM webhook_inbox WHERE processed_at IS NULL`).Scan(&left))
		if left == 0 {
			return
		}
		require.True(t, time.Now().Before(deadline), "%d stored deliveries still unprocessed after 60s", left)
		time.Sleep(100 * time.Millisecond)
	}
}

// instance is one receiver process.
type instance struct {
	name     string
	cmd      *exec.Cmd
	base     string // http://host:port
	url      string // its webhook endpoint
	log      string
	exited   chan struct{}
	inflight atomic.Int64
	errors   atomic.Int64 // requests that got no answer
	ok200    atomic.Int64 // valid deliveries it answered 200
}

// startInstance runs the receiver built at bin on a free port and waits
// until it listens.
func startInstance(t *testing.T, bin, dsn, name, logs string, env []string, args ...string) *instance {
	in := &instance{name: name, log: filepath.Join(logs, name+".log"), exited: make(chan struct{})}
	f, err := os.Create(in.log)
	require.NoError(t, err)
	listening := make(chan string, 1)
	in.cmd = exec.Command(bin, append([]string{"-dsn", dsn, "-addr", "127.0.0.1:0", "-instance", "inbox-" + name}, args...)...)
	in.cmd.Env = append(append(os.Environ(), "WEBHOOK_SECRET="+testSecret), env...) // the last of a name wins
	in.cmd.Stdout = f
	in.cmd.Stderr = &watcher{w: f, found: listening}
	require.NoError(t, in.cmd.Start())
	go func() {
		in.cmd.Wait()
		f.Close()
		close(in.exited)
	}()
	t.Cleanup(func() { in.kill(t) })
	select {
	case addr := <-listening:
		in.base = "http://" + addr
		in.url = in.base + "/webhooks/veriff"
	case <-in.exited:
		t.Fatalf("receiver %s exited before listening:\n%s", name, in.tail())
	case <-time.After(30 * time.Second):
		t.Fatalf("receiver %s not listening after 30s:\n%s", name, in.tail())
	}
	return in
}

// kill kills the process (SIGKILL) and waits for it to exit.
func (in *instance) kill(t *testing.T) {
	select {
	case <-in.exited:
		return
	default:
	}
	if err := in.cmd.Process.Kill(); err != nil {
		t.Errorf("killing %s: %v", in.name, err)
	}
	<-in.exited
}

// stop asks the process to stop (SIGTERM) and checks that it exits cleanly.
func (in *instance) stop(t *testing.T) {
	require.NoError(t, in.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case <-in.exited:
		assert.True(t, in.cmd.ProcessState.Success(), "replica %s: %s", in.name, in.cmd.ProcessState)
	case <-time.After(20 * time.Second):
		t.Errorf("replica %s still running 20s after SIGTERM", in.name)
	}
}

// tail returns the end of the process's log.
func (in *instance) tail() string {
	b, _ := os.ReadFile(in.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

var listeningRE = regexp.MustCompile(`msg=listening addr=(\S+)`)

// watcher copies a receiver's log to w and reports the address of its
// "listening" line.
type watcher struct {
	w     io.Writer
	found chan string
	buf   []byte
	done  bool
}

func (w *watcher) Write(p []byte) (int, error) {
	if !w.done {
		w.buf = append(w.buf, p...)
		if m := listeningRE.FindSubmatch(w.buf); m != nil {
			w.found <- string(m[1])
			w.done, w.buf = true, nil
		}
	}
	return w.w.Write(p)
}

// balancer hands out the replicas in turn, as a load balancer would.
type balancer struct {
	mu      sync.Mutex
	targets []*instance
	n       int
}

func (lb *balancer) set(targets ...*instance) {
	lb.mu.Lock()
	lb.targets = targets
	lb.mu.Unlock()
}

func (lb *balancer) pick() *instance {
	lb.mu.Lock()
	defer lb.mu.Unlock()
	lb.n++
	return lb.targets[lb.n%len(lb.targets)]
}

// sender sends deliveries and records what came back.
type sender struct {
	client     *http.Client
	sent       atomic.Int64
	ok200      atomic.Int64
	mu         sync.Mutex
	unexpected []string
}

func newSender() *sender {
	return &sender{client: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 2 * workers},
	}}
}

// send sends d once to in. A request that gets no answer counts against
// in; an answer other than d.want is recorded as unexpected.
func (s *sender) send(t *testing.T, in *instance, d *delivery) {
	req, err := webhook.NewSignedRequest(in.url, d.body, d.apiKey, d.secret)
	if err != nil {
		t.Error(err) // not require: this runs in a sender goroutine
		return
	}
	in.inflight.Add(1)
	defer in.inflight.Add(-1)
	s.sent.Add(1)
	resp, err := s.client.Do(req)
	if err != nil {
		in.errors.Add(1)
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK && d.cat == valid {
		s.ok200.Add(1)
		in.ok200.Add(1)
		d.got200.Store(true)
	}
	if resp.StatusCode != d.want {
		s.mu.Lock()
		s.unexpected = append(s.unexpected, fmt.Sprintf("%s: %s delivery answered %d", in.name, d.cat, resp.StatusCode))
		s.mu.Unlock()
		if resp.StatusCode == http.StatusOK {
			d.got200.Store(true) // and the assertions fail
		}
	}
}

// sendAll sends each of ds once, concurrently, through lb.
func (s *sender) sendAll(t *testing.T, lb *balancer, ds []*delivery) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(ds) {
					return
				}
				s.send(t, lb.pick(), ds[i])
			}
		})
	}
	wg.Wait()
}

// TestReadmeSection holds the README's section on this example to the
// code: its go block, tagged with this file's path so that the library's
// own README test (which cannot reach pgx) leaves it to this one, must be
// the handler function of store, line for line; its table must have the
// columns of schema; and the section must stay under 40 lines.
func TestReadmeSection(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	const heading = "## Storing deliveries exactly once\n"
	_, section, ok := strings.Cut(string(readme), heading)
	require.True(t, ok, "README.md has no section %q", heading)
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	section = heading + strings.TrimRight(section, "\n")
	assert.Less(t, strings.Count(section, "\n")+1, 40, "lines in the README's section")

	block := func(fence string) []string {
		_, rest, ok := strings.Cut(section, fence+"\n")
		require.True(t, ok, "no %s block", fence)
		code, _, ok := strings.Cut(rest, "\n```")
		require.True(t, ok, "%s block not closed", fence)
		return strings.Split(code, "\n")
	}
	normalize := func(lines []string) string {
		var out []string
		for _, l := range lines {
			out = append(out, strings.Join(strings.Fields(l), " "))
		}
		return strings.Join(out, "\n")
	}

	src, err := os.ReadFile("main.go")
	require.NoError(t, err)
	snippet := block("```go examples/inbox/main.go")
	require.Greater(t, len(snippet), 2)
	assert.Equal(t, "func(ctx context.Context, d webhook.Delivery) error { // the Handler's function", snippet[0])
	assert.True(t, strings.Contains(normalize(strings.Split(string(src), "\n")), normalize(snippet[1:])),
		"the README's handler function differs from store's in main.go:\n%s", strings.Join(snippet, "\n"))

	ddl := strings.Join(block("```sql"), " ")
	lo, hi := strings.Index(ddl, "("), strings.LastIndex(ddl, ")")
	require.True(t, lo >= 0 && hi > lo, "no column list in %q", ddl)
	assert.True(t, strings.HasPrefix(ddl, "CREATE TABLE webhook_inbox ("))
	_, table, _ := strings.Cut(schema, "CREATE TABLE IF NOT EXISTS webhook_inbox (")
	table, _, _ = strings.Cut(table, ");")
	schemaText := strings.Join(strings.Fields(table), " ")
	require.NotEmpty(t, schemaText, "no webhook_inbox in schema")
	for col := range strings.SplitSeq(ddl[lo+1:hi], ",") {
		assert.Contains(t, schemaText, strings.Join(strings.Fields(col), " "), "a column of the README's table")
	}
}

// TestFoldSessionConcurrent holds foldSession's row lock to its promise:
// two transactions folding deliveries of one session at once lose neither.
// The second must wait for the first's commit and fold into what it wrote;
// without the lock it would read the state before the first and overwrite
// it.
// TestRekey holds the one-time move of keys stored by versions of the
// library that keyed on the kind and the body ("kind:hash") to the key of
// the body alone: every old key moves, two rows of one body under two kinds
// (stored as an unknown kind, then again once typed) become the one acted
// on, with its actions; dead letters move too; a second start changes
// nothing; and a retry of a moved delivery is stored no more.
func TestRekey(t *testing.T) {
	ctx := context.Background()
	db, pool := migratedPool(t, ctx, "rekey-test")

	event, err := os.ReadFile(filepath.Join("..", "..", "testdata", "started-7001.json"))
	require.NoError(t, err)
	status, err := os.ReadFile(filepath.Join("..", "..", "testdata", "kinds", "user-status-documented-completed.json"))
	require.NoError(t, err)
	bad := []byte(`{"verification":{"id":"i"}}`)
	key := func(b []byte) string { return webhook.Delivery{Body: b}.IdempotencyKey() }
	for _, r := range []struct {
		key       string
		body      []byte
		processed bool
	}{
		{"event:" + key(event), event, false},
		{"unknown:" + key(status), status, true},      // stored when the kind was unknown, and acted on
		{"user_status:" + key(status), status, false}, // stored again once typed
	} {
		_, err := pool.Exec(ctx, `INSERT INTO webhook_inbox (key, kind, session_id, api_key, body, received_at, processed_at)
			VALUES ($1, 'k', 's', '', $2, now(), CASE WHEN $3 THEN now() END)`, r.key, r.body, r.processed)
		require.NoError(t, err)
	}
	_, err = pool.Exec(ctx, `INSERT INTO webhook_actions (key, summary, instance) VALUES ($1, 'acted', 'old')`, "unknown:"+key(status))
	require.NoError(t, err)
	rawSum := sha256.Sum256(bad)
	_, err = pool.Exec(ctx, `INSERT INTO webhook_dead_letter (key, api_key, body, error, received_at) VALUES ($1, '', $2, 'e', now())`,
		"unknown:"+hex.EncodeToString(rawSum[:]), bad)
	require.NoError(t, err)

	for range 2 { // the second start finds nothing to move
		require.NoError(t, migrate(ctx, pool))
		assert.Equal(t, map[string]bool{key(event): true, key(status): true}, storedKeys(t, ctx, db))
		var processed bool
		require.NoError(t, pool.QueryRow(ctx, `SELECT processed_at IS NOT NULL FROM webhook_inbox WHERE key = $1`, key(status)).Scan(&processed))
		assert.True(t, processed, "the row acted on stays")
		var actionKey, deadKey string
		require.NoError(t, pool.QueryRow(ctx, `SELECT key FROM webhook_actions`).Scan(&actionKey))
		assert.Equal(t, key(status), actionKey)
		require.NoError(t, pool.QueryRow(ctx, `SELECT key FROM webhook_dead_letter`).Scan(&deadKey))
		assert.Equal(t, key(bad), deadKey)
	}

	// A retry of the status, after the move, is stored no more.
	p, err := webhook.ParseAny(status)
	require.NoError(t, err)
	require.NoError(t, store(pool)(ctx, webhook.Delivery{Payload: p, Body: status}))
	assert.Len(t, storedKeys(t, ctx, db), 2)
}

func TestFoldSessionConcurrent(t *testing.T) {
	ctx := context.Background()
	_, pool := migratedPool(t, ctx, "fold-test")

	// Three deliveries of one session: the events 7001 and 7002 and a
	// decision, each its own fact.
	var ps []webhook.Payload
	sid := ""
	for _, name := range []string{"started-7001.json", "documented-submitted-7002.json", "decision/ours-review.json"} {
		body, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		require.NoError(t, err)
		p, err := webhook.ParseAny(body)
		require.NoError(t, err)
		if sid == "" {
			sid = p.Session().ID
		}
		body = bytes.ReplaceAll(body, []byte(p.Session().ID), []byte(sid))
		p, err = webhook.ParseAny(body)
		require.NoError(t, err)
		ps = append(ps, p)
	}
	inTx := func(fn func(tx pgx.Tx)) {
		tx, err := pool.Begin(ctx)
		require.NoError(t, err)
		fn(tx)
		require.NoError(t, tx.Commit(ctx))
	}
	inTx(func(tx pgx.Tx) { _, err := foldSession(ctx, tx, sid, ps[:1], time.Now()); require.NoError(t, err) })

	first, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer first.Rollback(ctx)
	_, err = foldSession(ctx, first, sid, ps[1:2], time.Now())
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() {
		tx, err := pool.Begin(ctx)
		if err == nil {
			if _, err = foldSession(ctx, tx, sid, ps[2:], time.Now()); err == nil {
				err = tx.Commit(ctx)
			}
			tx.Rollback(ctx)
		}
		done <- err
	}()
	// The second waits on a lock (the row's, or without FOR UPDATE its
	// UPDATE's) before the first commits.
	for deadline := time.Now().Add(10 * time.Second); ; {
		var waiting int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting))
		if waiting > 0 {
			break
		}
		require.True(t, time.Now().Before(deadline), "the second transaction never waited for the first")
		time.Sleep(10 * time.Millisecond)
	}
	require.NoError(t, first.Commit(ctx))
	require.NoError(t, <-done)

	var want webhook.SessionState
	for _, p := range ps {
		require.NoError(t, want.Apply(p))
	}
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)
	var got, status string
	require.NoError(t, pool.QueryRow(ctx, `SELECT state::text, status FROM sessions WHERE session_id = $1`, sid).Scan(&got, &status))
	assert.Equal(t, string(wantJSON), got, "an update was lost")
	assert.Equal(t, "review", status)
}
