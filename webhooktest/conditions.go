package webhooktest

import (
	"bytes"
	"cmp"
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"time"

	"github.com/veriffkit/webhook"
)

// Delivery conditions. Each returns a new slice and leaves ds as it was; they
// compose: Shuffle(Retry(Duplicate(ds), 3), seed).

// Duplicate returns ds with every delivery sent twice in a row, as when
// Veriff resends a session's webhooks from its Customer Portal, or retries a
// delivery whose 200 it never got.
func Duplicate(ds []Delivery) []Delivery {
	out := make([]Delivery, 0, 2*len(ds))
	for _, d := range ds {
		dup := d
		dup.Note = "duplicate of " + d.Note
		out = append(out, d, dup)
	}
	return out
}

// RetryInterval is how long Veriff waits between two tries of a delivery:
// about an hour, for up to a week (RetryLimit tries).
const (
	RetryInterval = time.Hour
	RetryLimit    = 7 * 24
)

// Retry returns ds with every delivery sent n more times (at most
// RetryLimit), the same body and signature an hour apart, as Veriff retries
// a delivery it got no 2xx for. The result is in the order of At, so a
// retry arrives after deliveries that are newer than the one it repeats:
// a late copy of "submitted" after the decision, say. Send with
// Sender.Speedup to compress the hours.
func Retry(ds []Delivery, n int) []Delivery {
	n = min(max(n, 0), RetryLimit)
	out := make([]Delivery, 0, len(ds)*(n+1))
	for _, d := range ds {
		out = append(out, d)
		for i := 1; i <= n; i++ {
			r := d
			r.At = d.At + time.Duration(i)*RetryInterval
			r.Note = fmt.Sprintf("retry %d of %s", i, d.Note)
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b Delivery) int { return cmp.Compare(a.At, b.At) })
	return out
}

// Shuffle returns ds in an order drawn from seed: out-of-order arrival.
// Veriff signs no timestamp and numbers nothing, so a receiver cannot tell.
func Shuffle(ds []Delivery, seed uint64) []Delivery {
	out := slices.Clone(ds)
	r := mrand.New(mrand.NewPCG(seed, seed+1))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// WrongSecretValue is the secret WrongSecret signs with. No receiver
// should have it.
const WrongSecretValue = "webhooktest-wrong-secret"

// WrongSecret returns ds signed with WrongSecretValue instead of the
// sender's secret: a forgery, or an integration's secret that was rotated
// out. A receiver answers 401.
func WrongSecret(ds []Delivery) []Delivery {
	out := slices.Clone(ds)
	for i := range out {
		out[i].Secret = WrongSecretValue
		out[i].Expect = 401
		out[i].Note += " (wrong secret)"
	}
	return out
}

// UnknownAPIKeyValue is the API key UnknownAPIKey sends.
const UnknownAPIKeyValue = "webhooktest-unknown-api-key"

// UnknownAPIKey returns ds sent with UnknownAPIKeyValue in X-Auth-Client,
// signed with the sender's secret, each expecting 401.
//
// That expectation holds only for a receiver keyed by API key
// (webhook.Config.SecretsByAPIKey), which refuses a key it does not know.
// A receiver with one set of secrets (webhook.Config.Secrets) ignores the
// key and rightly answers 200: for such a receiver, set each delivery's
// Expect to 200, or do not use UnknownAPIKey.
func UnknownAPIKey(ds []Delivery) []Delivery {
	out := slices.Clone(ds)
	for i := range out {
		out[i].APIKey = UnknownAPIKeyValue
		out[i].Expect = 401
		out[i].Note += " (unknown API key)"
	}
	return out
}

// UnknownMember is the member AddUnknownMember adds to a body.
const UnknownMember = `"veriffkitAddedMember":{"since":"2027-01-01","values":[1,2.5,null,true]}`

// AddUnknownMember returns d with UnknownMember added at the end of its
// body's top-level object, as Veriff may add members at any time.
func AddUnknownMember(d Delivery) Delivery {
	b := bytes.TrimRight(d.Body, " \t\r\n")
	if len(b) < 2 || b[len(b)-1] != '}' {
		return d
	}
	body := slices.Clone(b[:len(b)-1])
	if inner := bytes.TrimSpace(body); len(inner) > 1 {
		body = append(body, ',') // the object has members already
	}
	body = append(body, UnknownMember...)
	d.Body = append(body, '}')
	d.Note += " (unknown member)"
	return d
}

// Drift returns ds with schema drift, all of which a receiver must accept.
// Every delivery of ds is replaced, in place, by one whose body has
// UnknownMember added (AddUnknownMember): no copy of the original body is
// kept, and the drifted body is other bytes, with its own signature and
// IdempotencyKey. Two deliveries follow the last: an event of s whose
// code, action, reason and state no one knows yet (an event, so the
// session's status does not change), and a body of a kind no one knows.
// So Drift returns len(ds)+2 deliveries. It reads s and does not change
// it, so parallel tests may share s.
func Drift(s *Session, ds []Delivery) []Delivery {
	out := make([]Delivery, 0, len(ds)+3)
	var last time.Duration
	for _, d := range ds {
		out = append(out, AddUnknownMember(d))
		last = max(last, d.At)
	}
	// A copy of s at the time of the last delivery: its clock is its own.
	at := *s
	at.clock = last
	ev := at.Event(7099, "future_action", webhook.Context{Reason: "future_reason", State: "future_screen_shown"})
	out = append(out, at.Deliver(ev))
	u := at.Deliver(at.UnknownKind())
	u.Note = "a kind no one knows"
	out = append(out, u)
	return out
}
