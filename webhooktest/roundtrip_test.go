package webhooktest

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
)

// The values of every enum, from the root package's constants: codes and
// reason codes by their IsKnown over the whole range, the rest listed, each
// list checked to hold known values only, and one unknown value each.
func knownCodes(t *testing.T) []webhook.Code {
	var out []webhook.Code
	for c := webhook.Code(0); c < 10000; c++ {
		if c.IsKnown() {
			out = append(out, c)
		}
	}
	require.Len(t, out, 11, "the codes of Veriff's table")
	return append(out, 7099) // unknown
}

func knownReasonCodes(t *testing.T) []webhook.ReasonCode {
	var out []webhook.ReasonCode
	for c := webhook.ReasonCode(0); c < 10000; c++ {
		if c.IsKnown() {
			out = append(out, c)
		}
	}
	require.NotEmpty(t, out)
	t.Logf("%d known reason codes", len(out))
	return out
}

func allKnown[T interface{ IsKnown() bool }](t *testing.T, vs ...T) []T {
	for _, v := range vs {
		require.True(t, v.IsKnown(), "%v", v)
	}
	return vs
}

var (
	unknownStatus = webhook.Status("future_status")
	unknownAction = webhook.Action("future_action")
)

func statuses(t *testing.T) []webhook.Status {
	return append(allKnown(t, webhook.StatusStarted, webhook.StatusSubmitted, webhook.StatusApproved, webhook.StatusDeclined,
		webhook.StatusResubmissionRequested, webhook.StatusExpired, webhook.StatusAbandoned, webhook.StatusReview), unknownStatus)
}

func actions(t *testing.T) []webhook.Action {
	return append(allKnown(t, webhook.ActionStarted, webhook.ActionSubmitted, webhook.ActionWaitingComplete,
		webhook.ActionFlowFinished, webhook.ActionFlowCancelled), unknownAction)
}

func reasons(t *testing.T) []webhook.Reason {
	return append(allKnown(t, webhook.ReasonFinalDecisionReceived, webhook.ReasonFinalDecisionReceivedFromSocket,
		webhook.ReasonWaitingDecisionContinueClicked, webhook.ReasonFinishedScreenConfirmedClicked,
		webhook.ReasonQuitSessionConfirmed, webhook.ReasonErrorScreenExitClicked,
		webhook.ReasonConsentScreenCancelPressed, webhook.ReasonMobileHandoverScreenShown), "future_reason")
}

// roundTrip checks that ParseAny accepts the kit's body for p and gives
// back exactly p, of p's kind.
func roundTrip(t *testing.T, p webhook.Payload) {
	t.Helper()
	body := Body(p)
	got, err := webhook.ParseAny(body)
	require.NoError(t, err, "%s", body)
	require.Equal(t, p.Kind(), got.Kind(), "%s", body)
	require.Equal(t, normalise(p), normalise(got), "%s", body)
}

func TestRoundTripEvents(t *testing.T) {
	s := NewSession(SeededIDs(2), Created)
	n := 0
	for _, code := range knownCodes(t) {
		for _, a := range actions(t) {
			roundTrip(t, s.Event(code, a, webhook.Context{}))
			n++
		}
	}
	rs := reasons(t)
	states := append(webhook.States(), "future_screen_shown")
	require.Len(t, states, 85)
	for i, st := range states {
		for _, c := range []webhook.Context{{State: st}, {Reason: rs[i%len(rs)], State: st}} {
			roundTrip(t, s.Event(webhook.CodeFlowEvent7008+webhook.Code(i%3), webhook.ActionFlowFinished, c))
			n++
		}
	}
	for _, r := range rs {
		a := r.Action()
		if a == "" {
			a = webhook.ActionWaitingComplete
		}
		roundTrip(t, s.Event(webhook.CodeWaitingComplete, a, webhook.Context{Reason: r}))
		n++
	}
	// Without the optional members: older events, proof-of-address ones.
	e := s.Started()
	e.AttemptID, e.VendorData, e.EndUserID = "", "", ""
	roundTrip(t, e)
	e.AddressID = s.ids.UUID()
	e.Code = 7005
	roundTrip(t, e)
	t.Logf("%d events", n+2)
}

func TestRoundTripDecisions(t *testing.T) {
	s := NewSession(SeededIDs(3), Created)
	s.Wait(RetryInterval)
	n := 0
	for _, st := range statuses(t) {
		roundTrip(t, s.Decision(st, 0))
		n++
	}
	for _, rc := range append(knownReasonCodes(t), 999) {
		st := rc.Status()
		if st == "" {
			st = webhook.StatusDeclined
		}
		d := s.Decision(st, rc)
		require.Equal(t, rc, d.Verification.ReasonCode)
		roundTrip(t, d)
		n++
	}
	for _, dt := range append(allKnown(t, webhook.DocumentTypePassport, webhook.DocumentTypeIDCard, webhook.DocumentTypeResidencePermit,
		webhook.DocumentTypeDriversLicense, webhook.DocumentTypeVisa, webhook.DocumentTypeOther), "FUTURE_DOCUMENT") {
		d := s.Decision(webhook.StatusApproved, 0)
		d.Verification.Document.Type = dt
		roundTrip(t, d)
		n++
	}
	// Every optional member the model types, set.
	d := s.Decision(webhook.StatusApproved, 0)
	v := &d.Verification
	v.Person.FullName, v.Person.IDNumber, v.Person.PlaceOfBirth = "SARAH MORGAN", "38001085718", "MADRID"
	v.Document.State, v.Document.PlaceOfIssue, v.Document.FirstIssue = "GB-ENG", "MADRID", "2015-03-21"
	v.Document.IssueNumber, v.Document.IssuedBy, v.Document.Remarks, v.Document.ResidencePermitType = "01", "ISSUER", "none", "permanent"
	v.Document.NFCValidated = webhook.NullBool{Value: true, Valid: true}
	v.AdditionalVerifiedData.EstimatedAge = webhook.NullFloat{Value: 32, Valid: true}
	v.AdditionalVerifiedData.EstimatedGender = webhook.NullFloat{Value: 0.613, Valid: true}
	v.AdditionalVerifiedData.DriversLicenseNumber = "MORGA753116SM9IJ"
	v.RiskScore = webhook.NullFloat{Value: 0.41, Valid: true}
	v.BiometricAuthentication = webhook.BiometricAuthentication{MatchedSessionID: s.ids.UUID(), MatchedSessionEndUserID: s.ids.UUID(),
		MatchedSessionVendorData: "User001", Details: []byte(`{"faceLiveness": "Yes"}`)}
	for _, c := range append(allKnown(t, webhook.RiskLabelCategoryClientDataMismatch, webhook.RiskLabelCategoryCrosslinks,
		webhook.RiskLabelCategoryDevice, webhook.RiskLabelCategoryDocument, webhook.RiskLabelCategoryImages,
		webhook.RiskLabelCategoryNetwork, webhook.RiskLabelCategorySession, webhook.RiskLabelCategoryPerson), "future_category") {
		v.RiskLabels = append(v.RiskLabels, webhook.RiskLabel{Label: "label_of_" + string(c), Category: c, SessionIDs: []string{s.ids.UUID()}})
	}
	roundTrip(t, d)
	// Before 2021: no attemptId; and a message status of "fail".
	d = s.Decision(webhook.StatusDeclined, webhook.ReasonCodeKnownFraud)
	d.Verification.AttemptID, d.MessageStatus = "", "fail"
	roundTrip(t, d)
	t.Logf("%d decisions", n+2)
}

func TestRoundTripOtherKinds(t *testing.T) {
	s := NewSession(SeededIDs(4), Created)
	s.Wait(RetryInterval)
	for _, c := range append(allKnown(t, webhook.CheckTypeInitialResult, webhook.CheckTypeUpdatedResult), "future_check") {
		for _, m := range append(allKnown(t, webhook.MatchStatusPossibleMatch, webhook.MatchStatusNoMatch), "future_match") {
			roundTrip(t, s.WatchlistScreening(c, m))
		}
	}
	w := s.WatchlistScreening(webhook.CheckTypeInitialResult, webhook.MatchStatusNoMatch)
	w.SessionID = "" // older payloads
	w.SearchTerm.Raw = []byte(`{"name":"JANE EXAMPLE","year":"1990","lists":["pep"],"exactMatch":false}`)
	w.SearchTerm.Name, w.SearchTerm.Year = "JANE EXAMPLE", "1990"
	roundTrip(t, w)
	got, err := webhook.ParseAny(Body(w))
	require.NoError(t, err)
	require.JSONEq(t, string(w.SearchTerm.Raw), string(got.(webhook.WatchlistScreening).SearchTerm.Raw), "searchTerm kept as given")

	for _, st := range statuses(t) {
		roundTrip(t, s.FullAuto(st))
	}
	f := s.FullAuto(webhook.StatusDeclined)
	for i, c := range append(allKnown(t, webhook.ConfidenceHigh, webhook.ConfidenceMedium, webhook.ConfidenceLow), "future_confidence") {
		f.Verification.Person[fmt.Sprintf("extra%d", i)] = webhook.ExtractedValue{Value: "x", Confidence: c, Sources: []string{"NFC"}}
	}
	for _, r := range append(allKnown(t, webhook.InsightResultYes, webhook.InsightResultLikelyYes, webhook.InsightResultNo,
		webhook.InsightResultNotApplicable), "future_result") {
		f.Verification.Insights = append(f.Verification.Insights, webhook.Insight{Label: "check", Result: r, Category: "document"})
	}
	roundTrip(t, f)
	f.Verification.Person, f.Verification.Document, f.Verification.Insights = nil, nil, nil
	f.Verification.DecisionScore = webhook.NullFloat{}
	roundTrip(t, f)

	roundTrip(t, s.UserStatus("Manual check passed", "manual_check_passed", "Documents verified", "documents_verified"))
	u := s.UserStatus("Custom status", "custom_status", "My own words", "")
	u.EventType = "user-status.updated" // not documented: kept
	roundTrip(t, u)

	for _, active := range []bool{true, false} {
		roundTrip(t, s.INE(active))
		roundTrip(t, s.INECURP(active, webhook.CURPStatusBD))
	}
	for _, st := range append(allKnown(t, webhook.CURPStatusAN, webhook.CURPStatusAH, webhook.CURPStatusCRA, webhook.CURPStatusRCN,
		webhook.CURPStatusRCC, webhook.CURPStatusBD, webhook.CURPStatusBDA, webhook.CURPStatusBCC, webhook.CURPStatusBCN), "XX") {
		roundTrip(t, s.CURP(st))
	}
	roundTrip(t, s.UnknownKind())
}

// TestBodyNoPayload: Body refuses what it cannot build, loudly.
func TestBodyNoPayload(t *testing.T) {
	require.Panics(t, func() { Body(nil) })
}
