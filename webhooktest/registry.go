package webhooktest

import "github.com/veriffkit/webhook"

// INEBody returns the body of the (legacy) INE webhook Veriff would send for
// r, compact, in the member order of Veriff's sample. Data.Details, when
// set, is written as it is, else active and documentState.
func INEBody(r webhook.INERegistry) []byte {
	var w writer
	w.obj("")
	w.str("eventType", r.EventType)
	w.str("sessionId", r.SessionID)
	w.strOrNull("attemptId", r.AttemptID)
	w.strOrNull("vendorData", r.VendorData)
	w.strOrNull("endUserId", r.EndUserID)
	w.strOrNull("version", r.Version)
	w.time("time", r.Time)
	w.obj("data")
	w.strOrNull("status", r.Data.Status)
	w.intOrNull("code", r.Data.Code)
	if r.Data.Details != nil {
		w.raw("details", r.Data.Details, "null")
	} else {
		w.obj("details")
		w.nullBool("active", r.Data.Active.Value, r.Data.Active.Valid)
		w.strOrNull("documentState", r.Data.DocumentState)
		w.end()
	}
	w.end()
	w.end()
	return w.b
}

// CURPBody returns the body of the (legacy) CURP webhook Veriff would send
// for r, compact, in the member order of Veriff's sample, whose envelope
// differs from the other kinds' ("type" and "id", the attempt inside
// "data"). Data.Details, when set, is written as it is, else statusCurp,
// curp and description.
func CURPBody(r webhook.CURPRegistry) []byte {
	d := r.Data
	var w writer
	w.obj("")
	w.str("type", r.Type)
	w.str("id", r.ID)
	w.strOrNull("vendorData", r.VendorData)
	w.strOrNull("endUserId", r.EndUserID)
	w.strOrNull("version", r.Version)
	w.obj("data")
	w.strOrNull("attemptId", d.AttemptID)
	w.strOrNull("name", d.Name)
	w.strOrNull("status", d.Status)
	w.intOrNull("code", d.Code)
	if d.Details != nil {
		w.raw("details", d.Details, "null")
	} else {
		w.obj("details")
		w.strOrNull("statusCurp", string(d.StatusCURP))
		w.strOrNull("curp", d.CURP)
		w.strOrNull("description", d.Description)
		w.end()
	}
	w.end()
	w.end()
	return w.b
}

// INECURPBody returns the body of the (legacy) combined INE and CURP webhook
// Veriff would send for r, compact, in the member order of the head of
// Veriff's sample (the rest was not reachable). Data is written as it is,
// {} when nil.
func INECURPBody(r webhook.INECURPRegistry) []byte {
	var w writer
	w.obj("")
	w.str("eventType", r.EventType)
	w.str("sessionId", r.SessionID)
	w.strOrNull("vendorData", r.VendorData)
	w.strOrNull("endUserId", r.EndUserID)
	w.strOrNull("attemptId", r.AttemptID)
	w.strOrNull("version", r.Version)
	w.time("time", r.Time)
	w.raw("data", r.Data, "{}")
	w.end()
	return w.b
}
