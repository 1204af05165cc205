// Package webhook receives Veriff's webhooks, every kind on one endpoint: it
// verifies the HMAC signature of a delivery, detects its kind (event,
// decision, watchlist screening, Full Auto, user-defined status, the
// registry results), parses the body strictly into a typed value, and names
// every documented status, reason code, action, reason and end-user flow
// state with a constant to switch on.
//
// A Handler does it all. It reads the body (capped), verifies its signature
// and only then parses it, and calls your function for each verified, parsed
// delivery:
//
//	h, err := webhook.NewHandler(webhook.Config{Secrets: []string{secret}},
//		func(ctx context.Context, d webhook.Delivery) error {
//			switch p := d.Payload.(type) {
//			case webhook.Decision:
//				// p.Verification.Status, p.Verification.ReasonCode ...
//			case webhook.Event:
//				// p.Context.State ...
//			case webhook.Unknown:
//				// a kind this package does not know: p.Raw
//			}
//			return nil // an error answers 500, and Veriff retries
//		})
//	if err != nil {
//		log.Fatal(err) // no secret configured
//	}
//	http.Handle("/webhooks/veriff", h)
//
// Serve it from an http.Server with ReadHeaderTimeout and ReadTimeout set, so
// that a slow client cannot hold a connection for as long as it likes. Store
// each delivery under Delivery.IdempotencyKey: Veriff retries and resends.
//
// Below the Handler, a Receiver does the same for one request, and a
// Verifier and ParseAny (or Parse, ParseDecision for one kind) are the two
// steps for a server that reads the body itself. Build the Verifier once,
// verify first, then parse:
//
//	verifier, err := webhook.NewVerifier(secret) // once, at start-up
//	if err != nil {
//		log.Fatal(err)
//	}
//	// in the handler, with body read from r.Body (capped):
//	if err := verifier.Verify(body, r.Header.Get(webhook.HeaderSignature)); err != nil {
//		http.Error(w, "unauthorized", http.StatusUnauthorized)
//		return
//	}
//	d, err := webhook.ParseDecision(body)
//	if err != nil {
//		http.Error(w, "bad request", http.StatusBadRequest)
//		return
//	}
//	switch d.Verification.Status {
//	case webhook.StatusApproved:
//		// ...
//	}
//
// Veriff may add members, values and kinds at any time. Unknown members are
// checked as JSON and skipped; unknown statuses, codes, actions, reasons and
// states are kept and report IsKnown false, and a body of an unknown kind is
// an Unknown payload, so they reach the caller instead of failing the
// delivery.
package webhook

import (
	"strings"
)

// Event is one delivery of Veriff's event webhook: progress of an end-user
// through a verification session. It never carries the verification
// decision, which Veriff sends through its separate decision webhook.
//
// Event implements json.Unmarshaler with Parse's rules and json.Marshaler in
// Veriff's shape: for every e that Parse returned, Parse of json.Marshal(e)
// gives back e. (The zero Event has no id, so Parse rejects its encoding.)
type Event struct {
	// ID is the verification session id ("id"). Veriff documents it as a
	// UUID but may change the format, so it is not checked beyond being a
	// non-empty string.
	ID string
	// AttemptID is the id of the session attempt ("attemptId"); "" when
	// absent or null. Older payloads, and proof-of-address events, lack it.
	AttemptID string
	// AddressID is the id of the address being verified ("addressId"),
	// sent on proof-of-address events (code 7005, seen in community
	// fixtures only); "" when absent or null.
	AddressID string
	// Feature is the product the event belongs to ("feature"); "" when
	// absent, null or empty, which Anomalies reports: Veriff always sends
	// it, and the event means the same without it.
	Feature Feature
	// Code is the event code ("code"); 0 when absent or null, which
	// Anomalies reports. Parse refuses an event with neither a code nor
	// an action: it says nothing.
	Code Code
	// Action names what happened ("action"); "" when absent, null or
	// empty, which Anomalies reports (see Code).
	Action Action
	// VendorData is the integrator's own reference given when the session
	// was created ("vendorData"); "" when absent or null.
	VendorData string
	// EndUserID is the integrator's id of the end-user ("endUserId"); ""
	// when absent or null.
	EndUserID string
	// Context says more about an end-user flow event ("context"); zero when
	// absent or null.
	Context Context
}

// Context is the extra information of an end-user flow event (codes
// 7007-7010). Veriff sends it only when flow tracking is enabled for the
// integration. Reason and State are independent: either, both or neither
// may be set.
type Context struct {
	// Reason explains the event ("reason"); "" when absent or null.
	Reason Reason
	// State is where the end-user was in the flow ("state"); "" when
	// absent or null.
	State State
}

// Kind returns KindEvent.
func (Event) Kind() Kind { return KindEvent }

// UnmarshalJSON decodes data with Parse's rules. As is the convention for
// json.Unmarshaler, the JSON literal null leaves e unchanged.
func (e *Event) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	ev, err := Parse(data)
	if err != nil {
		return err
	}
	*e = ev
	return nil
}

// UnknownValues returns the JSON paths of the members of e whose values this
// package does not know ("feature", "code", "action", "context.reason",
// "context.state"), or nil; a decision's code in an event counts as
// unknown. An absent value is not unknown (Anomalies reports a missing
// feature, code or action). Log or count them: an
// unknown state may be a state whose inferred wire value is wrong.
func (e Event) UnknownValues() []string {
	var u []string
	if e.Feature != "" && !e.Feature.IsKnown() {
		u = append(u, "feature")
	}
	if e.Code != 0 && (!e.Code.IsKnown() || e.Code.IsDecision()) {
		u = append(u, "code") // unknown, or a decision's code
	}
	if e.Action != "" && !e.Action.IsKnown() {
		u = append(u, "action")
	}
	if e.Context.Reason != "" && !e.Context.Reason.IsKnown() {
		u = append(u, "context.reason")
	}
	if e.Context.State != "" && !e.Context.State.IsKnown() {
		u = append(u, "context.state")
	}
	return u
}

// rawEvent is what one pass over the body finds: where each string is, and
// the code. Both readers of events fill it: quickEvent and readEvent.
type rawEvent struct {
	id, attemptID, addressID, feature, action, vendorData, endUserID, reason, state span
	code                                                                            Code
}

// member returns the bit of the event member called name, and where its
// value goes when it is a string; bit 0 for a member the model does not
// define. It is the event's member table: both readers read the event
// object through it.
func (r *rawEvent) member(name []byte) (bit uint, dst *span) {
	switch string(name) {
	case "id":
		return seenID, &r.id
	case "attemptId":
		return seenAttemptID, &r.attemptID
	case "addressId":
		return seenAddressID, &r.addressID
	case "feature":
		return seenFeature, &r.feature
	case "action":
		return seenAction, &r.action
	case "vendorData":
		return seenVendorData, &r.vendorData
	case "endUserId":
		return seenEndUserID, &r.endUserID
	case "code":
		return seenCode, nil
	case "context":
		return seenContext, nil
	}
	return 0, nil
}

// Bits of the members seen in the event object, for duplicates and required
// members.
const (
	seenID = 1 << iota
	seenAttemptID
	seenFeature
	seenCode
	seenAction
	seenVendorData
	seenEndUserID
	seenContext
	seenAddressID

	seenRequired = seenID | seenFeature | seenCode | seenAction
)

// readEvent reads an event body into r with the strict reader.
func readEvent(p *parser, r *rawEvent) error {
	start := skipWS(p.data, 0)
	var seen uint
	err := p.topLevel(func(name []byte) (bool, error) {
		bit, dst := r.member(name)
		var err error
		switch {
		case bit == 0:
			return false, nil
		case bit == seenID:
			*dst, err = p.reqSpan()
		case dst != nil:
			*dst, err = p.optSpan()
		case bit == seenCode:
			var n int
			if p.pos < len(p.data) && p.data[p.pos] == 'n' {
				bit = 0 // null: as if absent
			}
			err = p.integer(&n, false)
			r.code = Code(n)
		default:
			_, err = p.objectOrNull(false, func(name []byte) (bool, error) {
				var err error
				switch string(name) {
				case "reason":
					r.reason, err = p.optSpan()
				case "state":
					r.state, err = p.optSpan()
				default:
					return false, nil
				}
				return true, err
			})
		}
		seen |= bit
		return true, err
	})
	if err != nil {
		return err
	}
	// Only the session and what happened are needed: an event with
	// neither a code nor an action says nothing. A missing feature, or
	// one of code and action missing, is an anomaly (Event.Anomalies).
	return p.required(start, requiredMember{seen&seenID == 0, "id"},
		requiredMember{seen&seenCode == 0 && r.action.start == r.action.end, "code"})
}

// build turns what the pass found into an Event. Known values become the
// package's constants; every other string is cut from one allocation, so
// the event does not keep the body alive.
func (r *rawEvent) build(data []byte) Event {
	e := Event{Code: r.code}
	// Known values are looked up on the raw bytes; an escaped spelling of a
	// known value (rare) takes the general path and is equal all the same.
	var feature, action, reason, state bool
	if !r.feature.esc && string(data[r.feature.start:r.feature.end]) == string(FeatureSelfID) {
		e.Feature, feature = FeatureSelfID, true
	}
	if !r.action.esc {
		e.Action, action = knownAction(data[r.action.start:r.action.end])
	}
	if r.reason.ok && !r.reason.esc {
		e.Context.Reason, reason = knownReason(data[r.reason.start:r.reason.end])
	}
	if r.state.ok && !r.state.esc {
		if i, ok := stateIndex[State(data[r.state.start:r.state.end])]; ok {
			e.Context.State, state = stateTable[i].state, true
		}
	}

	// Unescaping never makes a string longer, so n bytes hold them all.
	n := r.id.size() + r.attemptID.size() + r.addressID.size() + r.vendorData.size() + r.endUserID.size()
	if !feature {
		n += r.feature.size()
	}
	if !action {
		n += r.action.size()
	}
	if !reason {
		n += r.reason.size()
	}
	if !state {
		n += r.state.size()
	}
	var b strings.Builder
	b.Grow(n)
	e.ID = take(&b, data, r.id)
	e.AttemptID = take(&b, data, r.attemptID)
	e.AddressID = take(&b, data, r.addressID)
	if !feature {
		e.Feature = Feature(take(&b, data, r.feature))
	}
	if !action {
		e.Action = Action(take(&b, data, r.action))
	}
	e.VendorData = take(&b, data, r.vendorData)
	e.EndUserID = take(&b, data, r.endUserID)
	if !reason {
		e.Context.Reason = Reason(take(&b, data, r.reason))
	}
	if !state {
		e.Context.State = State(take(&b, data, r.state))
	}
	return e
}
