package webhook

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// IdempotencyKey returns a key for "the same notification": store it with
// a unique constraint and act on a delivery only when the insert succeeds.
// Veriff retries a delivery it got no 200 for about once an hour for a
// week, and a user of its Customer Portal can resend one by hand.
//
// The key is the kind, a colon, and the SHA-256, in hex, of the body in a
// canonical form: members sorted by name, no whitespace, strings written
// alike. So a retry of the same body gives the same key, and so does the
// same content with members reordered, whitespace changed or strings
// escaped differently; any difference in a value gives another key. For
// each kind, what tells two notifications of one session apart is then in
// its body: for an event, the code, action and context (7007 and then
// 7009 differ); for a decision, the attempt, status and decision time (a
// resubmission request and a later approval differ); for a watchlist
// screening, the check type, creation time and hits (an initial and an
// updated result differ); for Full Auto, INE, INE+CURP and user-defined
// statuses, their data and time; for CURP, its data.
//
// What the key assumes: a retry or a resend carries the same content.
// Veriff documents neither way. The kinds with a "time" member (Full Auto,
// INE, INE+CURP, user-defined status) have it in the key, so if Veriff set
// it anew on each retry, each retry would get a key of its own. Two events
// without an attemptId (older payloads, proof-of-address events) from two
// attempts of one session can be the same byte for byte, and then share a
// key: no key made from the body can tell them apart.
//
// A Delivery without a Payload (as OnInvalidPayload gets it) has its body
// hashed as it is, under the kind "unknown": a body the strict reader
// refused may hold what a canonical form would lose, such as a duplicate
// member. Should a later version of this package accept a body this one
// refused, its key changes from the one hash to the other. The key costs a
// decode of the body on every call.
func (d Delivery) IdempotencyKey() string {
	if d.Payload == nil {
		sum := sha256.Sum256(d.Body)
		return string(KindUnknown) + ":" + hex.EncodeToString(sum[:])
	}
	sum := sha256.Sum256(canonicalJSON(d.Body))
	return string(d.Payload.Kind()) + ":" + hex.EncodeToString(sum[:])
}

// canonicalJSON returns body with its members sorted and no whitespace, or
// body itself when it is not valid JSON. It relies on body having passed
// the strict reader: no duplicate names (which a map would merge), valid
// UTF-8 (which encoding/json would replace).
func canonicalJSON(body []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // numbers as written: 1.0 and 1 are not the same content
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return body
	}
	out, err := json.Marshal(v) // sorts the members of objects
	if err != nil {
		return body
	}
	return out
}
