package webhook

import (
	"encoding/json"
	"time"
)

// INERegistry is one delivery of Veriff's legacy INE webhook: the answer of
// Mexico's electoral registry (Instituto Nacional Electoral) about a
// voter card. Veriff's newer INE database verification reports through the
// decision webhook instead. Members that are absent or null are the zero
// value.
type INERegistry struct {
	// EventType is "ine_registry" ("eventType"). Required.
	EventType string
	// SessionID is the verification session ("sessionId"). Required.
	SessionID string
	// AttemptID is the session attempt ("attemptId").
	AttemptID string
	// VendorData is the integrator's own reference ("vendorData").
	VendorData string
	// EndUserID is the integrator's id of the end-user ("endUserId").
	EndUserID string
	// Version is the payload's version ("version"), e.g. "1.0.0".
	Version string
	// Time is when the webhook was made ("time").
	Time time.Time
	// Data is the registry's answer ("data").
	Data INEResult
}

// Kind returns KindINE.
func (INERegistry) Kind() Kind { return KindINE }

// INEResult is the electoral registry's answer.
type INEResult struct {
	// Status is the registry's answer in Spanish ("status"), such as
	// "La credencial es válida".
	Status string
	// Code is the registry's status code ("code"), 200 in Veriff's
	// sample; 0 when absent or null.
	Code int
	// Active reports whether the voter card is valid ("details.active").
	Active NullBool
	// DocumentState explains Active in Spanish ("details.documentState").
	DocumentState string
	// Details is the "details" object as sent, a copy; nil when absent or
	// null.
	Details json.RawMessage
}

// readINE reads an INE body into r.
func readINE(p *parser, r *INERegistry) error {
	start := skipWS(p.data, 0)
	env := envelope{&r.EventType, &r.SessionID, &r.AttemptID, &r.VendorData, &r.EndUserID, &r.Version, &r.Time}
	err := p.topLevel(func(name []byte) (bool, error) {
		if string(name) != "data" {
			return env.member(p, name)
		}
		_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
			switch string(name) {
			case "status":
				return true, p.optString(&r.Data.Status)
			case "code":
				return true, p.integer(&r.Data.Code, false)
			case "details":
				var err error
				r.Data.Details, err = p.keptObject(func(name []byte) (bool, error) {
					switch string(name) {
					case "active":
						return true, p.optBool(&r.Data.Active)
					case "documentState":
						return true, p.optString(&r.Data.DocumentState)
					}
					return false, nil
				})
				return true, err
			}
			return false, nil
		})
		return true, err
	})
	if err != nil {
		return err
	}
	return env.required(p, start)
}
