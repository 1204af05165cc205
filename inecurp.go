package webhook

import (
	"encoding/json"
	"time"
)

// INECURPRegistry is one delivery of Veriff's legacy combined INE and CURP
// webhook. Only the head of Veriff's sample was reachable, so the envelope
// is typed and the rest is kept as sent. Members that are absent or null
// are the zero value.
type INECURPRegistry struct {
	// EventType is "combined-ine-curp-registry" ("eventType"). Required.
	EventType string
	// SessionID is the verification session ("sessionId"). Required.
	SessionID string
	// AttemptID is the session attempt ("attemptId").
	AttemptID string
	// VendorData is the integrator's own reference ("vendorData").
	VendorData string
	// EndUserID is the integrator's id of the end-user ("endUserId").
	EndUserID string
	// Version is the payload's version ("version").
	Version string
	// Time is when the webhook was made ("time").
	Time time.Time
	// Data is the "data" object as sent, a copy; nil when absent or null.
	Data json.RawMessage
}

// Kind returns KindINECURP.
func (INECURPRegistry) Kind() Kind { return KindINECURP }

// readINECURP reads a combined INE and CURP body into r.
func readINECURP(p *parser, r *INECURPRegistry) error {
	start := skipWS(p.data, 0)
	env := envelope{&r.EventType, &r.SessionID, &r.AttemptID, &r.VendorData, &r.EndUserID, &r.Version, &r.Time}
	err := p.topLevel(func(name []byte) (bool, error) {
		if string(name) != "data" {
			return env.member(p, name)
		}
		var err error
		r.Data, err = p.rawObject()
		return true, err
	})
	if err != nil {
		return err
	}
	return env.required(p, start)
}
