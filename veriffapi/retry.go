package veriffapi

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// RetryPolicy says how the calls that are safe to repeat (the GETs; see
// the package documentation for every endpoint) are retried after a 429,
// a 5xx or a transport error. Before try n+1 the client waits a random
// time between half and all of MinBackoff·2^(n-1), capped at MaxBackoff,
// or the answer's Retry-After when that is longer. It stops when a try
// would pass MaxAttempts, when the wait would end after MaxElapsed since
// the first try, when Retry-After asks for more than MaxBackoff, when the
// client's retry budget is spent, or when the call's context is done. The
// last answer's error is returned.
type RetryPolicy struct {
	// MaxAttempts counts the first try: 1 never retries.
	MaxAttempts int
	// MinBackoff is the wait before the first retry, before jitter.
	MinBackoff time.Duration
	// MaxBackoff caps every wait, and a Retry-After longer than it is not
	// waited for.
	MaxBackoff time.Duration
	// MaxElapsed caps the time from the first try to the last.
	MaxElapsed time.Duration
	// Budget is the client's retry budget, shared by all its calls: a
	// retry costs 5 tokens (10 after a timeout), and an answer other than a
	// 429 or a 5xx gives 1 back, up to Budget. It keeps a client from
	// hammering Veriff when every call fails. 0 means no limit.
	Budget int
}

// DefaultRetryPolicy is the policy of a client made without WithRetry.
var DefaultRetryPolicy = RetryPolicy{
	MaxAttempts: 4,
	MinBackoff:  250 * time.Millisecond,
	MaxBackoff:  10 * time.Second,
	MaxElapsed:  30 * time.Second,
	Budget:      100,
}

// NoRetry is a policy that never retries.
var NoRetry = RetryPolicy{MaxAttempts: 1}

func (p RetryPolicy) validate() error {
	if p.MaxAttempts < 1 || p.MinBackoff < 0 || p.MaxBackoff < p.MinBackoff || p.MaxElapsed < 0 || p.Budget < 0 {
		return fmt.Errorf("%w: RetryPolicy %+v: want MaxAttempts >= 1, 0 <= MinBackoff <= MaxBackoff, MaxElapsed >= 0, Budget >= 0", ErrInvalidArgument, p)
	}
	return nil
}

// next returns the wait before try+1, after try failed elapsed since the
// first try with an answer that asked to wait retryAfter, and whether to
// make it at all.
func (p RetryPolicy) next(try int, retryAfter, elapsed time.Duration) (time.Duration, bool) {
	if try >= p.MaxAttempts || retryAfter > p.MaxBackoff {
		return 0, false
	}
	d := p.MinBackoff
	for range try - 1 {
		if d > p.MaxBackoff/2 { // doubling would pass it, or overflow
			d = p.MaxBackoff
			break
		}
		d *= 2
	}
	d -= rand.N(d/2 + 1) // jitter: between half (rounded up) and all of it
	d = max(d, retryAfter)
	if elapsed+d > p.MaxElapsed {
		return 0, false
	}
	return d, true
}

// budget is a client's retry budget, a token bucket (aws-sdk-go-v2's retry
// quota): retries spend tokens, answers earn them back.
type budget struct {
	mu     sync.Mutex
	tokens int
	max    int // 0: no limit
}

const (
	retryCost   = 5
	timeoutCost = 10
)

func newBudget(n int) *budget { return &budget{tokens: n, max: n} }

// take spends the cost of one retry and reports whether there was enough.
func (b *budget) take(timeout bool) bool {
	if b.max == 0 {
		return true
	}
	cost := retryCost
	if timeout {
		cost = timeoutCost
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tokens < cost {
		return false
	}
	b.tokens -= cost
	return true
}

// success earns one token back.
func (b *budget) success() {
	if b.max == 0 {
		return
	}
	b.mu.Lock()
	b.tokens = min(b.tokens+1, b.max)
	b.mu.Unlock()
}
