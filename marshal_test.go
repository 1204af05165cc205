package webhook

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzAppendString: every string is written as valid JSON that reads back
// as encoding/json writes it (invalid UTF-8 as U+FFFD, byte by byte), with
// non-ASCII left unescaped as Veriff sends it.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "válida", `quote " and \ backslash`, "tab\tnew\nline\rcr", "\x00\x01\x1f\x7f",
		"bad \xff byte", "\xe2\x82", "emoji 😀", "<&>", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendString(nil, s)
		var got string
		require.NoError(t, json.Unmarshal(b, &got), "%q gave %s", s, b)
		std, err := json.Marshal(s)
		require.NoError(t, err)
		var want string
		require.NoError(t, json.Unmarshal(std, &want))
		require.Equal(t, want, got)
	})
}

func TestAppendStringLeavesNonASCII(t *testing.T) {
	assert.Equal(t, `"La credencial es válida"`, string(appendString(nil, "La credencial es válida")))
	assert.Equal(t, `"\u0001\n"`, string(appendString(nil, "\x01\n")))
}

func TestFormatTime(t *testing.T) {
	base := time.Date(2026, 3, 2, 10, 4, 58, 0, time.FixedZone("EET", 2*3600))
	for _, c := range []struct {
		ns     int
		digits int
		want   string
	}{
		{916_000_000, 3, "2026-03-02T08:04:58.916Z"},
		{0, 3, "2026-03-02T08:04:58.000Z"},
		{765_433_000, 6, "2026-03-02T08:04:58.765433Z"},
		{765_430_000, 6, "2026-03-02T08:04:58.765430Z"}, // six digits, as Veriff writes them
		{100_000, 6, "2026-03-02T08:04:58.000100Z"},
		{765_433_000, 3, "2026-03-02T08:04:58.765433Z"},
		{765_433_123, 3, "2026-03-02T08:04:58.765433123Z"},
		{765_433_123, 6, "2026-03-02T08:04:58.765433123Z"},
	} {
		tm := base.Add(time.Duration(c.ns))
		got := formatTime(tm, c.digits)
		assert.Equal(t, c.want, got)
		back, err := time.Parse(time.RFC3339Nano, got)
		require.NoError(t, err)
		assert.True(t, back.Equal(tm), "no precision lost")
	}
}

func TestWriterNulls(t *testing.T) {
	var w writer
	w.obj("")
	w.nullBool("a", true, false)
	w.nullBool("b", false, true)
	w.timeMicro("c", time.Time{})
	w.raw("d", nil, "{}")
	w.raw("e", []byte("not json"), "{}")
	w.nullFloat("f", 0, false)
	w.end()
	assert.Equal(t, `{"a":null,"b":false,"c":null,"d":{},"e":"not json","f":null}`, string(w.b))
}

// TestMarshalRoundTrip holds every kind to a round trip through
// encoding/json, in Veriff's shape: for every sample in testdata, a struct
// holding the parsed payload marshals and unmarshals back to a payload
// that marshals to the same bytes, which ParseAny reads as the same kind
// with the same session, unknown values and anomalies.
func TestMarshalRoundTrip(t *testing.T) {
	var files []string
	for _, glob := range []string{"testdata/*.json", "testdata/decision/*.json", "testdata/kinds/*.json", "testdata/spec/*.json"} {
		f, err := filepath.Glob(glob)
		require.NoError(t, err)
		files = append(files, f...)
	}
	kinds := map[Kind]int{}
	for _, file := range files {
		body, err := os.ReadFile(file)
		require.NoError(t, err)
		p, err := ParseAny(body)
		require.NoError(t, err, file)
		kinds[p.Kind()]++
		var out []byte
		switch v := p.(type) {
		case Event:
			out = roundTrip(t, file, v)
		case Decision:
			out = roundTrip(t, file, v)
		case FullAuto:
			out = roundTrip(t, file, v)
		case WatchlistScreening:
			out = roundTrip(t, file, v)
		case UserStatus:
			out = roundTrip(t, file, v)
		case INERegistry:
			out = roundTrip(t, file, v)
		case CURPRegistry:
			out = roundTrip(t, file, v)
		case INECURPRegistry:
			out = roundTrip(t, file, v)
		case Unknown:
			out = roundTrip(t, file, v)
		}
		back, err := ParseAny(out)
		require.NoError(t, err, "%s: %s", file, out)
		assert.Equal(t, p.Kind(), back.Kind(), file)
		assert.Equal(t, p.Session(), back.Session(), file)
		assert.Equal(t, p.UnknownValues(), back.UnknownValues(), file)
		assert.Equal(t, p.Anomalies(), back.Anomalies(), file)
	}
	for _, k := range append(Kinds(), KindUnknown) {
		assert.Positive(t, kinds[k], "a sample of %s", k)
	}
}

// roundTrip marshals a struct holding v, unmarshals it, and checks that
// the payload read marshals to the same bytes as v; it returns v's.
func roundTrip[T Payload](t *testing.T, name string, v T) []byte {
	t.Helper()
	type holder struct {
		P T `json:"payload"`
	}
	b, err := json.Marshal(holder{v})
	require.NoError(t, err, name)
	var back holder
	require.NoError(t, json.Unmarshal(b, &back), "%s: %s", name, b)
	want, err := json.Marshal(v)
	require.NoError(t, err)
	got, err := json.Marshal(back.P)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), name)
	out, err := any(v).(json.Marshaler).MarshalJSON()
	require.NoError(t, err)
	return out
}

// TestEventMarshalShape holds Event.MarshalJSON to Veriff's shape, the one
// webhooktest.EventBody wrote: an empty vendorData or endUserId is null,
// as Veriff sends it for a session created without one.
func TestEventMarshalShape(t *testing.T) {
	out, err := json.Marshal(Event{ID: "i", Feature: FeatureSelfID, Code: CodeStarted, Action: ActionStarted})
	require.NoError(t, err)
	assert.Equal(t, `{"id":"i","feature":"selfid","code":7001,"action":"started","vendorData":null,"endUserId":null}`, string(out))
}

// TestMarshalOptionalMembers holds what MarshalJSON writes only when it
// has a value, as Veriff sends it only to integrations that use it: a
// decision's riskLabels, riskScore (its number in full), udocs, and
// biometricAuthentication when any one of its members is set; a registry
// result's details as sent when kept, else from the typed members.
func TestMarshalOptionalMembers(t *testing.T) {
	members := func(p json.Marshaler, path ...string) map[string]json.RawMessage {
		t.Helper()
		b, err := p.MarshalJSON()
		require.NoError(t, err)
		var m map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(b, &m), "%s", b)
		for _, k := range path {
			require.Contains(t, m, k, "%s", b)
			require.NoError(t, json.Unmarshal(m[k], &m), "%s", b)
		}
		return m
	}
	v := members(Decision{Verification: Verification{ID: "i", Status: StatusApproved}}, "verification")
	for _, k := range []string{"riskLabels", "riskScore", "biometricAuthentication", "udocs", "attemptId"} {
		assert.NotContains(t, v, k, "absent when not set")
	}
	for _, b := range []BiometricAuthentication{{MatchedSessionID: "s"}, {MatchedSessionEndUserID: "u"},
		{MatchedSessionVendorData: "v"}, {Details: json.RawMessage(`{"a":1}`)}} {
		v := members(Decision{Verification: Verification{ID: "i", BiometricAuthentication: b}}, "verification")
		assert.Contains(t, v, "biometricAuthentication", "%+v", b)
	}
	v = members(Decision{Verification: Verification{ID: "i", RiskLabels: []RiskLabel{{Label: "l"}},
		RiskScore: NullFloat{Value: 0.41, Valid: true}, UnstructuredDocs: json.RawMessage(`{ "x": 1 }`)}}, "verification")
	assert.JSONEq(t, `[{"label":"l","category":"","sessionIds":[]}]`, string(v["riskLabels"]))
	assert.Equal(t, `{"score":0.41}`, string(v["riskScore"]))
	assert.Equal(t, `{"x":1}`, string(v["udocs"]), "compacted")

	assert.Equal(t, `{"active":true,"documentState":"ok"}`,
		string(members(INERegistry{Data: INEResult{Active: NullBool{Value: true, Valid: true}, DocumentState: "ok"}}, "data")["details"]))
	assert.Equal(t, `{"kept":1}`, string(members(INERegistry{Data: INEResult{Details: json.RawMessage(`{"kept":1}`)}}, "data")["details"]))
	assert.Equal(t, `{"statusCurp":"AN","curp":"C","description":"d"}`,
		string(members(CURPRegistry{Data: CURPResult{StatusCURP: CURPStatusAN, CURP: "C", Description: "d"}}, "data")["details"]))
	assert.Equal(t, `{"kept":1}`, string(members(CURPRegistry{Data: CURPResult{Details: json.RawMessage(`{"kept":1}`)}}, "data")["details"]))

	// A screening's searchTerm and a decision's additionalVerifiedData as
	// kept, else from their typed members; addresses only when there are.
	assert.Equal(t, `{"name":"n","extra":1}`,
		string(members(WatchlistScreening{SearchTerm: SearchTerm{Name: "x", Raw: json.RawMessage(`{"name":"n", "extra":1}`)}})["searchTerm"]))
	assert.Equal(t, `{"name":"n","year":"1990"}`, string(members(WatchlistScreening{SearchTerm: SearchTerm{Name: "n", Year: "1990"}})["searchTerm"]))
	v = members(Decision{Verification: Verification{AdditionalVerifiedData: AdditionalVerifiedData{
		EstimatedAge: NullFloat{Value: 30, Valid: true}, Raw: json.RawMessage(`{"kept":1}`)}}}, "verification")
	assert.Equal(t, `{"kept":1}`, string(v["additionalVerifiedData"]))
	v = members(Decision{Verification: Verification{AdditionalVerifiedData: AdditionalVerifiedData{EstimatedAge: NullFloat{Value: 30, Valid: true}}}}, "verification")
	assert.Equal(t, `{"estimatedAge":30}`, string(v["additionalVerifiedData"]))
	assert.NotContains(t, members(Decision{}, "verification", "person"), "addresses")
	assert.Contains(t, members(Decision{Verification: Verification{Person: Person{Addresses: []Address{{FullAddress: "a"}}}}}, "verification", "person"), "addresses")

	// An Unknown is its Raw, compacted; the zero one an empty object.
	for raw, want := range map[string]string{"": `{}`, ` { "a" : 1 } `: `{"a":1}`} {
		u := Unknown{}
		if raw != "" {
			u.Raw = json.RawMessage(raw)
		}
		b, err := u.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
	}
}
