package webhooktest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestScenarioNames(t *testing.T) {
	want := []string{"approved", "declined", "resubmission-then-approved", "approved-on-second-attempt-no-resubmission",
		"review-then-approved", "review-then-declined", "expired", "abandoned", "flow-events", "watchlist-monitoring",
		"portal-status", "fullauto", "registry", "resubmission-limit-539"}
	require.Equal(t, want, ScenarioNames(), "names are CLI arguments: keep them stable")
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for i, sc := range Scenarios() {
		assert.Equal(t, want[i], sc.Name)
		assert.Regexp(t, kebab, sc.Name)
		assert.NotEmpty(t, sc.Description, sc.Name)
		assert.NotEmpty(t, sc.Facts, sc.Name)
		for _, f := range sc.Facts {
			assert.Regexp(t, `^\[(V|V-old|C|I)\] `, f, sc.Name)
		}
	}
	_, err := Lookup("nope", nil, Created)
	require.Error(t, err)
	for _, n := range want {
		assert.Contains(t, err.Error(), n)
	}
	sc, err := Lookup("expired", SeededIDs(1), Created)
	require.NoError(t, err)
	assert.Equal(t, "expired", sc.Name)
}

// payloadIDs returns the session and attempt ids a payload carries.
func payloadIDs(t *testing.T, p webhook.Payload) (session, attempt string) {
	switch x := p.(type) {
	case webhook.Event:
		return x.ID, x.AttemptID
	case webhook.Decision:
		return x.Verification.ID, x.Verification.AttemptID
	case webhook.WatchlistScreening:
		return x.SessionID, x.AttemptID
	case webhook.FullAuto:
		return x.SessionID, x.AttemptID
	case webhook.UserStatus:
		require.Equal(t, x.AttemptID, x.VerificationID)
		return x.SessionID, x.AttemptID
	case webhook.INERegistry:
		return x.SessionID, x.AttemptID
	case webhook.CURPRegistry:
		return x.ID, x.Data.AttemptID
	case webhook.INECURPRegistry:
		return x.SessionID, x.AttemptID
	}
	t.Fatalf("no ids in %T", p)
	return "", ""
}

// fold is the Want of ds by the one owner of the rules, webhook.SessionState.
func fold(t *testing.T, sc Scenario, ds []Delivery) Want {
	var st webhook.SessionState
	for _, d := range ds {
		p, err := webhook.ParseAny(d.Body)
		require.NoError(t, err)
		require.NoError(t, st.Apply(p))
	}
	i := slices.Index(sc.Session.Attempts, st.AttemptID())
	require.GreaterOrEqual(t, i, 0, "attempt %s is not one of the session's", st.AttemptID())
	return Want{Status: st.Status(), Attempt: i + 1, AttemptID: st.AttemptID(), ReasonCode: st.ReasonCode()}
}

func TestScenarios(t *testing.T) {
	kinds := map[webhook.Kind]bool{}
	sessions := map[string]bool{}
	for _, sc := range Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			s := sc.Session
			require.False(t, sessions[s.ID], "each scenario is a session of its own")
			sessions[s.ID] = true
			assert.Regexp(t, uuidV4, s.ID)
			assert.Regexp(t, uuidV4, s.EndUserID)
			for _, a := range s.Attempts {
				assert.Regexp(t, uuidV4, a)
			}
			assert.Equal(t, s.Attempts[sc.Want.Attempt-1], sc.Want.AttemptID)
			require.NotEmpty(t, sc.Deliveries)
			for i, d := range sc.Deliveries {
				p, err := webhook.ParseAny(d.Body)
				require.NoError(t, err, "%s", d.Body)
				require.Equal(t, d.Kind, p.Kind())
				assert.Empty(t, p.UnknownValues(), "the scenarios hold known values only: %s", d.Body)
				if a, ok := p.(interface{ Anomalies() []string }); ok {
					assert.Empty(t, a.Anomalies(), "and nothing that contradicts Veriff's documentation: %s", d.Body)
				}
				assert.Equal(t, webhook.SessionRef{ID: s.ID, AttemptID: s.Attempts[d.Attempt-1], VendorData: s.VendorData, EndUserID: s.EndUserID},
					p.Session(), "%s", d.Body)
				sid, aid := payloadIDs(t, p)
				assert.Equal(t, s.ID, sid)
				assert.Equal(t, d.SessionID, sid)
				assert.Equal(t, s.Attempts[d.Attempt-1], aid, "delivery %d", i)
				assert.Equal(t, 200, d.Expect)
				if i > 0 {
					assert.GreaterOrEqual(t, d.At, sc.Deliveries[i-1].At, "deliveries in the order Veriff sends them")
				}
				kinds[d.Kind] = true
			}
			require.Equal(t, sc.Want, fold(t, sc, sc.Deliveries), "Want follows the rules")
			messy := Shuffle(Retry(Duplicate(sc.Deliveries), 2), 42)
			require.Equal(t, sc.Want, fold(t, sc, messy), "and does not depend on arrival")
		})
	}
	require.Len(t, webhook.Kinds(), 8)
	for _, k := range webhook.Kinds() {
		assert.True(t, kinds[k], "no scenario delivers %s", k)
	}
}

// TestWantRules checks the fold against cases the scenarios do not hold,
// so that a rule the fold gets wrong cannot hide behind scenarios that
// never exercise it.
func TestWantRules(t *testing.T) {
	s := NewSession(SeededIDs(9), Created)
	a1 := s.AttemptID()
	first := []Delivery{s.Deliver(s.Submitted()), s.Deliver(s.Started())}
	sc := Scenario{Session: s}
	assert.Equal(t, Want{Status: webhook.StatusSubmitted, Attempt: 1, AttemptID: a1}, fold(t, sc, first))
	rev := s.Deliver(s.Decision(webhook.StatusReview, 0))
	dec := s.Deliver(s.Decision(webhook.StatusDeclined, webhook.ReasonCodeKnownFraud))
	assert.Equal(t, webhook.StatusDeclined, fold(t, sc, []Delivery{dec, rev}).Status, "final outranks review in an attempt")
	s.NewAttempt()
	started2 := s.Deliver(s.Started())
	assert.Equal(t, webhook.StatusDeclined, fold(t, sc, []Delivery{dec, started2}).Status, "a decision outranks events")
	rr := s.Deliver(s.Decision(webhook.StatusResubmissionRequested, webhook.ReasonCodeSelfieMissing))
	got := fold(t, sc, []Delivery{rr, dec})
	assert.Equal(t, Want{Status: webhook.StatusDeclined, Attempt: 1, AttemptID: a1, ReasonCode: webhook.ReasonCodeKnownFraud}, got,
		"a final decision holds over a later attempt's non-final one (SessionState's R3)")
	ap := s.Deliver(s.Decision(webhook.StatusApproved, 0))
	got = fold(t, sc, []Delivery{ap, rr})
	assert.Equal(t, Want{Status: webhook.StatusApproved, Attempt: 2, AttemptID: s.AttemptID()}, got, "an approval carries no reason code")
}

func TestSeededScenarios(t *testing.T) {
	a, b := SeededScenarios(7), SeededScenarios(7)
	c := SeededScenarios(8)
	for i := range a {
		require.Equal(t, a[i].Deliveries, b[i].Deliveries, "same seed, same bodies")
		require.NotEqual(t, a[i].Session.ID, c[i].Session.ID)
	}
	r1, r2 := Scenarios(), Scenarios()
	require.NotEqual(t, r1[0].Session.ID, r2[0].Session.ID, "random ids")
	now := time.Now()
	for _, sc := range r1 {
		last := sc.Session.Created.Add(sc.Deliveries[len(sc.Deliveries)-1].At)
		assert.False(t, last.After(now), "%s: no time in the future", sc.Name)
		assert.True(t, last.After(now.Add(-time.Hour)), "%s: the last delivery is recent", sc.Name)
	}
}

// recorder is a receiver: one webhook.Handler for every scenario, which
// remembers the kind of each delivery its function got.
type recorder struct {
	mu    sync.Mutex
	kinds []webhook.Kind
}

func (r *recorder) handler(t *testing.T, cfg webhook.Config) http.Handler {
	h, err := webhook.NewHandler(cfg, func(_ context.Context, d webhook.Delivery) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.kinds = append(r.kinds, d.Payload.Kind())
		return nil
	})
	require.NoError(t, err)
	return h
}

func (r *recorder) got() []webhook.Kind {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.kinds)
}

const secret = "test-shared-secret"

func TestEveryScenarioThroughOneHandler(t *testing.T) {
	var rec recorder
	h := rec.handler(t, webhook.Config{Secrets: []string{secret}})
	var all []Delivery
	for _, sc := range Scenarios() {
		all = append(all, sc.Deliveries...)
	}
	rs := Deliver(t, h, secret, all)
	require.Len(t, rs, len(all))
	var want []webhook.Kind
	for _, r := range rs {
		assert.Equal(t, 200, r.Status)
		want = append(want, r.Delivery.Kind)
	}
	require.Equal(t, want, rec.kinds, "every delivery reached the function, of the kind built")
}

func TestConditionsThroughAHandler(t *testing.T) {
	for _, sc := range SeededScenarios(3) {
		t.Run(sc.Name, func(t *testing.T) {
			var rec recorder
			h := rec.handler(t, webhook.Config{SecretsByAPIKey: map[string][]string{"key": {secret}}})
			s := Sender{Handler: h, Secret: secret, APIKey: "key"}
			accepted := Drift(sc.Session, Shuffle(Retry(Duplicate(sc.Deliveries), 3), 1))
			require.Len(t, accepted, len(sc.Deliveries)*2*4+2)
			rs := s.SendAll(context.Background(), accepted)
			Check(t, rs)
			require.Len(t, rec.kinds, len(accepted))
			assert.Equal(t, webhook.KindUnknown, rec.kinds[len(rec.kinds)-1], "a kind no one knows, accepted")
			assert.Contains(t, string(accepted[0].Body), UnknownMember)
			p, err := webhook.ParseAny(accepted[len(accepted)-2].Body)
			require.NoError(t, err)
			assert.ElementsMatch(t, []string{"code", "action", "context.reason", "context.state"}, p.UnknownValues(), "the drifted event's values are unknown")

			rec.kinds = nil
			rejected := append(WrongSecret(sc.Deliveries), UnknownAPIKey(sc.Deliveries)...)
			Check(t, s.SendAll(context.Background(), rejected))
			assert.Empty(t, rec.kinds, "nothing unauthenticated reaches the function")
		})
	}
}

func TestRetryAndShuffle(t *testing.T) {
	sc, err := Lookup("review-then-declined", SeededIDs(5), Created)
	require.NoError(t, err)
	r := Retry(sc.Deliveries, 2)
	require.Len(t, r, 3*len(sc.Deliveries))
	for i := 1; i < len(r); i++ {
		require.LessOrEqual(t, r[i-1].At, r[i].At)
	}
	// The submitted event's retries come after the review decision: late
	// copies of older deliveries.
	var order []string
	for _, d := range r {
		order = append(order, d.Note)
	}
	assert.Less(t, slices.Index(order, "decision review"), slices.Index(order, "retry 1 of event 7002 submitted"))
	assert.Len(t, Retry(sc.Deliveries, 10000), (RetryLimit+1)*len(sc.Deliveries), "at most a week of hourly retries")
	assert.Equal(t, sc.Deliveries, Retry(sc.Deliveries, -1))

	sh := Shuffle(sc.Deliveries, 1)
	assert.ElementsMatch(t, sc.Deliveries, sh)
	assert.NotEqual(t, sc.Deliveries, sh)
	assert.Equal(t, sh, Shuffle(sc.Deliveries, 1), "the seed decides")
}

func TestAddUnknownMember(t *testing.T) {
	d := AddUnknownMember(Delivery{Body: []byte("{}")})
	assert.Equal(t, "{"+UnknownMember+"}", string(d.Body))
	d = AddUnknownMember(Delivery{Body: []byte(`{"a":1}` + "\n")})
	assert.Equal(t, `{"a":1,`+UnknownMember+"}", string(d.Body))
	d = AddUnknownMember(Delivery{Body: []byte(`[]`)})
	assert.Equal(t, `[]`, string(d.Body), "not an object: left as it is")
}

func TestSenderToURL(t *testing.T) {
	var rec recorder
	srv := httptest.NewServer(rec.handler(t, webhook.Config{Secrets: []string{secret}}))
	defer srv.Close()
	sc, err := Lookup("approved", nil, Created)
	require.NoError(t, err)
	s := Sender{URL: srv.URL + "/webhooks/veriff", Secret: secret, Speedup: 1e9}
	rs := s.SendAll(context.Background(), Retry(sc.Deliveries, 1))
	Check(t, rs)
	require.Len(t, rec.got(), 2*len(sc.Deliveries))
	assert.Contains(t, rs[0].String(), sc.Session.ID)

	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) }))
	defer failing.Close()
	s.URL = failing.URL
	r := s.Send(context.Background(), sc.Deliveries[0])
	assert.Equal(t, 500, r.Status)
	assert.False(t, r.OK())

	failing.Close()
	r = s.Send(context.Background(), sc.Deliveries[0])
	assert.Error(t, r.Err, "unreachable")
	assert.False(t, r.OK())
	assert.Contains(t, r.String(), "error: ")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.Empty(t, s.SendAll(ctx, sc.Deliveries), "nothing sent once ctx is done")
}

// fakeTB records failures instead of failing.
type fakeTB struct {
	testing.TB
	ctx    context.Context
	errors []string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Error(args ...any) { f.errors = append(f.errors, fmt.Sprint(args...)) }
func (f *fakeTB) Context() context.Context {
	if f.ctx == nil {
		return context.Background()
	}
	return f.ctx
}

func TestCheckFailsOnUnexpectedAnswers(t *testing.T) {
	sc, err := Lookup("approved", nil, Created)
	require.NoError(t, err)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > 400 {
			w.WriteHeader(500) // the decision, the longest body
			return
		}
	})
	var f fakeTB
	rs := Deliver(&f, h, secret, sc.Deliveries)
	assert.Len(t, f.errors, 1, "one unexpected answer, one failure")
	assert.True(t, rs[0].OK())
	assert.False(t, rs[2].OK())

	f.errors = nil
	Check(&f, []Result{{Delivery: Delivery{Expect: 0}, Status: 204}, {Delivery: Delivery{Expect: 401}, Status: 200}})
	assert.Len(t, f.errors, 1, "204 is fine without an Expect; 200 is not when 401 is expected")
	assert.Contains(t, f.errors[0], "want 401")
	f.errors = nil
	Check(&f, []Result{{Delivery: Delivery{Expect: 0}, Status: 500}})
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "answered 500, want any 2xx")
}

func TestSenderDeliverWithAPIKey(t *testing.T) {
	sc, err := Lookup("approved", SeededIDs(2), Created)
	require.NoError(t, err)
	var rec recorder
	h := rec.handler(t, webhook.Config{SecretsByAPIKey: map[string][]string{"key": {secret}}})
	s := Sender{Handler: h, Secret: secret, APIKey: "key"}
	rs := s.Deliver(t, sc.Deliveries)
	require.Len(t, rs, len(sc.Deliveries))
	assert.Len(t, rec.got(), len(sc.Deliveries), "a receiver keyed by API key got every delivery")
	s.Deliver(t, UnknownAPIKey(sc.Deliveries)) // 401 each, as expected

	// Sending stops with the test's context.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := fakeTB{ctx: ctx}
	assert.Empty(t, s.Deliver(&f, sc.Deliveries), "nothing sent once t's context is done")
}

func TestUnknownAPIKeyToASingleSecretReceiver(t *testing.T) {
	// As UnknownAPIKey documents: a receiver with one set of secrets
	// ignores the key and answers 200, not the 401 expected.
	sc, err := Lookup("approved", SeededIDs(2), Created)
	require.NoError(t, err)
	var rec recorder
	s := Sender{Handler: rec.handler(t, webhook.Config{Secrets: []string{secret}}), Secret: secret}
	for _, r := range s.SendAll(t.Context(), UnknownAPIKey(sc.Deliveries)) {
		assert.Equal(t, 200, r.Status)
		assert.Equal(t, 401, r.Delivery.Expect)
		assert.False(t, r.OK())
	}
}

func TestDriftLeavesTheSessionAlone(t *testing.T) {
	sc, err := Lookup("resubmission-then-approved", SeededIDs(4), Created)
	require.NoError(t, err)
	now := sc.Session.Now()
	want := Drift(sc.Session, sc.Deliveries)
	// Parallel subtests sharing one Session: -race reports a write to it.
	t.Run("group", func(t *testing.T) {
		for i := range 4 {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				assert.Equal(t, want, Drift(sc.Session, sc.Deliveries))
				assert.Equal(t, now, sc.Session.Now())
			})
		}
	})
	last := sc.Deliveries[len(sc.Deliveries)-1].At
	assert.Equal(t, last, want[len(want)-1].At, "drift comes after the last delivery")
}

func TestRetryOrderWithoutOverflow(t *testing.T) {
	// Far apart enough that a.At-b.At overflows: the order must still hold.
	ds := []Delivery{{At: 4e18, Note: "late"}, {At: -6e18, Note: "early"}}
	got := Retry(ds, 0)
	assert.Equal(t, []string{"early", "late"}, []string{got[0].Note, got[1].Note})
}

var gradeTag = regexp.MustCompile(`\[(V|V-old|C|I)\] `)

// gradeOf returns the grade a claim has in sc's facts: the last grade
// written before it in the fact that makes it.
func gradeOf(t *testing.T, sc Scenario, claim string) string {
	t.Helper()
	for _, f := range sc.Facts {
		i := strings.Index(f, claim)
		if i < 0 {
			continue
		}
		tags := gradeTag.FindAllStringSubmatch(f[:i], -1)
		require.NotEmpty(t, tags, "%s: %q has no grade before it", sc.Name, claim)
		return tags[len(tags)-1][1]
	}
	t.Fatalf("%s: no fact says %q", sc.Name, claim)
	return ""
}

// TestFactGrades pins claims to the grade session-lifecycle.md and
// veriff-webhooks.md give them.
func TestFactGrades(t *testing.T) {
	for _, c := range []struct{ scenario, claim, grade string }{
		{"watchlist-monitoring", "a new one whenever the person's status in the lists changes", "V"},
		{"watchlist-monitoring", "checkType updated_result", "C"},
		{"review-then-approved", "a person must review the session", "V-old"},
		{"review-then-approved", "a final decision follows review", "I"},
		{"review-then-declined", "a person must review the session", "V-old"},
		{"review-then-declined", "a final decision follows review", "I"},
		{"approved", "reason and reasonCode are null when approved", "V-old"},
		{"approved", "person, document and times", "C"},
		{"resubmission-then-approved", "it is never sent", "I"},
		{"resubmission-then-approved", "the same session continues", "V-old"},
		{"expired", "expired is 9104", "V"},
		{"expired", "decisionTime, person, document and technicalData.ip are null", "C"},
		{"fullauto", "its shape", "C"},
	} {
		sc, err := Lookup(c.scenario, SeededIDs(1), Created)
		require.NoError(t, err)
		assert.Equal(t, c.grade, gradeOf(t, sc, c.claim), "%s: %q", c.scenario, c.claim)
	}
	for _, sc := range SeededScenarios(1) {
		for _, f := range sc.Facts {
			for _, tag := range regexp.MustCompile(`\[[^\]]*\]`).FindAllString(f, -1) {
				assert.Regexp(t, `^\[(V|V-old|C|I)\]$`, tag, "%s: %q", sc.Name, f)
			}
		}
	}
}
