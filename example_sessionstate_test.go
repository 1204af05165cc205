package webhook_test

import (
	"encoding/json"
	"fmt"

	"github.com/veriffkit/webhook"
)

// A session's deliveries arrive in any order: here the approval of the
// second attempt first, then a late retry of the first attempt's
// resubmission request and of its "submitted" event. The state is the
// approval, with no reason code, as it would be in any other order.
func ExampleSessionState() {
	bodies := []string{
		`{"status":"success","verification":{"id":"f04bdb47-d3be-4b28-b028-a652feb060b5","attemptId":"b0000000-0000-4000-8000-000000000002",` +
			`"status":"approved","code":9001,"reason":null,"reasonCode":null,"acceptanceTime":"2026-03-02T10:00:00.000Z","decisionTime":"2026-03-02T10:20:00.000Z"}}`,
		`{"status":"success","verification":{"id":"f04bdb47-d3be-4b28-b028-a652feb060b5","attemptId":"a0000000-0000-4000-8000-000000000001",` +
			`"status":"resubmission_requested","code":9103,"reason":"Poor image quality","reasonCode":201,"acceptanceTime":"2026-03-02T10:00:00.000Z","decisionTime":"2026-03-02T10:05:00.000Z"}}`,
		`{"id":"f04bdb47-d3be-4b28-b028-a652feb060b5","attemptId":"a0000000-0000-4000-8000-000000000001","feature":"selfid","code":7002,"action":"submitted"}`,
	}
	var s webhook.SessionState // ready to use
	for _, body := range bodies {
		p, err := webhook.ParseAny([]byte(body)) // after the signature checked out
		if err != nil {
			fmt.Println(err)
			return
		}
		if err := s.Apply(p); err != nil {
			fmt.Println(err) // an Unknown, or another session
			return
		}
	}
	fmt.Println(s.Status(), s.AttemptID(), s.ReasonCode())

	// Stored as JSON, read back, and one more delivery of another session.
	row, _ := json.Marshal(s)
	var back webhook.SessionState
	if err := json.Unmarshal(row, &back); err != nil {
		fmt.Println(err)
		return
	}
	other, _ := webhook.ParseAny([]byte(`{"id":"3b1c8a0e-5f2d-4c6b-9a7e-1d2f3a4b5c6d","feature":"selfid","code":7001,"action":"started"}`))
	fmt.Println(back.Status(), back.Apply(other))
	// Output:
	// approved b0000000-0000-4000-8000-000000000002 0
	// approved webhook: payload of another session: "3b1c8a0e-5f2d-4c6b-9a7e-1d2f3a4b5c6d", not "f04bdb47-d3be-4b28-b028-a652feb060b5"
}
