package reconcile_test

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/reconcile"
	"github.com/veriffkit/webhook/veriffapi"
	"github.com/veriffkit/webhook/veriffapi/veriffapitest"
	"github.com/veriffkit/webhook/webhooktest"
)

// collector keeps the bodies of the webhooks it receives, by session.
type collector struct {
	mu     sync.Mutex
	bodies map[string][][]byte
}

func newCollector(t *testing.T) (*collector, string) {
	c := &collector{bodies: map[string][][]byte{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		p, err := webhook.ParseAny(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		c.mu.Lock()
		c.bodies[p.Session().ID] = append(c.bodies[p.Session().ID], body)
		c.mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	return c, srv.URL
}

func newClient(t *testing.T, srv *veriffapitest.Server, secret string) *veriffapi.Client {
	c, err := veriffapi.NewClient(srv.APIKey, secret, veriffapi.WithBaseURL(srv.URL), veriffapi.WithRetry(veriffapi.NoRetry))
	require.NoError(t, err)
	return c
}

func TestPollOutcomes(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	c := newClient(t, srv, srv.Secret)
	ctx := t.Context()
	create := func(scenario string) string {
		s, err := c.CreateSession(ctx, veriffapi.SessionRequest{VendorData: "order-" + scenario})
		require.NoError(t, err)
		if scenario != "" {
			require.NoError(t, srv.Play(s.ID, scenario)) // WebhookURL "": no webhook at all
		}
		return s.ID
	}
	approved, fullAuto, created := create("approved"), create("fullauto"), create("")

	r := reconcile.Poll(ctx, c, approved, false)
	require.Equal(t, reconcile.Decided, r.Outcome, "%v", r.Err)
	d, ok := r.Payload.(webhook.Decision)
	require.True(t, ok)
	assert.Equal(t, webhook.StatusApproved, d.Verification.Status)
	assert.Equal(t, 1, r.Requests)
	assert.NoError(t, r.Err)

	r = reconcile.Poll(ctx, c, created, true)
	assert.Equal(t, reconcile.Result{Outcome: reconcile.Pending, Requests: 2}, r, "no decision, no Full Auto decision (its 404)")
	r = reconcile.Poll(ctx, c, created, false)
	assert.Equal(t, reconcile.Result{Outcome: reconcile.Pending, Requests: 1}, r)

	r = reconcile.Poll(ctx, c, fullAuto, false)
	assert.Equal(t, reconcile.Pending, r.Outcome, "the decision endpoint has none for a Full Auto session")
	r = reconcile.Poll(ctx, c, fullAuto, true)
	require.Equal(t, reconcile.Decided, r.Outcome, "%v", r.Err)
	f, ok := r.Payload.(webhook.FullAuto)
	require.True(t, ok)
	assert.Equal(t, webhook.StatusApproved, f.Verification.Decision)
	assert.Equal(t, 2, r.Requests)

	r = reconcile.Poll(ctx, c, "3f0c6e0a-1c1f-4b8e-9d57-8f7d3c2f1a10", true)
	assert.Equal(t, reconcile.Gone, r.Outcome)
	assert.ErrorIs(t, r.Err, veriffapi.ErrNotFound)
	assert.Equal(t, 1, r.Requests, "a 404 of the decision is the session's: Full Auto is not asked")

	r = reconcile.Poll(ctx, newClient(t, srv, "not-the-secret"), approved, true)
	assert.Equal(t, reconcile.Unauthorized, r.Outcome)
	assert.ErrorIs(t, r.Err, veriffapi.ErrUnauthorized)

	srv.SetFaults(veriffapitest.Faults{RetryAfter: 2 * time.Second})
	srv.FailNext(http.StatusTooManyRequests, 1)
	r = reconcile.Poll(ctx, c, approved, false)
	assert.Equal(t, reconcile.RateLimited, r.Outcome)
	assert.Equal(t, 2*time.Second, r.RetryAfter)
	assert.ErrorIs(t, r.Err, veriffapi.ErrRateLimited)

	srv.FailNext(http.StatusServiceUnavailable, 1)
	r = reconcile.Poll(ctx, c, approved, false)
	assert.Equal(t, reconcile.Failed, r.Outcome)
	assert.ErrorIs(t, r.Err, veriffapi.ErrServer)

	// A Full Auto request that fails is the poll's failure, never Pending:
	// a 429 or a 401 there reaches the Gate as one of the decision's does.
	srv.SetFaults(veriffapitest.Faults{})
	r = reconcile.Poll(ctx, c, fullAuto, true)
	require.Equal(t, reconcile.Decided, r.Outcome)
	var failFullAuto atomic.Int64 // the status the Full Auto endpoint answers; 0 passes it on
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if st := int(failFullAuto.Load()); st != 0 && strings.HasSuffix(req.URL.Path, "/decision/fullauto") {
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(st)
			return
		}
		httputil.NewSingleHostReverseProxy(mustURL(t, srv.URL)).ServeHTTP(w, req)
	}))
	t.Cleanup(proxy.Close)
	cp, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(proxy.URL), veriffapi.WithRetry(veriffapi.NoRetry))
	require.NoError(t, err)
	for status, want := range map[int]reconcile.Outcome{
		http.StatusTooManyRequests:     reconcile.RateLimited,
		http.StatusUnauthorized:        reconcile.Unauthorized,
		http.StatusServiceUnavailable:  reconcile.Failed,
		http.StatusInternalServerError: reconcile.Failed,
	} {
		failFullAuto.Store(int64(status))
		r = reconcile.Poll(ctx, cp, created, true)
		assert.Equal(t, want, r.Outcome, "Full Auto answered %d", status)
		assert.Equal(t, 2, r.Requests, "the decision, then Full Auto")
		assert.Error(t, r.Err)
		if status == http.StatusTooManyRequests {
			assert.Equal(t, 3*time.Second, r.RetryAfter)
		}
	}
	failFullAuto.Store(0)
	r = reconcile.Poll(ctx, cp, created, true)
	assert.Equal(t, reconcile.Result{Outcome: reconcile.Pending, Requests: 2}, r, "through the proxy, as without it")
	srv.SetFaults(veriffapitest.Faults{BadSignature: 1})
	r = reconcile.Poll(ctx, c, approved, false)
	assert.Equal(t, reconcile.Failed, r.Outcome, "an answer that does not verify tells nothing")
	assert.ErrorIs(t, r.Err, veriffapi.ErrResponseSignature)
	assert.Nil(t, r.Payload)

	for o, err := range map[reconcile.Outcome]error{reconcile.Decided: nil, reconcile.Failed: io.ErrUnexpectedEOF} {
		assert.Equal(t, o, reconcile.Classify(err))
	}
}

// TestFoldAsDelivered plays every scenario, its webhooks kept, and folds
// them with the decision a poll returns, in random orders, with the
// decision webhooks dropped or not and the polled decision folded
// anywhere, any number of times: the state is always the one Veriff holds
// for the session, and Fold reports a change only when there was one.
func TestFoldAsDelivered(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	hooks, url := newCollector(t)
	srv.WebhookURL = url
	c := newClient(t, srv, srv.Secret)
	ctx := t.Context()
	r := rand.New(rand.NewPCG(11, 12))
	for _, name := range webhooktest.ScenarioNames() {
		t.Run(name, func(t *testing.T) {
			s, err := c.CreateSession(ctx, veriffapi.SessionRequest{VendorData: "order-" + name})
			require.NoError(t, err)
			require.NoError(t, srv.Play(s.ID, name))
			want, ok := srv.State(s.ID)
			require.True(t, ok)
			wantJSON, err := json.Marshal(want)
			require.NoError(t, err)

			res := reconcile.Poll(ctx, c, s.ID, true)
			require.Equal(t, reconcile.Decided, res.Outcome, "%v", res.Err)
			hooks.mu.Lock()
			bodies := hooks.bodies[s.ID]
			hooks.mu.Unlock()
			require.NotEmpty(t, bodies)

			for range 50 {
				var ps []webhook.Payload
				for _, b := range bodies {
					p, err := webhook.ParseAny(b)
					require.NoError(t, err)
					k := p.Kind()
					if (k == webhook.KindDecision || k == webhook.KindFullAuto) && r.IntN(2) == 0 {
						continue // its webhook lost
					}
					ps = append(ps, p)
				}
				polled := 1 + r.IntN(3)
				for range polled {
					ps = append(ps, nil) // nil: the polled decision goes here
				}
				r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })

				var got webhook.SessionState
				for _, p := range ps {
					if p == nil {
						beforeJSON, _ := json.Marshal(got)
						changed, err := reconcile.Fold(&got, res.Payload)
						require.NoError(t, err)
						afterJSON, _ := json.Marshal(got)
						assert.Equal(t, string(beforeJSON) != string(afterJSON), changed, "Fold's report")
						continue
					}
					require.NoError(t, got.Apply(p))
				}
				gotJSON, err := json.Marshal(got)
				require.NoError(t, err)
				require.Equal(t, string(wantJSON), string(gotJSON), "the fold with the polled decision is Veriff's state")
				changed, err := reconcile.Fold(&got, res.Payload)
				require.NoError(t, err)
				assert.False(t, changed, "folding it once more changes nothing")
			}
		})
	}
}

func TestFoldRefusesAnotherSession(t *testing.T) {
	sc := webhooktest.SeededScenarios(1)
	var s webhook.SessionState
	p, err := webhook.ParseAny(sc[0].Deliveries[0].Body)
	require.NoError(t, err)
	require.NoError(t, s.Apply(p))
	before := s
	other, err := webhook.ParseAny(sc[1].Deliveries[len(sc[1].Deliveries)-1].Body)
	require.NoError(t, err)
	changed, err := reconcile.Fold(&s, other)
	require.ErrorIs(t, err, webhook.ErrOtherSession)
	assert.False(t, changed)
	assert.Equal(t, before, s, "a refused payload changes nothing")
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}
