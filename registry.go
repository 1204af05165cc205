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

// CURPRegistry is one delivery of Veriff's legacy CURP webhook: the answer
// of Mexico's population registry about a CURP (the personal identity
// code). Its envelope differs from the others: "type" and "id" rather than
// "eventType" and "sessionId", with the attempt inside "data". Members that
// are absent or null are the zero value.
type CURPRegistry struct {
	// Type is "curp_registry" ("type"). Required.
	Type string
	// ID is the verification session ("id"). Required.
	ID string
	// VendorData is the integrator's own reference ("vendorData").
	VendorData string
	// EndUserID is the integrator's id of the end-user ("endUserId").
	EndUserID string
	// Version is the payload's version ("version"), e.g. "1.0.0".
	Version string
	// Data is the registry's answer ("data").
	Data CURPResult
}

// Kind returns KindCURP.
func (CURPRegistry) Kind() Kind { return KindCURP }

// CURPResult is the population registry's answer.
type CURPResult struct {
	AttemptID string // "attemptId": the session attempt
	Name      string // "name": "curp_registry"
	Status    string // "status", such as "found"
	Code      int    // "code", 200 in Veriff's sample
	// StatusCURP is the CURP's status in the registry
	// ("details.statusCurp").
	StatusCURP CURPStatus
	// CURP is the code the registry holds ("details.curp").
	CURP string
	// Description is the registry's text for StatusCURP, in Spanish
	// ("details.description").
	Description string
	// Details is the "details" object as sent, a copy; nil when absent or
	// null.
	Details json.RawMessage
}

// CURPStatus is the status of a CURP in Mexico's population registry.
// The registry may use codes this package does not know; an unknown one is
// kept and reports IsKnown false.
type CURPStatus string

// CURP status codes, confirmed by Veriff's documentation unless a comment
// says otherwise.
const (
	// CURPStatusAN (Alta Normal): registered. Active.
	CURPStatusAN CURPStatus = "AN"
	// CURPStatusAH (Alta con Homonimia): registered, sharing a name with
	// another person. Active.
	CURPStatusAH CURPStatus = "AH"
	// CURPStatusCRA (CURP Reactivada): reactivated. Active. Veriff's page
	// writes "CRA CU"; the wire value is inferred.
	CURPStatusCRA CURPStatus = "CRA"
	// CURPStatusRCN (Registro de Cambio no Afectando a CURP): a change
	// that left the CURP as it was. Active.
	CURPStatusRCN CURPStatus = "RCN"
	// CURPStatusRCC (Registro de Cambio Afectando a CURP): a change that
	// changed the CURP. Active.
	CURPStatusRCC CURPStatus = "RCC"
	// CURPStatusBD (Baja por Defuncion): removed, the person died.
	// Inactive.
	CURPStatusBD CURPStatus = "BD"
	// CURPStatusBDA (Baja por Duplicidad): removed as a duplicate.
	// Inactive.
	CURPStatusBDA CURPStatus = "BDA"
	// CURPStatusBCC (Baja por Cambio en CURP): removed, the CURP changed.
	// Inactive.
	CURPStatusBCC CURPStatus = "BCC"
	// CURPStatusBCN (Baja no Afectando a CURP): removed without changing
	// the CURP. Inactive.
	CURPStatusBCN CURPStatus = "BCN"
)

// curpStatuses is the single source of truth for CURP status codes: the
// value of each is whether the CURP is active.
var curpStatuses = map[CURPStatus]bool{
	CURPStatusAN: true, CURPStatusAH: true, CURPStatusCRA: true, CURPStatusRCN: true, CURPStatusRCC: true,
	CURPStatusBD: false, CURPStatusBDA: false, CURPStatusBCC: false, CURPStatusBCN: false,
}

// IsKnown reports whether s is a CURP status this package defines.
func (s CURPStatus) IsKnown() bool { _, ok := curpStatuses[s]; return ok }

// IsActive reports whether s is one of the statuses of an active CURP;
// false for inactive and unknown ones.
func (s CURPStatus) IsActive() bool { return curpStatuses[s] }

// String returns the wire value.
func (s CURPStatus) String() string { return string(s) }

// UnknownValues returns the JSON paths of the members of c whose values
// this package does not know ("data.details.statusCurp"), or nil. An absent
// status is not unknown.
func (c CURPRegistry) UnknownValues() []string {
	if c.Data.StatusCURP != "" && !c.Data.StatusCURP.IsKnown() {
		return []string{"data.details.statusCurp"}
	}
	return nil
}

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

// envelope holds where the members most kinds share go.
type envelope struct {
	eventType, sessionID                   *string // required
	attemptID, vendorData, endUserID, vers *string
	time                                   *time.Time
}

// member reads the envelope member name at the top level, if it is one.
func (e envelope) member(p *parser, name []byte) (bool, error) {
	var dst *string
	required := false
	switch string(name) {
	case "eventType":
		dst, required = e.eventType, true
	case "sessionId":
		dst, required = e.sessionID, true
	case "attemptId":
		dst = e.attemptID
	case "vendorData":
		dst = e.vendorData
	case "endUserId":
		dst = e.endUserID
	case "version":
		dst = e.vers
	case "time":
		if e.time == nil {
			return false, nil
		}
		return true, p.optTime(e.time, 1)
	}
	if dst == nil {
		return false, nil
	}
	if required {
		s, err := p.reqSpan(1)
		*dst = p.text(s)
		return true, err
	}
	return true, p.optString(dst, 1)
}

// parseINE reads an INE body into r.
func (p *parser) parseINE(r *INERegistry) error {
	start := skipWS(p.data, 0)
	env := envelope{&r.EventType, &r.SessionID, &r.AttemptID, &r.VendorData, &r.EndUserID, &r.Version, &r.Time}
	err := p.topLevel(func(name []byte) (bool, error) {
		if string(name) != "data" {
			return env.member(p, name)
		}
		_, err := p.objectOrNull(2, false, func(name []byte) (bool, error) {
			switch string(name) {
			case "status":
				return true, p.optString(&r.Data.Status, 2)
			case "code":
				return true, p.integer(&r.Data.Code, false, 2)
			case "details":
				var err error
				r.Data.Details, err = p.keptObject(3, func(name []byte) (bool, error) {
					switch string(name) {
					case "active":
						return true, p.optBool(&r.Data.Active, 3)
					case "documentState":
						return true, p.optString(&r.Data.DocumentState, 3)
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
	return p.required(start, []requiredMember{{r.EventType == "", "eventType"}, {r.SessionID == "", "sessionId"}})
}

// parseCURP reads a CURP body into r.
func (p *parser) parseCURP(r *CURPRegistry) error {
	start := skipWS(p.data, 0)
	err := p.topLevel(func(name []byte) (bool, error) {
		switch string(name) {
		case "type":
			s, err := p.reqSpan(1)
			r.Type = p.text(s)
			return true, err
		case "id":
			s, err := p.reqSpan(1)
			r.ID = p.text(s)
			return true, err
		case "vendorData":
			return true, p.optString(&r.VendorData, 1)
		case "endUserId":
			return true, p.optString(&r.EndUserID, 1)
		case "version":
			return true, p.optString(&r.Version, 1)
		case "data":
			_, err := p.objectOrNull(2, false, func(name []byte) (bool, error) {
				d := &r.Data
				switch string(name) {
				case "attemptId":
					return true, p.optString(&d.AttemptID, 2)
				case "name":
					return true, p.optString(&d.Name, 2)
				case "status":
					return true, p.optString(&d.Status, 2)
				case "code":
					return true, p.integer(&d.Code, false, 2)
				case "details":
					var err error
					d.Details, err = p.keptObject(3, func(name []byte) (bool, error) {
						switch string(name) {
						case "statusCurp":
							s, err := p.optSpan(3)
							d.StatusCURP = CURPStatus(p.text(s))
							return true, err
						case "curp":
							return true, p.optString(&d.CURP, 3)
						case "description":
							return true, p.optString(&d.Description, 3)
						}
						return false, nil
					})
					return true, err
				}
				return false, nil
			})
			return true, err
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	return p.required(start, []requiredMember{{r.Type == "", "type"}, {r.ID == "", "id"}})
}

// parseINECURP reads a combined INE and CURP body into r.
func (p *parser) parseINECURP(r *INECURPRegistry) error {
	start := skipWS(p.data, 0)
	env := envelope{&r.EventType, &r.SessionID, &r.AttemptID, &r.VendorData, &r.EndUserID, &r.Version, &r.Time}
	err := p.topLevel(func(name []byte) (bool, error) {
		if string(name) != "data" {
			return env.member(p, name)
		}
		var err error
		r.Data, err = p.rawObject(1)
		return true, err
	})
	if err != nil {
		return err
	}
	return p.required(start, []requiredMember{{r.EventType == "", "eventType"}, {r.SessionID == "", "sessionId"}})
}
