package webhook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func keyOf(t *testing.T, body string) string {
	t.Helper()
	p, err := ParseAny([]byte(body))
	require.NoError(t, err, body)
	return Delivery{Payload: p, Body: []byte(body)}.IdempotencyKey()
}

func TestIdempotencyKey(t *testing.T) {
	event7007 := `{"id":"s","attemptId":"a","feature":"selfid","code":7007,"action":"waiting_complete","context":{"reason":"final_decision_received"}}`
	key := keyOf(t, event7007)
	assert.Regexp(t, "^[0-9a-f]{64}$", key, "the body's hash alone")

	// The same notification: a retry, members reordered, whitespace, other
	// escapes.
	for _, same := range []string{
		event7007,
		`{"context":{"reason":"final_decision_received"},"action":"waiting_complete","code":7007,"feature":"selfid","attemptId":"a","id":"s"}`,
		"{ \"id\" : \"s\",\n\t\"attemptId\":\"a\",\"feature\":\"selfid\",\"code\":7007,\"action\":\"waiting_complete\",\"context\":{ \"reason\":\"final_decision_received\" } }\n",
		`{"id":"\u0073","attemptId":"a","feature":"selfid","code":7007,"action":"waiting_complete","context":{"reason":"final_decision_received"}}`,
	} {
		assert.Equal(t, key, keyOf(t, same), same)
	}
	// Different notifications of one session.
	decision := func(status, code, time string) string {
		return `{"status":"success","verification":{"id":"s","attemptId":"a","status":"` + status + `","code":` + code + `,"decisionTime":` + time + `}}`
	}
	watchlist := func(check string) string {
		return `{"checkType":"` + check + `","attemptId":"a","sessionId":"s","matchStatus":"no_match","createdAt":"2021-06-02T11:04:00.287Z"}`
	}
	keys := map[string]string{}
	for _, body := range []string{
		event7007,
		`{"id":"s","attemptId":"a","feature":"selfid","code":7009,"action":"flow_cancelled","context":{"state":"client_started"}}`,
		decision("resubmission_requested", "9103", `"2024-01-01T00:00:00Z"`),
		decision("approved", "9001", `"2024-01-02T00:00:00Z"`),
		decision("approved", "9001", `"2024-01-03T00:00:00Z"`),
		watchlist("initial_result"),
		watchlist("updated_result"),
		`{"some":"thing"}`,
		`{"some":"thing else"}`,
		`{"id":"s","feature":"selfid","code":7002,"action":"submitted","n":1}`,
		`{"id":"s","feature":"selfid","code":7002,"action":"submitted","n":1.0}`,
	} {
		k := keyOf(t, body)
		other, dup := keys[k]
		assert.False(t, dup, "%s and %s share a key", body, other)
		keys[k] = body
	}

	// A body that does not parse, as OnInvalidPayload gets it, is hashed
	// as it is: stable, and different from another.
	bad := Delivery{Body: []byte(`{"verification":`)}
	assert.Equal(t, bad.IdempotencyKey(), Delivery{Body: []byte(`{"verification":`)}.IdempotencyKey())
	assert.NotEqual(t, bad.IdempotencyKey(), Delivery{Body: []byte(`{"verification": `)}.IdempotencyKey())
	assert.NotEqual(t, Delivery{Body: []byte(`{} {}`)}.IdempotencyKey(), Delivery{Body: []byte(`{}`)}.IdempotencyKey(), "trailing data is not ignored")
	assert.NotEqual(t, Delivery{Body: []byte(`{"a":1,"a":2}`)}.IdempotencyKey(), Delivery{Body: []byte(`{"a":2}`)}.IdempotencyKey(),
		"a refused body is hashed as it is: a duplicate member is not merged away")
	assert.Equal(t, Delivery{Body: []byte(`{"a":1}`)}.IdempotencyKey(), Delivery{Body: []byte(`{ "a":1}`)}.IdempotencyKey(),
		"a valid object without a payload: the same content, the same key")
	// With a payload, a body that is not JSON (a Delivery built by hand)
	// is hashed as it is too.
	assert.NotEqual(t, Delivery{Payload: Unknown{}, Body: []byte(`x`)}.IdempotencyKey(), Delivery{Payload: Unknown{}, Body: []byte(`y`)}.IdempotencyKey())
}

// TestIdempotencyKeyStableAcrossVersions holds the key to the body alone:
// a body this version delivers as an Unknown, or refuses, keeps its key
// when a later version types its kind or accepts it, since nothing but the
// body counts.
func TestIdempotencyKeyStableAcrossVersions(t *testing.T) {
	body := []byte(`{"eventType":"user-status.created","sessionId":"s","time":"2026-03-02T10:00:00Z"}`)
	typed, err := ParseAny(body)
	require.NoError(t, err)
	require.Equal(t, KindUserStatus, typed.Kind())
	today := Delivery{Payload: Unknown{Raw: body}, Body: body} // this version knew no such kind
	later := Delivery{Payload: typed, Body: body}              // a later one types it
	refused := Delivery{Body: body}                            // a version that refused it (OnInvalidPayload)
	indented := Delivery{Body: []byte("{\n  \"sessionId\": \"s\", \"eventType\": \"user-status.created\",\n  \"time\": \"2026-03-02T10:00:00Z\"}")}
	for _, d := range []Delivery{later, refused, indented} {
		assert.Equal(t, today.IdempotencyKey(), d.IdempotencyKey())
	}
	codeNull := []byte(`{"verification":{"id":"i","status":"approved","code":null}}`)
	p, err := ParseAny(codeNull)
	require.NoError(t, err)
	assert.Equal(t, Delivery{Body: codeNull}.IdempotencyKey(), Delivery{Payload: p, Body: codeNull}.IdempotencyKey(),
		"refused by the last version, accepted by this one: one key")
}
