package webhooktest

import "github.com/veriffkit/webhook"

// UserStatusBody returns the body of the user-defined status webhook Veriff
// would send for u, compact: that of webhook.UserStatus.MarshalJSON, the one
// writer of the root package, whose documentation gives its members and their
// order. Parse of it gives back u.
func UserStatusBody(u webhook.UserStatus) []byte {
	b, _ := u.MarshalJSON() // never fails
	return b
}
