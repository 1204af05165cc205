package webhooktest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/veriffkit/webhook"
)

// Match returns nil when s is the state sc ends in (sc.Want, for the
// session sc.Session.ID), else an error that names the scenario and says,
// for each of session id, status, attempt and reason code that differs,
// what s has and what sc wants. s is typically what a receiver folded
// from sc's deliveries with webhook.SessionState.Apply, or read back from
// its store with json.Unmarshal.
func (sc Scenario) Match(s webhook.SessionState) error {
	var diffs []string
	if s.SessionID() != sc.Session.ID {
		if s.SessionID() == "" {
			return fmt.Errorf("scenario %s: session %s: no state (was any delivery folded?)", sc.Name, sc.Session.ID)
		}
		diffs = append(diffs, fmt.Sprintf("session %s, want %s", s.SessionID(), sc.Session.ID))
	}
	w := sc.Want
	if s.Status() != w.Status {
		diffs = append(diffs, fmt.Sprintf("status %s, want %s", s.Status(), w.Status))
	}
	if s.AttemptID() != w.AttemptID {
		diffs = append(diffs, fmt.Sprintf("attempt %s, want %s", sc.attempt(s.AttemptID()), sc.attempt(w.AttemptID)))
	}
	if s.ReasonCode() != w.ReasonCode {
		diffs = append(diffs, fmt.Sprintf("reason code %d, want %d", s.ReasonCode(), w.ReasonCode))
	}
	if len(diffs) == 0 {
		return nil
	}
	return errors.New("scenario " + sc.Name + ": session " + sc.Session.ID + ": " + strings.Join(diffs, "; "))
}

// attempt names an attempt id with its number in sc's session.
func (sc Scenario) attempt(id string) string {
	if id == "" {
		return `"" (none)`
	}
	if i := slices.Index(sc.Session.Attempts, id); i >= 0 {
		return fmt.Sprintf("%d (%s)", i+1, id)
	}
	return id + " (not one of the session's)"
}

// CheckState fails t when s is not the state sc ends in, with
// Scenario.Match's error, and reports whether it matched.
//
//	for _, sc := range webhooktest.Scenarios() {
//		webhooktest.Deliver(t, h, secret, webhooktest.Duplicate(sc.Deliveries))
//		webhooktest.CheckState(t, sc, store.State(sc.Session.ID))
//	}
func CheckState(t testing.TB, sc Scenario, s webhook.SessionState) bool {
	t.Helper()
	if err := sc.Match(s); err != nil {
		t.Error(err)
		return false
	}
	return true
}
