package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/veriffapi"
)

// TestServe runs the local Veriff as a shell would, reads its URL, key and
// secret from what it prints, creates a session through the API, plays a
// scenario from the session's page, and sees the webhooks arrive, signed.
func TestServe(t *testing.T) {
	var got atomic.Int64
	var secret atomic.Value
	hooks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if s, _ := secret.Load().(string); assert.NoError(t, webhook.Verify(b, r.Header.Get("X-Hmac-Signature"), s)) {
			got.Add(1)
		}
	}))
	defer hooks.Close()

	var stderr syncBuilder
	sv := startServe(t, &stderr, "-webhook-url", hooks.URL+"/webhooks/veriff", "-seed", "7")
	ctx, fields := sv.ctx, sv.fields
	secret.Store(fields["shared secret"])
	assert.Equal(t, hooks.URL+"/webhooks/veriff", fields["webhooks"])

	c, err := veriffapi.NewClient(fields["API key"], fields["shared secret"], veriffapi.WithBaseURL(fields["url"]))
	require.NoError(t, err)
	s, err := c.CreateSession(ctx, veriffapi.SessionRequest{})
	require.NoError(t, err)
	resp, err := http.PostForm(s.URL, map[string][]string{"scenario": {"approved"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, int64(3), got.Load(), "started, submitted, approved")
	d, err := c.Decision(ctx, s.ID)
	require.NoError(t, err)
	assert.Equal(t, webhook.StatusApproved, d.Verification.Status)

	assert.Equal(t, exitOK, sv.stop())
	log := stderr.String()
	assert.Contains(t, log, "POST /v1/sessions: 201")
	assert.Contains(t, log, "GET /v1/sessions/{id}/decision (id "+s.ID+"): 200")
	assert.Contains(t, log, "webhook decision approved (session "+s.ID+"): 200")
}

// served is a veriffhook serve running in the test, and what it printed.
type served struct {
	ctx    context.Context
	fields map[string]string // "url", "API key", "shared secret", "webhooks"
	stop   func() int        // interrupts it and returns its exit status
}

// startServe runs veriffhook serve on a free port with args, and reads its
// URL, keys and webhook target from what it prints.
func startServe(t *testing.T, stderr io.Writer, args ...string) served {
	ctx, cancel := context.WithCancel(t.Context())
	out, w := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code := run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), nil, w, stderr)
		w.Close()
		done <- code
	}()
	fields := map[string]string{}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		line := lines.Text()
		if rest, ok := strings.CutPrefix(line, "local Veriff at "); ok {
			fields["url"], _, _ = strings.Cut(rest, " ")
		}
		if k, v, ok := strings.Cut(strings.TrimSpace(line), ":"); ok {
			fields[k] = strings.TrimSpace(v)
		}
		if strings.HasPrefix(line, "a session's URL") {
			break
		}
	}
	require.NotEmpty(t, fields["url"], "serve printed no URL")
	go func() { _, _ = io.Copy(io.Discard, out) }()
	return served{ctx: ctx, fields: fields, stop: func() int { cancel(); return <-done }}
}

// syncBuilder is a strings.Builder safe for the server's goroutines.
type syncBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "-webhook-url", "localhost:8080/hooks"},
		{"serve", "-addr", "127.0.0.1:99999"},
		{"serve", "-api-key", "not-a-uuid", "-addr", "127.0.0.1:0"},
		{"serve", "extra"},
	} {
		var stdout, stderr strings.Builder
		code := run(t.Context(), args, nil, &stdout, &stderr)
		assert.Equal(t, exitUsage, code, "%v: %s", args, stderr.String())
		assert.Empty(t, stdout.String(), "%v: nothing started", args)
	}
	var stderr strings.Builder
	assert.Equal(t, exitOK, run(t.Context(), []string{"serve", "-h"}, nil, io.Discard, &stderr))
	assert.Contains(t, stderr.String(), "-webhook-url")
	assert.NotContains(t, stderr.String(), "-shuffle", "only serve's flags")
}

// TestServeDefaults: without -seed, the keys are the same at every start
// (a backend's configuration survives a restart) and the session ids are
// not (a receiver's stored sessions are never handed out again).
func TestServeDefaults(t *testing.T) {
	start := func() (key, secret, session string) {
		sv := startServe(t, io.Discard)
		c, err := veriffapi.NewClient(sv.fields["API key"], sv.fields["shared secret"], veriffapi.WithBaseURL(sv.fields["url"]))
		require.NoError(t, err)
		s, err := c.CreateSession(sv.ctx, veriffapi.SessionRequest{})
		require.NoError(t, err)
		sv.stop()
		return sv.fields["API key"], sv.fields["shared secret"], s.ID
	}
	k1, s1, id1 := start()
	k2, s2, id2 := start()
	assert.Equal(t, defaultAPIKey, k1)
	assert.Equal(t, defaultSecret, s1)
	assert.Equal(t, k1+s1, k2+s2, "the same keys")
	assert.NotEqual(t, id1, id2, "new session ids")
}
