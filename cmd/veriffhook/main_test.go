package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

const secret = "cli-test-secret"

// receiver is a webhook.Handler on loopback that keeps what it accepted.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	bodies [][]byte
	kinds  []webhook.Kind
	keys   []string
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{}
	h, err := webhook.NewHandler(webhook.Config{Secrets: []string{secret}}, func(_ context.Context, d webhook.Delivery) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.bodies = append(r.bodies, d.Body)
		r.kinds = append(r.kinds, d.Payload.Kind())
		r.keys = append(r.keys, d.APIKey)
		return nil
	})
	require.NoError(t, err)
	r.Server = httptest.NewServer(h) // 127.0.0.1
	t.Cleanup(r.Close)
	return r
}

// got returns what the receiver accepted so far.
func (r *receiver) got() (bodies [][]byte, kinds []webhook.Kind, keys []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.bodies), slices.Clone(r.kinds), slices.Clone(r.keys)
}

func (r *receiver) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bodies, r.kinds, r.keys = nil, nil, nil
}

func (r *receiver) bodiesGot() [][]byte      { b, _, _ := r.got(); return b }
func (r *receiver) kindsGot() []webhook.Kind { _, k, _ := r.got(); return k }

type result struct {
	code           int
	stdout, stderr string
}

// veriffhook runs the binary built for the test.
func veriffhook(t *testing.T, bin string, stdin []byte, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = slices.DeleteFunc(os.Environ(), func(e string) bool { return strings.HasPrefix(e, "WEBHOOK_SECRET=") })
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{code, out.String(), errb.String()}
}

// line is one delivery's output: status answered (--- for none), kind,
// the session (when not under a scenario's header) and the note, time
// taken, and what was wrong when it was not as expected.
var line = regexp.MustCompile(`^ *(\d{3}|---) ([a-z_]+) +(.+) \(\d+(\.\d+)?(µs|ms|s)\)(: .+)?$`)

func lines(s string) []string { return strings.Split(strings.TrimSpace(s), "\n") }

// deliveryLines returns the lines of out that are a delivery's, each
// split by line.
func deliveryLines(out string) [][]string {
	var ds [][]string
	for _, l := range lines(out) {
		if m := line.FindStringSubmatch(l); m != nil {
			ds = append(ds, m)
		}
	}
	return ds
}

// lastLine returns the last line of out: the summary.
func lastLine(out string) string { ls := lines(out); return ls[len(ls)-1] }

// TestCLI builds the command and runs it against receivers on loopback.
func TestCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "veriffhook")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run(), "go build")

	t.Run("sign", func(t *testing.T) {
		// Veriff's 7002 sample, compacted, under the secret of a vector
		// computed outside this library (see the spec).
		body, err := os.ReadFile("../../testdata/documented-submitted-7002.json")
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, json.Compact(&buf, body))
		file := filepath.Join(t.TempDir(), "body.json")
		require.NoError(t, os.WriteFile(file, buf.Bytes(), 0o644))
		const want = "12d28cd7aa0f418dbb88ad72ed90aba69ce80fdee6f0979b33f032ed01d3de1a\n"
		r := veriffhook(t, bin, nil, "sign", "-secret", "abcdef12-abcd-abcd-abcd-abcdef012345", file)
		assert.Equal(t, result{0, want, ""}, r)
		r = veriffhook(t, bin, buf.Bytes(), "sign", "-secret", "abcdef12-abcd-abcd-abcd-abcdef012345")
		assert.Equal(t, result{0, want, ""}, r, "from stdin")
		r = veriffhook(t, bin, nil, "sign", file)
		assert.Equal(t, 2, r.code, "no secret")
	})

	t.Run("send every kind", func(t *testing.T) {
		rcv := newReceiver(t)
		for _, k := range kinds {
			r := veriffhook(t, bin, nil, "send", "-url", rcv.URL, "-secret", secret, "-api-key", "key-1", "-kind", string(k), "-n", "2")
			require.Equal(t, 0, r.code, "%s: %s", k, r.stderr)
			ls := deliveryLines(r.stdout)
			require.Len(t, ls, 2, r.stdout)
			for _, m := range ls {
				assert.Equal(t, string(k), m[2])
				assert.Equal(t, "200", m[1])
			}
			assert.Equal(t, "sent 2, as expected 2, not as expected 0 (200: 2)", lastLine(r.stdout))
		}
		require.Len(t, rcv.kindsGot(), 2*len(kinds))
		for i, k := range kinds {
			assert.Equal(t, []webhook.Kind{k, k}, rcv.kindsGot()[2*i:2*i+2])
		}
		_, _, keys := rcv.got()
		assert.Equal(t, "key-1", keys[0])
	})

	t.Run("send values", func(t *testing.T) {
		rcv := newReceiver(t)
		r := veriffhook(t, bin, nil, "send", "-url", rcv.URL, "-secret", secret, "-kind", "decision", "-status", "declined",
			"-reason-code", "539", "-session", "0c1e1f2a-3b4c-4d5e-8f60-718293a4b5c6")
		require.Equal(t, 0, r.code, r.stderr)
		p, err := webhook.ParseAny(rcv.bodiesGot()[0])
		require.NoError(t, err)
		v := p.(webhook.Decision).Verification
		assert.Equal(t, webhook.StatusDeclined, v.Status)
		assert.Equal(t, webhook.ReasonCodeResubmissionLimitExceeded, v.ReasonCode)
		assert.Equal(t, "0c1e1f2a-3b4c-4d5e-8f60-718293a4b5c6", v.ID)
		assert.Regexp(t, `^200 decision +0c1e1f2a-3b4c-4d5e-8f60-718293a4b5c6 decision declined \(`, r.stdout)

		r = veriffhook(t, bin, nil, "send", "-url", rcv.URL, "-secret", secret, "-kind", "event", "-code", "7009",
			"-action", "flow_cancelled", "-state", "client_started", "-reason", "quit_session_confirmed")
		require.Equal(t, 0, r.code, r.stderr)
		p, err = webhook.ParseAny(rcv.bodiesGot()[1])
		require.NoError(t, err)
		e := p.(webhook.Event)
		assert.Equal(t, webhook.Code(7009), e.Code)
		assert.Equal(t, webhook.Context{Reason: webhook.ReasonQuitSessionConfirmed, State: webhook.StateClientStarted}, e.Context)
	})

	t.Run("scenario", func(t *testing.T) {
		rcv := newReceiver(t)
		r := veriffhook(t, bin, nil, "scenario")
		require.Equal(t, 0, r.code)
		ls := lines(r.stdout)
		require.Len(t, ls, len(webhooktest.ScenarioNames()))
		for i, n := range webhooktest.ScenarioNames() {
			assert.True(t, strings.HasPrefix(ls[i], n+"\t"), "name first: %q", ls[i])
		}

		r = veriffhook(t, bin, nil, "scenario", "-url", rcv.URL, "-secret", secret, "all")
		require.Equal(t, 0, r.code, r.stderr)
		total := 0
		for _, sc := range webhooktest.SeededScenarios(1) {
			total += len(sc.Deliveries)
		}
		assert.Len(t, deliveryLines(r.stdout), total)
		assert.Len(t, rcv.bodiesGot(), total)
		for _, sc := range webhooktest.SeededScenarios(1) {
			assert.Regexp(t, `(?m)^`+sc.Name+` \(session [0-9a-f-]{36}\): ends `+regexp.QuoteMeta(ends(sc.Want))+`$`, r.stdout)
		}

		rcv.reset()
		r = veriffhook(t, bin, nil, "scenario", "-url", rcv.URL, "-secret", secret, "-retries", "2", "-duplicates",
			"-shuffle", "-seed", "7", "-drift", "-speedup", "1e9", "resubmission-then-approved")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Len(t, rcv.bodiesGot(), 6*2*3+2)
		sc, err := webhooktest.Lookup("resubmission-then-approved", webhooktest.SeededIDs(7), webhooktest.Created)
		require.NoError(t, err)
		assert.Contains(t, r.stdout, sc.Session.ID, "-seed gives the seeded ids")

		r = veriffhook(t, bin, nil, "scenario", "-url", rcv.URL, "-secret", secret, "-wrong-secret", "approved")
		assert.Equal(t, 0, r.code, "a forged delivery expects 401: %s", r.stderr)
		assert.Contains(t, r.stdout, " 401 event ")
		assert.NotContains(t, r.stdout, " 200 ")
		r = veriffhook(t, bin, nil, "scenario", "-url", rcv.URL, "-secret", secret, "-wrong-secret", "-expect", "200", "approved")
		assert.Equal(t, 1, r.code, "-expect overrides each delivery's own")
	})

	t.Run("receiver answering 500", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "down", http.StatusInternalServerError)
		}))
		defer srv.Close()
		r := veriffhook(t, bin, nil, "scenario", "-url", srv.URL, "-secret", secret, "approved")
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stdout, "  500 event ")
		assert.Equal(t, "sent 3, as expected 0, not as expected 3 (500: 3)", lastLine(r.stdout))
		assert.Contains(t, r.stderr, "3 deliveries answered 500, want any 2xx")
		r = veriffhook(t, bin, nil, "send", "-url", srv.URL, "-secret", secret, "-kind", "event", "-expect", "500")
		assert.Equal(t, 0, r.code, "-expect 500")
	})

	t.Run("unreachable", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		url := srv.URL
		srv.Close()
		r := veriffhook(t, bin, nil, "scenario", "-url", url, "-secret", secret, "declined")
		assert.Equal(t, 1, r.code)
		assert.Equal(t, "sent 3, as expected 0, not as expected 3 (no answer: 3)", lastLine(r.stdout))
		assert.Contains(t, r.stderr, "connection refused")
	})

	t.Run("replay byte for byte", func(t *testing.T) {
		rcv := newReceiver(t)
		dir := t.TempDir()
		// Pretty-printed, escaped, and of every kind: sent as they are.
		var want [][]byte
		for _, f := range []string{"escapes.json", "documented-waiting-complete-7007.json", "decision/documented-approved-full.json",
			"kinds/ine-documented.json", "kinds/unknown-kind-ours.json"} {
			b, err := os.ReadFile(filepath.Join("../../testdata", f))
			require.NoError(t, err)
			want = append(want, b)
		}
		for i, b := range want {
			require.NoError(t, os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".json"), b, 0o644))
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a body"), 0o644))
		single := filepath.Join(t.TempDir(), "captured.json")
		require.NoError(t, os.WriteFile(single, want[0], 0o644))
		r := veriffhook(t, bin, nil, "replay", "-url", rcv.URL, "-secret", secret, dir, single)
		require.Equal(t, 0, r.code, r.stderr)
		ls := deliveryLines(r.stdout)
		require.Len(t, ls, len(want)+1)
		assert.Contains(t, ls[4][3], filepath.Join(dir, "e.json"), "the file is the line's note")
		require.Equal(t, append(want, want[0]), rcv.bodiesGot(), "the receiver verified and got the stored bytes")
		assert.Equal(t, webhook.KindUnknown, rcv.kindsGot()[4])
	})

	t.Run("usage errors", func(t *testing.T) {
		r := veriffhook(t, bin, nil, "send", "-url", "http://127.0.0.1:1", "-secret", secret, "-kind", "decisions")
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, `unknown kind "decisions"`)
		for _, k := range kinds {
			assert.Contains(t, r.stderr, string(k))
		}
		r = veriffhook(t, bin, nil, "scenario", "-url", "http://127.0.0.1:1", "-secret", secret, "approved", "aproved")
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, `unknown scenario "aproved"`)
		for _, n := range webhooktest.ScenarioNames() {
			assert.Contains(t, r.stderr, n)
		}
		r = veriffhook(t, bin, nil, "scenario", "-secret", secret, "approved")
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "-url")
		r = veriffhook(t, bin, nil, "frobnicate")
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "send, scenario, replay, sign, serve")
		r = veriffhook(t, bin, nil)
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "Usage:")
	})

	t.Run("-h documents every flag", func(t *testing.T) {
		want := map[string][]string{
			"send":     {"url", "secret", "api-key", "expect", "timeout", "kind", "status", "code", "action", "state", "reason", "reason-code", "check", "match", "curp-status", "inactive", "session", "n"},
			"scenario": {"url", "secret", "api-key", "expect", "timeout", "retries", "duplicates", "shuffle", "seed", "drift", "wrong-secret", "unknown-api-key", "speedup", "facts"},
			"replay":   {"url", "secret", "api-key", "expect", "timeout"},
			"sign":     {"secret"},
			"serve":    {"addr", "webhook-url", "seed", "api-key", "secret"},
		}
		flagLine := regexp.MustCompile(`(?m)^  -([a-z-]+)( \w+)?\n    \t\S`)
		for _, cmd := range commandNames() {
			r := veriffhook(t, bin, nil, cmd, "-h")
			assert.Equal(t, 0, r.code, cmd)
			var got []string
			for _, m := range flagLine.FindAllStringSubmatch(r.stderr, -1) {
				got = append(got, m[1])
			}
			assert.ElementsMatch(t, want[cmd], got, "%s -h:\n%s", cmd, r.stderr)
			assert.Contains(t, r.stderr, "usage: veriffhook "+cmd)
		}
	})
}
