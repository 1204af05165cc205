package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

// serve starts a loopback server for h and returns its URL.
func serve(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// closedPort returns a loopback URL nothing listens at.
func closedPort(t *testing.T) string {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close()
	return u
}

func accept(context.Context, webhook.Delivery) error { return nil }

func handler(t *testing.T, cfg webhook.Config, fn webhook.HandlerFunc) http.Handler {
	h, err := webhook.NewHandler(cfg, fn)
	require.NoError(t, err)
	return h
}

// TestFailureCauses: every failure says its likely cause and the fix,
// once with its count, each line carries its note, and the run ends with
// the summary; the exit status is 1.
func TestFailureCauses(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/veriff", handler(t, webhook.Config{Secrets: []string{secret}}, accept))
	routed := serve(t, mux)
	getOnly := http.NewServeMux()
	getOnly.HandleFunc("GET /", func(http.ResponseWriter, *http.Request) {})
	// strict refuses a body with a member it does not know, as a receiver
	// that decodes with DisallowUnknownFields does.
	strict := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if strings.Contains(string(b), "veriffkitAddedMember") {
			http.Error(w, "json: unknown field", http.StatusBadRequest)
		}
	})
	for _, c := range []struct {
		name, url string
		args      []string
		summary   string
		stderr    []string
	}{
		{"wrong secret", serve(t, handler(t, webhook.Config{Secrets: []string{"the-receiver's-secret"}}, accept)), nil,
			"(401: 3)", []string{"veriffhook: 3 deliveries answered 401, want any 2xx (the first: event 7001 started)",
				"likely cause: the signature did not verify with the receiver's secrets: -secret is not one of them",
				"fix: give -secret the receiver's secret", "needs -api-key too"}},
		{"unknown API key", serve(t, handler(t, webhook.Config{SecretsByAPIKey: map[string][]string{"key-1": {secret}}}, accept)), []string{"-api-key", "key-2"},
			"(401: 3)", []string{"3 deliveries answered 401", "or -api-key is not a key it knows", "and -api-key a key it has"}},
		{"wrong path", routed + "/webhook", nil,
			"(404: 3)", []string{"3 deliveries answered 404, want any 2xx", "likely cause: nothing is served at the path /webhook of 127.0.0.1:",
				"fix: give -url the path the receiver is mounted at (examples/server's: /webhooks/veriff)"}},
		{"too large", serve(t, handler(t, webhook.Config{Secrets: []string{secret}, MaxBodyBytes: 300}, accept)), nil,
			"(200: 2, 413: 1)", []string{"1 delivery answered 413, want any 2xx (the first: decision approved)",
				"refused a body of ", "bytes as too large", "fix: raise its limit on a body (webhook.Config.MaxBodyBytes"}},
		{"receiver's error", serve(t, handler(t, webhook.Config{Secrets: []string{secret}}, func(context.Context, webhook.Delivery) error {
			return errors.New("database is down")
		})), nil,
			"(500: 3)", []string{"3 deliveries answered 500, want any 2xx", "likely cause: the receiver's own error", "fix: see the receiver's log"}},
		{"proxy's error", serve(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "upstream connect error", http.StatusBadGateway)
		})), nil,
			"(502: 3)", []string{"3 deliveries answered 502", `it answered "upstream connect error"`}},
		{"down", closedPort(t), nil,
			"(no answer: 3)", []string{"veriffhook: 3 deliveries had no answer: connection refused",
				"likely cause: nothing listens at 127.0.0.1:", "fix: start the receiver", "or correct -url's host and port"}},
		{"hangs", serve(t, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body) // then the server sees the client leave
			<-r.Context().Done()
		})), []string{"-timeout", "100ms"},
			"(no answer: 3)", []string{"3 deliveries had no answer within 100ms (-timeout)", "is stuck or slow", "raise -timeout"}},
		{"not POST", serve(t, getOnly), nil,
			"(405: 3)", []string{"3 deliveries answered 405, want any 2xx", "answers other methods, not POST", "mount the receiver for POST"}},
		{"refuses drift", serve(t, strict), []string{"-drift"},
			"(200: 2, 400: 3)", []string{"3 deliveries answered 400, want any 2xx", "verified the signature but refused the body: with -drift",
				"it must accept members, values and kinds it does not know"}},
		{"accepts forgeries", serve(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})), []string{"-wrong-secret"},
			"(200: 3)", []string{"3 deliveries answered 200, want 401", "accepted a delivery signed with a wrong secret (-wrong-secret): it does not verify",
				"answer 401 when it does not verify"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"scenario", "-url", c.url, "-secret", secret}, c.args...)
			code, out, stderr := runIn(t, "", append(args, "approved")...)
			assert.Equal(t, 1, code)
			sent := 3
			if slices.Contains(c.args, "-drift") {
				sent = 5
			}
			ok := 0
			if m := regexp.MustCompile(`200: (\d)`).FindStringSubmatch(c.summary); m != nil && !slices.Contains(c.args, "-wrong-secret") {
				ok, _ = strconv.Atoi(m[1])
			}
			assert.Equal(t, fmt.Sprintf("sent %d, as expected %d, not as expected %d %s", sent, ok, sent-ok, c.summary), lastLine(out))
			for _, want := range c.stderr {
				assert.Contains(t, stderr, want)
			}
			assert.Equal(t, 1, strings.Count(stderr, "likely cause:"), "the same failure once: %s", stderr)
			assert.Regexp(t, `(?m)^approved \(session [0-9a-f-]{36}\): ends approved on attempt 1$`, out)
			assert.Regexp(t, `(?m)^  (\d{3}|---) event +event 7001 started`, out, "the note on the line, under the header")
		})
	}
}

// TestRepeatedFailureOnce: with the receiver down, every scenario with
// retries gives one line for its first failure and a count for the rest,
// and stderr reports the failure once with the total.
func TestRepeatedFailureOnce(t *testing.T) {
	total := 0
	for _, sc := range webhooktest.SeededScenarios(1) {
		total += 4 * len(sc.Deliveries)
	}
	code, out, stderr := runIn(t, "", "scenario", "-url", closedPort(t), "-secret", secret, "-retries", "3", "all")
	assert.Equal(t, 1, code)
	n := len(webhooktest.ScenarioNames())
	assert.Len(t, lines(out), 1+3*n+1, "the seed, then a header, a line and a count per scenario, then the summary:\n%s", out)
	assert.Equal(t, 1, strings.Count(stderr, "connection refused"), stderr)
	assert.Contains(t, stderr, "veriffhook: "+itoa(total)+" deliveries had no answer: connection refused")
	assert.Contains(t, out, "  ... and 11 more had no answer: connection refused\n")
	assert.Equal(t, "sent "+itoa(total)+", as expected 0, not as expected "+itoa(total)+" (no answer: "+itoa(total)+")", lastLine(out))
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestUsageErrorsBeforeSending: each mistake exits 2 with a message that
// names it, before anything is sent, and without the whole usage.
func TestUsageErrorsBeforeSending(t *testing.T) {
	var got atomic.Int32
	url := serve(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { got.Add(1) }))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"scenario", "-url", "localhost:8080/webhooks/veriff", "-secret", "s", "approved"},
			"-url localhost:8080/webhooks/veriff: no scheme: write http://localhost:8080/webhooks/veriff"},
		{[]string{"send", "-url", "127.0.0.1:8080", "-secret", "s", "-kind", "event"}, "no scheme: write http://127.0.0.1:8080"},
		{[]string{"replay", "-url", "ftp://host/x", "-secret", "s", "file.json"}, `scheme "ftp": give http:// or https://`},
		{[]string{"scenario", "-url", "http:///x", "-secret", "s", "approved"}, "no host"},
		{[]string{"scenario", "-url", url, "-secret", "s", "-speedup", "-1", "approved"}, "-speedup -1: give 0 (no waiting) or more"},
		{[]string{"scenario", "-url", url, "-secret", "s", "-speedup", "NaN", "approved"}, "-speedup NaN"},
		{[]string{"scenario", "-url", url, "-secret", "s", "-expect", "999", "approved"}, "-expect 999: give an HTTP status, 100-599"},
		{[]string{"send", "-url", url, "-secret", "s", "-kind", "event", "-expect", "-200"}, "-expect -200"},
		{[]string{"scenario", "-url", url, "-secret", "s", "-timeout", "5", "approved"}, `invalid value "5" for flag -timeout: a duration needs its unit: write 5s`},
		{[]string{"send", "-url", url, "-secret", "s", "-kind", "event", "-timeout", "0s"}, "-timeout: give more than 0"},
		{[]string{"scenario", "-url", url, "-secret", "s", "-timeout", "soon", "approved"}, "not a duration: write such as 10s"},
		{[]string{"scenario", "-url", url, "-secret", "s", "--", "approved", "-url"}, `unknown scenario "-url" (a flag after --?)`},
		{[]string{"scenario", "-url", url, "-secret", "s", "all", "approved"}, "all is every scenario: give it alone"},
	} {
		code, out, stderr := runIn(t, "", c.args...)
		assert.Equal(t, 2, code, "%v", c.args)
		assert.Contains(t, stderr, c.want, "%v", c.args)
		assert.NotContains(t, stderr, "Flags", "no usage dump: %v", c.args)
		assert.Empty(t, out, "%v", c.args)
	}
	assert.Zero(t, got.Load(), "nothing sent")
}

// TestFlagsAfterArguments: a flag after a scenario's name, a file or the
// file to sign is taken as a flag.
func TestFlagsAfterArguments(t *testing.T) {
	rcv := newReceiver(t)
	code, out, stderr := runIn(t, "", "scenario", "approved", "-url", rcv.URL, "-secret", secret)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "sent 3, as expected 3, not as expected 0 (200: 3)", lastLine(out))

	file := filepath.Join(t.TempDir(), "body.json")
	require.NoError(t, os.WriteFile(file, rcv.sample(t), 0o644))
	code, out, stderr = runIn(t, "", "replay", file, "-url", rcv.URL, "-secret", secret)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, file)
	code, out, stderr = runIn(t, "", "sign", file, "-secret", secret)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, webhook.Sign(rcv.sample(t), secret)+"\n", out)
}

// sample returns a body the receiver accepts.
func (r *receiver) sample(t *testing.T) []byte {
	sc, err := webhooktest.Lookup("approved", webhooktest.SeededIDs(1), webhooktest.Created)
	require.NoError(t, err)
	return sc.Deliveries[0].Body
}

// TestSameExitEveryCommand: a missing file exits 2 in sign and in replay.
func TestSameExitEveryCommand(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.json")
	for _, args := range [][]string{
		{"sign", "-secret", "s", missing},
		{"replay", "-url", "http://127.0.0.1:1", "-secret", "s", missing},
	} {
		code, _, stderr := runIn(t, "", args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Contains(t, stderr, "veriffhook "+args[0]+": ")
		assert.Contains(t, stderr, "no such file or directory")
	}
}

// TestUnknownValuesWarn: a value this version does not know is sent as
// given, with a warning; a flag that does not apply to the kind is
// ignored, with a warning; a known value gives none.
func TestUnknownValuesWarn(t *testing.T) {
	rcv := newReceiver(t)
	code, _, stderr := runIn(t, "", "send", "-url", rcv.URL, "-secret", secret, "-kind", "decision", "-status", "aproved")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "veriffhook send: warning: -status aproved is not a value this version knows: sent as given (schema drift)\n", stderr)
	p, err := webhook.ParseAny(rcv.bodiesGot()[0])
	require.NoError(t, err)
	assert.Equal(t, webhook.Status("aproved"), p.(webhook.Decision).Verification.Status)

	code, _, stderr = runIn(t, "", "send", "-url", rcv.URL, "-secret", secret, "-kind", "event", "-code", "7099", "-state", "future_screen_shown", "-status", "approved")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "-code 7099 is not a value this version knows")
	assert.Contains(t, stderr, "-state future_screen_shown is not a value this version knows")
	assert.Contains(t, stderr, "-status does not apply to -kind event: ignored")

	code, _, stderr = runIn(t, "", "send", "-url", rcv.URL, "-secret", secret, "-kind", "watchlist_screening", "-check", "updated_result", "-match", "possible_match")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr, "known values: no warning")
}

// TestHelpListsItsOwnFlags: send -h and replay -h say nothing of
// scenario's flags; a flag error does not print the whole usage.
func TestHelpListsItsOwnFlags(t *testing.T) {
	for _, cmd := range []string{"send", "replay", "sign"} {
		code, _, stderr := runIn(t, "", cmd, "-h")
		assert.Equal(t, 0, code)
		for _, other := range []string{"-wrong-secret", "-unknown-api-key", "-retries", "-seed", "-facts"} {
			assert.NotContains(t, stderr, other, "%s -h", cmd)
		}
	}
	code, _, stderr := runIn(t, "", "scenario", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "-wrong-secret")
}

var seedLine = regexp.MustCompile(`^seed (\d+) \(drawn\): -seed (\d+) sends these ids in this order again$`)

// TestSeedPrinted: the seed in use is printed first, and -seed with it
// sends the same sessions in the same order.
func TestSeedPrinted(t *testing.T) {
	rcv := newReceiver(t)
	code, out, stderr := runIn(t, "", "scenario", "-url", rcv.URL, "-secret", secret, "-shuffle", "-duplicates", "resubmission-then-approved")
	require.Equal(t, 0, code, stderr)
	m := seedLine.FindStringSubmatch(lines(out)[0])
	require.NotNil(t, m, out)
	assert.Equal(t, m[1], m[2])
	code, again, stderr := runIn(t, "", "scenario", "-url", rcv.URL, "-secret", secret, "-shuffle", "-duplicates", "-seed", m[1], "resubmission-then-approved")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "seed "+m[1]+" (-seed): ids, order and times follow from it", lines(again)[0])
	notes := func(out string) (ns []string) {
		for _, l := range deliveryLines(out) {
			ns = append(ns, l[3])
		}
		return ns
	}
	assert.Equal(t, notes(out), notes(again), "the same order")
	assert.Equal(t, lines(out)[1], lines(again)[1], "the same session")
}

// TestFactsTakesNames: -facts NAME lists that scenario's facts, and
// sends nothing.
func TestFactsTakesNames(t *testing.T) {
	code, out, stderr := runIn(t, "", "scenario", "-facts", "expired", "approved")
	require.Equal(t, 0, code, stderr)
	ls := lines(out)
	assert.Equal(t, "approved\tstarted, submitted, approved", ls[0])
	assert.Equal(t, "\tends approved on attempt 1", ls[1])
	assert.Contains(t, out, "expired\t")
	assert.NotContains(t, out, "declined\t")
	assert.Contains(t, out, "\t[V-old] expired after 7 days")
}

// TestLinesCarryNotes: each line says what the delivery is (a duplicate,
// the file replayed), and replay names the file that failed.
func TestLinesCarryNotes(t *testing.T) {
	rcv := newReceiver(t)
	code, out, stderr := runIn(t, "", "scenario", "-url", rcv.URL, "-secret", secret, "-duplicates", "approved")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "\n  200 event               duplicate of event 7001 started (")
	assert.Equal(t, "sent 6, as expected 6, not as expected 0 (200: 6)", lastLine(out))

	down := serve(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "no", http.StatusInternalServerError) }))
	file := filepath.Join(t.TempDir(), "dead-letter-7.json")
	require.NoError(t, os.WriteFile(file, rcv.sample(t), 0o644))
	code, out, stderr = runIn(t, "", "replay", "-url", down, "-secret", secret, file)
	assert.Equal(t, 1, code)
	assert.Regexp(t, `(?m)^500 event +[0-9a-f-]{36} `+regexp.QuoteMeta(file)+` \(.*\): answered 500, want any 2xx$`, out)
	assert.Contains(t, stderr, "(the first: "+file+")")
}

// TestListener: a receiver that takes long is not a usage error.
func TestListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			time.Sleep(300 * time.Millisecond)
			c.Close()
		}
	}()
	code, _, stderr := runIn(t, "", "send", "-url", "http://"+ln.Addr().String(), "-secret", secret, "-kind", "event", "-timeout", "50ms")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "1 delivery had no answer within 50ms (-timeout)")
}
