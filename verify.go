package webhook

import (
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
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
	sc := scratchPool.Get().(*scratch)
	defer sc.release(true)
	k := keyState(sc.h, &sc.pad, secret, sc.inner[:0], sc.outer[:0])
	sc.inner, sc.outer = k.inner, k.outer // keep the grown buffers
	mac := sc.mac(body, &k)
	if mac == nil {
		panic("webhook: sha256 state cannot be restored")
	}
	var sig [2 * sha256.Size]byte
	hex.Encode(sig[:], mac)
	return string(sig[:])
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
// and call its Verify, which keeps the keyed state and is faster.
func Verify(body []byte, signature string, secrets ...string) error {
	if len(secrets) == 0 {
		return ErrNoSecret
	}
	for _, s := range secrets {
		if s == "" {
			return ErrNoSecret
		}
	}
	return verify(body, signature, nil, secrets)
}

// Verifier checks signatures against a fixed set of secrets. It keeps the
// keyed hash state of each secret, so a check costs little more than hashing
// the body once. It is safe for concurrent use.
type Verifier struct {
	keys []macKey
}

// NewVerifier returns a Verifier for secrets (one, or several during a
// rotation). It returns ErrNoSecret when secrets is empty or holds an empty
// string.
func NewVerifier(secrets ...string) (*Verifier, error) {
	if len(secrets) == 0 {
		return nil, ErrNoSecret
	}
	v := &Verifier{keys: make([]macKey, len(secrets))}
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
	return verify(body, signature, v.keys, nil)
}

// VerifyReader reads r to its end and reports, like Verify, whether
// signature is the HMAC-SHA256 of what it read under one of v's secrets. It
// returns the number of bytes read. It holds only a small buffer of r at a
// time, so a body of any size is checked in bounded memory: wrap r in an
// io.TeeReader to write the bytes somewhere while they are checked, and
// treat what was written as untrusted until VerifyReader returns nil.
//
// A signature that is empty (ErrMissingSignature) or not 64 hex digits
// (ErrInvalidSignature) is refused before anything is read. An error from
// r is returned as it is, with the count read so far; it is not a
// signature error.
func (v *Verifier) VerifyReader(r io.Reader, signature string) (int64, error) {
	if v == nil || len(v.keys) == 0 {
		return 0, ErrNoSecret
	}
	if err := signatureForm(signature, true); err != nil {
		return 0, err
	}
	ws := make([]io.Writer, len(v.keys))
	hs := make([]hash.Hash, len(v.keys))
	for i := range v.keys {
		h := sha256.New()
		if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(v.keys[i].inner); err != nil {
			return 0, fmt.Errorf("webhook: sha256 state cannot be restored: %w", err)
		}
		hs[i], ws[i] = h, h
	}
	n, err := io.Copy(io.MultiWriter(ws...), r)
	if err != nil {
		return n, err
	}
	var sig [2 * sha256.Size]byte
	copy(sig[:], signature)
	match := 0
	var inner [sha256.Size]byte
	for i, h := range hs {
		in := h.Sum(inner[:0])
		h.Reset()
		if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(v.keys[i].outer); err != nil {
			return n, fmt.Errorf("webhook: sha256 state cannot be restored: %w", err)
		}
		h.Write(in)
		match |= matchHex(h.Sum(nil), &sig)
	}
	if match != 1 {
		return n, ErrInvalidSignature
	}
	return n, nil
}

// signatureForm checks what can be checked of a signature without the
// body: that it is there, 64 bytes long and, when digits is set, hex
// digits. verify checks the digits only after a mismatch, to keep them off
// the path of a good signature; the signature is the sender's, so checking
// it first tells nothing about the secret.
func signatureForm(signature string, digits bool) error {
	if signature == "" {
		return ErrMissingSignature
	}
	if len(signature) != 2*sha256.Size {
		return fmt.Errorf("%w: want %d hex digits, got %d bytes", ErrInvalidSignature, 2*sha256.Size, len(signature))
	}
	for i := 0; digits && i < len(signature); i++ {
		c := signature[i]
		if l := c | 0x20; !(c >= '0' && c <= '9' || l >= 'a' && l <= 'f') {
			return fmt.Errorf("%w: not hexadecimal", ErrInvalidSignature)
		}
	}
	return nil
}

// verify checks signature against the saved keys and the secrets, trying
// every one of them whatever the outcome, so that the time taken tells
// nothing about which matched.
func verify(body []byte, signature string, keys []macKey, secrets []string) error {
	if err := signatureForm(signature, false); err != nil {
		return err
	}
	sc := scratchPool.Get().(*scratch)
	defer sc.release(len(secrets) > 0)
	copy(sc.sig[:], signature)
	match := 0
	for i := range keys {
		match |= sc.check(body, &keys[i])
	}
	for _, secret := range secrets {
		k := keyState(sc.h, &sc.pad, secret, sc.inner[:0], sc.outer[:0])
		sc.inner, sc.outer = k.inner, k.outer // keep the grown buffers
		match |= sc.check(body, &k)
	}
	if match != 1 {
		if err := signatureForm(signature, true); err != nil {
			return err
		}
		return ErrInvalidSignature
	}
	return nil
}

// macKey is the HMAC-SHA256 state of one secret after its inner and outer
// pads were hashed (RFC 2104), saved so that each check starts from it.
type macKey struct {
	inner, outer []byte
}

func newMACKey(secret string) macKey {
	var pad [sha256.BlockSize]byte
	return keyState(sha256.New(), &pad, secret, nil, nil)
}

// keyState hashes the inner and outer pads of secret with h and appends the
// two saved states to inner and outer. pad is scratch space, cleared after.
func keyState(h hash.Hash, pad *[sha256.BlockSize]byte, secret string, inner, outer []byte) macKey {
	save := func(dst []byte) []byte {
		b, err := h.(encoding.BinaryAppender).AppendBinary(dst)
		if err != nil {
			panic("webhook: sha256 state cannot be saved: " + err.Error())
		}
		return b
	}
	keyPad(pad, secret)
	for i := range pad {
		pad[i] ^= 0x36
	}
	h.Reset()
	h.Write(pad[:])
	inner = save(inner)
	for i := range pad {
		pad[i] ^= 0x36 ^ 0x5c
	}
	h.Reset()
	h.Write(pad[:])
	outer = save(outer)
	clear(pad[:])
	return macKey{inner: inner, outer: outer}
}

// keyPad sets pad to the HMAC key block of secret: the secret, or its hash
// when longer than a block, padded with zeros.
func keyPad(pad *[sha256.BlockSize]byte, secret string) {
	clear(pad[:])
	if len(secret) > sha256.BlockSize {
		sum := sha256.Sum256([]byte(secret))
		copy(pad[:], sum[:])
		return
	}
	copy(pad[:], secret)
}

// scratch is the per-call working state of a check, pooled so that a check
// allocates nothing.
type scratch struct {
	h            hash.Hash
	state        encoding.BinaryUnmarshaler
	sig          [2 * sha256.Size]byte // the signature's hex digits
	sum          [sha256.Size]byte
	pad          [sha256.BlockSize]byte
	inner, outer []byte // key states of a secret given per call
}

var scratchPool = sync.Pool{New: func() any {
	h := sha256.New()
	return &scratch{h: h, state: h.(encoding.BinaryUnmarshaler), inner: make([]byte, 0, 128), outer: make([]byte, 0, 128)}
}}

// release puts sc back in the pool, first clearing, when wipe is set, what
// keying with a secret given per call left in it: the secret's key states,
// which sign as well as the secret does (RFC 2104), the hash state and the
// last MAC. A Verifier's own keys live as long as the Verifier, so its
// checks skip the clearing.
func (sc *scratch) release(wipe bool) {
	if wipe {
		clear(sc.inner[:cap(sc.inner)])
		clear(sc.outer[:cap(sc.outer)])
		sc.h.Reset()
		clear(sc.sum[:])
	}
	scratchPool.Put(sc)
}

// check returns 1 when sc.sig spells the HMAC of body under the key k, else 0.
func (sc *scratch) check(body []byte, k *macKey) int {
	return matchHex(sc.mac(body, k), &sc.sig)
}

// mac returns the HMAC of body under the key k, in sc.sum, or nil when a
// saved state cannot be restored (it always can: the states are
// sha256's own).
func (sc *scratch) mac(body []byte, k *macKey) []byte {
	if err := sc.state.UnmarshalBinary(k.inner); err != nil {
		return nil
	}
	sc.h.Write(body)
	inner := sc.h.Sum(sc.sum[:0])
	if err := sc.state.UnmarshalBinary(k.outer); err != nil {
		return nil
	}
	sc.h.Write(inner)
	return sc.h.Sum(sc.sum[:0])
}

// matchHex returns 1 when sig is the hex encoding of mac, in either case,
// else 0, in time that does not depend on their contents. It compares eight
// digits at a time: mac is encoded in lower case, and a digit of sig may
// differ from it only by the case bit (0x20), and only where the digit is a
// letter. So a sig that is not hex never matches.
func matchHex(mac []byte, sig *[2 * sha256.Size]byte) int {
	if len(mac) != sha256.Size {
		return 0
	}
	const lsb = 0x0101010101010101
	var diff uint64
	for i := 0; i < sha256.Size; i += 4 {
		e := hex8(binary.LittleEndian.Uint32(mac[i:]))
		caseBit := (e >> 6 & lsb) << 5 // 0x20 in the bytes of e that are letters
		diff |= (e ^ binary.LittleEndian.Uint64(sig[2*i:])) &^ caseBit
	}
	return int(((diff | -diff) >> 63) ^ 1)
}

// hex8 encodes the four bytes of v (the first in the low byte) as eight
// lower-case hex digits (the first in the low byte).
func hex8(v uint32) uint64 {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	x := uint64(v)
	x = (x | x<<16) & 0x0000ffff0000ffff
	x = (x | x<<8) & 0x00ff00ff00ff00ff // byte 2j holds byte j of v
	n := x>>4&0x000f000f000f000f | (x&0x000f000f000f000f)<<8
	return n + '0'*lsb + (n+0x76*lsb)&msb>>7*('a'-'0'-10)
}
