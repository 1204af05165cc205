package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"sync"
)

// Header names of a delivery. net/http canonicalises the header names it
// reads, so these match Veriff's upper-case spelling (X-HMAC-SIGNATURE).
const (
	// HeaderSignature carries the lowercase hex HMAC-SHA256 of the raw body,
	// keyed with the integration's shared secret.
	HeaderSignature = "X-Hmac-Signature"
	// HeaderAuthClient carries the integration's (public) API key.
	HeaderAuthClient = "X-Auth-Client"
	// HeaderSignatureFallback is read when HeaderSignature is absent: Veriff
	// uses this name in another of its APIs, and some deliveries are
	// reported to carry it.
	HeaderSignatureFallback = "Vrf-Hmac-Signature"
	// HeaderAuthClientFallback is read when HeaderAuthClient is absent.
	HeaderAuthClientFallback = "Vrf-Auth-Client"
)

// Sign returns the signature Veriff would send for body under secret: the
// lowercase hex HMAC-SHA256 of body keyed with secret's bytes. Use it to test
// your own handlers. An empty secret gives a signature that Verify never
// accepts, since Verify refuses empty secrets.
func Sign(body []byte, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether signature is the HMAC-SHA256 of body under any of
// secrets; several secrets serve a rotation, when the old and the new secret
// are both valid. It returns nil on a match, ErrNoSecret when secrets is
// empty or holds an empty string, ErrMissingSignature when signature is
// empty, and ErrInvalidSignature when signature is not 64 hex digits (either
// case) or matches no secret. The comparison is in constant time on the
// decoded bytes, and every secret is tried, so the time taken tells nothing
// about the expected signature or which secret matched.
//
// Verify keys the hash on every call. A server should build a Verifier once
// and call its Verify, which keeps the keyed states and is faster.
func Verify(body []byte, signature string, secrets ...string) error {
	if len(secrets) == 0 {
		return ErrNoSecret
	}
	for _, s := range secrets {
		if s == "" {
			return ErrNoSecret
		}
	}
	return verify(body, signature, secrets)
}

// Verifier checks signatures against a fixed set of secrets. It keeps a
// pool of keyed HMAC states for each secret (crypto/hmac restores the keyed
// state on Reset), so a check costs little more than hashing the body once
// and allocates nothing. It is safe for concurrent use.
type Verifier struct {
	keys []*macKey
}

// NewVerifier returns a Verifier for secrets (one, or several during a
// rotation). It returns ErrNoSecret when secrets is empty or holds an empty
// string.
func NewVerifier(secrets ...string) (*Verifier, error) {
	if len(secrets) == 0 {
		return nil, ErrNoSecret
	}
	v := &Verifier{keys: make([]*macKey, len(secrets))}
	for i, s := range secrets {
		if s == "" {
			return nil, fmt.Errorf("%w: secret %d of %d is empty", ErrNoSecret, i+1, len(secrets))
		}
		v.keys[i] = newMACKey(s)
	}
	return v, nil
}

// Verify is like the package-level Verify, with v's secrets.
func (v *Verifier) Verify(body []byte, signature string) error {
	if v == nil || len(v.keys) == 0 {
		return ErrNoSecret
	}
	want, err := decodeSignature(signature)
	if err != nil {
		return err
	}
	match := 0
	for _, k := range v.keys { // every key, whatever matched before
		match |= k.matches(body, &want)
	}
	if match != 1 {
		return ErrInvalidSignature
	}
	return nil
}

// verify checks signature against secrets, keyed on this call.
func verify(body []byte, signature string, secrets []string) error {
	want, err := decodeSignature(signature)
	if err != nil {
		return err
	}
	match := 0
	for _, s := range secrets {
		m := hmac.New(sha256.New, []byte(s))
		m.Write(body)
		match |= equal(m.Sum(nil), want[:])
	}
	if match != 1 {
		return ErrInvalidSignature
	}
	return nil
}

// decodeSignature decodes the 64 hex digits (either case) of signature.
// Only the received signature is looked at here: nothing of the expected
// one, so its timing tells nothing about it.
func decodeSignature(signature string) (sum [sha256.Size]byte, err error) {
	if signature == "" {
		return sum, ErrMissingSignature
	}
	if len(signature) != 2*sha256.Size {
		return sum, fmt.Errorf("%w: want %d hex digits, got %d bytes", ErrInvalidSignature, 2*sha256.Size, len(signature))
	}
	var digits [2 * sha256.Size]byte
	copy(digits[:], signature)
	if _, err := hex.Decode(sum[:], digits[:]); err != nil {
		return sum, fmt.Errorf("%w: not hexadecimal", ErrInvalidSignature)
	}
	return sum, nil
}

// macKey is one secret's pool of keyed HMAC-SHA256 states.
type macKey struct {
	pool sync.Pool // of *macState
}

// macState is a keyed HMAC and room for its sum, reused across checks.
type macState struct {
	h   hash.Hash
	sum [sha256.Size]byte
}

func newMACKey(secret string) *macKey {
	key := []byte(secret)
	k := new(macKey)
	k.pool.New = func() any { return &macState{h: hmac.New(sha256.New, key)} }
	return k
}

// matches returns 1 when want is the HMAC of body under k, else 0,
// comparing in constant time.
func (k *macKey) matches(body []byte, want *[sha256.Size]byte) int {
	s := k.pool.Get().(*macState)
	defer k.pool.Put(s)
	s.h.Reset()
	s.h.Write(body)
	return equal(s.h.Sum(s.sum[:0]), want[:])
}

// equal is hmac.Equal as 1 or 0, so that the results of every secret are
// combined with |, which has no short circuit.
func equal(mac, want []byte) int {
	if hmac.Equal(mac, want) {
		return 1
	}
	return 0
}
