package webhooktest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/veriffkit/webhook"
)

// Sender sends deliveries signed the way Veriff signs them: to an
// http.Handler in process when Handler is set, else to URL.
type Sender struct {
	// Secret signs every delivery whose own Secret is "".
	Secret string
	// APIKey is sent in X-Auth-Client with every delivery whose own APIKey
	// is ""; none when "".
	APIKey string
	// Handler, when set, gets each delivery in process.
	Handler http.Handler
	// URL gets each delivery when Handler is nil.
	URL string
	// Client sends to URL; nil means a client with a 10-second timeout.
	Client *http.Client
	// Speedup compresses the time between deliveries: with 3600, an hour
	// between two deliveries' At is a second of waiting. 0 sends each at
	// once.
	Speedup float64
}

// Result is the answer to one delivery.
type Result struct {
	Delivery Delivery
	// Status is the status answered; 0 when there was no answer.
	Status int
	// Err is why there was no answer (an unreachable URL, say); nil when
	// there was one.
	Err error
	// Took is how long the answer took.
	Took time.Duration
}

// OK reports whether the receiver answered as the delivery expects: any
// 2xx when Expect is 0 or a 2xx status (Veriff takes any 2xx for
// delivered), else exactly Expect.
func (r Result) OK() bool {
	if r.Err != nil {
		return false
	}
	if success(r.Delivery.Expect) {
		return success(r.Status)
	}
	return r.Status == r.Delivery.Expect
}

// success reports whether status is 0 (no expectation) or a 2xx.
func success(status int) bool { return status == 0 || status >= 200 && status < 300 }

// String returns one line: kind, session, status answered (or the error),
// time taken, and what the delivery was.
func (r Result) String() string {
	st := fmt.Sprint(r.Status)
	if r.Err != nil {
		st = "error: " + r.Err.Error()
	}
	return fmt.Sprintf("%-19s %s %s %v %s", r.Delivery.Kind, r.Delivery.SessionID, st, r.Took.Round(time.Microsecond), r.Delivery.Note)
}

// Send sends d and returns the answer.
func (s *Sender) Send(ctx context.Context, d Delivery) Result {
	secret, apiKey := s.Secret, s.APIKey
	if d.Secret != "" {
		secret = d.Secret
	}
	if d.APIKey != "" {
		apiKey = d.APIKey
	}
	target := s.URL
	if s.Handler != nil {
		target = "/"
	}
	start := time.Now()
	req, err := webhook.NewSignedRequest(target, d.Body, apiKey, secret)
	if err != nil {
		return Result{Delivery: d, Err: err}
	}
	req = req.WithContext(ctx)
	if s.Handler != nil {
		rec := httptest.NewRecorder()
		s.Handler.ServeHTTP(rec, req)
		return Result{Delivery: d, Status: rec.Code, Took: time.Since(start)}
	}
	c := s.Client
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := c.Do(req)
	if err != nil {
		return Result{Delivery: d, Err: err, Took: time.Since(start)}
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	return Result{Delivery: d, Status: resp.StatusCode, Took: time.Since(start)}
}

// SendAll sends ds in order, waiting between two of them the difference of
// their At divided by Speedup when Speedup is set, and returns every answer.
// It stops early, leaving the rest unsent, when ctx is done.
func (s *Sender) SendAll(ctx context.Context, ds []Delivery) []Result {
	out := make([]Result, 0, len(ds))
	for i, d := range ds {
		if i > 0 && s.Speedup > 0 && d.At > ds[i-1].At {
			t := time.NewTimer(time.Duration(float64(d.At-ds[i-1].At) / s.Speedup))
			select {
			case <-ctx.Done():
				t.Stop()
				return out
			case <-t.C:
			}
		}
		if ctx.Err() != nil {
			return out
		}
		out = append(out, s.Send(ctx, d))
	}
	return out
}

// Deliver sends ds as SendAll does, with t's context (so sending stops
// when the test ends), and fails t for every answer other than the one
// the delivery expects (see Check). It returns the answers. Set APIKey
// for a receiver keyed by API key (webhook.Config.SecretsByAPIKey).
func (s *Sender) Deliver(t testing.TB, ds []Delivery) []Result {
	t.Helper()
	rs := s.SendAll(t.Context(), ds)
	Check(t, rs)
	return rs
}

// Deliver sends ds to h in process, signed with secret and with no API
// key, and fails t for every answer other than the one the delivery
// expects (see Check). It returns the answers. For a receiver keyed by
// API key, use Sender.Deliver with APIKey set.
func Deliver(t testing.TB, h http.Handler, secret string, ds []Delivery) []Result {
	t.Helper()
	s := Sender{Handler: h, Secret: secret}
	return s.Deliver(t, ds)
}

// Check fails t for every result whose answer is not the one its delivery
// expects (see Result.OK). Each failure
// names the delivery and shows its body.
func Check(t testing.TB, rs []Result) {
	t.Helper()
	for i, r := range rs {
		if !r.OK() {
			t.Errorf("delivery %d (%s, session %s): answered %s, want %s\nbody: %s",
				i, r.Delivery.Note, r.Delivery.SessionID, answer(r), expected(r.Delivery), clip(r.Delivery.Body))
		}
	}
}

// expected says what answer d expects, as Result.OK judges it.
func expected(d Delivery) string {
	if success(d.Expect) {
		return "any 2xx"
	}
	return fmt.Sprint(d.Expect)
}

func answer(r Result) string {
	if r.Err != nil {
		return "error " + r.Err.Error()
	}
	return fmt.Sprint(r.Status)
}

func clip(b []byte) string {
	const max = 300
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(bytes.TrimSpace(b))
}
