package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type handlerCase struct {
	name     string
	cfg      Config
	req      func(t *testing.T) *http.Request
	fnErr    error
	status   int
	called   bool
	logged   string // a substring of the log, "" for none
	noLogged string // must not appear in the log
}

func signed(t *testing.T, body, apiKey, secret string) *http.Request {
	t.Helper()
	r, err := NewSignedRequest("/webhooks/veriff", []byte(body), apiKey, secret)
	require.NoError(t, err)
	return r
}

func withHeaders(r *http.Request, kv ...string) *http.Request {
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == "" {
			r.Header.Del(kv[i])
		} else {
			r.Header.Set(kv[i], kv[i+1])
		}
	}
	return r
}

func TestHandler(t *testing.T) {
	const secret, other = "s3cr3t-value", "another-secret"
	one := Config{Secrets: []string{secret}}
	rotation := Config{Secrets: []string{"old-secret", "new-secret"}}
	perKey := Config{SecretsByAPIKey: map[string][]string{"live-key": {secret}, "test-key": {other}}}
	small := Config{Secrets: []string{secret}, MaxBodyBytes: int64(len(compact7007))}
	sig := Sign([]byte(compact7007), secret)

	cases := []handlerCase{
		{name: "signed event", cfg: one, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", secret) }, status: 200, called: true},
		{name: "GET", cfg: one, req: func(t *testing.T) *http.Request {
			r := signed(t, compact7007, "k", secret)
			r.Method = http.MethodGet
			return r
		}, status: 405, logged: "method not allowed"},
		{name: "PUT", cfg: one, req: func(t *testing.T) *http.Request {
			r := signed(t, compact7007, "k", secret)
			r.Method = http.MethodPut
			return r
		}, status: 405},
		{name: "missing signature", cfg: one, req: func(t *testing.T) *http.Request {
			return withHeaders(signed(t, compact7007, "k", secret), HeaderSignature, "")
		}, status: 401, logged: "missing signature"},
		{name: "wrong secret", cfg: one, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", other) }, status: 401, logged: "invalid signature", noLogged: secret},
		{name: "tampered body", cfg: one, req: func(t *testing.T) *http.Request {
			r := signed(t, compact7007, "k", secret)
			b := strings.Replace(compact7007, "QWE123", "QWE124", 1)
			r.Body, r.ContentLength = io.NopCloser(strings.NewReader(b)), int64(len(b))
			return r
		}, status: 401, noLogged: sig},
		{name: "malformed signature", cfg: one, req: func(t *testing.T) *http.Request {
			return withHeaders(signed(t, compact7007, "k", secret), HeaderSignature, "zz")
		}, status: 401},
		{name: "upper-case signature", cfg: one, req: func(t *testing.T) *http.Request {
			return withHeaders(signed(t, compact7007, "k", secret), HeaderSignature, strings.ToUpper(sig))
		}, status: 200, called: true},
		{name: "signature in fallback header", cfg: one, req: func(t *testing.T) *http.Request {
			return withHeaders(signed(t, compact7007, "", secret), HeaderSignature, "", HeaderSignatureFallback, sig)
		}, status: 200, called: true},
		{name: "primary header wins over fallback", cfg: one, req: func(t *testing.T) *http.Request {
			return withHeaders(signed(t, compact7007, "", secret), HeaderSignatureFallback, Sign([]byte(compact7007), other))
		}, status: 200, called: true},
		{name: "header names in upper case", cfg: one, req: func(t *testing.T) *http.Request {
			r := withHeaders(signed(t, compact7007, "", secret), HeaderSignature, "")
			r.Header["X-HMAC-SIGNATURE"] = []string{sig} // as a raw wire header before canonicalisation
			r.Header = cloneCanonical(r.Header)
			return r
		}, status: 200, called: true},
		{name: "signed invalid payload", cfg: one, req: func(t *testing.T) *http.Request {
			return signed(t, `{"id":1,"action":"started","code":7001}`, "k", secret)
		}, status: 400, logged: `\"id\"`},
		{name: "signed object of an unknown kind", cfg: one, req: func(t *testing.T) *http.Request { return signed(t, `{"id":1}`, "k", secret) }, status: 200, called: true, logged: "unknown kind"},
		{name: "signed empty body", cfg: one, req: func(t *testing.T) *http.Request { return signed(t, ``, "k", secret) }, status: 400},
		{name: "unsigned invalid payload is 401, not 400", cfg: one, req: func(t *testing.T) *http.Request {
			return signed(t, `{"id":1,"action":"started","code":7001}`, "k", other)
		}, status: 401},
		{name: "handler error", cfg: one, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", secret) }, fnErr: errors.New("database down"), status: 500, called: true, logged: "database down"},
		{name: "size at the limit", cfg: small, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", secret) }, status: 200, called: true},
		{name: "one byte over the limit", cfg: small, req: func(t *testing.T) *http.Request { return signed(t, compact7007+" ", "k", secret) }, status: 413, logged: "too large"},
		{name: "over the limit without Content-Length", cfg: small, req: func(t *testing.T) *http.Request {
			r := signed(t, compact7007+" ", "k", secret)
			r.ContentLength = -1
			r.Body = io.NopCloser(io.MultiReader(strings.NewReader(compact7007), strings.NewReader(" ")))
			return r
		}, status: 413},
		{name: "at the limit without Content-Length", cfg: small, req: func(t *testing.T) *http.Request {
			r := signed(t, compact7007, "k", secret)
			r.ContentLength = -1
			r.Body = io.NopCloser(iotest.OneByteReader(strings.NewReader(compact7007)))
			return r
		}, status: 200, called: true},
		{name: "default limit", cfg: one, req: func(t *testing.T) *http.Request {
			b := `{"pad":"` + strings.Repeat("x", DefaultMaxBodyBytes) + `"}`
			return signed(t, b, "k", secret)
		}, status: 413},
		{name: "rotation: old secret", cfg: rotation, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", "old-secret") }, status: 200, called: true},
		{name: "rotation: new secret", cfg: rotation, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", "new-secret") }, status: 200, called: true},
		{name: "rotation: other secret", cfg: rotation, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", other) }, status: 401},
		{name: "per key: live", cfg: perKey, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "live-key", secret) }, status: 200, called: true},
		{name: "per key: test", cfg: perKey, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "test-key", other) }, status: 200, called: true},
		{name: "per key: fallback API key header", cfg: perKey, req: func(t *testing.T) *http.Request {
			return withHeaders(signed(t, compact7007, "", other), HeaderAuthClientFallback, "test-key")
		}, status: 200, called: true},
		{name: "per key: secret of the other key", cfg: perKey, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "live-key", other) }, status: 401},
		{name: "per key: unknown API key", cfg: perKey, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "stolen-key", secret) }, status: 401, logged: "unknown API key"},
		{name: "per key: no API key", cfg: perKey, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "", secret) }, status: 401},
		{name: "unknown values are delivered", cfg: one, req: func(t *testing.T) *http.Request {
			return signed(t, strings.Replace(compact7007, `"final_decision_received"}`, `"final_decision_received","state":"brand_new_state"}`, 1), "k", secret)
		}, status: 200, called: true, logged: "brand_new_state"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			cfg := tc.cfg
			cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			called := false
			h, err := NewHandler(cfg, func(ctx context.Context, d Delivery) error {
				called = true
				assert.NotNil(t, ctx)
				again, err := ParseAny(d.Body)
				assert.NoError(t, err)
				assert.Equal(t, d.Payload, again, "Body is the bytes the payload came from")
				assert.Equal(t, d.Payload.Kind() == KindUnknown, d.Payload.Session().IsZero(), "every typed kind names its session")
				return tc.fnErr
			})
			require.NoError(t, err)
			w := httptest.NewRecorder()
			var panicked any
			func() {
				defer func() { panicked = recover() }()
				h.ServeHTTP(w, tc.req(t))
			}()
			require.Nil(t, panicked)
			assert.Equal(t, tc.status, w.Code)
			assert.Equal(t, tc.called, called, "handler function called")
			assert.LessOrEqual(t, w.Body.Len(), 40, "response bodies are short and generic")
			assert.NotContains(t, w.Body.String(), "webhook:", "no internals in responses")
			if tc.status == 405 {
				assert.Equal(t, "POST", w.Header().Get("Allow"))
			}
			if tc.logged != "" {
				assert.Contains(t, logs.String(), tc.logged)
			}
			if tc.status == 200 && tc.logged == "" {
				assert.Empty(t, logs.String())
			}
			for _, secret := range []string{secret, other, "old-secret", "new-secret"} {
				assert.NotContains(t, logs.String(), secret, "no secret in logs")
			}
			if tc.noLogged != "" {
				assert.NotContains(t, logs.String(), tc.noLogged)
			}
		})
	}
}

// cloneCanonical re-canonicalises header names, as net/http does for
// headers read from the wire.
func cloneCanonical(h http.Header) http.Header {
	out := http.Header{}
	for k, v := range h {
		for _, s := range v {
			out.Add(k, s)
		}
	}
	return out
}

func TestHandlerOnUnknown(t *testing.T) {
	var seen []string
	var findings []Findings
	h, err := NewHandler(Config{Secrets: []string{"s"}, OnUnknown: func(_ context.Context, d Delivery, f Findings) {
		seen = append(seen, d.Payload.UnknownValues()...)
		findings = append(findings, f)
	}}, func(context.Context, Delivery) error { return nil })
	require.NoError(t, err)
	body := `{"id":"i","attemptId":"a","feature":"selfid","code":7011,"action":"flow_paused","context":{"reason":"r","state":"s"}}`
	w := httptest.NewRecorder()
	h.ServeHTTP(w, signed(t, body, "", "s"))
	assert.Equal(t, 200, w.Code)
	assert.Equal(t, []string{"code", "action", "context.reason", "context.state"}, seen)

	// OnUnknown is told what it is called for: unknown values, anomalies,
	// an unknown kind.
	for _, tc := range []struct {
		body string
		want Findings
	}{
		{body, Findings{UnknownValues: []string{"code", "action", "context.reason", "context.state"}}},
		{`{"id":"i","feature":"selfid","code":7001,"action":"submitted"}`,
			Findings{Anomalies: Event{Feature: FeatureSelfID, Code: CodeStarted, Action: ActionSubmitted}.Anomalies()}},
		{`{"verification":{"id":"i","status":"approved","code":null}}`,
			Findings{Anomalies: Decision{Verification: Verification{Status: StatusApproved}}.Anomalies()}},
		{`{"eventType":"fullauto","sessionId":"s","data":{"verification":{"decision":"started"}}}`,
			Findings{Anomalies: FullAuto{Verification: FullAutoVerification{Decision: StatusStarted}}.Anomalies()}},
		{`{"eventType":"something.new","sessionId":"s"}`, Findings{UnknownKind: true}},
	} {
		findings = nil
		w = httptest.NewRecorder()
		h.ServeHTTP(w, signed(t, tc.body, "", "s"))
		assert.Equal(t, 200, w.Code, tc.body)
		require.Len(t, findings, 1, tc.body)
		assert.Equal(t, tc.want, findings[0], tc.body)
		assert.NotZero(t, len(tc.want.Anomalies)+len(tc.want.UnknownValues)+boolInt(tc.want.UnknownKind), tc.body)
	}
	seen = nil

	seen = nil
	w = httptest.NewRecorder()
	h.ServeHTTP(w, signed(t, compact7007, "", "s"))
	assert.Equal(t, 200, w.Code)
	assert.Empty(t, seen, "known values are not reported")

	// Flow events 7008-7010 with known values, and an event without
	// attemptId (older payloads), are delivered without an unknown value.
	for _, body := range []string{
		`{"id":"i","attemptId":"a","feature":"selfid","code":7008,"action":"flow_finished","context":{"reason":"finished_screen_confirmed_clicked","state":"finished_screen_shown"}}`,
		`{"id":"i","attemptId":"a","feature":"selfid","code":7009,"action":"flow_cancelled","context":{"reason":"quit_session_confirmed","state":"client_started"}}`,
		`{"id":"i","attemptId":"a","feature":"selfid","code":7010,"action":"flow_cancelled","context":{"state":"client_started"}}`,
		`{"id":"i","feature":"selfid","code":7001,"action":"started"}`,
	} {
		seen = nil
		w = httptest.NewRecorder()
		h.ServeHTTP(w, signed(t, body, "", "s"))
		assert.Equal(t, 200, w.Code, body)
		assert.Empty(t, seen, body)
	}
}

func TestConfigErrors(t *testing.T) {
	fn := func(context.Context, Delivery) error { return nil }
	for name, cfg := range map[string]Config{
		"empty":                 {},
		"empty secret":          {Secrets: []string{""}},
		"empty secret in list":  {Secrets: []string{"a", ""}},
		"empty map":             {SecretsByAPIKey: map[string][]string{}},
		"key without secrets":   {SecretsByAPIKey: map[string][]string{"k": nil}},
		"key with empty secret": {SecretsByAPIKey: map[string][]string{"k": {""}}},
		"empty API key":         {SecretsByAPIKey: map[string][]string{"": {"s"}}},
		"both":                  {Secrets: []string{"a"}, SecretsByAPIKey: map[string][]string{"k": {"s"}}},
	} {
		t.Run(name, func(t *testing.T) {
			h, err := NewHandler(cfg, fn)
			assert.ErrorIs(t, err, ErrNoSecret)
			assert.Nil(t, h)
			rc, err := NewReceiver(cfg)
			assert.ErrorIs(t, err, ErrNoSecret)
			assert.Nil(t, rc)
		})
	}
	_, err := NewHandler(Config{Secrets: []string{"a"}, SecretsByAPIKey: map[string][]string{"k": {"s"}}}, fn)
	assert.EqualError(t, err, "webhook: Secrets and SecretsByAPIKey are both set; set one of them")
	_, err = NewHandler(Config{Secrets: []string{"a"}, MaxBodyBytes: -1}, fn)
	assert.EqualError(t, err, "webhook: MaxBodyBytes is negative (-1)")
	_, err = NewHandler(Config{Secrets: []string{"a"}, MaxBytesInFlight: -1}, fn)
	assert.EqualError(t, err, "webhook: MaxBytesInFlight (-1) is below MaxBodyBytes (1048576)")
	_, err = NewHandler(Config{Secrets: []string{"a"}, MaxBodyBytes: 100, MaxBytesInFlight: 99}, fn)
	assert.EqualError(t, err, "webhook: MaxBytesInFlight (99) is below MaxBodyBytes (100)")
	rc, err := NewReceiver(Config{Secrets: []string{"a"}, MaxBodyBytes: 100, MaxBytesInFlight: 100})
	require.NoError(t, err, "a bound of one body is allowed")
	assert.Equal(t, int64(100), rc.inFlight.max)
	rc, err = NewReceiver(Config{Secrets: []string{"a"}})
	require.NoError(t, err)
	assert.Equal(t, int64(DefaultMaxBytesInFlight), rc.inFlight.max)
	rc, err = NewReceiver(Config{Secrets: []string{"a"}, MaxBodyBytes: 100 << 20})
	require.NoError(t, err)
	assert.Equal(t, int64(100<<20+initialBodyBuffer+1), rc.inFlight.max, "the default bound holds at least one body, and the first buffer it outgrew")
	_, err = NewHandler(Config{Secrets: []string{"a"}}, nil)
	assert.Error(t, err)
}

func TestReceive(t *testing.T) {
	rc, err := NewReceiver(Config{Secrets: []string{"s"}})
	require.NoError(t, err)
	r := signed(t, compact7007, "api-key", "s")
	d, err := rc.Receive(r)
	require.NoError(t, err)
	assert.Equal(t, "api-key", d.APIKey)
	assert.Equal(t, compact7007, string(d.Body))
	assert.Equal(t, ReasonFinalDecisionReceived, d.Payload.(Event).Context.Reason)
	again, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Equal(t, compact7007, string(again), "the body can be read again after Receive")

	r = signed(t, compact7007, "api-key", "s")
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader(compact7007[:10]), errReader{}))
	_, err = rc.Receive(r)
	assert.ErrorIs(t, err, ErrReadBody)
	assert.Equal(t, 400, StatusCode(err))

	r = signed(t, compact7007, "", "s")
	r.Body = nil
	_, err = rc.Receive(r)
	assert.ErrorIs(t, err, ErrInvalidSignature, "an absent body is verified like an empty one")
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestStatusCode(t *testing.T) {
	_, parseErr := Parse([]byte(`{}`))
	for err, want := range map[error]int{
		nil:                    200,
		ErrPayloadTooLarge:     413,
		ErrMissingSignature:    401,
		ErrInvalidSignature:    401,
		ErrUnknownAPIKey:       401,
		parseErr:               400,
		ErrReadBody:            400,
		ErrNoSecret:            500,
		ErrBusy:                503,
		errors.New("other"):    500,
		context.Canceled:       500,
		errors.Join(ErrSyntax): 500, // a cause alone, outside a PayloadError, is not a payload verdict
	} {
		assert.Equal(t, want, StatusCode(err), "%v", err)
	}
}

func TestReceiveEdges(t *testing.T) {
	t.Run("no limit at all", func(t *testing.T) {
		rc, err := NewReceiver(Config{Secrets: []string{"s"}, MaxBodyBytes: math.MaxInt64})
		require.NoError(t, err)
		for _, cl := range []int64{int64(len(compact7007)), -1} {
			r := signed(t, compact7007, "", "s")
			r.ContentLength = cl
			d, err := rc.Receive(r)
			require.NoError(t, err)
			assert.Equal(t, compact7007, string(d.Body))
		}
	})
	t.Run("body kept after a body too large", func(t *testing.T) {
		rc, err := NewReceiver(Config{Secrets: []string{"s"}, MaxBodyBytes: 10})
		require.NoError(t, err)
		r := signed(t, compact7007, "", "s")
		r.ContentLength = -1 // so that reading starts
		_, err = rc.Receive(r)
		require.ErrorIs(t, err, ErrPayloadTooLarge)
		rest, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		assert.Equal(t, compact7007, string(rest))
	})
	t.Run("body kept after a read error", func(t *testing.T) {
		rc, err := NewReceiver(Config{Secrets: []string{"s"}})
		require.NoError(t, err)
		r := signed(t, compact7007, "", "s")
		r.Body = io.NopCloser(io.MultiReader(strings.NewReader("abc"), errReader{}))
		_, err = rc.Receive(r)
		require.ErrorIs(t, err, ErrReadBody)
		b := make([]byte, 10)
		n, _ := r.Body.Read(b)
		assert.Equal(t, "abc", string(b[:n]))
	})
	t.Run("declared size is not reserved up front", func(t *testing.T) {
		rc, err := NewReceiver(Config{Secrets: []string{"s"}, MaxBodyBytes: 64 << 20})
		require.NoError(t, err)
		r := signed(t, compact7007, "", "s")
		r.ContentLength = 64 << 20 // a claim the body does not keep
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err = rc.Receive(r)
		runtime.ReadMemStats(&after)
		require.NoError(t, err, "a body shorter than declared is read as it is")
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "no 64 MiB buffer for a claimed size")
	})
	t.Run("outer MaxBytesReader", func(t *testing.T) {
		rc, err := NewReceiver(Config{Secrets: []string{"s"}})
		require.NoError(t, err)
		r := signed(t, compact7007, "", "s")
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 10)
		r.ContentLength = -1
		_, err = rc.Receive(r)
		require.ErrorIs(t, err, ErrPayloadTooLarge)
		assert.Equal(t, 413, StatusCode(err))
	})
	t.Run("header names set without canonicalisation", func(t *testing.T) {
		rc, err := NewReceiver(Config{SecretsByAPIKey: map[string][]string{"k": {"s"}}})
		require.NoError(t, err)
		r := signed(t, compact7007, "", "s")
		sig := r.Header.Get(HeaderSignature)
		r.Header = http.Header{"X-HMAC-SIGNATURE": {sig}, "x-auth-client": {"k"}}
		d, err := rc.Receive(r)
		require.NoError(t, err)
		assert.Equal(t, "k", d.APIKey)
	})
}

// TestHeaderWithoutValues holds that a header present with no value is
// absent: under its canonical name or another spelling, it gives "" and
// leaves the fallback to be read, and Receive reports a missing signature.
func TestHeaderWithoutValues(t *testing.T) {
	for _, h := range []http.Header{
		{HeaderSignature: {}},
		{"x-hmac-signature": {}},
		{HeaderSignature: {}, "x-hmac-signature": {}},
	} {
		var got string
		require.NotPanics(t, func() { got = headerValue(h, HeaderSignature) }, "%v", h)
		assert.Empty(t, got, "%v", h)

		h := h.Clone()
		h["vrf-hmac-signature"] = []string{"fallback"}
		assert.Equal(t, "fallback", header(h, HeaderSignature, HeaderSignatureFallback), "%v", h)
	}

	rc, err := NewReceiver(Config{Secrets: []string{"s"}})
	require.NoError(t, err)
	r := signed(t, compact7007, "", "s")
	r.Header = http.Header{"x-hmac-signature": {}}
	require.NotPanics(t, func() { _, err = rc.Receive(r) })
	assert.ErrorIs(t, err, ErrMissingSignature)
}

// TestReadBodyBuffer holds how readBody sizes its buffers, and that it
// charges every buffer it makes: a declared length n gets one buffer of n+1
// bytes, room to see the end of the body without growing (up to
// initialBodyBuffer+1; TestReadBodyLarge goes past it); an unknown length
// (-1) one of the largest body allowed, here under initialBodyBuffer; a
// body longer than it declared one more of the largest, charged on top. A
// declared 0 is a length like any other. Each buffer is charged but for the
// byte past MaxBodyBytes, and TotalAlloc, read around each call, finds no
// more than that allocated.
func TestReadBodyBuffer(t *testing.T) {
	const max = 4096
	rc, err := NewReceiver(Config{Secrets: []string{"s"}, MaxBodyBytes: max})
	require.NoError(t, err)
	for _, tc := range []struct {
		declared int64
		size     int // of the body actually sent
		cap      int
		held     int64
	}{
		{0, 0, 1, 1},
		{1, 1, 2, 2},
		{275, 275, 276, 276},
		{max, max, max + 1, max},
		{-1, 100, max + 1, max},
		{-1, max, max + 1, max},
		{10, 100, max + 1, 11 + max}, // understated: a second buffer, charged on top
	} {
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.Body = io.NopCloser(bytes.NewReader(bytes.Repeat([]byte("x"), tc.size)))
		r.ContentLength = tc.declared
		var body []byte
		var held int64
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		require.NotPanics(t, func() { body, err = rc.readBody(r, &held) }, "declared %d", tc.declared)
		runtime.ReadMemStats(&after)
		require.NoError(t, err)
		assert.Len(t, body, tc.size)
		assert.Equal(t, tc.cap, cap(body), "declared %d", tc.declared)
		assert.Equal(t, tc.held, held, "declared %d", tc.declared)
		assert.Equal(t, held, rc.inFlight.held.Load())
		allocated := int64(after.TotalAlloc - before.TotalAlloc)
		// Go rounds an allocation up to its size class: at most 1/8 more.
		assert.LessOrEqual(t, allocated, held+held/8+1024, "declared %d: allocated %d, charged %d", tc.declared, allocated, held)
		rc.inFlight.release(held)
	}
}

// TestReadBodyLarge holds readBody on bodies past initialBodyBuffer: a
// declared one outgrows its first buffer into one of its length, an
// unknown one into one of the largest body allowed, and each outgrown
// buffer stays charged (what the collector has not freed yet). Only under
// a MaxBodyBytes above oneBuffer do buffers double, each charged.
func TestReadBodyLarge(t *testing.T) {
	const first = initialBodyBuffer + 1
	for _, tc := range []struct {
		max      int64
		declared int64
		size     int
		caps     int64 // of the body's last buffer
		held     int64
	}{
		{1 << 20, 300 << 10, 300 << 10, 300<<10 + 1, first + 300<<10 + 1},
		{1 << 20, -1, 300 << 10, 1<<20 + 1, first + 1<<20},
		{1 << 20, -1, 1 << 20, 1<<20 + 1, first + 1<<20},
		{1 << 20, 100 << 10, 200 << 10, 1<<20 + 1, first + 100<<10 + 1 + 1<<20}, // understated
		{1 << 20, first, first, first + 1, first + first + 1},                   // one byte past the first buffer: a buffer of its length
		{DefaultMaxBytesInFlight, -1, 300 << 10, oneBuffer, first + DefaultMaxBytesInFlight},
		{DefaultMaxBytesInFlight + 1, -1, 300 << 10, 8 * first, DefaultMaxBytesInFlight + 1}, // buffers that double, under the reserve
	} {
		rc, err := NewReceiver(Config{Secrets: []string{"s"}, MaxBodyBytes: tc.max})
		require.NoError(t, err)
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.Body = io.NopCloser(bytes.NewReader(bytes.Repeat([]byte("x"), tc.size)))
		r.ContentLength = tc.declared
		var held int64
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		body, err := rc.readBody(r, &held)
		runtime.ReadMemStats(&after)
		require.NoError(t, err, "max %d, declared %d", tc.max, tc.declared)
		assert.Len(t, body, tc.size)
		assert.Equal(t, tc.caps, int64(cap(body)), "max %d, declared %d", tc.max, tc.declared)
		assert.Equal(t, tc.held, held, "max %d, declared %d", tc.max, tc.declared)
		allocated := int64(after.TotalAlloc - before.TotalAlloc)
		// Go rounds an allocation up to its size class: at most 1/8 more.
		assert.LessOrEqual(t, allocated, held+held/8+1024, "max %d, declared %d: allocated %d, charged %d", tc.max, tc.declared, allocated, held)
		rc.inFlight.release(held)
	}
	// A body of up to initialBodyBuffer bytes outgrows nothing: the bound
	// need only hold it. Past the range of int64, the body alone.
	rc64, err := NewReceiver(Config{Secrets: []string{"s"}, MaxBodyBytes: initialBodyBuffer, MaxBytesInFlight: initialBodyBuffer})
	require.NoError(t, err)
	assert.Equal(t, int64(initialBodyBuffer), rc64.inFlight.max)
	assert.Equal(t, int64(initialBodyBuffer+1+first), minBytesInFlight(initialBodyBuffer+1))
	assert.Equal(t, int64(math.MaxInt64), minBytesInFlight(math.MaxInt64-first), "the last max that fits")
	assert.Equal(t, int64(math.MaxInt64-first+1), minBytesInFlight(math.MaxInt64-first+1), "no overflow")
	assert.Equal(t, int64(math.MaxInt64), minBytesInFlight(math.MaxInt64))

	// The bound lets one body of the largest size through alone, with the
	// first buffer it outgrew: no less is accepted.
	_, err = NewReceiver(Config{Secrets: []string{"s"}, MaxBodyBytes: 1 << 20, MaxBytesInFlight: 1 << 20})
	assert.EqualError(t, err, "webhook: MaxBytesInFlight (1048576) is below 1114113, MaxBodyBytes (1048576) and the first buffer (65537) a body of that size outgrows")
	_, err = NewReceiver(Config{Secrets: []string{"s"}, MaxBodyBytes: 1 << 20, MaxBytesInFlight: 1<<20 + first - 1})
	assert.Error(t, err, "one byte short")
	rc, err := NewReceiver(Config{Secrets: []string{"s"}, MaxBodyBytes: 1 << 20, MaxBytesInFlight: 1<<20 + first})
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(bytes.Repeat([]byte("x"), 1<<20)))
	r.ContentLength = -1
	var held int64
	_, err = rc.readBody(r, &held)
	assert.NoError(t, err, "alone, the largest body fits")
}

// TestReceiveUnderstatedLength holds that a declared length is only the
// sender's claim: a body longer than its Content-Length, 0 included, is
// read in full, verified and parsed.
func TestReceiveUnderstatedLength(t *testing.T) {
	rc, err := NewReceiver(Config{Secrets: []string{"s"}})
	require.NoError(t, err)
	for _, declared := range []int64{0, 1, 100} {
		r := signed(t, compact7007, "", "s")
		r.ContentLength = declared
		var d Delivery
		require.NotPanics(t, func() { d, err = rc.Receive(r) }, "declared %d", declared)
		require.NoError(t, err, "declared %d", declared)
		assert.Equal(t, compact7007, string(d.Body))
		assert.Equal(t, CodeWaitingComplete, d.Payload.(Event).Code)
	}
}

// TestRejectLogsAPIKey holds what the log line of a rejected delivery says
// of its API key (X-Auth-Client, or Vrf-Auth-Client): the key when it has
// at most 64 bytes, its first 64 bytes and "..." when longer, and no
// api_key attribute when there is none.
func TestRejectLogsAPIKey(t *testing.T) {
	key64 := strings.Repeat("k", 63) + "z"
	key65 := key64 + "Q"
	for _, tc := range []struct {
		header, key string
		logged      string // "" for no api_key attribute
	}{
		{HeaderAuthClient, "", ""},
		{HeaderAuthClient, "live-key", "api_key=live-key\n"},
		{HeaderAuthClientFallback, "test-key", "api_key=test-key\n"},
		{HeaderAuthClient, key64, "api_key=" + key64 + "\n"},
		{HeaderAuthClient, key65, "api_key=" + key64 + "...\n"},
	} {
		var logs bytes.Buffer
		h, err := NewHandler(Config{Secrets: []string{"s"}, Logger: slog.New(slog.NewTextHandler(&logs, nil))},
			func(context.Context, Delivery) error { return nil })
		require.NoError(t, err)
		r := withHeaders(signed(t, compact7007, "", "wrong"), tc.header, tc.key)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		require.Equal(t, http.StatusUnauthorized, w.Code)
		require.Contains(t, logs.String(), "delivery rejected")
		if tc.logged == "" {
			assert.NotContains(t, logs.String(), "api_key", tc.key)
		} else {
			assert.Contains(t, logs.String(), tc.logged)
		}
		assert.NotContains(t, logs.String(), key65)
	}
}

// TestReceiveMemory holds that the memory a delivery costs follows the
// size of its body, not where its strings stand in it: Receive allocates
// the body once (its declared length and a byte), and Parse the event's
// strings once, with a scratch copy of each escaped string, no more.
// (Here rather than in parse_test.go for runtime.MemStats.)
func TestReceiveMemory(t *testing.T) {
	// A long string, then an escaped one far into the body.
	body := strings.Replace(compact7007, `"QWE123"`, `"`+strings.Repeat("x", 30000)+`"`, 1)
	body = strings.Replace(body, `"a1b2c35d-e8f7-6d5e-3cd2-a1b2c35db3d4"`, `"`+strings.Repeat("y", 1000)+`\u0041"`, 1)
	rc, err := NewReceiver(Config{Secrets: []string{"s"}})
	require.NoError(t, err)
	const runs = 20
	reqs := make([]*http.Request, runs)
	for i := range reqs {
		reqs[i] = signed(t, body, "", "s")
	}
	_, err = rc.Receive(signed(t, body, "", "s")) // fills the pool of Verify
	require.NoError(t, err)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, r := range reqs {
		if _, err := rc.Receive(r); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	perDelivery := (after.TotalAlloc - before.TotalAlloc) / runs
	t.Logf("%d bytes allocated per delivery of %d bytes", perDelivery, len(body))
	assert.LessOrEqual(t, perDelivery, uint64(2*len(body)+8<<10))
}

// handlerDocInput is a delivery that makes the Handler answer one status
// of docs/handler.md's table.
type handlerDocInput struct {
	name string
	cfg  func(*Config)                    // nil: one secret, "s"
	fn   func() error                     // what the HandlerFunc does; nil returns nil
	req  func(t *testing.T) *http.Request // signed with "s" unless it is the point
	busy bool                             // another delivery holds the whole bound on bytes in flight meanwhile
}

// handlerDocInputs maps each status of docs/handler.md's table to inputs
// that produce it, between them every "when" of its rows.
var handlerDocInputs = map[int][]handlerDocInput{
	200: {
		{name: "signed event", req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", "s") }},
		{name: "signed object of an unknown kind", req: func(t *testing.T) *http.Request { return signed(t, `{"id":1}`, "k", "s") }},
	},
	400: {
		{name: "signed invalid payload", cfg: func(c *Config) { c.OnInvalidPayload = func(context.Context, Delivery, error) {} },
			req: func(t *testing.T) *http.Request {
				return signed(t, `{"id":1,"action":"started","code":7001}`, "k", "s")
			}},
		{name: "signed empty body", req: func(t *testing.T) *http.Request { return signed(t, ``, "k", "s") }},
		{name: "body unreadable", req: func(t *testing.T) *http.Request {
			r := signed(t, compact7007, "k", "s")
			r.Body = io.NopCloser(io.MultiReader(strings.NewReader(compact7007[:10]), errReader{}))
			return r
		}},
	},
	401: {
		{name: "missing signature", req: func(t *testing.T) *http.Request {
			return withHeaders(signed(t, compact7007, "k", "s"), HeaderSignature, "")
		}},
		{name: "wrong secret", req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", "another-secret") }},
		{name: "unknown API key", cfg: func(c *Config) { c.Secrets, c.SecretsByAPIKey = nil, map[string][]string{"live-key": {"s"}} },
			req: func(t *testing.T) *http.Request { return signed(t, compact7007, "stolen-key", "s") }},
	},
	405: {
		{name: "GET", req: func(t *testing.T) *http.Request {
			r := signed(t, compact7007, "k", "s")
			r.Method = http.MethodGet
			return r
		}},
	},
	413: {
		{name: "one byte over MaxBodyBytes", cfg: func(c *Config) { c.MaxBodyBytes = int64(len(compact7007)) },
			req: func(t *testing.T) *http.Request { return signed(t, compact7007+" ", "k", "s") }},
		{name: "over the default limit", req: func(t *testing.T) *http.Request {
			return signed(t, `{"pad":"`+strings.Repeat("x", DefaultMaxBodyBytes)+`"}`, "k", "s")
		}},
	},
	500: {
		{name: "the function fails", fn: func() error { return errors.New("database down") },
			req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", "s") }},
		{name: "the function panics", fn: func() error { panic("boom") },
			req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", "s") }},
		{name: "OnUnknown panics", cfg: func(c *Config) { c.OnUnknown = func(context.Context, Delivery, Findings) { panic("boom") } },
			req: func(t *testing.T) *http.Request { return signed(t, `{"id":1}`, "k", "s") }},
		{name: "OnInvalidPayload panics", cfg: func(c *Config) { c.OnInvalidPayload = func(context.Context, Delivery, error) { panic("boom") } },
			req: func(t *testing.T) *http.Request {
				return signed(t, `{"id":1,"action":"started","code":7001}`, "k", "s")
			}},
		{name: "reading the body panics", req: func(t *testing.T) *http.Request {
			r := signed(t, compact7007, "k", "s")
			r.Body = io.NopCloser(panicReader{})
			return r
		}},
	},
	503: {
		{name: "the bound is held", busy: true, req: func(t *testing.T) *http.Request { return signed(t, compact7007, "k", "s") }},
	},
}

// TestDocsHandlerTable holds docs/handler.md's table of what the Handler
// answers to the Handler: each status it lists is produced by the inputs
// handlerDocInputs gives it, and no input produces a status it does not
// list; the header a row names is on each of the status's answers, and on
// no other; and whether the HandlerFunc was called, over a status's
// inputs, is what its rows say (a status may have a row for each).
func TestDocsHandlerTable(t *testing.T) {
	rows := markdownTable(t, filepath.Join("docs", "handler.md"), "| status | when | your function called |")
	statusCell := regexp.MustCompile("^([0-9]{3})(?: \\(with `([A-Za-z-]+)(?:: ([^`]+))?`\\))?$")
	type header struct{ name, value string } // value "": any, but one
	called := map[int]map[bool]bool{}        // the status's rows' "your function called"
	headers := map[int]header{}
	named := map[string]bool{} // every header a row names
	for _, row := range rows {
		m := statusCell.FindStringSubmatch(row[0])
		require.NotNil(t, m, "docs/handler.md: a status, and maybe (with `Header: value`): %q", row[0])
		status, _ := strconv.Atoi(m[1])
		require.Contains(t, []string{"yes", "no"}, row[2], "docs/handler.md, %d: your function called", status)
		if called[status] == nil {
			called[status] = map[bool]bool{}
		}
		require.False(t, called[status][row[2] == "yes"], "docs/handler.md: two rows of %d say %s", status, row[2])
		called[status][row[2] == "yes"] = true
		if m[2] != "" {
			h, ok := headers[status]
			require.True(t, !ok || h == header{m[2], m[3]}, "docs/handler.md: the rows of %d name different headers", status)
			headers[status] = header{m[2], m[3]}
			named[m[2]] = true
		}
	}
	require.NotEmpty(t, rows)

	for status := range called {
		_, ok := handlerDocInputs[status]
		assert.True(t, ok, "docs/handler.md lists %d, and no input of handlerDocInputs produces it", status)
	}
	for status, inputs := range handlerDocInputs {
		require.NotEmpty(t, inputs, "%d", status)
		_, listed := called[status]
		assert.True(t, listed, "docs/handler.md does not list %d, which %q produces", status, inputs[0].name)
		seen := map[bool]bool{}
		for _, in := range inputs {
			t.Run(fmt.Sprintf("%d %s", status, in.name), func(t *testing.T) {
				cfg := Config{Secrets: []string{"s"}, Logger: slog.New(slog.DiscardHandler)}
				if in.cfg != nil {
					in.cfg(&cfg)
				}
				fnCalled := false
				h, err := NewHandler(cfg, func(context.Context, Delivery) error {
					fnCalled = true
					if in.fn != nil {
						return in.fn()
					}
					return nil
				})
				require.NoError(t, err)
				if in.busy {
					require.True(t, h.rc.inFlight.acquire(h.rc.inFlight.max))
					defer h.rc.inFlight.release(h.rc.inFlight.max)
				}
				w := httptest.NewRecorder()
				require.NotPanics(t, func() { h.ServeHTTP(w, in.req(t)) })
				assert.Equal(t, status, w.Code, "the input of %d", status)
				seen[fnCalled] = true
				for name := range named {
					got := w.Header().Get(name)
					switch want, ok := headers[status]; {
					case !ok || want.name != name:
						assert.Empty(t, got, "%s on a %d: docs/handler.md does not say so", name, status)
					case want.value != "":
						assert.Equal(t, want.value, got, "%s on a %d", name, status)
					default:
						assert.NotEmpty(t, got, "%s on a %d", name, status)
					}
				}
			})
		}
		if listed {
			assert.Equal(t, called[status], seen, "docs/handler.md, %d: your function called (true: yes), by its rows and by its inputs", status)
		}
	}
}
