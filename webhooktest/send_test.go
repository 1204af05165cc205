package webhooktest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
)

// seen is what a handler saw of a request.
type seen struct {
	method, path, query, requestURI, remoteAddr, host string
	tls                                               bool
	contentLength                                     int64
}

// TestSendInProcessRoutes: with Handler set, each delivery goes to the
// path and query of URL, built as a server receives it, so a receiver
// mounted on a mux gets every delivery.
func TestSendInProcessRoutes(t *testing.T) {
	sc, err := Lookup("approved", SeededIDs(1), Created)
	require.NoError(t, err)
	var mu sync.Mutex
	var got []seen
	wh, err := webhook.NewHandler(webhook.Config{Secrets: []string{secret}}, func(context.Context, webhook.Delivery) error { return nil })
	require.NoError(t, err)
	mux := http.NewServeMux()
	record := func(r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, seen{r.Method, r.URL.Path, r.URL.RawQuery, r.RequestURI, r.RemoteAddr, r.Host, r.TLS != nil, r.ContentLength})
	}
	mux.Handle("POST /webhooks/veriff", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		wh.ServeHTTP(w, r)
	}))
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		http.NotFound(w, r)
	}))
	n := int64(len(sc.Deliveries[0].Body))

	for _, c := range []struct {
		url  string
		want seen
	}{
		{"http://receiver.test:8080/webhooks/veriff?tenant=a", seen{"POST", "/webhooks/veriff", "tenant=a", "/webhooks/veriff?tenant=a", "192.0.2.1:1234", "receiver.test:8080", false, n}},
		{"https://receiver.test/webhooks/veriff", seen{"POST", "/webhooks/veriff", "", "/webhooks/veriff", "192.0.2.1:1234", "receiver.test", true, n}},
		{"/webhooks/veriff", seen{"POST", "/webhooks/veriff", "", "/webhooks/veriff", "192.0.2.1:1234", "example.com", false, n}},
	} {
		got = nil
		s := Sender{Handler: mux, URL: c.url, Secret: secret}
		rs := s.Deliver(t, sc.Deliveries[:1])
		require.Len(t, got, 1, c.url)
		assert.Equal(t, c.want, got[0], c.url)
		assert.Equal(t, 200, rs[0].Status, c.url)
	}

	got = nil
	s := Sender{Handler: mux, Secret: secret}
	r := s.Send(context.Background(), sc.Deliveries[0])
	assert.Equal(t, http.StatusNotFound, r.Status, "no URL: the root path")
	require.Len(t, got, 1)
	assert.Equal(t, "/", got[0].requestURI)
	assert.Equal(t, "404 page not found\n", string(r.Body), "the answer's body is kept")
}

// TestCheckShowsTheAnswer: a failure names the delivery by its note and
// shows the answer's status and the start of its body, not the request's.
func TestCheckShowsTheAnswer(t *testing.T) {
	sc, err := Lookup("approved", SeededIDs(1), Created)
	require.NoError(t, err)
	long := strings.Repeat("x", 5000)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "store: database is down "+long, http.StatusInternalServerError)
	})
	s := Sender{Handler: h, Secret: secret}
	rs := s.SendAll(context.Background(), sc.Deliveries[2:])
	require.Len(t, rs, 1)
	assert.Len(t, rs[0].Body, AnswerLimit, "at most AnswerLimit bytes of the answer")
	f := &fakeTB{TB: t}
	Check(f, rs)
	require.Len(t, f.errors, 1)
	msg := f.errors[0]
	assert.Contains(t, msg, "decision approved")
	assert.Contains(t, msg, sc.Session.ID)
	assert.Contains(t, msg, `answered 500 "store: database is down xxx`)
	assert.Contains(t, msg, "want any 2xx")
	assert.NotContains(t, msg, `"verification"`, "not the request's body")
	assert.Less(t, len(msg), 400, "bounded")

	r := s.Send(context.Background(), Delivery{Body: []byte("{}"), Note: "broken"})
	r.Err, r.Status, r.Body = fmt.Errorf("dial tcp: connection refused"), 0, nil
	f.errors = nil
	Check(f, []Result{r})
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "broken")
	assert.Contains(t, f.errors[0], "answered no answer: dial tcp: connection refused")
}
