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
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
)

// DefaultMaxBodyBytes is the body size limit when Config.MaxBodyBytes is 0:
// 1 MiB, far above any event Veriff documents.
const DefaultMaxBodyBytes = 1 << 20

// DefaultMaxBytesInFlight is the bound on body bytes held at once by one
// Handler or Receiver when Config.MaxBytesInFlight is 0: 64 MiB, 64 bodies
// of the default size limit.
const DefaultMaxBytesInFlight = 64 << 20

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

	// MaxBytesInFlight bounds the body bytes held at once across all the
	// requests of one Handler or Receiver, counting every buffer allocated
	// for them (an outgrown one until the request ends: the collector has
	// not freed it); 0 means DefaultMaxBytesInFlight (or more, to hold one
	// body of MaxBodyBytes), and it may not be below MaxBodyBytes, nor,
	// when MaxBodyBytes is over 64 KiB, below MaxBodyBytes and the 64 KiB
	// first buffer such a body outgrows. The signature can only be checked
	// once the whole body is in, so without a bound anyone can hold the
	// server's memory with slow, half-sent bodies. A request whose
	// Content-Length would pass the bound is refused with ErrBusy (503,
	// with Retry-After) before any of its body is read; a body of unknown
	// length (chunked) is counted as one of MaxBodyBytes, and refused so
	// too. Veriff retries a 503, so nothing is lost (answer
	// Receive's ErrBusy with WriteError). A Handler holds a body's share
	// until its HandlerFunc returns; Receive, until it returns. Pair it
	// with the server's ReadTimeout, which ends the slow senders: a
	// declared length is charged before its bytes arrive, so stalled
	// senders fill the bound until then.
	MaxBytesInFlight int64

	// Logger, if set, gets one line per rejected delivery (level Warn),
	// one per delivery of an unknown kind, holding values this package
	// does not know or anomalies (level Info; every delivery and every
	// resend logs its own line), and one per panic of the HandlerFunc or a
	// callback (level Error, with the stack). It never gets a secret, a
	// signature or a body. Without it, panics are logged to slog.Default.
	Logger *slog.Logger

	// OnUnknown, if set, is called by a Handler for every verified and
	// parsed delivery that holds values this package does not know (see
	// Payload.UnknownValues) or anomalies (see Payload.Anomalies), or
	// whose kind it does not know (an Unknown payload), before the handler
	// function; f says which. Use it to count them: a state this package
	// inferred wrongly shows up here on its first real delivery.
	OnUnknown func(ctx context.Context, d Delivery, f Findings)

	// OnInvalidPayload, if set, is called by a Handler for every delivery
	// whose signature checked out but whose body does not parse (err
	// matches ErrInvalidPayload), before it answers 400. The body is
	// Veriff's data all the same: keep d.Body (and d.APIKey) in a
	// dead-letter store, so that nothing verified is lost. d.Payload is
	// nil. Without it, the Warn line of the Logger is all that remains.
	OnInvalidPayload func(ctx context.Context, d Delivery, err error)
}

// Findings is what made a Handler call Config.OnUnknown for a delivery:
// at least one of its members is set.
type Findings struct {
	// UnknownKind is set when the payload is an Unknown: a kind this
	// package does not know.
	UnknownKind bool
	// UnknownValues are the payload's UnknownValues.
	UnknownValues []string
	// Anomalies are the payload's Anomalies.
	Anomalies []string
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

// bothSecrets is the configuration error of Secrets and SecretsByAPIKey
// both set. It matches ErrNoSecret, as every error about the secrets does,
// with a message that says what is wrong.
type bothSecrets struct{}

func (bothSecrets) Error() string {
	return "webhook: Secrets and SecretsByAPIKey are both set; set one of them"
}

func (bothSecrets) Unwrap() error { return ErrNoSecret }

// Receiver verifies and parses requests. It is safe for concurrent use.
type Receiver struct {
	any      *Verifier
	byAPIKey map[string]*Verifier
	max      int64
	inFlight flight
	log      *slog.Logger
	unknown  func(context.Context, Delivery, Findings)
	invalid  func(context.Context, Delivery, error)
}

// NewReceiver checks cfg and returns a Receiver. It returns an error
// matching ErrNoSecret when no secret is configured, when a secret or an API
// key is empty, or when both Secrets and SecretsByAPIKey are set, and an
// error when a size bound is negative or MaxBytesInFlight is below
// MaxBodyBytes.
func NewReceiver(cfg Config) (*Receiver, error) {
	if cfg.MaxBodyBytes < 0 {
		return nil, fmt.Errorf("webhook: MaxBodyBytes is negative (%d)", cfg.MaxBodyBytes)
	}
	rc := &Receiver{max: cfg.MaxBodyBytes, log: cfg.Logger, unknown: cfg.OnUnknown, invalid: cfg.OnInvalidPayload}
	if rc.max == 0 {
		rc.max = DefaultMaxBodyBytes
	}
	rc.inFlight.max = cfg.MaxBytesInFlight
	if rc.inFlight.max == 0 {
		rc.inFlight.max = max(DefaultMaxBytesInFlight, minBytesInFlight(rc.max))
	}
	if rc.inFlight.max < rc.max {
		return nil, fmt.Errorf("webhook: MaxBytesInFlight (%d) is below MaxBodyBytes (%d)", rc.inFlight.max, rc.max)
	}
	if least := minBytesInFlight(rc.max); rc.inFlight.max < least {
		return nil, fmt.Errorf("webhook: MaxBytesInFlight (%d) is below %d, MaxBodyBytes (%d) and the first buffer (%d) a body of that size outgrows",
			rc.inFlight.max, least, rc.max, initialBodyBuffer+1)
	}
	switch {
	case len(cfg.Secrets) > 0 && len(cfg.SecretsByAPIKey) > 0:
		return nil, bothSecrets{}
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

// errZeroReceiver is what a Receiver that NewReceiver did not make
// answers: it has no secret to verify with, nor a size limit. It matches
// ErrNoSecret, a configuration error (500), not anything about the request.
var errZeroReceiver = fmt.Errorf("%w: the Receiver was not made by NewReceiver", ErrNoSecret)

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
//
// A Receiver must be made by NewReceiver: the zero Receiver reads nothing
// (or a nil one) and returns an error matching ErrNoSecret that names
// NewReceiver, which StatusCode answers with 500.
func (rc *Receiver) Receive(r *http.Request) (Delivery, error) {
	if rc == nil {
		return Delivery{}, errZeroReceiver
	}
	var held int64
	defer func() { rc.inFlight.release(held) }() // also when a Read panics
	return rc.receive(r, &held)
}

// receive is Receive, adding the body's share of the bound on bytes in
// flight to *held as it takes it, for the caller to release once it lets go
// of the body, whatever happens meanwhile.
func (rc *Receiver) receive(r *http.Request, held *int64) (d Delivery, err error) {
	if rc.any == nil && rc.byAPIKey == nil {
		return Delivery{}, errZeroReceiver
	}
	body, err := rc.readBody(r, held)
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
	d = Delivery{Body: body, APIKey: apiKey} // verified from here on
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

// initialBodyBuffer caps the first buffer of a body, made before its bytes
// arrive: a declared Content-Length is only the sender's claim (though it is
// charged against the bound on bytes in flight in full), and a body of
// unknown length may be short.
const initialBodyBuffer = 64 << 10

// oneBuffer is the largest buffer readBody makes for a body of unknown
// length once it outgrows its first: that of a MaxBodyBytes up to the
// default bound on bytes in flight. Beyond it, buffers double.
const oneBuffer = DefaultMaxBytesInFlight + 1

// minBytesInFlight is the least bound on bytes in flight that lets one body
// of max bytes through alone: the body, and the first buffer it outgrew.
func minBytesInFlight(max int64) int64 {
	if max <= initialBodyBuffer || max > math.MaxInt64-initialBodyBuffer-1 {
		return max
	}
	return max + initialBodyBuffer + 1
}

// readBody reads the whole body, failing as soon as it holds more than
// rc.max bytes, or when the bytes it would hold pass the bound on bytes in
// flight. It adds the bytes it charges against that bound to *held as it
// takes them (also on failure, and before a Read that may panic), for the
// caller to release once it lets go of the body. On success it leaves a
// reader over the bytes read in r.Body; on failure, a reader over the bytes
// read followed by the rest of the body.
//
// What is charged is what is allocated: every buffer, in full, and an
// outgrown buffer stays charged, since it stays on the heap until the
// collector frees it (with buffers that doubled and were charged only while
// in use, a flood of slow bodies held twice the bound). So a body outgrows
// at most one buffer: the first, of at most initialBodyBuffer+1 bytes, is
// followed by one of its declared length and a byte (to see the end without
// growing), or, for a body of unknown length (chunked), of the largest body
// allowed, which is charged from the start as its declared length would be.
// Only a body longer than it declared (which net/http's server
// does not let through), or of unknown length under a MaxBodyBytes above
// oneBuffer, goes on into buffers that double.
func (rc *Receiver) readBody(r *http.Request, held *int64) (body []byte, err error) {
	if r.Body == nil || r.Body == http.NoBody {
		r.Body = http.NoBody
		return []byte{}, nil
	}
	if r.ContentLength > rc.max {
		return nil, ErrPayloadTooLarge
	}
	// charge makes *held cover the declared length (for a body of unknown
	// length, the largest allowed) and every buffer made, each but for the
	// byte past rc.max (it only tells "max" from "more").
	reserve := r.ContentLength
	if reserve < 0 {
		reserve = rc.max
	}
	var allocated int64
	charge := func(buffer int64) bool {
		allocated += min(buffer, rc.max)
		need := max(allocated, reserve) - *held // never below 0: both only grow
		if !rc.inFlight.acquire(need) {
			return false
		}
		*held += need
		return true
	}
	limit := rc.max // read one byte more than max, to tell "max" from "more"
	if limit < math.MaxInt64 {
		limit++
	}
	// The declared length (or the largest) is charged with the first
	// buffer, before any of the body is read: refused at once, with nothing
	// allocated, when it would pass the bound.
	size := min(limit, initialBodyBuffer+1)
	if r.ContentLength >= 0 {
		size = min(r.ContentLength+1, size)
	}
	if !charge(size) {
		return nil, ErrBusy
	}
	orig := r.Body
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) { // (a full buffer of limit bytes was refused below)
			grown := limit
			switch c := int64(cap(buf)); {
			case r.ContentLength >= c: // declared longer than the first buffer
				grown = r.ContentLength + 1
			case limit > oneBuffer: // (of unknown length, or longer than declared)
				grown = min(2*c, limit)
			}
			if !charge(grown) {
				r.Body = partlyRead(buf, orig)
				return nil, ErrBusy
			}
			buf = append(make([]byte, 0, grown), buf...)
		}
		n, err := orig.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > rc.max {
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

// flight counts the body bytes held at once, up to max.
type flight struct {
	max  int64
	held atomic.Int64
}

// acquire takes n bytes of the bound, or reports that they would pass it.
func (f *flight) acquire(n int64) bool {
	for {
		held := f.held.Load()
		if n > f.max-held {
			return false
		}
		if f.held.CompareAndSwap(held, held+n) {
			return true
		}
	}
}

// release gives back n bytes taken by acquire.
func (f *flight) release(n int64) {
	if n != 0 {
		f.held.Add(-n)
	}
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
// unreadable body, 503 for ErrBusy, and 500 for anything else, so that
// Veriff retries.
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
	case errors.Is(err, ErrBusy):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// HandlerFunc handles one verified, parsed delivery. Returning an error
// makes the Handler answer 500, so that Veriff sends the delivery again
// (about once an hour, for up to a week). Veriff may deliver an event more
// than once: make the function idempotent, keyed on what it stores.
type HandlerFunc func(ctx context.Context, d Delivery) error

// Handler is an http.Handler for Veriff's webhooks, every kind on one URL
// (see ParseAny). It answers 405 (with Allow: POST) to other methods, 413 to
// a body over the limit, 503 (with Retry-After) to a body that would pass
// Config.MaxBytesInFlight, 401 to a missing or invalid signature or an
// unknown API key, 400 to an invalid payload, 500 when the HandlerFunc
// fails or panics and 200 when it succeeds. It calls the HandlerFunc only
// for a verified, parsed delivery, and for every one of them, whatever
// values it holds and whatever its kind: a kind this package does not know
// is delivered as Unknown, and the HandlerFunc's answer decides the status.
// A panic in the HandlerFunc, OnUnknown, OnInvalidPayload or a body's Read
// is recovered, logged at Error with the kind, session id, idempotency key,
// the panic's value (cut at 256 bytes: keep body data out of panic
// messages) and the stack, never the body, and answered 500, so that Veriff
// retries; a panic with http.ErrAbortHandler goes on to net/http. Response bodies are short and
// generic.
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

// errZeroHandler is what a Handler that NewHandler did not make logs.
var errZeroHandler = fmt.Errorf("%w: the Handler was not made by NewHandler", ErrNoSecret)

// ServeHTTP implements http.Handler. A Handler must be made by NewHandler:
// the zero Handler (or a nil one) reads nothing, logs an error that names
// NewHandler at Error to slog.Default, and answers 500.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h == nil || h.rc == nil || h.fn == nil {
		slog.Default().LogAttrs(r.Context(), slog.LevelError, "webhook: delivery failed", slog.String("error", errZeroHandler.Error()))
		writeStatus(w, http.StatusInternalServerError)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.reject(w, r, http.StatusMethodNotAllowed, "method not allowed", nil)
		return
	}
	var held int64
	defer func() { h.rc.inFlight.release(held) }() // once the HandlerFunc has let go of the body, or anything panicked
	var d Delivery
	var err error
	if perr := h.call(r, &d, func() error { d, err = h.rc.receive(r, &held); return nil }); perr != nil {
		h.reject(w, r, http.StatusInternalServerError, "failed", perr)
		return
	}
	if err != nil {
		if h.rc.invalid != nil && errors.Is(err, ErrInvalidPayload) {
			if perr := h.call(r, &d, func() error { h.rc.invalid(r.Context(), d, err); return nil }); perr != nil {
				h.reject(w, r, http.StatusInternalServerError, "handler failed", perr)
				return
			}
		}
		h.reject(w, r, StatusCode(err), "rejected", err)
		return
	}
	if err := h.call(r, &d, func() error { return h.deliver(r, d) }); err != nil {
		h.reject(w, r, http.StatusInternalServerError, "handler failed", err)
		return
	}
	w.WriteHeader(http.StatusOK) // no body: nothing reads it
}

// deliver reports what the delivery holds that this package does not know
// or finds contradictory, then hands it to the HandlerFunc.
func (h *Handler) deliver(r *http.Request, d Delivery) error {
	f := Findings{d.Payload.Kind() == KindUnknown, d.Payload.UnknownValues(), d.Payload.Anomalies()}
	if f.UnknownKind || len(f.UnknownValues) > 0 || len(f.Anomalies) > 0 {
		if h.rc.log != nil {
			h.logUnknown(r, d, f)
		}
		if h.rc.unknown != nil {
			h.rc.unknown(r.Context(), d, f)
		}
	}
	return h.fn(r.Context(), d)
}

// errPanic reports a panic while a delivery was handled.
var errPanic = errors.New("webhook: panic while handling the delivery")

// call runs fn and turns a panic in it (in the HandlerFunc, a callback, or
// a body's Read) into errPanic, logged at Error with the stack and what *d
// holds by then, so that the Handler answers 500 and Veriff retries rather
// than the connection dropping unanswered. http.ErrAbortHandler is let
// through: it is how a handler asks net/http to abort the response.
func (h *Handler) call(r *http.Request, d *Delivery, fn func() error) (err error) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		log := h.rc.log
		if log == nil {
			log = slog.Default()
		}
		attrs := []slog.Attr{slog.String("panic", truncate(fmt.Sprint(v), 256)), slog.String("stack", string(debug.Stack()))}
		if d.Body != nil { // verified: Receive leaves the Delivery empty until then
			attrs = append(attrs, slog.String("idempotency_key", d.IdempotencyKey()))
		}
		if d.Payload != nil {
			attrs = append(attrs, slog.String("kind", string(d.Payload.Kind())), slog.String("session_id", d.Payload.Session().ID))
		}
		log.LogAttrs(r.Context(), slog.LevelError, "webhook: panic while handling a delivery", attrs...)
		err = errPanic
	}()
	return fn()
}

// logUnknown logs, at Info, one line about a delivery of a kind this
// package does not know, or holding values it does not know or anomalies.
func (h *Handler) logUnknown(r *http.Request, d Delivery, f Findings) {
	members, anomalies := f.UnknownValues, f.Anomalies
	if f.UnknownKind {
		h.rc.log.LogAttrs(r.Context(), slog.LevelInfo, "webhook: delivery of an unknown kind",
			slog.Int("bytes", len(d.Body)), slog.String("api_key", truncate(d.APIKey, 64)))
		return
	}
	attrs := []slog.Attr{slog.String("kind", string(d.Payload.Kind())), slog.String("session_id", d.Payload.Session().ID)}
	if len(members) > 0 {
		attrs = append(attrs, slog.Any("members", members))
	}
	if len(anomalies) > 0 {
		attrs = append(attrs, slog.Any("anomalies", anomalies))
	}
	switch p := d.Payload.(type) {
	case Event:
		attrs = append(attrs, slog.String("feature", string(p.Feature)),
			slog.Int("code", int(p.Code)), slog.String("action", string(p.Action)),
			slog.String("reason", string(p.Context.Reason)), slog.String("state", string(p.Context.State)))
	case Decision:
		attrs = append(attrs, slog.String("status", string(p.Verification.Status)), slog.Int("code", int(p.Verification.Code)),
			slog.Int("reason_code", int(p.Verification.ReasonCode)))
	}
	msg := "webhook: delivery holds unknown values"
	if len(members) == 0 {
		msg = "webhook: delivery holds anomalies"
	}
	h.rc.log.LogAttrs(r.Context(), slog.LevelInfo, msg, attrs...)
}

// retryAfterSeconds is the Retry-After of a 503. Veriff documents its own
// schedule (about hourly) rather than honouring the header; other senders
// and proxies may.
const retryAfterSeconds = 60

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
	writeStatus(w, status)
}

// WriteError answers err as a Handler does: with StatusCode(err) and its
// bare status text, and for ErrBusy (503) with Retry-After and Connection:
// close, so that net/http does not read the body it refused before it
// answers. Use it with Receive; it writes nothing of err itself.
func WriteError(w http.ResponseWriter, err error) {
	writeStatus(w, StatusCode(err))
}

// writeStatus writes status with its bare status text.
func writeStatus(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
		// Else net/http reads the unread body before it answers, and a
		// flood is met by waiting for its bytes.
		w.Header().Set("Connection", "close")
	}
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
