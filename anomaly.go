package webhook

import "strconv"

// Anomalies are values that are each valid but contradict one another, or
// contradict what Veriff documents of them: code 7001 with the action
// "submitted", a decision "declined" with code 9001; and members Veriff
// always sends that are missing, null or empty where nothing is lost
// without them: a decision's code, an event's feature. They are reported,
// never refused: Veriff's own pages disagree in places (9121), and a body
// that was verified is Veriff's data. Only what makes a delivery
// meaningless is refused (no session id, a decision without a status). The Handler logs them at Info and
// calls Config.OnUnknown, as it does for unknown values, so that a wrong
// assumption of this package, or a change at Veriff, shows on the first
// delivery that has one.
//
// Each anomaly is one string: the JSON path of the member that
// contradicts, a colon, and the rule it breaks.

// Anomalies returns what in e contradicts Veriff's documentation of
// events, in a fixed order of rules; nil when nothing does:
//
//   - a feature, code or action that is absent, null or empty (Veriff
//     always sends them; Parse refuses an event only when both the code
//     and the action are missing);
//   - an action other than the one Veriff documents for the code (7001
//     started, 7002 submitted, 7007 waiting_complete), or an action
//     documented for another code;
//   - flow_finished or flow_cancelled on a code that is not an end-user
//     flow event (7007-7010);
//   - a context (reason or state) on a known code that is not a flow
//     event;
//   - a reason documented for another action than e's.
//
// Unknown values are not anomalies: UnknownValues reports them.
func (e Event) Anomalies() []string {
	var a []string
	if e.Feature == "" {
		a = append(a, "feature: absent, null or empty; Veriff always sends it")
	}
	if e.Code == 0 {
		a = append(a, "code: absent or null; Veriff always sends it")
	}
	if e.Action == "" {
		a = append(a, "action: absent, null or empty; Veriff always sends it")
	}
	if e.Action.IsKnown() && e.Code.IsKnown() {
		switch want := e.Code.Action(); {
		case want != "" && e.Action != want:
			a = append(a, "action: "+strconv.Quote(string(e.Action))+" does not go with code "+e.Code.String()+", whose documented action is "+strconv.Quote(string(want)))
		case want == "" && actionCode(e.Action) != 0:
			a = append(a, "action: "+strconv.Quote(string(e.Action))+" is documented for code "+actionCode(e.Action).String()+", not "+e.Code.String())
		case (e.Action == ActionFlowFinished || e.Action == ActionFlowCancelled) && !e.Code.IsFlowEvent():
			a = append(a, "action: "+strconv.Quote(string(e.Action))+" is an end-user flow action, and code "+e.Code.String()+" is not a flow event (7007-7010)")
		}
	}
	if e.Code.IsKnown() && !e.Code.IsFlowEvent() && e.Context != (Context{}) {
		a = append(a, "context: only end-user flow events (7007-7010) carry a context, not code "+e.Code.String())
	}
	if want := e.Context.Reason.Action(); want != "" && e.Action.IsKnown() && e.Action != want {
		a = append(a, "context.reason: "+strconv.Quote(string(e.Context.Reason))+" is documented with the action "+strconv.Quote(string(want))+", not "+strconv.Quote(string(e.Action)))
	}
	return a
}

// actionCode returns the code whose documented action is a, or 0.
func actionCode(a Action) Code {
	for _, c := range [...]Code{CodeStarted, CodeSubmitted, CodeWaitingComplete} {
		if c.Action() == a {
			return c
		}
	}
	return 0
}

// Anomalies returns what in d contradicts Veriff's documentation of
// decisions, in a fixed order of rules; nil when nothing does:
//
//   - a code that is absent or null (0): Veriff always sends one, and
//     the status says what it would;
//   - a status of the event webhook (started, submitted), which no
//     decision should carry;
//   - a code other than the one Veriff's status-code table gives the
//     status (approved 9001, declined 9102, resubmission_requested 9103,
//     expired and abandoned 9104, review 9121; see Status.Code);
//   - a reason code on an approval;
//   - a reason code of a decline (1xx, 5xx) on resubmission_requested, or
//     of a resubmission (2xx, 6xx) on declined; for a known code, the
//     status its table row gives (see ReasonCode.Status) decides.
//
// Unknown values are not anomalies: UnknownValues reports them.
func (d Decision) Anomalies() []string {
	var a []string
	v := &d.Verification
	if v.Code == 0 {
		a = append(a, "verification.code: absent or null; Veriff always sends it, and the status "+strconv.Quote(string(v.Status))+" says what it would be")
	}
	if v.Status == StatusStarted || v.Status == StatusSubmitted {
		a = append(a, "verification.status: "+strconv.Quote(string(v.Status))+" is a status of the event webhook, not a decision")
	}
	if want := v.Status.Code(); want != 0 && v.Code.IsKnown() && v.Code != want {
		a = append(a, "verification.code: "+v.Code.String()+" does not go with the status "+strconv.Quote(string(v.Status))+", whose code in Veriff's status table is "+want.String())
	}
	if v.ReasonCode != 0 {
		switch fam := v.ReasonCode.family(); {
		case v.Status == StatusApproved:
			a = append(a, "verification.reasonCode: an approval carries no reason code, and this one has "+v.ReasonCode.String())
		case (v.Status == StatusDeclined || v.Status == StatusResubmissionRequested) && fam != "" && fam != v.Status:
			a = append(a, "verification.reasonCode: "+v.ReasonCode.String()+" is a reason code of "+strconv.Quote(string(fam))+", not of "+strconv.Quote(string(v.Status)))
		}
	}
	return a
}

// family returns the status c goes with: its table row's for a known code,
// else by its hundreds (1xx and 5xx declined, 2xx and 6xx
// resubmission_requested); "" for any other code.
func (c ReasonCode) family() Status {
	if s := c.Status(); s != "" {
		return s
	}
	switch c / 100 {
	case 1, 5:
		return StatusDeclined
	case 2, 6:
		return StatusResubmissionRequested
	}
	return ""
}

// Anomalies returns what in f contradicts Veriff's documentation: a
// decision that is absent or null (the delivery is kept, and gives
// SessionState no decision), or that is a status of the event webhook
// (started, submitted); nil when nothing does.
func (f FullAuto) Anomalies() []string {
	switch s := f.Verification.Decision; s {
	case "":
		return []string{"data.verification.decision: absent or null; Veriff always sends it"}
	case StatusStarted, StatusSubmitted:
		return []string{"data.verification.decision: " + strconv.Quote(string(s)) + " is a status of the event webhook, not a decision"}
	}
	return nil
}
