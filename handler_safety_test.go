package webhook

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHandlerPanic holds that a panic in the HandlerFunc, OnUnknown or
// OnInvalidPayload is answered 500 (Veriff retries) and logged at Error
// with the kind, session, idempotency key and stack, never the body.
func TestHandlerPanic(t *testing.T) {
	const secret = "s"
	decision, err := NewSignedRequest("/", []byte(compactDecisionForPanic), "", secret)
	require.NoError(t, err)
	body, _ := io.ReadAll(decision.Body)
	for _, tc := range []struct {
		name string
		cfg  func(*Config)
		fn   HandlerFunc
		body string
		kind string // "" when the body does not parse
	}{
		{name: "handler function", body: string(body), kind: "decision",
			fn: func(context.Context, Delivery) error { panic("boom") }},
		{name: "handler function, an error value", body: string(body), kind: "decision",
			fn: func(context.Context, Delivery) error { panic(fmt.Errorf("wrapped %w", io.EOF)) }},
		{name: "OnUnknown", body: `{"id":"i","feature":"selfid","code":7001,"action":"paused","vendorData":"body-marker"}`, kind: "event",
			cfg: func(c *Config) { c.OnUnknown = func(context.Context, Delivery, Findings) { panic("boom") } }},
		{name: "OnInvalidPayload", body: `{"id":"i","feature":"selfid","code":"x","action":"started","vendorData":"body-marker"}`,
			cfg: func(c *Config) { c.OnInvalidPayload = func(context.Context, Delivery, error) { panic("boom") } }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log bytes.Buffer
			cfg := Config{Secrets: []string{secret}, Logger: slog.New(slog.NewJSONHandler(&log, nil))}
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			fn := tc.fn
			if fn == nil {
				fn = func(context.Context, Delivery) error { return nil }
			}
			h, err := NewHandler(cfg, fn)
			require.NoError(t, err)
			w := httptest.NewRecorder()
			require.NotPanics(t, func() { h.ServeHTTP(w, signed(t, tc.body, "", secret)) })
			assert.Equal(t, 500, w.Code)
			out := log.String()
			assert.Contains(t, out, `"level":"ERROR","msg":"webhook: panic while handling a delivery"`)
			assert.Contains(t, out, `"panic":"`)
			assert.Contains(t, out, `"idempotency_key":"`)
			assert.Contains(t, out, "handler_safety_test.go", "the stack is logged")
			if tc.kind != "" {
				assert.Contains(t, out, `"kind":"`+tc.kind+`"`)
				assert.Contains(t, out, `"session_id":"`)
			}
			assert.NotContains(t, out, `body-marker`, "never the body")
			assert.Equal(t, int64(0), h.rc.inFlight.held.Load(), "the body's share is released")
		})
	}

	t.Run("without a Logger, slog.Default", func(t *testing.T) {
		var log bytes.Buffer
		defer slog.SetDefault(slog.Default())
		slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
		h, err := NewHandler(Config{Secrets: []string{secret}}, func(context.Context, Delivery) error { panic("boom") })
		require.NoError(t, err)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, signed(t, compact7007, "", secret))
		assert.Equal(t, 500, w.Code)
		assert.Contains(t, log.String(), "panic while handling a delivery")
	})

	t.Run("http.ErrAbortHandler goes on to net/http", func(t *testing.T) {
		h, err := NewHandler(Config{Secrets: []string{secret}}, func(context.Context, Delivery) error { panic(http.ErrAbortHandler) })
		require.NoError(t, err)
		assert.PanicsWithValue(t, http.ErrAbortHandler, func() { h.ServeHTTP(httptest.NewRecorder(), signed(t, compact7007, "", secret)) })
	})
}

const compactDecisionForPanic = `{"status":"success","verification":{"id":"12df6045-3846-3e45-946a-14fa6136d78b","attemptId":"a","status":"approved","code":9001,"person":{"firstName":"body-marker"}}}`

// panicReader panics on its first Read.
type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("read failed") }

// TestPanicInRead holds that a panic in a body's Read, after part of the
// bound on bytes in flight was taken for it, gives that part back: through
// the Handler, which answers 500, and through Receive, which lets the panic
// go on.
func TestPanicInRead(t *testing.T) {
	var log bytes.Buffer
	h, err := NewHandler(Config{Secrets: []string{"s"}, Logger: slog.New(slog.NewJSONHandler(&log, nil))},
		func(context.Context, Delivery) error { return nil })
	require.NoError(t, err)
	r := signed(t, compact7007, "", "s")
	r.Body = io.NopCloser(panicReader{})
	w := httptest.NewRecorder()
	require.NotPanics(t, func() { h.ServeHTTP(w, r) })
	assert.Equal(t, 500, w.Code)
	assert.Contains(t, log.String(), `"panic":"read failed"`)
	assert.NotContains(t, log.String(), `idempotency_key`, "nothing verified to name")
	assert.Equal(t, int64(0), h.rc.inFlight.held.Load())

	r = signed(t, compact7007, "", "s")
	r.Body = io.NopCloser(panicReader{})
	assert.PanicsWithValue(t, "read failed", func() { _, _ = h.rc.Receive(r) })
	assert.Equal(t, int64(0), h.rc.inFlight.held.Load())
}

// TestWriteError holds that WriteError answers as the Handler does.
func TestWriteError(t *testing.T) {
	for err, want := range map[error]int{ErrBusy: 503, ErrInvalidSignature: 401, ErrPayloadTooLarge: 413, io.EOF: 500} {
		w := httptest.NewRecorder()
		WriteError(w, err)
		assert.Equal(t, want, w.Code, "%v", err)
		assert.Equal(t, http.StatusText(want)+"\n", w.Body.String())
		assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
		if want == 503 {
			assert.Equal(t, "60", w.Header().Get("Retry-After"))
			assert.Equal(t, "close", w.Header().Get("Connection"))
		} else {
			assert.Empty(t, w.Header().Get("Retry-After"))
			assert.Empty(t, w.Header().Get("Connection"))
		}
	}
}

// TestHandlerAnomalies holds that a delivery with an anomaly is delivered
// (200), logged at Info with the anomaly, and counted through OnUnknown.
func TestHandlerAnomalies(t *testing.T) {
	var log bytes.Buffer
	var counted []Delivery
	h, err := NewHandler(Config{Secrets: []string{"s"}, Logger: slog.New(slog.NewJSONHandler(&log, nil)),
		OnUnknown: func(_ context.Context, d Delivery, _ Findings) { counted = append(counted, d) }},
		func(context.Context, Delivery) error { return nil })
	require.NoError(t, err)
	for _, tc := range []struct{ body, anomaly string }{
		{`{"id":"i","feature":"selfid","code":7001,"action":"submitted"}`, `action: \"submitted\" does not go with code 7001`},
		{`{"verification":{"id":"i","status":"declined","code":9001}}`, `verification.code: 9001 does not go with the status \"declined\"`},
		{`{"eventType":"fullauto","sessionId":"i","data":{"verification":{"decision":"started"}}}`, `data.verification.decision: \"started\"`},
	} {
		log.Reset()
		counted = nil
		w := httptest.NewRecorder()
		h.ServeHTTP(w, signed(t, tc.body, "", "s"))
		assert.Equal(t, 200, w.Code, tc.body)
		assert.Len(t, counted, 1, tc.body)
		assert.Contains(t, log.String(), `"level":"INFO","msg":"webhook: delivery holds anomalies"`, tc.body)
		assert.Contains(t, log.String(), tc.anomaly)
		assert.Contains(t, log.String(), `"session_id":"i"`)
		assert.NotContains(t, log.String(), `"members"`, "no unknown value, no members")
	}
	// Unknown values alone: the members, and no anomalies.
	log.Reset()
	counted = nil
	w0 := httptest.NewRecorder()
	h.ServeHTTP(w0, signed(t, `{"id":"i","feature":"selfid","code":7001,"action":"paused"}`, "", "s"))
	assert.Equal(t, 200, w0.Code)
	assert.Len(t, counted, 1)
	assert.Contains(t, log.String(), `"msg":"webhook: delivery holds unknown values"`)
	assert.Contains(t, log.String(), `"members":["action"]`)
	assert.NotContains(t, log.String(), `"anomalies"`)
	log.Reset()
	counted = nil
	w := httptest.NewRecorder()
	h.ServeHTTP(w, signed(t, `{"id":"i","feature":"selfid","code":7001,"action":"started"}`, "", "s"))
	assert.Equal(t, 200, w.Code)
	assert.Empty(t, counted, "no anomaly, nothing counted")
	assert.Empty(t, log.String())
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestBytesInFlight holds the bound on body bytes in flight: a declared
// length that would pass it is refused before a byte is read, and so is a
// chunked body whose buffer (the largest body allowed) would, each with
// ErrBusy, and every byte taken is given back.
func TestBytesInFlight(t *testing.T) {
	rc, err := NewReceiver(Config{Secrets: []string{"s"}, MaxBodyBytes: 4096, MaxBytesInFlight: 4096})
	require.NoError(t, err)
	body := `{"id":"i","feature":"selfid","code":7001,"action":"started","vendorData":"` + strings.Repeat("v", 1900) + `"}`

	r := signed(t, body, "", "s")
	_, err = rc.Receive(r)
	require.NoError(t, err, "alone, it fits")
	assert.Equal(t, int64(0), rc.inFlight.held.Load(), "Receive gives its share back")

	require.True(t, rc.inFlight.acquire(3000)) // other requests hold 3000 bytes
	r = signed(t, body, "", "s")
	cr := &countingReader{r: r.Body}
	r.Body = io.NopCloser(cr)
	_, err = rc.Receive(r)
	assert.ErrorIs(t, err, ErrBusy, "declared: refused")
	assert.Equal(t, 0, cr.n, "before any of the body is read")
	assert.Equal(t, int64(3000), rc.inFlight.held.Load())

	r = signed(t, body, "", "s")
	r.ContentLength = -1 // chunked
	cr = &countingReader{r: r.Body}
	r.Body = io.NopCloser(cr)
	_, err = rc.Receive(r)
	assert.ErrorIs(t, err, ErrBusy, "chunked: refused with its buffer, the largest body allowed")
	assert.Zero(t, cr.n, "before any of the body is read")
	rest, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Equal(t, body, string(rest), "the body can still be read whole")
	assert.Equal(t, int64(3000), rc.inFlight.held.Load())

	rc.inFlight.release(3000)
	r = signed(t, body, "", "s")
	r.ContentLength = -1
	_, err = rc.Receive(r)
	assert.NoError(t, err, "chunked, alone, it fits")
	assert.Equal(t, int64(0), rc.inFlight.held.Load())

	assert.False(t, rc.inFlight.acquire(4097))
	assert.True(t, rc.inFlight.acquire(4096))
	assert.False(t, rc.inFlight.acquire(1))
	rc.inFlight.release(4096)
}

// TestHandlerBusy holds that the Handler answers ErrBusy with 503 and
// Retry-After, and keeps a body's share until its HandlerFunc returns.
func TestHandlerBusy(t *testing.T) {
	inside, release := make(chan struct{}), make(chan struct{})
	h, err := NewHandler(Config{Secrets: []string{"s"}, MaxBodyBytes: 300, MaxBytesInFlight: 300},
		func(context.Context, Delivery) error { inside <- struct{}{}; <-release; return nil })
	require.NoError(t, err)
	first := httptest.NewRecorder()
	done := make(chan struct{})
	go func() { h.ServeHTTP(first, signed(t, compact7007, "", "s")); close(done) }()
	<-inside
	w := httptest.NewRecorder()
	h.ServeHTTP(w, signed(t, compact7007, "", "s"))
	assert.Equal(t, 503, w.Code, "the first body is still held")
	assert.Equal(t, "60", w.Header().Get("Retry-After"))
	assert.Equal(t, "close", w.Header().Get("Connection"), "no reading of the body it refused")
	close(release)
	<-done
	assert.Equal(t, 200, first.Code)
	assert.Equal(t, int64(0), h.rc.inFlight.held.Load())
	go func() { <-inside }()
	w = httptest.NewRecorder()
	h.ServeHTTP(w, signed(t, compact7007, "", "s"))
	assert.Equal(t, 200, w.Code, "answered again once the first is done")
	assert.Empty(t, w.Header().Get("Retry-After"))
}

// TestFloodBounded holds 500 connections half-sending bodies just under
// MaxBodyBytes against a real server, with a declared length and chunked:
// what the server allocates meanwhile (TotalAlloc, garbage included, which
// is what the heap holds until the collector runs) stays near the bound
// rather than near 300 bodies or twice the bound, the connections past the
// bound get 503 at once, and the server answers again once they go.
func TestFloodBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("500 connections")
	}
	for _, chunked := range []bool{false, true} {
		name := map[bool]string{false: "declared", true: "chunked"}[chunked]
		t.Run(name, func(t *testing.T) { flood(t, chunked) })
	}
}

func flood(t *testing.T, chunked bool) {
	const (
		conns    = 500
		maxBody  = 1 << 20
		bound    = 64 << 20
		declared = maxBody - 1
	)
	h, err := NewHandler(Config{Secrets: []string{"s"}, MaxBodyBytes: maxBody, MaxBytesInFlight: bound},
		func(context.Context, Delivery) error { return nil })
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()

	// Each connection sends its headers and half its body, and reads its
	// answer meanwhile: the ones past the bound get 503 at once, the others
	// wait for the rest of their body until the connections close. A
	// chunked body goes in chunks of 64 KiB.
	half := bytes.Repeat([]byte("x"), declared/2)
	header := fmt.Sprintf("POST / HTTP/1.1\r\nHost: x\r\nX-Hmac-Signature: %s\r\nContent-Length: %d\r\n\r\n", strings.Repeat("0", 64), declared)
	var sent []byte
	if chunked {
		header = fmt.Sprintf("POST / HTTP/1.1\r\nHost: x\r\nX-Hmac-Signature: %s\r\nTransfer-Encoding: chunked\r\n\r\n", strings.Repeat("0", 64))
		for rest := half; len(rest) > 0; {
			n := min(len(rest), 64<<10)
			sent = fmt.Appendf(sent, "%x\r\n%s\r\n", n, rest[:n])
			rest = rest[n:]
		}
	} else {
		sent = half
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	var busy atomic.Int32
	var writers, readers sync.WaitGroup
	open := make([]net.Conn, 0, conns)
	for range conns {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		require.NoError(t, err)
		open = append(open, c)
		readers.Add(1)
		go func() {
			defer readers.Done()
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err == nil && resp.StatusCode == 503 && resp.Header.Get("Retry-After") != "" {
				busy.Add(1)
			}
		}()
		writers.Add(1)
		go func() {
			defer writers.Done()
			io.WriteString(c, header)
			_, _ = c.Write(sent) // fails once a 503 closed the connection
		}()
	}
	writers.Wait()
	// Every connection the bound has no room for: a body takes its first
	// buffer and one of its full size.
	perBody := int64(initialBodyBuffer + 1 + maxBody)
	past := int32(conns - bound/perBody)
	for deadline := time.Now().Add(time.Minute); busy.Load() < past && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond) // waits for an event, asserts no duration
	}
	held := h.rc.inFlight.held.Load()
	var during runtime.MemStats
	runtime.ReadMemStats(&during)
	allocated := int64(during.TotalAlloc - before.TotalAlloc)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapInuse) - int64(before.HeapInuse)
	t.Logf("%d connections half-sent %d of %d bytes; %d answered 503; %d bytes held in flight; allocated meanwhile %.1f MiB, "+
		"heap in use %.1f MiB before a collection, %.1f MiB more than at the start after one (bound %d MiB; unbounded, %d MiB of bodies)",
		conns, len(half), declared, busy.Load(), held, float64(allocated)/(1<<20), float64(during.HeapInuse)/(1<<20),
		float64(grown)/(1<<20), bound>>20, conns*declared>>20)
	assert.LessOrEqual(t, held, int64(bound))
	assert.Greater(t, held, int64(bound)-2*perBody, "the bound is filled")
	assert.GreaterOrEqual(t, busy.Load(), past, "every connection past the bound gets 503")
	// The connections' own buffers (net/http's, about 8 KiB each) come on
	// top of the bodies': 500 of them are under 5 MiB.
	assert.Less(t, allocated, int64(bound+bound/8+5<<20), "what is allocated stays near the bound")
	assert.Less(t, grown, int64(bound+bound/8+5<<20), "heap in use stays near the bound")

	for _, c := range open {
		c.Close()
	}
	readers.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for h.rc.inFlight.held.Load() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	require.Equal(t, int64(0), h.rc.inFlight.held.Load(), "every share given back once the connections go")
	req, err := NewSignedRequest(srv.URL, []byte(compact7007), "", "s")
	require.NoError(t, err)
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode, "the server answers again")
}

// TestZeroReceiverAndHandler: a Receiver or Handler that its constructor
// did not make fails with an error naming the constructor and answers 500
// (the server's fault), never a status about the request, never a panic.
func TestZeroReceiverAndHandler(t *testing.T) {
	for _, rc := range []*Receiver{{}, nil} {
		r := signed(t, compact7007, "", "s")
		d, err := rc.Receive(r)
		assert.ErrorIs(t, err, ErrNoSecret)
		assert.ErrorContains(t, err, "NewReceiver")
		assert.Equal(t, 500, StatusCode(err))
		assert.Equal(t, Delivery{}, d)
	}

	var logs bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	for _, h := range []*Handler{{}, nil, {rc: &Receiver{}}} {
		w := httptest.NewRecorder()
		assert.NotPanics(t, func() { h.ServeHTTP(w, signed(t, compact7007, "", "s")) })
		assert.Equal(t, 500, w.Code)
	}
	assert.Contains(t, logs.String(), "NewHandler")
}
