package webhook_test

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

// TestSessionStateKitScenarios folds every scenario of the test kit in
// its order, in every permutation (up to 8 deliveries) and in 1,000 random
// orders with random duplicates: every fold marshals to the same bytes,
// and gives the state the scenario wants. The scenarios come with random
// ids (Scenarios) and with seeded ones.
func TestSessionStateKitScenarios(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 15))
	for _, set := range [][]webhooktest.Scenario{webhooktest.Scenarios(), webhooktest.SeededScenarios(16)} {
		for _, sc := range set {
			t.Run(sc.Name, func(t *testing.T) {
				var ps []webhook.Payload
				for _, d := range sc.Deliveries {
					p, err := webhook.ParseAny(d.Body)
					require.NoError(t, err, d.Note)
					ps = append(ps, p)
				}
				s := foldAll(t, ps)
				assert.Equal(t, sc.Want.Status, s.Status(), "status")
				assert.Equal(t, sc.Want.AttemptID, s.AttemptID(), "attempt (the kit's attempt %d)", sc.Want.Attempt)
				assert.Equal(t, sc.Want.ReasonCode, s.ReasonCode(), "reason code")
				assert.Equal(t, sc.Session.ID, s.SessionID())
				want := marshalState(t, s)
				assert.Less(t, len(want), 2048, "JSON size")

				n := 0
				if len(ps) <= 8 {
					permuteAll(slices.Clone(ps), 0, func(order []webhook.Payload) {
						n++
						if got := marshalState(t, foldAll(t, order)); got != want {
							t.Fatalf("permutation %d: %s\nwant %s", n, got, want)
						}
					})
				}
				for i := range 1000 {
					order := slices.Clone(ps)
					for range r.IntN(2*len(ps) + 1) {
						order = append(order, ps[r.IntN(len(ps))])
					}
					r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
					if got := marshalState(t, foldAll(t, order)); got != want {
						t.Fatalf("random order %d: %s\nwant %s", i, got, want)
					}
				}
				t.Logf("%d deliveries, %d permutations, 1000 random orders; %d bytes of JSON", len(ps), n, len(want))
			})
		}
	}
}

func foldAll(t *testing.T, ps []webhook.Payload) webhook.SessionState {
	t.Helper()
	var s webhook.SessionState
	for _, p := range ps {
		require.NoError(t, s.Apply(p))
	}
	return s
}

func marshalState(t *testing.T, s webhook.SessionState) string {
	t.Helper()
	b, err := json.Marshal(s)
	require.NoError(t, err)
	return string(b)
}

// permuteAll calls fn with every permutation of ps.
func permuteAll(ps []webhook.Payload, k int, fn func([]webhook.Payload)) {
	if k == len(ps) {
		fn(ps)
		return
	}
	for i := k; i < len(ps); i++ {
		ps[k], ps[i] = ps[i], ps[k]
		permuteAll(ps, k+1, fn)
		ps[k], ps[i] = ps[i], ps[k]
	}
}
