package webhook

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVerifyReader holds VerifyReader to Verify's answers on bodies of
// every size around the hash's block and the copy's buffer, under each
// secret of a rotation.
func TestVerifyReader(t *testing.T) {
	v, err := NewVerifier("old-secret", "new-secret")
	require.NoError(t, err)
	for _, n := range []int{0, 1, 63, 64, 65, 32<<10 - 1, 32 << 10, 32<<10 + 1, 1 << 20} {
		body := bytes.Repeat([]byte("ab"), n)[:n]
		for _, secret := range []string{"old-secret", "new-secret"} {
			sig := Sign(body, secret)
			got, err := v.VerifyReader(bytes.NewReader(body), sig)
			require.NoError(t, err, "size %d, %s", n, secret)
			assert.Equal(t, int64(n), got)
			_, err = v.VerifyReader(iotest.OneByteReader(bytes.NewReader(body)), strings.ToUpper(sig))
			require.NoError(t, err, "upper-case hex, one byte a read")
		}
		wrong := Sign(body, "other")
		got, err := v.VerifyReader(bytes.NewReader(body), wrong)
		require.ErrorIs(t, err, ErrInvalidSignature, "size %d", n)
		assert.Equal(t, int64(n), got, "read to the end before the mismatch")
		require.ErrorIs(t, Verify(body, wrong, "old-secret", "new-secret"), ErrInvalidSignature)
		if n > 0 {
			cut := Sign(body[:n-1], "new-secret")
			_, err = v.VerifyReader(bytes.NewReader(body), cut)
			require.ErrorIs(t, err, ErrInvalidSignature, "a signature of all but the last byte")
		}
	}
}

// TestVerifyReaderRefusesBeforeReading: a signature that cannot match is
// refused before a byte is read, so nothing is written through a tee.
func TestVerifyReaderRefusesBeforeReading(t *testing.T) {
	v, err := NewVerifier("secret")
	require.NoError(t, err)
	for sig, want := range map[string]error{
		"":                            ErrMissingSignature,
		"abc":                         ErrInvalidSignature,
		strings.Repeat("g", 64):       ErrInvalidSignature,
		strings.Repeat("a", 63) + " ": ErrInvalidSignature,
	} {
		n, err := v.VerifyReader(iotest.ErrReader(errors.New("read")), sig)
		require.ErrorIs(t, err, want, "%q", sig)
		assert.Zero(t, n)
	}
	var nilV *Verifier
	_, err = nilV.VerifyReader(strings.NewReader("x"), Sign([]byte("x"), "secret"))
	require.ErrorIs(t, err, ErrNoSecret)
}

// TestVerifyReaderReadError: the reader's error comes back as it is, with
// the count read, and is not a signature error.
func TestVerifyReaderReadError(t *testing.T) {
	v, err := NewVerifier("secret")
	require.NoError(t, err)
	boom := errors.New("connection reset")
	r := io.MultiReader(strings.NewReader("12345"), iotest.ErrReader(boom))
	n, err := v.VerifyReader(r, Sign([]byte("12345"), "secret"))
	require.ErrorIs(t, err, boom)
	assert.NotErrorIs(t, err, ErrInvalidSignature)
	assert.Equal(t, int64(5), n)
}
