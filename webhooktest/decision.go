package webhooktest

import "github.com/veriffkit/webhook"

// DecisionBody returns the body of the decision webhook Veriff would send for
// d, compact: that of webhook.Decision.MarshalJSON, the one writer of the root
// package, whose documentation gives its members and their order. Parse of it
// gives back d.
func DecisionBody(d webhook.Decision) []byte {
	b, _ := d.MarshalJSON() // never fails
	return b
}
