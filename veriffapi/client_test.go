package veriffapi

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
)

const (
	testKey    = "5f0c7b2e-8a1d-4c3e-9f6b-2d4e6a8c0b1d"
	testSecret = "abcdef12-abcd-abcd-abcd-abcdef012345" // Veriff's test vector's secret
	testID     = "aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7" // and its session id
	// tv2 is Veriff's documented signature of testID under testSecret
	// (TV-2 in the spec): a value no code of ours produced.
	tv2 = "895cb3fd31139d89aeb7b263682e15479ab57651e70591256ad2c14fde4950dd"
)

// mux is a test server per test (go-github's setup): it records every
// request and answers with the handler the test sets.
type mux struct {
	t   *testing.T
	srv *httptest.Server
	mu  sync.Mutex
	got []recorded
	fn  func(w http.ResponseWriter, r *http.Request, body []byte)
}

type recorded struct {
	method, path, query string
	header              http.Header
	body                []byte
}

func newMux(t *testing.T, fn func(w http.ResponseWriter, r *http.Request, body []byte)) *mux {
	m := &mux{t: t, fn: fn}
	m.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		m.mu.Lock()
		m.got = append(m.got, recorded{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), body})
		m.mu.Unlock()
		m.fn(w, r, body)
	}))
	t.Cleanup(m.srv.Close)
	return m
}

func (m *mux) requests() []recorded {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]recorded(nil), m.got...)
}

// client returns a client of m whose waits are recorded instead of slept.
func (m *mux) client(opts ...Option) (*Client, *[]time.Duration) {
	c, err := NewClient(testKey, testSecret, append([]Option{WithBaseURL(m.srv.URL)}, opts...)...)
	require.NoError(m.t, err)
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	}
	return c, &waits
}

// signedJSON answers status with body, signed as Veriff signs it.
func signedJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("X-Auth-Client", testKey)
	w.Header().Set("X-Hmac-Signature", hmacHex(testSecret, []byte(body)))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// hmacHex is HMAC-SHA256 by crypto/hmac, apart from the package's code.
func hmacHex(secret string, msg []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(msg)
	return hex.EncodeToString(m.Sum(nil))
}

// calls invokes each endpoint of the table through the client's method.
var calls = map[op]func(ctx context.Context, c *Client, id string) error{
	opCreateSession: func(ctx context.Context, c *Client, id string) error {
		_, err := c.CreateSession(ctx, SessionRequest{VendorData: "order-1", EndUserID: testID, Callback: "https://example.com/done"})
		return err
	},
	opSubmitSession: func(ctx context.Context, c *Client, id string) error { return c.SubmitSession(ctx, id) },
	opDeleteSession: func(ctx context.Context, c *Client, id string) error { return c.DeleteSession(ctx, id) },
	opAttempts:      func(ctx context.Context, c *Client, id string) error { _, err := c.Attempts(ctx, id); return err },
	opUploadMedia: func(ctx context.Context, c *Client, id string) error {
		_, err := c.UploadMedia(ctx, id, Image{Context: ContextDocumentFront, MimeType: "image/png", Content: strings.NewReader("\x89PNG")})
		return err
	},
	opCollectedData: func(ctx context.Context, c *Client, id string) error {
		_, err := c.SubmitCollectedData(ctx, id, CollectedData{ProviderName: "acme", IPv4: "192.0.2.1", Fingerprint: "fp"})
		return err
	},
	opConsent: func(ctx context.Context, c *Client, id string) error {
		_, err := c.AddConsent(ctx, id, Consent{Type: ConsentBIPA, Approved: true, Text: "I agree"})
		return err
	},
	opDecision: func(ctx context.Context, c *Client, id string) error { _, err := c.Decision(ctx, id); return err },
	opFullAuto: func(ctx context.Context, c *Client, id string) error {
		_, err := c.FullAutoDecision(ctx, id)
		return err
	},
	opPerson: func(ctx context.Context, c *Client, id string) error { _, err := c.Person(ctx, id); return err },
	opWatchlist: func(ctx context.Context, c *Client, id string) error {
		_, err := c.WatchlistScreening(ctx, id)
		return err
	},
	opDisableMonitoring: func(ctx context.Context, c *Client, id string) error { return c.DisableWatchlistMonitoring(ctx, id) },
	opSessionMedia:      func(ctx context.Context, c *Client, id string) error { _, err := c.SessionMedia(ctx, id); return err },
	opAttemptMedia:      func(ctx context.Context, c *Client, id string) error { _, err := c.AttemptMedia(ctx, id); return err },
	opDownloadMedia: func(ctx context.Context, c *Client, id string) error {
		_, err := c.DownloadMedia(ctx, id, io.Discard)
		return err
	},
}

// TestSigningTable sends one request per endpoint and checks what Veriff
// checks: the method, the path under /v1 with the id, the query, the API
// key, and a signature over the exact body sent (POST and PATCH) or over
// the id in the path (GET and DELETE), against HMACs computed apart from
// the package's code, and Veriff's own test vector for the id.
func TestSigningTable(t *testing.T) {
	want := map[op]struct {
		method, path, query string
		body                bool // the body is signed; else the id
	}{
		opCreateSession:     {"POST", "/v1/sessions", "", true},
		opSubmitSession:     {"PATCH", "/v1/sessions/" + testID, "", true},
		opDeleteSession:     {"DELETE", "/v1/sessions/" + testID, "", false},
		opAttempts:          {"GET", "/v1/sessions/" + testID + "/attempts", "", false},
		opUploadMedia:       {"POST", "/v1/sessions/" + testID + "/media", "", true},
		opCollectedData:     {"POST", "/v1/sessions/" + testID + "/collected-data", "", true},
		opConsent:           {"POST", "/v1/sessions/" + testID + "/consents", "", true},
		opDecision:          {"GET", "/v1/sessions/" + testID + "/decision", "", false},
		opFullAuto:          {"GET", "/v1/sessions/" + testID + "/decision/fullauto", "version=1.0.0", false},
		opPerson:            {"GET", "/v1/sessions/" + testID + "/person", "", false},
		opWatchlist:         {"GET", "/v1/sessions/" + testID + "/watchlist-screening", "", false},
		opDisableMonitoring: {"PATCH", "/v1/sessions/" + testID + "/watchlist-screening", "", true},
		opSessionMedia:      {"GET", "/v1/sessions/" + testID + "/media", "", false},
		opAttemptMedia:      {"GET", "/v1/attempts/" + testID + "/media", "", false},
		opDownloadMedia:     {"GET", "/v1/media/" + testID, "", false},
	}
	require.Len(t, want, int(numOps), "every endpoint of the table is checked")
	require.Len(t, calls, int(numOps))
	for o := range numOps {
		w := want[o]
		ep := &endpoints[o]
		t.Run(ep.name, func(t *testing.T) {
			m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusTeapot) })
			c, _ := m.client()
			err := calls[o](t.Context(), c, testID)
			require.Error(t, err)
			rs := m.requests()
			require.Len(t, rs, 1, "one request, not retried on 418")
			r := rs[0]
			assert.Equal(t, w.method, r.method)
			assert.Equal(t, w.path, r.path)
			assert.Equal(t, w.query, r.query)
			assert.Equal(t, testKey, r.header.Get("X-AUTH-CLIENT"))
			sig := r.header.Get("X-HMAC-SIGNATURE")
			if w.body {
				require.NotEmpty(t, r.body)
				assert.Equal(t, hmacHex(testSecret, r.body), sig, "the exact bytes sent")
				assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			} else {
				assert.Empty(t, r.body)
				assert.Equal(t, tv2, sig, "the id in the path (Veriff's test vector)")
			}
			assert.Equal(t, w.method+" "+strings.Replace(w.path, testID, "{id}", 1), ep.String())
		})
	}
}

// TestRequestBodies: the bodies Veriff documents for each write.
func TestRequestBodies(t *testing.T) {
	m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusTeapot) })
	c, _ := m.client()
	for _, o := range []op{opCreateSession, opSubmitSession, opDisableMonitoring, opCollectedData, opConsent, opUploadMedia} {
		_ = calls[o](t.Context(), c, testID)
	}
	rs := m.requests()
	require.Len(t, rs, 6)
	assert.JSONEq(t, `{"verification":{"callback":"https://example.com/done","vendorData":"order-1","endUserId":"`+testID+`"}}`, string(rs[0].body))
	assert.JSONEq(t, `{"verification":{"status":"submitted"}}`, string(rs[1].body))
	assert.JSONEq(t, `{"monitorStatus":"disabled"}`, string(rs[2].body))
	assert.JSONEq(t, `{"providerName":"acme","network":{"ip":{"addressV4":"192.0.2.1"}},"device":{"fingerprint":"fp"}}`, string(rs[3].body))
	assert.JSONEq(t, `{"type":"bipa","approved":true,"text":"I agree"}`, string(rs[4].body))
	assert.JSONEq(t, `{"image":{"context":"document-front","content":"data:image/png;base64,iVBORw=="}}`, string(rs[5].body))

	full := SessionRequest{
		Person:      &PersonData{FirstName: "Approve", LastName: "Example", DateOfBirth: "1990-01-31"},
		Document:    &DocumentData{Number: "X1", Country: "EE", Type: webhook.DocumentTypePassport},
		FullAddress: "1 Example Road",
	}
	b, err := full.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `{"verification":{"person":{"firstName":"Approve","lastName":"Example","dateOfBirth":"1990-01-31"},"document":{"number":"X1","country":"EE","type":"PASSPORT"},"address":{"fullAddress":"1 Example Road"}}}`, string(b))
	b, err = SessionRequest{}.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `{"verification":{}}`, string(b), "Veriff's minimum body")
}

func TestBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://stationapi.veriff.com":         "https://stationapi.veriff.com/v1",
		"https://stationapi.veriff.com/":        "https://stationapi.veriff.com/v1",
		"https://stationapi.veriff.com/v1":      "https://stationapi.veriff.com/v1",
		"https://stationapi.veriff.com/v1/":     "https://stationapi.veriff.com/v1",
		"http://127.0.0.1:8080/veriff/v1":       "http://127.0.0.1:8080/veriff/v1",
		"http://127.0.0.1:8080/veriff":          "http://127.0.0.1:8080/veriff/v1",
		"https://proxy.example/v1/api":          "https://proxy.example/v1/api/v1",
		"https://proxy.example/a%20b/v1":        "https://proxy.example/a%20b/v1",
		"https://stationapi.veriff.com/v1//":    "https://stationapi.veriff.com/v1",
		"HTTPS://stationapi.veriff.com/v1":      "https://stationapi.veriff.com/v1",
		"stationapi.veriff.com":                 "",
		"ftp://stationapi.veriff.com":           "",
		"https://":                              "",
		"https://stationapi.veriff.com?x=1":     "",
		"https://stationapi.veriff.com#top":     "",
		"https://user:pw@stationapi.veriff.com": "",
		"https://stationapi.veriff.com/%zz":     "",
		"":                                      "",
	} {
		got, err := baseURL(in)
		if want == "" {
			require.ErrorIs(t, err, ErrInvalidArgument, "%q", in)
			assert.NotContains(t, err.Error(), "pw", "no credential in the error")
			continue
		}
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
}

func TestNewClient(t *testing.T) {
	_, err := NewClient("", testSecret)
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = NewClient(testKey, "")
	require.ErrorIs(t, err, ErrInvalidArgument)
	assert.NotContains(t, err.Error(), testKey)
	_, err = NewClient(testKey, testSecret, WithHTTPClient(nil))
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = NewClient(testKey, testSecret, WithSecrets(""))
	require.ErrorIs(t, err, ErrInvalidArgument)
	require.ErrorIs(t, err, webhook.ErrNoSecret)
	_, err = NewClient(testKey, testSecret, WithMaxResponseBytes(0))
	require.ErrorIs(t, err, ErrInvalidArgument)
	for _, p := range []RetryPolicy{{}, {MaxAttempts: 2, MinBackoff: -1}, {MaxAttempts: 2, MinBackoff: 2, MaxBackoff: 1}, {MaxAttempts: 2, MaxElapsed: -1}, {MaxAttempts: 2, Budget: -1}} {
		_, err = NewClient(testKey, testSecret, WithRetry(p))
		require.ErrorIs(t, err, ErrInvalidArgument, "%+v", p)
	}
	c, err := NewClient(testKey, testSecret, nil, WithRetry(NoRetry))
	require.NoError(t, err)
	assert.Equal(t, DefaultBaseURL+"/v1", c.base)
	assert.Equal(t, NoRetry, c.retry)
	assert.Equal(t, int64(defaultMaxResponse), c.maxResponse)
	tr, ok := c.hc.Transport.(*http.Transport)
	require.True(t, ok)
	assert.Equal(t, 30*time.Second, tr.ResponseHeaderTimeout)
	assert.Zero(t, c.hc.Timeout, "no overall timeout: downloads take their time")

	m := newMux(t, func(http.ResponseWriter, *http.Request, []byte) { t.Error("a call with an empty id was sent") })
	c, _ = m.client()
	for o, call := range calls {
		if o == opCreateSession {
			continue
		}
		err := call(t.Context(), c, "")
		require.ErrorIs(t, err, ErrInvalidArgument, endpoints[o].name)
	}
}

func TestIntegrationID(t *testing.T) {
	m := newMux(t, func(w http.ResponseWriter, _ *http.Request, _ []byte) { w.WriteHeader(http.StatusTeapot) })
	c, _ := m.client(WithIntegrationID("integration-7"))
	_ = calls[opCreateSession](t.Context(), c, "")
	_ = calls[opDecision](t.Context(), c, testID)
	rs := m.requests()
	require.Len(t, rs, 2)
	assert.Equal(t, "integration-7", rs[0].header.Get("Vrf-Integration-Id"), "on POST /v1/sessions")
	assert.Empty(t, rs[1].header.Get("Vrf-Integration-Id"), "only there")
	c, _ = m.client()
	_ = calls[opCreateSession](t.Context(), c, "")
	assert.Empty(t, m.requests()[2].header.Get("Vrf-Integration-Id"))
}
