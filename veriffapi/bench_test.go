package veriffapi_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/internal/benchpair"
	"github.com/veriffkit/webhook/veriffapi"
	"github.com/veriffkit/webhook/veriffapi/veriffapitest"
)

// signedGet sends GET path to base (the fake, or a proxy of it), signed
// over id, as a bare client would: the baselines' request.
func signedGet(tb testing.TB, base, apiKey, secret, path, id string) *http.Response {
	req, err := http.NewRequestWithContext(context.Background(), "GET", base+path, nil)
	require.NoError(tb, err)
	req.Header.Set(webhook.HeaderAuthClient, apiKey)
	req.Header.Set(webhook.HeaderSignature, webhook.Sign([]byte(id), secret))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(tb, err)
	require.Equal(tb, 200, resp.StatusCode)
	return resp
}

// BenchmarkAPIDecision times a Decision call (signed request, answer
// verified, read by ParseDecision, bound to the session) beside a bare GET
// and read of the same body: against=fake from the local Veriff, the bare
// GET's two headers made once; against=static from a server that only
// serves the body, the bare GET a plain http.Get. The two are timed in
// turns within each iteration (benchpair.Run), so that a slow spell of
// the machine (a loopback round trip here moves by more than the target's
// margin from one second to the next) hits both sides of the pair: the
// metric ratio is ours/bare over the run.
func BenchmarkAPIDecision(b *testing.B) {
	srv := veriffapitest.NewServer(b)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(b, err)
	s, err := c.CreateSession(b.Context(), veriffapi.SessionRequest{VendorData: "bench"})
	require.NoError(b, err)
	require.NoError(b, srv.Play(s.ID, "approved"))
	resp := signedGet(b, srv.URL, srv.APIKey, srv.Secret, "/v1/sessions/"+s.ID+"/decision", s.ID)
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
	read := func(r *http.Response, err error) error {
		if err != nil {
			return err
		}
		defer r.Body.Close()
		got, err := io.ReadAll(r.Body)
		if err == nil && len(got) != len(body) {
			err = fmt.Errorf("read %d bytes, want %d", len(got), len(body))
		}
		return err
	}
	b.Run("against=fake", func(b *testing.B) {
		benchpair.Run(b,
			benchpair.Side{Name: "bare", Call: func() error { return read(hc.Do(fakeReq)) }},
			benchpair.Side{Name: "ours", Call: func() error { _, err := c.Decision(b.Context(), s.ID); return err }})
	})
	b.Run("against=static", func(b *testing.B) {
		benchpair.Run(b,
			benchpair.Side{Name: "bare", Call: func() error { return read(hc.Get(static.URL + "/v1/sessions/" + s.ID + "/decision")) }},
			benchpair.Side{Name: "ours", Call: func() error { _, err := cs.Decision(b.Context(), s.ID); return err }})
	})
}

// mediaSize is the file of BenchmarkAPIDownloadMedia: 100 MiB.
const mediaSize = 100 << 20

// linkRate is the link of BenchmarkAPIDownloadMedia's link=1Gbit runs:
// 1 Gbit/s, a server's usual network interface, in bytes per second.
const linkRate = 125_000_000

// BenchmarkAPIDownloadMedia downloads a 100 MiB file from the local
// Veriff: DownloadMedia (streamed, its signature checked at the end)
// beside io.Copy of the same answer to the same signed request.
//
// link=loopback reads the fake in the same process, faster than SHA-256
// hashes on most CPUs, so no client that checks the signature can keep up
// with io.Copy there: impl=hmac-copy, io.Copy through a hand-made HMAC and
// its comparison, is that floor, the least such a client does.
// link=1Gbit reads the same answer through a proxy that sends it at 1
// Gbit/s, as a network would. B/op shows memory flat: a few KiB per
// download of 100 MiB; heap-inuse-MiB is the heap in use at the end of the
// run, after a collection.
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
	link := pacedProxy(b, srv.URL, linkRate)
	cl, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(link))
	require.NoError(b, err)

	ioCopy := func(b *testing.B, base string) {
		b.SetBytes(mediaSize)
		b.ReportAllocs()
		for b.Loop() {
			r := signedGet(b, base, srv.APIKey, srv.Secret, "/v1/media/"+id, id)
			if _, err := io.Copy(io.Discard, r.Body); err != nil {
				b.Fatal(err)
			}
			r.Body.Close()
		}
	}
	client := func(b *testing.B, c *veriffapi.Client) {
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
	}
	b.Run("link=loopback/impl=io-copy", func(b *testing.B) { ioCopy(b, srv.URL) })
	b.Run("link=loopback/impl=hmac-copy", func(b *testing.B) {
		b.SetBytes(mediaSize)
		b.ReportAllocs()
		for b.Loop() {
			r := signedGet(b, srv.URL, srv.APIKey, srv.Secret, "/v1/media/"+id, id)
			want, err := hex.DecodeString(r.Header.Get(webhook.HeaderSignature))
			if err != nil {
				b.Fatal(err)
			}
			mac := hmac.New(sha256.New, []byte(srv.Secret))
			if _, err := io.Copy(io.MultiWriter(io.Discard, mac), r.Body); err != nil {
				b.Fatal(err)
			}
			r.Body.Close()
			if !hmac.Equal(mac.Sum(nil), want) {
				b.Fatal("signature does not match")
			}
		}
	})
	b.Run("link=loopback/impl=client", func(b *testing.B) { client(b, c) })
	b.Run("link=1Gbit/impl=io-copy", func(b *testing.B) { ioCopy(b, link) })
	b.Run("link=1Gbit/impl=client", func(b *testing.B) { client(b, cl) })
}

// pacedProxy serves what target answers, headers and status as they are,
// its body at rate bytes per second at most: a link slower than loopback.
func pacedProxy(tb testing.TB, target string, rate float64) string {
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := http.NewRequestWithContext(r.Context(), r.Method, target+r.URL.RequestURI(), r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		req.Header = r.Header.Clone()
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		buf := make([]byte, 64<<10)
		start, sent := time.Now(), 0
		for {
			n, err := resp.Body.Read(buf)
			if n > 0 {
				if _, err := w.Write(buf[:n]); err != nil {
					return
				}
				sent += n
				// Each chunk leaves when the link would have sent the
				// ones before it.
				time.Sleep(time.Until(start.Add(time.Duration(float64(sent) / rate * float64(time.Second)))))
			}
			if err != nil {
				return
			}
		}
	}))
	tb.Cleanup(p.Close)
	return p.URL
}
