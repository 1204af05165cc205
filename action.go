package webhook

import "strconv"

// Feature is the Veriff product an event belongs to ("feature" on the wire).
type Feature string

// FeatureSelfID is the end-user verification flow, the only feature the
// event webhook is documented to carry. Confirmed wire value.
const FeatureSelfID Feature = "selfid"

// IsKnown reports whether f is a feature this package defines. It is false
// for the empty Feature.
func (f Feature) IsKnown() bool { return f == FeatureSelfID }

// String returns the wire value.
func (f Feature) String() string { return string(f) }

// Code is the numeric status code of an event ("code") or of a decision
// ("verification.code"). Veriff keeps one table of these codes for both
// webhooks. Veriff may add codes; an unknown code is kept as is.
type Code int

// Codes. Each is documented by Veriff. For a decision, dispatch on the
// Status string rather than on the code: Veriff's own pages disagree on
// what 9121 means.
const (
	// CodeStarted (7001), an event: the end-user started the session.
	// Confirmed.
	CodeStarted Code = 7001
	// CodeSubmitted (7002), an event: the end-user's data was submitted.
	// Confirmed.
	CodeSubmitted Code = 7002
	// CodeWaitingComplete (7007), an end-user flow event: the wait for a
	// decision ended. Confirmed.
	CodeWaitingComplete Code = 7007
	// CodeFlowEvent7008 (7008) is an end-user flow event. Veriff documents
	// the code, not the action it carries (flow_finished and
	// flow_cancelled are the documented candidates). Confirmed code,
	// undocumented action.
	CodeFlowEvent7008 Code = 7008
	// CodeFlowEvent7009 (7009) is an end-user flow event, like
	// CodeFlowEvent7008. Confirmed code, undocumented action.
	CodeFlowEvent7009 Code = 7009
	// CodeFlowEvent7010 (7010) is an end-user flow event, like
	// CodeFlowEvent7008. Confirmed code, undocumented action.
	CodeFlowEvent7010 Code = 7010
	// CodeApproved (9001), a decision: the end-user was verified.
	// Confirmed.
	CodeApproved Code = 9001
	// CodeDeclined (9102), a decision: the end-user was not verified.
	// Confirmed.
	CodeDeclined Code = 9102
	// CodeResubmissionRequested (9103), a decision: the end-user is asked
	// to try again in the same session. Confirmed.
	CodeResubmissionRequested Code = 9103
	// CodeExpiredOrAbandoned (9104), a decision: the session ended without
	// a verification, with status expired (the end-user never came) or
	// abandoned (the end-user started and left). Confirmed.
	CodeExpiredOrAbandoned Code = 9104
	// CodeReview (9121), a decision: Veriff's status-code table gives it
	// to the review status (a human must look at the session), while its
	// API reference calls 9121 abandoned. Confirmed code, contradictory
	// meaning: switch on Verification.Status instead.
	CodeReview Code = 9121
)

// IsKnown reports whether c is a code this package defines. It is false
// for 0.
func (c Code) IsKnown() bool {
	switch c {
	case CodeStarted, CodeSubmitted, CodeWaitingComplete, CodeFlowEvent7008, CodeFlowEvent7009, CodeFlowEvent7010,
		CodeApproved, CodeDeclined, CodeResubmissionRequested, CodeExpiredOrAbandoned, CodeReview:
		return true
	}
	return false
}

// IsFlowEvent reports whether c is in 7007-7010, the range Veriff uses for
// end-user flow events, which may carry a Context.
func (c Code) IsFlowEvent() bool { return c >= 7007 && c <= 7010 }

// IsDecision reports whether c is one of the decision codes (9001, 9102,
// 9103, 9104, 9121).
func (c Code) IsDecision() bool {
	switch c {
	case CodeApproved, CodeDeclined, CodeResubmissionRequested, CodeExpiredOrAbandoned, CodeReview:
		return true
	}
	return false
}

// Action returns the action documented for an event code c, or "" when c
// is not an event code whose action Veriff documents (7008-7010, decision
// codes, unknown codes).
func (c Code) Action() Action {
	switch c {
	case CodeStarted:
		return ActionStarted
	case CodeSubmitted:
		return ActionSubmitted
	case CodeWaitingComplete:
		return ActionWaitingComplete
	}
	return ""
}

// String returns the code in decimal.
func (c Code) String() string { return strconv.Itoa(int(c)) }

// Action names what happened ("action" on the wire). Veriff may add actions;
// an unknown action is kept as is and reports IsKnown false.
type Action string

// Actions. All five wire values are confirmed by Veriff's documentation.
const (
	// ActionStarted goes with code 7001: the end-user started the session.
	ActionStarted Action = "started"
	// ActionSubmitted goes with code 7002: the end-user's data was
	// submitted.
	ActionSubmitted Action = "submitted"
	// ActionWaitingComplete goes with code 7007: the wait for the decision
	// ended.
	ActionWaitingComplete Action = "waiting_complete"
	// ActionFlowFinished is a flow event: the end-user finished the flow.
	ActionFlowFinished Action = "flow_finished"
	// ActionFlowCancelled is a flow event: the end-user left the flow early.
	ActionFlowCancelled Action = "flow_cancelled"
)

// IsKnown reports whether a is an action this package defines. It is false
// for the empty Action.
func (a Action) IsKnown() bool { _, ok := knownAction([]byte(a)); return ok }

// String returns the wire value.
func (a Action) String() string { return string(a) }

// Reason explains a flow event ("context.reason" on the wire). Veriff may add
// reasons; an unknown reason is kept as is and reports IsKnown false.
type Reason string

// Reasons. All eight wire values are confirmed by (older) Veriff
// documentation. Each goes with one action; see Reason.Action.
const (
	// ReasonFinalDecisionReceived goes with ActionWaitingComplete: the
	// session received its final decision.
	ReasonFinalDecisionReceived Reason = "final_decision_received"
	// ReasonFinalDecisionReceivedFromSocket goes with
	// ActionWaitingComplete: the final decision arrived over the websocket.
	ReasonFinalDecisionReceivedFromSocket Reason = "final_decision_received_from_socket"
	// ReasonWaitingDecisionContinueClicked goes with ActionWaitingComplete:
	// the end-user pressed Continue once the decision was shown.
	ReasonWaitingDecisionContinueClicked Reason = "waiting_decision_continue_clicked"
	// ReasonFinishedScreenConfirmedClicked goes with ActionFlowFinished:
	// the end-user confirmed leaving in the leave-session dialog.
	ReasonFinishedScreenConfirmedClicked Reason = "finished_screen_confirmed_clicked"
	// ReasonQuitSessionConfirmed goes with ActionFlowCancelled: the
	// end-user chose Exit in the leave-session dialog.
	ReasonQuitSessionConfirmed Reason = "quit_session_confirmed"
	// ReasonErrorScreenExitClicked goes with ActionFlowCancelled: the
	// end-user chose Exit on the error screen.
	ReasonErrorScreenExitClicked Reason = "error_screen_exit_clicked"
	// ReasonConsentScreenCancelPressed goes with ActionFlowCancelled: the
	// end-user chose Cancel on the consent screen.
	ReasonConsentScreenCancelPressed Reason = "consent_screen_cancel_pressed"
	// ReasonMobileHandoverScreenShown goes with ActionFlowCancelled: a
	// desktop end-user was handed over to a mobile device (no state is sent
	// then), or the camera or WebRTC failed.
	ReasonMobileHandoverScreenShown Reason = "mobile_handover_screen_shown"
)

// reasonInfo is one row of the reason table.
type reasonInfo struct {
	action      Action
	description string
}

// reasons is the single source of truth for what each Reason means.
var reasons = map[Reason]reasonInfo{
	ReasonFinalDecisionReceived:           {ActionWaitingComplete, "The session received its final decision"},
	ReasonFinalDecisionReceivedFromSocket: {ActionWaitingComplete, "The final decision arrived over the websocket"},
	ReasonWaitingDecisionContinueClicked:  {ActionWaitingComplete, "The end-user pressed Continue once the decision was shown"},
	ReasonFinishedScreenConfirmedClicked:  {ActionFlowFinished, "The end-user confirmed leaving in the leave-session dialog"},
	ReasonQuitSessionConfirmed:            {ActionFlowCancelled, "The end-user chose Exit in the leave-session dialog"},
	ReasonErrorScreenExitClicked:          {ActionFlowCancelled, "The end-user chose Exit on the error screen"},
	ReasonConsentScreenCancelPressed:      {ActionFlowCancelled, "The end-user chose Cancel on the consent screen"},
	ReasonMobileHandoverScreenShown:       {ActionFlowCancelled, "A desktop end-user was handed over to a mobile device (no state is sent then), or the camera or WebRTC failed"},
}

// IsKnown reports whether r is a reason this package defines. It is false
// for the empty Reason, which an event without a reason has (an absent
// reason is not reported by UnknownValues).
func (r Reason) IsKnown() bool { _, ok := reasons[r]; return ok }

// Action returns the action r is documented to go with, or "" when r is not
// known.
func (r Reason) Action() Action { return reasons[r].action }

// Description returns a short English description of r, or "" when r is not
// known.
func (r Reason) Description() string { return reasons[r].description }

// String returns the wire value.
func (r Reason) String() string { return string(r) }

// knownAction returns the constant spelled b, without allocating.
func knownAction(b []byte) (Action, bool) {
	switch string(b) {
	case "started":
		return ActionStarted, true
	case "submitted":
		return ActionSubmitted, true
	case "waiting_complete":
		return ActionWaitingComplete, true
	case "flow_finished":
		return ActionFlowFinished, true
	case "flow_cancelled":
		return ActionFlowCancelled, true
	}
	return "", false
}

// knownReason returns the constant spelled b, without allocating.
func knownReason(b []byte) (Reason, bool) {
	switch string(b) {
	case "final_decision_received":
		return ReasonFinalDecisionReceived, true
	case "final_decision_received_from_socket":
		return ReasonFinalDecisionReceivedFromSocket, true
	case "waiting_decision_continue_clicked":
		return ReasonWaitingDecisionContinueClicked, true
	case "finished_screen_confirmed_clicked":
		return ReasonFinishedScreenConfirmedClicked, true
	case "quit_session_confirmed":
		return ReasonQuitSessionConfirmed, true
	case "error_screen_exit_clicked":
		return ReasonErrorScreenExitClicked, true
	case "consent_screen_cancel_pressed":
		return ReasonConsentScreenCancelPressed, true
	case "mobile_handover_screen_shown":
		return ReasonMobileHandoverScreenShown, true
	}
	return "", false
}
