package webhook

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAnomaliesNoneInSamples holds every sample in testdata, Veriff's and
// ours, to having no anomaly: the rules describe what Veriff sends.
func TestAnomaliesNoneInSamples(t *testing.T) {
	var files []string
	for _, glob := range []string{"testdata/*.json", "testdata/decision/*.json", "testdata/kinds/*.json"} {
		f, err := filepath.Glob(glob)
		require.NoError(t, err)
		files = append(files, f...)
	}
	require.Greater(t, len(files), 25)
	checked := 0
	for _, file := range files {
		body, err := os.ReadFile(file)
		require.NoError(t, err)
		p, err := ParseAny(body)
		require.NoError(t, err, file)
		if strings.Contains(file, "code-null") {
			continue // TestCodeNullDecisions
		}
		if a, ok := p.(interface{ Anomalies() []string }); ok {
			assert.Nil(t, a.Anomalies(), file)
			checked++
		}
	}
	assert.Greater(t, checked, 20)
}

// TestCodeNullDecisions holds the four shapes of approvals with a person
// and a document whose code and reasonCode are null (testdata/decision,
// ours, shaped as real deliveries are): each is accepted, by the strict
// reader too, and delivered with 200, its missing code reported as the one
// anomaly and not as an unknown value.
func TestCodeNullDecisions(t *testing.T) {
	files, err := filepath.Glob("testdata/decision/ours-code-null-*.json")
	require.NoError(t, err)
	require.Len(t, files, 4)
	var delivered, reported int
	h, err := NewHandler(Config{Secrets: []string{"s"}, OnUnknown: func(context.Context, Delivery, Findings) { reported++ }},
		func(context.Context, Delivery) error { delivered++; return nil })
	require.NoError(t, err)
	for _, file := range files {
		body, err := os.ReadFile(file)
		require.NoError(t, err)
		for _, o := range []ParseOptions{{}, {DisallowUnknownMembers: true}} {
			p, err := o.ParseAny(body)
			require.NoError(t, err, file)
			d := p.(Decision)
			assert.Equal(t, StatusApproved, d.Verification.Status, file)
			assert.Zero(t, d.Verification.Code, file)
			assert.NotEmpty(t, d.Verification.Person.LastName, file)
			assert.NotEmpty(t, d.Verification.Document.Number, file)
			assert.Nil(t, d.UnknownValues(), file)
			assert.Equal(t, []string{`verification.code: absent or null; Veriff always sends it, and the status "approved" says what it would be`},
				d.Anomalies(), file)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, signed(t, string(compact(t, body)), "", "s"))
		assert.Equal(t, 200, w.Code, file)
	}
	assert.Equal(t, 4, delivered)
	assert.Equal(t, 4, reported)
}

// anomalyCase is a payload and the anomalies it has, in their order.
type anomalyCase[P Payload] struct {
	name string
	p    P
	want []string
}

// ev is an event of session "s" of the selfid feature.
func ev(code Code, action Action, reason Reason, state State) Event {
	return Event{ID: "s", Feature: FeatureSelfID, Code: code, Action: action, Context: Context{Reason: reason, State: state}}
}

// eventAnomalyCases break each of Event.Anomalies' rules, and keep to
// them; TestDocsAnomalyTable reads the members they name.
var eventAnomalyCases = []anomalyCase[Event]{
	{"no feature", Event{ID: "s", Code: CodeStarted, Action: ActionStarted},
		[]string{"feature: absent, null or empty; Veriff always sends it"}},
	{"no code", ev(0, ActionStarted, "", ""),
		[]string{"code: absent or null; Veriff always sends it"}},
	{"no action", ev(CodeStarted, "", "", ""),
		[]string{"action: absent, null or empty; Veriff always sends it"}},
	{"started", ev(CodeStarted, ActionStarted, "", ""), nil},
	{"submitted", ev(CodeSubmitted, ActionSubmitted, "", ""), nil},
	{"waiting complete with its reason", ev(CodeWaitingComplete, ActionWaitingComplete, ReasonFinalDecisionReceived, "x"), nil},
	{"flow finished on a flow code", ev(CodeFlowEvent7008, ActionFlowFinished, "", ""), nil},
	{"flow cancelled on another flow code", ev(CodeFlowEvent7010, ActionFlowCancelled, "", ""), nil},
	{"unknown action is not an anomaly", ev(CodeStarted, "paused", "", ""), nil},
	{"unknown code is not an anomaly", ev(7011, ActionFlowFinished, "", ""), nil},
	{"7001 submitted", ev(CodeStarted, ActionSubmitted, "", ""),
		[]string{`action: "submitted" does not go with code 7001, whose documented action is "started"`}},
	{"7002 started", ev(CodeSubmitted, ActionStarted, "", ""),
		[]string{`action: "started" does not go with code 7002, whose documented action is "submitted"`}},
	{"7007 flow finished", ev(CodeWaitingComplete, ActionFlowFinished, "", ""),
		[]string{`action: "flow_finished" does not go with code 7007, whose documented action is "waiting_complete"`}},
	{"7008 started", ev(CodeFlowEvent7008, ActionStarted, "", ""),
		[]string{`action: "started" is documented for code 7001, not 7008`}},
	{"7009 waiting complete", ev(CodeFlowEvent7009, ActionWaitingComplete, "", ""),
		[]string{`action: "waiting_complete" is documented for code 7007, not 7009`}},
	{"flow cancelled on a decision code", ev(CodeApproved, ActionFlowCancelled, "", ""),
		[]string{`action: "flow_cancelled" is an end-user flow action, and code 9001 is not a flow event (7007-7010)`}},
	{"context on 7001", ev(CodeStarted, ActionStarted, "", "x"),
		[]string{`context: only end-user flow events (7007-7010) carry a context, not code 7001`}},
	{"context on 7002, by its reason", ev(CodeSubmitted, ActionSubmitted, ReasonFinalDecisionReceived, ""),
		[]string{`context: only end-user flow events (7007-7010) carry a context, not code 7002`,
			`context.reason: "final_decision_received" is documented with the action "waiting_complete", not "submitted"`}},
	{"reason of another action", ev(CodeFlowEvent7008, ActionFlowFinished, ReasonFinalDecisionReceived, ""),
		[]string{`context.reason: "final_decision_received" is documented with the action "waiting_complete", not "flow_finished"`}},
	{"reason with an unknown action", ev(CodeFlowEvent7008, "paused", ReasonFinalDecisionReceived, ""), nil},
}

func TestEventAnomalies(t *testing.T) {
	for _, tc := range eventAnomalyCases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.p.Anomalies())
		})
	}
}

// dec is a decision of session "s".
func dec(s Status, c Code, rc ReasonCode) Decision {
	return Decision{Verification: Verification{ID: "s", Status: s, Code: c, ReasonCode: rc}}
}

// decisionAnomalyCases break each of Decision.Anomalies' rules, and keep
// to them; TestDocsAnomalyTable reads the members they name.
var decisionAnomalyCases = []anomalyCase[Decision]{
	{"approved without a code", dec(StatusApproved, 0, 0),
		[]string{`verification.code: absent or null; Veriff always sends it, and the status "approved" says what it would be`}},
	{"approved", dec(StatusApproved, CodeApproved, 0), nil},
	{"declined 102", dec(StatusDeclined, CodeDeclined, 102), nil},
	{"declined 539", dec(StatusDeclined, CodeDeclined, ReasonCodeResubmissionLimitExceeded), nil},
	{"declined, unknown 5xx", dec(StatusDeclined, CodeDeclined, 599), nil},
	{"declined, code of no family", dec(StatusDeclined, CodeDeclined, 301), nil},
	{"resubmission 203", dec(StatusResubmissionRequested, CodeResubmissionRequested, 203), nil},
	{"resubmission, unknown 6xx", dec(StatusResubmissionRequested, CodeResubmissionRequested, 699), nil},
	{"expired", dec(StatusExpired, CodeExpiredOrAbandoned, 0), nil},
	{"abandoned", dec(StatusAbandoned, CodeExpiredOrAbandoned, 0), nil},
	{"review", dec(StatusReview, CodeReview, 0), nil},
	{"unknown status", dec("on_hold", CodeDeclined, 102), nil},
	{"unknown code", dec(StatusApproved, 9002, 0), nil},
	{"declined 9001", dec(StatusDeclined, CodeApproved, 102),
		[]string{`verification.code: 9001 does not go with the status "declined", whose code in Veriff's status table is 9102`}},
	{"approved 9102", dec(StatusApproved, CodeDeclined, 0),
		[]string{`verification.code: 9102 does not go with the status "approved", whose code in Veriff's status table is 9001`}},
	{"abandoned 9121, as Veriff's API reference has it", dec(StatusAbandoned, CodeReview, 0),
		[]string{`verification.code: 9121 does not go with the status "abandoned", whose code in Veriff's status table is 9104`}},
	{"resubmission with a decline's 103", dec(StatusResubmissionRequested, CodeResubmissionRequested, 103),
		[]string{`verification.reasonCode: 103 is a reason code of "declined", not of "resubmission_requested"`}},
	{"declined with a resubmission's 201", dec(StatusDeclined, CodeDeclined, 201),
		[]string{`verification.reasonCode: 201 is a reason code of "resubmission_requested", not of "declined"`}},
	{"declined with an unknown 6xx", dec(StatusDeclined, CodeDeclined, 650),
		[]string{`verification.reasonCode: 650 is a reason code of "resubmission_requested", not of "declined"`}},
	{"resubmission with an unknown 1xx", dec(StatusResubmissionRequested, CodeResubmissionRequested, 150),
		[]string{`verification.reasonCode: 150 is a reason code of "declined", not of "resubmission_requested"`}},
	{"approved with a reason code", dec(StatusApproved, CodeApproved, 102),
		[]string{`verification.reasonCode: an approval carries no reason code, and this one has 102`}},
	{"started as a decision", dec(StatusStarted, CodeStarted, 0),
		[]string{`verification.status: "started" is a status of the event webhook, not a decision`}},
	{"submitted as a decision, with a decision's code", dec(StatusSubmitted, CodeApproved, 0),
		[]string{`verification.status: "submitted" is a status of the event webhook, not a decision`,
			`verification.code: 9001 does not go with the status "submitted", whose code in Veriff's status table is 7002`}},
}

func TestDecisionAnomalies(t *testing.T) {
	for _, tc := range decisionAnomalyCases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.p.Anomalies())
		})
	}
}

// fullAuto is a Full Auto delivery whose decision is s.
func fullAuto(s Status) FullAuto { return FullAuto{Verification: FullAutoVerification{Decision: s}} }

// fullAutoAnomalyCases break each of FullAuto.Anomalies' rules, and keep
// to them; TestDocsAnomalyTable reads the members they name.
var fullAutoAnomalyCases = []anomalyCase[FullAuto]{
	{"approved", fullAuto(StatusApproved), nil},
	{"declined", fullAuto(StatusDeclined), nil},
	{"resubmission requested", fullAuto(StatusResubmissionRequested), nil},
	{"review", fullAuto(StatusReview), nil},
	{"unknown status", fullAuto("unheard_of"), nil},
	{"no decision", FullAuto{}, []string{"data.verification.decision: absent or null; Veriff always sends it"}},
	{"started", fullAuto(StatusStarted),
		[]string{`data.verification.decision: "started" is a status of the event webhook, not a decision`}},
	{"submitted", fullAuto(StatusSubmitted),
		[]string{`data.verification.decision: "submitted" is a status of the event webhook, not a decision`}},
}

func TestFullAutoAnomalies(t *testing.T) {
	for _, tc := range fullAutoAnomalyCases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.p.Anomalies())
		})
	}
}

// TestReasonCodeFamily holds every known reason code to the rule of
// hundreds that Anomalies applies to unknown ones.
func TestReasonCodeFamily(t *testing.T) {
	for c := range reasonCodes {
		var want Status
		switch c / 100 {
		case 1, 5:
			want = StatusDeclined
		case 2, 6:
			want = StatusResubmissionRequested
		}
		assert.Equal(t, want, c.Status(), "%d", c)
		assert.Equal(t, want, c.family(), "%d", c)
	}
	assert.Equal(t, Status(""), ReasonCode(0).family())
	assert.Equal(t, Status(""), ReasonCode(700).family())
	assert.Equal(t, Status(""), ReasonCode(99).family())
}

// TestDocsAnomalyTable holds docs/anomalies.md's table to the anomalies
// the code produces: the (kind, member) pairs its rows name are the (kind,
// path before the colon) pairs of the anomalies of eventAnomalyCases,
// decisionAnomalyCases and fullAutoAnomalyCases, which break every rule;
// and each pair is in one row, so that a row removed or added shows. A
// kind is named as in docs/kinds.md's table of kinds.
func TestDocsAnomalyTable(t *testing.T) {
	kindName := map[string]string{} // Go type → docs/kinds.md's name of the kind
	for _, row := range markdownTable(t, filepath.Join("docs", "kinds.md"), "| kind | Go type | detected by") {
		kindName[strings.Trim(row[1], "`")] = row[0]
	}
	type pair struct{ kind, member string }
	produced := map[pair]string{} // the name of a case that produces it
	collect := func(p Payload, name string, anomalies []string) {
		kind, ok := kindName[reflect.TypeOf(p).Name()]
		require.True(t, ok, "docs/kinds.md does not name the kind of %T", p)
		for _, a := range anomalies {
			path, _, ok := strings.Cut(a, ": ")
			require.True(t, ok, "%s: an anomaly is a path, a colon and the rule: %q", name, a)
			produced[pair{kind, path}] = name
		}
	}
	for _, tc := range eventAnomalyCases {
		collect(tc.p, tc.name, tc.p.Anomalies())
	}
	for _, tc := range decisionAnomalyCases {
		collect(tc.p, tc.name, tc.p.Anomalies())
	}
	for _, tc := range fullAutoAnomalyCases {
		collect(tc.p, tc.name, tc.p.Anomalies())
	}

	documented := map[pair]int{} // the row that names it, from 1
	for i, row := range markdownTable(t, filepath.Join("docs", "anomalies.md"), "| kind | member | rule |") {
		require.NotEmpty(t, row[2], "docs/anomalies.md, row %d: its rule", i+1)
		for m := range strings.SplitSeq(row[1], ",") {
			m = strings.TrimSpace(m)
			require.True(t, len(m) > 2 && strings.HasPrefix(m, "`") && strings.HasSuffix(m, "`"),
				"docs/anomalies.md, row %d: members in backticks, separated by commas: %q", i+1, row[1])
			p := pair{row[0], strings.Trim(m, "`")}
			if prev, ok := documented[p]; ok {
				t.Errorf("docs/anomalies.md: rows %d and %d both name %s %s: its rules go in one row", prev, i+1, p.kind, p.member)
			}
			documented[p] = i + 1
		}
	}
	for p, row := range documented {
		_, ok := produced[p]
		assert.True(t, ok, "docs/anomalies.md, row %d: no case of the anomaly tests gives %s an anomaly at %s", row, p.kind, p.member)
	}
	for p, name := range produced {
		_, ok := documented[p]
		assert.True(t, ok, "docs/anomalies.md has no row for %s %s, which the case %q gives an anomaly", p.kind, p.member, name)
	}
}
