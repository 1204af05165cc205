package reconcile

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
)

func TestGateRateLimited(t *testing.T) {
	p := DefaultPolicy
	var g Gate
	wait, err := g.Wait(t0)
	require.NoError(t, err)
	assert.Zero(t, wait, "the zero Gate lets polls through")

	// Without Retry-After: 30s, 60s, 120s... up to 15 minutes.
	now := t0
	for i, want := range []time.Duration{30, 60, 120, 240, 480, 900, 900, 900} {
		g = g.Observe(p, RateLimited, 0, nil, now)
		wait, err := g.Wait(now)
		require.NoError(t, err)
		assert.Equal(t, want*time.Second, wait, "429 number %d", i+1)
		now = now.Add(wait)
	}
	// However long the run, the pause stays at the longest.
	for range 100 {
		g = g.Observe(p, RateLimited, 0, nil, now)
		wait, _ := g.Wait(now)
		require.Equal(t, 15*time.Minute, wait, "429 number %d", g.Limited)
		now = now.Add(wait)
	}
	// A pause of a policy past its bounds is clamped to a day.
	huge := Policy{RateLimitPause: time.Hour, MaxRateLimitPause: 1 << 62}
	var hg Gate
	for range 100 {
		hg = hg.Observe(huge, RateLimited, 0, nil, t0)
		wait, _ := hg.Wait(t0)
		require.Positive(t, wait)
		require.LessOrEqual(t, wait, day)
	}
	// An answer ends the run: the next 429 pauses 30s again.
	g = g.Observe(p, Pending, 0, nil, now)
	assert.Zero(t, g.Limited)
	g = g.Observe(p, RateLimited, 0, nil, now)
	wait, _ = g.Wait(now)
	assert.Equal(t, 30*time.Second, wait)

	// Retry-After is honoured as asked, longer or shorter, up to a day.
	g = Gate{}.Observe(p, RateLimited, 2*time.Second, nil, t0)
	wait, _ = g.Wait(t0)
	assert.Equal(t, 2*time.Second, wait)
	g = Gate{}.Observe(p, RateLimited, time.Hour, nil, t0)
	wait, _ = g.Wait(t0)
	assert.Equal(t, time.Hour, wait)
	g = Gate{}.Observe(p, RateLimited, 1000*time.Hour, nil, t0)
	wait, _ = g.Wait(t0)
	assert.Equal(t, 24*time.Hour, wait)
	// A failure neither pauses nor ends a run of 429s.
	g = Gate{Limited: 3}.Observe(p, Failed, 0, errors.New("503"), t0)
	assert.Equal(t, Gate{Limited: 3}, g)
}

// TestGateNeverShortens: a pause is never cut short by a later, shorter
// one, and a gate's pause ends.
func TestGateNeverShortens(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 200 {
		p := randomPolicy(r)
		var g Gate
		now := t0
		for range 50 {
			o := Outcome(r.IntN(6))
			if o == Unauthorized {
				continue
			}
			before := g.Until
			g = g.Observe(p, o, time.Duration(r.IntN(3))*time.Duration(r.Int64N(int64(time.Hour))), nil, now)
			assert.False(t, g.Until.Before(before))
			wait, err := g.Wait(now)
			require.NoError(t, err)
			assert.LessOrEqual(t, wait, max(p.norm().MaxRateLimitPause, 24*time.Hour))
			now = now.Add(time.Duration(r.Int64N(int64(time.Minute))))
		}
	}
}

// TestAuthFailureMidway runs a reconciler over many sessions with a fake
// Veriff that starts refusing the credentials midway: the first 401 stops
// every poll, of every session, for good, and says why.
func TestAuthFailureMidway(t *testing.T) {
	p := DefaultPolicy
	sessions := make([]Session, 50)
	for i := range sessions {
		sessions[i] = Session{ID: fmt.Sprintf("s%d", i), Created: t0.Add(time.Duration(i) * time.Minute)}
	}
	refuseFrom := t0.Add(30 * time.Hour)
	var g Gate
	polls, pollsAfter := 0, 0
	var stopped error
	for now := t0; now.Before(t0.Add(10 * day)); now = now.Add(time.Minute) {
		if _, err := g.Wait(now); err != nil {
			stopped = err
			break
		}
		for i := range sessions {
			s := &sessions[i]
			if p.Plan(*s, now).Action != PollNow {
				continue
			}
			polls++
			o, err := Pending, error(nil)
			if !now.Before(refuseFrom) {
				pollsAfter++
				o, err = Unauthorized, errors.New("veriffapi: GET /v1/sessions/{id}/decision: 401 Unauthorized: code 1818")
			}
			s.Polls, s.LastPoll = s.Polls+1, now
			g = g.Observe(p, o, 0, err, now)
			if _, err := g.Wait(now); err != nil {
				break // the loop stops on the first refusal
			}
		}
	}
	require.Error(t, stopped, "the 401 stopped the polls")
	assert.ErrorIs(t, stopped, ErrStopped)
	assert.Contains(t, stopped.Error(), "code 1818", "and says what Veriff answered")
	assert.Contains(t, stopped.Error(), "API key")
	assert.Equal(t, 1, pollsAfter, "one poll was refused, and none followed")
	assert.Greater(t, polls, 100)
	// Nothing restarts it, not even a success.
	g = g.Observe(p, Decided, 0, nil, t0).Observe(p, Unauthorized, 0, errors.New("second"), t0)
	_, err := g.Wait(t0.Add(365 * day))
	assert.ErrorIs(t, err, ErrStopped)
	assert.NotContains(t, err.Error(), "second", "the first failure is the one reported")
	assert.Equal(t, webhook.Status(""), sessions[0].Status)
}
