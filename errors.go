package webhook

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel errors. Test for them with errors.Is; they are the API a caller
// uses to choose a response: ErrInvalidSignature and ErrMissingSignature mean
// 401, ErrInvalidPayload means 400, ErrNoSecret is the caller's own
// configuration error (500).
var (
	// ErrInvalidSignature reports a signature that is malformed (not 64 hex
	// digits) or does not match the body under any configured secret.
	ErrInvalidSignature = errors.New("webhook: invalid signature")

	// ErrMissingSignature reports an empty signature.
	ErrMissingSignature = errors.New("webhook: missing signature")

	// ErrNoSecret reports that no secret, or an empty secret, was given.
	// It is a configuration error, never a reason to skip verification.
	ErrNoSecret = errors.New("webhook: no secret configured")

	// ErrInvalidPayload reports a body that is not a valid payload of its
	// kind. Every error returned by Parse, ParseDecision and ParseAny
	// matches it and is a *PayloadError.
	ErrInvalidPayload = errors.New("webhook: invalid payload")
)

// Errors of Receive and the Handler, besides the sentinels above.
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

	// ErrBusy reports a body refused because holding it would pass
	// Config.MaxBytesInFlight (503, with Retry-After: Veriff retries it).
	ErrBusy = errors.New("webhook: too many body bytes in flight")
)

// Errors of SessionState.Apply and SessionState.Merge.
var (
	// ErrNoSession reports a payload that names no verification session:
	// an Unknown, or a watchlist screening of the older shape without
	// "sessionId".
	ErrNoSession = errors.New("webhook: payload names no session")

	// ErrOtherSession reports a payload, or a state, of another session
	// than the state's.
	ErrOtherSession = errors.New("webhook: payload of another session")
)

// Causes of an invalid payload, found in PayloadError.Err. Each of them also
// matches ErrInvalidPayload when wrapped in a *PayloadError.
var (
	// ErrSyntax reports bytes that are not well-formed JSON (RFC 8259):
	// malformed JSON, invalid UTF-8, a lone surrogate escape, an empty body,
	// or data after the object.
	ErrSyntax = errors.New("malformed JSON")

	// ErrDuplicateMember reports a member name that occurs twice in one
	// object, at any depth.
	ErrDuplicateMember = errors.New("duplicate member")

	// ErrMissingMember reports a required member that is absent, null or
	// an empty string.
	ErrMissingMember = errors.New("missing required member")

	// ErrWrongType reports a member whose JSON type is not the one the
	// model of its kind allows, a code that is not an integer, a time that
	// is not RFC 3339, a number out of range, or a body that is a JSON
	// value other than an object.
	ErrWrongType = errors.New("wrong type")

	// ErrUnknownMember reports a member the model of its kind does not
	// define. Only ParseOptions.DisallowUnknownMembers produces it.
	ErrUnknownMember = errors.New("unknown member")

	// ErrTooDeep reports JSON nested deeper than MaxDepth.
	ErrTooDeep = errors.New("nesting too deep")
)

// MaxDepth is the deepest nesting of arrays and objects the parsers accept,
// counting the body's object itself as 1. It bounds the work and the stack
// spent skipping unknown members.
const MaxDepth = 128

// maxFieldInMessage caps the bytes of PayloadError.Field quoted by Error.
const maxFieldInMessage = 80

// PayloadError describes why a body is not a valid payload of its kind.
// It matches ErrInvalidPayload and its cause Err with errors.Is.
type PayloadError struct {
	// Field is the JSON path of the member at fault, such as "code",
	// "context.state" or "extra.list[2]"; "" means the body as a whole. A
	// member name other than letters, digits, '_', '-' and '$' is written
	// quoted in brackets: extra["a.b"], extra[""].
	Field string
	// Offset is the byte offset in the body where the fault was found.
	// For a missing member it is the offset of the object that lacks it.
	Offset int
	// Err is the cause: ErrSyntax, ErrDuplicateMember, ErrMissingMember,
	// ErrWrongType, ErrUnknownMember or ErrTooDeep, possibly wrapped with
	// detail.
	Err error
}

// Error returns a message naming the member and the offset. It never holds
// more of the body than a member name.
func (e *PayloadError) Error() string {
	msg := "webhook: invalid payload"
	if e.Field != "" {
		// A member name comes from the sender: cap what reaches logs.
		f := e.Field
		if len(f) > maxFieldInMessage {
			f = f[:maxFieldInMessage] + "..."
		}
		msg += ": " + strconv.Quote(f)
	}
	msg += " at offset " + strconv.Itoa(e.Offset)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns ErrInvalidPayload and the cause, so that errors.Is matches
// both.
func (e *PayloadError) Unwrap() []error { return []error{ErrInvalidPayload, e.Err} }
