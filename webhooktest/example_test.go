package webhooktest_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

// A handler test driven by a scenario: a session sent back for resubmission
// and approved on its second attempt, sent signed to the receiver in
// process. In a test, webhooktest.Deliver(t, h, secret, sc.Deliveries) does
// the sending and fails the test on any answer but 200.
func Example() {
	const secret = "your-shared-secret"
	sc, err := webhooktest.Lookup("resubmission-then-approved", webhooktest.SeededIDs(1), webhooktest.Created)
	if err != nil {
		panic(err)
	}

	// The receiver under test keeps each session's latest decision.
	var mu sync.Mutex
	status := map[string]webhook.Status{}
	h, err := webhook.NewHandler(webhook.Config{Secrets: []string{secret}},
		func(_ context.Context, d webhook.Delivery) error {
			if dec, ok := d.Payload.(webhook.Decision); ok {
				mu.Lock()
				status[dec.Verification.ID] = dec.Verification.Status
				mu.Unlock()
			}
			return nil
		})
	if err != nil {
		panic(err)
	}

	s := webhooktest.Sender{Handler: h, Secret: secret}
	for _, r := range s.SendAll(context.Background(), sc.Deliveries) {
		fmt.Println(r.Status, r.Delivery.Kind, "attempt", r.Delivery.Attempt, r.Delivery.Note)
	}
	fmt.Println("receiver:", status[sc.Session.ID], "want:", sc.Want.Status, "on attempt", sc.Want.Attempt)
	// Output:
	// 200 event attempt 1 event 7001 started
	// 200 event attempt 1 event 7002 submitted
	// 200 decision attempt 1 decision resubmission_requested
	// 200 event attempt 2 event 7001 started
	// 200 event attempt 2 event 7002 submitted
	// 200 decision attempt 2 decision approved
	// receiver: approved want: approved on attempt 2
}

// Schema drift and a forged copy: a receiver must accept a member, values
// and a kind it does not know, and refuse a wrong signature.
func ExampleDrift() {
	const secret = "your-shared-secret"
	sc, _ := webhooktest.Lookup("approved", webhooktest.SeededIDs(1), webhooktest.Created)
	h, _ := webhook.NewHandler(webhook.Config{Secrets: []string{secret}},
		func(context.Context, webhook.Delivery) error { return nil })
	ds := append(webhooktest.Drift(sc.Session, sc.Deliveries), webhooktest.WrongSecret(sc.Deliveries[:1])...)
	s := webhooktest.Sender{Handler: h, Secret: secret}
	for _, r := range s.SendAll(context.Background(), ds) {
		fmt.Println(r.Status, r.OK(), r.Delivery.Note)
	}
	// Output:
	// 200 true event 7001 started (unknown member)
	// 200 true event 7002 submitted (unknown member)
	// 200 true decision approved (unknown member)
	// 200 true event 7099 future_action
	// 200 true a kind no one knows
	// 401 true event 7001 started (wrong secret)
}
