package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
)

// syncBuffer is the server's stderr in a test: written by the server's
// goroutines, read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func env(secret string) func(string) string {
	return func(name string) string {
		if name == "WEBHOOK_SECRET" {
			return secret
		}
		return ""
	}
}

var listening = regexp.MustCompile(`msg=listening addr=(\S+)`)

// TestListeningOnceBound holds the "listening" line to the truth: it comes
// once the address is bound, and names the address bound, so a client that
// reads it can connect at once, also to a port the system chose.
func TestListeningOnceBound(t *testing.T) {
	const secret = "test-secret"
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stderr syncBuffer
	status := make(chan int, 1)
	go func() { status <- run(ctx, []string{"-addr", "127.0.0.1:0"}, env(secret), &stderr) }()

	var addr string
	for deadline := time.Now().Add(30 * time.Second); addr == ""; time.Sleep(5 * time.Millisecond) {
		if m := listening.FindStringSubmatch(stderr.String()); m != nil {
			addr = m[1]
		}
		select {
		case code := <-status:
			t.Fatalf("the server returned %d before it logged listening:\n%s", code, stderr.String())
		default:
		}
		require.True(t, time.Now().Before(deadline), "no listening line:\n%s", stderr.String())
	}
	host, port, err := net.SplitHostPort(addr)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1", host)
	assert.NotEqual(t, "0", port, "the line must name the port bound, not the one asked for")

	body, err := os.ReadFile(filepath.Join("..", "..", "testdata", "documented-submitted-7002.json"))
	require.NoError(t, err)
	req, err := webhook.NewSignedRequest("http://"+addr+"/webhooks/veriff", body, "", secret)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "the server logged listening on %s, and refused a connection there", addr)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	cancel()
	assert.Equal(t, 0, <-status, "after its context ends, the server shuts down cleanly")
}

// TestAddressInUse: a server that cannot bind says so, exits 1, and never
// claims to be listening.
func TestAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	var stderr syncBuffer
	code := run(t.Context(), []string{"-addr", ln.Addr().String()}, env("s"), &stderr)
	assert.Equal(t, 1, code)
	assert.NotContains(t, stderr.String(), "msg=listening")
	assert.Contains(t, stderr.String(), "address already in use")
}

// TestUsage: no secret, a bad flag and a stray argument are usage or
// configuration errors (2), found before anything is bound.
func TestUsage(t *testing.T) {
	for name, tc := range map[string]struct {
		args   []string
		secret string
		want   string
	}{
		"no secret":   {[]string{"-addr", "127.0.0.1:0"}, "", "set WEBHOOK_SECRET"},
		"empty entry": {[]string{"-addr", "127.0.0.1:0"}, "a,,b", "set WEBHOOK_SECRET"},
		"bad flag":    {[]string{"-port", "1"}, "s", "flag provided but not defined: -port"},
		"argument":    {[]string{"-addr", "127.0.0.1:0", "extra"}, "s", `unexpected argument "extra"`},
	} {
		t.Run(name, func(t *testing.T) {
			var stderr syncBuffer
			assert.Equal(t, 2, run(t.Context(), tc.args, env(tc.secret), &stderr))
			assert.Contains(t, stderr.String(), tc.want)
			assert.False(t, strings.Contains(stderr.String(), "msg=listening"), "listening logged:\n%s", stderr.String())
		})
	}
}
