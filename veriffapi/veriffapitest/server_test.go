package veriffapitest_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/veriffapi"
	"github.com/veriffkit/webhook/veriffapi/veriffapitest"
)

// raw sends a request by hand, signed as sig says, and returns the status
// and Veriff's code.
func raw(t *testing.T, srv *veriffapitest.Server, method, path string, body []byte, hdr map[string]string) (int, string, http.Header) {
	t.Helper()
	var rd io.Reader = http.NoBody
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, rd)
	require.NoError(t, err)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var e struct {
		Code string `json:"code"`
	}
	_ = json.Unmarshal(b, &e)
	if resp.StatusCode < 300 {
		require.NoError(t, webhook.Verify(b, resp.Header.Get("X-Hmac-Signature"), srv.Secret), "every 2xx answer is signed")
		assert.Equal(t, srv.APIKey, resp.Header.Get("X-Auth-Client"))
	}
	return resp.StatusCode, e.Code, resp.Header
}

// TestStrictLikeVeriff: each way a request can be signed wrongly gets
// Veriff's status and code.
func TestStrictLikeVeriff(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	status, _, _ := raw(t, srv, "POST", "/v1/sessions", []byte(`{"verification":{}}`), map[string]string{"X-Auth-Client": srv.APIKey})
	require.Equal(t, 201, status, "POST /v1/sessions needs no signature")
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	id := s.ID
	body := []byte(`{"verification":{"status":"submitted"}}`)
	other := "0b6e3f7d-2c4a-4b8e-a1d2-3c4e5f607182"
	cases := []struct {
		name, method, path string
		body               []byte
		hdr                map[string]string
		status             int
		code               string
	}{
		{"no API key", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Hmac-Signature": webhook.Sign([]byte(id), srv.Secret)}, 401, "1801"},
		{"API key not a UUID", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": "key", "X-Hmac-Signature": webhook.Sign([]byte(id), srv.Secret)}, 401, "1802"},
		{"unknown API key", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": other, "X-Hmac-Signature": webhook.Sign([]byte(id), srv.Secret)}, 401, "1803"},
		{"GET unsigned", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": srv.APIKey}, 401, "1812"},
		{"GET signature not hex", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": "abc"}, 401, "1812"},
		{"GET signature of 64 bytes not hex", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": strings.Repeat("z", 64)}, 401, "1812"},
		{"GET signed over another id", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign([]byte(other), srv.Secret)}, 401, "1818"},
		{"GET signed over the path", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign([]byte("/v1/sessions/"+id+"/decision"), srv.Secret)}, 401, "1818"},
		{"GET with another secret", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign([]byte(id), "other")}, 401, "1818"},
		{"GET legacy X-Signature", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": srv.APIKey, "X-Signature": "00"}, 401, "1813"},
		{"PATCH signed over the id", "PATCH", "/v1/sessions/" + id, body, map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign([]byte(id), srv.Secret)}, 401, "1819"},
		{"PATCH signed over other bytes", "PATCH", "/v1/sessions/" + id, body, map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign(append(body, ' '), srv.Secret)}, 401, "1819"},
		{"PATCH legacy X-Signature", "PATCH", "/v1/sessions/" + id, body, map[string]string{"X-Auth-Client": srv.APIKey, "X-Signature": "00"}, 401, "1814"},
		{"POST /sessions signed wrongly", "POST", "/v1/sessions", []byte(`{"verification":{}}`), map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign([]byte("{}"), srv.Secret)}, 401, "1819"},
		{"POST /sessions without verification", "POST", "/v1/sessions", []byte(`{}`), map[string]string{"X-Auth-Client": srv.APIKey}, 400, "1102"},
		{"POST /sessions with an http callback", "POST", "/v1/sessions", []byte(`{"verification":{"callback":"http://example.com"}}`), map[string]string{"X-Auth-Client": srv.APIKey}, 400, "1302"},
		{"unknown session", "GET", "/v1/sessions/" + other + "/decision", nil, map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign([]byte(other), srv.Secret)}, 404, ""},
		{"no /v1", "GET", "/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": srv.APIKey}, 404, ""},
		{"PATCH to another status", "PATCH", "/v1/sessions/" + id, []byte(`{"verification":{"status":"approved"}}`), map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign([]byte(`{"verification":{"status":"approved"}}`), srv.Secret)}, 400, "1303"},
		{"signed right", "GET", "/v1/sessions/" + id + "/decision", nil, map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign([]byte(id), srv.Secret)}, 200, ""},
	}
	for _, tc := range cases {
		status, code, _ := raw(t, srv, tc.method, tc.path, tc.body, tc.hdr)
		assert.Equal(t, tc.status, status, tc.name)
		assert.Equal(t, tc.code, code, tc.name)
	}
}

func TestFaultBursts(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL), veriffapi.WithRetry(veriffapi.NoRetry))
	require.NoError(t, err)
	s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	srv.SetFaults(veriffapitest.Faults{RateLimited: 1, Burst: 3, RetryAfter: 1500 * time.Millisecond})
	_, err = c.Decision(t.Context(), s.ID)
	require.ErrorIs(t, err, veriffapi.ErrRateLimited)
	var e *veriffapi.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 2*time.Second, e.RetryAfter, "whole seconds, rounded up")
	srv.SetFaults(veriffapitest.Faults{ServerErrors: 1, Burst: 2})
	_, err = c.Decision(t.Context(), s.ID)
	require.ErrorIs(t, err, veriffapi.ErrServer)
	srv.SetFaults(veriffapitest.Faults{})
	_, err = c.Decision(t.Context(), s.ID)
	require.ErrorIs(t, err, veriffapi.ErrNotDecided)

	// A client that retries goes through a burst shorter than its attempts.
	retrying, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL),
		veriffapi.WithRetry(veriffapi.RetryPolicy{MaxAttempts: 4, MaxElapsed: time.Minute}))
	require.NoError(t, err)
	srv.FailNext(503, 3)
	_, err = retrying.Decision(t.Context(), s.ID)
	require.ErrorIs(t, err, veriffapi.ErrNotDecided, "three 5xx, then the answer")
	calls := srv.Calls()
	var last []int
	for _, cl := range calls[len(calls)-4:] {
		last = append(last, cl.Status)
	}
	assert.Equal(t, []int{503, 503, 503, 200}, last)

	srv.SetFaults(veriffapitest.Faults{Latency: 20 * time.Millisecond})
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Millisecond)
	defer cancel()
	_, err = c.Decision(ctx, s.ID)
	require.ErrorIs(t, err, context.DeadlineExceeded, "a slow answer meets the caller's deadline")
}

// receiver counts deliveries and answers status.
func receiver(t *testing.T, secret string, status int) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		assert.NoError(t, webhook.Verify(b, r.Header.Get("X-Hmac-Signature"), secret), "webhooks signed with the shared secret")
		n.Add(1)
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestPlayWebhooks(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	session := func() string {
		s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
		require.NoError(t, err)
		return s.ID
	}
	hooks, n := receiver(t, srv.Secret, 200)

	// No WebhookURL: nothing sent, the API still answers the decision.
	id := session()
	require.NoError(t, srv.Play(id, "approved"))
	assert.Equal(t, veriffapitest.WebhookStats{Dropped: 3, DroppedDecisions: 1}, srv.Webhooks())
	d, err := c.Decision(t.Context(), id)
	require.NoError(t, err)
	assert.Equal(t, webhook.StatusApproved, d.Verification.Status)

	srv.WebhookURL = hooks.URL
	require.NoError(t, srv.Play(session(), "approved"))
	assert.Equal(t, int64(3), n.Load())

	srv.SetFaults(veriffapitest.Faults{DropDecisions: 1, Duplicate: 1})
	require.NoError(t, srv.Play(session(), "review-then-declined"))
	st := srv.Webhooks()
	assert.Equal(t, 3+2*2, st.Sent, "two events, each twice; no decision")
	assert.Equal(t, 1+2, st.DroppedDecisions)

	srv.SetFaults(veriffapitest.Faults{Delay: 30 * time.Millisecond, Shuffle: true})
	before := n.Load()
	require.NoError(t, srv.Play(session(), "declined"))
	srv.Flush()
	assert.Equal(t, before+3, n.Load(), "held back, then sent")

	bad, _ := receiver(t, srv.Secret, 500)
	srv.WebhookURL = bad.URL
	srv.SetFaults(veriffapitest.Faults{})
	err = srv.Play(session(), "approved")
	require.ErrorIs(t, err, veriffapitest.ErrDelivery)
	assert.Contains(t, err.Error(), "3 of 3")
	assert.Contains(t, err.Error(), ": 500 (the receiver's own error), 3 times", "each answer once, with its cause and count")

	// One refused with 401, the others with 500: each answer named once.
	var seen atomic.Int64
	mixed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if seen.Add(1) == 1 {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusInternalServerError)
	}))
	t.Cleanup(mixed.Close)
	srv.WebhookURL = mixed.URL
	err = srv.Play(session(), "approved")
	require.ErrorIs(t, err, veriffapitest.ErrDelivery)
	assert.Contains(t, err.Error(), "401 (the receiver's secret is not this server's shared secret)")
	assert.NotContains(t, err.Error(), "secret), ", "an answer given once has no count")
	assert.Contains(t, err.Error(), "500 (the receiver's own error), 2 times")

	require.ErrorContains(t, srv.Play(session(), "no-such"), "approved", "lists the valid names")
	require.ErrorIs(t, srv.Play("nope", "approved"), veriffapitest.ErrUnknownSession)
	require.Error(t, srv.PlaySpeedup(session(), "approved", -1))
}

// TestSeeded: the same seed gives the same ids and faults.
func TestSeeded(t *testing.T) {
	run := func() (string, []int) {
		srv := veriffapitest.NewServer(t)
		srv.SetSeed(5)
		c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL), veriffapi.WithRetry(veriffapi.NoRetry))
		require.NoError(t, err)
		s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
		require.NoError(t, err)
		srv.SetFaults(veriffapitest.Faults{RateLimited: 0.3, ServerErrors: 0.3})
		var got []int
		for range 20 {
			_, err := c.Decision(t.Context(), s.ID)
			var e *veriffapi.Error
			switch {
			case errors.As(err, &e):
				got = append(got, e.StatusCode)
			default:
				require.ErrorIs(t, err, veriffapi.ErrNotDecided)
				got = append(got, 200)
			}
		}
		return s.ID, got
	}
	k1, f1 := run()
	k2, f2 := run()
	assert.Equal(t, k1, k2)
	a, b := veriffapitest.NewServer(t), veriffapitest.NewServer(t)
	assert.NotEqual(t, a.APIKey, b.APIKey, "two servers of a test are two integrations")
	assert.NotEqual(t, a.Secret, b.Secret)
	assert.Equal(t, f1, f2)
	assert.Contains(t, f1, 429)
}

func TestSetWebhookURLWhilePlaying(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	hooks, n := receiver(t, srv.Secret, 200)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			s, err := c.CreateSession(context.Background(), veriffapi.SessionRequest{})
			if !assert.NoError(t, err) {
				return
			}
			assert.NoError(t, srv.Play(s.ID, "approved"))
		}
	}()
	for i := range 20 {
		if i%2 == 0 {
			srv.SetWebhookURL(hooks.URL)
		} else {
			srv.SetWebhookURL("")
		}
	}
	<-done
	st := srv.Webhooks()
	assert.Equal(t, 60, st.Sent+st.Dropped)
	assert.Equal(t, int64(st.Sent), n.Load())
}

func TestStart(t *testing.T) {
	_, err := veriffapitest.Start(veriffapitest.Config{Addr: "127.0.0.1:0", APIKey: "not-a-uuid"})
	require.Error(t, err)
	_, err = veriffapitest.Start(veriffapitest.Config{Addr: "no-such-host-:x"})
	require.Error(t, err)
	key := "5f0c7b2e-8a1d-4c3e-9f6b-2d4e6a8c0b1d"
	var log bytes.Buffer
	srv, err := veriffapitest.Start(veriffapitest.Config{Addr: "127.0.0.1:0", APIKey: key, Secret: "s3cret", Log: &log})
	require.NoError(t, err)
	defer srv.Close()
	assert.Equal(t, key, srv.APIKey)
	assert.Equal(t, "s3cret", srv.Secret)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	wrong, err := veriffapi.NewClient(srv.APIKey, "other", veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	_, err = wrong.Attempts(t.Context(), s.ID)
	require.Error(t, err)
	resp, err := http.Get(srv.URL + "/sessions")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "POST /v1/sessions: 201\n"+
		"GET /v1/sessions/{id}/attempts (id "+s.ID+"): 401 code 1818\n"+
		"GET /sessions: no such endpoint: 404\n", log.String())
	calls := srv.Calls()
	require.Len(t, calls, 3)
	assert.Equal(t, veriffapitest.Call{Endpoint: "GET /v1/sessions/{id}/attempts", ID: s.ID, Status: 401, Code: "1818"}, calls[1])
	assert.Equal(t, veriffapitest.Call{Status: 404}, calls[2])

	a, err := veriffapitest.Start(veriffapitest.Config{Addr: "127.0.0.1:0", Seed: 9})
	require.NoError(t, err)
	defer a.Close()
	b, err := veriffapitest.Start(veriffapitest.Config{Addr: "127.0.0.1:0", Seed: 9})
	require.NoError(t, err)
	defer b.Close()
	assert.Equal(t, a.APIKey+a.Secret, b.APIKey+b.Secret, "keys from the seed")
}

// TestFlowPage: the session's URL opens a page whose buttons play a
// scenario, as an end-user going through Veriff's flow would decide it.
func TestFlowPage(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	hooks, n := receiver(t, srv.Secret, 200)
	srv.WebhookURL = hooks.URL
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{Callback: "https://shop.example/done"})
	require.NoError(t, err)

	page := func(resp *http.Response, err error) string {
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Equal(t, 200, resp.StatusCode, string(b))
		return string(b)
	}
	got := page(http.Get(s.URL))
	assert.Contains(t, got, `value="review-then-declined"`)
	got = page(http.PostForm(s.URL, map[string][]string{"scenario": {"declined"}}))
	assert.Contains(t, got, "Played: <strong>declined</strong>")
	assert.Contains(t, got, `href="https://shop.example/done"`)
	assert.Equal(t, int64(3), n.Load())
	d, err := c.Decision(t.Context(), s.ID)
	require.NoError(t, err)
	assert.Equal(t, webhook.StatusDeclined, d.Verification.Status)
	got = page(http.PostForm(s.URL, map[string][]string{"scenario": {"approved"}}))
	assert.Contains(t, got, "Played: <strong>declined</strong>", "played once")
	assert.Equal(t, int64(3), n.Load())

	// A receiver that refuses them: the page says how it answered.
	refusing, _ := receiver(t, srv.Secret, 500)
	srv.SetWebhookURL(refusing.URL)
	s3, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	got = page(http.PostForm(s3.URL, map[string][]string{"scenario": {"approved"}}))
	assert.Contains(t, got, "Its webhooks were sent, and 3 of 3 sent at once to session "+s3.ID)
	assert.Contains(t, got, "were not answered with a 2xx: 500 (the receiver&#39;s own error), 3 times")

	s2, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	resp, err := http.PostForm(s2.URL, map[string][]string{"scenario": {"nope"}})
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 400, resp.StatusCode)
	resp, err = http.Get(srv.URL + "/v/0b6e3f7d-2c4a-4b8e-a1d2-3c4e5f607182")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 404, resp.StatusCode)
}

// TestFakeEdges: the local Veriff's answers to what a client of its own
// may send wrong, and its media of every type.
func TestFakeEdges(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	sign := func(b []byte) map[string]string {
		return map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign(b, srv.Secret)}
	}
	for _, tc := range []struct {
		body   string
		status int
		code   string
	}{
		{`{}`, 400, "1403"},
		{`{"image":{"context":"selfie","content":"data:image/png;base64,AA=="}}`, 400, "1402"},
		{`{"image":{"context":"face","content":"data:image/png;base64,!!"}}`, 400, "1401"},
		{`{"image":{"context":"face","content":"image/png,AA=="}}`, 400, "1401"},
	} {
		status, code, _ := raw(t, srv, "POST", "/v1/sessions/"+s.ID+"/media", []byte(tc.body), sign([]byte(tc.body)))
		assert.Equal(t, tc.status, status, tc.body)
		assert.Equal(t, tc.code, code, tc.body)
	}
	status, code, _ := raw(t, srv, "GET", "/v1/sessions/"+s.ID+"/decision/fullauto", nil, sign([]byte(s.ID)))
	assert.Equal(t, 400, status, "no version")
	assert.Equal(t, "1104", code)
	patch := []byte(`{"monitorStatus":"enabled"}`)
	status, _, _ = raw(t, srv, "PATCH", "/v1/sessions/"+s.ID+"/watchlist-screening", patch, sign(patch))
	assert.Equal(t, 400, status)

	_, err = srv.AddMedia("0b6e3f7d-2c4a-4b8e-a1d2-3c4e5f607182", "face", "image/jpeg", 1)
	require.ErrorIs(t, err, veriffapitest.ErrUnknownSession)
	_, err = srv.AddMedia(s.ID, "face", "image/jpeg", -1)
	require.Error(t, err)
	video, err := srv.AddMedia(s.ID, "face", "video/webm", 100)
	require.NoError(t, err)
	empty, err := srv.AddMedia(s.ID, "face", "image/jpeg", 0)
	require.NoError(t, err)
	list, err := c.SessionMedia(t.Context(), s.ID)
	require.NoError(t, err)
	require.Len(t, list.Videos, 1)
	assert.Equal(t, video, list.Videos[0].ID)
	assert.Len(t, list.Images, 1)
	var buf bytes.Buffer
	n, err := c.DownloadMedia(t.Context(), empty, &buf)
	require.NoError(t, err)
	assert.Zero(t, n)

	require.NoError(t, c.SubmitSession(t.Context(), s.ID))
	_, err = c.SubmitCollectedData(t.Context(), s.ID, veriffapi.CollectedData{ProviderName: "p", IPv4: "192.0.2.1", Fingerprint: "f"})
	require.ErrorIs(t, err, veriffapi.ErrBadRequest, "only while created or started")
	_, ok := srv.State("0b6e3f7d-2c4a-4b8e-a1d2-3c4e5f607182")
	assert.False(t, ok)

	// SetSeed: the same seed, the same ids from then on; never an id the
	// server already has.
	srv.SetSeed(42)
	a, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	other := veriffapitest.NewServer(t)
	other.SetSeed(42)
	oc, err := veriffapi.NewClient(other.APIKey, other.Secret, veriffapi.WithBaseURL(other.URL))
	require.NoError(t, err)
	b, err := oc.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	assert.Equal(t, a.ID, b.ID)
	srv.SetSeed(42)
	again, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	assert.NotEqual(t, a.ID, again.ID)
}

// TestLogExplainsWebhooks: the log says why a webhook was refused.
func TestLogExplainsWebhooks(t *testing.T) {
	var log syncBuffer
	srv, err := veriffapitest.Start(veriffapitest.Config{Addr: "127.0.0.1:0", Log: &log})
	require.NoError(t, err)
	defer srv.Close()
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	for _, status := range []int{401, 404, 400, 503, 200} {
		hooks, _ := receiver(t, srv.Secret, status)
		srv.SetWebhookURL(hooks.URL)
		s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
		require.NoError(t, err)
		_ = srv.Play(s.ID, "expired")
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	srv.SetWebhookURL(closed.URL)
	s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	require.ErrorIs(t, srv.Play(s.ID, "expired"), veriffapitest.ErrDelivery)
	got := log.String()
	for _, want := range []string{
		"): 401 (the receiver's secret is not this server's shared secret)",
		"): 404 (no receiver at that path: check the webhook URL)",
		"): 400 (the receiver refused the body as invalid)",
		"): 503 (the receiver's own error)",
		"): 200\n",
		"): no answer (is the receiver running, at that address?): ",
	} {
		assert.Contains(t, got, want)
	}
}

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

// TestDeleteOpenSession: deleting a session that is still open sends the
// decision webhook Veriff sends then: expired when never started,
// abandoned when started.
func TestDeleteOpenSession(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	var mu sync.Mutex
	var got []string
	hooks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		p, err := webhook.ParseAny(b)
		if assert.NoError(t, err) {
			if d, ok := p.(webhook.Decision); ok {
				mu.Lock()
				got = append(got, d.Verification.ID+" "+string(d.Verification.Status))
				mu.Unlock()
			}
		}
	}))
	defer hooks.Close()
	srv.WebhookURL = hooks.URL
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	fresh, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	decided, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	require.NoError(t, srv.Play(decided.ID, "approved"))
	mu.Lock()
	got = nil
	mu.Unlock()
	require.NoError(t, c.DeleteSession(t.Context(), fresh.ID))
	require.NoError(t, c.DeleteSession(t.Context(), decided.ID))
	srv.Flush()
	assert.Equal(t, []string{fresh.ID + " expired"}, got, "only the open session is closed")
	st, _ := srv.State(fresh.ID)
	assert.Equal(t, webhook.StatusExpired, st.Status())
}

// TestUploadLimits: the types and size Veriff takes.
func TestUploadLimits(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	for mime, ok := range map[string]bool{"image/jpeg": true, "image/jpg": true, "image/png": true, "image/heif": true, "image/heic": true, "image/webp": true, "application/pdf": true, "text/html": false, "image/gif": false, "": false} {
		_, err := c.UploadMedia(t.Context(), s.ID, veriffapi.Image{Context: veriffapi.ContextFace, MimeType: mime, Content: bytes.NewReader([]byte("x"))})
		if mime == "" {
			require.ErrorIs(t, err, veriffapi.ErrInvalidArgument)
			continue
		}
		if ok {
			require.NoError(t, err, mime)
		} else {
			require.ErrorIs(t, err, veriffapi.ErrBadRequest, mime)
		}
	}
	big := base64.StdEncoding.EncodeToString(make([]byte, 18<<20+3))
	body := []byte(`{"image":{"context":"face","content":"data:image/png;base64,` + big + `"}}`)
	status, code, _ := raw(t, srv, "POST", "/v1/sessions/"+s.ID+"/media", body, map[string]string{"X-Auth-Client": srv.APIKey, "X-Hmac-Signature": webhook.Sign(body, srv.Secret)})
	assert.Equal(t, 400, status, "past 24 MB of base64")
	assert.Equal(t, "1104", code)
}
