package reconcile

import (
	"errors"
	"fmt"
	"time"
)

// ErrStopped reports that a Gate stopped every poll after an
// authentication failure; it wraps the failure.
var ErrStopped = errors.New("reconcile: polling stopped: Veriff refused the credentials (check the API key, the shared secret and that the integration is active)")

// maxRetryAfter bounds a Retry-After that is honoured, so that one absurd
// answer cannot stop polling for good.
const maxRetryAfter = 24 * time.Hour

// Gate is the state that every poll of one replica shares: stopped after
// an authentication failure, paused after a 429. It is a value: Observe
// returns the next one, and the caller keeps it (under its own lock when
// its polls run concurrently). The zero Gate lets every poll through.
//
// Its times are the wall clock's, whatever clock the schedule runs on: a
// Retry-After is Veriff's.
type Gate struct {
	// Stopped is the error that stopped every poll (it matches
	// ErrStopped); nil while polling goes on.
	Stopped error
	// Until is when polls may start again after a 429.
	Until time.Time
	// Limited counts the 429s in a row.
	Limited int
}

// Observe returns the gate after a poll of outcome o, answered at now: an
// Unauthorized outcome (whose error is err) stops it for good; a
// RateLimited one pauses it for retryAfter when Veriff asked for a wait
// (up to 24 hours), else for p.RateLimitPause doubled at each 429 in a
// row up to p.MaxRateLimitPause; a pause is never cut short by a later
// one. A decision, a pending one or a 404 (an answer from Veriff that is
// not a 429) ends the run of 429s.
func (g Gate) Observe(p Policy, o Outcome, retryAfter time.Duration, err error, now time.Time) Gate {
	p = p.norm()
	switch o {
	case Unauthorized:
		if g.Stopped == nil {
			g.Stopped = fmt.Errorf("%w: %w", ErrStopped, err)
		}
	case RateLimited:
		g.Limited++
		// Doubled one step at a time, up to at most a day (Policy's
		// bound): a shift would wrap round to a negative pause after a
		// few dozen 429s in a row.
		pause := p.RateLimitPause
		for i := 1; i < g.Limited && pause < p.MaxRateLimitPause; i++ {
			pause = min(2*pause, p.MaxRateLimitPause)
		}
		if retryAfter > 0 {
			pause = min(retryAfter, maxRetryAfter)
		}
		if until := now.Add(pause); until.After(g.Until) {
			g.Until = until
		}
	case Decided, Pending, Gone:
		g.Limited = 0
	}
	return g
}

// Wait returns how long every poll must wait at now (0: poll), or the
// error that stopped them.
func (g Gate) Wait(now time.Time) (time.Duration, error) {
	if g.Stopped != nil {
		return 0, g.Stopped
	}
	return max(g.Until.Sub(now), 0), nil
}
