package veriffapi_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/veriffapi"
	"github.com/veriffkit/webhook/veriffapi/veriffapitest"
	"github.com/veriffkit/webhook/webhooktest"
)

// receiver is the smallest receiver that folds each session: the Handler,
// and a SessionState per session.
type receiver struct {
	mu     sync.Mutex
	states map[string]*webhook.SessionState
}

func newReceiver(t *testing.T, secret string) (*receiver, *httptest.Server) {
	rc := &receiver{states: map[string]*webhook.SessionState{}}
	h, err := webhook.NewHandler(webhook.Config{Secrets: []string{secret}}, func(_ context.Context, d webhook.Delivery) error {
		rc.mu.Lock()
		defer rc.mu.Unlock()
		id := d.Payload.Session().ID
		st := rc.states[id]
		if st == nil {
			st = &webhook.SessionState{}
			rc.states[id] = st
		}
		return st.Apply(d.Payload)
	})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/veriff", h)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return rc, srv
}

func (rc *receiver) state(id string) webhook.SessionState {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if st := rc.states[id]; st != nil {
		return *st
	}
	return webhook.SessionState{}
}

// TestWholeFlow runs every scenario through the whole flow: a session
// created with the client, played by the local Veriff, its webhooks
// received by a Handler and folded; the folded state is the scenario's Want
// and agrees with what the API answers for the session.
func TestWholeFlow(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	rc, hooks := newReceiver(t, srv.Secret)
	srv.WebhookURL = hooks.URL + "/webhooks/veriff"
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
	require.NoError(t, err)
	ctx := t.Context()

	for _, sc := range webhooktest.SeededScenarios(1) {
		t.Run(sc.Name, func(t *testing.T) {
			s, err := c.CreateSession(ctx, veriffapi.SessionRequest{VendorData: "order-" + sc.Name, EndUserID: "3f0c6e0a-1c1f-4b8e-9d57-8f7d3c2f1a10"})
			require.NoError(t, err)
			assert.Equal(t, "created", s.Status)
			_, err = c.Decision(ctx, s.ID)
			require.ErrorIs(t, err, veriffapi.ErrNotDecided, "before the play")

			require.NoError(t, srv.Play(s.ID, sc.Name))
			got := rc.state(s.ID)
			assert.Equal(t, sc.Want.Status, got.Status(), "status")
			assert.Equal(t, sc.Want.ReasonCode, got.ReasonCode(), "reason code")
			assert.Equal(t, "order-"+sc.Name, got.VendorData())
			want, ok := srv.State(s.ID)
			require.True(t, ok)
			assert.Equal(t, want, got, "the receiver's state is the fake's")

			attempts, err := c.Attempts(ctx, s.ID)
			require.NoError(t, err)
			require.Len(t, attempts, sc.Want.Attempt)
			assert.Equal(t, got.AttemptID(), attempts[len(attempts)-1].ID)

			// The API's answer, folded alone, gives the same decision.
			var polled webhook.SessionState
			d, err := c.Decision(ctx, s.ID)
			if hd, decided := got.Decision(); decided && hd.Kind == webhook.KindDecision {
				require.NoError(t, err)
				require.NoError(t, polled.Apply(d))
				pd, _ := polled.Decision()
				assert.Equal(t, hd, pd)
				// and folding it into the delivered state changes nothing
				again := got
				require.NoError(t, again.Apply(d))
				assert.Equal(t, got, again)
			} else {
				require.ErrorIs(t, err, veriffapi.ErrNotDecided)
			}
			if hd, decided := got.Decision(); decided && hd.Kind == webhook.KindFullAuto {
				f, err := c.FullAutoDecision(ctx, s.ID)
				require.NoError(t, err)
				require.NoError(t, polled.Apply(f))
				assert.Equal(t, got.Status(), polled.Status())
			}
		})
	}
}

func TestWholeFlowErrorsAreTyped(t *testing.T) {
	srv := veriffapitest.NewServer(t)
	c, err := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL+"/v1/"))
	require.NoError(t, err)
	_, err = c.Decision(t.Context(), "3f0c6e0a-1c1f-4b8e-9d57-8f7d3c2f1a10")
	require.ErrorIs(t, err, veriffapi.ErrNotFound)
	var e *veriffapi.Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
}
