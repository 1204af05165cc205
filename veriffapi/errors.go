package veriffapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors. Test for them with errors.Is. An *Error matches the
// ones of its status; the others come from the client's own checks.
var (
	// ErrUnauthorized matches an answer of 401 or 403: a wrong API key, a
	// wrong request signature or an integration that is not active
	// (Veriff's codes 1801-1819). Retrying does not help.
	ErrUnauthorized = errors.New("veriffapi: unauthorized")
	// ErrNotFound matches an answer of 404: no such session, attempt or
	// media for this integration.
	ErrNotFound = errors.New("veriffapi: not found")
	// ErrConflict matches an answer of 409, such as media uploaded to a
	// session already submitted.
	ErrConflict = errors.New("veriffapi: conflict")
	// ErrRateLimited matches an answer of 429. Error.RetryAfter says how
	// long Veriff asked to wait, when it did.
	ErrRateLimited = errors.New("veriffapi: rate limited")
	// ErrBadRequest matches an answer of 400: Error.Code says why
	// (Veriff's troubleshooting codes, such as 1102 or 1304).
	ErrBadRequest = errors.New("veriffapi: bad request")
	// ErrServer matches an answer of 5xx.
	ErrServer = errors.New("veriffapi: server error")

	// ErrResponseSignature reports an answer whose X-HMAC-SIGNATURE does
	// not verify under the shared secret, is missing where it is
	// required, or comes with another integration's API key. Nothing of
	// such an answer is returned as a value.
	ErrResponseSignature = errors.New("veriffapi: response signature does not verify")
	// ErrResponseMismatch reports a signed answer about another resource
	// than the one asked for (a decision of another session, say): the
	// signature covers the body only, so a body signed for one request
	// can be replayed as the answer to another. It matches
	// ErrResponseSignature: the answer is not trusted either way.
	ErrResponseMismatch = fmt.Errorf("%w: answer about another resource than asked", ErrResponseSignature)
	// ErrInvalidResponse reports a signed 2xx answer that is not of the
	// shape its endpoint answers (malformed JSON, a required member
	// missing, a wrong type). A decision's errors also match
	// webhook.ErrInvalidPayload, naming the member.
	ErrInvalidResponse = errors.New("veriffapi: invalid response")
	// ErrResponseTooLarge reports an answer over the client's size limit
	// for JSON answers (see WithMaxResponseBytes). Media downloads have no
	// limit.
	ErrResponseTooLarge = errors.New("veriffapi: response too large")
	// ErrNotDecided reports a decision that Veriff does not have yet: it
	// answers "verification": null until the session is decided.
	ErrNotDecided = errors.New("veriffapi: session not decided yet")
	// ErrInvalidArgument reports a call the client refuses before sending
	// anything, such as an empty session id.
	ErrInvalidArgument = errors.New("veriffapi: invalid argument")
)

// maxErrorBody bounds what is read of a non-2xx answer's body.
const maxErrorBody = 64 << 10

// Error is a non-2xx answer from Veriff's API. Its message holds the
// endpoint (with {id} for the id), the status, Veriff's code and message:
// never an id, a secret, a signature or a body.
type Error struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is Veriff's code ("code"), such as "1818" (the HMAC of the id
	// does not match) or "1304" (the status cannot be set); "" when the
	// body has none. Veriff sends it as a string of digits or a number.
	Code string
	// Message is Veriff's message ("message"); "" when the body has none.
	Message string
	// Endpoint is the endpoint called, as "GET /v1/sessions/{id}/decision".
	Endpoint string
	// RetryAfter is the wait the answer asked for (Retry-After, in seconds
	// or as a date); 0 when it asked for none.
	RetryAfter time.Duration
	// Body is the start of the answer's body, at most 64 KiB, for the
	// shapes this type does not read. It may hold what Veriff echoes of
	// the request: log it with care.
	Body []byte
}

// Error returns the endpoint, the status, and Veriff's code and message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("veriffapi: ")
	b.WriteString(e.Endpoint)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + t)
	}
	if e.Code != "" {
		b.WriteString(": code " + e.Code)
	}
	if e.Message != "" {
		m := e.Message
		if len(m) > 200 {
			m = m[:200] + "..."
		}
		b.WriteString(": " + strconv.Quote(m))
	}
	return b.String()
}

// Is reports whether target is the sentinel of e's status: ErrUnauthorized
// (401, 403), ErrNotFound (404), ErrConflict (409), ErrRateLimited (429),
// ErrBadRequest (400) or ErrServer (5xx).
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	}
	return false
}

// errorBody is Veriff's error shape: {"status":"fail","code":"1818",
// "message":"..."}; its DELETE page types status as a number, and code is
// a string of digits in the docs but a number in places.
type errorBody struct {
	Code    json.RawMessage `json:"code"`
	Message json.RawMessage `json:"message"`
}

// newError reads what it can of an error answer's body: a body that is not
// Veriff's shape still gives an *Error with its status.
func newError(ep *endpoint, status int, h http.Header, body []byte, now time.Time) *Error {
	e := &Error{StatusCode: status, Endpoint: ep.String(), Body: body, RetryAfter: retryAfter(h.Get("Retry-After"), now)}
	var eb errorBody
	if json.Unmarshal(body, &eb) != nil {
		return e
	}
	e.Code = scalar(eb.Code)
	e.Message = scalar(eb.Message)
	return e
}

// scalar returns a JSON string's value or a number's text; "" for
// anything else (null, absent, an object).
func scalar(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// retryAfter reads a Retry-After value: seconds, or an HTTP date
// (RFC 9110, section 10.2.3); 0 when empty, malformed or past.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseUint(v, 10, 32); err == nil {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
