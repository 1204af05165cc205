package veriffapi

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const decisionBody = `{"status":"success","verification":{"id":"` + testID + `","attemptId":"f5c3b1a2-1111-4222-8333-944455566677","code":9001,"status":"approved","reason":null,"reasonCode":null,"decisionTime":"2026-03-02T10:07:00.000Z","acceptanceTime":"2026-03-02T10:00:00.000Z"},"technicalData":{"ip":"203.0.113.7"}}`

// answers returns a handler that answers the statuses in turn (then 200
// with body), each error in Veriff's shape.
func answers(body string, statuses ...int) func(http.ResponseWriter, *http.Request, []byte) {
	n := 0
	return func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		if n < len(statuses) {
			st := statuses[n]
			n++
			w.WriteHeader(st)
			_, _ = w.Write([]byte(`{"status":"fail","message":"busy"}`))
			return
		}
		signedJSON(w, http.StatusOK, body)
	}
}

func TestRetryGETAfterTwo429s(t *testing.T) {
	m := newMux(t, answers(decisionBody, 429, 429))
	c, waits := m.client()
	d, err := c.Decision(t.Context(), testID)
	require.NoError(t, err)
	assert.Equal(t, testID, d.Verification.ID)
	assert.Len(t, m.requests(), 3, "two 429s, then the answer")
	require.Len(t, *waits, 2)
	p := DefaultRetryPolicy
	for i, w := range *waits {
		base := p.MinBackoff << i
		assert.GreaterOrEqual(t, w, base/2, "wait %d", i)
		assert.LessOrEqual(t, w, base, "wait %d", i)
	}
}

func TestRetry5xxUpToMaxAttempts(t *testing.T) {
	for _, st := range []int{500, 502, 503, 504, 599} {
		m := newMux(t, answers(decisionBody, st, st, st, st, st, st))
		c, waits := m.client()
		_, err := c.Decision(t.Context(), testID)
		require.ErrorIs(t, err, ErrServer)
		var e *Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, st, e.StatusCode)
		assert.Len(t, m.requests(), DefaultRetryPolicy.MaxAttempts)
		assert.Len(t, *waits, DefaultRetryPolicy.MaxAttempts-1)
	}
}

// TestWritesAreNotRetried: every call that is not a GET is sent once,
// whatever the answer: a repeated write can act twice.
func TestWritesAreNotRetried(t *testing.T) {
	for o := range numOps {
		ep := &endpoints[o]
		assert.Equal(t, ep.method == http.MethodGet, ep.retry, "%s: only GETs are retried", ep.name)
		assert.NotEmpty(t, ep.why)
		for _, st := range []int{429, 500, 503} {
			m := newMux(t, answers(decisionBody, st, st, st, st))
			c, _ := m.client()
			err := calls[o](t.Context(), c, testID)
			require.Error(t, err)
			want := 1
			if ep.retry {
				want = DefaultRetryPolicy.MaxAttempts
			}
			assert.Len(t, m.requests(), want, "%s after %d", ep.name, st)
		}
	}
}

func TestCreateSessionSentOnceOnTransportError(t *testing.T) {
	n := 0
	c, err := NewClient(testKey, testSecret, WithHTTPClient(&http.Client{Transport: roundTrip(func(*http.Request) (*http.Response, error) {
		n++
		return nil, errors.New("connection reset by peer")
	})}))
	require.NoError(t, err)
	_, err = c.CreateSession(t.Context(), SessionRequest{})
	require.ErrorContains(t, err, "connection reset")
	assert.Equal(t, "veriffapi: POST /v1/sessions: connection reset by peer", err.Error(), "no URL, no id")
	assert.Equal(t, 1, n)
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRetryTransportErrorThenAnswer(t *testing.T) {
	m := newMux(t, answers(decisionBody))
	n := 0
	c, waits := m.client(WithHTTPClient(&http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		n++
		if n <= 2 {
			return nil, errors.New("connection refused")
		}
		return http.DefaultTransport.RoundTrip(r)
	})}))
	_, err := c.Decision(t.Context(), testID)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Len(t, *waits, 2)
}

func TestRetryAfter(t *testing.T) {
	m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {})
	n := 0
	m.fn = func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		n++
		if n == 1 {
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		signedJSON(w, 200, decisionBody)
	}
	c, waits := m.client()
	_, err := c.Decision(t.Context(), testID)
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{3 * time.Second}, *waits, "the longer of Retry-After and the backoff")

	// A Retry-After past MaxBackoff is not waited for: the error says it.
	m.fn = func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	}
	*waits = nil
	_, err = c.Decision(t.Context(), testID)
	require.ErrorIs(t, err, ErrRateLimited)
	var e *Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, time.Hour, e.RetryAfter)
	assert.Empty(t, *waits)
}

func TestRetryStopsWithContext(t *testing.T) {
	m := newMux(t, answers(decisionBody, 503, 503, 503))
	c, _ := m.client()
	ctx, cancel := context.WithCancel(t.Context())
	c.sleep = func(ctx context.Context, d time.Duration) error {
		cancel()
		return sleepCtx(ctx, d)
	}
	_, err := c.Decision(ctx, testID)
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, err, ErrServer, "the last answer is in the error")
	assert.Len(t, m.requests(), 1)

	_, err = c.Decision(ctx, testID)
	require.ErrorIs(t, err, context.Canceled, "a done context sends nothing that counts")
	//lint:ignore SA1012 a nil context is refused, not a panic
	_, err = c.Decision(nil, testID) //nolint:staticcheck
	require.ErrorIs(t, err, ErrInvalidArgument)
}

func TestRetryBudget(t *testing.T) {
	m := newMux(t, answers(decisionBody, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503))
	c, _ := m.client(WithRetry(RetryPolicy{MaxAttempts: 10, MaxBackoff: time.Millisecond, MaxElapsed: time.Minute, Budget: 10}))
	_, err := c.Decision(t.Context(), testID)
	require.ErrorIs(t, err, ErrServer)
	assert.Len(t, m.requests(), 3, "a budget of 10 pays two retries of 5")
	// Answers earn tokens back, one each.
	m.fn = answers(decisionBody)
	for range 5 {
		_, err := c.Decision(t.Context(), testID)
		require.NoError(t, err)
	}
	m.fn = answers(decisionBody, 503, 503)
	before := len(m.requests())
	_, err = c.Decision(t.Context(), testID)
	require.ErrorIs(t, err, ErrServer, "5 tokens earned: one retry, not two")
	assert.Equal(t, 2, len(m.requests())-before)
}

func TestRetryPolicyNext(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 5, MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second, MaxElapsed: 10 * time.Second}
	for try, base := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 4: 800 * time.Millisecond} {
		for range 50 {
			d, ok := p.next(try, 0, 0)
			require.True(t, ok)
			require.GreaterOrEqual(t, d, base/2)
			require.LessOrEqual(t, d, base)
		}
	}
	_, ok := p.next(5, 0, 0)
	assert.False(t, ok, "MaxAttempts counts the first try")
	p.MaxAttempts = 100
	for range 50 {
		d, ok := p.next(60, 0, 0)
		require.True(t, ok)
		require.GreaterOrEqual(t, d, p.MaxBackoff/2, "capped, never overflowed")
		require.LessOrEqual(t, d, p.MaxBackoff)
	}
	d, ok := p.next(1, 700*time.Millisecond, 0)
	assert.True(t, ok)
	assert.Equal(t, 700*time.Millisecond, d)
	_, ok = p.next(1, 1100*time.Millisecond, 0)
	assert.False(t, ok, "Retry-After past MaxBackoff")
	_, ok = p.next(1, time.Second, 9500*time.Millisecond)
	assert.False(t, ok, "past MaxElapsed")
	d, ok = RetryPolicy{MaxAttempts: 3}.next(1, 0, 0)
	assert.True(t, ok)
	assert.Zero(t, d)

	// Doubling stops at MaxBackoff, even when it is not a power of two of
	// MinBackoff: 100, 200, 400, then 401.
	odd := RetryPolicy{MaxAttempts: 10, MinBackoff: 100, MaxBackoff: 401, MaxElapsed: time.Hour}
	seen := map[time.Duration]bool{}
	for range 2000 {
		d, ok := odd.next(3, 0, 0)
		require.True(t, ok)
		require.GreaterOrEqual(t, d, time.Duration(200))
		require.LessOrEqual(t, d, time.Duration(401))
		seen[d] = true
	}
	assert.True(t, seen[400], "all of the wait is drawn")
	assert.False(t, seen[401], "400 is under MaxBackoff: not capped yet")
	d, _ = odd.next(4, 0, 0)
	assert.LessOrEqual(t, d, time.Duration(401))
	assert.GreaterOrEqual(t, d, time.Duration(200), "then capped at 401")
	// The jitter draws every value between half and all of the wait.
	tiny := RetryPolicy{MaxAttempts: 10, MinBackoff: 2, MaxBackoff: 2, MaxElapsed: time.Hour}
	seen = map[time.Duration]bool{}
	for range 200 {
		d, _ := tiny.next(1, 0, 0)
		seen[d] = true
	}
	assert.Equal(t, map[time.Duration]bool{1: true, 2: true}, seen)
	one := RetryPolicy{MaxAttempts: 10, MinBackoff: 1, MaxBackoff: 1, MaxElapsed: time.Hour}
	d, ok = one.next(1, 0, 0)
	assert.True(t, ok)
	assert.Equal(t, time.Duration(1), d, "half of 1ns, rounded up")
	huge := RetryPolicy{MaxAttempts: 100, MinBackoff: time.Hour, MaxBackoff: 1<<63 - 1, MaxElapsed: 1<<63 - 1}
	d, ok = huge.next(70, 0, 0)
	assert.True(t, ok)
	assert.Greater(t, d, time.Duration(0), "no overflow")
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"":                              0,
		"0":                             0,
		" 120 ":                         2 * time.Minute,
		"-1":                            0,
		"soon":                          0,
		"Mon, 07 Dec 2026 12:00:30 GMT": 30 * time.Second,
		"Mon, 07 Dec 2026 11:59:30 GMT": 0,
	} {
		assert.Equal(t, want, retryAfter(v, now), "%q", v)
	}
}
