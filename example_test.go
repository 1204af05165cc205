package webhook_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"

	"github.com/veriffkit/webhook"
)

const body = `{"id":"f04bdb47-d3be-4b28-b028-a652feb060b5","attemptId":"e30122d1-740b-4764-853f-470374a7abf4","feature":"selfid","code":7007,"action":"waiting_complete","context":{"reason":"final_decision_received"},"vendorData":"QWE123","endUserId":"a1b2c35d-e8f7-6d5e-3cd2-a1b2c35db3d4"}`

func ExampleParse() {
	e, err := webhook.Parse([]byte(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Code, e.Action, e.Context.Reason, e.Context.Reason.IsKnown())
	fmt.Println(e.VendorData)

	// A malformed body names the member at fault.
	_, err = webhook.Parse([]byte(`{"id":"x","code":7002.5}`))
	var pe *webhook.PayloadError
	if errors.As(err, &pe) {
		fmt.Println(pe.Field, errors.Is(err, webhook.ErrInvalidPayload), errors.Is(err, webhook.ErrWrongType))
	}
	// Output:
	// 7007 waiting_complete final_decision_received true
	// QWE123
	// code true true
}

func ExampleVerify() {
	// The signature as Veriff sends it in X-Hmac-Signature; computed here
	// with: printf '%s' "$BODY" | openssl dgst -sha256 -hmac demo-secret
	sig := "31f1c602ee037b758e1dc7c4d13d7715764946bf34900d6de1c70910ca5d84f4"

	fmt.Println(webhook.Verify([]byte(body), sig, "demo-secret"))
	// During a rotation, both secrets are valid.
	fmt.Println(webhook.Verify([]byte(body), sig, "new-secret", "demo-secret"))
	fmt.Println(webhook.Verify([]byte(body), sig, "wrong-secret"))
	fmt.Println(webhook.Verify([]byte(body), "", "demo-secret"))
	fmt.Println(webhook.Verify([]byte(body), sig, ""))
	// Output:
	// <nil>
	// <nil>
	// webhook: invalid signature
	// webhook: missing signature
	// webhook: no secret configured
}

func ExampleSign() {
	fmt.Println(webhook.Sign([]byte(body), "demo-secret"))
	// Output:
	// 31f1c602ee037b758e1dc7c4d13d7715764946bf34900d6de1c70910ca5d84f4
}

func ExampleNewVerifier() {
	v, err := webhook.NewVerifier("old-secret", "new-secret")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Verify([]byte(body), webhook.Sign([]byte(body), "new-secret")))
	// Output:
	// <nil>
}

func ExampleHandler() {
	h, err := webhook.NewHandler(webhook.Config{Secrets: []string{"demo-secret"}},
		func(ctx context.Context, d webhook.Delivery) error {
			if e, ok := d.Payload.(webhook.Event); ok {
				fmt.Println("handled", e.Action, d.APIKey)
			}
			return nil
		})
	if err != nil {
		fmt.Println(err)
		return
	}

	// A delivery signed the way Veriff signs it.
	r, _ := webhook.NewSignedRequest("/webhooks/veriff", []byte(body), "api-key", "demo-secret")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code)

	// The same body under another secret never reaches the function.
	r, _ = webhook.NewSignedRequest("/webhooks/veriff", []byte(body), "api-key", "other-secret")
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code)
	// Output:
	// handled waiting_complete api-key
	// 200
	// 401
}

func ExampleState() {
	for _, raw := range []string{
		`{"id":"s","attemptId":"a","feature":"selfid","code":7009,"action":"flow_cancelled","context":{"reason":"consent_screen_cancel_pressed","state":"consent_screen_shown"}}`,
		`{"id":"s","attemptId":"a","feature":"selfid","code":7009,"action":"flow_cancelled","context":{"state":"client_started"}}`,
		`{"id":"s","attemptId":"a","feature":"selfid","code":7009,"action":"flow_cancelled","context":{"state":"some_new_state"}}`,
	} {
		e, err := webhook.Parse([]byte(raw))
		if err != nil {
			fmt.Println(err)
			continue
		}
		switch s := e.Context.State; s {
		case webhook.StateClientStarted:
			fmt.Println("left right after opening the flow; confirmed value:", s.IsConfirmed())
		case webhook.StateConsentScreenShown:
			fmt.Println("left at the consent screen; confirmed value:", s.IsConfirmed())
		default:
			fmt.Println("state", s, "known:", s.IsKnown())
		}
	}
	// Output:
	// left at the consent screen; confirmed value: false
	// left right after opening the flow; confirmed value: true
	// state some_new_state known: false
}

func ExampleStatusCode() {
	rc, _ := webhook.NewReceiver(webhook.Config{Secrets: []string{"demo-secret"}})
	r, _ := webhook.NewSignedRequest("/", []byte(`{"id":1,"action":"started","code":7001}`), "", "demo-secret")
	_, err := rc.Receive(r)
	fmt.Println(webhook.StatusCode(err), err)
	// Output:
	// 400 webhook: invalid payload: "id" at offset 6: wrong type: want string, got number
}

func ExampleReceiver_Receive() {
	rc, err := webhook.NewReceiver(webhook.Config{Secrets: []string{"demo-secret"}})
	if err != nil {
		fmt.Println(err)
		return
	}

	r, _ := webhook.NewSignedRequest("/webhooks/veriff", []byte(body), "api-key", "demo-secret")
	d, err := rc.Receive(r)
	if err != nil {
		fmt.Println(webhook.StatusCode(err), err)
		return
	}
	e := d.Payload.(webhook.Event) // this body is an event; switch on the type for any kind
	fmt.Println(e.Code, e.Action, d.APIKey, string(d.Body) == body)

	// A body signed under another secret is read but never parsed.
	r, _ = webhook.NewSignedRequest("/webhooks/veriff", []byte(body), "api-key", "other-secret")
	_, err = rc.Receive(r)
	fmt.Println(webhook.StatusCode(err), err)

	// So is a request without a signature.
	r, _ = webhook.NewSignedRequest("/webhooks/veriff", []byte(body), "", "demo-secret")
	r.Header.Del(webhook.HeaderSignature)
	_, err = rc.Receive(r)
	fmt.Println(webhook.StatusCode(err), err)
	// Output:
	// 7007 waiting_complete api-key true
	// 401 webhook: invalid signature
	// 401 webhook: missing signature
}

func ExampleConfig_secretsByAPIKey() {
	// Each integration posting to this URL signs with its own secret; its
	// API key, in X-Auth-Client, says which.
	h, err := webhook.NewHandler(webhook.Config{SecretsByAPIKey: map[string][]string{
		"live-api-key": {"live-secret"},
		"test-api-key": {"test-secret"},
	}}, func(ctx context.Context, d webhook.Delivery) error {
		fmt.Println("handled a delivery from", d.APIKey)
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	for _, c := range []struct{ apiKey, secret string }{
		{"live-api-key", "live-secret"},
		{"test-api-key", "test-secret"},
		{"test-api-key", "live-secret"},  // another integration's secret
		{"other-api-key", "live-secret"}, // an API key not configured
		{"", "live-secret"},              // no API key
	} {
		r, _ := webhook.NewSignedRequest("/webhooks/veriff", []byte(body), c.apiKey, c.secret)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Printf("%q signed with %s: %d\n", c.apiKey, c.secret, w.Code)
	}
	// Output:
	// handled a delivery from live-api-key
	// "live-api-key" signed with live-secret: 200
	// handled a delivery from test-api-key
	// "test-api-key" signed with test-secret: 200
	// "test-api-key" signed with live-secret: 401
	// "other-api-key" signed with live-secret: 401
	// "" signed with live-secret: 401
}

func ExampleConfig_onUnknown() {
	// Count the deliveries holding values this package does not know, such
	// as a state it inferred wrongly or one Veriff added since.
	unknown := map[string]int{}
	h, err := webhook.NewHandler(webhook.Config{
		Secrets: []string{"demo-secret"},
		OnUnknown: func(ctx context.Context, d webhook.Delivery, f webhook.Findings) {
			for _, member := range f.UnknownValues {
				unknown[string(d.Payload.Kind())+" "+member]++
			}
			if f.UnknownKind {
				unknown["(a kind this package does not know)"]++
			}
		},
	}, func(ctx context.Context, d webhook.Delivery) error {
		// Deliveries with unknown values, or of an unknown kind, still
		// reach the function.
		if e, ok := d.Payload.(webhook.Event); ok {
			fmt.Println("handled", e.Code, e.Action, e.Context.State, e.Context.State.IsKnown())
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	for _, raw := range []string{
		`{"id":"s","attemptId":"a","feature":"selfid","code":7009,"action":"flow_cancelled","context":{"state":"client_started"}}`,
		`{"id":"s","attemptId":"a","feature":"selfid","code":7009,"action":"flow_cancelled","context":{"state":"some_new_state"}}`,
		`{"id":"s","attemptId":"a","feature":"selfid","code":7011,"action":"flow_paused","context":{"state":"some_new_state"}}`,
		`{"eventType":"transportation_registry","sessionId":"s"}`,
	} {
		r, _ := webhook.NewSignedRequest("/webhooks/veriff", []byte(raw), "", "demo-secret")
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	fmt.Println(unknown)
	// Output:
	// handled 7009 flow_cancelled client_started true
	// handled 7009 flow_cancelled some_new_state false
	// handled 7011 flow_paused some_new_state false
	// map[(a kind this package does not know):1 event action:1 event code:1 event context.state:2]
}
