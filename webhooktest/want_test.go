package webhooktest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
)

func foldState(t *testing.T, ds []Delivery) webhook.SessionState {
	t.Helper()
	var s webhook.SessionState
	for _, d := range ds {
		p, err := webhook.ParseAny(d.Body)
		require.NoError(t, err)
		require.NoError(t, s.Apply(p))
	}
	return s
}

// TestMatch: every scenario's fold matches its Want, through JSON too; a
// fold that stops early, or of another session, does not, and the error
// says what differs.
func TestMatch(t *testing.T) {
	for _, sc := range SeededScenarios(5) {
		s := foldState(t, Shuffle(Duplicate(sc.Deliveries), 5))
		require.NoError(t, sc.Match(s), sc.Name)
		b, err := json.Marshal(s)
		require.NoError(t, err)
		var back webhook.SessionState
		require.NoError(t, json.Unmarshal(b, &back))
		require.NoError(t, sc.Match(back), "%s, read back", sc.Name)
		f := &fakeTB{TB: t}
		assert.True(t, CheckState(f, sc, s))
		assert.Empty(t, f.errors)
	}

	sc, err := Lookup("resubmission-then-approved", SeededIDs(1), Created)
	require.NoError(t, err)
	a1, a2 := sc.Session.Attempts[0], sc.Session.Attempts[1]
	early := foldState(t, sc.Deliveries[:3]) // resubmission_requested on attempt 1
	err = sc.Match(early)
	require.Error(t, err)
	assert.Equal(t, "scenario resubmission-then-approved: session "+sc.Session.ID+
		": status resubmission_requested, want approved; attempt 1 ("+a1+"), want 2 ("+a2+"); reason code 204, want 0", err.Error())

	f := &fakeTB{TB: t}
	assert.False(t, CheckState(f, sc, early))
	assert.Equal(t, []string{err.Error()}, f.errors)

	err = sc.Match(webhook.SessionState{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no state")

	other, err := Lookup("approved", SeededIDs(2), Created)
	require.NoError(t, err)
	err = sc.Match(foldState(t, other.Deliveries))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "session "+other.Session.ID+", want "+sc.Session.ID)
	assert.Contains(t, err.Error(), "attempt "+other.Want.AttemptID+" (not one of the session's)")

	sc.Want.ReasonCode = 0
	sc.Want.Status = webhook.StatusResubmissionRequested
	sc.Want.AttemptID = a1
	err = sc.Match(early)
	require.Error(t, err, "reason code alone")
	assert.Contains(t, err.Error(), "reason code 204, want 0")
	assert.NotContains(t, err.Error(), "status")
	assert.NotContains(t, err.Error(), "attempt")
}
