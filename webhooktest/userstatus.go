package webhooktest

import "github.com/veriffkit/webhook"

// UserStatusBody returns the body of the user-defined status webhook Veriff
// would send for u, compact, in the member order of Veriff's sample: data
// (verification.id, then userDefinedData with reason, status, createdAt,
// reasonCode, statusCode), time, attemptId, eventType, sessionId,
// vendorData, endUserId. An empty ReasonCode is null, as Veriff sends it
// for a custom reason.
func UserStatusBody(u webhook.UserStatus) []byte {
	s := u.Status
	var w writer
	w.obj("")
	w.obj("data")
	w.obj("verification")
	w.strOrNull("id", u.VerificationID)
	w.obj("userDefinedData")
	w.strOrNull("reason", s.Reason)
	w.strOrNull("status", s.Status)
	w.timeMicro("createdAt", s.CreatedAt)
	w.strOrNull("reasonCode", s.ReasonCode)
	w.strOrNull("statusCode", s.StatusCode)
	w.end()
	w.end()
	w.end()
	w.time("time", u.Time)
	w.strOrNull("attemptId", u.AttemptID)
	w.str("eventType", u.EventType)
	w.strOrNull("sessionId", u.SessionID)
	w.strOrNull("vendorData", u.VendorData)
	w.strOrNull("endUserId", u.EndUserID)
	w.end()
	return w.b
}
