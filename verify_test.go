package webhook

import (
	"crypto/sha256"
	"encoding"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// compact7007 is the documented 7007 payload without whitespace (275 bytes).
const compact7007 = `{"id":"f04bdb47-d3be-4b28-b028-a652feb060b5","attemptId":"e30122d1-740b-4764-853f-470374a7abf4","feature":"selfid","code":7007,"action":"waiting_complete","context":{"reason":"final_decision_received"},"vendorData":"QWE123","endUserId":"a1b2c35d-e8f7-6d5e-3cd2-a1b2c35db3d4"}`

// Vectors computed by OpenSSL 3.0, an implementation independent of this
// package, with:
//
//	printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET"
//	openssl dgst -sha256 -hmac "$SECRET" testdata/<file>.json
var opensslVectors = []struct {
	name, body, secret, signature string
}{
	{"compact 7007", compact7007, "demo-secret", "31f1c602ee037b758e1dc7c4d13d7715764946bf34900d6de1c70910ca5d84f4"},
	{"one-byte secret", compact7007, "x", "d8e031bcda539cc03769ff9fc3152adb5f4db93cdd2fde52a81484fd6060cd3e"},
	{"secret of one block", compact7007, strings.Repeat("0123456789abcdef", 4), "b229383e6b9e9bdba45a96b3bf32ca01356d7769792d1a86bf7a67288f0c52f2"},
	{"secret one byte over a block", compact7007, strings.Repeat("0123456789abcdef", 4) + "z", "a8e6d53b105d6f25be3d562db55058ec85916fdb290f44061cae426d79ea64b6"},
	{"secret of 100 bytes", compact7007, strings.Repeat("k", 100), "574ef01dc771fb783d5fd7d17493b40954db0cd1d620fdab7414ab0f50758212"},
	{"non-ASCII secret", compact7007, "sécret-ü", "5ec4384846a2bb944330c4277a393ac75b74180d6531f0f8328eade3bc9faafd"},
	{"empty body", "", "demo-secret", "7855538ae9504dbc35d30b8571580834b30f1ffbe3e74dc26ed432bde2dd813f"},
	{"documented 7007 file", "@testdata/documented-waiting-complete-7007.json", "demo-secret", "2ddc6283af5c7727882e556ea70dc0397a7b3dc31c09f2ef180b18b71fc14644"},
	{"documented 7002 file", "@testdata/documented-submitted-7002.json", "demo-secret", "fafbef3164bfe289f78dc9a526014855aebec0d90e0a578513b7fb1c1841cd54"},
}

func vectorBody(t *testing.T, body string) []byte {
	if name, ok := strings.CutPrefix(body, "@"); ok {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		return b
	}
	return []byte(body)
}

func TestVerifyOpenSSLVectors(t *testing.T) {
	for _, v := range opensslVectors {
		t.Run(v.name, func(t *testing.T) {
			body := vectorBody(t, v.body)
			verifier, err := NewVerifier(v.secret)
			require.NoError(t, err)
			for _, sig := range []string{v.signature, strings.ToUpper(v.signature)} {
				assert.NoError(t, Verify(body, sig, v.secret))
				assert.NoError(t, verifier.Verify(body, sig))
			}
			assert.Equal(t, v.signature, Sign(body, v.secret))
		})
	}
}

func TestVerifyRejects(t *testing.T) {
	v := opensslVectors[0]
	body := []byte(v.body)
	flip := func(s string, i int) string {
		b := []byte(s)
		if b[i] == '0' {
			b[i] = '1'
		} else {
			b[i] = '0'
		}
		return string(b)
	}
	cases := []struct {
		name      string
		body      []byte
		signature string
		secrets   []string
		want      error
	}{
		{"no secret", body, v.signature, nil, ErrNoSecret},
		{"empty secret", body, v.signature, []string{""}, ErrNoSecret},
		{"empty secret among good ones", body, v.signature, []string{v.secret, ""}, ErrNoSecret},
		{"no secret and no signature", body, "", nil, ErrNoSecret},
		{"empty signature", body, "", []string{v.secret}, ErrMissingSignature},
		{"wrong secret", body, v.signature, []string{"other"}, ErrInvalidSignature},
		{"secret differs in case", body, v.signature, []string{strings.ToUpper(v.secret)}, ErrInvalidSignature},
		{"body changed", []byte(strings.Replace(v.body, "QWE123", "QWE124", 1)), v.signature, []string{v.secret}, ErrInvalidSignature},
		{"body with a trailing newline", append([]byte(v.body), '\n'), v.signature, []string{v.secret}, ErrInvalidSignature},
		{"first digit changed", body, flip(v.signature, 0), []string{v.secret}, ErrInvalidSignature},
		{"last digit changed", body, flip(v.signature, 63), []string{v.secret}, ErrInvalidSignature},
		{"too short", body, v.signature[:62], []string{v.secret}, ErrInvalidSignature},
		{"too long", body, v.signature + "00", []string{v.secret}, ErrInvalidSignature},
		{"odd length", body, v.signature[:63], []string{v.secret}, ErrInvalidSignature},
		{"not hex", body, "g" + v.signature[1:], []string{v.secret}, ErrInvalidSignature},
		{"prefixed", body, "sha256=" + v.signature[7:], []string{v.secret}, ErrInvalidSignature},
		{"surrounding space", body, " " + v.signature[1:], []string{v.secret}, ErrInvalidSignature},
		{"base64 of the MAC", body, "MfHGAu4De3WOHcfE0T13FXZJRr80kA1t5ccJEMpdhPQ=", []string{v.secret}, ErrInvalidSignature},
		{"SHA-256 of the body, not an HMAC", body, "9e1b1b0ef8b8a6ba0de2a0cc3bdcf2cd19ad5f4b6a01ca0ba2b1a1e8d3cf4b1e", []string{v.secret}, ErrInvalidSignature},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := Verify(tc.body, tc.signature, tc.secrets...)
			require.ErrorIs(t, err, tc.want)
			assert.NotErrorIs(t, err, ErrInvalidPayload)
			assertNoLeak(t, err, tc.secrets, v.signature)

			verifier, err := NewVerifier(tc.secrets...)
			if tc.want == ErrNoSecret {
				require.ErrorIs(t, err, ErrNoSecret)
				assert.Nil(t, verifier)
				return
			}
			require.NoError(t, err)
			err = verifier.Verify(tc.body, tc.signature)
			require.ErrorIs(t, err, tc.want)
			assertNoLeak(t, err, tc.secrets, v.signature)
		})
	}
}

// assertNoLeak checks that an error message holds neither a secret nor the
// expected signature.
func assertNoLeak(t *testing.T, err error, secrets []string, expected string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" {
			assert.NotContains(t, err.Error(), s)
		}
	}
	assert.NotContains(t, strings.ToLower(err.Error()), expected)
	assert.NotContains(t, strings.ToLower(err.Error()), expected[:16])
}

func TestVerifyRotation(t *testing.T) {
	body := []byte(compact7007)
	oldSig, newSig := Sign(body, "old-secret"), Sign(body, "new-secret")
	for _, secrets := range [][]string{{"old-secret", "new-secret"}, {"new-secret", "old-secret"}} {
		v, err := NewVerifier(secrets...)
		require.NoError(t, err)
		for _, sig := range []string{oldSig, newSig} {
			assert.NoError(t, Verify(body, sig, secrets...))
			assert.NoError(t, v.Verify(body, sig))
		}
		assert.ErrorIs(t, Verify(body, Sign(body, "third"), secrets...), ErrInvalidSignature)
		assert.ErrorIs(t, v.Verify(body, Sign(body, "third")), ErrInvalidSignature)
	}
}

func TestZeroVerifier(t *testing.T) {
	var v *Verifier
	assert.ErrorIs(t, v.Verify([]byte(compact7007), opensslVectors[0].signature), ErrNoSecret)
	assert.ErrorIs(t, (&Verifier{}).Verify([]byte(compact7007), opensslVectors[0].signature), ErrNoSecret)
}

// TestVerifierConcurrent exercises the pooled state from many goroutines;
// run it with -race.
func TestVerifierConcurrent(t *testing.T) {
	secrets := []string{"s1", "s2", "s3"}
	v, err := NewVerifier(secrets...)
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				body := []byte(strings.Repeat("x", (g*31+i)%300))
				secret := secrets[(g+i)%len(secrets)]
				if err := v.Verify(body, Sign(body, secret)); err != nil {
					errs <- err
					return
				}
				if err := Verify(body, Sign(body, secret), secret); err != nil {
					errs <- err
					return
				}
				if err := v.Verify(body, Sign(body, "wrong")); !errors.Is(err, ErrInvalidSignature) {
					errs <- errors.New("wrong secret accepted")
					return
				}
				if _, err := Parse([]byte(compact7007)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestSignatureCase checks the case rules of the hex comparison: any mix of
// cases of the letters matches, and nothing else does, not even a byte that
// differs from a digit by the case bit alone.
func TestSignatureCase(t *testing.T) {
	v := opensslVectors[0]
	body := []byte(v.body)
	mixed := []byte(v.signature)
	for i := range mixed {
		if i%2 == 0 {
			mixed[i] = byte(strings.ToUpper(string(mixed[i]))[0])
		}
	}
	assert.NoError(t, Verify(body, string(mixed), v.secret))
	for i, c := range []byte(v.signature) {
		bad := []byte(v.signature)
		bad[i] = c ^ 0x20 // a digit becomes a control or other byte; a letter changes case
		err := Verify(body, string(bad), v.secret)
		if c >= 'a' && c <= 'f' {
			assert.NoError(t, err, "case of digit %d", i)
		} else {
			assert.ErrorIs(t, err, ErrInvalidSignature, "digit %d", i)
		}
	}
}

// TestVerifyErrorDetails holds the details of Verify's and NewVerifier's
// errors: which secret is empty, counted from 1; how many hex digits a
// signature needs; and "not hexadecimal" exactly for a signature of the
// right length holding a byte that is no hex digit in either case.
func TestVerifyErrorDetails(t *testing.T) {
	for _, tc := range []struct {
		secrets []string
		want    string
	}{
		{[]string{""}, "secret 1 of 1 is empty"},
		{[]string{"", "b"}, "secret 1 of 2 is empty"},
		{[]string{"a", "b", ""}, "secret 3 of 3 is empty"},
	} {
		_, err := NewVerifier(tc.secrets...)
		require.ErrorIs(t, err, ErrNoSecret)
		assert.Contains(t, err.Error(), tc.want)
	}

	v := opensslVectors[0]
	body := []byte(v.body)
	verifier, err := NewVerifier(v.secret)
	require.NoError(t, err)
	verifyBoth := func(sig string) []error {
		return []error{Verify(body, sig, v.secret), verifier.Verify(body, sig)}
	}
	for sig, want := range map[string]string{
		v.signature[:63]:  "want 64 hex digits, got 63 bytes",
		v.signature + "0": "want 64 hex digits, got 65 bytes",
	} {
		for _, err := range verifyBoth(sig) {
			require.ErrorIs(t, err, ErrInvalidSignature)
			assert.Contains(t, err.Error(), want)
		}
	}

	// Wrong signatures of hex digits only, with the digits at the ends of
	// each range, in both cases: invalid, but hexadecimal.
	for _, digits := range []string{"0", "9", "a", "f", "A", "F"} {
		sig := strings.Repeat(digits, 64)
		for _, err := range verifyBoth(sig) {
			require.ErrorIs(t, err, ErrInvalidSignature, sig)
			assert.NotContains(t, err.Error(), "not hexadecimal", sig)
		}
	}
	// The bytes next to those ranges, anywhere in a signature that is
	// otherwise right.
	for _, c := range []string{"/", ":", "@", "G", "`", "g", " ", "\x7f", "\xff", "\x10", "\x19", "\x15"} { // 0x10-0x19 are digits but for the case bit
		for _, at := range []int{0, 31, 63} {
			sig := v.signature[:at] + c + v.signature[at+1:]
			for _, err := range verifyBoth(sig) {
				require.ErrorIs(t, err, ErrInvalidSignature, "%q", sig)
				assert.Contains(t, err.Error(), "not hexadecimal", "%q", sig)
			}
		}
	}
}

// TestPooledKeyStatesWiped holds that Sign and the package-level Verify,
// which key the hash with a secret given per call, leave none of its key
// states, hash state or MAC in the pooled scratch they return: whoever
// takes it next (or reads the process's memory) finds zeros, not what
// signs as well as the secret.
func TestPooledKeyStatesWiped(t *testing.T) {
	body := []byte(compact7007)
	fresh, err := sha256.New().(encoding.BinaryAppender).AppendBinary(nil)
	require.NoError(t, err)
	for name, use := range map[string]func(){
		"Sign":   func() { Sign(body, "demo-secret") },
		"Verify": func() { _ = Verify(body, Sign(body, "demo-secret"), "demo-secret") },
	} {
		reused := 0
		for range 100 {
			use()
			sc := scratchPool.Get().(*scratch)
			if cap(sc.inner) > 0 { // keyed before: a reused scratch
				reused++
				assert.Equal(t, make([]byte, cap(sc.inner)), sc.inner[:cap(sc.inner)], name)
				assert.Equal(t, make([]byte, cap(sc.outer)), sc.outer[:cap(sc.outer)], name)
				assert.Zero(t, sc.sum, name)
				state, err := sc.h.(encoding.BinaryAppender).AppendBinary(nil)
				require.NoError(t, err)
				assert.Equal(t, fresh, state, name)
			}
			scratchPool.Put(sc)
		}
		if reused == 0 {
			t.Skipf("%s: the pool never handed a scratch back", name)
		}
	}
}
