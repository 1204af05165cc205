package webhooktest

import "github.com/veriffkit/webhook"

// EventBody returns the body of the event webhook Veriff would send for e,
// compact: that of webhook.Event.MarshalJSON, the one writer of the root
// package, whose documentation gives its members and their order. Parse of it
// gives back e.
func EventBody(e webhook.Event) []byte {
	b, _ := e.MarshalJSON() // never fails
	return b
}
