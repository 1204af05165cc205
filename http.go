package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"strings"
)

// DefaultMaxBodyBytes is the body size limit when Config.MaxBodyBytes is 0:
// 1 MiB, far above any event Veriff documents.
const DefaultMaxBodyBytes = 1 << 20

var (
	// ErrPayloadTooLarge reports a body over the configured size limit (413).
	ErrPayloadTooLarge = errors.New("webhook: payload too large")

	// ErrUnknownAPIKey reports a delivery whose API key (X-Auth-Client) has
	// no secret configured, or that has none when secrets are configured
	// per API key. It matches ErrInvalidSignature: such a delivery is
	// rejected as unauthenticated (401).
	ErrUnknownAPIKey = fmt.Errorf("%w: unknown API key", ErrInvalidSignature)

	// ErrReadBody reports a failure to read the request body, such as a
	// client that went away (400).
	ErrReadBody = errors.New("webhook: cannot read request body")
)

// Config says how deliveries are authenticated and bounded. Set exactly one
// of Secrets and SecretsByAPIKey.
type Config struct {
	// Secrets are the shared secrets any delivery may be signed with,
	// whatever its API key: one, or two during a rotation.
	Secrets []string

	// SecretsByAPIKey maps an integration's API key, as sent in
	// X-Auth-Client, to its secrets. Use it when several integrations
	// (test and live, say) post to one URL. A delivery with an API key not
	// in the map is rejected with ErrUnknownAPIKey.
	SecretsByAPIKey map[string][]string

	// MaxBodyBytes caps the body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64

	// Logger, if set, gets one line per rejected delivery (level Warn)
	// and one per delivery holding values this package does not know
	// (level Info). It never gets a secret or a signature.
	Logger *slog.Logger

	// OnUnknown, if set, is called by a Handler for every verified and
	// parsed delivery that holds values this package does not know (see
	// UnknownValues, which Event, Decision and most other payloads have),
	// or whose kind it does not know (an Unknown payload), before the
	// handler function. Use it to count them: a state this package
	// inferred wrongly shows up here on its first real delivery.
	OnUnknown func(ctx context.Context, d Delivery)

	// OnInvalidPayload, if set, is called by a Handler for every delivery
	// whose signature checked out but whose body does not parse (err
	// matches ErrInvalidPayload), before it answers 400. The body is
	// Veriff's data all the same: keep d.Body (and d.APIKey) in a
	// dead-letter store, so that nothing verified is lost. d.Payload is
	// nil. Without it, the Warn line of the Logger is all that remains.
	OnInvalidPayload func(ctx context.Context, d Delivery, err error)
}

// Delivery is a verified and parsed request.
type Delivery struct {
	// Payload is the parsed body, of any kind (see ParseAny): switch on
	// its type.
	Payload Payload
	// Body is the raw body as received and verified, to store for audit.
	Body []byte
	// APIKey is the integration's API key from X-Auth-Client (or
	// Vrf-Auth-Client); "" when absent.
	APIKey string
}

// Receiver verifies and parses requests. It is safe for concurrent use.
type Receiver struct {
	any      *Verifier
	byAPIKey map[string]*Verifier
	max      int64
	log      *slog.Logger
	unknown  func(context.Context, Delivery)
	invalid  func(context.Context, Delivery, error)
}

// NewReceiver checks cfg and returns a Receiver. It returns an error
// matching ErrNoSecret when no secret is configured, when a secret or an API
// key is empty, or when both Secrets and SecretsByAPIKey are set.
func NewReceiver(cfg Config) (*Receiver, error) {
	rc := &Receiver{max: cfg.MaxBodyBytes, log: cfg.Logger, unknown: cfg.OnUnknown, invalid: cfg.OnInvalidPayload}
	if rc.max == 0 {
		rc.max = DefaultMaxBodyBytes
	}
	if rc.max < 0 {
		return nil, fmt.Errorf("webhook: MaxBodyBytes is negative (%d)", rc.max)
	}
	switch {
	case len(cfg.Secrets) > 0 && len(cfg.SecretsByAPIKey) > 0:
		return nil, fmt.Errorf("%w: set Secrets or SecretsByAPIKey, not both", ErrNoSecret)
	case len(cfg.Secrets) > 0:
		v, err := NewVerifier(cfg.Secrets...)
		if err != nil {
			return nil, err
		}
		rc.any = v
	case len(cfg.SecretsByAPIKey) > 0:
		rc.byAPIKey = make(map[string]*Verifier, len(cfg.SecretsByAPIKey))
		for key, secrets := range cfg.SecretsByAPIKey {
			if key == "" {
				return nil, fmt.Errorf("%w: empty API key in SecretsByAPIKey", ErrNoSecret)
			}
			v, err := NewVerifier(secrets...)
			if err != nil {
				return nil, fmt.Errorf("%w (API key %q)", err, key)
			}
			rc.byAPIKey[key] = v
		}
	default:
		return nil, fmt.Errorf("%w: set Secrets or SecretsByAPIKey", ErrNoSecret)
	}
	return rc, nil
}

// Receive reads r's body (up to the size limit), takes the signature from
// X-Hmac-Signature (or Vrf-Hmac-Signature) and the API key from
// X-Auth-Client (or Vrf-Auth-Client), verifies the signature over the exact
// bytes read, and only then parses them with ParseAny: every kind of
// webhook is verified alike and delivered typed, and a kind this package
// does not know is an Unknown payload, not an error.
//
// Receive consumes r.Body and replaces it with a reader over the same
// bytes, so that code after it can read the body again; when reading fails
// or the body is too large, the replacement gives the bytes read followed by
// the rest of the original body. A body declared (by Content-Length) larger
// than the limit is refused before any of it is read. Receive does not close
// the original body (the server does) and does not check the method.
//
// The error matches ErrPayloadTooLarge, ErrReadBody, ErrMissingSignature,
// ErrInvalidSignature (ErrUnknownAPIKey among them) or ErrInvalidPayload;
// StatusCode maps it to a response status. With ErrInvalidPayload the
// Delivery holds the verified Body and the APIKey (keep them: see
// Config.OnInvalidPayload); with any other error it is empty, so that no
// unverified byte is mistaken for Veriff's.
func (rc *Receiver) Receive(r *http.Request) (Delivery, error) {
	body, err := readBody(r, rc.max)
	if err != nil {
		return Delivery{}, err
	}
	apiKey := header(r.Header, HeaderAuthClient, HeaderAuthClientFallback)
	sig := header(r.Header, HeaderSignature, HeaderSignatureFallback)
	if sig == "" {
		return Delivery{}, ErrMissingSignature
	}
	v := rc.any
	if v == nil {
		if v = rc.byAPIKey[apiKey]; v == nil {
			return Delivery{}, ErrUnknownAPIKey
		}
	}
	if err := v.Verify(body, sig); err != nil {
		return Delivery{}, err
	}
	d := Delivery{Body: body, APIKey: apiKey} // verified from here on
	d.Payload, err = ParseAny(body)
	return d, err
}

// header returns the first non-empty value of name, or else of fallback.
func header(h http.Header, name, fallback string) string {
	if v := headerValue(h, name); v != "" {
		return v
	}
	return headerValue(h, fallback)
}

// headerValue returns the first value of name. net/http canonicalises the
// names it reads from the wire; a name set in the map directly (as tests
// do) is found too.
func headerValue(h http.Header, name string) string {
	if v := h[name]; len(v) > 0 {
		return v[0]
	}
	for k, v := range h {
		if len(v) > 0 && strings.EqualFold(k, name) {
			return v[0]
		}
	}
	return ""
}

// initialBodyBuffer caps the memory reserved for a body before its bytes
// arrive: a declared Content-Length is only the sender's claim.
const initialBodyBuffer = 64 << 10

// readBody reads the whole body, failing as soon as it holds more than max
// bytes. On success it leaves a reader over the bytes read in r.Body; on
// failure, a reader over the bytes read followed by the rest of the body.
func readBody(r *http.Request, max int64) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		r.Body = http.NoBody
		return []byte{}, nil
	}
	if r.ContentLength > max {
		return nil, ErrPayloadTooLarge
	}
	limit := max // read one byte more than max, to tell "max" from "more"
	if limit < math.MaxInt64 {
		limit++
	}
	size := int64(512)
	if r.ContentLength >= 0 {
		size = min(r.ContentLength, initialBodyBuffer) + 1 // room to see EOF without growing
	}
	orig := r.Body
	buf := make([]byte, 0, min(size, limit))
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := orig.Read(buf[len(buf):min(int64(cap(buf)), limit)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			r.Body = partlyRead(buf, orig)
			return nil, ErrPayloadTooLarge
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			r.Body = partlyRead(buf, orig)
			if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
				return nil, fmt.Errorf("%w: %w", ErrPayloadTooLarge, err)
			}
			return nil, fmt.Errorf("%w: %w", ErrReadBody, err)
		}
	}
	rb := new(replayBody) // one allocation for the body and its reader
	rb.Reset(buf)
	r.Body = rb
	return buf, nil
}

// partlyRead gives back a body of which buf was read already.
func partlyRead(buf []byte, rest io.ReadCloser) io.ReadCloser {
	return struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(buf), rest), rest}
}

// replayBody is what Receive leaves in r.Body: the bytes it read.
type replayBody struct{ bytes.Reader }

// Close does nothing: the server closes the original body.
func (*replayBody) Close() error { return nil }

// StatusCode returns the HTTP status a webhook endpoint should answer for
// err, an error from Receive, Verify or Parse, or from the endpoint's own
// work: 200 for nil, 413 for ErrPayloadTooLarge, 401 for a missing or
// invalid signature or an unknown API key, 400 for an invalid payload or an
// unreadable body, and 500 for anything else, so that Veriff retries.
func StatusCode(err error) int {
	switch {
	case err == nil:
		return http.StatusOK
	case errors.Is(err, ErrPayloadTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrMissingSignature), errors.Is(err, ErrInvalidSignature):
		return http.StatusUnauthorized
	case errors.Is(err, ErrInvalidPayload), errors.Is(err, ErrReadBody):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// HandlerFunc handles one verified, parsed delivery. Returning an error
// makes the Handler answer 500, so that Veriff sends the delivery again
// (about once an hour, for up to a week). Veriff may deliver an event more
// than once: make the function idempotent, keyed on what it stores.
type HandlerFunc func(ctx context.Context, d Delivery) error

// Handler is an http.Handler for Veriff's webhooks, every kind on one URL
// (see ParseAny). It answers 405 (with
// Allow: POST) to other methods, 413 to a body over the limit, 401 to a
// missing or invalid signature or an unknown API key, 400 to an invalid
// payload, 500 when the HandlerFunc fails and 200 when it succeeds. It calls
// the HandlerFunc only for a verified, parsed delivery, and for every one of
// them, whatever values it holds and whatever its kind: a kind this package
// does not know is delivered as Unknown, and the HandlerFunc's answer
// decides the status. Response bodies are short and generic.
type Handler struct {
	rc *Receiver
	fn HandlerFunc
}

// NewHandler returns a Handler that calls fn with each delivery accepted
// under cfg. It returns NewReceiver's errors, or one when fn is nil.
func NewHandler(cfg Config, fn HandlerFunc) (*Handler, error) {
	if fn == nil {
		return nil, errors.New("webhook: nil HandlerFunc")
	}
	rc, err := NewReceiver(cfg)
	if err != nil {
		return nil, err
	}
	return &Handler{rc: rc, fn: fn}, nil
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.reject(w, r, http.StatusMethodNotAllowed, "method not allowed", nil)
		return
	}
	d, err := h.rc.Receive(r)
	if err != nil {
		if h.rc.invalid != nil && errors.Is(err, ErrInvalidPayload) {
			h.rc.invalid(r.Context(), d, err)
		}
		h.reject(w, r, StatusCode(err), "rejected", err)
		return
	}
	var unknown []string
	unknownKind := false
	switch p := d.Payload.(type) { // the usual kinds first, without a lookup of methods
	case Event:
		unknown = p.UnknownValues()
	case Decision:
		unknown = p.UnknownValues()
	case Unknown:
		unknownKind = true
	case interface{ UnknownValues() []string }:
		unknown = p.UnknownValues()
	}
	if unknownKind || len(unknown) > 0 {
		if h.rc.log != nil {
			h.logUnknown(r, d, unknownKind, unknown)
		}
		if h.rc.unknown != nil {
			h.rc.unknown(r.Context(), d)
		}
	}
	if err := h.fn(r.Context(), d); err != nil {
		h.reject(w, r, http.StatusInternalServerError, "handler failed", err)
		return
	}
	w.WriteHeader(http.StatusOK) // no body: nothing reads it
}

// logUnknown logs, at Info, one line about a delivery of a kind or holding
// values this package does not know.
func (h *Handler) logUnknown(r *http.Request, d Delivery, unknownKind bool, members []string) {
	if unknownKind {
		h.rc.log.LogAttrs(r.Context(), slog.LevelInfo, "webhook: delivery of an unknown kind",
			slog.Int("bytes", len(d.Body)), slog.String("api_key", truncate(d.APIKey, 64)))
		return
	}
	attrs := []slog.Attr{slog.String("kind", string(d.Payload.Kind())), slog.Any("members", members)}
	switch p := d.Payload.(type) {
	case Event:
		attrs = append(attrs, slog.String("feature", string(p.Feature)),
			slog.Int("code", int(p.Code)), slog.String("action", string(p.Action)),
			slog.String("reason", string(p.Context.Reason)), slog.String("state", string(p.Context.State)),
			slog.String("id", p.ID))
	case Decision:
		attrs = append(attrs, slog.String("status", string(p.Verification.Status)), slog.Int("code", int(p.Verification.Code)),
			slog.Int("reason_code", int(p.Verification.ReasonCode)), slog.String("id", p.Verification.ID))
	}
	h.rc.log.LogAttrs(r.Context(), slog.LevelInfo, "webhook: delivery holds unknown values", attrs...)
}

// reject answers status with its generic text and logs why.
func (h *Handler) reject(w http.ResponseWriter, r *http.Request, status int, msg string, err error) {
	if h.rc.log != nil {
		attrs := []slog.Attr{slog.Int("status", status), slog.String("method", r.Method), slog.String("remote", r.RemoteAddr)}
		if err != nil {
			attrs = append(attrs, slog.String("error", err.Error()))
		}
		if key := header(r.Header, HeaderAuthClient, HeaderAuthClientFallback); key != "" {
			attrs = append(attrs, slog.String("api_key", truncate(key, 64)))
		}
		h.rc.log.LogAttrs(r.Context(), slog.LevelWarn, "webhook: delivery "+msg, attrs...)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	io.WriteString(w, http.StatusText(status)+"\n")
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// NewSignedRequest returns a POST request to url carrying body, signed with
// secret the way Veriff signs it, with apiKey in X-Auth-Client (omitted when
// ""). Use it to test your own handler, with url "/" and ServeHTTP, or to
// send to a running server.
func NewSignedRequest(url string, body []byte, apiKey, secret string) (*http.Request, error) {
	r, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	if apiKey != "" {
		r.Header.Set(HeaderAuthClient, apiKey)
	}
	r.Header.Set(HeaderSignature, Sign(body, secret))
	return r, nil
}
