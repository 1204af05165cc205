package webhooktest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
)

// TestBodyPointers holds Body to taking a pointer to a payload wherever it
// takes the payload, as Deliver and webhook.SessionState.Apply do: the
// same body, and null for a nil pointer, never a panic. The body is the
// root package's MarshalJSON, byte for byte.
func TestBodyPointers(t *testing.T) {
	s := NewSession(SeededIDs(1), time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	ev, dec, fa := s.Started(), s.Decision(webhook.StatusApproved, 0), s.FullAuto(webhook.StatusApproved)
	wl, us := s.WatchlistScreening(webhook.CheckTypeInitialResult, webhook.MatchStatusNoMatch), s.UserStatus("s", "c", "r", "")
	ine, curp, both, unk := s.INE(true), s.CURP(webhook.CURPStatusAN), s.INECURP(true, webhook.CURPStatusAN), s.UnknownKind()
	for _, tc := range []struct {
		value, pointer, null webhook.Payload
		body                 []byte
	}{
		{ev, &ev, (*webhook.Event)(nil), EventBody(ev)},
		{dec, &dec, (*webhook.Decision)(nil), DecisionBody(dec)},
		{fa, &fa, (*webhook.FullAuto)(nil), FullAutoBody(fa)},
		{wl, &wl, (*webhook.WatchlistScreening)(nil), WatchlistScreeningBody(wl)},
		{us, &us, (*webhook.UserStatus)(nil), UserStatusBody(us)},
		{ine, &ine, (*webhook.INERegistry)(nil), INEBody(ine)},
		{curp, &curp, (*webhook.CURPRegistry)(nil), CURPBody(curp)},
		{both, &both, (*webhook.INECURPRegistry)(nil), INECURPBody(both)},
		{unk, &unk, (*webhook.Unknown)(nil), unk.Raw},
	} {
		kind := tc.value.Kind()
		var viaPointer, null []byte
		require.NotPanics(t, func() { viaPointer = Body(tc.pointer) }, "%s", kind)
		require.NotPanics(t, func() { null = Body(tc.null) }, "%s", kind)
		assert.Equal(t, string(tc.body), string(Body(tc.value)), "%s", kind)
		assert.Equal(t, string(tc.body), string(viaPointer), "%s", kind)
		assert.Equal(t, "null", string(null), "%s", kind)
		want, err := tc.value.(interface{ MarshalJSON() ([]byte, error) }).MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, string(want), string(tc.body), "%s: one writer", kind)
		p, err := webhook.ParseAny(tc.body)
		require.NoError(t, err, "%s", kind)
		assert.Equal(t, kind, p.Kind())
	}
	d := s.Deliver(&ev)
	assert.Equal(t, string(EventBody(ev)), string(d.Body), "Deliver takes a pointer too")
}
