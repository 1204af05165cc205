package veriffapi_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook/veriffapi"
	"github.com/veriffkit/webhook/veriffapi/veriffapitest"
)

func newFake(t *testing.T) (*veriffapitest.Server, *veriffapi.Client) {
	srv := veriffapitest.NewServer(t)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL),
		veriffapi.WithRetry(veriffapi.RetryPolicy{MaxAttempts: 4, MaxElapsed: time.Minute}))
	require.NoError(t, err)
	return srv, c
}

func TestMediaUploadListDownload(t *testing.T) {
	_, c := newFake(t)
	ctx := t.Context()
	s, err := c.CreateSession(ctx, veriffapi.SessionRequest{VendorData: "upload"})
	require.NoError(t, err)
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 5000)...)
	m, err := c.UploadMedia(ctx, s.ID, veriffapi.Image{Context: veriffapi.ContextDocumentFront, MimeType: "image/png", Content: bytes.NewReader(png)})
	require.NoError(t, err)
	assert.Equal(t, int64(len(png)), m.Size)
	assert.Equal(t, s.ID, m.SessionID)

	list, err := c.SessionMedia(ctx, s.ID)
	require.NoError(t, err)
	require.Len(t, list.Images, 1)
	assert.Equal(t, m.ID, list.Images[0].ID)

	var buf bytes.Buffer
	n, err := c.DownloadMedia(ctx, m.ID, &buf)
	require.NoError(t, err)
	assert.Equal(t, int64(len(png)), n)
	assert.Equal(t, png, buf.Bytes(), "the file as uploaded")

	require.NoError(t, c.SubmitSession(ctx, s.ID))
	_, err = c.UploadMedia(ctx, s.ID, veriffapi.Image{Context: veriffapi.ContextFace, MimeType: "image/png", Content: bytes.NewReader(png)})
	require.ErrorIs(t, err, veriffapi.ErrConflict, "media after submit: 409")
	err = c.SubmitSession(ctx, s.ID)
	require.ErrorIs(t, err, veriffapi.ErrBadRequest)
	var e *veriffapi.Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, "1304", e.Code)

	_, err = c.UploadMedia(ctx, s.ID, veriffapi.Image{Context: veriffapi.ContextFace, MimeType: "image/png", Content: io.LimitReader(zeros{}, 18<<20+1)})
	require.ErrorIs(t, err, veriffapi.ErrInvalidArgument, "over 24 MiB of base64: refused before sending")
	_, err = c.UploadMedia(ctx, s.ID, veriffapi.Image{Context: veriffapi.ContextFace})
	require.ErrorIs(t, err, veriffapi.ErrInvalidArgument)
}

// TestUploadAtTheLimit: a file whose base64 is exactly Veriff's 24 MiB is
// sent.
func TestUploadAtTheLimit(t *testing.T) {
	_, c := newFake(t)
	s, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	m, err := c.UploadMedia(t.Context(), s.ID, veriffapi.Image{Context: veriffapi.ContextFace, MimeType: "image/png", Content: io.LimitReader(zeros{}, 18<<20)})
	require.NoError(t, err)
	assert.Equal(t, int64(18<<20), m.Size)
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestDownloadMediaSignature(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	s, err := c.CreateSession(ctx, veriffapi.SessionRequest{})
	require.NoError(t, err)
	const size = 1<<20 + 17
	id, err := srv.AddMedia(s.ID, "face", "image/jpeg", size)
	require.NoError(t, err)

	h := sha256.New()
	n, err := c.DownloadMedia(ctx, id, h)
	require.NoError(t, err)
	assert.Equal(t, int64(size), n)
	first := h.Sum(nil)
	h.Reset()
	_, err = c.DownloadMedia(ctx, id, h)
	require.NoError(t, err)
	assert.Equal(t, first, h.Sum(nil), "the same bytes each time")

	srv.SetFaults(veriffapitest.Faults{BadSignature: 1})
	var buf bytes.Buffer
	n, err = c.DownloadMedia(ctx, id, &buf)
	require.ErrorIs(t, err, veriffapi.ErrResponseSignature, "known only at the end")
	assert.Equal(t, int64(size), n, "what was written is counted, to be discarded")

	srv.SetFaults(veriffapitest.Faults{NoSignature: 1})
	buf.Reset()
	n, err = c.DownloadMedia(ctx, id, &buf)
	require.ErrorIs(t, err, veriffapi.ErrResponseSignature)
	assert.Zero(t, n, "no signature: nothing written")
	assert.Zero(t, buf.Len())

	srv.SetFaults(veriffapitest.Faults{})
	n, err = c.DownloadMedia(ctx, id, failWriter{after: 1000})
	require.ErrorContains(t, err, "writing the file")
	require.ErrorIs(t, err, errDiskFull)
	assert.NotErrorIs(t, err, veriffapi.ErrResponseSignature)
	assert.Equal(t, int64(1000), n)

	_, err = c.DownloadMedia(ctx, "7c9e6679-7425-40de-944b-e07fc1f90ae7", io.Discard)
	require.ErrorIs(t, err, veriffapi.ErrNotFound)
	_, err = c.DownloadMedia(ctx, id, nil)
	require.ErrorIs(t, err, veriffapi.ErrInvalidArgument)
}

var errDiskFull = errors.New("disk full")

type failWriter struct{ after int }

func (f failWriter) Write(p []byte) (int, error) {
	return min(len(p), f.after), errDiskFull
}

// TestOtherEndpoints: every other call against the local Veriff.
func TestOtherEndpoints(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	s, err := c.CreateSession(ctx, veriffapi.SessionRequest{VendorData: "v", EndUserID: "3f0c6e0a-1c1f-4b8e-9d57-8f7d3c2f1a10"})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(s.URL, srv.URL), s.URL)
	assert.Equal(t, "v", s.VendorData)

	r, err := c.SubmitCollectedData(ctx, s.ID, veriffapi.CollectedData{ProviderName: "acme", IPv6: "2001:db8::1", Fingerprint: "f"})
	require.NoError(t, err)
	assert.NotEmpty(t, r.AttemptID)
	_, err = c.SubmitCollectedData(ctx, s.ID, veriffapi.CollectedData{ProviderName: "acme"})
	require.ErrorIs(t, err, veriffapi.ErrInvalidArgument)
	cr, err := c.AddConsent(ctx, s.ID, veriffapi.Consent{Type: veriffapi.ConsentINE, Approved: true, Text: "Acepto"})
	require.NoError(t, err)
	assert.NotEmpty(t, cr.ID)
	_, err = c.AddConsent(ctx, s.ID, veriffapi.Consent{Type: "other", Text: "x"})
	require.ErrorIs(t, err, veriffapi.ErrBadRequest)
	_, err = c.AddConsent(ctx, s.ID, veriffapi.Consent{})
	require.ErrorIs(t, err, veriffapi.ErrInvalidArgument)

	_, err = c.WatchlistScreening(ctx, s.ID)
	require.ErrorIs(t, err, veriffapi.ErrNotFound, "no screening before it ran")
	_, err = c.FullAutoDecision(ctx, s.ID)
	require.ErrorIs(t, err, veriffapi.ErrNotFound)

	require.NoError(t, srv.Play(s.ID, "watchlist-monitoring"))
	require.ErrorIs(t, srv.Play(s.ID, "approved"), veriffapitest.ErrPlayed)
	sc, err := c.WatchlistScreening(ctx, s.ID)
	require.NoError(t, err)
	assert.Equal(t, "enabled", sc.MonitorStatus)
	assert.Equal(t, "possible_match", string(sc.Result.MatchStatus), "the latest screening")
	require.NoError(t, c.DisableWatchlistMonitoring(ctx, s.ID))
	require.ErrorIs(t, c.DisableWatchlistMonitoring(ctx, s.ID), veriffapi.ErrBadRequest, "already disabled")
	sc, err = c.WatchlistScreening(ctx, s.ID)
	require.NoError(t, err)
	assert.Equal(t, "disabled", sc.MonitorStatus)

	p, err := c.Person(ctx, s.ID)
	require.NoError(t, err)
	assert.NotEmpty(t, p.FirstName)
	assert.Empty(t, p.PEPSanctionMatches)

	attempts, err := c.Attempts(ctx, s.ID)
	require.NoError(t, err)
	require.Len(t, attempts, 1)
	assert.Equal(t, "approved", string(attempts[0].Status))
	am, err := c.AttemptMedia(ctx, attempts[0].ID)
	require.NoError(t, err)
	assert.Len(t, am.Images, 2, "document and face")
	sm, err := c.SessionMedia(ctx, s.ID)
	require.NoError(t, err)
	assert.Equal(t, am, sm, "the latest attempt's")
	_, err = c.AttemptMedia(ctx, s.ID)
	require.ErrorIs(t, err, veriffapi.ErrNotFound, "a session id is not an attempt id")

	require.NoError(t, c.DeleteSession(ctx, s.ID))
	_, err = c.Decision(ctx, s.ID)
	require.ErrorIs(t, err, veriffapi.ErrNotFound, "deleted")
	require.ErrorIs(t, c.DeleteSession(ctx, s.ID), veriffapi.ErrNotFound)
	require.ErrorIs(t, srv.Play(s.ID, "approved"), veriffapitest.ErrUnknownSession)
}

func TestDeleteLimits(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	var ids []string
	for range 7 {
		s, err := c.CreateSession(ctx, veriffapi.SessionRequest{})
		require.NoError(t, err)
		ids = append(ids, s.ID)
	}
	require.NoError(t, c.SubmitSession(ctx, ids[6]))
	err := c.DeleteSession(ctx, ids[6])
	var e *veriffapi.Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, 400, e.StatusCode)
	assert.Equal(t, "1306", e.Code, "a submitted session is in progress")
	for _, id := range ids[:5] {
		require.NoError(t, c.DeleteSession(ctx, id))
	}
	err = c.DeleteSession(ctx, ids[5])
	require.ErrorIs(t, err, veriffapi.ErrRateLimited, "5 an hour")
	n := 0
	for _, call := range srv.Calls() {
		if call.Endpoint == "DELETE /v1/sessions/{id}" && call.ID == ids[5] {
			n++
		}
	}
	assert.Equal(t, 1, n, "a DELETE is not retried on 429")
}

// TestFakeErrorsThroughClient: what the local Veriff answers a wrongly
// configured client becomes the right *Error, code and sentinel.
func TestFakeErrorsThroughClient(t *testing.T) {
	srv, good := newFake(t)
	s, err := good.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.NoError(t, err)
	cases := []struct {
		name, key, secret string
		call              func(c *veriffapi.Client) error
		code              string
	}{
		{"GET with another secret", srv.APIKey, "other-secret", func(c *veriffapi.Client) error { _, err := c.Decision(t.Context(), s.ID); return err }, "1818"},
		{"PATCH with another secret", srv.APIKey, "other-secret", func(c *veriffapi.Client) error { return c.SubmitSession(t.Context(), s.ID) }, "1819"},
		{"POST /sessions with another secret", srv.APIKey, "other-secret", func(c *veriffapi.Client) error {
			_, err := c.CreateSession(t.Context(), veriffapi.SessionRequest{})
			return err
		}, "1819"},
		{"another integration", "0b6e3f7d-2c4a-4b8e-a1d2-3c4e5f607182", srv.Secret, func(c *veriffapi.Client) error { _, err := c.Attempts(t.Context(), s.ID); return err }, "1803"},
		{"an API key that is not a UUID", "my-key", srv.Secret, func(c *veriffapi.Client) error { return c.DeleteSession(t.Context(), s.ID) }, "1802"},
	}
	for _, tc := range cases {
		c, err := veriffapi.NewClient(tc.key, tc.secret, veriffapi.WithBaseURL(srv.URL))
		require.NoError(t, err)
		err = tc.call(c)
		require.ErrorIs(t, err, veriffapi.ErrUnauthorized, tc.name)
		var e *veriffapi.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 401, e.StatusCode, tc.name)
		assert.Equal(t, tc.code, e.Code, tc.name)
		assert.NotEmpty(t, e.Message, tc.name)
		assert.NotContains(t, err.Error(), tc.secret, tc.name)
	}

	// Two 429s, then the answer: the third request succeeds.
	before := len(srv.Calls())
	srv.FailNext(429, 2)
	_, err = good.Decision(t.Context(), s.ID)
	require.ErrorIs(t, err, veriffapi.ErrNotDecided)
	var statuses []int
	for _, c := range srv.Calls()[before:] {
		statuses = append(statuses, c.Status)
	}
	assert.Equal(t, []int{429, 429, 200}, statuses)
	// A failing POST /v1/sessions is sent once.
	before = len(srv.Calls())
	srv.FailNext(503, 3)
	_, err = good.CreateSession(t.Context(), veriffapi.SessionRequest{})
	require.ErrorIs(t, err, veriffapi.ErrServer)
	assert.Len(t, srv.Calls()[before:], 1)
}
