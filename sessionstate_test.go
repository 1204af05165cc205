package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The session and attempts of the fixtures.
const (
	fxSession  = "5d0f2c1e-8a3b-4c7d-9e6f-0a1b2c3d4e5f"
	fxAttemptA = "a0000000-1111-4aaa-8aaa-000000000001"
	fxAttemptB = "b0000000-2222-4bbb-9bbb-000000000002"
	fxAttemptC = "c0000000-3333-4ccc-accc-000000000003"
	fxVendor   = "order-1001"
)

// fixture reads testdata/file, moves it to fxSession and attempt (with
// fxVendor), sets the members of edits (dotted paths, JSON values), and
// returns the body and what ParseAny makes of it.
func fixture(t testing.TB, file, attempt string, edits map[string]any) ([]byte, Payload) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", file))
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m))
	set := func(path string, v any) {
		obj := m
		parts := strings.Split(path, ".")
		for _, p := range parts[:len(parts)-1] {
			next, ok := obj[p].(map[string]any)
			require.True(t, ok, "%s: no object %s", file, p)
			obj = next
		}
		obj[parts[len(parts)-1]] = v
	}
	switch {
	case m["verification"] != nil:
		set("verification.id", fxSession)
		set("verification.attemptId", attempt)
		set("verification.vendorData", fxVendor)
	case m["action"] != nil:
		set("id", fxSession)
		set("attemptId", attempt)
		set("vendorData", fxVendor)
	default:
		set("sessionId", fxSession)
		set("attemptId", attempt)
		set("vendorData", fxVendor)
	}
	for path, v := range edits {
		set(path, v)
	}
	body, err := json.Marshal(m)
	require.NoError(t, err)
	p, err := ParseAny(body)
	require.NoError(t, err, "%s", body)
	return body, p
}

// sessionCase is one session: its deliveries in the order they happened,
// and the state they must fold to.
type sessionCase struct {
	name       string
	deliveries []Payload
	status     Status
	attempt    string
	reason     ReasonCode
}

// Deliveries of the fixtures' session, by what they say.
func started(t testing.TB, attempt string) Payload {
	_, p := fixture(t, "started-7001.json", attempt, nil)
	return p
}

func submitted(t testing.TB, attempt string) Payload {
	_, p := fixture(t, "documented-submitted-7002.json", attempt, nil)
	return p
}

// decided makes a decision of status for attempt, with reason code rc (0:
// null) and decision time at (zero: null).
func decided(t testing.TB, status Status, attempt string, rc ReasonCode, at time.Time) Payload {
	files := map[Status]string{
		StatusApproved:              "decision/documented-current-head.json",
		StatusDeclined:              "decision/ampnet-declined.json",
		StatusResubmissionRequested: "decision/ampnet-resubmission-requested.json",
		StatusExpired:               "decision/ampnet-expired.json",
		StatusAbandoned:             "decision/ampnet-abandoned.json",
		StatusReview:                "decision/ours-review.json",
	}
	file, ok := files[status]
	if !ok {
		file = files[StatusReview]
	}
	edits := map[string]any{"verification.status": string(status), "verification.decisionTime": nil,
		"verification.reasonCode": nil, "verification.reason": nil, "verification.submissionTime": nil}
	if rc != 0 {
		edits["verification.reasonCode"] = int(rc)
		edits["verification.reason"] = rc.Description()
	}
	if !at.IsZero() {
		edits["verification.decisionTime"] = at.Format(time.RFC3339Nano)
	}
	if attempt == "" {
		edits["verification.attemptId"] = nil
	}
	_, p := fixture(t, file, attempt, edits)
	return p
}

// submittedAt is d with its submissionTime set to at.
func submittedAt(t testing.TB, d Payload, at time.Time) Payload {
	v := d.(Decision)
	v.Verification.SubmissionTime = at
	return v
}

func flowEvent(t testing.TB, file, attempt string) Payload {
	_, p := fixture(t, file, attempt, nil)
	return p
}

func screening(t testing.TB, check CheckType, match MatchStatus, at time.Time) Payload {
	edits := map[string]any{"checkType": string(check), "matchStatus": string(match), "createdAt": at.Format(time.RFC3339Nano)}
	if match == MatchStatusNoMatch {
		edits["hits"], edits["totalHits"] = []any{}, 0
	}
	_, p := fixture(t, "kinds/watchlist-screening-documented-old.json", fxAttemptB, edits)
	return p
}

func portalStatus(t testing.TB, status string, at time.Time) Payload {
	_, p := fixture(t, "kinds/user-status-documented-completed.json", fxAttemptB, map[string]any{
		"data.verification.userDefinedData.status":    status,
		"data.verification.userDefinedData.createdAt": at.Format(time.RFC3339Nano),
		"time": at.Add(time.Minute).Format(time.RFC3339Nano),
	})
	return p
}

var fxT0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func at(minutes int) time.Time { return fxT0.Add(time.Duration(minutes) * time.Minute) }

// sessionCases are the fixtures' sessions, built from testdata's samples.
func sessionCases(t testing.TB) []sessionCase {
	A, B, C := fxAttemptA, fxAttemptB, fxAttemptC
	_, fullAuto := fixture(t, "kinds/fullauto-ours.json", A, nil)
	_, ine := fixture(t, "kinds/ine-documented.json", A, nil)
	return []sessionCase{
		{"started, submitted, approved",
			[]Payload{started(t, A), submitted(t, A), decided(t, StatusApproved, A, 0, at(5))},
			StatusApproved, A, 0},
		{"declined with a reason code, then a late submitted",
			[]Payload{started(t, A), submitted(t, A), decided(t, StatusDeclined, A, 101, at(5)), flowEvent(t, "flow-finished.json", A)},
			StatusDeclined, A, 101},
		{"resubmission requested, then approved on a second attempt",
			[]Payload{started(t, A), submitted(t, A), decided(t, StatusResubmissionRequested, A, 203, at(5)),
				started(t, B), submitted(t, B), decided(t, StatusApproved, B, 0, at(20)), flowEvent(t, "flow-finished.json", B)},
			StatusApproved, B, 0},
		{"approved on a second attempt with no resubmission webhook",
			[]Payload{started(t, A), submitted(t, A), started(t, B), submitted(t, B), decided(t, StatusApproved, B, 0, at(9))},
			StatusApproved, B, 0},
		{"review, then approved",
			[]Payload{started(t, A), submitted(t, A), decided(t, StatusReview, A, 0, time.Time{}), decided(t, StatusApproved, A, 0, at(60))},
			StatusApproved, A, 0},
		{"review, then declined",
			[]Payload{started(t, A), submitted(t, A), decided(t, StatusReview, A, 0, at(4)), decided(t, StatusDeclined, A, 105, at(60))},
			StatusDeclined, A, 105},
		{"expired, never started",
			[]Payload{decided(t, StatusExpired, "", 0, time.Time{})},
			StatusExpired, "", 0},
		{"resubmission requested, then abandoned",
			[]Payload{started(t, A), submitted(t, A), decided(t, StatusResubmissionRequested, A, 201, at(5)),
				flowEvent(t, "flow-cancelled.json", A), decided(t, StatusAbandoned, A, 0, time.Time{})},
			StatusAbandoned, A, 0},
		{"submitted, no decision yet",
			[]Payload{started(t, A), flowEvent(t, "flow-cancelled.json", A), submitted(t, A), flowEvent(t, "flow-waiting-complete-socket.json", A)},
			StatusSubmitted, A, 0},
		{"Full Auto instead of a decision, and a registry",
			[]Payload{started(t, A), submitted(t, A), fullAuto, ine},
			StatusApproved, A, 0},
		{"watchlist and its monitoring update after approval, and a portal status",
			[]Payload{started(t, B), submitted(t, B), screening(t, CheckTypeInitialResult, MatchStatusNoMatch, at(6)),
				decided(t, StatusApproved, B, 0, at(7)), screening(t, CheckTypeUpdatedResult, MatchStatusPossibleMatch, at(60*24*30)),
				portalStatus(t, "Checked by compliance", at(60*24*31))},
			StatusApproved, B, 0},
		{"the 10th attempt declined, 539",
			[]Payload{decided(t, StatusResubmissionRequested, A, 201, at(5)), decided(t, StatusResubmissionRequested, B, 203, at(15)),
				started(t, C), submitted(t, C), decided(t, StatusDeclined, C, 539, at(25))},
			StatusDeclined, C, 539},
	}
}

// fold applies ps in order to a zero state.
func fold(t testing.TB, ps ...Payload) SessionState {
	t.Helper()
	var s SessionState
	for _, p := range ps {
		require.NoError(t, s.Apply(p))
	}
	return s
}

func marshal(t testing.TB, s SessionState) string {
	t.Helper()
	b, err := json.Marshal(s)
	require.NoError(t, err)
	return string(b)
}

// TestSessionStatePublicFailureResubmissionReasonKept is the first public
// failure: a user approved on a second attempt still showed the first
// attempt's resubmission reason. Every order gives the approval, on the
// second attempt, with no reason code.
func TestSessionStatePublicFailureResubmissionReasonKept(t *testing.T) {
	resubmission := decided(t, StatusResubmissionRequested, fxAttemptA, 203, at(5))
	approval := decided(t, StatusApproved, fxAttemptB, 0, at(20))
	for _, order := range [][]Payload{{resubmission, approval}, {approval, resubmission}} {
		s := fold(t, order...)
		assert.Equal(t, StatusApproved, s.Status())
		assert.Equal(t, fxAttemptB, s.AttemptID())
		assert.Zero(t, s.ReasonCode())
	}
}

// TestSessionStatePublicFailureLateSubmitted is the second: a retried
// "submitted" event, arriving after the decision, overwrote a decline.
func TestSessionStatePublicFailureLateSubmitted(t *testing.T) {
	decline := decided(t, StatusDeclined, fxAttemptA, 102, at(5))
	for _, late := range []Payload{submitted(t, fxAttemptA), started(t, fxAttemptA), submitted(t, fxAttemptB)} {
		s := fold(t, started(t, fxAttemptA), submitted(t, fxAttemptA), decline, late)
		assert.Equal(t, StatusDeclined, s.Status())
		assert.Equal(t, fxAttemptA, s.AttemptID())
		assert.Equal(t, ReasonCode(102), s.ReasonCode())
	}
}

// TestSessionStateCases folds each session in its order, in every
// permutation (up to 8 deliveries), and in 1,000 random orders with random
// duplicates: all give the state the case expects, byte for byte alike.
func TestSessionStateCases(t *testing.T) {
	for _, c := range sessionCases(t) {
		t.Run(c.name, func(t *testing.T) {
			want := fold(t, c.deliveries...)
			assert.Equal(t, c.status, want.Status(), "status")
			assert.Equal(t, c.attempt, want.AttemptID(), "attempt")
			assert.Equal(t, c.reason, want.ReasonCode(), "reason code")
			wantJSON := marshal(t, want)
			assert.Less(t, len(wantJSON), 2048, "JSON size: %s", wantJSON)
			checkOrders(t, c.deliveries, wantJSON, rand.New(rand.NewPCG(1, uint64(len(c.name)))))
		})
	}
}

// checkOrders folds ps in every permutation (up to 8) and in 1,000 random
// orders with duplicates, and fails t unless each marshals to want.
func checkOrders(t *testing.T, ps []Payload, want string, r *rand.Rand) {
	t.Helper()
	if len(ps) <= 8 {
		n := 0
		permute(slices.Clone(ps), 0, func(order []Payload) {
			n++
			if got := marshal(t, fold(t, order...)); got != want {
				t.Fatalf("permutation %d: %s\nwant %s", n, got, want)
			}
		})
	}
	for i := range 1000 {
		order := slices.Clone(ps)
		for range r.IntN(2 * len(ps)) {
			order = append(order, ps[r.IntN(len(ps))])
		}
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		if got := marshal(t, fold(t, order...)); got != want {
			t.Fatalf("random order %d: %s\nwant %s", i, got, want)
		}
	}
}

// permute calls fn with every permutation of ps (Heap's algorithm).
func permute(ps []Payload, k int, fn func([]Payload)) {
	if k == len(ps) {
		fn(ps)
		return
	}
	for i := k; i < len(ps); i++ {
		ps[k], ps[i] = ps[i], ps[k]
		permute(ps, k+1, fn)
		ps[k], ps[i] = ps[i], ps[k]
	}
}

// TestSessionStateMerge checks that Merge is a join: commutative,
// associative and idempotent, and that folding two halves and merging
// them is folding the whole.
func TestSessionStateMerge(t *testing.T) {
	var all []Payload
	for _, c := range sessionCases(t) {
		if c.name == "resubmission requested, then approved on a second attempt" ||
			c.name == "watchlist and its monitoring update after approval, and a portal status" ||
			c.name == "submitted, no decision yet" {
			all = append(all, c.deliveries...)
		}
	}
	whole := marshal(t, fold(t, all...))
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		var parts [3][]Payload
		for _, p := range all {
			i := r.IntN(3)
			parts[i] = append(parts[i], p)
		}
		a, b, c := fold(t, parts[0]...), fold(t, parts[1]...), fold(t, parts[2]...)
		ab, ba := a, b
		require.NoError(t, ab.Merge(b))
		require.NoError(t, ba.Merge(a))
		require.Equal(t, marshal(t, ab), marshal(t, ba), "commutative")
		abc1 := ab
		require.NoError(t, abc1.Merge(c))
		bc := b
		require.NoError(t, bc.Merge(c))
		abc2 := a
		require.NoError(t, abc2.Merge(bc))
		require.Equal(t, marshal(t, abc1), marshal(t, abc2), "associative")
		require.Equal(t, whole, marshal(t, abc1), "halves merged = the whole")
		again := abc1
		require.NoError(t, again.Merge(abc1))
		require.Equal(t, abc1, again, "idempotent")
	}
}

func TestSessionStateZero(t *testing.T) {
	var s SessionState
	assert.Equal(t, Status(""), s.Status())
	assert.Equal(t, "", s.AttemptID())
	assert.Zero(t, s.ReasonCode())
	assert.Equal(t, "", s.SessionID())
	_, ok := s.Decision()
	assert.False(t, ok)
	_, ok = s.Flow()
	assert.False(t, ok)
	_, ok = s.Watchlist()
	assert.False(t, ok)
	_, ok = s.UserStatus()
	assert.False(t, ok)
	assert.Equal(t, "{}", marshal(t, s))
	var back SessionState
	require.NoError(t, json.Unmarshal([]byte("{}"), &back))
	assert.Equal(t, s, back)
}

// TestSessionStateRefused checks R1: a payload without a session, or of
// another session, is refused and changes nothing.
func TestSessionStateRefused(t *testing.T) {
	unknown, err := ParseAny(readTestdata(t, "kinds/unknown-kind-ours.json"))
	require.NoError(t, err)
	oldScreening, err := ParseAny(readTestdata(t, "kinds/watchlist-screening-documented-old.json"))
	require.NoError(t, err)
	other, err := ParseAny(readTestdata(t, "started-7001.json"))
	require.NoError(t, err)

	s := fold(t, started(t, fxAttemptA), decided(t, StatusDeclined, fxAttemptA, 102, at(5)))
	before := marshal(t, s)
	for _, p := range []Payload{unknown, oldScreening, nil, (*Decision)(nil), (*Event)(nil), (*FullAuto)(nil),
		(*WatchlistScreening)(nil), (*UserStatus)(nil), (*INERegistry)(nil), (*CURPRegistry)(nil), (*INECURPRegistry)(nil), (*Unknown)(nil)} {
		assert.ErrorIs(t, s.Apply(p), ErrNoSession, "%T", p)
	}
	assert.ErrorIs(t, s.Apply(other), ErrOtherSession)
	assert.Equal(t, before, marshal(t, s), "a refused payload changed the state")

	var zero SessionState
	assert.ErrorIs(t, zero.Apply(unknown), ErrNoSession)
	assert.Equal(t, SessionState{}, zero)

	o := fold(t, other)
	assert.ErrorIs(t, s.Merge(o), ErrOtherSession)
	assert.Equal(t, before, marshal(t, s))
}

func readTestdata(t testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// TestSessionStatePointers: a pointer to a kind folds as its value.
func TestSessionStatePointers(t *testing.T) {
	_, fa := fixture(t, "kinds/fullauto-ours.json", fxAttemptA, nil)
	for _, p := range []Payload{started(t, fxAttemptA), decided(t, StatusDeclined, fxAttemptA, 102, at(1)), fa,
		screening(t, CheckTypeInitialResult, MatchStatusNoMatch, at(2)), portalStatus(t, "x", at(3))} {
		var ptr Payload
		switch v := p.(type) {
		case Event:
			ptr = &v
		case Decision:
			ptr = &v
		case FullAuto:
			ptr = &v
		case WatchlistScreening:
			ptr = &v
		case UserStatus:
			ptr = &v
		}
		assert.Equal(t, marshal(t, fold(t, p)), marshal(t, fold(t, ptr)), "%T", p)
		assert.NotEqual(t, marshal(t, SessionState{id: fxSession, vendorData: fxVendor}), marshal(t, fold(t, ptr)), "%T", p)
	}
}

// TestSessionStateRules holds each rule of the SessionState doc comment to
// a pair of deliveries, in both orders.
func TestSessionStateRules(t *testing.T) {
	A, B := fxAttemptA, fxAttemptB
	type want struct {
		status  Status
		attempt string
		reason  ReasonCode
	}
	for _, c := range []struct {
		rule string
		a, b Payload
		want want
	}{
		{"R2 decision over a newer attempt's events", decided(t, StatusResubmissionRequested, A, 203, at(5)), submitted(t, B),
			want{StatusResubmissionRequested, A, 203}},
		{"R3 final over a later non-final", decided(t, StatusApproved, A, 0, at(5)), decided(t, StatusReview, B, 0, at(9)),
			want{StatusApproved, A, 0}},
		{"R3 final over a later resubmission", decided(t, StatusDeclined, A, 102, at(5)), decided(t, StatusResubmissionRequested, B, 203, at(9)),
			want{StatusDeclined, A, 102}},
		{"R3 unknown status is not final", decided(t, StatusExpired, A, 0, time.Time{}), decided(t, "on_hold", B, 0, at(9)),
			want{StatusExpired, A, 0}},
		{"R4 later final holds", decided(t, StatusDeclined, A, 102, at(5)), decided(t, StatusApproved, A, 0, at(9)),
			want{StatusApproved, A, 0}},
		{"R4 later final holds, other way", decided(t, StatusApproved, A, 0, at(5)), decided(t, StatusDeclined, A, 102, at(9)),
			want{StatusDeclined, A, 102}},
		{"R4 later non-final holds", decided(t, StatusResubmissionRequested, A, 203, at(5)), decided(t, StatusReview, B, 0, at(9)),
			want{StatusReview, B, 0}},
		{"R5 null time before a time", decided(t, StatusExpired, A, 0, time.Time{}), decided(t, StatusApproved, B, 0, at(1)),
			want{StatusApproved, B, 0}},
		{"R5 null review before a timed resubmission", decided(t, StatusReview, A, 0, time.Time{}), decided(t, StatusResubmissionRequested, A, 201, at(1)),
			want{StatusResubmissionRequested, A, 201}},
		{"R5 null time placed at its submission, after an earlier attempt's resubmission",
			decided(t, StatusResubmissionRequested, A, 203, at(5)), submittedAt(t, decided(t, StatusReview, B, 0, time.Time{}), at(9)),
			want{StatusReview, B, 0}},
		{"R5 null time placed at its submission, before the same attempt's resubmission",
			submittedAt(t, decided(t, StatusReview, A, 0, time.Time{}), at(2)), decided(t, StatusResubmissionRequested, A, 203, at(5)),
			want{StatusResubmissionRequested, A, 203}},
		{"R5 a decision time over a submission time",
			submittedAt(t, decided(t, StatusReview, B, 0, at(3)), at(9)), decided(t, StatusResubmissionRequested, A, 203, at(5)),
			want{StatusResubmissionRequested, A, 203}},
		{"R6 a decision time and a submission time alike: by status",
			submittedAt(t, decided(t, StatusResubmissionRequested, B, 203, time.Time{}), at(5)), decided(t, StatusReview, A, 0, at(5)),
			want{StatusReview, A, 0}},
		{"R6 all alike but the raw times",
			submittedAt(t, decided(t, StatusReview, A, 0, time.Time{}), at(5)), submittedAt(t, decided(t, StatusReview, A, 0, at(5)), at(1)),
			want{StatusReview, A, 0}},
		{"R6 declined over approved at one time", decided(t, StatusApproved, A, 0, at(5)), decided(t, StatusDeclined, B, 102, at(5)),
			want{StatusDeclined, B, 102}},
		{"R6 approved over abandoned at one time", decided(t, StatusAbandoned, B, 0, time.Time{}), decided(t, StatusApproved, A, 0, time.Time{}),
			want{StatusApproved, A, 0}},
		{"R6 abandoned over expired at one time", decided(t, StatusExpired, B, 0, time.Time{}), decided(t, StatusAbandoned, A, 0, time.Time{}),
			want{StatusAbandoned, A, 0}},
		{"R6 review over resubmission at one time", decided(t, StatusResubmissionRequested, B, 203, at(5)), decided(t, StatusReview, A, 0, at(5)),
			want{StatusReview, A, 0}},
		{"R6 resubmission over an anomalous submitted at one time", decided(t, StatusSubmitted, B, 0, at(5)), decided(t, StatusResubmissionRequested, A, 203, at(5)),
			want{StatusResubmissionRequested, A, 203}},
		{"R6 anomalous submitted over started at one time", decided(t, StatusStarted, B, 0, at(5)), decided(t, StatusSubmitted, A, 0, at(5)),
			want{StatusSubmitted, A, 0}},
		{"R6 started over an unknown status at one time", decided(t, "on_hold", B, 0, at(5)), decided(t, StatusStarted, A, 0, at(5)),
			want{StatusStarted, A, 0}},
		{"R6 unknown statuses by name", decided(t, "on_hold", B, 0, at(5)), decided(t, "paused", A, 0, at(5)),
			want{"paused", A, 0}},
		{"R6 greater attempt at one time", decided(t, StatusApproved, A, 0, at(5)), decided(t, StatusApproved, B, 0, at(5)),
			want{StatusApproved, B, 0}},
		{"R7 no attempt id, later", decided(t, StatusApproved, "", 0, at(9)), decided(t, StatusDeclined, A, 102, at(5)),
			want{StatusApproved, "", 0}},
		{"R8 reason code of an unknown status kept", decided(t, "on_hold", A, 203, at(9)), started(t, A),
			want{"on_hold", A, 203}},
		{"R9 submitted over started", started(t, B), submitted(t, A), want{StatusSubmitted, A, 0}},
		{"R9 greater attempt", started(t, A), started(t, B), want{StatusStarted, B, 0}},
		{"R10 flow events set no status", flowEvent(t, "flow-finished.json", B), started(t, A), want{StatusStarted, A, 0}},
	} {
		for i, order := range [][]Payload{{c.a, c.b}, {c.b, c.a}} {
			s := fold(t, order...)
			got := want{s.Status(), s.AttemptID(), s.ReasonCode()}
			assert.Equal(t, c.want, got, "%s (order %d)", c.rule, i)
		}
		assert.Equal(t, marshal(t, fold(t, c.a, c.b)), marshal(t, fold(t, c.b, c.a)), c.rule)
	}
}

// TestSessionStateReasonCode checks R8 where a decision carries a reason
// code its status has none of: the decision keeps it as sent, the state's
// ReasonCode does not.
func TestSessionStateReasonCode(t *testing.T) {
	for _, st := range []Status{StatusApproved, StatusReview, StatusExpired, StatusAbandoned} {
		s := fold(t, decided(t, st, fxAttemptA, 102, at(5)))
		assert.Zero(t, s.ReasonCode(), st)
		d, ok := s.Decision()
		require.True(t, ok)
		assert.Equal(t, ReasonCode(102), d.ReasonCode, "kept as sent")
	}
	for _, st := range []Status{StatusDeclined, StatusResubmissionRequested, "on_hold"} {
		s := fold(t, decided(t, st, fxAttemptA, 102, at(5)))
		assert.Equal(t, ReasonCode(102), s.ReasonCode(), st)
	}
	// Full Auto has no reason code; with no decision at all there is none.
	_, fa := fixture(t, "kinds/fullauto-ours.json", fxAttemptA, map[string]any{"data.verification.decision": "declined"})
	s := fold(t, fa, started(t, fxAttemptA))
	assert.Equal(t, StatusDeclined, s.Status())
	assert.Zero(t, s.ReasonCode())
	d, _ := s.Decision()
	assert.Equal(t, SessionDecision{Kind: KindFullAuto, AttemptID: fxAttemptA, Status: StatusDeclined, Time: time.Date(2026, 2, 1, 10, 5, 12, 345e6, time.UTC)}, d)
	assert.Zero(t, fold(t, submitted(t, fxAttemptA)).ReasonCode())
}

// TestSessionStateFlow checks R11.
func TestSessionStateFlow(t *testing.T) {
	finished := flowEvent(t, "flow-finished.json", fxAttemptA)
	waiting := flowEvent(t, "flow-waiting-complete-socket.json", fxAttemptA)
	cancelledConsent := flowEvent(t, "flow-cancelled.json", fxAttemptB)                // consent_screen_shown, row 26
	cancelledStarted := flowEvent(t, "flow-cancelled-client-started.json", fxAttemptB) // client_started, row 1
	_, cancelledUnknown := fixture(t, "flow-cancelled.json", fxAttemptB, map[string]any{"context.state": "a_state_veriff_added"})
	_, otherAction := fixture(t, "flow-cancelled.json", fxAttemptB, map[string]any{"action": "flow_paused"})
	for _, c := range []struct {
		name   string
		a, b   Payload
		want   Action
		wantSt State
	}{
		{"finished over waiting", waiting, finished, ActionFlowFinished, StateFinishedScreenShown},
		{"waiting over cancelled", cancelledConsent, waiting, ActionWaitingComplete, StateWaitingDecisionScreenShown},
		{"cancelled: later row", cancelledStarted, cancelledConsent, ActionFlowCancelled, StateConsentScreenShown},
		{"cancelled: known state over unknown", cancelledUnknown, cancelledStarted, ActionFlowCancelled, StateClientStarted},
		{"cancelled over another action", otherAction, cancelledStarted, ActionFlowCancelled, StateClientStarted},
	} {
		for _, order := range [][]Payload{{c.a, c.b}, {c.b, c.a}} {
			s := fold(t, order...)
			f, ok := s.Flow()
			require.True(t, ok)
			assert.Equal(t, c.want, f.Action, c.name)
			assert.Equal(t, c.wantSt, f.State, c.name)
			assert.Equal(t, Status(""), s.Status(), "R10: %s", c.name)
		}
	}
	// Events of other codes are no flow: 7005 (proof of address).
	_, poa := fixture(t, "proof-of-address-7005-community.json", fxAttemptA, nil)
	s := fold(t, poa)
	_, ok := s.Flow()
	assert.False(t, ok)
	assert.Equal(t, Status(""), s.Status())
}

// TestSessionStateWatchlistAndPortal checks R12 and R13.
func TestSessionStateWatchlistAndPortal(t *testing.T) {
	initial := screening(t, CheckTypeInitialResult, MatchStatusNoMatch, at(5))
	update := screening(t, CheckTypeUpdatedResult, MatchStatusPossibleMatch, at(500))
	sameTime := screening(t, CheckTypeUpdatedResult, MatchStatusPossibleMatch, at(5))
	other := screening(t, "final_result", MatchStatusPossibleMatch, at(5))
	for _, c := range []struct {
		name string
		a, b Payload
		want SessionScreening
	}{
		{"later createdAt", update, initial, SessionScreening{fxAttemptB, CheckTypeUpdatedResult, MatchStatusPossibleMatch, 5, at(500)}},
		{"updated over initial at one time", initial, sameTime, SessionScreening{fxAttemptB, CheckTypeUpdatedResult, MatchStatusPossibleMatch, 5, at(5)}},
		{"initial over an unknown check type at one time", other, initial, SessionScreening{fxAttemptB, CheckTypeInitialResult, MatchStatusNoMatch, 0, at(5)}},
	} {
		for _, order := range [][]Payload{{c.a, c.b}, {c.b, c.a}} {
			w, ok := fold(t, order...).Watchlist()
			require.True(t, ok)
			assert.Equal(t, c.want, w, c.name)
		}
	}
	first, second := portalStatus(t, "Suspicious", at(10)), portalStatus(t, "Cleared", at(20))
	for _, order := range [][]Payload{{first, second}, {second, first}} {
		u, ok := fold(t, order...).UserStatus()
		require.True(t, ok)
		assert.Equal(t, "Cleared", u.Status)
		assert.Equal(t, at(20), u.CreatedAt)
		assert.Equal(t, at(21), u.Time)
		assert.Equal(t, "user-status.created", u.EventType)
	}
	// At one createdAt, the later webhook time holds.
	_, sent := fixture(t, "kinds/user-status-documented-completed.json", fxAttemptB, map[string]any{
		"data.verification.userDefinedData.status":    "Resent",
		"data.verification.userDefinedData.createdAt": at(20).Format(time.RFC3339Nano),
		"time": at(22).Format(time.RFC3339Nano),
	})
	for _, order := range [][]Payload{{sent, second}, {second, sent}} {
		u, _ := fold(t, order...).UserStatus()
		assert.Equal(t, "Resent", u.Status)
	}
	// Watchlist and portal statuses never set the session's status.
	assert.Equal(t, Status(""), fold(t, initial, first).Status())
}

// TestSessionStateIdentity checks R14 and R15.
func TestSessionStateIdentity(t *testing.T) {
	_, ine := fixture(t, "kinds/ine-documented.json", fxAttemptA, nil)
	_, curp := fixture(t, "kinds/curp-documented.json", fxAttemptA, map[string]any{"id": fxSession})
	_, combined := fixture(t, "kinds/ine-curp-head-ours.json", fxAttemptA, nil)
	s := fold(t, ine, curp, combined)
	assert.Equal(t, SessionState{id: fxSession, vendorData: fxVendor, endUserID: "a1b2c35d-e8f7-6d5e-3cd2-a1b2c35db3d4"}, s)
	assert.Equal(t, fxSession, s.SessionID())
	assert.Equal(t, fxVendor, s.VendorData())
	assert.Equal(t, "a1b2c35d-e8f7-6d5e-3cd2-a1b2c35db3d4", s.EndUserID())

	_, noVendor := fixture(t, "started-7001.json", fxAttemptA, map[string]any{"vendorData": nil})
	_, otherVendor := fixture(t, "started-7001.json", fxAttemptA, map[string]any{"vendorData": "order-2"})
	for _, order := range [][]Payload{{noVendor, otherVendor, started(t, fxAttemptA)}, {started(t, fxAttemptA), noVendor, otherVendor}} {
		assert.Equal(t, "order-2", fold(t, order...).VendorData(), "the greatest non-empty")
	}
}

// TestSessionStateJSON checks the round trip and the refusal of states no
// fold makes.
func TestSessionStateJSON(t *testing.T) {
	for _, c := range sessionCases(t) {
		s := fold(t, c.deliveries...)
		b, err := json.Marshal(s)
		require.NoError(t, err)
		var back SessionState
		require.NoError(t, json.Unmarshal(b, &back), "%s", b)
		assert.Equal(t, s, back, c.name)
		b2, err := json.Marshal(back)
		require.NoError(t, err)
		assert.Equal(t, string(b), string(b2), c.name)
		t.Logf("%d bytes: %s", len(b), c.name)
	}
	// Times are kept in UTC: an offset gives the same state as Z.
	offset := decided(t, StatusDeclined, fxAttemptA, 102, at(5).In(time.FixedZone("", 2*3600)))
	assert.Equal(t, fold(t, decided(t, StatusDeclined, fxAttemptA, 102, at(5))), fold(t, offset))
	var s SessionState
	require.NoError(t, json.Unmarshal([]byte(`{"sessionId":"s","decision":{"kind":"decision","status":"approved","time":"2026-03-02T12:00:00+02:00"}}`), &s))
	d, _ := s.Decision()
	assert.Equal(t, `{"sessionId":"s","decision":{"kind":"decision","status":"approved","time":"2026-03-02T10:00:00Z"}}`, marshal(t, s))
	assert.Equal(t, time.UTC, d.Time.Location())

	for _, bad := range []string{
		`[]`,
		`{"decision":{"kind":"decision","status":"approved"}}`,
		`{"sessionId":"s","decision":{"kind":"decision"}}`,
		`{"sessionId":"s","event":{"code":7007}}`,
		`{"sessionId":"s","flow":{"code":7001}}`,
		`{"sessionId":"s","watchlist":{"totalHits":1}}`,
		`{"sessionId":"s","userStatus":{"status":"x"}}`,
		`{"sessionId":"s","decision":{"kind":"event","status":"approved"}}`,
		`{"sessionId":"s","decision":{"status":"approved"}}`,
		`{"sessionId":"s","decision":{"kind":"fullauto","status":"approved","code":9001}}`,
		`{"sessionId":"s","decision":{"kind":"fullauto","status":"declined","reasonCode":102}}`,
		`{"sessionId":"s","decision":{"kind":"fullauto","status":"declined","reason":"r"}}`,
		`{"sessionId":"s","decision":{"kind":"fullauto","status":"approved","submissionTime":"2026-03-02T10:00:00Z"}}`,
	} {
		s := fold(t, started(t, fxAttemptA))
		before := s
		err := json.Unmarshal([]byte(bad), &s)
		assert.Error(t, err, bad)
		assert.Equal(t, before, s, "a refused state changed the value: %s", bad)
	}
	var n SessionState
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"vendorData":"x"}`), &n), ErrNoSession)
}

// TestSessionStateHandBuilt: a payload built by hand without the members
// the parser requires gives no fact of its sort.
func TestSessionStateHandBuilt(t *testing.T) {
	var s SessionState
	require.NoError(t, s.Apply(Decision{Verification: Verification{ID: "s", AttemptID: "a"}}))
	require.NoError(t, s.Apply(WatchlistScreening{SessionID: "s", TotalHits: 3}))
	require.NoError(t, s.Apply(UserStatus{SessionID: "s", AttemptID: "a"}))
	require.NoError(t, s.Apply(FullAuto{SessionID: "s"}))
	assert.Equal(t, SessionState{id: "s"}, s)
	assert.Equal(t, `{"sessionId":"s"}`, marshal(t, s))
	assert.True(t, errors.Is(s.Apply(Event{}), ErrNoSession))
}

// fuzzDelivery makes one delivery of the fixtures' session from 4 bytes:
// kind, attempt, value and time, each from a few choices that collide
// often (equal times, null times, no attempt, unknown values), so that the
// rules' ties are reached.
func fuzzDelivery(b [4]byte) Payload {
	attempts := [...]string{fxAttemptA, fxAttemptB, fxAttemptC, ""}
	statuses := [...]Status{StatusApproved, StatusDeclined, StatusResubmissionRequested, StatusExpired,
		StatusAbandoned, StatusReview, StatusStarted, StatusSubmitted, "on_hold", "paused"}
	reasons := [...]ReasonCode{0, 102, 203, 539, 9999}
	times := [...]time.Time{{}, at(1), at(2), at(2).Add(time.Nanosecond), at(60)}
	codes := [...]Code{CodeStarted, CodeSubmitted, CodeWaitingComplete, CodeFlowEvent7008, CodeFlowEvent7009, CodeFlowEvent7010, 7005}
	actions := [...]Action{ActionFlowFinished, ActionWaitingComplete, ActionFlowCancelled, "flow_paused", ""}
	states := [...]State{"", StateClientStarted, StateConsentScreenShown, StateFinishedScreenShown, "a_new_state"}
	attempt, v, tm := attempts[int(b[1])%len(attempts)], int(b[2]), times[int(b[3])%len(times)]
	p := fuzzPayload(b[0], attempt, v, tm, statuses[:], reasons[:], times[:], codes[:], actions[:], states[:])
	switch b[1] >> 6 { // the payload itself, or a pointer to it, or a nil pointer of its type
	case 2:
		return pointerTo(p, false)
	case 3:
		return pointerTo(p, true)
	}
	return p
}

// pointerTo returns a pointer to p, of p's type; nil, of that type, when
// null is set.
func pointerTo(p Payload, null bool) Payload {
	switch v := p.(type) {
	case Event:
		return ptr(v, null)
	case Decision:
		return ptr(v, null)
	case FullAuto:
		return ptr(v, null)
	case WatchlistScreening:
		return ptr(v, null)
	case UserStatus:
		return ptr(v, null)
	case INERegistry:
		return ptr(v, null)
	case CURPRegistry:
		return ptr(v, null)
	case INECURPRegistry:
		return ptr(v, null)
	case Unknown:
		return ptr(v, null)
	}
	panic(fmt.Sprintf("no pointer for %T", p))
}

func ptr[T any](v T, null bool) *T {
	if null {
		return nil
	}
	return &v
}

// fuzzPayload is fuzzDelivery's payload, of one of the nine kinds.
func fuzzPayload(kind byte, attempt string, v int, tm time.Time, statuses []Status, reasons []ReasonCode, times []time.Time,
	codes []Code, actions []Action, states []State) Payload {
	switch kind % 10 {
	case 0, 1:
		st := statuses[v%len(statuses)]
		return Decision{Verification: Verification{ID: fxSession, AttemptID: attempt, Status: st, Code: Code(9000 + v%3),
			ReasonCode: reasons[(v/len(statuses))%len(reasons)], Reason: "r" + string(rune('a'+v%2)), DecisionTime: tm, VendorData: fxVendor,
			SubmissionTime: times[(v/(len(statuses)*len(reasons)))%len(times)]}}
	case 2:
		return Event{ID: fxSession, AttemptID: attempt, Feature: FeatureSelfID, Code: codes[v%len(codes)],
			Action: actions[(v/len(codes))%len(actions)], Context: Context{State: states[(v/7)%len(states)]}}
	case 3:
		return FullAuto{EventType: "fullauto", SessionID: fxSession, AttemptID: attempt, Time: tm,
			Verification: FullAutoVerification{Decision: statuses[v%len(statuses)]}}
	case 4:
		return WatchlistScreening{SessionID: fxSession, AttemptID: attempt, CheckType: [...]CheckType{CheckTypeInitialResult, CheckTypeUpdatedResult, "other"}[v%3],
			MatchStatus: [...]MatchStatus{MatchStatusNoMatch, MatchStatusPossibleMatch}[v/3%2], TotalHits: v % 4, CreatedAt: tm}
	case 5:
		return UserStatus{EventType: "user-status.created", SessionID: fxSession, AttemptID: attempt, Time: tm,
			Status: UserDefinedStatus{Status: [...]string{"a", "b", "c"}[v%3], CreatedAt: times[(v/3)%len(times)]}, EndUserID: attempt}
	case 6:
		return INERegistry{EventType: "ine_registry", SessionID: fxSession, AttemptID: attempt, VendorData: attempt}
	case 7:
		return CURPRegistry{Type: "curp_registry", ID: fxSession, EndUserID: attempt, Data: CURPResult{AttemptID: attempt}}
	case 8:
		return INECURPRegistry{EventType: "combined-ine-curp-registry", SessionID: fxSession, AttemptID: attempt, Time: tm}
	}
	return Unknown{Raw: json.RawMessage(`{"sessionId":"` + fxSession + `"}`)}
}

// FuzzSessionState folds a random sequence of one session's deliveries and
// checks that the order and duplicates do not matter: the sequence, its
// reverse, a shuffle of it with each delivery once more, and two halves
// merged all give the same state (compared with ==, which sees every
// field MarshalJSON writes); applying any delivery again changes nothing;
// the JSON round trip gives the state back, and marshals to the same bytes.
func FuzzSessionState(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 2, 1, 1, 0, 0, 1, 2, 4}, uint64(1))
	f.Add([]byte{0, 0, 2, 2, 0, 1, 0, 4, 2, 0, 1, 0, 2, 0, 0, 0}, uint64(2))
	f.Add([]byte{4, 0, 0, 1, 4, 0, 1, 1, 5, 1, 0, 2, 5, 0, 4, 2, 3, 0, 0, 1, 6, 0, 0, 0}, uint64(3))
	f.Add([]byte{1, 3, 3, 0, 1, 0, 4, 0, 0, 3, 0, 1, 2, 0, 16, 0}, uint64(4))
	// Every kind, as itself, through a pointer and as a nil pointer.
	f.Add([]byte{0, 0, 0, 1, 1, 0x81, 1, 1, 2, 0xc2, 0, 0, 3, 0x83, 1, 2, 4, 0, 1, 1, 5, 0x81, 2, 1, 6, 0xc2, 0, 0, 7, 0x80, 0, 0,
		8, 0x81, 0, 3, 9, 0, 0, 0, 9, 0x80, 0, 0, 16, 0xc0, 0, 0, 17, 0xc1, 0, 0, 18, 0xc2, 0, 0, 19, 0xc3, 0, 0}, uint64(5))
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		var seq []Payload
		for i := 0; i+4 <= len(data) && len(seq) < 64; i += 4 {
			p := fuzzDelivery([4]byte(data[i : i+4]))
			var alone SessionState
			if err := alone.Apply(p); err != nil {
				// An Unknown, or a nil pointer: refused, never a panic.
				require.ErrorIs(t, err, ErrNoSession, "%#v", p)
				require.True(t, alone == SessionState{})
				v := reflect.ValueOf(p)
				require.True(t, v.Kind() == reflect.Pointer && v.IsNil() || p.Kind() == KindUnknown, "%#v", p)
				continue
			}
			seq = append(seq, p)
		}
		want := fold(t, seq...)

		reversed := slices.Clone(seq)
		slices.Reverse(reversed)
		if got := fold(t, reversed...); got != want {
			t.Fatalf("reversed: %s\nwant %s", marshal(t, got), marshal(t, want))
		}

		r := rand.New(rand.NewPCG(seed, seed>>32))
		shuffled := append(slices.Clone(seq), seq...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := fold(t, shuffled...); got != want {
			t.Fatalf("shuffled, each twice: %s\nwant %s", marshal(t, got), marshal(t, want))
		}

		cut := 0
		if len(seq) > 0 {
			cut = r.IntN(len(seq) + 1)
		}
		left, right := fold(t, seq[:cut]...), fold(t, seq[cut:]...)
		require.NoError(t, right.Merge(left))
		if right != want {
			t.Fatalf("halves merged: %s\nwant %s", marshal(t, right), marshal(t, want))
		}

		for _, p := range seq {
			again := want
			require.NoError(t, again.Apply(p))
			if again != want {
				t.Fatalf("applying %#v again: %s\nwant %s", p, marshal(t, again), marshal(t, want))
			}
		}

		wantJSON := marshal(t, want)
		var back SessionState
		require.NoError(t, json.Unmarshal([]byte(wantJSON), &back))
		require.True(t, back == want, "JSON round trip: %s", wantJSON)
		require.Equal(t, wantJSON, marshal(t, back))
		require.Less(t, len(wantJSON), 2048)
	})
}

// TestRuleR6 holds the text of rule R6, in SessionState's documentation,
// to the order decisionRank gives: every status it ranks, named in that
// order, before the unknown ones.
func TestRuleR6(t *testing.T) {
	src, err := os.ReadFile("sessionstate.go")
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(src), "//	R6  ")
	require.True(t, ok)
	rule, _, ok := strings.Cut(rest, "//	R7  ")
	require.True(t, ok)
	var known []Status
	for _, i := range statuses {
		known = append(known, i.status)
	}
	slices.SortStableFunc(known, func(a, b Status) int { return decisionRank(b) - decisionRank(a) })
	last := -1
	for _, s := range known {
		require.Positive(t, decisionRank(s), s)
		loc := regexp.MustCompile(`\b` + string(s) + `\b`).FindStringIndex(rule[last+1:])
		require.NotNil(t, loc, "R6 names %q after the statuses ranked above it: %s", s, rule)
		last += 1 + loc[0]
	}
	assert.Greater(t, strings.Index(rule, "does not know, by"), last, "unknown statuses last: %s", rule)
	assert.Zero(t, decisionRank("paused"))
}

// TestApplyAllocatesNothing holds Apply's claim (BenchmarkSessionApply's
// target) for the three kinds the benchmark folds, an event, a decision
// and a watchlist screening, each given as a value, as the parsers return
// them: a payload given as a value is used as it is, never copied into a
// second interface. (A *T is copied into one: it allocates.)
func TestApplyAllocatesNothing(t *testing.T) {
	base := fold(t, started(t, fxAttemptA), submitted(t, fxAttemptA))
	for _, p := range []Payload{
		started(t, fxAttemptB),
		decided(t, StatusApproved, fxAttemptB, 0, at(20)),
		screening(t, CheckTypeInitialResult, MatchStatusNoMatch, at(6)),
	} {
		allocs := testing.AllocsPerRun(100, func() {
			s := base
			if err := s.Apply(p); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs, "%T", p)
	}
}
