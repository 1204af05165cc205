package webhooktest

import "github.com/veriffkit/webhook"

// INEBody returns the body of the (legacy) INE webhook Veriff would send for
// r, compact: that of webhook.INERegistry.MarshalJSON, the one writer of the
// root package, whose documentation gives its members and their order. Parse
// of it gives back r.
func INEBody(r webhook.INERegistry) []byte {
	b, _ := r.MarshalJSON() // never fails
	return b
}

// CURPBody returns the body of the (legacy) CURP webhook Veriff would send for r, compact: that of
// webhook.CURPRegistry.MarshalJSON, the one writer of the root package, whose
// documentation gives its members and their order. Parse of it gives back
// r.
func CURPBody(r webhook.CURPRegistry) []byte {
	b, _ := r.MarshalJSON() // never fails
	return b
}

// INECURPBody returns the body of the (legacy) combined INE and CURP webhook Veriff would send for r, compact: that of
// webhook.INECURPRegistry.MarshalJSON, the one writer of the root package, whose
// documentation gives its members and their order. Parse of it gives back
// r.
func INECURPBody(r webhook.INECURPRegistry) []byte {
	b, _ := r.MarshalJSON() // never fails
	return b
}
