package veriffapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/veriffkit/webhook"
)

// DefaultBaseURL is the API URL of Veriff's current integrations. Yours is
// on your integration's page in the Customer Portal; pass it to
// WithBaseURL.
const DefaultBaseURL = "https://stationapi.veriff.com"

// defaultMaxResponse bounds a JSON answer's body (media downloads have no
// bound): a decision with every member is a few KiB.
const defaultMaxResponse = 16 << 20

// Client calls Veriff's API: it signs every request, verifies the signature
// of every answer before reading it, checks that the answer is about what
// was asked, and retries what is safe to repeat. It is safe for concurrent
// use; make one per integration and keep it.
type Client struct {
	base          string // scheme://host/prefix/v1, no trailing slash
	apiKey        string
	secret        string
	verifier      *webhook.Verifier
	hc            *http.Client
	retry         RetryPolicy
	budget        *budget
	integrationID string
	allowUnsigned bool
	maxResponse   int64
	now           func() time.Time
	sleep         func(ctx context.Context, d time.Duration) error
}

// Option configures a Client.
type Option func(*config) error

type config struct {
	baseURL       string
	hc            *http.Client
	retry         *RetryPolicy
	secrets       []string
	integrationID string
	allowUnsigned bool
	maxResponse   int64
}

// WithBaseURL sets the API URL, from your integration's page in the
// Customer Portal, with or without the trailing "/v1" (it is added once);
// http or https, with a host, no query and no fragment. The default is
// DefaultBaseURL.
func WithBaseURL(u string) Option {
	return func(c *config) error { c.baseURL = u; return nil }
}

// WithHTTPClient sets the *http.Client the requests go through (a copy of
// it: its redirect policy is replaced, since the client follows no
// redirect, a 3xx being an *Error). The default has no overall timeout, so
// that a large media download can take its time, and waits at most 30
// seconds for an answer's headers; give every call a context with a
// deadline.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return fmt.Errorf("%w: WithHTTPClient(nil)", ErrInvalidArgument)
		}
		c.hc = hc
		return nil
	}
}

// WithRetry sets the retry policy of the calls that are retried (GETs);
// see RetryPolicy. The default is DefaultRetryPolicy.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) error {
		if err := p.validate(); err != nil {
			return err
		}
		c.retry = &p
		return nil
	}
}

// WithSecrets adds shared secrets that answers may be signed with, besides
// the client's own: during a rotation, the old and the new. Requests are
// always signed with the secret given to NewClient.
func WithSecrets(secrets ...string) Option {
	return func(c *config) error { c.secrets = append(c.secrets, secrets...); return nil }
}

// WithIntegrationID sends id in vrf-integration-id when creating a session,
// which Veriff requires when the integration uses flexible API keys.
func WithIntegrationID(id string) Option {
	return func(c *config) error { c.integrationID = id; return nil }
}

// AllowUnsignedResponses accepts a 2xx answer with no signature from the
// endpoints whose own page in Veriff's reference does not list the
// answer's signature (see the package documentation), where only Veriff's
// FAQ says every answer to a signed request is signed. A signature that is
// there is still checked, and the endpoints whose page lists it still
// require it. Use it only if Veriff's answers prove the FAQ wrong.
func AllowUnsignedResponses() Option {
	return func(c *config) error { c.allowUnsigned = true; return nil }
}

// WithMaxResponseBytes bounds the body of a JSON answer (default 16 MiB);
// a longer one is ErrResponseTooLarge. Media downloads are not bounded.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("%w: WithMaxResponseBytes(%d)", ErrInvalidArgument, n)
		}
		c.maxResponse = n
		return nil
	}
}

// NewClient returns a client for the integration with the API key apiKey
// (sent in X-AUTH-CLIENT) and the shared secret secret (the key of every
// signature). An empty key or secret is an error: nothing is ever sent
// unsigned, or accepted unverified.
func NewClient(apiKey, secret string, opts ...Option) (*Client, error) {
	if apiKey == "" {
		return nil, fmt.Errorf("%w: empty API key", ErrInvalidArgument)
	}
	if secret == "" {
		return nil, fmt.Errorf("%w: empty shared secret", ErrInvalidArgument)
	}
	cfg := config{baseURL: DefaultBaseURL, maxResponse: defaultMaxResponse}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	base, err := baseURL(cfg.baseURL)
	if err != nil {
		return nil, err
	}
	v, err := webhook.NewVerifier(append([]string{secret}, cfg.secrets...)...)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidArgument, err)
	}
	c := &Client{
		base:          base,
		apiKey:        apiKey,
		secret:        secret,
		verifier:      v,
		hc:            cfg.hc,
		retry:         DefaultRetryPolicy,
		integrationID: cfg.integrationID,
		allowUnsigned: cfg.allowUnsigned,
		maxResponse:   cfg.maxResponse,
		now:           time.Now,
		sleep:         sleepCtx,
	}
	if cfg.retry != nil {
		c.retry = *cfg.retry
	}
	c.budget = newBudget(c.retry.Budget)
	if c.hc == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.ResponseHeaderTimeout = 30 * time.Second
		c.hc = &http.Client{Transport: t}
	} else {
		hc := *c.hc // the caller's, unchanged
		c.hc = &hc
	}
	// Veriff's API does not redirect: a redirect is answered as the *Error
	// it is, never followed with the API key and a signature that, over an
	// id, stays valid for good.
	c.hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c, nil
}

// baseURL checks u and returns it with "/v1" at its end, once.
func baseURL(u string) (string, error) {
	p, err := url.Parse(u)
	if err != nil {
		// url's error quotes the URL, which may hold a password.
		return "", fmt.Errorf("%w: base URL does not parse", ErrInvalidArgument)
	}
	if p.Scheme != "http" && p.Scheme != "https" || p.Host == "" || p.RawQuery != "" || p.Fragment != "" || p.User != nil {
		return "", fmt.Errorf("%w: base URL %q: want http(s)://host[/path], no query, fragment or user", ErrInvalidArgument, p.Redacted())
	}
	path := strings.TrimRight(p.EscapedPath(), "/")
	path = strings.TrimSuffix(path, "/v1")
	return p.Scheme + "://" + p.Host + path + "/v1", nil
}

// call is one request: its endpoint, the id in its path and its body.
type call struct {
	ep   *endpoint
	id   string
	body []byte
}

func newCall(o op, id string, body []byte) (call, error) {
	ep := &endpoints[o]
	if strings.Contains(ep.path, "{id}") && id == "" {
		return call{}, fmt.Errorf("%w: %s: empty id", ErrInvalidArgument, ep.name)
	}
	return call{ep: ep, id: id, body: body}, nil
}

// signed returns what the request's signature covers.
func (cl call) signed() []byte {
	if cl.ep.sign == signPathID {
		return []byte(cl.id)
	}
	return cl.body
}

// request builds the request of cl: the URL, X-AUTH-CLIENT and
// X-HMAC-SIGNATURE. It is built anew for every try, with the same bytes.
func (c *Client) request(ctx context.Context, cl call) (*http.Request, error) {
	u := c.base + strings.Replace(cl.ep.path, "{id}", url.PathEscape(cl.id), 1)
	if cl.ep.query != "" {
		u += "?" + cl.ep.query
	}
	var body io.Reader = http.NoBody
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.ep.method, u, body)
	if err != nil {
		return nil, fmt.Errorf("veriffapi: %s: %w", cl.ep, err)
	}
	req.Header.Set(webhook.HeaderAuthClient, c.apiKey)
	req.Header.Set(webhook.HeaderSignature, webhook.Sign(cl.signed(), c.secret))
	req.Header.Set("Accept", "application/json")
	if cl.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if cl.ep == &endpoints[opCreateSession] && c.integrationID != "" {
		req.Header.Set("Vrf-Integration-Id", c.integrationID)
	}
	return req, nil
}

// send sends cl, with the retries its endpoint allows, and returns a 2xx
// answer with its body unread, or an error: an *Error for any other
// status.
func (c *Client) send(ctx context.Context, cl call) (*http.Response, error) {
	if ctx == nil {
		return nil, fmt.Errorf("%w: %s: nil context", ErrInvalidArgument, cl.ep.name)
	}
	start := c.now()
	for try := 1; ; try++ {
		req, err := c.request(ctx, cl)
		if err != nil {
			return nil, err
		}
		resp, err := c.hc.Do(req)
		var fail error
		var wait time.Duration
		timeout := false
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return nil, fmt.Errorf("veriffapi: %s: %w", cl.ep, ctx.Err())
			}
			fail = transportError(cl.ep, err)
			var ne net.Error
			timeout = errors.As(err, &ne) && ne.Timeout()
		case resp.StatusCode >= 200 && resp.StatusCode <= 299:
			c.budget.success()
			return resp, nil
		default:
			body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
			resp.Body.Close()
			e := newError(cl.ep, resp.StatusCode, resp.Header, body, c.now())
			if resp.StatusCode != http.StatusTooManyRequests && (resp.StatusCode < 500 || resp.StatusCode > 599) {
				c.budget.success() // answered: Veriff is up
				return nil, e
			}
			fail, wait = e, e.RetryAfter
		}
		if !cl.ep.retry {
			return nil, fail
		}
		d, ok := c.retry.next(try, wait, c.now().Sub(start))
		if !ok || !c.budget.take(timeout) {
			return nil, fail
		}
		if err := c.sleep(ctx, d); err != nil {
			return nil, fmt.Errorf("veriffapi: %s: %w (after %w)", cl.ep, err, fail)
		}
	}
}

// transportError names the endpoint and drops the URL (which holds the
// id) from err.
func transportError(ep *endpoint, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("veriffapi: %s: %w", ep, err)
}

// getJSON sends cl and returns its answer's body once its signature
// verified.
func (c *Client) getJSON(ctx context.Context, cl call) ([]byte, error) {
	resp, err := c.send(ctx, cl)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	sig, err := c.answerSignature(cl.ep, resp.Header)
	if err != nil {
		return nil, err
	}
	body, err := readAll(resp, c.maxResponse+1)
	if err != nil {
		return nil, transportError(cl.ep, err)
	}
	if int64(len(body)) > c.maxResponse {
		return nil, fmt.Errorf("%w: %s: over %d bytes", ErrResponseTooLarge, cl.ep, c.maxResponse)
	}
	if sig == "" {
		return body, nil // allowed unsigned, see AllowUnsignedResponses
	}
	if err := c.verifier.Verify(body, sig); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrResponseSignature, cl.ep, err)
	}
	return body, nil
}

// readAll reads at most limit bytes of resp's body, into one buffer when
// the answer says its length (io.ReadAll grows from 512 bytes: three
// copies of a decision).
func readAll(resp *http.Response, limit int64) ([]byte, error) {
	if n := resp.ContentLength; n >= 0 && n < limit {
		b := make([]byte, 0, n+1) // +1: room to see EOF without growing
		buf := bytes.NewBuffer(b)
		_, err := buf.ReadFrom(io.LimitReader(resp.Body, limit))
		return buf.Bytes(), err
	}
	return io.ReadAll(io.LimitReader(resp.Body, limit))
}

// answerSignature returns the signature of an answer, checking what can be
// checked before its body is read: that it is there (or may be missing),
// and that the answer names this integration's API key if it names one.
func (c *Client) answerSignature(ep *endpoint, h http.Header) (string, error) {
	if k := header(h, webhook.HeaderAuthClient, webhook.HeaderAuthClientFallback); k != "" && k != c.apiKey {
		return "", fmt.Errorf("%w: %s: answer names another API key", ErrResponseSignature, ep)
	}
	sig := header(h, webhook.HeaderSignature, webhook.HeaderSignatureFallback)
	if sig == "" && (ep.signedOnPage || !c.allowUnsigned) {
		return "", fmt.Errorf("%w: %s: no X-HMAC-SIGNATURE on the answer", ErrResponseSignature, ep)
	}
	return sig, nil
}

// header returns the first of the named headers that is set.
func header(h http.Header, names ...string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}

// sleepCtx waits d, or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
