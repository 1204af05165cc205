package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the parser's output")

// render prints an Event with what the typed values say about themselves,
// for golden files a reviewer can read in a diff.
func render(e Event) string {
	var b strings.Builder
	known := func(k bool) string {
		if k {
			return "known"
		}
		return "UNKNOWN"
	}
	fmt.Fprintf(&b, "ID:         %q\n", e.ID)
	fmt.Fprintf(&b, "AttemptID:  %q\n", e.AttemptID)
	if e.AddressID != "" {
		fmt.Fprintf(&b, "AddressID:  %q\n", e.AddressID)
	}
	fmt.Fprintf(&b, "Feature:    %q %s\n", e.Feature, known(e.Feature.IsKnown()))
	fmt.Fprintf(&b, "Code:       %d %s flow=%t action=%q\n", e.Code, known(e.Code.IsKnown()), e.Code.IsFlowEvent(), e.Code.Action())
	fmt.Fprintf(&b, "Action:     %q %s\n", e.Action, known(e.Action.IsKnown()))
	fmt.Fprintf(&b, "Reason:     %q", e.Context.Reason)
	if e.Context.Reason != "" {
		fmt.Fprintf(&b, " %s action=%q", known(e.Context.Reason.IsKnown()), e.Context.Reason.Action())
	}
	fmt.Fprintf(&b, "\nState:      %q", e.Context.State)
	if e.Context.State != "" {
		fmt.Fprintf(&b, " %s confirmed=%t", known(e.Context.State.IsKnown()), e.Context.State.IsConfirmed())
	}
	fmt.Fprintf(&b, "\nVendorData: %q\n", e.VendorData)
	fmt.Fprintf(&b, "EndUserID:  %q\n", e.EndUserID)
	return b.String()
}

// checkGolden compares got, the rendering of the sample file, with the
// golden file beside it, which -update rewrites.
func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	golden := strings.TrimSuffix(file, ".json") + ".golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -update to create the golden file")
	assert.Equal(t, string(want), got)
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 10)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			body, err := os.ReadFile(file)
			require.NoError(t, err)
			e, err := Parse(body)
			require.NoError(t, err)
			got := render(e)
			checkGolden(t, file, got)

			// The same bytes through encoding/json and the Unmarshaler.
			var viaJSON Event
			require.NoError(t, json.Unmarshal(body, &viaJSON))
			assert.Equal(t, e, viaJSON)

			// Marshal in Veriff's shape and back.
			out, err := json.Marshal(e)
			require.NoError(t, err)
			again, err := ParseOptions{DisallowUnknownMembers: true}.Parse(out)
			require.NoError(t, err, "%s", out)
			assert.Equal(t, e, again)
		})
	}
}

// TestDocumentedPayloads pins the two samples of Veriff's documentation
// independently of the golden files.
func TestDocumentedPayloads(t *testing.T) {
	common := Event{
		ID:        "f04bdb47-d3be-4b28-b028-a652feb060b5",
		AttemptID: "e30122d1-740b-4764-853f-470374a7abf4",
		Feature:   FeatureSelfID,
		EndUserID: "a1b2c35d-e8f7-6d5e-3cd2-a1b2c35db3d4",
	}
	for file, fill := range map[string]func(*Event){
		"documented-waiting-complete-7007.json": func(e *Event) {
			e.Code, e.Action, e.VendorData = CodeWaitingComplete, ActionWaitingComplete, "QWE123"
			e.Context.Reason = ReasonFinalDecisionReceived
		},
		"documented-submitted-7002.json": func(e *Event) {
			e.Code, e.Action, e.VendorData = CodeSubmitted, ActionSubmitted, "12345678"
		},
	} {
		body, err := os.ReadFile(filepath.Join("testdata", file))
		require.NoError(t, err)
		got, err := Parse(body)
		require.NoError(t, err)
		want := common
		fill(&want)
		assert.Equal(t, want, got, file)
	}
}

// valid is a compact event every rejection case starts from.
const valid = `{"id":"i","attemptId":"a","feature":"selfid","code":7007,"action":"waiting_complete","context":{"reason":"final_decision_received","state":"client_started"},"vendorData":"v","endUserId":"u"}`

func with(old, new string) string {
	if !strings.Contains(valid, old) {
		panic("test case does not apply: " + old)
	}
	return strings.Replace(valid, old, new, 1)
}

type rejection struct {
	name  string
	body  string
	cause error
	field string
}

// rejections covers every rule of Parse's contract.
var rejections = []rejection{
	// Not exactly one JSON object.
	{"empty body", ``, ErrSyntax, ""},
	{"only whitespace", " \n\t", ErrSyntax, ""},
	{"array", `[` + valid + `]`, ErrWrongType, ""},
	{"string", `"x"`, ErrWrongType, ""},
	{"number", `7007`, ErrWrongType, ""},
	{"null", `null`, ErrWrongType, ""}, // UnmarshalJSON treats null as a no-op, Parse does not
	{"true", `true`, ErrWrongType, ""},
	{"two objects", valid + valid, ErrSyntax, ""},
	{"trailing garbage", valid + ` x`, ErrSyntax, ""},
	{"trailing NUL", valid + "\x00", ErrSyntax, ""},
	{"truncated", valid[:len(valid)-1], ErrSyntax, ""},
	{"byte order mark", "\xef\xbb\xbf" + valid, ErrSyntax, ""},
	{"trailing comma", with(`"endUserId":"u"}`, `"endUserId":"u",}`), ErrSyntax, ""},
	{"missing colon", with(`"id":"i"`, `"id" "i"`), ErrSyntax, "id"},
	{"single quotes", with(`"id":"i"`, `'id':"i"`), ErrSyntax, ""},
	{"unquoted name", with(`"id":"i"`, `id:"i"`), ErrSyntax, ""},
	{"comment", `/* c */` + valid, ErrSyntax, ""},
	{"vertical tab is not whitespace", "\v" + valid, ErrSyntax, ""},
	// RFC 8259 inside strings.
	{"invalid UTF-8 in value", with(`"v"`, "\"\xff\""), ErrSyntax, "vendorData"},
	{"invalid UTF-8 in name", with(`"endUserId"`, "\"\xc3\x28\""), ErrSyntax, ""},
	{"UTF-8 encoded surrogate", with(`"v"`, "\"\xed\xa0\x80\""), ErrSyntax, "vendorData"},
	{"overlong UTF-8", with(`"v"`, "\"\xc0\xaf\""), ErrSyntax, "vendorData"},
	{"raw newline in string", with(`"v"`, "\"a\nb\""), ErrSyntax, "vendorData"},
	{"raw NUL in string", with(`"v"`, "\"a\x00b\""), ErrSyntax, "vendorData"},
	{"raw tab in string", with(`"u"`, "\"a\tb\""), ErrSyntax, "endUserId"},
	{"bad escape", with(`"v"`, `"\x41"`), ErrSyntax, "vendorData"},
	{"short unicode escape", with(`"v"`, `"\u00e"`), ErrSyntax, "vendorData"},
	{"lone high surrogate", with(`"v"`, `"\ud800"`), ErrSyntax, "vendorData"},
	{"lone low surrogate", with(`"v"`, `"\udc00"`), ErrSyntax, "vendorData"},
	{"reversed surrogates", with(`"v"`, `"\udc00\ud800"`), ErrSyntax, "vendorData"},
	{"high surrogate then letter", with(`"v"`, `"\ud800x"`), ErrSyntax, "vendorData"},
	{"unterminated string", `{"id":"i`, ErrSyntax, "id"},
	{"leading zero", with(`7007`, `07007`), ErrSyntax, ""},
	{"plus sign", with(`7007`, `+7007`), ErrSyntax, "code"},
	{"bare minus", with(`7007`, `-`), ErrSyntax, "code"},
	{"dot without digits", with(`7007`, `7007.`), ErrSyntax, "code"},
	{"exponent without digits", with(`7007`, `7e`), ErrSyntax, "code"},
	{"hex number", with(`7007`, `0x1b5f`), ErrSyntax, ""},
	{"NaN", with(`7007`, `NaN`), ErrSyntax, "code"},
	{"bad literal", with(`"v"`, `nul`), ErrSyntax, "vendorData"},
	{"malformed unknown member", with(`"endUserId":"u"`, `"endUserId":"u","x":[1,tru]`), ErrSyntax, "x[1]"},
	{"malformed deep unknown member", with(`"endUserId":"u"`, `"endUserId":"u","x":{"y":[{"z":01}]}`), ErrSyntax, "x.y[0]"},
	{"bad escape in unknown member", with(`"endUserId":"u"`, `"endUserId":"u","x":{"y":"\q"}`), ErrSyntax, "x.y"},
	// Duplicates at any level.
	{"duplicate id", with(`"endUserId":"u"`, `"endUserId":"u","id":"j"`), ErrDuplicateMember, "id"},
	{"duplicate code", with(`"endUserId":"u"`, `"endUserId":"u","code":7001`), ErrDuplicateMember, "code"},
	{"duplicate optional", with(`"endUserId":"u"`, `"endUserId":"u","vendorData":null`), ErrDuplicateMember, "vendorData"},
	{"duplicate context", with(`"endUserId":"u"`, `"endUserId":"u","context":null`), ErrDuplicateMember, "context"},
	{"duplicate by escape", with(`"endUserId":"u"`, `"endUserId":"u","\u0069d":"j"`), ErrDuplicateMember, "id"},
	{"duplicate state", with(`"state":"client_started"`, `"state":"client_started","state":null`), ErrDuplicateMember, "context.state"},
	{"duplicate reason", with(`"state":"client_started"`, `"state":"client_started","reason":"x"`), ErrDuplicateMember, "context.reason"},
	{"duplicate unknown", with(`"endUserId":"u"`, `"endUserId":"u","x":1,"x":2`), ErrDuplicateMember, "x"},
	{"duplicate unknown in context", with(`"state":"client_started"`, `"state":"client_started","x":1,"y":2,"x":3`), ErrDuplicateMember, "context.x"},
	{"duplicate nested", with(`"endUserId":"u"`, `"endUserId":"u","x":[{"a":1,"b":{"c":1,"c":1}}]`), ErrDuplicateMember, "x[0].b.c"},
	{"duplicate past the set threshold", with(`"endUserId":"u"`, `"endUserId":"u","x":{`+manyKeys(40)+`,"k7":0}`), ErrDuplicateMember, "x.k7"},
	// Required members.
	{"missing id", with(`"id":"i",`, ``), ErrMissingMember, "id"},
	{"neither code nor action", with(`"code":7007,"action":"waiting_complete",`, ``), ErrMissingMember, "code"},
	{"null code, no action", with(`"code":7007,"action":"waiting_complete",`, `"code":null,`), ErrMissingMember, "code"},
	{"no code, empty action", with(`"code":7007,"action":"waiting_complete",`, `"action":"",`), ErrMissingMember, "code"},
	{"empty object", `{}`, ErrMissingMember, "id"},
	{"id with other case only", with(`"id":"i"`, `"ID":"i"`), ErrMissingMember, "id"},
	{"null id", with(`"id":"i"`, `"id":null`), ErrMissingMember, "id"},
	{"empty id", with(`"id":"i"`, `"id":""`), ErrMissingMember, "id"},
	{"addressId number", with(`"attemptId":"a"`, `"attemptId":"a","addressId":7`), ErrWrongType, "addressId"},
	{"duplicate addressId", with(`"attemptId":"a"`, `"addressId":"x","attemptId":"a","addressId":null`), ErrDuplicateMember, "addressId"},
	// Wrong types.
	{"id number", with(`"id":"i"`, `"id":1`), ErrWrongType, "id"},
	{"id object", with(`"id":"i"`, `"id":{"a":1}`), ErrWrongType, "id"},
	{"attemptId array", with(`"attemptId":"a"`, `"attemptId":["a"]`), ErrWrongType, "attemptId"},
	{"feature bool", with(`"feature":"selfid"`, `"feature":true`), ErrWrongType, "feature"},
	{"action number", with(`"action":"waiting_complete"`, `"action":7`), ErrWrongType, "action"},
	{"vendorData number", with(`"v"`, `12345678`), ErrWrongType, "vendorData"},
	{"vendorData bool", with(`"v"`, `false`), ErrWrongType, "vendorData"},
	{"endUserId object", with(`"u"`, `{}`), ErrWrongType, "endUserId"},
	{"context string", with(`{"reason":"final_decision_received","state":"client_started"}`, `"x"`), ErrWrongType, "context"},
	{"context array", with(`{"reason":"final_decision_received","state":"client_started"}`, `[]`), ErrWrongType, "context"},
	{"reason number", with(`"final_decision_received"`, `1`), ErrWrongType, "context.reason"},
	{"state object", with(`"client_started"`, `{}`), ErrWrongType, "context.state"},
	{"state bool", with(`"client_started"`, `true`), ErrWrongType, "context.state"},
	{"wrong type with malformed value", with(`"id":"i"`, `"id":[1,]`), ErrSyntax, "id[1]"},
	// The code.
	{"code float", with(`7007`, `7002.0`), ErrWrongType, "code"},
	{"code exponent", with(`7007`, `7e3`), ErrWrongType, "code"},
	{"code string with suffix", with(`7007`, `"7002x"`), ErrWrongType, "code"},
	{"code string float", with(`7007`, `"7002.0"`), ErrWrongType, "code"},
	{"code empty string", with(`7007`, `""`), ErrWrongType, "code"},
	{"code string with spaces", with(`7007`, `" 7002"`), ErrWrongType, "code"},
	{"code string with plus", with(`7007`, `"+7002"`), ErrWrongType, "code"},
	{"code string leading zero", with(`7007`, `"07002"`), ErrWrongType, "code"},
	{"code bool", with(`7007`, `true`), ErrWrongType, "code"},
	{"code object", with(`7007`, `{}`), ErrWrongType, "code"},
	{"code above int64", with(`7007`, `9223372036854775808`), ErrWrongType, "code"},
	{"code below int64", with(`7007`, `-9223372036854775809`), ErrWrongType, "code"},
	{"code huge", with(`7007`, `123456789012345678901234567890`), ErrWrongType, "code"},
	{"code bad string", with(`7007`, `"\u12"`), ErrSyntax, "code"},
	// Limits.
	{"too deep", with(`"endUserId":"u"`, `"endUserId":"u","x":`+strings.Repeat("[", MaxDepth)+strings.Repeat("]", MaxDepth)), ErrTooDeep, "x" + strings.Repeat("[0]", MaxDepth-1)},
	{"far too deep", with(`"endUserId":"u"`, `"endUserId":"u","x":`+strings.Repeat("[", 100000)), ErrTooDeep, "x" + strings.Repeat("[0]", MaxDepth-1)},
}

func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d":%d`, i, i)
	}
	return b.String()
}

// TestParseReportsMissing holds the line between refused and reported in
// an event: a feature, a code or an action that is missing, null or empty
// is accepted, as long as the code or the action says what happened, and
// Anomalies reports it; the rest of the event is read as sent.
func TestParseReportsMissing(t *testing.T) {
	for _, tc := range []struct {
		name, body, anomaly string
	}{
		{"missing feature", with(`"feature":"selfid",`, ``), "feature: absent"},
		{"missing code", with(`"code":7007,`, ``), "code: absent or null"},
		{"missing action", with(`"action":"waiting_complete",`, ``), "action: absent"},
		{"null feature", with(`"feature":"selfid"`, `"feature":null`), "feature: absent"},
		{"null code", with(`7007`, `null`), "code: absent or null"},
		{"null action", with(`"action":"waiting_complete"`, `"action":null`), "action: absent"},
		{"empty feature", with(`"feature":"selfid"`, `"feature":""`), "feature: absent, null or empty"},
		{"empty action", with(`"action":"waiting_complete"`, `"action":""`), "action: absent, null or empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, parse := range []func([]byte) (Payload, error){
				func(b []byte) (Payload, error) { return Parse(b) },
				func(b []byte) (Payload, error) { return ParseOptions{DisallowUnknownMembers: true}.Parse(b) },
				ParseAny,
			} {
				p, err := parse([]byte(tc.body))
				require.NoError(t, err, tc.body)
				e := p.(Event)
				assert.Equal(t, "i", e.ID)
				assert.Equal(t, CodeWaitingComplete == e.Code || e.Code == 0, true)
				require.NotEmpty(t, e.Anomalies(), tc.body)
				assert.Contains(t, e.Anomalies()[0], tc.anomaly)
				assert.Nil(t, e.UnknownValues(), "absent is not unknown")
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	_, err := Parse([]byte(valid))
	require.NoError(t, err, "the base of the rejection cases must be valid")
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { _, err = Parse([]byte(tc.body)) })
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidPayload)
			assert.ErrorIs(t, err, tc.cause)
			var pe *PayloadError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.field, pe.Field)
			assert.GreaterOrEqual(t, pe.Offset, 0)
			assert.LessOrEqual(t, pe.Offset, len(tc.body))
			assert.NotErrorIs(t, err, ErrInvalidSignature)

			// encoding/json rejects it too: by its own syntax check, or by
			// handing the bytes to UnmarshalJSON, which applies Parse's rules.
			if tc.body != "null" { // null is a no-op for any json.Unmarshaler
				var e Event
				assert.Error(t, json.Unmarshal([]byte(tc.body), &e))
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	cases := []struct {
		name string
		body string
		want func(*Event)
	}{
		{"as is", valid, func(*Event) {}},
		{"whitespace around", " \r\n\t" + valid + "\n\n ", func(*Event) {}},
		{"whitespace everywhere", strings.NewReplacer(`:`, " : ", `,`, " ,\n", `{`, "{ ", `}`, " }").Replace(valid), func(*Event) {}},
		{"code string", with(`7007`, `"7007"`), func(*Event) {}},
		{"code negative", with(`7007`, `-1`), func(e *Event) { e.Code = -1 }},
		{"code zero", with(`7007`, `0`), func(e *Event) { e.Code = 0 }},
		{"code max int", with(`7007`, strconv.Itoa(math.MaxInt)), func(e *Event) { e.Code = math.MaxInt }},
		{"code min int", with(`7007`, `"`+strconv.Itoa(math.MinInt)+`"`), func(e *Event) { e.Code = math.MinInt }},
		{"code escaped digits", with(`7007`, `"\u0037007"`), func(*Event) {}},
		{"optional nulls", with(`"vendorData":"v","endUserId":"u"`, `"vendorData":null,"endUserId":null`), func(e *Event) { e.VendorData, e.EndUserID = "", "" }},
		{"optional absent", with(`,"vendorData":"v","endUserId":"u"`, ``), func(e *Event) { e.VendorData, e.EndUserID = "", "" }},
		{"optional empty", with(`"vendorData":"v"`, `"vendorData":""`), func(e *Event) { e.VendorData = "" }},
		{"attemptId absent", with(`"attemptId":"a",`, ``), func(e *Event) { e.AttemptID = "" }},
		{"attemptId null", with(`"attemptId":"a"`, `"attemptId":null`), func(e *Event) { e.AttemptID = "" }},
		{"attemptId empty", with(`"attemptId":"a"`, `"attemptId":""`), func(e *Event) { e.AttemptID = "" }},
		{"addressId", with(`"attemptId":"a"`, `"addressId":"ad"`), func(e *Event) { e.AttemptID, e.AddressID = "", "ad" }},
		{"context null", with(`{"reason":"final_decision_received","state":"client_started"}`, `null`), func(e *Event) { e.Context = Context{} }},
		{"context empty", with(`{"reason":"final_decision_received","state":"client_started"}`, `{}`), func(e *Event) { e.Context = Context{} }},
		{"context members null", with(`{"reason":"final_decision_received","state":"client_started"}`, `{"reason":null,"state":null}`), func(e *Event) { e.Context = Context{} }},
		{"unknown members", with(`"endUserId":"u"`, `"endUserId":"u","ID":1,"Id":[],"new":{"a":{"b":[null,true,false,-0.5e-3,"\ud83d\ude00"]}},"a":{}`), func(*Event) {}},
		{"unknown member in context", with(`"state":"client_started"`, `"state":"client_started","step":3`), func(*Event) {}},
		{"same name in different objects", with(`"endUserId":"u"`, `"endUserId":"u","x":{"id":1,"y":{"id":2}},"y":{"x":1}`), func(*Event) {}},
		{"many distinct names", with(`"endUserId":"u"`, `"endUserId":"u","x":{`+manyKeys(100)+`}`), func(*Event) {}},
		{"unknown values", with(`"waiting_complete"`, `"waiting_resumed"`), func(e *Event) { e.Action = "waiting_resumed" }},
		{"deepest allowed", with(`"endUserId":"u"`, `"endUserId":"u","x":`+strings.Repeat("[", MaxDepth-1)+strings.Repeat("]", MaxDepth-1)), func(*Event) {}},
		{"member order", `{"endUserId":"u","vendorData":"v","context":{"state":"client_started","reason":"final_decision_received"},"action":"waiting_complete","code":7007,"feature":"selfid","attemptId":"a","id":"i"}`, func(*Event) {}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := Event{ID: "i", AttemptID: "a", Feature: FeatureSelfID, Code: CodeWaitingComplete, Action: ActionWaitingComplete,
				VendorData: "v", EndUserID: "u", Context: Context{Reason: ReasonFinalDecisionReceived, State: StateClientStarted}}
			tc.want(&want)
			got, err := Parse([]byte(tc.body))
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestDisallowUnknownMembers(t *testing.T) {
	strict := ParseOptions{DisallowUnknownMembers: true}
	_, err := strict.Parse([]byte(valid))
	require.NoError(t, err)
	for body, field := range map[string]string{
		with(`"endUserId":"u"`, `"endUserId":"u","extra":1`):                  "extra",
		with(`"id":"i"`, `"ID":"i","id":"i"`):                                 "ID",
		with(`"state":"client_started"`, `"state":"client_started","step":1`): "context.step",
	} {
		_, err := strict.Parse([]byte(body))
		require.ErrorIs(t, err, ErrUnknownMember, body)
		require.ErrorIs(t, err, ErrInvalidPayload)
		var pe *PayloadError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, field, pe.Field)
		_, err = Parse([]byte(body))
		assert.NoError(t, err, "the default accepts unknown members")
	}
}

func TestParseDoesNotRetainBody(t *testing.T) {
	body := []byte(with(`"v"`, `"vendor-data"`))
	e, err := Parse(body)
	require.NoError(t, err)
	for i := range body {
		body[i] = 'X'
	}
	assert.Equal(t, "i", e.ID)
	assert.Equal(t, "vendor-data", e.VendorData)
	assert.Equal(t, StateClientStarted, e.Context.State)
}

func TestPayloadErrorMessage(t *testing.T) {
	body := with(`"client_started"`, `42`)
	_, err := Parse([]byte(body))
	require.Error(t, err)
	off := strings.Index(body, `42`)
	assert.Equal(t, `webhook: invalid payload: "context.state" at offset `+fmt.Sprint(off)+`: wrong type: want string or null, got number`, err.Error())

	long := strings.Repeat("n", 1000)
	_, err = Parse([]byte(with(`"endUserId":"u"`, `"endUserId":"u","`+long+`":tru`)))
	require.Error(t, err)
	assert.Less(t, len(err.Error()), 200, "a sender's member name must not flood logs")
	var pe *PayloadError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, long, pe.Field, "the full path stays available to the caller")
}

func TestUnmarshalJSONNull(t *testing.T) {
	e := Event{ID: "kept"}
	require.NoError(t, json.Unmarshal([]byte(`null`), &e))
	assert.Equal(t, "kept", e.ID)
	var p *Event
	require.NoError(t, json.Unmarshal([]byte(`null`), &p))
	assert.Nil(t, p)
}

// causes names the causes a catalogue case may expect.
var causes = map[string]error{
	"ErrSyntax":          ErrSyntax,
	"ErrDuplicateMember": ErrDuplicateMember,
	"ErrMissingMember":   ErrMissingMember,
	"ErrWrongType":       ErrWrongType,
	"ErrUnknownMember":   ErrUnknownMember,
	"ErrTooDeep":         ErrTooDeep,
}

// catalogueCase is one file of testdata/invalid: a header line
//
//	# cause=<ErrName> field=<JSON path> [fill=<n>]
//
// then the body, byte for byte. fill=n replaces the first "<FILL>" in the
// body with n bytes 'x', for cases too large to commit.
type catalogueCase struct {
	name  string
	cause error
	field string
	body  []byte
}

func readCatalogue(t testing.TB) []catalogueCase {
	return readCatalogueDir(t, "testdata/invalid")
}

// readCatalogueDir reads the cases of the catalogue in dir.
func readCatalogueDir(t testing.TB, dir string) []catalogueCase {
	files, err := filepath.Glob(filepath.Join(dir, "*.case"))
	require.NoError(t, err)
	var cases []catalogueCase
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		header, body, ok := bytes.Cut(raw, []byte("\n"))
		require.True(t, ok, "%s: no header line", f)
		c := catalogueCase{name: strings.TrimSuffix(filepath.Base(f), ".case"), body: body}
		fields := strings.Fields(strings.TrimPrefix(string(header), "#"))
		for _, kv := range fields {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "cause":
				c.cause = causes[v]
				require.NotNil(t, c.cause, "%s: unknown cause %q", f, v)
			case "field":
				c.field = v
			case "fill":
				n, err := strconv.Atoi(v)
				require.NoError(t, err)
				c.body = bytes.Replace(c.body, []byte("<FILL>"), bytes.Repeat([]byte("x"), n), 1)
			default:
				t.Fatalf("%s: unknown header key %q", f, k)
			}
		}
		require.NotNil(t, c.cause, "%s: no cause", f)
		cases = append(cases, c)
	}
	return cases
}

// TestCatalogue checks every case of the bad-input catalogue. Adding a case
// is adding a file to testdata/invalid.
func TestCatalogue(t *testing.T) {
	cases := readCatalogue(t)
	require.GreaterOrEqual(t, len(cases), 40)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { _, err = Parse(c.body) })
			require.ErrorIs(t, err, ErrInvalidPayload)
			require.ErrorIs(t, err, c.cause)
			var pe *PayloadError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, c.field, pe.Field)
			assert.LessOrEqual(t, pe.Offset, len(c.body))
			assert.Less(t, len(err.Error()), 400, "messages stay short")

			// Signed, it is a 400 through the handler, never a 200 or a 401.
			h, herr := NewHandler(Config{Secrets: []string{"s"}, MaxBodyBytes: 16 << 20}, func(context.Context, Delivery) error {
				t.Error("an invalid payload reached the handler function")
				return nil
			})
			require.NoError(t, herr)
			r, rerr := NewSignedRequest("/", c.body, "", "s")
			require.NoError(t, rerr)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			assert.Equal(t, http.StatusBadRequest, w.Code)
		})
	}
}

// TestErrorPosition pins Field and Offset where the test can say
// independently where the fault is.
func TestErrorPosition(t *testing.T) {
	cases := []struct {
		body, at, field string // at: the text the offset must point to
	}{
		{with(`"state":"client_started"`, `"state":"client_started","state":null`), `"state":null`, "context.state"},
		{with(`"v"`, `"a\u12zz"`), `\u12zz`, "vendorData"},
		{with(`"v"`, "\"ab\x01\""), "\x01", "vendorData"},
		{with(`7007`, `"7002x"`), `"7002x"`, "code"},
		{with(`"u"`, `[]`), `[]`, "endUserId"},
		{with(`"endUserId":"u"`, `"endUserId":"u","x":{"a":[1,{"b":tru}]}`), `tru}`, "x.a[1].b"},
		{with(`"endUserId":"u"`, `"endUserId":"u","x":{"":tru}`), `tru}`, `x[""]`},
		{with(`"endUserId":"u"`, `"endUserId":"u","a.b":{"[0]":tru}`), `tru}`, `["a.b"]["[0]"]`},
		{with(`"endUserId":"u"`, `"endUserId":"u","x":{"é":tru}`), `tru}`, `x["é"]`},
		{valid + ` {}`, `{}`, ""},
		{with(`"endUserId":"u"`, `"endUserId":"u","x":[1 2]`), `2]`, "x"},
	}
	for _, tc := range cases {
		_, err := Parse([]byte(tc.body))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, tc.body)
		assert.Equal(t, strings.LastIndex(tc.body, tc.at), pe.Offset, tc.body)
		assert.Equal(t, tc.field, pe.Field, tc.body)
	}
}

// TestDepthInContext checks that nesting is counted from the event object
// alike for every member.
func TestDepthInContext(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth-1) + strings.Repeat("]", MaxDepth-1)
	for _, member := range []string{`"state":`, `"extra":`} {
		body := with(`"state":"client_started"`, member+deep)
		_, err := Parse([]byte(body))
		assert.ErrorIs(t, err, ErrTooDeep, member)
		body = with(`"state":"client_started"`, member+deep[1:len(deep)-1])
		_, err = Parse([]byte(body))
		if member == `"state":` {
			assert.ErrorIs(t, err, ErrWrongType)
		} else {
			assert.NoError(t, err)
		}
	}
}

// TestErrorPathLinear checks that a deep error with long names gives the
// full path, built once (a quadratic build would take minutes here).
func TestErrorPathLinear(t *testing.T) {
	key := strings.Repeat("k", 8000)
	var b strings.Builder
	b.WriteString(`{"x":`)
	for range MaxDepth - 2 {
		b.WriteString(`{"` + key + `":`)
	}
	b.WriteString(`tru`)
	_, err := Parse([]byte(b.String()))
	var pe *PayloadError
	require.ErrorAs(t, err, &pe)
	require.ErrorIs(t, err, ErrSyntax)
	assert.Equal(t, "x"+strings.Repeat("."+key, MaxDepth-2), pe.Field)
}

// TestKnownValueTables checks that the switches Parse uses to return
// constants agree with the tables.
func TestKnownValueTables(t *testing.T) {
	for r := range reasons {
		got, ok := knownReason([]byte(r))
		assert.True(t, ok, "%s", r)
		assert.Equal(t, r, got)
	}
	for _, a := range []Action{ActionStarted, ActionSubmitted, ActionWaitingComplete, ActionFlowFinished, ActionFlowCancelled} {
		got, ok := knownAction([]byte(a))
		assert.True(t, ok, "%s", a)
		assert.Equal(t, a, got)
	}
	_, ok := knownReason([]byte("x"))
	assert.False(t, ok)
}

// checkQuick fails t if quickEvent accepts body and parseEvent, in either
// mode, rejects it or reads it differently. It reports whether quickEvent
// accepted body.
func checkQuick(t testing.TB, body []byte) bool {
	t.Helper()
	var quick rawEvent
	if !quickEvent(body, &quick) {
		return false
	}
	for _, strict := range []bool{false, true} {
		var full rawEvent
		p := newParser(body, strict)
		if err := readEvent(&p, &full); err != nil {
			t.Fatalf("quickEvent accepts %q, parseEvent (strict %t) rejects it: %v", body, strict, err)
		}
		if quick != full {
			t.Fatalf("quickEvent reads %q as %+v, parseEvent (strict %t) as %+v", body, quick, strict, full)
		}
	}
	return true
}

// TestQuickEvent checks the fast path of Parse against the full parser on
// every payload of the tests, on every prefix of the valid ones, and with
// every byte of them replaced by each byte that matters to JSON.
func TestQuickEvent(t *testing.T) {
	// The fast path must take the common deliveries, or it is dead code.
	for _, body := range []string{compact7007, valid, " \r\n\t" + valid + "\n\n ",
		strings.NewReplacer(`:`, " : ", `,`, " ,\n", `{`, "{ ", `}`, " }").Replace(valid),
		with(`"vendorData":"v","endUserId":"u"`, `"vendorData":null,"endUserId":null`),
		with(`{"reason":"final_decision_received","state":"client_started"}`, `{}`)} {
		require.True(t, checkQuick(t, []byte(body)), "quickEvent gives up on %s", body)
	}
	// Every payload of testdata is valid; the fast path takes all but these.
	slow := map[string]string{
		"code-as-string.json": "a code given as a string",
		"escapes.json":        "escape sequences",
		"unknown-values.json": "unknown members",
	}
	files, err := filepath.Glob("testdata/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var valids [][]byte
	for _, file := range files {
		b, err := os.ReadFile(file)
		require.NoError(t, err)
		why, isSlow := slow[filepath.Base(file)]
		assert.Equal(t, !isSlow, checkQuick(t, b), "%s: fast path (it holds %s)", file, why)
		valids = append(valids, b)
	}
	valids = append(valids, []byte(compact7007), []byte(valid))
	// Codes around the limits of int on 32 and 64 bits.
	// Codes around the limits of int on 32 and 64 bits: the fast path takes
	// at most 9 digits, which fit in either.
	for _, code := range []string{"1", "999999999", "1000000000", "2147483647", "2147483648", "4294967296",
		"999999999999999999", "9223372036854775807", "9223372036854775808", "18446744073709551616"} {
		assert.Equal(t, len(code) <= 9, checkQuick(t, []byte(with(`7007`, code))), "code %s", code)
	}
	for _, c := range readCatalogue(t) {
		checkQuick(t, c.body)
	}
	for _, r := range rejections {
		checkQuick(t, []byte(r.body)) // fails t if quickEvent accepts what Parse must reject
	}
	// Prefixes of the valid payloads, and each with one byte deleted,
	// replaced or inserted. The bytes are JSON's structure and whitespace,
	// bytes strings may not hold as they are, and the digits and letters of
	// numbers, literals and member names, to make unknown names, bad
	// numbers and bad literals out of good ones.
	subst := []byte("\"\\{}[],: \t\n\r\x00\x1f\x7f\x80\xff0179-+.eEnulidx")
	for _, b := range valids {
		for n := range len(b) {
			checkQuick(t, b[:n])
			checkQuick(t, slices.Concat(b[:n], b[n+1:]))
			for _, c := range subst {
				m := bytes.Clone(b)
				m[n] = c
				checkQuick(t, m)
				checkQuick(t, slices.Concat(b[:n], []byte{c}, b[n:]))
			}
		}
	}
}

// TestParseTakesFastPath checks that Parse reads the usual bodies on the
// fast path and leaves the others to the strict reader, which reads them
// as Parse does.
func TestParseTakesFastPath(t *testing.T) {
	for _, tc := range []struct {
		body string
		fast bool
	}{
		{compact7007, true},
		{valid, true},
		{with(`"u"`, `"\u0075"`), false},
		{with(`7007`, `"7007"`), false},
		{with(`"vendorData"`, `"x":1,"vendorData"`), false},
	} {
		var r rawEvent
		assert.Equal(t, tc.fast, quickEvent([]byte(tc.body), &r), "fast path for %s", tc.body)
		e, err := Parse([]byte(tc.body))
		require.NoError(t, err)
		full, err := ParseOptions{}.parseEventFull([]byte(tc.body))
		require.NoError(t, err)
		assert.Equal(t, full, e, tc.body)
	}
	var r rawEvent
	assert.False(t, quickEvent([]byte(`{"id":"i"`), &r), "an invalid body takes the strict reader, which explains the error")
}

// validBodies returns the valid bodies of the tests: testdata's payloads,
// and the compact documented event and valid, with and without whitespace.
func validBodies(t *testing.T) [][]byte {
	files, err := filepath.Glob("testdata/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var bodies [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		bodies = append(bodies, b)
	}
	for _, b := range []string{compact7007, valid, " \r\n\t" + valid + "\n\n ",
		strings.NewReplacer(`:`, " : ", `,`, " ,\n", `{`, "{ ", `}`, " }").Replace(valid)} {
		bodies = append(bodies, []byte(b))
	}
	return bodies
}

// parseEverywhere parses body with Parse and with the full parser alone,
// each in both modes, in a slice with no capacity past the body's end, so
// that reading past the end panics rather than see other bytes. It fails t
// on a panic, when the full parser alone and Parse disagree (on the
// verdict, the cause or the event), or when Parse accepts what
// encoding/json does not. It returns Parse's error in the default mode.
func parseEverywhere(t *testing.T, body []byte) error {
	t.Helper()
	body = slices.Clip(body)
	var events [2]Event
	var raws [2]rawEvent
	var errs, fullErrs [2]error
	require.NotPanics(t, func() {
		checkQuick(t, body)
		for i, o := range []ParseOptions{{}, {DisallowUnknownMembers: true}} {
			events[i], errs[i] = o.Parse(body)
			p := newParser(body, o.DisallowUnknownMembers)
			fullErrs[i] = readEvent(&p, &raws[i])
		}
	}, "%q", body)
	// Plain comparisons: this runs on thousands of bodies.
	for i := range errs {
		if errs[i] == nil {
			if fullErrs[i] != nil || events[i] != raws[i].build(body) || !json.Valid(body) {
				t.Fatalf("%q: Parse accepts it as %+v; the full parser alone: %v, %+v; json.Valid: %t",
					body, events[i], fullErrs[i], raws[i].build(body), json.Valid(body))
			}
			continue
		}
		if fullErrs[i] == nil {
			t.Fatalf("%q: Parse rejects it (%v), the full parser alone accepts it", body, errs[i])
		}
		for _, cause := range causes {
			if errors.Is(errs[i], cause) != errors.Is(fullErrs[i], cause) {
				t.Fatalf("%q: Parse: %v; the full parser alone: %v", body, errs[i], fullErrs[i])
			}
		}
		if pe, ok := errs[i].(*PayloadError); !ok || pe.Offset < 0 || pe.Offset > len(body) {
			t.Fatalf("%q: %#v is not a *PayloadError within the body", body, errs[i])
		}
	}
	return errs[0]
}

// TestParsePrefixes holds that no parser reads past the end of the body:
// every proper prefix of a valid body, held with no spare capacity, is
// malformed (ErrSyntax) for Parse and for the full parser alone, in both
// modes, unless it holds the whole object and part of the whitespace after
// it. TestQuickEvent's prefixes keep the rest of the body in their
// capacity, and reach the full parser only when the fast path accepts.
func TestParsePrefixes(t *testing.T) {
	for _, b := range validBodies(t) {
		for n := range len(b) + 1 {
			prefix := b[:n]
			err := parseEverywhere(t, prefix)
			if whole := json.Valid(prefix); whole != (err == nil) || !whole && !errors.Is(err, ErrSyntax) {
				t.Errorf("%q: %v", prefix, err)
			}
		}
	}
	for _, r := range rejections {
		assert.Error(t, parseEverywhere(t, []byte(r.body)), r.name)
	}
}

// TestUnicodeEscapes holds the rules of \u escapes: four hex digits of
// either case; a high surrogate (D800-DBFF) only followed by a \u escape
// of a low one (DC00-DFFF), the two decoded as one code point; a low
// surrogate never first. Each escape is tried in a value, where it must
// decode as encoding/json decodes it, and in a member name, where it must
// name the member its decoding names.
func TestUnicodeEscapes(t *testing.T) {
	good := []string{`\u0041`, `\u0030`, `\u0039`, `\u00e9`, `\u00E9`, `\u00aF`, `\u00Fa`, `\uABCD`, `\uabcd`, `\uFFFF`,
		`\uD7FF`, `\uE000`, `\uD800\uDC00`, `\uDBFF\uDFFF`, `\uD800\uDFFF`, `\uDBFF\uDC00`, `\ud83d\ude00`, `\uD83D\uDE00`,
		`x\uD83D\uDE00y`, `\uD83D\uDE00\u0041`, `\u0009\u000A\u001f`}
	for _, esc := range good {
		var want string
		require.NoError(t, json.Unmarshal([]byte(`"`+esc+`"`), &want), esc)
		e, err := Parse([]byte(with(`"v"`, `"`+esc+`"`)))
		require.NoError(t, err, esc)
		assert.Equal(t, want, e.VendorData, esc)

		// The escaped name and the same name written out are one name.
		raw, err := json.Marshal(want)
		require.NoError(t, err)
		_, err = Parse([]byte(with(`"endUserId":"u"`, `"endUserId":"u","`+esc+`":1,`+string(raw)+`:2`)))
		assert.ErrorIs(t, err, ErrDuplicateMember, esc)
		_, err = Parse([]byte(with(`"endUserId":"u"`, `"endUserId":"u","`+esc+`":1,"`+esc+`x":2`)))
		assert.NoError(t, err, esc)
	}
	bad := []string{`\u004G`, `\u004g`, `\u004/`, `\u004:`, `\u004@`, "\\u004`", `\u00G0`, `\u0G00`, `\uG000`,
		`\uD800`, `\uDBFF`, `\uDC00`, `\uDFFF`, `\uD800x`, `\uD800\u0041`, `\uD800\uD800`, `\uD800\uDBFF`,
		`\uD800\uE000`, `\uDBFF\uE000`, `\uDC00\uDC00`, `\uDC00\uDFFF`, `\uD800\n`, `\uD800\uDC0`, `\uD800\u`, `\uDC00\uD800`}
	for _, esc := range bad {
		_, err := Parse([]byte(with(`"v"`, `"`+esc+`"`)))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, esc)
		assert.ErrorIs(t, err, ErrSyntax, esc)
		assert.Equal(t, "vendorData", pe.Field, esc)
		_, err = Parse([]byte(with(`"endUserId":"u"`, `"endUserId":"u","`+esc+`":1`)))
		assert.ErrorIs(t, err, ErrSyntax, esc)
	}
}

// TestDuplicateNamesAnySize holds that a repeated name is found in an
// object of any size, whether it repeats one of the first dupScan names
// (compared one by one) or a later one (kept in a hash set), at every
// depth and after a large nested object closed; and that names are
// compared only within one object: siblings and nested objects, large or
// small, may reuse each other's names.
func TestDuplicateNamesAnySize(t *testing.T) {
	for n := 1; n <= 2*dupScan+2; n++ {
		for _, dup := range []int{0, n / 2, n - 1} {
			name := "k" + strconv.Itoa(dup)
			obj := `{` + manyKeys(n) + `,"` + name + `":0}`
			for _, tc := range []struct{ body, field string }{
				{with(`"endUserId":"u"`, `"endUserId":"u","x":`+obj), "x." + name},
				{with(`"endUserId":"u"`, `"endUserId":"u","x":[1,{"y":`+obj+`}]`), "x[1].y." + name},
				{with(`"state":"client_started"`, `"state":"client_started","x":`+obj), "context.x." + name},
				{with(`"endUserId":"u"`, `"endUserId":"u",`+obj[1:len(obj)-1]), name},
				{with(`"state":"client_started"`, `"state":"client_started",`+obj[1:len(obj)-1]), "context." + name},
			} {
				_, err := Parse([]byte(tc.body))
				var pe *PayloadError
				require.ErrorAs(t, err, &pe, "%d names, %s repeated", n, name)
				assert.ErrorIs(t, err, ErrDuplicateMember, "%d names, %s repeated", n, name)
				assert.Equal(t, tc.field, pe.Field, "%d names, %s repeated", n, name)
			}
		}
	}
	for _, n := range []int{dupScan - 1, dupScan, dupScan + 1, 3 * dupScan} {
		obj := `{` + manyKeys(n) + `}`
		for _, members := range []string{
			`"x":` + obj + `,"y":` + obj + `,"z":` + obj,
			`"x":{"a":` + obj + `,"b":` + obj + `,` + manyKeys(n) + `}`,
			`"x":{` + manyKeys(n) + `,"a":` + obj + `,"b":` + obj + `}`,
			`"x":[` + obj + `,` + obj + `]`,
			manyKeys(n) + `,"x":` + obj,
		} {
			_, err := Parse([]byte(with(`"endUserId":"u"`, `"endUserId":"u",`+members)))
			assert.NoError(t, err, "%d names: %s", n, members)
			_, err = Parse([]byte(with(`"state":"client_started"`, `"state":"client_started",`+members)))
			assert.NoError(t, err, "%d names in context: %s", n, members)
		}
		// A name of the outer object repeated after a large nested object.
		last := "k" + strconv.Itoa(n-1)
		_, err := Parse([]byte(with(`"endUserId":"u"`, `"endUserId":"u","x":{`+manyKeys(n)+`,"a":`+obj+`,"`+last+`":1}`)))
		assert.ErrorIs(t, err, ErrDuplicateMember, "%d names", n)
	}
}

// TestDuplicateNamesBloom holds that names with the same Bloom bit (same
// length, first and last byte) are still told apart, and that the empty
// name is a name like any other.
func TestDuplicateNamesBloom(t *testing.T) {
	require.Equal(t, bloomBit([]byte("axb")), bloomBit([]byte("ayb")))
	for _, tc := range []struct {
		members string
		dup     string // the repeated name, "-" for none
	}{
		{`"axb":1,"ayb":2,"azb":3`, "-"},
		{`"axb":1,"ayb":2,"axb":3`, "axb"},
		{`"":1,"a":2`, "-"},
		{`"":1,"a":2,"":3`, ""},
		{`"a":1,"":2,"b":3,"a":4`, "a"},
	} {
		_, err := Parse([]byte(with(`"endUserId":"u"`, `"endUserId":"u","x":{`+tc.members+`}`)))
		if tc.dup == "-" {
			assert.NoError(t, err, tc.members)
			continue
		}
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, tc.members)
		assert.ErrorIs(t, err, ErrDuplicateMember, tc.members)
		assert.Equal(t, renderPath([]pathStep{{name: tc.dup, index: -1}, {name: "x", index: -1}}), pe.Field, tc.members)
	}
}

// TestNamesFresh holds the Bloom filter's fast path: a name whose bit no
// earlier name had is fresh, without a comparison, and recorded; a name
// whose bit is taken is not, and duplicate decides.
func TestNamesFresh(t *testing.T) {
	var ns names
	a, b := []byte("axb"), []byte("ayb") // the same bit
	require.True(t, ns.fresh(bloomBit(a), a))
	assert.Equal(t, 1, ns.n)
	assert.False(t, ns.fresh(bloomBit(b), b))
	assert.False(t, ns.duplicate(b))
	assert.True(t, ns.duplicate(a))
}

// TestContextNullFullParser holds that the full parser, like the fast
// path, reads a null context as absent, and rejects a malformed null.
func TestContextNullFullParser(t *testing.T) {
	const ctx = `{"reason":"final_decision_received","state":"client_started"}`
	body := []byte(with(ctx, `null`))
	require.True(t, checkQuick(t, body), "the fast path takes a null context, and the full parser must agree")
	for _, b := range []string{
		with(ctx, `null,"x":1`),
		with(ctx, ` null ,"x":[]`),
		strings.Replace(with(`"v"`, `"\u0076"`), ctx, `null`, 1),
		strings.Replace(with(`7007`, `"7007"`), ctx, `null`, 1),
	} {
		var r rawEvent
		require.False(t, quickEvent([]byte(b), &r), "the strict reader reads %s", b)
		e, err := ParseOptions{}.parseEventFull([]byte(b))
		require.NoError(t, err, b)
		assert.Equal(t, Context{}, e.Context, b)
		assert.Equal(t, "i", e.ID, b)
		assert.Equal(t, "v", e.VendorData, b)
	}
	for body, field := range map[string]string{
		with(ctx, `nul`):   "context",
		with(ctx, `n`):     "context",
		with(ctx, `nulL`):  "context",
		with(ctx, `nulls`): "",
		with(ctx, `true`):  "context",
		with(ctx, `7`):     "context",
	} {
		_, err := Parse([]byte(body))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, body)
		assert.Equal(t, field, pe.Field, body)
	}
}

// TestNumbers holds the JSON number grammar, -?(0|[1-9][0-9]*)(\.[0-9]+)?
// ([eE][+-]?[0-9]+)?, in an unknown member and as the code, with each of
// the digits at the ends of their ranges in each part, and the bytes just
// outside those ranges: Parse accepts exactly what encoding/json accepts,
// and a malformed number is reported where it starts.
func TestNumbers(t *testing.T) {
	numbers := []string{"0", "1", "9", "10", "19", "90", "99", "-0", "-1", "-9", "-10", "-19",
		"0.0", "0.9", "9.09", "1.90", "0.1234567890", "1e0", "1e9", "1E0", "1E9", "1e+0", "1e-9", "1E+09", "1e90",
		"1.5e10", "-0.0e-0", "9.9e9", "123456789",
		"01", "-", "--1", "+1", "1.", "1.e1", ".1", "1e", "1e+", "1E-", "1e+-1", "1ee1", "1.0.0", "0x1", "1/", "1:",
		"1./", "1.:", "1e/", "1e:", "1e+/", "1e-:", "-/", "-:", "/", ":"}
	for _, n := range numbers {
		for _, body := range []string{
			with(`"endUserId":"u"`, `"endUserId":"u","x":`+n),
			with(`"endUserId":"u"`, `"endUserId":"u","x":[`+n+`]`),
			with(`"endUserId":"u"`, `"endUserId":"u","x":[`+n+`,2]`),
		} {
			_, err := Parse([]byte(body))
			assert.Equal(t, json.Valid([]byte(body)), err == nil, "%s: %v", body, err)
		}
		// As the code, a valid integer is the code, any other valid number
		// is of the wrong type, and anything else an error.
		e, err := Parse([]byte(with(`7007`, n)))
		i, intErr := strconv.Atoi(n)
		switch {
		case !json.Valid([]byte(n)):
			assert.Error(t, err, n)
		case intErr == nil:
			require.NoError(t, err, n)
			assert.Equal(t, Code(i), e.Code, n)
		default:
			assert.ErrorIs(t, err, ErrWrongType, n)
		}
	}
	// Where number itself finds the fault, the offset is the number's start.
	for _, n := range []string{"-", "1.", "1.e1", "1e", "1e+", "1E-", "1./", "1.:", "1e/", "1e:", "-/", "-:"} {
		body := with(`"endUserId":"u"`, `"endUserId":"u","x":`+n+`}`)
		_, err := Parse([]byte(body))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, n)
		assert.ErrorIs(t, err, ErrSyntax, n)
		assert.Equal(t, "x", pe.Field, n)
		assert.Equal(t, strings.Index(body, `"x":`)+4, pe.Offset, n)
	}
}

// TestParseAllocatesOnce holds Parse's claim: a typical payload costs one
// allocation, for the strings of the event, with or without whitespace,
// known values or not.
func TestParseAllocatesOnce(t *testing.T) {
	for _, body := range []string{compact7007, valid, " \r\n\t" + valid + "\n\n ",
		with(`"waiting_complete"`, `"waiting_resumed"`), with(`"selfid"`, `"selfid_v2"`)} {
		b := []byte(body)
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := Parse(b); err != nil {
				panic(err)
			}
		})
		assert.Equal(t, 1.0, allocs, body)
	}
}

// TestSeparators holds that only JSON's four whitespace bytes may stand
// around the colon and between members, and that members need their comma.
func TestSeparators(t *testing.T) {
	for _, sep := range []string{"\x00", "\x01", "\x1f", "\v", "\f", "\u00a0", "x", ","} {
		for _, body := range []string{
			with(`"id":"i"`, `"id":`+sep+`"i"`),
			with(`"id":"i"`, `"id":`+sep+` "i"`),
			with(`"id":"i"`, `"id" `+sep+`:"i"`),
			with(`"id":"i"`, `"id":`+sep+`7`),
			with(`"state":"client_started"`, `"state":`+sep+`"client_started"`),
			with(`"endUserId":"u"`, `"endUserId":"u","x":`+sep+`1`),
			with(`"endUserId":"u"`, `"endUserId":"u","x":{"y":`+sep+`1}`),
		} {
			_, err := Parse([]byte(body))
			assert.ErrorIs(t, err, ErrSyntax, "%q", body)
		}
	}
	for _, sep := range []string{" ", "\t", "\n", "\r", " \t", "\r\n ", "\n\n"} {
		for _, body := range []string{
			with(`"id":"i"`, `"id":`+sep+`"i"`),
			with(`"id":"i"`, `"id"`+sep+`:`+sep+`"i"`),
			with(`"endUserId":"u"`, `"endUserId":"u","x":`+sep+`{"y":`+sep+`1}`),
		} {
			_, err := Parse([]byte(body))
			assert.NoError(t, err, "%q", body)
		}
	}
	for _, body := range []string{
		with(`,"attemptId"`, ` "attemptId"`),
		with(`,"attemptId"`, `"attemptId"`),
		with(`,"endUserId"`, ` "endUserId"`),
		with(`,"state"`, ` "state"`),
		with(`"endUserId":"u"`, `"endUserId":"u","x":{"a":1 "b":2}`),
		with(`"endUserId":"u"`, `"endUserId":"u","x":[1 "b"]`),
		// What looks like the end of a name and its colon, after a name
		// with no opening quote, or a name ending in a colon followed
		// by no colon.
		with(`"endUserId":"u"`, `"endUserId":"u",x":1`),
		with(`"endUserId":"u"`, `"endUserId":"u","x":{x":1}`),
		with(`"endUserId":"u"`, `"endUserId":"u","a:"x1`),
		with(`"endUserId":"u"`, `"endUserId":"u","x":{"a:"x1}`),
	} {
		_, err := Parse([]byte(body))
		assert.ErrorIs(t, err, ErrSyntax, "%q", body)
	}
}

// TestSeparatorsAfterIndent holds that the reader takes the whitespace
// before the first member or element of a container as the likely
// whitespace before the others, but checks what is there: other whitespace
// is fine, bytes of the same length that are not whitespace are not.
func TestSeparatorsAfterIndent(t *testing.T) {
	for _, x := range []string{
		"{\n  \"a\":1,\n  \"b\":2,\n\"c\":3,\n    \"d\":4, \"e\":5,\"f\":6}",
		"[\n  1,\n  2,\n3,\n    4, 5,6]",
		"[\n  {\n    \"a\":[\n1,\n      2]},\n  {}]",
	} {
		body := with(`"endUserId":"u"`, `"endUserId":"u","x":`+x)
		_, err := Parse([]byte(body))
		assert.NoError(t, err, "%q", body)
	}
	for _, x := range []string{
		"{\n  \"a\":1,xyz\"b\":2}",
		"{\n  \"a\":1,\n  }",
		"{\n  \"a\":1,\n  1:2}",
		"{  \"a\":1,  x\"b\":2}",
		"[\n  1,xyz2]",
		"[\n  1,\n  ]",
		"[  1,  x2]",
	} {
		body := with(`"endUserId":"u"`, `"endUserId":"u","x":`+x)
		_, err := Parse([]byte(body))
		assert.ErrorIs(t, err, ErrSyntax, "%q", body)
	}
}

// TestRawBytesNearEnd holds that a string may hold only valid UTF-8 and no
// control byte wherever it stands, also in the last bytes of the body,
// which are read one by one rather than eight at a time.
func TestRawBytesNearEnd(t *testing.T) {
	for _, c := range []string{"\x80", "\xbf", "\xc0", "\xff", "\xc3", "\xed\xa0\x80", "\x00", "\x1f"} {
		want := "invalid UTF-8 in string" // the message names which rule
		if c < " " {
			want = "control character in string"
		}
		for _, body := range []string{
			with(`"u"}`, `"`+c+`"}`),
			with(`"u"}`, `"a`+c+`"}`),
			with(`"u"}`, `"u","`+c+`":1}`),
			// A name that ends at the byte, with no closing quote before
			// the colon: not the usual name object reads itself.
			with(`"u"}`, `"u","a`+c+`:1}`),
		} {
			_, err := Parse([]byte(body))
			assert.ErrorIs(t, err, ErrSyntax, "%q", body)
			assert.ErrorContains(t, err, want, "%q", body)
		}
	}
	for _, body := range []string{
		with(`"u"}`, `"u","a\:1}`),
		`{"verification":{"id":"i","status":"approved","code":9001,"a\:1}}`,
	} {
		_, err := ParseAny([]byte(body))
		assert.ErrorIs(t, err, ErrSyntax, "%q", body)
	}
	for _, c := range []string{" ", "\x7f", "é", "\u0080", "\U0001F600"} {
		e, err := Parse([]byte(with(`"u"}`, `"`+c+`"}`)))
		require.NoError(t, err, "%q", c)
		assert.Equal(t, c, e.EndUserID)
	}
}

// TestUnterminatedEscape holds that a body that ends inside a string, right
// after a complete escape sequence, is an unterminated string, reported at
// the end of the body; only an incomplete escape is reported where it
// starts.
func TestUnterminatedEscape(t *testing.T) {
	for _, esc := range []string{`\n`, `\\`, `\"`, `\/`, `\u0041`, `\uD83D\uDE00`} {
		body := `{"id":"i` + esc
		_, err := Parse([]byte(body))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, body)
		assert.ErrorIs(t, err, ErrSyntax, body)
		assert.Contains(t, err.Error(), "unterminated string", body)
		assert.Equal(t, len(body), pe.Offset, body)
	}
	for _, esc := range []string{`\`, `\u`, `\u004`, `\uD83D`, `\uD83D\`, `\uD83D\uDE0`} {
		body := `{"id":"i` + esc
		_, err := Parse([]byte(body))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, body)
		assert.ErrorIs(t, err, ErrSyntax, body)
		assert.Equal(t, strings.Index(body, `\`), pe.Offset, body)
	}
}

// TestErrorPathNames holds which member names stand in an error's path as
// they are (letters, digits, '_', '-' and '$') and which are quoted,
// including the bytes next to each range.
func TestErrorPathNames(t *testing.T) {
	for name, plain := range map[string]bool{
		"azAZ09_-$": true, "a": true, "z": true, "A": true, "Z": true, "0": true, "9": true,
		"`": false, "{": false, "@": false, "[": false, "/": false, ":": false, "a.b": false, "a b": false, "": false, "é": false,
	} {
		raw, err := json.Marshal(name)
		require.NoError(t, err)
		_, err = Parse([]byte(with(`"endUserId":"u"`, `"endUserId":"u",`+string(raw)+`:{"y":tru}`)))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, name)
		want := `[` + strconv.Quote(name) + `].y`
		if plain {
			want = name + ".y"
		}
		assert.Equal(t, want, pe.Field, name)
	}
}

// TestWrongTypeNames holds how an error names the type of the value it
// found: every number, whatever its first byte, is a number, and a byte
// that starts no value is named.
func TestWrongTypeNames(t *testing.T) {
	for value, want := range map[string]string{
		`0`: "got number", `9`: "got number", `5`: "got number", `-1`: "got number", `0.5`: "got number",
		`{}`: "got object", `[]`: "got array", `true`: "got boolean", `false`: "got boolean",
	} {
		_, err := Parse([]byte(with(`"id":"i"`, `"id":`+value)))
		require.ErrorIs(t, err, ErrWrongType, value)
		assert.Contains(t, err.Error(), "want string, "+want, value)
	}
	for value, want := range map[string]string{
		`@`: `invalid character '@'`, `/`: `invalid character '/'`, `:`: `invalid character ':'`, `+1`: `invalid character '+'`,
	} {
		_, err := Parse([]byte(with(`"endUserId":"u"`, `"endUserId":"u","x":`+value)))
		require.ErrorIs(t, err, ErrSyntax, value)
		assert.Contains(t, err.Error(), "want value, got "+want, value)
	}
}

// TestParseAllocatesOnceAllMembers is TestParseAllocatesOnce with every
// string member of the model present, each sized into the one allocation.
func TestParseAllocatesOnceAllMembers(t *testing.T) {
	for _, body := range []string{
		with(`"attemptId":"a"`, `"attemptId":"a","addressId":"ad"`),
		with(`"attemptId":"a"`, `"attemptId":"attempt","addressId":"address-id"`),
		with(`"attemptId":"a"`, `"addressId":"address-id"`),
	} {
		b := []byte(body)
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := Parse(b); err != nil {
				panic(err)
			}
		})
		assert.Equal(t, 1.0, allocs, body)
	}
}

// TestPayloadErrorFieldCap holds that Error quotes a field of up to
// maxFieldInMessage bytes whole, and cuts a longer one there with "...".
func TestPayloadErrorFieldCap(t *testing.T) {
	exact := strings.Repeat("f", maxFieldInMessage)
	msg := (&PayloadError{Field: exact, Err: ErrSyntax}).Error()
	assert.Contains(t, msg, strconv.Quote(exact))
	assert.NotContains(t, msg, "...")
	msg = (&PayloadError{Field: exact + "TAIL", Err: ErrSyntax}).Error()
	assert.Contains(t, msg, strconv.Quote(exact+"..."))
	assert.NotContains(t, msg, "TAIL")
}

// TestMarshalStrings holds how MarshalJSON writes strings: printable ASCII
// as it is, the quote, the backslash and control bytes escaped, valid
// UTF-8 as it is, and each byte of invalid UTF-8 as U+FFFD, as
// encoding/json does; Parse gives back what encoding/json decodes.
func TestMarshalStrings(t *testing.T) {
	for _, s := range []string{" ", "a b", "~\x7f", "\x1f", "\x00", `"\`, "é", "\U0001F600", "\ufffd", "\x80", "a\xffb", "\xc3",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "é\x80", "\x80é"} {
		out, err := Event{ID: "i", Feature: FeatureSelfID, Code: 7001, Action: ActionStarted, VendorData: s}.MarshalJSON()
		require.NoError(t, err)
		e, err := Parse(out)
		require.NoError(t, err, "%q: %s", s, out)
		viaJSON, err := json.Marshal(s)
		require.NoError(t, err)
		var want string
		require.NoError(t, json.Unmarshal(viaJSON, &want))
		assert.Equal(t, want, e.VendorData, "%q: %s", s, out)
	}
	out, err := Event{ID: "i d", Feature: FeatureSelfID, Code: 7001, Action: ActionStarted, VendorData: "a b ~"}.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"id":"i d","feature":"selfid","code":7001,"action":"started","vendorData":"a b ~","endUserId":null}`, string(out))
}
