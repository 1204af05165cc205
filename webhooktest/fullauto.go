package webhooktest

import (
	"slices"

	"github.com/veriffkit/webhook"
)

// FullAutoBody returns the body of the Full Auto webhook Veriff would send
// for f, compact, in the member order of community typings (Veriff's own
// sample was not reachable): status, eventType, sessionId, attemptId,
// vendorData, endUserId, version, acceptanceTime, time, then
// data.verification with decisionScore, decision, person, document and
// insights. The values of person and document come in the order the
// typings list them, any other after them by name.
func FullAutoBody(f webhook.FullAuto) []byte {
	v := f.Verification
	var w writer
	w.obj("")
	w.strOrNull("status", f.MessageStatus)
	w.str("eventType", f.EventType)
	w.str("sessionId", f.SessionID)
	w.strOrNull("attemptId", f.AttemptID)
	w.strOrNull("vendorData", f.VendorData)
	w.strOrNull("endUserId", f.EndUserID)
	w.strOrNull("version", f.Version)
	w.time("acceptanceTime", f.AcceptanceTime)
	w.time("time", f.Time)
	w.obj("data")
	w.obj("verification")
	w.nullFloat("decisionScore", v.DecisionScore.Value, v.DecisionScore.Valid)
	w.strOrNull("decision", string(v.Decision))
	writeExtracted(&w, "person", v.Person, personOrder)
	writeExtracted(&w, "document", v.Document, documentOrder)
	if v.Insights == nil {
		w.null("insights")
	} else {
		w.arr("insights")
		for _, in := range v.Insights {
			w.obj("")
			w.str("label", in.Label)
			w.str("result", string(in.Result))
			w.str("category", in.Category)
			w.end()
		}
		w.endArr()
	}
	w.end()
	w.end()
	w.end()
	return w.b
}

var (
	personOrder   = []string{"firstName", "lastName", "dateOfBirth", "gender", "idNumber", "nationality", "address", "placeOfBirth", "foreignerStatus", "occupation", "employer", "extraNames"}
	documentOrder = []string{"type", "country", "number", "validFrom", "validUntil", "issuedBy", "firstIssue", "placeOfIssue", "processNumber", "residencePermitType", "licenseNumber"}
)

func writeExtracted(w *writer, k string, m map[string]webhook.ExtractedValue, order []string) {
	if m == nil {
		w.null(k)
		return
	}
	keys := make([]string, 0, len(m))
	for _, name := range order {
		if _, ok := m[name]; ok {
			keys = append(keys, name)
		}
	}
	var rest []string
	for name := range m {
		if !slices.Contains(order, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	w.obj(k)
	for _, name := range append(keys, rest...) {
		e := m[name]
		w.obj(name)
		w.strOrNull("value", e.Value)
		w.strOrNull("confidenceCategory", string(e.Confidence))
		w.strings("sources", e.Sources)
		if e.Components != nil {
			w.raw("components", e.Components, "null")
		}
		w.end()
	}
	w.end()
}
