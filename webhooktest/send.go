package webhooktest

import (
	"bytes"
	"context"
	"crypto/tls"
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
//
// In process, each request is built as a server receives it, with
// httptest.NewRequest's conventions: its RequestURI is the path and query
// of URL ("/" when URL is ""), its Host is URL's host (example.com when URL
// has none), its RemoteAddr is 192.0.2.1:1234, and its TLS is set for an
// https URL. So a receiver mounted on a mux at its path gets every
// delivery, as it would over the network.
type Sender struct {
	// Secret signs every delivery whose own Secret is "".
	Secret string
	// APIKey is sent in X-Auth-Client with every delivery whose own APIKey
	// is ""; none when "".
	APIKey string
	// Handler, when set, gets each delivery in process, at the path and
	// query of URL.
	Handler http.Handler
	// URL gets each delivery when Handler is nil. With Handler set, only
	// its path, query and host are used, and it may be a path alone:
	// "/webhooks/veriff".
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
	// Body is the start of the answer's body, at most AnswerLimit bytes:
	// what a receiver says about a refusal or its own error.
	Body []byte
	// Err is why there was no answer (an unreachable URL, say); nil when
	// there was one.
	Err error
	// Took is how long the answer took.
	Took time.Duration
}

// AnswerLimit is how much of an answer's body a Result keeps.
const AnswerLimit = 4096

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
	if s.Handler != nil && target == "" {
		target = "/"
	}
	start := time.Now()
	req, err := webhook.NewSignedRequest(target, d.Body, apiKey, secret)
	if err != nil {
		return Result{Delivery: d, Err: err}
	}
	if s.Handler != nil {
		rec := httptest.NewRecorder()
		s.Handler.ServeHTTP(rec, serverRequest(ctx, req, d.Body))
		return Result{Delivery: d, Status: rec.Code, Body: clipAnswer(rec.Body.Bytes()), Took: time.Since(start)}
	}
	c := s.Client
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := c.Do(req.WithContext(ctx))
	if err != nil {
		return Result{Delivery: d, Err: err, Took: time.Since(start)}
	}
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, AnswerLimit))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	return Result{Delivery: d, Status: resp.StatusCode, Body: answer, Took: time.Since(start)}
}

// serverRequest returns signed as a server receives it: built by
// httptest.NewRequest from the path and query alone (so RequestURI is
// what a client sends on the request line, and RemoteAddr is set), with
// signed's host, its TLS for https, and its headers.
func serverRequest(ctx context.Context, signed *http.Request, body []byte) *http.Request {
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, signed.URL.RequestURI(), bytes.NewReader(body))
	if signed.URL.Host != "" {
		req.Host = signed.URL.Host
	}
	if signed.URL.Scheme == "https" {
		req.TLS = &tls.ConnectionState{Version: tls.VersionTLS12, HandshakeComplete: true, ServerName: req.Host}
	}
	req.Header = signed.Header.Clone()
	return req
}

func clipAnswer(b []byte) []byte {
	return bytes.Clone(b[:min(len(b), AnswerLimit)])
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
// expects (see Result.OK). Each failure names the delivery by its note
// and session, and shows the status answered (or why there was none) and
// the start of the answer's body.
func Check(t testing.TB, rs []Result) {
	t.Helper()
	for i, r := range rs {
		if !r.OK() {
			t.Errorf("delivery %d (%s, session %s): answered %s, want %s", i, r.Delivery.Note, r.Delivery.SessionID, answer(r), expected(r.Delivery))
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

// answer says what r answered: its status and the start of its body, or
// why there was no answer.
func answer(r Result) string {
	if r.Err != nil {
		return "no answer: " + r.Err.Error()
	}
	if b := clip(r.Body); b != "" {
		return fmt.Sprintf("%d %q", r.Status, b)
	}
	return fmt.Sprint(r.Status)
}

// clip returns the start of b, trimmed, for one line of a test's log.
func clip(b []byte) string {
	const max = 200
	b = bytes.TrimSpace(b)
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}
