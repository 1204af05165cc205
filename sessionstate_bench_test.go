package webhook

import (
	"encoding/json"
	"testing"
)

// BenchmarkSessionApply measures SessionState.Apply of one delivery beside
// ParseAny of the same body (the target: Apply costs less than parsing),
// and the JSON round trip of the state a store does around it. The state
// before Apply is that of a session with a resubmission, a second attempt
// and a watchlist screening; its JSON size is reported as state-bytes.
func BenchmarkSessionApply(b *testing.B) {
	base := fold(b,
		started(b, fxAttemptA), submitted(b, fxAttemptA), decided(b, StatusResubmissionRequested, fxAttemptA, 203, at(5)),
		started(b, fxAttemptB), screening(b, CheckTypeInitialResult, MatchStatusNoMatch, at(6)))
	stateJSON, err := json.Marshal(base)
	if err != nil {
		b.Fatal(err)
	}
	body := func(file string, edits map[string]any) []byte {
		body, _ := fixture(b, file, fxAttemptB, edits)
		return body
	}
	for _, c := range []struct {
		name string
		body []byte
	}{
		{"event", body("documented-submitted-7002.json", nil)},
		{"decision", body("decision/documented-approved-full.json", map[string]any{"verification.decisionTime": at(20).Format("2006-01-02T15:04:05.000Z")})},
		{"watchlist", body("kinds/watchlist-screening-documented-old.json", nil)},
	} {
		p, err := ParseAny(c.body)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("payload="+c.name+"/impl=parse", func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			for b.Loop() {
				if _, err := ParseAny(c.body); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("payload="+c.name+"/impl=apply", func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			for b.Loop() {
				s := base
				if err := s.Apply(p); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("payload="+c.name+"/impl=apply-json", func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			var out []byte
			for b.Loop() {
				var s SessionState
				if err := json.Unmarshal(stateJSON, &s); err != nil {
					b.Fatal(err)
				}
				if err := s.Apply(p); err != nil {
					b.Fatal(err)
				}
				if out, err = json.Marshal(s); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out)), "state-bytes")
		})
	}
}
