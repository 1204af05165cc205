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
// The key is the SHA-256, in hex, of the body alone, in a canonical form:
// members sorted by name, no whitespace, strings written alike. So a retry
// of the same body gives the same key, and so does the same content with
// members reordered, whitespace changed or strings escaped differently;
// any difference in a value gives another key. For each kind, what tells
// two notifications of one session apart is then in its body: for an
// event, the code, action and context (7007 and then 7009 differ); for a
// decision, the attempt, status and decision time (a resubmission request
// and a later approval differ); for a watchlist screening, the check type,
// creation time and hits (an initial and an updated result differ); for
// Full Auto, INE, INE+CURP and user-defined statuses, their data and time;
// for CURP, its data.
//
// Nothing but the body counts, so the key does not move when this package
// changes: a body of a kind a later version types (today an Unknown), or a
// body a later version accepts (today refused, as OnInvalidPayload gets it
// with no Payload), keeps its key. A body that is not one valid JSON object
// (malformed, a duplicate member, invalid UTF-8: what no version accepts)
// is hashed as it is, since a canonical form would lose what tells it from
// another, such as a duplicate member. Keys of versions before this one
// were the kind, a colon and this hash; docs/changes.md says how to move
// stored keys once.
//
// What the key assumes: a retry or a resend carries the same content.
// Veriff documents neither way. The kinds with a "time" member (Full Auto,
// INE, INE+CURP, user-defined status) have it in the key, so if Veriff set
// it anew on each retry, each retry would get a key of its own. Two events
// without an attemptId (older payloads, proof-of-address events) from two
// attempts of one session can be the same byte for byte, and then share a
// key: no key made from the body can tell them apart. The key costs a
// decode of the body on every call.
func (d Delivery) IdempotencyKey() string {
	sum := sha256.Sum256(canonicalBody(d.Body))
	return hex.EncodeToString(sum[:])
}

// canonicalBody returns the canonical form of body when it is one JSON
// object that the strict reader accepts as JSON, whatever its kind and
// members; else body itself.
func canonicalBody(body []byte) []byte {
	p := newParser(body, false)
	if p.topLevel(nil) != nil {
		return body
	}
	return canonicalJSON(body)
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
