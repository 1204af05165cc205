// Package veriffapi calls Veriff's API (the "Public API v1") from Go: it
// creates and submits sessions, fetches decisions, attempts, the person,
// media, watchlist screenings and Full Auto decisions, uploads media,
// consents and collected data, and deletes sessions.
//
//	c, err := veriffapi.NewClient(apiKey, sharedSecret, veriffapi.WithBaseURL(apiURL))
//	s, err := c.CreateSession(ctx, veriffapi.SessionRequest{VendorData: orderID})
//	// keep s.ID; send the end-user to s.URL
//	d, err := c.Decision(ctx, s.ID) // errors.Is(err, veriffapi.ErrNotDecided) until decided
//
// # Signed both ways
//
// Every request carries the API key (X-AUTH-CLIENT) and an HMAC-SHA256
// signature (X-HMAC-SIGNATURE) made by the same code as the webhook side
// (webhook.Sign), over what Veriff's rule for its endpoint says: the exact
// body sent for POST and PATCH, the id in the path for GET and DELETE (the
// attempt id under /attempts, the media id under /media), never the query
// string. POST /v1/sessions needs none; it is signed anyway, so that its
// answer is signed too.
//
// Every 2xx answer's signature is verified over the raw body, under the
// shared secret (and those of WithSecrets during a rotation), before the
// body is read: a wrong, missing or malformed signature, or an answer that
// names another API key, is ErrResponseSignature, never a value. Veriff's
// FAQ says every answer to a signed request is signed; the pages of four
// endpoints say it of their own answers (AllowUnsignedResponses relaxes
// the others, should Veriff prove the FAQ wrong). The signature covers the
// body only, so the client also checks that the answer is about what was
// asked (the session id in it is the one in the path): a signed answer
// about another session is ErrResponseMismatch. Attempts, Person and
// AttemptMedia answer with no id to check, as the table says.
//
// Answers whose shape is a webhook's (the decision, the Full Auto decision,
// the watchlist screening) are read by the root package's readers, with
// their rules, so that a polled decision folds into a webhook.SessionState
// as if it had been delivered. Other answers are read by encoding/json.
//
// # Endpoints
//
// The table every call follows (endpoint.go holds it; docs/api.md shows
// it whole):
//
//	method  path under /v1                        signed over    answer bound to     retried
//	POST    /sessions                             the body       -                   no
//	PATCH   /sessions/{id}                        the body       verification.id     no
//	DELETE  /sessions/{id}                        the id         verification.id     no
//	GET     /sessions/{id}/attempts               the id         (nothing to check)  yes
//	POST    /sessions/{id}/media                  the body       image.sessionId     no
//	POST    /sessions/{id}/collected-data         the body       sessionId           no
//	POST    /sessions/{id}/consents               the body       (nothing to check)  no
//	GET     /sessions/{id}/decision               the id         verification.id     yes
//	GET     /sessions/{id}/decision/fullauto      the id         sessionId           yes
//	GET     /sessions/{id}/person                 the id         (nothing to check)  yes
//	GET     /sessions/{id}/watchlist-screening    the id         data.sessionId      yes
//	PATCH   /sessions/{id}/watchlist-screening    the body       data.sessionId      no
//	GET     /sessions/{id}/media                  the id         each sessionId      yes
//	GET     /attempts/{id}/media                  the attempt id (nothing to check)  yes
//	GET     /media/{id}                           the media id   (a file)            yes
//
// # Errors and retries
//
// A non-2xx answer is an *Error with the status, Veriff's code ("1818")
// and message, whatever the shape of its body, matching ErrUnauthorized,
// ErrNotFound, ErrConflict, ErrRateLimited, ErrBadRequest or ErrServer with
// errors.Is. No error holds a secret, a signature, an id or a body.
//
// Only GETs are retried, on 429, 5xx and transport errors, with jittered
// exponential backoff, Retry-After, a cap on attempts and on time, a retry
// budget shared by the client's calls, and the call's context (see
// RetryPolicy). Writes are sent once: Veriff has no idempotency key, so a
// retried POST /v1/sessions would create a second session, a retried
// upload would add the file twice, and a retried PATCH or DELETE meets a
// state that its lost first answer already changed. A failed write is
// returned for the caller to look at the session before trying again.
//
// # Media
//
// DownloadMedia streams a file to an io.Writer in bounded memory. Its
// signature can be checked only after the last byte, so until it returns
// nil what it wrote is untrusted: write to a temporary file and keep it
// only on success.
//
// The package veriffapitest is a local Veriff that answers this client
// (and any other) as Veriff would, strict about signatures, and plays
// webhooktest's scenarios on the sessions created through it.
package veriffapi
