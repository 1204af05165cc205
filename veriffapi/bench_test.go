package veriffapi_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/veriffapi"
	"github.com/veriffkit/webhook/veriffapi/veriffapitest"
)

// signedGet sends GET path to the fake, signed over id, as a bare client
// would: the baseline's request.
func signedGet(b testing.TB, srv *veriffapitest.Server, path, id string) *http.Response {
	req, err := http.NewRequestWithContext(context.Background(), "GET", srv.URL+path, nil)
	require.NoError(b, err)
	req.Header.Set(webhook.HeaderAuthClient, srv.APIKey)
	req.Header.Set(webhook.HeaderSignature, webhook.Sign([]byte(id), srv.Secret))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(b, err)
	require.Equal(b, 200, resp.StatusCode)
	return resp
}

// BenchmarkAPIDecision: a Decision call (signed request, answer verified,
// read by ParseDecision, bound to the session) against the local Veriff
// (client-fake), beside a bare GET and read of the same body from the same
// fake, its two headers made once (bare-get-fake): the client's own cost
// on the same server. bare-get and client-static are the same two against
// a server that only serves the body, without the fake's own work.
func BenchmarkAPIDecision(b *testing.B) {
	srv := veriffapitest.NewServer(b)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(b, err)
	s, err := c.CreateSession(b.Context(), veriffapi.SessionRequest{VendorData: "bench"})
	require.NoError(b, err)
	require.NoError(b, srv.Play(s.ID, "approved"))
	resp := signedGet(b, srv, "/v1/sessions/"+s.ID+"/decision", s.ID)
	body, err := io.ReadAll(resp.Body)
	require.NoError(b, err)
	resp.Body.Close()
	static := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set(webhook.HeaderAuthClient, srv.APIKey)
		w.Header().Set(webhook.HeaderSignature, resp.Header.Get(webhook.HeaderSignature))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	b.Cleanup(static.Close)
	cs, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(static.URL))
	require.NoError(b, err)
	hc := &http.Client{}

	// The same GET of the same body from the fake, by hand: its headers
	// made once, nothing checked or read but the bytes.
	fakeReq, err := http.NewRequest("GET", srv.URL+"/v1/sessions/"+s.ID+"/decision", nil)
	require.NoError(b, err)
	fakeReq.Header.Set(webhook.HeaderAuthClient, srv.APIKey)
	fakeReq.Header.Set(webhook.HeaderSignature, webhook.Sign([]byte(s.ID), srv.Secret))
	b.Run("impl=bare-get-fake", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, err := hc.Do(fakeReq)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.ReadAll(r.Body); err != nil {
				b.Fatal(err)
			}
			r.Body.Close()
		}
	})
	b.Run("impl=bare-get", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, err := hc.Get(static.URL + "/v1/sessions/" + s.ID + "/decision")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.ReadAll(r.Body); err != nil {
				b.Fatal(err)
			}
			r.Body.Close()
		}
	})
	b.Run("impl=client-fake", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Decision(b.Context(), s.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=client-static", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := cs.Decision(b.Context(), s.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// mediaSize is the file of BenchmarkAPIDownloadMedia: 100 MiB.
const mediaSize = 100 << 20

// BenchmarkAPIDownloadMedia downloads a 100 MiB file from the local
// Veriff: DownloadMedia (streamed, its signature checked at the end)
// beside io.Copy of the same answer to the same signed request. B/op
// shows memory flat: a few KiB per download of 100 MiB; peak-heap-MiB is
// the heap in use at the end of the run, after a collection.
func BenchmarkAPIDownloadMedia(b *testing.B) {
	srv := veriffapitest.NewServer(b)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(b, err)
	s, err := c.CreateSession(b.Context(), veriffapi.SessionRequest{})
	require.NoError(b, err)
	id, err := srv.AddMedia(s.ID, "document-front", "video/webm", mediaSize)
	require.NoError(b, err)
	// The first download signs the file, once.
	_, err = c.DownloadMedia(b.Context(), id, io.Discard)
	require.NoError(b, err)

	b.Run("impl=io-copy", func(b *testing.B) {
		b.SetBytes(mediaSize)
		b.ReportAllocs()
		for b.Loop() {
			r := signedGet(b, srv, "/v1/media/"+id, id)
			if _, err := io.Copy(io.Discard, r.Body); err != nil {
				b.Fatal(err)
			}
			r.Body.Close()
		}
	})
	b.Run("impl=client", func(b *testing.B) {
		b.SetBytes(mediaSize)
		b.ReportAllocs()
		for b.Loop() {
			n, err := c.DownloadMedia(b.Context(), id, io.Discard)
			if err != nil || n != mediaSize {
				b.Fatal(n, err)
			}
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-inuse-MiB")
	})
}
