package reconcile

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/veriffapi"
)

// Outcome is what a poll learnt, and so what to do next.
type Outcome uint8

// The outcomes.
const (
	// Failed: nothing learnt (a 5xx, a transport error, an answer whose
	// signature does not verify or that is not a decision); poll again on
	// schedule.
	Failed Outcome = iota
	// Decided: Veriff has a decision (Result.Payload): fold it.
	Decided
	// Pending: Veriff has no decision yet ("verification": null [V]).
	Pending
	// Gone: Veriff answered 404: it does not know the session; stop
	// polling it.
	Gone
	// Unauthorized: Veriff answered 401 or 403 (a wrong API key or shared
	// secret, an integration not active [V]); stop every poll until a
	// person fixes the configuration.
	Unauthorized
	// RateLimited: Veriff answered 429; pause every poll (see Gate).
	RateLimited
)

// String returns the outcome's name in lower case, such as "pending".
func (o Outcome) String() string {
	switch o {
	case Failed:
		return "failed"
	case Decided:
		return "decided"
	case Pending:
		return "pending"
	case Gone:
		return "gone"
	case Unauthorized:
		return "unauthorized"
	case RateLimited:
		return "rate limited"
	}
	return fmt.Sprintf("Outcome(%d)", uint8(o))
}

// Classify sorts an error of veriffapi's client into an Outcome: nil is
// Decided, veriffapi.ErrNotDecided Pending, ErrNotFound Gone,
// ErrUnauthorized Unauthorized, ErrRateLimited RateLimited, and anything
// else Failed.
func Classify(err error) Outcome {
	switch {
	case err == nil:
		return Decided
	case errors.Is(err, veriffapi.ErrNotDecided):
		return Pending
	case errors.Is(err, veriffapi.ErrNotFound):
		return Gone
	case errors.Is(err, veriffapi.ErrUnauthorized):
		return Unauthorized
	case errors.Is(err, veriffapi.ErrRateLimited):
		return RateLimited
	}
	return Failed
}

// Result is what Poll learnt of one session.
type Result struct {
	// Outcome is what the poll learnt (see Outcome's values).
	Outcome Outcome
	// Payload is the decision, a webhook.Decision or a webhook.FullAuto,
	// when Outcome is Decided; nil otherwise.
	Payload webhook.Payload
	// RetryAfter is the wait a 429 asked for; 0 when none.
	RetryAfter time.Duration
	// Err is the error of the last request; nil when Decided or Pending.
	Err error
	// Requests counts the calls made to the client: 1, or 2 when the Full
	// Auto decision was asked for too.
	Requests int
}

// Poll asks Veriff for the decision of the session sessionID (GET
// /v1/sessions/{id}/decision) and, when fullAuto is true (the integration
// is on the Essential plan) and there is none, for its Full Auto decision
// (GET .../decision/fullauto [C]), whose 404 is then taken for "none yet"
// [I]: the decision endpoint has just answered for the session.
//
// The client's own retries multiply the requests of a poll and hide a 429
// from Gate: give Poll a client made with veriffapi.WithRetry(
// veriffapi.NoRetry), and let the schedule retry.
func Poll(ctx context.Context, c *veriffapi.Client, sessionID string, fullAuto bool) Result {
	d, err := c.Decision(ctx, sessionID)
	r := result(err)
	r.Requests = 1
	if r.Outcome == Decided {
		r.Payload = d
		return r
	}
	if r.Outcome != Pending || !fullAuto {
		return r
	}
	f, err := c.FullAutoDecision(ctx, sessionID)
	r = result(err)
	r.Requests = 2
	switch r.Outcome {
	case Decided:
		r.Payload = f
	case Gone:
		r.Outcome, r.Err = Pending, nil
	}
	return r
}

func result(err error) Result {
	r := Result{Outcome: Classify(err)}
	if r.Outcome != Decided && r.Outcome != Pending {
		r.Err = err
	}
	if e := (*veriffapi.Error)(nil); errors.As(err, &e) && r.Outcome == RateLimited {
		r.RetryAfter = e.RetryAfter
	}
	return r
}
