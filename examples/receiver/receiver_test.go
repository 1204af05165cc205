package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

const secret = "receiver-test-secret"

// getState reads a session's state as a client of GET /sessions/{id}
// does.
func getState(t *testing.T, h http.Handler, id string) webhook.SessionState {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/sessions/"+id, nil))
	var st webhook.SessionState
	if rec.Code != http.StatusOK {
		t.Errorf("GET /sessions/%s: %d %s", id, rec.Code, rec.Body)
		return st
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil {
		t.Errorf("GET /sessions/%s: %v", id, err)
	}
	return st
}

// TestEveryScenario sends every scenario of the test kit, under each
// condition a receiver meets in production, and checks that each session
// ends in the state its scenario wants and that each distinct delivery is
// stored once.
func TestEveryScenario(t *testing.T) {
	conditions := map[string]func(webhooktest.Scenario) []webhooktest.Delivery{
		"in order":   func(sc webhooktest.Scenario) []webhooktest.Delivery { return sc.Deliveries },
		"duplicates": func(sc webhooktest.Scenario) []webhooktest.Delivery { return webhooktest.Duplicate(sc.Deliveries) },
		"retries":    func(sc webhooktest.Scenario) []webhooktest.Delivery { return webhooktest.Retry(sc.Deliveries, 3) },
		"shuffle":    func(sc webhooktest.Scenario) []webhooktest.Delivery { return webhooktest.Shuffle(sc.Deliveries, 7) },
		"drift": func(sc webhooktest.Scenario) []webhooktest.Delivery {
			return webhooktest.Drift(sc.Session, sc.Deliveries)
		},
		"all at once": func(sc webhooktest.Scenario) []webhooktest.Delivery {
			ds := webhooktest.Shuffle(webhooktest.Retry(webhooktest.Duplicate(sc.Deliveries), 3), 11)
			return webhooktest.Drift(sc.Session, ds)
		},
	}
	for name, condition := range conditions {
		t.Run(name, func(t *testing.T) {
			rcv, err := newReceiver([]string{secret})
			if err != nil {
				t.Fatal(err)
			}
			s := webhooktest.Sender{Handler: rcv, URL: "/webhooks/veriff", Secret: secret}
			distinct := map[string]bool{}
			for _, sc := range webhooktest.Scenarios() {
				ds := condition(sc)
				s.Deliver(t, ds)
				webhooktest.CheckState(t, sc, getState(t, rcv, sc.Session.ID)) // as a client reads it
				webhooktest.CheckState(t, sc, rcv.State(sc.Session.ID))
				for _, d := range ds {
					distinct[string(d.Body)] = true
				}
			}
			if len(rcv.inbox) != len(distinct) {
				t.Errorf("stored %d deliveries, want %d: each distinct body once", len(rcv.inbox), len(distinct))
			}
		})
	}
}

// TestRefused: a forged delivery is answered 401 and stores nothing; a
// session no delivery named is 404.
func TestRefused(t *testing.T) {
	rcv, err := newReceiver([]string{secret})
	if err != nil {
		t.Fatal(err)
	}
	sc := webhooktest.Scenarios()[0]
	s := webhooktest.Sender{Handler: rcv, URL: "/webhooks/veriff", Secret: secret}
	s.Deliver(t, webhooktest.WrongSecret(sc.Deliveries))
	if len(rcv.inbox) != 0 {
		t.Errorf("stored %d forged deliveries", len(rcv.inbox))
	}
	rec := httptest.NewRecorder()
	rcv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/sessions/"+sc.Session.ID, nil))
	if b, _ := io.ReadAll(rec.Body); rec.Code != http.StatusNotFound {
		t.Errorf("GET a session no delivery named: %d %s, want 404", rec.Code, b)
	}
	if _, err := newReceiver(nil); err == nil {
		t.Error("no secret: want an error")
	}
}
