package webhook

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// SessionState is the state of one verification session, folded from its
// deliveries of every kind. Veriff delivers late, twice and out of order,
// with no timestamp on events and no sequence number on anything, so the
// state is built as a join of facts: each delivery adds facts, and of two
// facts of one sort the rules below keep one, whatever came first. Any
// order of the same deliveries, with any duplicates, gives the same state,
// and json.Marshal of it gives the same bytes. The zero SessionState is
// ready to use and knows nothing.
//
// The rules, with the grade of what each stands on ([V] Veriff's current
// docs, [V-old] an older Veriff text, [V-API] Veriff's API reference, [C]
// public integrations' code or fixtures, [I] our inference):
//
//	R1  One session. Apply takes the session id from Payload.Session; the first fixes it, another id is
//	    ErrOtherSession, none is ErrNoSession, and a refused payload changes nothing. [V] ids per kind
//	R2  A decision holds over events. Once a decision or Full Auto delivery is known, Status, AttemptID and
//	    ReasonCode are the holding decision's; no event changes them: started and submitted, what events 7001
//	    and 7002 report, are the statuses before a decision (status table [V]), and a late 7002 that
//	    overwrote a decline is a public failure [C]. An
//	    attempt with only events (the end-user resubmitted within the 5 minutes during which Veriff holds
//	    resubmission_requested back [V], or a new attempt after one) cannot be placed before or after a
//	    non-final decision: both histories produce the same deliveries. We keep the decision: showing
//	    resubmission_requested while the end-user already resubmitted is stale, showing submitted while
//	    Veriff waits for a resubmission would stall the session. [I]
//	R3  Final beats non-final. approved, declined, expired and abandoned hold over review,
//	    resubmission_requested, unknown statuses and the anomalous started or submitted in a decision,
//	    whatever their times. [V] status table; review: "a final decision follows" [V-old];
//	    resubmission_requested: "not completed ... the same sessionURL" [V-old]
//	R4  Among decisions of one class, the later decisionTime holds ("Timestamp of the decision" [V-API]);
//	    for Full Auto, which has none, its "time" [C]. So a second final decision, which Veriff does not
//	    document (a person changing a decision in the portal), holds only when it was made later. [I]
//	R5  A decision with a null decisionTime (expired, abandoned [C]; review in our own fixture) is placed at
//	    its submissionTime [C] when it has one: the end-user submits an attempt before any decision on it
//	    and after every decision on an earlier attempt. With neither, it sorts before every time, so a
//	    timed decision of its class holds over it. [I]
//	R6  At equal times: declined, approved, abandoned, expired; then review, resubmission_requested,
//	    submitted, started (both anomalous in a decision), then the statuses this package does not know, by
//	    name; then the attempt id, the reason code, the code, the reason, the kind, the times themselves. [I]
//	R7  A decision without attemptId (payloads before 2021 [C]) competes by R3-R6 like any other; it is not
//	    taken to be about the latest attempt, and AttemptID is "". [I]
//	R8  ReasonCode is the holding decision's reason code when its status is declined or
//	    resubmission_requested (the statuses Veriff sends one for [V]) or one this package does not know;
//	    else 0. It is never carried over from another decision, so an approval on a new attempt has none.
//	    Full Auto has none ("do not return session reason or decision codes" [V]).
//	R9  With no decision, Status comes from events 7001 (started) and 7002 (submitted) [V]; 7002 holds over
//	    7001, the only order events of one attempt have (no timestamps [V]). Of two attempts, the further
//	    code holds, then the greater attempt id: which attempt came later is unknowable. [I]
//	R10 Other events (7003-7006, flow events 7007-7010, unknown codes) never set Status. [I]
//	R11 Flow: the furthest end-user flow event (7007-7010 [V]): flow_finished, then waiting_complete, then
//	    flow_cancelled, then other actions; then the later row of its state in Veriff's table; then state,
//	    reason, code, attempt by name. Over the whole session, not per attempt: events carry no time. [I]
//	R12 Watchlist: the latest screening by createdAt [V-old sample]; at equal times updated_result over initial_result
//	    ("a new webhook will be sent if ... the person's status ... has changed" [V]); then match status,
//	    hits, attempt. [I]
//	R13 Portal status: the latest by userDefinedData.createdAt ("Creation time of the user-defined status"
//	    [V-API]), then by "time" [V], then by its values. [I]
//	R14 INE, CURP and INE+CURP results only name the session: they change nothing else. [I]
//	R15 vendorData and endUserId: the greatest non-empty value seen (Veriff returns them unmodified [V-API]).
//	R16 acceptanceTime is "the session generation" [V-API], one time for every attempt, and orders nothing.
//
// What Veriff leaves unknowable is decided by a stated rule: the order of
// two events of one attempt (R9, R11), two decisions of which one has a
// null decisionTime (R5), a decision without attemptId (R7), an attempt
// that has no decision (R2, R9), a final decision after approved or
// declined (R4, R6). Every comparison ends on every remaining field, so two
// different facts never tie: that is what makes the join commutative,
// associative and idempotent, and the JSON byte-identical.
//
// The state keeps a few small fields of each fact, not the bodies (a
// realistic session is well under 1 KiB as JSON). Keep the verified bodies
// themselves, under Delivery.IdempotencyKey, for the rest.
type SessionState struct {
	id, vendorData, endUserID string

	decision   SessionDecision
	event      sessionEvent
	flow       SessionFlow
	watchlist  SessionScreening
	userStatus SessionUserStatus
}

// SessionDecision is the decision, of a decision or a Full Auto delivery,
// that holds in a SessionState.
type SessionDecision struct {
	// Kind is KindDecision or KindFullAuto.
	Kind Kind `json:"kind"`
	// AttemptID is "verification.attemptId", or Full Auto's "attemptId";
	// "" when absent.
	AttemptID string `json:"attemptId,omitempty"`
	// Status is "verification.status", or Full Auto's
	// "data.verification.decision".
	Status Status `json:"status"`
	// Code is "verification.code"; 0 for Full Auto.
	Code Code `json:"code,omitempty"`
	// ReasonCode is "verification.reasonCode" as sent; 0 when null and for
	// Full Auto. SessionState.ReasonCode applies rule R8 to it.
	ReasonCode ReasonCode `json:"reasonCode,omitempty"`
	// Reason is "verification.reason"; "" when null.
	Reason string `json:"reason,omitempty"`
	// Time is "verification.decisionTime", or Full Auto's "time", in UTC;
	// zero when null.
	Time time.Time `json:"time,omitzero"`
	// SubmissionTime is "verification.submissionTime", in UTC; zero when
	// absent or null, and for Full Auto.
	SubmissionTime time.Time `json:"submissionTime,omitzero"`
}

// SessionFlow is the furthest end-user flow event (codes 7007-7010) of a
// SessionState.
type SessionFlow struct {
	AttemptID string `json:"attemptId,omitempty"` // "attemptId"; "" when absent
	Code      Code   `json:"code"`                // "code", 7007 to 7010
	Action    Action `json:"action,omitempty"`    // "action"
	State     State  `json:"state,omitempty"`     // "context.state"; "" when absent
	Reason    Reason `json:"reason,omitempty"`    // "context.reason"; "" when absent
}

// SessionScreening is the latest watchlist screening of a SessionState.
// The hits are in the delivery's body.
type SessionScreening struct {
	AttemptID   string      `json:"attemptId,omitempty"`   // "attemptId"
	CheckType   CheckType   `json:"checkType"`             // "checkType"
	MatchStatus MatchStatus `json:"matchStatus,omitempty"` // "matchStatus"
	TotalHits   int         `json:"totalHits,omitempty"`   // "totalHits"
	CreatedAt   time.Time   `json:"createdAt,omitzero"`    // "createdAt", in UTC; zero when absent
}

// SessionUserStatus is the latest status set in Veriff's Customer Portal
// of a SessionState.
type SessionUserStatus struct {
	AttemptID  string    `json:"attemptId,omitempty"`  // "attemptId"
	EventType  string    `json:"eventType"`            // "eventType", "user-status.created"
	Status     string    `json:"status,omitempty"`     // UserDefinedStatus.Status
	StatusCode string    `json:"statusCode,omitempty"` // UserDefinedStatus.StatusCode
	Reason     string    `json:"reason,omitempty"`     // UserDefinedStatus.Reason
	ReasonCode string    `json:"reasonCode,omitempty"` // UserDefinedStatus.ReasonCode
	CreatedAt  time.Time `json:"createdAt,omitzero"`   // UserDefinedStatus.CreatedAt, in UTC
	Time       time.Time `json:"time,omitzero"`        // "time", when the webhook was made, in UTC
}

// sessionEvent is the furthest of the events 7001 and 7002 (rule R9).
type sessionEvent struct {
	Code      Code   `json:"code"`
	AttemptID string `json:"attemptId,omitempty"`
}

// Apply folds one delivery's payload into s. It returns an error wrapping
// ErrNoSession for a payload that names no session, and ErrOtherSession
// for one of another session than the payloads applied before; s is then
// unchanged.
func (s *SessionState) Apply(p Payload) error {
	f, err := factsOf(p)
	if err != nil {
		return err
	}
	return s.Merge(f)
}

// Merge joins o into s: the state of the deliveries of both. It returns an
// error wrapping ErrOtherSession, and leaves s unchanged, when s and o are
// of two sessions. Merge is commutative, associative and idempotent.
func (s *SessionState) Merge(o SessionState) error {
	if s.id != "" && o.id != "" && s.id != o.id {
		return fmt.Errorf("%w: %q, not %q", ErrOtherSession, o.id, s.id)
	}
	s.id = cmp.Or(s.id, o.id)
	s.vendorData = max(s.vendorData, o.vendorData)
	s.endUserID = max(s.endUserID, o.endUserID)
	s.decision = join(s.decision, o.decision, compareDecision)
	s.event = join(s.event, o.event, compareEvent)
	s.flow = join(s.flow, o.flow, compareFlow)
	s.watchlist = join(s.watchlist, o.watchlist, compareScreening)
	s.userStatus = join(s.userStatus, o.userStatus, compareUserStatus)
	return nil
}

// join returns the greater of a and b; the zero value, which no payload
// gives, is less than any other.
func join[T comparable](a, b T, compare func(a, b T) int) T {
	var zero T
	if a == zero || (b != zero && compare(b, a) > 0) {
		return b
	}
	return a
}

// SessionID returns the session's id, "" for the zero state.
func (s SessionState) SessionID() string { return s.id }

// VendorData returns the integrator's reference of the session (rule R15).
func (s SessionState) VendorData() string { return s.vendorData }

// EndUserID returns the integrator's id of the end-user (rule R15).
func (s SessionState) EndUserID() string { return s.endUserID }

// Status returns the session's status: the holding decision's (rules
// R2-R7), else started or submitted from events (R9), else "".
func (s SessionState) Status() Status {
	if s.decision.Status != "" {
		return s.decision.Status
	}
	return statusOfEvent(s.event.Code)
}

// AttemptID returns the attempt Status belongs to; "" when unknown.
func (s SessionState) AttemptID() string {
	if s.decision.Status != "" {
		return s.decision.AttemptID
	}
	return s.event.AttemptID
}

// ReasonCode returns the reason code of Status, 0 when it has none (rule
// R8): never one of an earlier decision.
func (s SessionState) ReasonCode() ReasonCode {
	switch st := s.decision.Status; {
	case st == StatusDeclined, st == StatusResubmissionRequested, st != "" && !st.IsKnown():
		return s.decision.ReasonCode
	}
	return 0
}

// Decision returns the holding decision, of a decision or Full Auto
// delivery, and whether there is one.
func (s SessionState) Decision() (SessionDecision, bool) {
	return s.decision, s.decision.Status != ""
}

// Flow returns the end-user's furthest flow event (rule R11), and whether
// there is one.
func (s SessionState) Flow() (SessionFlow, bool) { return s.flow, s.flow.Code != 0 }

// Watchlist returns the latest watchlist screening (rule R12), and whether
// there is one.
func (s SessionState) Watchlist() (SessionScreening, bool) {
	return s.watchlist, s.watchlist.CheckType != ""
}

// UserStatus returns the latest status set in Veriff's Customer Portal
// (rule R13), and whether there is one.
func (s SessionState) UserStatus() (SessionUserStatus, bool) {
	return s.userStatus, s.userStatus.EventType != ""
}

// factsOf returns the state of one payload alone.
func factsOf(p Payload) (SessionState, error) {
	p = payloadValue(p) // a pointer to a kind is folded as its value
	if p == nil {
		return SessionState{}, fmt.Errorf("%w: no payload", ErrNoSession)
	}
	ref := p.Session()
	if ref.ID == "" {
		return SessionState{}, fmt.Errorf("%w: %s without a session id", ErrNoSession, p.Kind())
	}
	s := SessionState{id: ref.ID, vendorData: ref.VendorData, endUserID: ref.EndUserID}
	switch v := p.(type) {
	case Event:
		switch {
		case v.Code == CodeStarted || v.Code == CodeSubmitted:
			s.event = sessionEvent{v.Code, v.AttemptID}
		case v.Code.IsFlowEvent():
			s.flow = SessionFlow{v.AttemptID, v.Code, v.Action, v.Context.State, v.Context.Reason}
		}
	case Decision:
		d := &v.Verification
		s.decision = SessionDecision{KindDecision, d.AttemptID, d.Status, d.Code, d.ReasonCode, d.Reason, utc(d.DecisionTime), utc(d.SubmissionTime)}
	case FullAuto:
		s.decision = SessionDecision{Kind: KindFullAuto, AttemptID: v.AttemptID, Status: v.Verification.Decision, Time: utc(v.Time)}
	case WatchlistScreening:
		s.watchlist = SessionScreening{v.AttemptID, v.CheckType, v.MatchStatus, v.TotalHits, utc(v.CreatedAt)}
	case UserStatus:
		u := &v.Status
		s.userStatus = SessionUserStatus{v.AttemptID, v.EventType, u.Status, u.StatusCode, u.Reason, u.ReasonCode, utc(u.CreatedAt), utc(v.Time)}
	}
	// A parsed payload always has these members (they are required); a
	// value built by hand without one gives no fact, so that a fact is
	// present exactly when it is not zero.
	if s.decision.Status == "" {
		s.decision = SessionDecision{}
	}
	if s.watchlist.CheckType == "" {
		s.watchlist = SessionScreening{}
	}
	if s.userStatus.EventType == "" {
		s.userStatus = SessionUserStatus{}
	}
	return s, nil
}

// decisionFact reports whether a payload can give d: a decision's, with a
// status, or Full Auto's, which carries no code, reason or submission time.
func decisionFact(d SessionDecision) bool {
	switch {
	case d.Status == "":
		return false
	case d.Kind == KindDecision:
		return true
	}
	return d.Kind == KindFullAuto && d.Code == 0 && d.ReasonCode == 0 && d.Reason == "" && d.SubmissionTime.IsZero()
}

// utc returns t in UTC without a monotonic reading, so that two equal
// instants are equal values and marshal alike.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

func statusOfEvent(c Code) Status {
	switch c {
	case CodeStarted:
		return StatusStarted
	case CodeSubmitted:
		return StatusSubmitted
	}
	return ""
}

// decisionRank orders statuses: finals above the rest (R3), and within
// each class the order of R6. Unknown statuses rank 0, below the known
// non-final ones; TestRuleR6 holds R6's text to this order.
func decisionRank(s Status) int {
	switch s {
	case StatusDeclined:
		return 14
	case StatusApproved:
		return 13
	case StatusAbandoned:
		return 12
	case StatusExpired:
		return 11
	case StatusReview:
		return 4
	case StatusResubmissionRequested:
		return 3
	case StatusSubmitted:
		return 2
	case StatusStarted:
		return 1
	}
	return 0
}

// placedAt is when d is placed among decisions (R4, R5): its decision
// time, else its submission time, else zero, before every time.
func (d SessionDecision) placedAt() time.Time {
	if d.Time.IsZero() {
		return d.SubmissionTime
	}
	return d.Time
}

// compareDecision orders decisions by rules R3-R6.
func compareDecision(a, b SessionDecision) int {
	if c := cmp.Compare(boolInt(a.Status.IsFinal()), boolInt(b.Status.IsFinal())); c != 0 {
		return c
	}
	if c := a.placedAt().Compare(b.placedAt()); c != 0 {
		return c
	}
	return cmp.Or(
		cmp.Compare(decisionRank(a.Status), decisionRank(b.Status)),
		strings.Compare(string(a.Status), string(b.Status)),
		strings.Compare(a.AttemptID, b.AttemptID),
		cmp.Compare(a.ReasonCode, b.ReasonCode),
		cmp.Compare(a.Code, b.Code),
		strings.Compare(a.Reason, b.Reason),
		strings.Compare(string(a.Kind), string(b.Kind)),
		a.Time.Compare(b.Time),
		a.SubmissionTime.Compare(b.SubmissionTime),
	)
}

func compareEvent(a, b sessionEvent) int {
	return cmp.Or(cmp.Compare(a.Code, b.Code), strings.Compare(a.AttemptID, b.AttemptID))
}

// flowActionRank orders flow actions by rule R11.
func flowActionRank(a Action) int {
	switch a {
	case ActionFlowFinished:
		return 3
	case ActionWaitingComplete:
		return 2
	case ActionFlowCancelled:
		return 1
	}
	return 0
}

// stateRow is the row of s in Veriff's table, from 1; 0 when unknown.
func stateRow(s State) int {
	if i, ok := stateIndex[s]; ok {
		return i + 1
	}
	return 0
}

func compareFlow(a, b SessionFlow) int {
	return cmp.Or(
		cmp.Compare(flowActionRank(a.Action), flowActionRank(b.Action)),
		cmp.Compare(stateRow(a.State), stateRow(b.State)),
		strings.Compare(string(a.Action), string(b.Action)),
		strings.Compare(string(a.State), string(b.State)),
		strings.Compare(string(a.Reason), string(b.Reason)),
		cmp.Compare(a.Code, b.Code),
		strings.Compare(a.AttemptID, b.AttemptID),
	)
}

// checkTypeRank orders check types by rule R12.
func checkTypeRank(t CheckType) int {
	switch t {
	case CheckTypeUpdatedResult:
		return 2
	case CheckTypeInitialResult:
		return 1
	}
	return 0
}

func compareScreening(a, b SessionScreening) int {
	return cmp.Or(
		a.CreatedAt.Compare(b.CreatedAt),
		cmp.Compare(checkTypeRank(a.CheckType), checkTypeRank(b.CheckType)),
		strings.Compare(string(a.CheckType), string(b.CheckType)),
		strings.Compare(string(a.MatchStatus), string(b.MatchStatus)),
		cmp.Compare(a.TotalHits, b.TotalHits),
		strings.Compare(a.AttemptID, b.AttemptID),
	)
}

func compareUserStatus(a, b SessionUserStatus) int {
	return cmp.Or(
		a.CreatedAt.Compare(b.CreatedAt),
		a.Time.Compare(b.Time),
		strings.Compare(a.EventType, b.EventType),
		strings.Compare(a.StatusCode, b.StatusCode),
		strings.Compare(a.Status, b.Status),
		strings.Compare(a.ReasonCode, b.ReasonCode),
		strings.Compare(a.Reason, b.Reason),
		strings.Compare(a.AttemptID, b.AttemptID),
	)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sessionJSON is the JSON shape of a SessionState.
type sessionJSON struct {
	SessionID  string            `json:"sessionId,omitempty"`
	VendorData string            `json:"vendorData,omitempty"`
	EndUserID  string            `json:"endUserId,omitempty"`
	Decision   SessionDecision   `json:"decision,omitzero"`
	Event      sessionEvent      `json:"event,omitzero"`
	Flow       SessionFlow       `json:"flow,omitzero"`
	Watchlist  SessionScreening  `json:"watchlist,omitzero"`
	UserStatus SessionUserStatus `json:"userStatus,omitzero"`
}

// MarshalJSON encodes s for storage. Two states folded from the same
// deliveries give the same bytes; the zero state is {}.
func (s SessionState) MarshalJSON() ([]byte, error) {
	return json.Marshal(sessionJSON{s.id, s.vendorData, s.endUserID, s.decision, s.event, s.flow, s.watchlist, s.userStatus})
}

// UnmarshalJSON decodes what MarshalJSON encoded. It refuses a state
// without a session id, and a fact that no payload gives (which no Apply
// makes): a decision without a status, of a kind other than a decision or
// Full Auto, or of Full Auto with a code, reason code, reason or
// submission time; an event other than 7001 or 7002; a flow event outside
// 7007-7010; a screening without a check type; a portal status without an
// event type.
func (s *SessionState) UnmarshalJSON(data []byte) error {
	var j sessionJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	n := SessionState{j.SessionID, j.VendorData, j.EndUserID, j.Decision, j.Event, j.Flow, j.Watchlist, j.UserStatus}
	if n.id == "" && n != (SessionState{}) {
		return fmt.Errorf("%w: a session state without a session id", ErrNoSession)
	}
	if n.decision != (SessionDecision{}) && !decisionFact(n.decision) ||
		n.event != (sessionEvent{}) && statusOfEvent(n.event.Code) == "" ||
		n.flow != (SessionFlow{}) && !n.flow.Code.IsFlowEvent() ||
		n.watchlist != (SessionScreening{}) && n.watchlist.CheckType == "" ||
		n.userStatus != (SessionUserStatus{}) && n.userStatus.EventType == "" {
		return errors.New("webhook: a session state with a fact that no payload gives")
	}
	n.decision.Time = utc(n.decision.Time)
	n.decision.SubmissionTime = utc(n.decision.SubmissionTime)
	n.watchlist.CreatedAt = utc(n.watchlist.CreatedAt)
	n.userStatus.CreatedAt = utc(n.userStatus.CreatedAt)
	n.userStatus.Time = utc(n.userStatus.Time)
	*s = n
	return nil
}
