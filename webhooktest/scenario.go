package webhooktest

import (
	"fmt"
	"strings"
	"time"

	"github.com/veriffkit/webhook"
)

// Scenario is one verification session as Veriff reports it: every
// delivery it sends, in the order it sends them, and the state the session
// is in once all of them are in.
type Scenario struct {
	// Name is short, kebab-case and stable: "resubmission-then-approved".
	Name string
	// Description says in one line what happens.
	Description string
	// Session is the session, with its ids and its attempts in order.
	Session *Session
	// Deliveries are what Veriff sends, in the order it sends them.
	Deliveries []Delivery
	// Want is the session's state once every delivery is in, whatever
	// their order of arrival.
	Want Want
	// Facts are what the scenario takes for true about Veriff, each
	// starting with its grade: [V] Veriff documents it, [V-old] an older
	// Veriff text does, [C] public integrations show it, [I] our inference.
	Facts []string
}

// Want is the state of a session once every delivery is in, whatever their
// order, by the rules of webhook.SessionState, which are stated once, in
// its documentation (rules R1-R16); the root package's tests fold every
// scenario to its Want.
type Want struct {
	// Status is the session's status.
	Status webhook.Status
	// Attempt is the number of the attempt Status belongs to, 1 for the
	// first.
	Attempt int
	// AttemptID is the id of that attempt.
	AttemptID string
	// ReasonCode is that status's reason code, 0 when it has none: an
	// approval on a new attempt has none, whatever came before.
	ReasonCode webhook.ReasonCode
}

// scenarioSpec builds one scenario on a new session.
type scenarioSpec struct {
	name, description string
	facts             []string
	build             func(b *builder) (webhook.Status, webhook.ReasonCode)
}

// builder collects a scenario's deliveries.
type builder struct {
	s  *Session
	ds []Delivery
}

// at moves the session's clock to d after its creation and returns it, so
// that b.add(b.add(b.at(d).Started()) makes the value at d.
func (b *builder) at(d time.Duration) *Session {
	b.s.clock = d
	return b.s
}

// add delivers p at the session's current attempt and time.
func (b *builder) add(p webhook.Payload) { b.ds = append(b.ds, b.s.Deliver(p)) }

const (
	day  = 24 * time.Hour
	week = 7 * day
)

// Facts shared by several scenarios.
const (
	factEvents        = "[V] events 7001 started and 7002 submitted carry the attempt's attemptId and no timestamp; [I] each attempt sends started, then submitted, before its decision"
	factDecision      = "[V] a decision webhook is sent at once when Veriff decides; approved is 9001, declined 9102; [V-old] reason and reasonCode are null when approved (Veriff's older sample)"
	factReasonCode    = "[V] declined and resubmission_requested carry reasonCode and reason (Veriff's decision-codes table)"
	factResubDelay    = "[V] for SDK sessions resubmission_requested is held 5 minutes, in which the end-user can resubmit, and sent if they did not; [I] so when they resubmit in that window it is never sent"
	factNewAttempt    = "[V-old] after resubmission_requested the same session continues; [V] each attempt has its own attemptId (UUID v4)"
	factAttemptOrder  = "[I] the attempt that follows a resubmission is the latest; its decision outranks the earlier attempt's"
	factReview        = "[V-old] review is sent when the automation engine cannot decide and a person must review the session"
	factReviewFollows = "[I] a final decision follows review as a second decision webhook"
	factShape         = "[V] the event body follows Veriff's sample; [V-old] the decision's members follow Veriff's older, complete sample; [C] person, document and times are shaped like a test integration's real decisions"
)

var specs = []scenarioSpec{
	{
		name:        "approved",
		description: "started, submitted, approved",
		facts:       []string{factEvents, factDecision, factShape},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(2 * time.Minute).Started())
			b.add(b.at(6 * time.Minute).Submitted())
			b.add(b.at(7*time.Minute).Decision(webhook.StatusApproved, 0))
			return webhook.StatusApproved, 0
		},
	},
	{
		name:        "declined",
		description: "started, submitted, declined with reason code 105 (suspicious behaviour)",
		facts:       []string{factEvents, factDecision, factReasonCode},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(1 * time.Minute).Started())
			b.add(b.at(5 * time.Minute).Submitted())
			b.add(b.at(6*time.Minute).Decision(webhook.StatusDeclined, webhook.ReasonCodeSuspiciousBehaviour))
			return webhook.StatusDeclined, webhook.ReasonCodeSuspiciousBehaviour
		},
	},
	{
		name:        "resubmission-then-approved",
		description: "attempt 1 resubmission_requested (204 poor image quality), attempt 2 approved",
		facts:       []string{factEvents, factReasonCode, factResubDelay, factNewAttempt, factAttemptOrder, "[I] the approval of attempt 2 carries no reason code: the first attempt's reason does not carry over"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(1 * time.Minute).Started())
			b.add(b.at(4 * time.Minute).Submitted())
			// Decided at 5 minutes, sent 5 minutes later.
			d := b.at(5*time.Minute).Decision(webhook.StatusResubmissionRequested, webhook.ReasonCodePoorImageQuality)
			b.at(10 * time.Minute)
			b.add(d)
			b.s.NewAttempt()
			b.add(b.at(40 * time.Minute).Started())
			b.add(b.at(43 * time.Minute).Submitted())
			b.add(b.at(44*time.Minute).Decision(webhook.StatusApproved, 0))
			return webhook.StatusApproved, 0
		},
	},
	{
		name:        "approved-on-second-attempt-no-resubmission",
		description: "attempt 1 submitted, resubmitted within 5 minutes (no resubmission webhook), attempt 2 approved",
		facts:       []string{factEvents, factResubDelay, factNewAttempt, factAttemptOrder, "[I] so an approval can arrive for an attempt other than the one the events reported, with no resubmission_requested in between"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(1 * time.Minute).Started())
			b.add(b.at(3 * time.Minute).Submitted())
			b.s.NewAttempt()
			b.add(b.at(5 * time.Minute).Started())
			b.add(b.at(7 * time.Minute).Submitted())
			b.add(b.at(8*time.Minute).Decision(webhook.StatusApproved, 0))
			return webhook.StatusApproved, 0
		},
	},
	{
		name:        "review-then-approved",
		description: "started, submitted, review, then approved by a person hours later",
		facts:       []string{factEvents, "[V] review is 9121 in the status-code table (the API reference page calls 9121 abandoned: status is the key)", factReview, factReviewFollows, "[I] the final decision is for the same attempt and arrives hours later"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(1 * time.Minute).Started())
			b.add(b.at(4 * time.Minute).Submitted())
			b.add(b.at(5*time.Minute).Decision(webhook.StatusReview, 0))
			b.add(b.at(3*time.Hour).Decision(webhook.StatusApproved, 0))
			return webhook.StatusApproved, 0
		},
	},
	{
		name:        "review-then-declined",
		description: "started, submitted, review, then declined (103) by a person",
		facts:       []string{factEvents, factReasonCode, factReview, factReviewFollows, "[I] the final decision is for the same attempt"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			rc := webhook.ReasonCodePersonDoesNotAppearToMatchDocumentPhoto
			b.add(b.at(1 * time.Minute).Started())
			b.add(b.at(4 * time.Minute).Submitted())
			b.add(b.at(5*time.Minute).Decision(webhook.StatusReview, 0))
			b.add(b.at(2*time.Hour).Decision(webhook.StatusDeclined, rc))
			return webhook.StatusDeclined, rc
		},
	},
	{
		name:        "expired",
		description: "the end-user never started; expired after 7 days",
		facts:       []string{"[V-old] expired after 7 days when the end-user never arrived in the flow", "[V] expired is 9104 (shared with abandoned)", "[C] decisionTime, person, document and technicalData.ip are null for expired", "[I] no event at all before it"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(week).Decision(webhook.StatusExpired, 0))
			return webhook.StatusExpired, 0
		},
	},
	{
		name:        "abandoned",
		description: "the end-user started, left the flow (7009), abandoned after 7 days",
		facts:       []string{"[V-old] abandoned after 7 days when the end-user started but did not finish", "[V] abandoned is 9104", "[C] decisionTime and the person's data are null", "[V] the action flow_cancelled; [V-old] its reason quit_session_confirmed; [I] carried by code 7009, with an inferred state"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(1 * time.Minute).Started())
			b.add(b.at(2*time.Minute).Event(webhook.CodeFlowEvent7009, webhook.ActionFlowCancelled,
				webhook.Context{Reason: webhook.ReasonQuitSessionConfirmed, State: webhook.StateDocumentSelectScreenShown}))
			b.add(b.at(week).Decision(webhook.StatusAbandoned, 0))
			return webhook.StatusAbandoned, 0
		},
	},
	{
		name:        "flow-events",
		description: "end-user flow events 7007-7010 with reasons and states around an approval",
		facts:       []string{"[V] 7007 waiting_complete with context.reason (Veriff's sample); 7007-7010 may carry context {reason, state}, only with flow tracking enabled", "[V] the actions flow_finished and flow_cancelled; [V-old] the reasons used", "[I] which of 7008-7010 carries which action (Veriff documents the codes, not their actions)", "[I] state identifiers other than client_started (see State.Evidence)", "[I] flow events do not change the session's status (our rule)"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(30*time.Second).Event(webhook.CodeFlowEvent7010, webhook.ActionFlowCancelled,
				webhook.Context{Reason: webhook.ReasonMobileHandoverScreenShown}))
			b.add(b.at(2 * time.Minute).Started())
			b.add(b.at(6 * time.Minute).Submitted())
			b.add(b.at(7*time.Minute).Event(webhook.CodeWaitingComplete, webhook.ActionWaitingComplete,
				webhook.Context{Reason: webhook.ReasonFinalDecisionReceivedFromSocket, State: webhook.StateWaitingDecisionScreenShown}))
			b.add(b.at(7*time.Minute).Decision(webhook.StatusApproved, 0))
			b.add(b.at(8*time.Minute).Event(webhook.CodeFlowEvent7008, webhook.ActionFlowFinished,
				webhook.Context{Reason: webhook.ReasonFinishedScreenConfirmedClicked, State: webhook.StateFinishedScreenShown}))
			b.add(b.at(9*time.Minute).Event(webhook.CodeFlowEvent7009, webhook.ActionFlowCancelled,
				webhook.Context{Reason: webhook.ReasonErrorScreenExitClicked, State: webhook.StateErrorScreenShown}))
			return webhook.StatusApproved, 0
		},
	},
	{
		name:        "watchlist-monitoring",
		description: "approved, watchlist screening with no match, a possible match from ongoing monitoring a month later",
		facts:       []string{factEvents, factDecision, "[V] a screening webhook once the checks ran, and a new one whenever the person's status in the lists changes; no_match has an empty hits array; the first carries checkType initial_result (Veriff's sample)", "[C] a monitoring re-notification carries checkType updated_result", "[I] the first screening arrives a minute after the decision; monitoring updates can come at any time later", "[I] a screening does not change the session's status"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(1 * time.Minute).Started())
			b.add(b.at(5 * time.Minute).Submitted())
			b.add(b.at(6*time.Minute).Decision(webhook.StatusApproved, 0))
			b.add(b.at(7*time.Minute).WatchlistScreening(webhook.CheckTypeInitialResult, webhook.MatchStatusNoMatch))
			b.add(b.at(30*day).WatchlistScreening(webhook.CheckTypeUpdatedResult, webhook.MatchStatusPossibleMatch))
			return webhook.StatusApproved, 0
		},
	},
	{
		name:        "portal-status",
		description: "approved, then a user of the Customer Portal sets a status of the integrator's own",
		facts:       []string{factEvents, factDecision, "[V] user-status.created is sent as soon as a portal user sets a status on an attempt; reasonCode null for a custom reason", "[C] data.verification.id is the attempt id", "[I] a user-defined status does not change the session's status"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(1 * time.Minute).Started())
			b.add(b.at(5 * time.Minute).Submitted())
			b.add(b.at(6*time.Minute).Decision(webhook.StatusApproved, 0))
			b.add(b.at(2*day).UserStatus("Custom status for suspicious attempt", "custom_status_for_suspicious_attempt", "Looks like velocity abuse", ""))
			return webhook.StatusApproved, 0
		},
	},
	{
		name:        "fullauto",
		description: "Essential plan: started, submitted, the Full Auto webhook instead of a decision",
		facts:       []string{"[V] Full Auto replaces the decision webhook (Essential plan) and has no reason or decision codes", "[C] its shape (Veriff's sample was not reachable)", "[I] events are sent as usual before it", "[I] its decision counts as the session's decision"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(1 * time.Minute).Started())
			b.add(b.at(4 * time.Minute).Submitted())
			b.add(b.at(5 * time.Minute).FullAuto(webhook.StatusApproved))
			return webhook.StatusApproved, 0
		},
	},
	{
		name:        "registry",
		description: "a Mexican session: INE, CURP and INE+CURP registry results, then approved",
		facts:       []string{"[V] INE and CURP bodies (Veriff's samples); [V] head of INE+CURP only, its data is ours", "[I] registry results arrive between the submission and the decision", "[I] registry results do not change the session's status"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			b.add(b.at(1 * time.Minute).Started())
			b.add(b.at(4 * time.Minute).Submitted())
			b.add(b.at(5 * time.Minute).INE(true))
			b.add(b.at(5 * time.Minute).CURP(webhook.CURPStatusAN))
			b.add(b.at(5*time.Minute).INECURP(true, webhook.CURPStatusAN))
			b.add(b.at(6*time.Minute).Decision(webhook.StatusApproved, 0))
			return webhook.StatusApproved, 0
		},
	},
	{
		name:        "resubmission-limit-539",
		description: "nine resubmission requests, the 10th attempt auto-declined with 539",
		facts:       []string{"[V] up to 9 resubmissions; the 10th attempt is declined automatically with 539 (resubmission limit exceeded)", factReasonCode, factResubDelay, factNewAttempt, "[I] each attempt sends started and submitted; the 10th is declined once submitted"},
		build: func(b *builder) (webhook.Status, webhook.ReasonCode) {
			reasons := []webhook.ReasonCode{
				webhook.ReasonCodePoorImageQuality, webhook.ReasonCodeFaceNotClearlyVisible,
				webhook.ReasonCodeFullDocumentNotVisible, webhook.ReasonCodeDocumentDamaged,
				webhook.ReasonCodeVideoOrPhotosMissing, webhook.ReasonCodeSelfieMissing,
				webhook.ReasonCodeDocumentPhotoMissing, webhook.ReasonCodeDocumentFrontPhoto,
				webhook.ReasonCodePoorImageQuality,
			}
			t := time.Duration(0)
			for i := 0; i < 10; i++ {
				if i > 0 {
					b.s.NewAttempt()
				}
				b.add(b.at(t + 1*time.Minute).Started())
				b.add(b.at(t + 3*time.Minute).Submitted())
				if i == 9 {
					b.add(b.at(t+4*time.Minute).Decision(webhook.StatusDeclined, webhook.ReasonCodeResubmissionLimitExceeded))
					break
				}
				d := b.at(t+4*time.Minute).Decision(webhook.StatusResubmissionRequested, reasons[i])
				b.at(t + 9*time.Minute)
				b.add(d)
				t += 20 * time.Minute
			}
			return webhook.StatusDeclined, webhook.ReasonCodeResubmissionLimitExceeded
		},
	},
}

// Created is when the sessions of seeded scenarios were created: a fixed
// time, so that their bodies are the same on every run.
var Created = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// Scenarios returns every scenario, each a session of its own with random
// ids, created so that its last delivery is sent now: every time in its
// bodies is in the past.
func Scenarios() []Scenario {
	return build(RandomIDs(), time.Time{})
}

// SeededScenarios returns every scenario with ids that follow from seed,
// created at Created: the same seed gives the same bodies, byte for byte.
func SeededScenarios(seed uint64) []Scenario {
	return build(SeededIDs(seed), Created)
}

func build(ids *IDs, created time.Time) []Scenario {
	out := make([]Scenario, 0, len(specs))
	for _, sp := range specs {
		out = append(out, sp.scenario(ids, created))
	}
	return out
}

// scenario builds sp on a new session created at created or, when created
// is zero, so long ago that the last delivery is sent now.
func (sp scenarioSpec) scenario(ids *IDs, created time.Time) Scenario {
	if created.IsZero() {
		probe := &builder{s: NewSession(SeededIDs(0), Created)}
		sp.build(probe)
		created = time.Now().UTC().Truncate(time.Millisecond).Add(-probe.ds[len(probe.ds)-1].At)
	}
	return sp.on(NewSession(ids, created))
}

// on builds sp on s, a session at its first attempt with its clock at 0.
func (sp scenarioSpec) on(s *Session) Scenario {
	b := &builder{s: s}
	status, rc := sp.build(b)
	// The wanted status belongs to the latest attempt in every scenario.
	n := b.s.Attempt()
	return Scenario{
		Name:        sp.name,
		Description: sp.description,
		Session:     b.s,
		Deliveries:  b.ds,
		Want:        Want{Status: status, Attempt: n, AttemptID: b.s.Attempts[n-1], ReasonCode: rc},
		Facts:       sp.facts,
	}
}

// Scenario builds the scenario named name on s, a session made by
// NewSession whose fields the caller may have set to those of a session
// created elsewhere (through Veriff's API, or a fake of it: the ids,
// VendorData, EndUserID, Created). The scenario's deliveries then carry
// them. s must be fresh: at its first attempt, its clock not moved; a
// scenario moves the clock and adds attempts. It returns an error for an
// unknown name or a session that is not fresh.
func (s *Session) Scenario(name string) (Scenario, error) {
	for _, sp := range specs {
		if sp.name != name {
			continue
		}
		if s.ids == nil || len(s.Attempts) != 1 || s.clock != 0 {
			return Scenario{}, fmt.Errorf("webhooktest: scenario %q needs a fresh session from NewSession", name)
		}
		return sp.on(s), nil
	}
	return Scenario{}, unknownScenario(name)
}

func unknownScenario(name string) error {
	return fmt.Errorf("webhooktest: unknown scenario %q; valid: %s", name, strings.Join(ScenarioNames(), ", "))
}

// ScenarioNames returns the names of every scenario, in the order
// Scenarios returns them.
func ScenarioNames() []string {
	names := make([]string, len(specs))
	for i, sp := range specs {
		names[i] = sp.name
	}
	return names
}

// Lookup returns the scenario named name, with ids from ids (RandomIDs when
// nil) and created at created (when zero, so that its last delivery is sent
// now), or an error listing the valid names.
func Lookup(name string, ids *IDs, created time.Time) (Scenario, error) {
	if ids == nil {
		ids = RandomIDs()
	}
	for _, sp := range specs {
		if sp.name == name {
			return sp.scenario(ids, created), nil
		}
	}
	return Scenario{}, unknownScenario(name)
}
