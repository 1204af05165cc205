package veriffapitest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

// Errors of Play.
var (
	// ErrUnknownSession reports a session id the server did not create, or
	// deleted.
	ErrUnknownSession = errors.New("veriffapitest: unknown session")
	// ErrPlayed reports a second Play on one session.
	ErrPlayed = errors.New("veriffapitest: session already played")
	// ErrDelivery reports webhooks that the receiver did not answer with
	// a 2xx. Veriff would retry them; the server does not.
	ErrDelivery = errors.New("veriffapitest: webhooks not delivered")
)

// Play plays the webhooktest scenario named scenario (see
// webhooktest.ScenarioNames) on a session created through the API: from
// then on the API answers as Veriff would for that session (its decision,
// attempts, person, media, screening, Full Auto decision), and the
// scenario's webhooks, about this session, signed with Secret, go to
// WebhookURL (none when it is ""). They are sent at once, in the
// scenario's order, as the faults allow (see Faults); Speedup spaces them
// as the scenario does.
//
// It returns ErrUnknownSession, ErrPlayed, an error naming the valid
// scenarios, or ErrDelivery when webhooks sent were not answered with a
// 2xx, with their count and each answer with its likely cause (a 401: the
// receiver's secret is not Secret); the API's state is the played one in
// every case but the first three.
func (s *Server) Play(sessionID, scenario string) error {
	return s.PlaySpeedup(sessionID, scenario, 0)
}

// PlaySpeedup is Play with the scenario's own spacing of its webhooks
// divided by speedup (3600: an hour is a second); 0 sends them at once.
func (s *Server) PlaySpeedup(sessionID, scenario string, speedup float64) error {
	if speedup < 0 {
		return errorf("negative speedup %v", speedup)
	}
	s.mu.Lock()
	ss, ok := s.sessions[sessionID]
	switch {
	case !ok || ss.deleted:
		s.mu.Unlock()
		return fmt.Errorf("%w: %q", ErrUnknownSession, sessionID)
	case ss.played:
		s.mu.Unlock()
		return fmt.Errorf("%w: %q", ErrPlayed, sessionID)
	}
	sc, err := ss.ws.Scenario(scenario)
	if err != nil {
		s.mu.Unlock()
		return err
	}
	ss.scenario = scenario
	if err := s.apply(ss, sc.Deliveries); err != nil {
		s.mu.Unlock()
		return err
	}
	url := s.WebhookURL
	ds, delays := s.plan(sc.Deliveries, url == "")
	s.mu.Unlock()

	if url == "" {
		return nil
	}
	snd := &webhooktest.Sender{URL: url, Secret: s.Secret, APIKey: s.APIKey, Client: &s.webhooks, Speedup: speedup}
	var now []webhooktest.Delivery
	for i, d := range ds {
		if delays[i] == 0 {
			now = append(now, d)
			continue
		}
		s.pending.Add(1)
		go func(d webhooktest.Delivery, wait time.Duration) {
			defer s.pending.Done()
			time.Sleep(wait)
			s.count(snd.Send(context.Background(), d))
		}(d, delays[i])
	}
	var failed []webhooktest.Result
	for _, r := range snd.SendAll(context.Background(), now) {
		if !s.count(r) {
			failed = append(failed, r)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%w: %d of %d sent at once to session %s's receiver were not answered with a 2xx: %s",
			ErrDelivery, len(failed), len(now), sessionID, answers(failed))
	}
	return nil
}

// answers says how the receiver answered rs, each distinct answer once,
// with its likely cause and how many had it, in the order they came.
func answers(rs []webhooktest.Result) string {
	var order []string
	n := map[string]int{}
	for _, r := range rs {
		a := webhookAnswer(r)
		if n[a] == 0 {
			order = append(order, a)
		}
		n[a]++
	}
	for i, a := range order {
		if n[a] > 1 {
			order[i] = fmt.Sprintf("%s, %d times", a, n[a])
		}
	}
	return strings.Join(order, "; ")
}

// count records the answer to one webhook and reports whether it was a
// 2xx.
func (s *Server) count(r webhooktest.Result) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.log != nil {
		fmt.Fprintf(s.log, "webhook %s (session %s): %s\n", r.Delivery.Note, r.Delivery.SessionID, webhookAnswer(r))
	}
	s.stats.Sent++
	if !r.OK() {
		s.stats.Failed++
		return false
	}
	return true
}

// apply makes the API answer for ss as the deliveries say; the caller
// holds s.mu. An error is a body of the kit that the root package refuses:
// a bug of one of them.
func (s *Server) apply(ss *session, ds []webhooktest.Delivery) error {
	attempts := make([]webhook.SessionState, len(ss.ws.Attempts))
	var state webhook.SessionState
	for _, d := range ds {
		p, err := webhook.ParseAny(d.Body)
		if err == nil {
			err = state.Apply(p)
		}
		if err == nil {
			err = attempts[d.Attempt-1].Apply(p)
		}
		if err != nil {
			return errorf("%s: %v", d.Note, err)
		}
		switch p := p.(type) {
		case webhook.Decision:
			ss.decisions = append(ss.decisions, p)
		case webhook.FullAuto:
			ss.fullAuto = &p
		case webhook.WatchlistScreening:
			ss.screening = &p
			ss.monitor = "enabled"
		}
	}
	ss.played, ss.deliveries, ss.state, ss.attemptSt, ss.decisionBody = true, ds, state, attempts, nil
	if st := ss.state.Status(); st != "" {
		ss.status = string(st)
	}
	// Each attempt has its document and face, as a test integration's
	// media list shows them.
	for _, a := range ss.ws.Attempts {
		s.addFile(ss, a, "document-front", "image/jpeg", 2048+int64(s.rng.IntN(2048)), nil)
		s.addFile(ss, a, "face", "image/jpeg", 2048+int64(s.rng.IntN(2048)), nil)
	}
	return nil
}

// plan applies the webhook faults to ds and returns what to send, and how
// long to hold each back (0: send at once); the caller holds s.mu. With
// none true, everything is counted as dropped.
func (s *Server) plan(ds []webhooktest.Delivery, none bool) ([]webhooktest.Delivery, []time.Duration) {
	f := s.faults
	var out []webhooktest.Delivery
	for _, d := range ds {
		decision := d.Kind == webhook.KindDecision || d.Kind == webhook.KindFullAuto
		if none || s.chance(f.Drop) || decision && s.chance(f.DropDecisions) {
			s.stats.Dropped++
			if decision {
				s.stats.DroppedDecisions++
			}
			continue
		}
		out = append(out, d)
		if s.chance(f.Duplicate) {
			dup := d
			dup.Note = "duplicate of " + d.Note
			out = append(out, dup)
		}
	}
	if f.Shuffle {
		s.rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	delays := make([]time.Duration, len(out))
	if f.Delay > 0 {
		for i := range delays {
			delays[i] = time.Duration(s.rng.Int64N(int64(f.Delay))) + 1
		}
	}
	return out, delays
}

// State returns the state the session's played deliveries fold to, all of
// them, whether or not their webhooks were sent: what a receiver must
// reach, by webhooks or by polling. It is false for a session the server
// does not have.
func (s *Server) State(sessionID string) (webhook.SessionState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.sessions[sessionID]
	if !ok {
		return webhook.SessionState{}, false
	}
	return ss.state, true
}

// AddMedia adds a file of size bytes to the session's latest attempt and
// returns its media id: generated bytes, never held in memory whole, for
// testing downloads of any size.
func (s *Server) AddMedia(sessionID, context, mimeType string, size int64) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.sessions[sessionID]
	if !ok || ss.deleted {
		return "", fmt.Errorf("%w: %q", ErrUnknownSession, sessionID)
	}
	if size < 0 {
		return "", errorf("negative media size %d", size)
	}
	return s.addFile(ss, ss.ws.AttemptID(), context, mimeType, size, nil).id, nil
}

// webhookAnswer says how the receiver answered a webhook, with the likely
// cause of a refusal, for Config.Log.
func webhookAnswer(r webhooktest.Result) string {
	switch {
	case r.Err != nil:
		return "no answer (is the receiver running, at that address?): " + r.Err.Error()
	case r.Status == http.StatusUnauthorized:
		return "401 (the receiver's secret is not this server's shared secret)"
	case r.Status == http.StatusNotFound || r.Status == http.StatusMethodNotAllowed:
		return fmt.Sprintf("%d (no receiver at that path: check the webhook URL)", r.Status)
	case r.Status == http.StatusBadRequest:
		return "400 (the receiver refused the body as invalid)"
	case r.Status >= 500:
		return fmt.Sprintf("%d (the receiver's own error)", r.Status)
	}
	return fmt.Sprint(r.Status)
}
