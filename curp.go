package webhook

import "encoding/json"

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

// IsKnown reports whether s is a CURP status this package defines. It is
// false for the empty CURPStatus, which an absent or null member gives.
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
		return []string{jsonPath("data", "details", "statusCurp")}
	}
	return nil
}

// readCURP reads a CURP body into r. Its envelope is its own: "type" and
// "id" rather than "eventType" and "sessionId".
func readCURP(p *parser, r *CURPRegistry) error {
	start := skipWS(p.data, 0)
	err := p.topLevel(func(name []byte) (bool, error) {
		switch string(name) {
		case "type":
			return true, p.reqString(&r.Type)
		case "id":
			return true, p.reqString(&r.ID)
		case "vendorData":
			return true, p.optString(&r.VendorData)
		case "endUserId":
			return true, p.optString(&r.EndUserID)
		case "version":
			return true, p.optString(&r.Version)
		case "data":
			_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
				d := &r.Data
				switch string(name) {
				case "attemptId":
					return true, p.optString(&d.AttemptID)
				case "name":
					return true, p.optString(&d.Name)
				case "status":
					return true, p.optString(&d.Status)
				case "code":
					return true, p.integer(&d.Code, false)
				case "details":
					var err error
					d.Details, err = p.keptObject(func(name []byte) (bool, error) {
						switch string(name) {
						case "statusCurp":
							return true, optText(p, &d.StatusCURP)
						case "curp":
							return true, p.optString(&d.CURP)
						case "description":
							return true, p.optString(&d.Description)
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
	return p.required(start, requiredMember{r.Type == "", "type"}, requiredMember{r.ID == "", "id"})
}
