package webhook_test

import (
	"fmt"

	"github.com/veriffkit/webhook"
)

// A decision is dispatched on its status; the reason code says why a
// session was declined or sent back.
func ExampleParseDecision() {
	body := []byte(`{"status":"success","verification":{"id":"44927492-8799-406e-8076-933bc9164ebc","attemptId":"00bca969-b53a-4fad-b065-874d41a7b2b8",` +
		`"status":"resubmission_requested","code":9103,"reason":"Full document not visible","reasonCode":203,"vendorData":"order-1001",` +
		`"acceptanceTime":"2024-11-06T07:15:27.000Z","decisionTime":"2024-11-06T07:17:36.916Z"},"technicalData":{"ip":null}}`)
	d, err := webhook.ParseDecision(body)
	if err != nil {
		fmt.Println(err) // answer 400
		return
	}
	v := d.Verification
	switch v.Status {
	case webhook.StatusApproved:
		fmt.Println("verified:", v.VendorData)
	case webhook.StatusDeclined:
		fmt.Println("declined:", v.ReasonCode.Description())
	case webhook.StatusResubmissionRequested:
		fmt.Println("ask the end-user to try again:", v.ReasonCode, v.ReasonCode.Description())
	case webhook.StatusReview, webhook.StatusExpired, webhook.StatusAbandoned:
		fmt.Println(v.Status.Description())
	default:
		fmt.Println("a status this package does not know:", v.Status) // kept, never an error
	}
	fmt.Println(v.Status.IsFinal(), v.ReasonCode.Status(), v.DecisionTime.Format("2006-01-02 15:04"), d.TechnicalData.IP == "")
	// Output:
	// ask the end-user to try again: 203 Full document not visible
	// false resubmission_requested 2024-11-06 07:17 true
}
