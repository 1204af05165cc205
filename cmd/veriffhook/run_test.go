package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
)

// runIn runs the command in process, for the defaults TestCLI does not
// look at.
func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestSendDefaults(t *testing.T) {
	rcv := newReceiver(t)
	for _, c := range []struct {
		status string
		want   webhook.ReasonCode
		args   []string
	}{
		{"declined", webhook.ReasonCodeSuspectedDocumentTampering, nil},
		{"resubmission_requested", webhook.ReasonCodeVideoOrPhotosMissing, nil},
		{"declined", 0, []string{"-reason-code", "0"}},
		{"approved", 0, nil},
	} {
		rcv.reset()
		args := append([]string{"send", "-url", rcv.URL, "-secret", secret, "-kind", "decision", "-status", c.status}, c.args...)
		code, _, stderr := runIn(t, "", args...)
		require.Equal(t, 0, code, stderr)
		p, err := webhook.ParseAny(rcv.bodiesGot()[0])
		require.NoError(t, err)
		assert.Equal(t, c.want, p.(webhook.Decision).Verification.ReasonCode, "%s %v", c.status, c.args)
	}

	rcv.reset()
	code, _, stderr := runIn(t, "", "send", "-url", rcv.URL, "-secret", secret, "-kind", "event", "-code", "7008")
	require.Equal(t, 0, code, stderr)
	p, err := webhook.ParseAny(rcv.bodiesGot()[0])
	require.NoError(t, err)
	assert.Equal(t, webhook.ActionFlowFinished, p.(webhook.Event).Action, "7008 has no documented action: flow_finished")

	t.Setenv("WEBHOOK_SECRET", secret+",old-secret")
	code, _, stderr = runIn(t, "", "send", "-url", rcv.URL, "-kind", "curp", "-curp-status", "BD")
	require.Equal(t, 0, code, "the secret from $WEBHOOK_SECRET: %s", stderr)
	code, out, _ := runIn(t, "body", "sign")
	require.Equal(t, 0, code)
	assert.Equal(t, webhook.Sign([]byte("body"), secret)+"\n", out)
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"send", "-url", "u", "-secret", "s", "-kind", "event", "extra"},
		{"send", "-url", "u", "-secret", "s"},
		{"send", "-url", "u", "-secret", "s", "-kind", "event", "-n", "0"},
		{"send", "-bogus"},
		{"replay", "-url", "u", "-secret", "s"},
		{"replay", "-url", "u", "-secret", "s", "/nonexistent/file.json"},
		{"sign", "-secret", "s", "a", "b"},
	} {
		code, _, stderr := runIn(t, "", args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.NotEmpty(t, stderr, "%v", args)
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("{}"), 0o644))
	code, _, stderr := runIn(t, "", "replay", "-url", "http://127.0.0.1:1", "-secret", "s", dir)
	assert.Equal(t, 2, code, "a directory with no .json file")
	assert.Contains(t, stderr, dir+" has no .json file")

	for _, n := range []string{"169", "-1"} {
		code, _, stderr = runIn(t, "", "scenario", "-url", "http://127.0.0.1:1", "-secret", "s", "-retries", n, "approved")
		assert.Equal(t, 2, code, "-retries %s", n)
		assert.Contains(t, stderr, "Veriff retries hourly for a week, 168 hours")
	}

	code, _, stderr = runIn(t, "", "sign", "-secret", "s", "/nonexistent/file.json")
	assert.Equal(t, 2, code, "a missing file, as in replay")
	assert.Contains(t, stderr, "no such file")
	code, _, stderr = runIn(t, "", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "veriffhook scenario")
}

// TestUnknownAPIKey: each delivery expects 401, which a receiver keyed by
// API key answers, and one with a single secret does not.
func TestUnknownAPIKey(t *testing.T) {
	h, err := webhook.NewHandler(webhook.Config{SecretsByAPIKey: map[string][]string{"key-1": {secret}}},
		func(context.Context, webhook.Delivery) error { return nil })
	require.NoError(t, err)
	keyed := httptest.NewServer(h)
	defer keyed.Close()
	code, out, stderr := runIn(t, "", "scenario", "-url", keyed.URL, "-secret", secret, "-api-key", "key-1", "approved")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, " 200 ", "the known key: accepted")
	code, out, stderr = runIn(t, "", "scenario", "-url", keyed.URL, "-secret", secret, "-api-key", "key-1", "-unknown-api-key", "approved")
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, out, " 401 ")

	single := newReceiver(t)
	code, _, stderr = runIn(t, "", "scenario", "-url", single.URL, "-secret", secret, "-unknown-api-key", "approved")
	assert.Equal(t, 1, code, "a single-secret receiver answers 200, not the 401 expected")
	assert.Contains(t, stderr, "3 deliveries answered 200, want 401")
	assert.Contains(t, stderr, "likely cause: the receiver ignores X-Auth-Client")
	assert.Contains(t, stderr, "fix: add -expect 200")
	code, _, stderr = runIn(t, "", "scenario", "-url", single.URL, "-secret", secret, "-unknown-api-key", "-expect", "200", "approved")
	assert.Equal(t, 0, code, stderr)
}

func TestScenarioFacts(t *testing.T) {
	code, out, _ := runIn(t, "", "scenario", "-facts")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "resubmission-limit-539\t")
	assert.Contains(t, out, "\tends declined on attempt 10, reason code 539\n")
	assert.Contains(t, out, "\t[V] up to 9 resubmissions")
}

// TestAny2xx: a delivery expecting success takes any 2xx, as Veriff does.
func TestAny2xx(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	defer srv.Close()
	code, out, stderr := runIn(t, "", "scenario", "-url", srv.URL, "-secret", secret, "approved")
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, out, " 204 ")
}

// TestSendEveryKind sends one delivery of every kind -kind offers, and a
// kind the library's table may gain before send has a case for it: that
// one is an error, never a panic.
func TestSendEveryKind(t *testing.T) {
	rcv := newReceiver(t)
	for _, k := range kinds {
		rcv.reset()
		code, _, stderr := runIn(t, "", "send", "-url", rcv.URL, "-secret", secret, "-kind", string(k))
		require.Equal(t, 0, code, "%s: %s", k, stderr)
		p, err := webhook.ParseAny(rcv.bodiesGot()[0])
		require.NoError(t, err)
		assert.Equal(t, k, p.Kind())
	}

	defer func(saved []webhook.Kind) { kinds = saved }(kinds)
	kinds = append(kinds[:len(kinds):len(kinds)], "transportation_registry")
	var code int
	var stderr string
	require.NotPanics(t, func() {
		code, _, stderr = runIn(t, "", "send", "-url", rcv.URL, "-secret", secret, "-kind", "transportation_registry")
	})
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `cannot build a "transportation_registry" delivery`)
}
