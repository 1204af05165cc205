package veriffapi

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
)

// TestResponseSignature: an answer is read only when its signature
// verifies; wrong, missing, malformed or from another integration, it is
// ErrResponseSignature and no value.
func TestResponseSignature(t *testing.T) {
	cases := []struct {
		name   string
		header func(h http.Header)
		err    error
	}{
		{"right", func(h http.Header) {}, nil},
		{"right, upper case", func(h http.Header) { h.Set("X-Hmac-Signature", strings.ToUpper(h.Get("X-Hmac-Signature"))) }, nil},
		{"right, vrf- name only", func(h http.Header) {
			h.Set("Vrf-Hmac-Signature", h.Get("X-Hmac-Signature"))
			h.Del("X-Hmac-Signature")
		}, nil},
		{"no API key named", func(h http.Header) { h.Del("X-Auth-Client") }, nil},
		{"wrong", func(h http.Header) { h.Set("X-Hmac-Signature", hmacHex("other", []byte(decisionBody))) }, ErrResponseSignature},
		{"missing", func(h http.Header) { h.Del("X-Hmac-Signature") }, ErrResponseSignature},
		{"malformed", func(h http.Header) { h.Set("X-Hmac-Signature", "zz") }, ErrResponseSignature},
		{"another API key", func(h http.Header) { h.Set("X-Auth-Client", "11111111-2222-4333-8444-555555555555") }, ErrResponseSignature},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
				w.Header().Set("X-Auth-Client", testKey)
				w.Header().Set("X-Hmac-Signature", hmacHex(testSecret, []byte(decisionBody)))
				tc.header(w.Header())
				_, _ = w.Write([]byte(decisionBody))
			})
			c, _ := m.client()
			d, err := c.Decision(t.Context(), testID)
			if tc.err == nil {
				require.NoError(t, err)
				assert.Equal(t, webhook.StatusApproved, d.Verification.Status)
				return
			}
			require.ErrorIs(t, err, tc.err)
			assert.Zero(t, d, "no value from an answer that does not verify")
			assert.NotContains(t, err.Error(), hmacHex(testSecret, []byte(decisionBody)), "no signature in the error")
			assert.Len(t, m.requests(), 1, "a bad signature is not retried")
		})
	}
}

// TestAllowUnsignedResponses: the option lets through an unsigned answer
// only from endpoints whose page does not list the signature; a signature
// that is there is still checked.
func TestAllowUnsignedResponses(t *testing.T) {
	sig := ""
	m := newMux(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		if sig != "" {
			w.Header().Set("X-Hmac-Signature", sig)
		}
		if r.Method == http.MethodPatch {
			_, _ = w.Write([]byte(`{"status":"success","verification":{"id":"` + testID + `","status":"submitted"}}`))
			return
		}
		_, _ = w.Write([]byte(`{"status":"success","verification":{"id":"` + testID + `"}}`))
	})
	c, _ := m.client(AllowUnsignedResponses())
	require.NoError(t, c.SubmitSession(t.Context(), testID), "PATCH's page does not list the signature")
	require.ErrorIs(t, c.DeleteSession(t.Context(), testID), ErrResponseSignature, "DELETE's page does")
	sig = hmacHex("other", []byte("x"))
	require.ErrorIs(t, c.SubmitSession(t.Context(), testID), ErrResponseSignature, "a wrong signature is never let through")

	strict, _ := m.client()
	sig = ""
	require.ErrorIs(t, strict.SubmitSession(t.Context(), testID), ErrResponseSignature, "required by default (Veriff's FAQ)")
	for o := range numOps {
		ep := endpoints[o]
		want := map[string]bool{"DeleteSession": true, "AddConsent": true, "DisableWatchlistMonitoring": true, "DownloadMedia": true}[ep.name]
		assert.Equal(t, want, ep.signedOnPage, ep.name)
	}
}

func TestSecretRotation(t *testing.T) {
	m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.Header().Set("X-Hmac-Signature", hmacHex("old-secret", []byte(decisionBody)))
		_, _ = w.Write([]byte(decisionBody))
	})
	c, _ := m.client()
	_, err := c.Decision(t.Context(), testID)
	require.ErrorIs(t, err, ErrResponseSignature)
	c, _ = m.client(WithSecrets("old-secret"))
	_, err = c.Decision(t.Context(), testID)
	require.NoError(t, err)
	assert.Equal(t, tv2, m.requests()[1].header.Get("X-Hmac-Signature"), "requests stay signed with the client's secret")
}

// TestResponseBinding: a signed answer about another resource is refused.
func TestResponseBinding(t *testing.T) {
	other := "0b6e3f7d-2c4a-4b8e-a1d2-3c4e5f607182"
	cases := map[op]string{
		opDecision:          strings.ReplaceAll(decisionBody, testID, other),
		opSubmitSession:     `{"status":"success","verification":{"id":"` + other + `","status":"submitted"}}`,
		opDeleteSession:     `{"status":"success","verification":{"id":"` + other + `"}}`,
		opFullAuto:          `{"status":"success","eventType":"fullauto","sessionId":"` + other + `","data":{"verification":{"decision":"approved"}}}`,
		opWatchlist:         `{"status":"success","data":{"checkType":"initial_result","matchStatus":"no_match","sessionId":"` + other + `","totalHits":0,"hits":[]}}`,
		opDisableMonitoring: `{"status":"success","data":{"sessionId":"` + other + `","monitorStatus":"disabled"}}`,
		opSessionMedia:      `{"status":"success","images":[{"id":"m1","sessionId":"` + other + `"}],"videos":[]}`,
		opCollectedData:     `{"status":"success","sessionId":"` + other + `","attemptId":"a"}`,
		opUploadMedia:       `{"status":"success","image":{"id":"m1","sessionId":"` + other + `"}}`,
	}
	for o, body := range cases {
		m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { signedJSON(w, 200, body) })
		c, _ := m.client()
		err := calls[o](t.Context(), c, testID)
		require.ErrorIs(t, err, ErrResponseMismatch, endpoints[o].name)
		require.ErrorIs(t, err, ErrResponseSignature, "a mismatch is an untrusted answer too")
		// The same answer about the session asked for is taken.
		m.fn = func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			signedJSON(w, 200, strings.ReplaceAll(body, other, testID))
		}
		require.NoError(t, calls[o](t.Context(), c, testID), endpoints[o].name)
	}
}

func TestDecisionNotDecided(t *testing.T) {
	for body, want := range map[string]error{
		`{"status":"success","verification":null}`:                             ErrNotDecided,
		`{"status":"success","verification":null,"technicalData":{"ip":null}}`: ErrNotDecided,
		`{"status":"success","verification":{"id":"` + testID + `"}}`:          ErrInvalidResponse,
		`{"status":"success","verification":[]}`:                               ErrInvalidResponse,
		`{"status":"success"`:                                                  ErrInvalidResponse,
		`{"status":"success","verification":null} x`:                           ErrInvalidResponse,
	} {
		m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { signedJSON(w, 200, body) })
		c, _ := m.client()
		_, err := c.Decision(t.Context(), testID)
		require.ErrorIs(t, err, want, body)
		if want == ErrInvalidResponse {
			require.ErrorIs(t, err, webhook.ErrInvalidPayload, "the root reader's error, naming the member")
			assert.NotErrorIs(t, err, ErrNotDecided)
		}
	}
}

// TestErrorAnswers: every non-2xx answer is an *Error with Veriff's code
// and message, whatever shape its body has, matching its sentinel.
func TestErrorAnswers(t *testing.T) {
	cases := []struct {
		status     int
		body       string
		code, msg  string
		sentinel   error
		notMatches []error
	}{
		{401, `{"status":"fail","code":"1818","message":"Signature does not match"}`, "1818", "Signature does not match", ErrUnauthorized, []error{ErrNotFound}},
		{401, `{"status":"fail","code":1803,"message":"Integration not found"}`, "1803", "Integration not found", ErrUnauthorized, nil},
		{403, `{"status":"fail","message":"Forbidden"}`, "", "Forbidden", ErrUnauthorized, nil},
		{400, `{"status":400,"code":"1305","message":"Session is not in a completed status."}`, "1305", "Session is not in a completed status.", ErrBadRequest, []error{ErrServer}},
		{404, `{"status":"fail","message":"Unauthorized"}`, "", "Unauthorized", ErrNotFound, []error{ErrUnauthorized}},
		{409, `{"status":"fail","code":null,"message":null}`, "", "", ErrConflict, nil},
		{429, `<html>slow down</html>`, "", "", ErrRateLimited, nil},
		{500, ``, "", "", ErrServer, nil},
		{502, `{"code":{"x":1},"message":["a"]}`, "", "", ErrServer, nil},
		{418, `{"status":"fail"}`, "", "", nil, []error{ErrUnauthorized, ErrNotFound, ErrConflict, ErrRateLimited, ErrBadRequest, ErrServer}},
	}
	for _, tc := range cases {
		m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			w.WriteHeader(tc.status)
			_, _ = w.Write([]byte(tc.body))
		})
		c, _ := m.client(WithRetry(NoRetry))
		err := c.DeleteSession(t.Context(), testID)
		var e *Error
		require.True(t, errors.As(err, &e), "%d %s", tc.status, tc.body)
		assert.Equal(t, tc.status, e.StatusCode)
		assert.Equal(t, tc.code, e.Code)
		assert.Equal(t, tc.msg, e.Message)
		assert.Equal(t, "DELETE /v1/sessions/{id}", e.Endpoint)
		assert.Equal(t, tc.body, string(e.Body))
		if tc.sentinel != nil {
			assert.ErrorIs(t, err, tc.sentinel)
		}
		for _, s := range tc.notMatches {
			assert.NotErrorIs(t, err, s)
		}
		assert.NotContains(t, err.Error(), testID, "no id in the message")
		assert.Contains(t, err.Error(), http.StatusText(tc.status))
	}
	// The body kept is bounded.
	m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		w.WriteHeader(400)
		_, _ = w.Write(bytes.Repeat([]byte("x"), 1<<20))
	})
	c, _ := m.client()
	var e *Error
	require.True(t, errors.As(c.DeleteSession(t.Context(), testID), &e))
	assert.Len(t, e.Body, maxErrorBody)
	e = &Error{StatusCode: 400, Endpoint: "GET /v1/x", Code: "1102", Message: strings.Repeat("m", 201)}
	assert.Equal(t, `veriffapi: GET /v1/x: 400 Bad Request: code 1102: "`+strings.Repeat("m", 200)+`..."`, e.Error())
	e.Message = strings.Repeat("m", 200)
	assert.Equal(t, `veriffapi: GET /v1/x: 400 Bad Request: code 1102: "`+strings.Repeat("m", 200)+`"`, e.Error(), "200 bytes are kept whole")
	assert.ErrorIs(t, &Error{StatusCode: 599}, ErrServer)
	assert.NotErrorIs(t, &Error{StatusCode: 600}, ErrServer)
	assert.NotErrorIs(t, &Error{StatusCode: 499}, ErrServer)
}

func TestResponseTooLarge(t *testing.T) {
	m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { signedJSON(w, 200, decisionBody) })
	c, _ := m.client(WithMaxResponseBytes(int64(len(decisionBody))))
	_, err := c.Decision(t.Context(), testID)
	require.NoError(t, err, "exactly the limit")
	c, _ = m.client(WithMaxResponseBytes(int64(len(decisionBody) - 1)))
	_, err = c.Decision(t.Context(), testID)
	require.ErrorIs(t, err, ErrResponseTooLarge)
}

func TestInvalidAnswers(t *testing.T) {
	cases := map[op][]string{
		opCreateSession:     {`{"status":"success"}`, `{"status":"success","verification":{"id":""}}`, `[]`},
		opPerson:            {`{"status":"success"}`, `{"person":{"firstName":1}}`},
		opWatchlist:         {`{"status":"success"}`, `{"data":null}`, `{"data":{"checkType":"initial_result"}}`, `{"data":{"eventType":"fullauto","sessionId":"x"}}`, `{"data":{"monitorStatus":1}}`},
		opDisableMonitoring: {`{"data":{"sessionId":"` + testID + `","monitorStatus":"enabled"}}`, `{"data":{"sessionId":1}}`},
		opFullAuto:          {decisionBody, `{"eventType":"fullauto"}`},
		opUploadMedia:       {`{"status":"success"}`},
		opConsent:           {`{"status":"success"}`},
		opAttempts:          {`{"verifications":{}}`},
	}
	for o, bodies := range cases {
		for _, body := range bodies {
			m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { signedJSON(w, 200, body) })
			c, _ := m.client()
			err := calls[o](t.Context(), c, testID)
			require.ErrorIs(t, err, ErrInvalidResponse, "%s: %s", endpoints[o].name, body)
		}
	}
}

// TestNoRedirect: the default client answers a redirect as an *Error and
// does not follow it with the request's headers.
func TestNoRedirect(t *testing.T) {
	followed := false
	other := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		followed = true
		signedJSON(w, 200, decisionBody)
	})
	m := newMux(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		http.Redirect(w, r, other.srv.URL+r.URL.Path, http.StatusFound)
	})
	c, err := NewClient(testKey, testSecret, WithBaseURL(m.srv.URL))
	require.NoError(t, err)
	_, err = c.Decision(t.Context(), testID)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusFound, e.StatusCode)
	assert.False(t, followed)
	assert.Len(t, m.requests(), 1, "a 3xx is not retried")
}

// TestStatus299: the last status of the 2xx class is an answer.
func TestStatus299(t *testing.T) {
	m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { signedJSON(w, 299, decisionBody) })
	c, _ := m.client()
	_, err := c.Decision(t.Context(), testID)
	require.NoError(t, err)
	m.fn = func(w http.ResponseWriter, _ *http.Request, _ []byte) { signedJSON(w, 300, decisionBody) }
	_, err = c.Decision(t.Context(), testID)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 300, e.StatusCode)
}

// TestStatusPast599: a status no HTTP class names is not retried as a 5xx.
func TestStatusPast599(t *testing.T) {
	m := newMux(t, answers(decisionBody, 999, 999))
	c, _ := m.client()
	_, err := c.Decision(t.Context(), testID)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrServer)
	assert.Len(t, m.requests(), 1)
}

// TestReplayedAnswers: a signed answer of another endpoint, or to another
// request, about the same session is refused: the signature covers the
// body only.
func TestReplayedAnswers(t *testing.T) {
	created := `{"status":"success","verification":{"id":"` + testID + `","url":"https://alchemy.veriff.com/v/x","vendorData":"alice-order","status":"created"}}`
	submitted := strings.Replace(created, `"created"`, `"submitted"`, 1)
	fullAuto := `{"status":"success","eventType":"fullauto","sessionId":"` + testID + `","attemptId":"a1","data":{"verification":{"decision":"approved"}}}`
	body := created
	m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { signedJSON(w, 200, body) })
	c, _ := m.client()
	ctx := t.Context()

	s, err := c.CreateSession(ctx, SessionRequest{VendorData: "alice-order"})
	require.NoError(t, err, "the answer to this creation")
	assert.Equal(t, testID, s.ID)
	_, err = c.CreateSession(ctx, SessionRequest{VendorData: "bob-order"})
	require.ErrorIs(t, err, ErrResponseMismatch, "Alice's session as Bob's")
	_, err = c.CreateSession(ctx, SessionRequest{})
	require.ErrorIs(t, err, ErrResponseMismatch, "vendorData not asked for")
	body = strings.Replace(created, `"status":"created"`, `"status":"created","endUserId":"u-1"`, 1)
	_, err = c.CreateSession(ctx, SessionRequest{VendorData: "alice-order", EndUserID: "u-2"})
	require.ErrorIs(t, err, ErrResponseMismatch, "another end-user")
	_, err = c.CreateSession(ctx, SessionRequest{VendorData: "alice-order", EndUserID: "u-1"})
	require.NoError(t, err)
	body = submitted
	_, err = c.CreateSession(ctx, SessionRequest{VendorData: "alice-order"})
	require.ErrorIs(t, err, ErrResponseMismatch, "a submission's answer")
	body = strings.Replace(created, `"url":"https://alchemy.veriff.com/v/x",`, "", 1)
	_, err = c.CreateSession(ctx, SessionRequest{VendorData: "alice-order"})
	require.ErrorIs(t, err, ErrInvalidResponse, "no URL to send the end-user to")

	body = created
	require.ErrorIs(t, c.SubmitSession(ctx, testID), ErrResponseMismatch, "the creation's answer as the submission's")
	body = submitted
	require.NoError(t, c.SubmitSession(ctx, testID))
	require.ErrorIs(t, c.DeleteSession(ctx, testID), ErrResponseMismatch, "the submission's answer as the deletion's")
	body = decisionBody
	require.ErrorIs(t, c.DeleteSession(ctx, testID), ErrResponseMismatch, "a decision, as the deletion's")
	body = `{"status":"success","verification":{"id":"` + testID + `"}}`
	require.NoError(t, c.DeleteSession(ctx, testID))

	body = fullAuto
	_, err = c.SubmitCollectedData(ctx, testID, CollectedData{ProviderName: "p", IPv4: "192.0.2.1", Fingerprint: "f"})
	require.ErrorIs(t, err, ErrResponseMismatch, "Full Auto's answer as the collected data's")
	body = `{"status":"success","sessionId":"` + testID + `"}`
	_, err = c.SubmitCollectedData(ctx, testID, CollectedData{ProviderName: "p", IPv4: "192.0.2.1", Fingerprint: "f"})
	require.ErrorIs(t, err, ErrResponseMismatch, "no attempt")
}

// TestCustomClientNoRedirect: a client given with WithHTTPClient follows
// no redirect either, and the caller's client is left as it was.
func TestCustomClientNoRedirect(t *testing.T) {
	var leaked []string
	other := newMux(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		leaked = append(leaked, r.Header.Get("X-Auth-Client")+r.Header.Get("X-Hmac-Signature"))
		signedJSON(w, 200, decisionBody)
	})
	m := newMux(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		http.Redirect(w, r, other.srv.URL+r.URL.Path, http.StatusTemporaryRedirect)
	})
	hc := &http.Client{Timeout: 5 * time.Second}
	c, err := NewClient(testKey, testSecret, WithBaseURL(m.srv.URL), WithHTTPClient(hc))
	require.NoError(t, err)
	_, err = c.Decision(t.Context(), testID)
	require.ErrorAs(t, err, new(*Error))
	assert.Empty(t, leaked, "the key and signature went nowhere else")
	assert.Nil(t, hc.CheckRedirect, "the caller's client is not changed")
	assert.Equal(t, 5*time.Second, c.hc.Timeout, "the rest of it is used")
}

// TestBudgetEarnedByAnswers: an answer that is not a 429 or a 5xx earns a
// token back, whatever its status.
func TestBudgetEarnedByAnswers(t *testing.T) {
	m := newMux(t, answers(decisionBody, 503, 503, 503))
	c, _ := m.client(WithRetry(RetryPolicy{MaxAttempts: 10, MaxElapsed: time.Minute, Budget: 5}))
	_, err := c.Decision(t.Context(), testID)
	require.ErrorIs(t, err, ErrServer, "one retry paid, then none")
	for range 5 {
		m.fn = func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(404) }
		_, err = c.Decision(t.Context(), testID)
		require.ErrorIs(t, err, ErrNotFound)
	}
	m.fn = answers(decisionBody, 503)
	_, err = c.Decision(t.Context(), testID)
	require.NoError(t, err, "five 404s earned a retry")
}

// TestAnswerLengths: answers with and without a Content-Length, at and
// past the limit, are read whole or refused alike.
func TestAnswerLengths(t *testing.T) {
	pad := strings.Repeat(" ", 8000) // past net/http's buffer: sent chunked unless a length is set
	body := decisionBody[:len(decisionBody)-1] + pad + "}"
	for _, withLength := range []bool{true, false} {
		m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) {
			w.Header().Set("X-Hmac-Signature", hmacHex(testSecret, []byte(body)))
			if withLength {
				w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			}
			_, _ = w.Write([]byte(body[:100]))
			w.(http.Flusher).Flush()
			_, _ = w.Write([]byte(body[100:]))
		})
		c, _ := m.client(WithMaxResponseBytes(int64(len(body))))
		d, err := c.Decision(t.Context(), testID)
		require.NoError(t, err, "length given: %v", withLength)
		assert.Equal(t, testID, d.Verification.ID)
		c, _ = m.client(WithMaxResponseBytes(int64(len(body) - 1)))
		_, err = c.Decision(t.Context(), testID)
		require.ErrorIs(t, err, ErrResponseTooLarge, "length given: %v", withLength)
	}
}
