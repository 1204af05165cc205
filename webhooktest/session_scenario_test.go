package webhooktest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

// TestSessionScenario: a scenario built on a session made elsewhere carries
// that session's ids in every body, and is the same scenario as Lookup
// builds with the same seed.
func TestSessionScenario(t *testing.T) {
	for _, name := range webhooktest.ScenarioNames() {
		s := webhooktest.NewSession(webhooktest.SeededIDs(7), webhooktest.Created)
		s.ID, s.VendorData, s.EndUserID = "0d5f3c1e-6a7b-4c2d-9e8f-1a2b3c4d5e6f", "vendor-ref", "e1d2c3b4-a596-4877-8899-aabbccddeeff"
		sc, err := s.Scenario(name)
		require.NoError(t, err, name)
		assert.Same(t, s, sc.Session)
		ref, err := webhooktest.Lookup(name, webhooktest.SeededIDs(7), webhooktest.Created)
		require.NoError(t, err)
		assert.Equal(t, ref.Want.Status, sc.Want.Status)
		require.Len(t, sc.Deliveries, len(ref.Deliveries))
		var st webhook.SessionState
		for i, d := range sc.Deliveries {
			assert.Equal(t, s.ID, d.SessionID)
			assert.Equal(t, ref.Deliveries[i].Note, d.Note)
			p, err := webhook.ParseAny(d.Body)
			require.NoError(t, err)
			if p.Session().ID != "" {
				require.NoError(t, st.Apply(p), "%s: %s", name, d.Note)
			}
		}
		assert.Equal(t, s.ID, st.SessionID(), name)
		assert.Equal(t, sc.Want.Status, st.Status(), name)

		_, err = s.Scenario(name)
		require.Error(t, err, "a session already played is not fresh")
	}
	_, err := webhooktest.NewSession(nil, webhooktest.Created).Scenario("no-such")
	require.ErrorContains(t, err, "approved")
	var zero webhooktest.Session
	_, err = zero.Scenario("approved")
	require.Error(t, err, "a Session not made by NewSession")
}
