package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kindOfFixture is the kind each sample of testdata must be detected as,
// by folder and, in testdata/kinds, by the start of the file name.
func kindOfFixture(t *testing.T, file string) Kind {
	switch filepath.Dir(file) {
	case "testdata":
		return KindEvent
	case filepath.Join("testdata", "decision"):
		return KindDecision
	}
	for prefix, k := range map[string]Kind{"ine-curp-": KindINECURP, "ine-": KindINE, "curp-": KindCURP, "watchlist-": KindWatchlistScreening,
		"fullauto-": KindFullAuto, "user-status-": KindUserStatus, "unknown-": KindUnknown} {
		if strings.HasPrefix(filepath.Base(file), prefix) && !(prefix == "ine-" && strings.HasPrefix(filepath.Base(file), "ine-curp-")) {
			return k
		}
	}
	t.Fatalf("%s: no kind for this file name", file)
	return ""
}

// allSamples returns every valid payload of testdata, of every kind.
func allSamples(t *testing.T) []string {
	var files []string
	for _, pattern := range []string{"testdata/*.json", "testdata/decision/*.json", "testdata/kinds/*.json"} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		files = append(files, m...)
	}
	return files
}

// TestParseAnySamples detects the kind of every sample, as sent and on one
// line, both by the quick skim and by the strict reader, and checks that
// ParseAny gives what the kind's own parser gives.
func TestParseAnySamples(t *testing.T) {
	files := allSamples(t)
	require.GreaterOrEqual(t, len(files), 30)
	seen := map[Kind]bool{}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			body, err := os.ReadFile(file)
			require.NoError(t, err)
			want := kindOfFixture(t, file)
			seen[want] = true
			for _, b := range [][]byte{body, compact(t, body)} {
				k, err := detectKind(b)
				require.NoError(t, err)
				assert.Equal(t, want, k, "detectKind")
				if sk, ok := skimKind(b); ok {
					assert.Equal(t, want, sk, "skimKind")
				}
				p, err := ParseAny(b)
				require.NoError(t, err)
				assert.Equal(t, want, p.Kind())
				switch want {
				case KindEvent:
					e, err := Parse(b)
					require.NoError(t, err)
					assert.Equal(t, e, p)
				case KindDecision:
					d, err := ParseDecision(b)
					require.NoError(t, err)
					assert.Equal(t, d, p)
				case KindUnknown:
					assert.Equal(t, b, []byte(p.(Unknown).Raw))
				}
			}
		})
	}
	for _, k := range []Kind{KindEvent, KindDecision, KindWatchlistScreening, KindFullAuto, KindUserStatus, KindINE, KindCURP, KindINECURP, KindUnknown} {
		assert.True(t, seen[k], "a sample of every kind: %s", k)
	}
}

// TestKindGolden pins the parsed form of the samples of the other kinds.
func TestKindGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/kinds/*.json")
	require.NoError(t, err)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			body, err := os.ReadFile(file)
			require.NoError(t, err)
			p, err := ParseAny(body)
			require.NoError(t, err)
			got := renderValue(fmt.Sprintf("%T", p)[len("webhook."):], p)
			got += fmt.Sprintf("UnknownValues: %q\nSession: %+v\n", p.UnknownValues(), p.Session())
			checkGolden(t, file, got)
		})
	}
}

// TestKindDocumented pins values of Veriff's samples of the other kinds
// independently of the golden files: each is read off the sample by hand.
func TestKindDocumented(t *testing.T) {
	parse := func(file string) Payload {
		body, err := os.ReadFile("testdata/kinds/" + file)
		require.NoError(t, err)
		p, err := ParseAny(body)
		require.NoError(t, err)
		return p
	}
	ine := parse("ine-documented.json").(INERegistry)
	assert.Equal(t, "f04bdb47-d3be-4b28-b028-a652feb060b5", ine.SessionID)
	assert.Equal(t, "La credencial es válida", ine.Data.Status)
	assert.Equal(t, 200, ine.Data.Code)
	assert.Equal(t, NullBool{true, true}, ine.Data.Active)
	assert.Equal(t, "El documento es válido.", ine.Data.DocumentState)

	curp := parse("curp-documented.json").(CURPRegistry)
	assert.Equal(t, "f04bdb47-d3be-4b28-b028-a652feb060b5", curp.ID)
	assert.Equal(t, "e30122d1-740b-4764-853f-470374a7abf4", curp.Data.AttemptID)
	assert.Equal(t, CURPStatusRCN, curp.Data.StatusCURP)
	assert.True(t, curp.Data.StatusCURP.IsActive())
	assert.Equal(t, "VISH760905HSRLNN06", curp.Data.CURP)

	wl := parse("watchlist-screening-documented-old.json").(WatchlistScreening)
	assert.Equal(t, CheckTypeUpdatedResult, wl.CheckType)
	assert.Equal(t, MatchStatusPossibleMatch, wl.MatchStatus)
	assert.Equal(t, SearchTerm{Name: "Mirko Kokki", Year: "1960", Raw: wl.SearchTerm.Raw}, wl.SearchTerm)
	assert.Equal(t, 5, wl.TotalHits)
	require.Len(t, wl.Hits, 1)
	h := wl.Hits[0]
	assert.Equal(t, "Miro kokkino", h.MatchedName)
	assert.Equal(t, []string{"Australia", "Brazil"}, h.Countries)
	assert.Equal(t, []string{"name_fuzzy"}, h.MatchTypes)
	assert.Equal(t, []WatchlistListing{{SourceName: "FBI Most Wanted", SourceURL: "http://www.fbi.gov/wanted"}}, h.Listings.Warnings)
	assert.Len(t, h.Listings.Sanctions, 2)
	assert.Equal(t, "United Kingdom Insolvency Service Disqualified Directors", h.Listings.FitnessProbity[0].SourceName, "snake case")
	assert.Equal(t, "https://www.navy.mil/Leadership/Biographies/", h.Listings.PEP[0].SourceURL, "snake case")
	assert.Equal(t, "2020-09-23T00:00:00Z", h.Listings.AdverseMedia[0].Date)

	us := parse("user-status-documented-completed.json").(UserStatus)
	assert.Equal(t, "a1c68aea-7f4d-478d-80ab-ca9356074f69", us.VerificationID)
	assert.Equal(t, "Custom status for suspicious attempt", us.Status.Status)
	assert.Equal(t, "custom_status_for_suspicious_attempt", us.Status.StatusCode)
	assert.Equal(t, "Looks like velocity abuse", us.Status.Reason)
	assert.Equal(t, "", us.Status.ReasonCode)
	assert.Equal(t, "2023-10-27T09:59:15.090805Z", us.Status.CreatedAt.Format("2006-01-02T15:04:05.000000Z07:00"))
	assert.Nil(t, us.UnknownValues())
}

// TestParseAnyNearMisses checks bodies that look like one kind but are
// another, or break a kind's rules.
func TestParseAnyNearMisses(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		kind       Kind   // when valid
		field      string // when invalid
		cause      error
	}{
		{"event with an extra eventType", `{"id":"i","feature":"selfid","code":7002,"action":"submitted","eventType":"something"}`, KindEvent, "", nil},
		{"event without action", `{"id":"i","feature":"selfid","code":7002}`, KindEvent, "", nil},
		{"event without code", `{"id":"i","feature":"selfid","action":"submitted"}`, KindEvent, "", nil},
		{"event without feature", `{"id":"i","code":7002,"action":"submitted"}`, KindEvent, "", nil},
		{"event with neither code nor action", `{"id":"i","feature":"selfid","code":null,"action":null}`, "", "code", ErrMissingMember},
		{"action alone is no event", `{"eventType":"something.new","sessionId":"s","action":"created"}`, KindUnknown, "", nil},
		{"code alone is no event", `{"id":"i","code":7002}`, KindUnknown, "", nil},
		{"feature alone is no event", `{"id":"i","feature":"selfid"}`, KindUnknown, "", nil},
		{"event with a bad code", `{"id":"i","feature":"selfid","code":"x","action":"submitted"}`, "", "code", ErrWrongType},
		{"decision whose verification is null", `{"status":"success","verification":null}`, "", "verification", ErrMissingMember},
		{"decision whose verification is a string", `{"verification":"v"}`, "", "verification", ErrWrongType},
		{"decision with an unknown eventType is a decision", `{"verification":{"id":"i","status":"approved","code":9001},"eventType":"decision"}`, KindDecision, "", nil},
		{"decision with eventType null", `{"eventType":null,"verification":{"id":"i","status":"approved","code":9001}}`, KindDecision, "", nil},
		{"decision with an unknown eventType, invalid", `{"verification":{},"eventType":"x"}`, "", "verification.id", ErrMissingMember},
		{"event with a verification member is read as a decision", `{"id":"i","feature":"selfid","code":7002,"action":"submitted","verification":{}}`, "", "verification.id", ErrMissingMember},
		{"full auto wins over verification", `{"eventType":"fullauto","sessionId":"s","verification":"x"}`, KindFullAuto, "", nil},
		{"starts like a decision, eventType fullauto", `{"status":"success","verification":{"id":"i","status":"approved","code":9001},"eventType":"fullauto","sessionId":"s"}`, KindFullAuto, "", nil},
		{"starts like a decision, type curp_registry", `{"verification":{"id":"i","status":"approved","code":9001},"type":"curp_registry","id":"s"}`, KindCURP, "", nil},
		{"starts like a decision, escaped eventType", `{"status":"success","verification":{"id":"i","status":"approved","code":9001},"eventType":"ine\u005fregistry","sessionId":"s"}`, KindINE, "", nil},
		{"starts like a decision, eventType not a string", `{"status":"success","verification":{"id":"i","status":"approved","code":9001},"eventType":{"a":"fullauto"}}`, KindDecision, "", nil},
		{"starts like a decision, no code", `{"status":"success","verification":{"id":"i","status":"approved"}}`, KindDecision, "", nil},
		{"starts like a decision, invalid", `{"status":"success","verification":{"id":"i","code":9001}}`, "", "verification.status", ErrMissingMember},
		{"starts like a decision, status an object", `{"status":{"a":[1]},"verification":{"id":"i","status":"approved","code":9001}}`, "", "status", ErrWrongType},
		{"CURP with eventType", `{"type":"curp_registry","id":"s","eventType":"something"}`, KindCURP, "", nil},
		{"CURP without id", `{"type":"curp_registry","data":{}}`, "", "id", ErrMissingMember},
		{"unknown eventType", `{"eventType":"transportation_registry","sessionId":"s"}`, KindUnknown, "", nil},
		{"unknown type", `{"type":"rfc_registry","id":"s"}`, KindUnknown, "", nil},
		{"eventType not a string", `{"eventType":7,"sessionId":"s"}`, KindUnknown, "", nil},
		{"empty object", `{}`, KindUnknown, "", nil},
		{"matchStatus and an unknown member", `{"matchStatus":"no_match","note":1}`, KindUnknown, "", nil},
		{"checkType and an unknown member, escaped", `{"checkType":"initial_result","n\u006fte":1}`, KindUnknown, "", nil},
		{"user status with another event", `{"eventType":"user-status.deleted","data":null}`, KindUserStatus, "", nil},
		{"user status, eventType only", `{"eventType":"user-status."}`, KindUserStatus, "", nil},
		{"full auto without sessionId", `{"eventType":"fullauto","data":{"verification":{"decision":"approved"}}}`, "", "sessionId", ErrMissingMember},
		{"full auto with a bad score", `{"eventType":"fullauto","sessionId":"s","data":{"verification":{"decisionScore":"high"}}}`, "", "data.verification.decisionScore", ErrWrongType},
		{"INE without sessionId", `{"eventType":"ine_registry"}`, "", "sessionId", ErrMissingMember},
		{"INE with details a list", `{"eventType":"ine_registry","sessionId":"s","data":{"details":[]}}`, "", "data.details", ErrWrongType},
		{"INE+CURP with data a string", `{"eventType":"combined-ine-curp-registry","sessionId":"s","data":"x"}`, "", "data", ErrWrongType},
		{"matchStatus alone is no watchlist", `{"matchStatus":"no_match"}`, KindUnknown, "", nil},
		{"checkType alone is no watchlist", `{"checkType":"initial_result"}`, KindUnknown, "", nil},
		{"watchlist with matchStatus null", `{"checkType":"initial_result","matchStatus":null}`, "", "matchStatus", ErrMissingMember},
		{"watchlist with checkType empty", `{"checkType":"","matchStatus":"no_match"}`, "", "checkType", ErrMissingMember},
		{"INE without data code", `{"eventType":"ine_registry","sessionId":"s","data":{"status":"x"}}`, KindINE, "", nil},
		{"CURP without data code", `{"type":"curp_registry","id":"s","data":{"status":"found"}}`, KindCURP, "", nil},
		{"watchlist with both spellings", `{"checkType":"initial_result","matchStatus":"possible_match","hits":[{"listingsRelatedToMatch":{"pep":[{"sourceName":"a","source_name":"b"}]}}]}`,
			"", "hits[0].listingsRelatedToMatch.pep[0].source_name", ErrDuplicateMember},
		{"watchlist with totalHits a float", `{"checkType":"initial_result","matchStatus":"no_match","totalHits":1.5}`, "", "totalHits", ErrWrongType},
		{"escaped eventType", `{"eventT\u0079pe":"fullauto","sessionId":"s"}`, KindFullAuto, "", nil},
		{"escaped eventType value", `{"eventType":"full\u0061uto","sessionId":"s"}`, KindFullAuto, "", nil},
		{"duplicate eventType", `{"eventType":"fullauto","eventType":"ine_registry","sessionId":"s"}`, "", "eventType", ErrDuplicateMember},
		{"unknown kind, malformed", `{"x":[1,2}`, "", "x", ErrSyntax},
		{"unknown kind, duplicate deep", `{"x":{"a":1,"a":2}}`, "", "x.a", ErrDuplicateMember},
		{"not an object", `[{"verification":{}}]`, "", "", ErrWrongType},
		{"trailing data", `{} {}`, "", "", ErrSyntax},
		{"invalid UTF-8 in unknown", "{\"x\":\"\xff\"}", "", "x", ErrSyntax},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseAny([]byte(tc.body))
			k, derr := detectKind([]byte(tc.body))
			if sk, ok := skimKind([]byte(tc.body)); ok && derr == nil {
				assert.Equal(t, k, sk, "skimKind agrees with detectKind")
			}
			if tc.cause == nil {
				require.NoError(t, err)
				assert.Equal(t, tc.kind, p.Kind())
				assert.Equal(t, tc.kind, k)
				return
			}
			require.ErrorIs(t, err, ErrInvalidPayload)
			require.ErrorIs(t, err, tc.cause)
			var pe *PayloadError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.field, pe.Field)
		})
	}
}

// TestSkimKind checks that the quick skim, where it decides, agrees with
// the strict reader on every sample of at most 1 KiB (one of each kind)
// with each byte deleted or replaced by a byte of JSON's structure.
func TestSkimKind(t *testing.T) {
	subst := []byte("\"\\{}[],:\x80")
	for _, file := range allSamples(t) {
		body, err := os.ReadFile(file)
		require.NoError(t, err)
		if body = compact(t, body); len(body) > 1024 {
			continue
		}
		check := func(b []byte) {
			b = slices.Clip(b)
			sk, ok := skimKind(b)
			if !ok {
				return
			}
			if k, err := detectKind(b); err == nil && k != sk {
				t.Fatalf("%s: skimKind says %s, detectKind %s: %s", file, sk, k, b)
			}
		}
		for n := range len(body) {
			check(body[:n])
			check(slices.Concat(body[:n], body[n+1:]))
			for _, c := range subst {
				m := bytes.Clone(body)
				m[n] = c
				check(m)
			}
		}
	}
}

func TestParseAnyDisallowUnknownMembers(t *testing.T) {
	strict := ParseOptions{DisallowUnknownMembers: true}
	for body, field := range map[string]string{
		`{"eventType":"fullauto","sessionId":"s","extra":1}`:                                               "extra",
		`{"checkType":"initial_result","matchStatus":"no_match","hits":[{"x":1}]}`:                         "hits[0].x",
		`{"type":"curp_registry","id":"s","data":{"x":1}}`:                                                 "data.x",
		`{"eventType":"user-status.created","data":{"verification":{"x":1}}}`:                              "data.verification.x",
		`{"id":"i","feature":"selfid","code":7002,"action":"submitted","x":1}`:                             "x",
		`{"verification":{"id":"i","status":"approved","code":9001},"x":1}`:                                "x",
		`{"eventType":"ine_registry","sessionId":"s","data":{"details":{"x":1},"y":2}}`:                    "data.y",
		`{"status":"success","verification":{"id":"i","status":"approved","code":9001},"eventType":"new"}`: "eventType",
	} {
		_, err := strict.ParseAny([]byte(body))
		require.ErrorIs(t, err, ErrUnknownMember, body)
		var pe *PayloadError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, field, pe.Field, body)
		_, err = ParseAny([]byte(body))
		assert.NoError(t, err, body)
	}
	// The members of an unknown kind, and of what is kept whole, are all
	// kept: none is unknown.
	for _, body := range []string{`{"anything":1}`, `{"eventType":"ine_registry","sessionId":"s","data":{"details":{"x":1}}}`,
		`{"checkType":"initial_result","matchStatus":"no_match","searchTerm":{"lists":["a"]}}`} {
		_, err := strict.ParseAny([]byte(body))
		assert.NoError(t, err, body)
	}
}

func TestKindValues(t *testing.T) {
	for _, k := range []Kind{KindEvent, KindDecision, KindWatchlistScreening, KindFullAuto, KindUserStatus, KindINE, KindCURP, KindINECURP, KindUnknown} {
		assert.Equal(t, string(k), k.String())
	}
	for _, tc := range []struct {
		p    Payload
		kind Kind
	}{{Event{}, KindEvent}, {Decision{}, KindDecision}, {WatchlistScreening{}, KindWatchlistScreening}, {FullAuto{}, KindFullAuto},
		{UserStatus{}, KindUserStatus}, {INERegistry{}, KindINE}, {CURPRegistry{}, KindCURP}, {INECURPRegistry{}, KindINECURP}, {Unknown{}, KindUnknown}} {
		assert.Equal(t, tc.kind, tc.p.Kind())
	}
	assert.True(t, CheckTypeInitialResult.IsKnown())
	assert.True(t, CheckTypeUpdatedResult.IsKnown())
	assert.False(t, CheckType("daily_result").IsKnown())
	assert.True(t, MatchStatusNoMatch.IsKnown())
	assert.True(t, MatchStatusPossibleMatch.IsKnown())
	assert.False(t, MatchStatus("match").IsKnown())
	for _, r := range []InsightResult{InsightResultYes, InsightResultLikelyYes, InsightResultNo, InsightResultNotApplicable} {
		assert.True(t, r.IsKnown(), "%s", r)
		assert.Equal(t, string(r), r.String())
	}
	assert.False(t, InsightResult("likelyNo").IsKnown())
	for _, c := range []Confidence{ConfidenceHigh, ConfidenceMedium, ConfidenceLow} {
		assert.True(t, c.IsKnown(), "%s", c)
	}
	assert.False(t, Confidence("certain").IsKnown())
	active := []CURPStatus{CURPStatusAN, CURPStatusAH, CURPStatusCRA, CURPStatusRCN, CURPStatusRCC}
	inactive := []CURPStatus{CURPStatusBD, CURPStatusBDA, CURPStatusBCC, CURPStatusBCN}
	for _, s := range active {
		assert.True(t, s.IsKnown() && s.IsActive(), "%s", s)
	}
	for _, s := range inactive {
		assert.True(t, s.IsKnown() && !s.IsActive(), "%s", s)
	}
	assert.Len(t, curpStatuses, len(active)+len(inactive))
	assert.False(t, CURPStatus("XX").IsKnown() || CURPStatus("XX").IsActive())

	// Unknown values of each kind are reported, absent ones are not.
	w := WatchlistScreening{CheckType: "daily", MatchStatus: "maybe"}
	assert.Equal(t, []string{"checkType", "matchStatus"}, w.UnknownValues())
	assert.Nil(t, WatchlistScreening{CheckType: CheckTypeInitialResult, MatchStatus: MatchStatusNoMatch}.UnknownValues())
	f := FullAuto{Verification: FullAutoVerification{Decision: "maybe", Person: map[string]ExtractedValue{"b": {Confidence: "x"}, "a": {Confidence: "y"}, "c": {}},
		Document: map[string]ExtractedValue{"type": {Confidence: ConfidenceHigh}}, Insights: []Insight{{Result: InsightResultNo}, {Result: "perhaps"}, {}}}}
	assert.Equal(t, []string{"data.verification.decision", "data.verification.person.a.confidenceCategory",
		"data.verification.person.b.confidenceCategory", "data.verification.insights[1].result"}, f.UnknownValues())
	assert.Nil(t, FullAuto{}.UnknownValues())
	assert.Equal(t, []string{"data.details.statusCurp"}, CURPRegistry{Data: CURPResult{StatusCURP: "XX"}}.UnknownValues())
	assert.Nil(t, CURPRegistry{}.UnknownValues())
	assert.Equal(t, []string{"eventType"}, UserStatus{EventType: "user-status.deleted"}.UnknownValues())
}

// TestParseAnyDoesNotRetainBody checks that the payloads of the other kinds
// copy what they keep.
func TestParseAnyDoesNotRetainBody(t *testing.T) {
	for _, file := range allSamples(t) {
		body, err := os.ReadFile(file)
		require.NoError(t, err)
		p, err := ParseAny(body)
		require.NoError(t, err)
		before := fmt.Sprintf("%#v", p)
		for i := range body {
			body[i] = 'X'
		}
		assert.Equal(t, before, fmt.Sprintf("%#v", p), file)
	}
}

// TestUnknownRaw checks that an Unknown holds its body exactly.
func TestUnknownRaw(t *testing.T) {
	body := []byte(" {\"a\" : [1, \"\\u00e9\"] }\n")
	p, err := ParseAny(body)
	require.NoError(t, err)
	u := p.(Unknown)
	assert.Equal(t, body, []byte(u.Raw))
	var v map[string]any
	require.NoError(t, json.Unmarshal(u.Raw, &v))
}

// TestHandlerEveryKind sends a signed sample of every kind to one Handler:
// each is delivered typed, an unknown kind is delivered and logged, and a
// verified body that does not parse goes to OnInvalidPayload before 400.
func TestHandlerEveryKind(t *testing.T) {
	var logs bytes.Buffer
	var got []Kind
	var unknownCalls, invalidCalls []string
	var invalidErr error
	h, err := NewHandler(Config{
		SecretsByAPIKey: map[string][]string{"live": {"s1"}, "test": {"s2"}},
		Logger:          slog.New(slog.NewTextHandler(&logs, nil)),
		OnUnknown: func(_ context.Context, d Delivery, _ Findings) {
			unknownCalls = append(unknownCalls, string(d.Payload.Kind()))
		},
		OnInvalidPayload: func(_ context.Context, d Delivery, err error) {
			assert.Nil(t, d.Payload)
			invalidCalls = append(invalidCalls, d.APIKey+" "+string(d.Body))
			invalidErr = err
		},
	}, func(_ context.Context, d Delivery) error {
		got = append(got, d.Payload.Kind())
		return nil
	})
	require.NoError(t, err)
	send := func(body []byte, key, secret string) int {
		r, err := NewSignedRequest("/", body, key, secret)
		require.NoError(t, err)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	var want []Kind
	for i, file := range allSamples(t) {
		body, err := os.ReadFile(file)
		require.NoError(t, err)
		key, secret := "live", "s1"
		if i%2 == 1 {
			key, secret = "test", "s2"
		}
		assert.Equal(t, 200, send(body, key, secret), file)
		want = append(want, kindOfFixture(t, file))
	}
	assert.Equal(t, want, got, "every kind delivered, typed")
	assert.Contains(t, unknownCalls, string(KindUnknown))
	assert.Contains(t, logs.String(), "delivery of an unknown kind")

	// A decision whose JSON is broken: verified, so handed over, then 400.
	broken := []byte(`{"status":"success","verification":{"id":"i","status":"approved","code":9001,}}`)
	assert.Equal(t, 400, send(broken, "live", "s1"))
	assert.Equal(t, []string{"live " + string(broken)}, invalidCalls)
	assert.ErrorIs(t, invalidErr, ErrSyntax)
	// Forged: never handed over.
	assert.Equal(t, 401, send(broken, "live", "s2"))
	assert.Len(t, invalidCalls, 1, "an unverified body is not Veriff's data")
	// A decision holding unknown values is logged with its kind.
	logs.Reset()
	assert.Equal(t, 200, send([]byte(`{"verification":{"id":"i","status":"on_hold","code":9001}}`), "live", "s1"))
	assert.Contains(t, logs.String(), "kind=decision")
	assert.Contains(t, logs.String(), "status=on_hold")
}

// TestDepthInEveryContainer checks that nesting is counted from the body
// alike in every object and array the models read: MaxDepth levels in all
// are accepted, one more is not. Each body holds "X" where an unknown
// member goes, in a container at the given depth.
func TestDepthInEveryContainer(t *testing.T) {
	for _, tc := range []struct {
		body  string
		depth int // of the container holding X
	}{
		{`{X,"id":"i","feature":"f","code":1,"action":"a"}`, 1},
		{`{"id":"i","feature":"f","code":1,"action":"a","context":{X}}`, 2},
		{`{"verification":{X,"id":"i","status":"s","code":1}}`, 2},
		{`{"verification":{"id":"i","status":"s","code":1,"person":{"addresses":[{"parsedAddress":{X}}]}}}`, 6},
		{`{"verification":{"id":"i","status":"s","code":1,"riskLabels":[{X}]}}`, 4},
		{`{"verification":{"id":"i","status":"s","code":1,"riskScore":{X}}}`, 3},
		{`{"verification":{"id":"i","status":"s","code":1,"biometricAuthentication":{"details":{X}}}}`, 4},
		{`{"verification":{"id":"i","status":"s","code":1,"additionalVerifiedData":{X}}}`, 3},
		{`{"technicalData":{X},"verification":{"id":"i","status":"s","code":1}}`, 2},
		{`{"checkType":"c","matchStatus":"m","searchTerm":{X}}`, 2},
		{`{"checkType":"c","matchStatus":"m","hits":[{"listingsRelatedToMatch":{"pep":[{X}]}}]}`, 6},
		{`{"eventType":"fullauto","sessionId":"s","data":{"verification":{"person":{"firstName":{X}}}}}`, 5},
		{`{"eventType":"fullauto","sessionId":"s","data":{"verification":{"insights":[{X}]}}}`, 5},
		{`{"eventType":"user-status.created","data":{"verification":{"userDefinedData":{X}}}}`, 4},
		{`{"eventType":"ine_registry","sessionId":"s","data":{"details":{X}}}`, 3},
		{`{"type":"curp_registry","id":"s","data":{"details":{X}}}`, 3},
		{`{"eventType":"combined-ine-curp-registry","sessionId":"s","data":{X}}`, 2},
		{`{"x":{X}}`, 2},
	} {
		// "x" holds arrays nested n deep: the deepest at depth+n.
		nest := func(n int) string { return `"x":` + strings.Repeat("[", n) + strings.Repeat("]", n) }
		ok := strings.Replace(tc.body, "X", nest(MaxDepth-tc.depth), 1)
		_, err := ParseAny([]byte(ok))
		assert.NoError(t, err, "%s at depth %d", tc.body, MaxDepth)
		deep := strings.Replace(tc.body, "X", nest(MaxDepth-tc.depth+1), 1)
		_, err = ParseAny([]byte(deep))
		assert.ErrorIs(t, err, ErrTooDeep, "%s at depth %d", tc.body, MaxDepth+1)
	}
}

// TestCodesOfTheOtherWebhook checks that a decision's code in an event, and
// an event's code in a decision, are reported as unknown values.
func TestCodesOfTheOtherWebhook(t *testing.T) {
	e, err := Parse([]byte(`{"id":"i","feature":"selfid","code":9001,"action":"submitted"}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"code"}, e.UnknownValues())
	d, err := ParseDecision([]byte(`{"verification":{"id":"i","status":"approved","code":7002}}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"verification.code"}, d.UnknownValues())
}

// TestListingBothSpellingsOffset checks that the duplicate of a listing
// member spelled both ways is reported at the second name.
func TestListingBothSpellingsOffset(t *testing.T) {
	body := `{"checkType":"c","matchStatus":"m","hits":[{"listingsRelatedToMatch":{"pep":[{"sourceUrl":"a","source_url":"b"}]}}]}`
	_, err := ParseAny([]byte(body))
	var pe *PayloadError
	require.ErrorAs(t, err, &pe)
	assert.ErrorIs(t, err, ErrDuplicateMember)
	assert.Equal(t, strings.Index(body, `"source_url"`), pe.Offset)
	assert.Equal(t, "hits[0].listingsRelatedToMatch.pep[0].source_url", pe.Field)
}

// TestReceiveKeepsOnlyVerifiedBytes checks that Receive returns a body and
// an API key only once the signature checked out.
func TestReceiveKeepsOnlyVerifiedBytes(t *testing.T) {
	rc, err := NewReceiver(Config{SecretsByAPIKey: map[string][]string{"k": {"s"}}})
	require.NoError(t, err)
	for _, tc := range []struct {
		key, secret, body string
		wantBody          bool
	}{
		{"k", "other", `{"verification":{}}`, false}, // forged
		{"x", "s", `{"verification":{}}`, false},     // unknown API key
		{"k", "s", `{"verification":{}}`, true},      // verified, invalid
	} {
		r, err := NewSignedRequest("/", []byte(tc.body), tc.key, tc.secret)
		require.NoError(t, err)
		d, err := rc.Receive(r)
		require.Error(t, err)
		if tc.wantBody {
			assert.ErrorIs(t, err, ErrInvalidPayload)
			assert.Equal(t, Delivery{Body: []byte(tc.body), APIKey: "k"}, d)
		} else {
			assert.ErrorIs(t, err, ErrInvalidSignature)
			assert.Equal(t, Delivery{}, d, "nothing unverified comes back")
		}
	}
	r, err := NewSignedRequest("/", []byte(`{}`), "k", "s")
	require.NoError(t, err)
	r.Header.Del(HeaderSignature)
	d, err := rc.Receive(r)
	assert.ErrorIs(t, err, ErrMissingSignature)
	assert.Equal(t, Delivery{}, d)
}

// TestParseAnyPrefixes parses every prefix of every sample, each in a
// buffer clipped to its length, so that reading one byte past the end
// panics instead of finding spare capacity: every prefix is an error, none
// panics.
func TestParseAnyPrefixes(t *testing.T) {
	for _, file := range allSamples(t) {
		body, err := os.ReadFile(file)
		require.NoError(t, err)
		for _, b := range [][]byte{body, compact(t, body)} {
			for n := range len(bytes.TrimRight(b, " \n")) {
				prefix := slices.Clip(bytes.Clone(b[:n]))
				var err error
				require.NotPanics(t, func() { _, err = ParseAny(prefix) }, "%s[:%d]", file, n)
				require.Error(t, err, "%s[:%d]", file, n)
				require.ErrorIs(t, err, ErrInvalidPayload)
			}
		}
	}
}

// TestWrongTypeAtTheDepthLimit checks that a value of the wrong type is
// skipped at its own depth before it is reported: nested to the limit, it
// is ErrWrongType; one deeper, ErrTooDeep.
func TestWrongTypeAtTheDepthLimit(t *testing.T) {
	for _, tc := range []struct {
		body  string
		depth int // of the object holding X
	}{
		{`{"verification":{"id":"i","status":"s","code":1,"person":X}}`, 2},
		{`{"verification":{"id":"i","status":"s","code":1,"riskLabels":[X]}}`, 3},
		{`{"checkType":"c","matchStatus":"m","hits":[{"listingsRelatedToMatch":X}]}`, 3},
		{`{"verification":{"id":"i","status":"s","code":1,"person":{"addresses":{"x":X}}}}`, 4},
	} {
		nest := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
		_, err := ParseAny([]byte(strings.Replace(tc.body, "X", nest(MaxDepth-tc.depth), 1)))
		assert.ErrorIs(t, err, ErrWrongType, tc.body)
		_, err = ParseAny([]byte(strings.Replace(tc.body, "X", nest(MaxDepth-tc.depth+1), 1)))
		assert.ErrorIs(t, err, ErrTooDeep, tc.body)
	}
}

// TestRequiredMemberOffsets checks where a required member that is null
// or empty is reported: at its value, not at the object that holds it.
func TestRequiredMemberOffsets(t *testing.T) {
	for _, tc := range []struct{ body, at, field string }{
		{`{"verification":{"id":null,"status":"approved","code":9001}}`, `null`, "verification.id"},
		{`{"verification":{"id":"","status":"approved","code":9001}}`, `""`, "verification.id"},
		{`{"verification":{"id":"i","status":"","code":9001}}`, `""`, "verification.status"},
		{`{"verification":{"id":"i","status":null,"code":null}}`, `null`, "verification.status"},
		{`{"verification":{"status":"approved","code":9001}}`, `{"status"`, "verification.id"},
		{`{"checkType":null,"matchStatus":"m"}`, `null`, "checkType"},
		{`{"eventType":"fullauto","sessionId":""}`, `""`, "sessionId"},
	} {
		_, err := ParseAny([]byte(tc.body))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, tc.body)
		assert.ErrorIs(t, err, ErrMissingMember, tc.body)
		assert.Equal(t, tc.field, pe.Field, tc.body)
		assert.Equal(t, strings.Index(tc.body, tc.at), pe.Offset, tc.body)
	}
}

// TestKinds holds Kinds and Kind.IsKnown to the kind constants: every typed
// kind once, in ParseAny's order, never KindUnknown, and a copy each call.
func TestKinds(t *testing.T) {
	want := []Kind{KindFullAuto, KindUserStatus, KindINE, KindINECURP, KindCURP, KindDecision, KindWatchlistScreening, KindEvent}
	assert.Equal(t, want, Kinds())
	ks := Kinds()
	ks[0] = KindUnknown
	assert.Equal(t, KindFullAuto, Kinds()[0], "Kinds returns a copy")
	for _, k := range want {
		assert.True(t, k.IsKnown(), "%s", k)
	}
	for _, k := range []Kind{KindUnknown, "", "Event", "events", "decision "} {
		assert.False(t, k.IsKnown(), "%q", k)
	}
	_, _, docs := constants(t, "kind.go", "Kind")
	assert.Len(t, docs, len(want)+1, "a constant for each typed kind and KindUnknown")
}

// TestParseAnyStartsLikeDecision checks ParseAny's reading of a body that
// starts as decisions do: a decision with members a decision does not
// define is still a decision, read once; an eventType of another kind wins
// whether the body is a valid decision or not, and the decision's error is
// never reported for a body of another kind.
func TestParseAnyStartsLikeDecision(t *testing.T) {
	const v = `"verification":{"id":"i","status":"approved","code":9001}`
	for body, want := range map[string]Kind{
		`{` + v + `}`:                                               KindDecision,
		`{"status":"success",` + v + `,"x":1}`:                      KindDecision,
		`{` + v + `,"eventType":"new-kind"}`:                        KindDecision,
		`{` + v + `,"eventType":"fullauto","sessionId":"s"}`:        KindFullAuto,
		`{"verification":1,"eventType":"fullauto","sessionId":"s"}`: KindFullAuto,
		`{"verification":{},"type":"curp_registry","id":"s"}`:       KindCURP,
	} {
		require.True(t, startsLikeDecision([]byte(body)), body)
		p, err := ParseAny([]byte(body))
		require.NoError(t, err, body)
		assert.Equal(t, want, p.Kind(), body)
		if want == KindDecision {
			d, err := ParseDecision([]byte(body))
			require.NoError(t, err)
			assert.Equal(t, d, p, body)
		}
	}
	// A decision's error when the body is a decision, with or without
	// members a decision does not define.
	for _, body := range []string{`{"verification":{"id":"i","code":9001}}`,
		`{"verification":{"id":"i","code":9001},"x":1}`} {
		_, err := ParseAny([]byte(body))
		_, want := ParseDecision([]byte(body))
		require.Error(t, want)
		assert.Equal(t, want, err, body)
	}
}

// TestKindTable checks the table of kinds: one row per kind, each row's
// signal telling its own samples, and ParseAny's documentation listing the
// kinds in the table's order.
func TestKindTable(t *testing.T) {
	typeOf := map[Kind]string{} // the Go type of each kind, from the samples
	files, err := filepath.Glob("testdata/*.json")
	require.NoError(t, err)
	for _, dir := range []string{"decision", "kinds"} {
		more, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		require.NoError(t, err)
		files = append(files, more...)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		p, err := ParseAny(b)
		require.NoError(t, err, f)
		typeOf[p.Kind()] = fmt.Sprintf("%T", p)[len("webhook."):]
	}
	doc := parseAnyDoc(t)
	last := -1
	seen := map[Kind]bool{}
	for _, row := range kindTable {
		require.False(t, seen[row.kind], "%s has two rows", row.kind)
		seen[row.kind] = true
		name, ok := typeOf[row.kind]
		require.True(t, ok, "no sample of %s in testdata", row.kind)
		at := strings.Index(doc, "("+name+")")
		require.GreaterOrEqual(t, at, 0, "ParseAny's documentation does not name %s", name)
		assert.Greater(t, at, last, "ParseAny's documentation lists %s out of the table's order", name)
		last = at
		require.True(t, (row.by == "") != (len(row.members) == 0), "%s: a row is told by a value or by members", row.kind)
		// ParseAny reads a body that starts like a decision as one, and
		// keeps it when no top-level member is unknown to decisions: a
		// row tried before decisions must be told by such a member.
		if row.by != "" {
			value := row.value
			if row.prefix {
				value += "created"
			}
			body := `{"verification":{"id":"i","status":"approved","code":9001},"` + row.by + `":"` + value + `"}`
			want, err := detectKind([]byte(body))
			require.NoError(t, err)
			require.Equal(t, row.kind, want, body)
			p, err := ParseAny([]byte(body))
			if err == nil {
				assert.Equal(t, row.kind, p.Kind(), body)
			}
		}
	}
	assert.Len(t, seen, len(typeOf)-1, "a row for every kind of the samples but Unknown")
}

// parseAnyDoc returns the documentation of the function ParseAny.
func parseAnyDoc(t *testing.T) string {
	fset := token.NewFileSet()
	f, err := goparser.ParseFile(fset, "parse.go", nil, goparser.ParseComments)
	require.NoError(t, err)
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "ParseAny" {
			return fn.Doc.Text()
		}
	}
	t.Fatal("no func ParseAny in parse.go")
	return ""
}

// TestIsKnownEmpty holds what every IsKnown documents of the empty value:
// false, for each open type, as an absent or null member gives it.
func TestIsKnownEmpty(t *testing.T) {
	for name, known := range map[string]bool{
		"Feature": Feature("").IsKnown(), "Code": Code(0).IsKnown(), "Action": Action("").IsKnown(),
		"Reason": Reason("").IsKnown(), "State": State("").IsKnown(), "Status": Status("").IsKnown(),
		"ReasonCode": ReasonCode(0).IsKnown(), "DocumentType": DocumentType("").IsKnown(),
		"RiskLabelCategory": RiskLabelCategory("").IsKnown(), "CheckType": CheckType("").IsKnown(),
		"MatchStatus": MatchStatus("").IsKnown(), "Confidence": Confidence("").IsKnown(),
		"InsightResult": InsightResult("").IsKnown(), "CURPStatus": CURPStatus("").IsKnown(), "Kind": Kind("").IsKnown(),
	} {
		assert.False(t, known, "%s of the empty value", name)
	}
}

// TestUnknownMemberInEveryObject adds a member no model defines to objects
// the other tests leave alone: the default skips it, strict mode names it.
func TestUnknownMemberInEveryObject(t *testing.T) {
	for body, field := range map[string]string{
		`{"verification":{"id":"i","status":"approved","code":9001,"person":{"addresses":[{"fullAddress":"A","x":1}]}}}`: "verification.person.addresses[0].x",
		`{"eventType":"fullauto","sessionId":"s","data":{"x":1,"verification":{}}}`:                                      "data.x",
		`{"eventType":"user-status.created","data":{"x":1}}`:                                                             "data.x",
		`{"checkType":"initial_result","matchStatus":"no_match","endUserId":"u","x":1}`:                                  "x",
		`{"checkType":"initial_result","matchStatus":"no_match","hits":[{"listingsRelatedToMatch":{"x":[]}}]}`:           "hits[0].listingsRelatedToMatch.x",
	} {
		_, err := ParseAny([]byte(body))
		require.NoError(t, err, body)
		_, err = ParseOptions{DisallowUnknownMembers: true}.ParseAny([]byte(body))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, body)
		assert.ErrorIs(t, err, ErrUnknownMember, body)
		assert.Equal(t, field, pe.Field, body)
	}
	// A required string written as a malformed null is malformed JSON.
	_, err := ParseAny([]byte(`{"checkType":nul,"matchStatus":"no_match"}`))
	assert.ErrorIs(t, err, ErrSyntax)
	// A kind whose envelope has no time leaves "time" to the kind.
	p := newParser([]byte(`"2024-01-01T00:00:00Z"`), false)
	var id string
	known, err := envelope{sessionID: &id}.member(&p, []byte("time"))
	assert.False(t, known)
	assert.NoError(t, err)
	assert.Zero(t, p.pos, "the value is left to the kind's reader")
}

// TestSkimsTakeTheSamples holds the quick passes to their purpose: the skim
// finds the kind of every sample of testdata, as sent and compacted,
// without the strict reader, and every decision sample starts as
// decisions do. (Where they give up, the strict reader gives the same
// answer, so only this test notices a skim that gives up too often.)
func TestSkimsTakeTheSamples(t *testing.T) {
	for _, file := range allSamples(t) {
		body, err := os.ReadFile(file)
		require.NoError(t, err)
		for _, b := range [][]byte{body, compact(t, body)} {
			k, ok := skimKind(b)
			require.True(t, ok, "skimKind gives up on %s", file)
			assert.Equal(t, kindOfFixture(t, file), k, file)
			if k == KindDecision {
				assert.True(t, startsLikeDecision(b), "%s starts as decisions do", file)
			}
		}
	}
	// Empty strings and escaped quotes, which the skim steps over too.
	for body, kind := range map[string]Kind{
		`{"checkType":"initial_result","matchStatus":"no_match","note":""}`:  KindWatchlistScreening,
		`{"verification":{"id":"i\"","x":["",{"":""}]},"a":"\\","b":"\"\""}`: KindDecision,
	} {
		k, ok := skimKind([]byte(body))
		require.True(t, ok, "skimKind gives up on %s", body)
		assert.Equal(t, kind, k, body)
	}
	// And what the strict reader decides for a body the skim cannot take.
	for _, body := range []string{`{}`, ` { } `, `{"eventType":"fullauto\u0020"}`, `{"a":1,}`, `{"a":1`} {
		_, ok := skimKind([]byte(body))
		assert.False(t, ok, body)
	}
}

// TestSignalNames holds the names that detection looks at to the table of
// kinds: every row's by and members, each once, those that tell by their
// presence first, and no more than kindSignals has room for.
func TestSignalNames(t *testing.T) {
	require.LessOrEqual(t, len(signalNames), maxSignals)
	require.Len(t, signalValued, len(signalNames))
	want := map[string]bool{}
	for _, k := range &kindTable {
		for _, m := range k.members {
			if _, ok := want[m]; !ok {
				want[m] = false // told by its presence, unless a by too
			}
		}
		if k.by != "" {
			want[k.by] = true
		}
	}
	got := map[string]bool{}
	for i, name := range signalNames {
		got[name] = signalValued[i]
		if i > 0 {
			assert.False(t, signalValued[i-1] && !signalValued[i], "%s, told by its presence, after a valued name", name)
		}
	}
	assert.Equal(t, want, got)
	assert.Len(t, signalNames, len(want), "each name once")
}

// TestEnvelopeRequired checks the envelope's required members, also for a
// kind without an eventType: only the members a kind has are required.
func TestEnvelopeRequired(t *testing.T) {
	p := newParser([]byte(`{}`), false)
	var empty, set = "", "x"
	for _, tc := range []struct {
		env     envelope
		missing string
	}{
		{envelope{}, ""},
		{envelope{sessionID: &set}, ""},
		{envelope{sessionID: &empty}, "sessionId"},
		{envelope{eventType: &empty, sessionID: &set}, "eventType"},
		{envelope{eventType: &set, sessionID: &empty}, "sessionId"},
		{envelope{eventType: &set, sessionID: &set}, ""},
	} {
		p.path = nil
		err := tc.env.required(&p, 0)
		if tc.missing == "" {
			assert.NoError(t, err)
			continue
		}
		require.ErrorIs(t, err, ErrMissingMember)
		assert.Equal(t, tc.missing, renderPath(p.path))
	}
}

// TestWhitespaceLayouts reads every sample with whitespace of every kind
// and width around each colon and comma (JSON allows any), and holds each
// to the sample read compacted: the reader's shortcuts for the usual
// layouts must not decide what a body says. The members kept raw keep the
// whitespace they came with, so payloads are compared as JSON.
func TestWhitespaceLayouts(t *testing.T) {
	// spaced puts before and after each colon and comma of a compact body
	// outside strings.
	spaced := func(body []byte, before, after string) []byte {
		var out []byte
		in, esc := false, false
		for _, c := range body {
			switch {
			case in && esc:
				esc = false
			case in && c == '\\':
				esc = true
			case c == '"':
				in = !in
			case !in && (c == ':' || c == ','):
				out = append(append(append(out, before...), c), after...)
				continue
			}
			out = append(out, c)
		}
		return out
	}
	layouts := [][2]string{{"", " "}, {"", "  "}, {" ", " "}, {"", "\t"}, {"\n", "\n  "}, {"", "\r\n\t "}, {"  ", ""}}
	for _, file := range allSamples(t) {
		body, err := os.ReadFile(file)
		require.NoError(t, err)
		c := compact(t, body)
		want, err := ParseAny(c)
		require.NoError(t, err, file)
		for _, l := range layouts {
			b := spaced(c, l[0], l[1])
			got, err := ParseAny(b)
			require.NoError(t, err, "%s with %q and %q", file, l[0], l[1])
			// Through json.Marshal, which compacts the members kept raw.
			w, err := json.Marshal(want)
			require.NoError(t, err)
			g, err := json.Marshal(got)
			require.NoError(t, err)
			assert.Equal(t, string(w), string(g), "%s with %q and %q", file, l[0], l[1])
			assert.Equal(t, want.Kind(), got.Kind())
		}
	}
}
