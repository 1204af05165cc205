package webhooktest

import "github.com/veriffkit/webhook"

// FullAutoBody returns the body of the Full Auto webhook Veriff would send for
// f, compact: that of webhook.FullAuto.MarshalJSON, the one writer of the root
// package, whose documentation gives its members and their order. Parse of it
// gives back f.
func FullAutoBody(f webhook.FullAuto) []byte {
	b, _ := f.MarshalJSON() // never fails
	return b
}
