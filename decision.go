package webhook

import (
	"encoding/json"
	"strconv"
	"time"
)

// Decision is one delivery of Veriff's decision webhook: the result of a
// verification session. One session can send several decisions (a
// resubmission request, then an approval; a review, then a final status), so
// key what you store on the session and attempt ids and the status, not on
// the session id alone.
//
// A member that is null or absent is the zero value of its field, and so is
// a null element of an array (a null risk label, address or session id).
// Veriff's members this package does not type (deprecated ones such as
// comments and highRisk, and any it adds) are checked as JSON and skipped;
// the verified body holds them.
//
// Decision implements json.Unmarshaler with ParseDecision's rules. It does
// not implement json.Marshaler: json.Marshal writes its Go field names,
// which ParseDecision does not read back. Keep the verified body instead.
type Decision struct {
	// MessageStatus is the status of the message ("status"), not of the
	// verification: "success" in every sample Veriff published; "" when
	// absent or null.
	MessageStatus string
	// Verification is the verification result ("verification"). Required.
	Verification Verification
	// TechnicalData is about the end-user's connection ("technicalData");
	// zero when absent or null.
	TechnicalData TechnicalData
}

// Verification is the result of a verification session.
type Verification struct {
	// ID is the verification session id ("id"). Required.
	ID string
	// AttemptID is the id of the attempt that received Status
	// ("attemptId"); "" when absent or null: payloads from before 2021 lack
	// it.
	AttemptID string
	// Status is the decision ("status"). Required. Dispatch on it.
	Status Status
	// Code is the decision code ("code"), an integer or a string holding
	// one. Required. Veriff's pages disagree on 9121; prefer Status.
	Code Code
	// Reason is Veriff's text for ReasonCode ("reason"); "" when null, as
	// it is unless the session was declined or sent back for resubmission.
	Reason string
	// ReasonCode says why the session was declined or sent back
	// ("reasonCode"), an integer or a string holding one; 0 when null.
	ReasonCode ReasonCode
	// VendorData is the integrator's own reference given when the session
	// was created ("vendorData"); "" when absent or null.
	VendorData string
	// EndUserID is the integrator's id of the end-user ("endUserId"); ""
	// when absent or null.
	EndUserID string
	// AcceptanceTime is when the session was created ("acceptanceTime");
	// zero when absent or null.
	AcceptanceTime time.Time
	// DecisionTime is when the decision was made ("decisionTime"); zero
	// when absent or null, as it is for expired and abandoned sessions.
	DecisionTime time.Time
	// SubmissionTime is when the end-user submitted the session
	// ("submissionTime"); zero when absent or null.
	SubmissionTime time.Time
	// Person is the verified person ("person"); zero when absent or null.
	Person Person
	// Document is the verified document ("document"); zero when absent or
	// null.
	Document Document
	// AdditionalVerifiedData is what the integration verified besides the
	// person and the document ("additionalVerifiedData"); zero when absent
	// or null.
	AdditionalVerifiedData AdditionalVerifiedData
	// RiskLabels are the risks Veriff found ("riskLabels"), sent when risk
	// labels are enabled for the integration; nil when absent, null or
	// empty.
	RiskLabels []RiskLabel
	// RiskScore is the session's risk score ("riskScore.score"); not Valid
	// when absent or null.
	RiskScore NullFloat
	// BiometricAuthentication is the session the end-user's face matched
	// ("biometricAuthentication"), for Biometric Authentication
	// integrations; zero when absent or null.
	BiometricAuthentication BiometricAuthentication
}

// Person is the person a session verified. Every member is "" when absent
// or null; Veriff sends most of them only when the document shows them.
type Person struct {
	FirstName    string // "firstName"
	LastName     string // "lastName"
	FullName     string // "fullName"
	DateOfBirth  string // "dateOfBirth", YYYY-MM-DD
	YearOfBirth  string // "yearOfBirth", e.g. "1967" (older payloads)
	Gender       string // "gender": "M" or "F"
	IDNumber     string // "idNumber": the national identification number
	Nationality  string // "nationality": ISO 3166-1 alpha-3 (or alpha-2)
	PlaceOfBirth string // "placeOfBirth"
	// Addresses are the person's addresses ("addresses"); nil when
	// absent, null or empty.
	Addresses []Address
}

// Address is one of a person's addresses.
type Address struct {
	FullAddress string        // "fullAddress"; "" when absent or null
	Parsed      ParsedAddress // "parsedAddress"; zero when absent or null
}

// ParsedAddress is an address in parts. Every member is "" when absent or
// null. Veriff has been seen to send the string "null" for a missing house
// number: it is kept as sent.
type ParsedAddress struct {
	Street      string // "street"
	HouseNumber string // "houseNumber"
	Unit        string // "unit"
	City        string // "city"
	State       string // "state"
	Postcode    string // "postcode"
	Country     string // "country": ISO 3166-1 alpha-3
}

// Document is the identity document a session verified. Every member is
// the zero value when absent or null; an expired or abandoned session sends
// every member null.
type Document struct {
	Number              string       // "number"
	Type                DocumentType // "type"
	Country             string       // "country": ISO 3166-1 alpha-2
	State               string       // "state": the issuing state, ISO 3166-2
	ValidFrom           string       // "validFrom", YYYY-MM-DD
	ValidUntil          string       // "validUntil", YYYY-MM-DD
	FirstIssue          string       // "firstIssue", YYYY-MM-DD
	PlaceOfIssue        string       // "placeOfIssue"
	IssueNumber         string       // "issueNumber"
	IssuedBy            string       // "issuedBy"
	Remarks             string       // "remarks"
	ResidencePermitType string       // "residencePermitType"
	NFCValidated        NullBool     // "nfcValidated": the chip was read and checked
}

// AdditionalVerifiedData is what an integration verified besides the person
// and the document. Its members depend on the products an integration uses
// (driving-licence categories, registry checks, proof of address, age
// estimation); the few documented with a type are typed here, and Raw keeps
// the whole object for the rest.
type AdditionalVerifiedData struct {
	// EstimatedAge is the end-user's age as Age Estimation estimated it
	// ("estimatedAge"); not Valid when absent or null.
	EstimatedAge NullFloat
	// EstimatedGender is Age Estimation's gender estimate
	// ("estimatedGender"), from 0 (male) to 1 (female); not Valid when
	// absent or null.
	EstimatedGender NullFloat
	// DriversLicenseNumber is the driving licence's number
	// ("driversLicenseNumber"); "" when absent or null.
	DriversLicenseNumber string
	// Raw is the object as sent, a copy; nil when absent or null.
	Raw json.RawMessage
}

// RiskLabel is one risk Veriff found in a session.
type RiskLabel struct {
	// Label names the risk ("label"), such as
	// "document_integration_level_crosslinked_with_fraud". Veriff adds
	// labels freely; this package does not check them.
	Label string
	// Category is the kind of risk ("category").
	Category RiskLabelCategory
	// SessionIDs are the other sessions the risk links this one to
	// ("sessionIds"); nil when absent, null or empty.
	SessionIDs []string
}

// BiometricAuthentication is the earlier session whose face a Biometric
// Authentication session matched.
type BiometricAuthentication struct {
	MatchedSessionID         string // "matchedSessionId"; "" when absent or null
	MatchedSessionEndUserID  string // "matchedSessionEndUserId"; "" when absent or null
	MatchedSessionVendorData string // "matchedSessionVendorData"; "" when absent or null
	// Details are the checks behind the match ("details"), a copy of the
	// object as sent; nil when absent or null. Its members are known only
	// from community samples.
	Details json.RawMessage
}

// TechnicalData is about the end-user's connection.
type TechnicalData struct {
	// IP is the end-user's IP address ("ip"); "" when absent or null, as
	// it often is for sessions that did not end in a decision.
	IP string
}

// NullFloat is a JSON number that may be absent or null.
type NullFloat struct {
	Value float64
	Valid bool // false when absent or null
}

// NullBool is a JSON boolean that may be absent or null.
type NullBool struct {
	Value bool
	Valid bool // false when absent or null
}

// Status is the status of a verification session: the decision
// ("verification.status" on the wire), or where the end-user is before one
// (started, submitted, which events 7001 and 7002 report). Veriff may add
// statuses; an unknown status is kept as is and reports IsKnown false, and
// so does the empty Status.
type Status string

// Statuses. The eight wire values are confirmed by Veriff's status-code
// table. Veriff does not notify about the status "created".
const (
	// StatusStarted (7001): the end-user started an attempt. Veriff's
	// events report it; a decision never should. Not final.
	StatusStarted Status = "started"
	// StatusSubmitted (7002): the end-user submitted an attempt and a
	// decision is pending. Veriff's events report it; a decision never
	// should. Not final.
	StatusSubmitted Status = "submitted"
	// StatusApproved (9001): the end-user was verified. Final.
	StatusApproved Status = "approved"
	// StatusDeclined (9102): the end-user was not verified, for fraud or
	// another serious reason; ReasonCode says which. Final.
	StatusDeclined Status = "declined"
	// StatusResubmissionRequested (9103): the end-user is asked to try
	// again in the same session; ReasonCode says why. Not final: another
	// decision follows.
	StatusResubmissionRequested Status = "resubmission_requested"
	// StatusExpired (9104): the end-user never started the session before
	// it expired. Final.
	StatusExpired Status = "expired"
	// StatusAbandoned (9104): the end-user started the session but did not
	// finish it. Final.
	StatusAbandoned Status = "abandoned"
	// StatusReview (9121): Veriff's automation could not decide and a
	// person will review the session, where the service agreement provides
	// for it. Not final: another decision follows.
	StatusReview Status = "review"
)

// statusInfo is one row of the status table.
type statusInfo struct {
	status      Status
	code        Code // the code Veriff's status-code table gives it
	final       bool
	description string
}

// statuses is the single source of truth for what each Status means.
var statuses = [...]statusInfo{
	{StatusStarted, CodeStarted, false, "The end-user started the session"},
	{StatusSubmitted, CodeSubmitted, false, "The end-user submitted the session, and a decision is pending"},
	{StatusApproved, CodeApproved, true, "The end-user was verified"},
	{StatusDeclined, CodeDeclined, true, "The end-user was not verified"},
	{StatusResubmissionRequested, CodeResubmissionRequested, false, "The end-user is asked to try again in the same session"},
	{StatusExpired, CodeExpiredOrAbandoned, true, "The end-user never started the session before it expired"},
	{StatusAbandoned, CodeExpiredOrAbandoned, true, "The end-user started the session but did not finish it"},
	{StatusReview, CodeReview, false, "A person will review the session"},
}

// knownStatus returns the constant spelled b, without allocating.
func knownStatus(b []byte) (Status, bool) {
	for _, s := range &statuses {
		if string(b) == string(s.status) {
			return s.status, true
		}
	}
	return "", false
}

func (s Status) info() statusInfo {
	for _, i := range &statuses {
		if i.status == s {
			return i
		}
	}
	return statusInfo{}
}

// IsKnown reports whether s is a status this package defines.
func (s Status) IsKnown() bool { return s.info().status != "" }

// IsFinal reports whether s ends the session: approved, declined, expired
// and abandoned. After started, submitted, resubmission_requested and review
// another status follows; an unknown status is not final.
func (s Status) IsFinal() bool { return s.info().final }

// Code returns the code Veriff's status-code table gives s (7001 for
// started, 9104 for both expired and abandoned), or 0 when s is not known.
// Veriff's API reference gives 9121 to abandoned instead; the table is
// what this package follows.
func (s Status) Code() Code { return s.info().code }

// Description returns a short English description of s, or "" when s is
// not known.
func (s Status) Description() string { return s.info().description }

// String returns the wire value.
func (s Status) String() string { return string(s) }

// DocumentType is the kind of identity document ("document.type" on the
// wire). Veriff may add types; an unknown type is kept as is and reports
// IsKnown false.
type DocumentType string

// Document types, as listed in a community transcription of Veriff's
// decision-webhook reference; PASSPORT and DRIVERS_LICENSE also appear in
// Veriff's samples.
const (
	// DocumentTypePassport is a passport. Seen in Veriff's samples.
	DocumentTypePassport DocumentType = "PASSPORT"
	// DocumentTypeIDCard is an identity card. Transcribed from Veriff's
	// reference.
	DocumentTypeIDCard DocumentType = "ID_CARD"
	// DocumentTypeResidencePermit is a residence permit. Transcribed from
	// Veriff's reference.
	DocumentTypeResidencePermit DocumentType = "RESIDENCE_PERMIT"
	// DocumentTypeDriversLicense is a driving licence. Seen in Veriff's
	// samples.
	DocumentTypeDriversLicense DocumentType = "DRIVERS_LICENSE"
	// DocumentTypeVisa is a visa. Transcribed from Veriff's reference.
	DocumentTypeVisa DocumentType = "VISA"
	// DocumentTypeOther is any other document. Transcribed from Veriff's
	// reference.
	DocumentTypeOther DocumentType = "OTHER"
)

// documentTypes lists every DocumentType constant.
var documentTypes = [...]DocumentType{DocumentTypePassport, DocumentTypeIDCard, DocumentTypeResidencePermit,
	DocumentTypeDriversLicense, DocumentTypeVisa, DocumentTypeOther}

// knownDocumentType returns the constant spelled b, without allocating.
func knownDocumentType(b []byte) (DocumentType, bool) {
	for _, t := range &documentTypes {
		if string(b) == string(t) {
			return t, true
		}
	}
	return "", false
}

// IsKnown reports whether t is a document type this package defines.
func (t DocumentType) IsKnown() bool { _, ok := knownDocumentType([]byte(t)); return ok }

// String returns the wire value.
func (t DocumentType) String() string { return string(t) }

// RiskLabelCategory is the kind of a risk label ("category" on the wire).
// Veriff may add categories; an unknown one is kept as is and reports
// IsKnown false.
type RiskLabelCategory string

// Risk-label categories, as a third party's documentation lists them;
// "document" also appears in Veriff's samples. Not confirmed by Veriff.
const (
	// RiskLabelCategoryClientDataMismatch is for risks where the
	// integrator's data and the session's disagree. Community source.
	RiskLabelCategoryClientDataMismatch RiskLabelCategory = "client_data_mismatch"
	// RiskLabelCategoryCrosslinks is for links from the session to others.
	// Community source.
	RiskLabelCategoryCrosslinks RiskLabelCategory = "crosslinks"
	// RiskLabelCategoryDevice is for risks of the end-user's device.
	// Community source.
	RiskLabelCategoryDevice RiskLabelCategory = "device"
	// RiskLabelCategoryDocument is for risks of the document. Seen in
	// Veriff's samples.
	RiskLabelCategoryDocument RiskLabelCategory = "document"
	// RiskLabelCategoryImages is for risks of the images taken.
	// Community source.
	RiskLabelCategoryImages RiskLabelCategory = "images"
	// RiskLabelCategoryNetwork is for risks of the end-user's network.
	// Community source.
	RiskLabelCategoryNetwork RiskLabelCategory = "network"
	// RiskLabelCategorySession is for risks of the session as a whole.
	// Community source.
	RiskLabelCategorySession RiskLabelCategory = "session"
	// RiskLabelCategoryPerson is for risks of the person. Community
	// source.
	RiskLabelCategoryPerson RiskLabelCategory = "person"
)

// riskLabelCategories lists every RiskLabelCategory constant.
var riskLabelCategories = [...]RiskLabelCategory{RiskLabelCategoryClientDataMismatch, RiskLabelCategoryCrosslinks,
	RiskLabelCategoryDevice, RiskLabelCategoryDocument, RiskLabelCategoryImages, RiskLabelCategoryNetwork,
	RiskLabelCategorySession, RiskLabelCategoryPerson}

// knownRiskLabelCategory returns the constant spelled b, without
// allocating.
func knownRiskLabelCategory(b []byte) (RiskLabelCategory, bool) {
	for _, c := range &riskLabelCategories {
		if string(b) == string(c) {
			return c, true
		}
	}
	return "", false
}

// IsKnown reports whether c is a category this package defines.
func (c RiskLabelCategory) IsKnown() bool { _, ok := knownRiskLabelCategory([]byte(c)); return ok }

// String returns the wire value.
func (c RiskLabelCategory) String() string { return string(c) }

// UnknownValues returns the JSON paths of the members of d whose values
// this package does not know ("verification.status",
// "verification.code" when it is not a decision code, "verification.reasonCode",
// "verification.document.type", "verification.riskLabels[i].category"), or
// nil. Absent values are not unknown. Log or count them.
func (d Decision) UnknownValues() []string {
	var u []string
	v := &d.Verification
	if !v.Status.IsKnown() {
		u = append(u, "verification.status")
	}
	if !v.Code.IsDecision() {
		u = append(u, "verification.code") // unknown, or an event's code
	}
	if v.ReasonCode != 0 && !v.ReasonCode.IsKnown() {
		u = append(u, "verification.reasonCode")
	}
	if v.Document.Type != "" && !v.Document.Type.IsKnown() {
		u = append(u, "verification.document.type")
	}
	for i, l := range v.RiskLabels {
		if l.Category != "" && !l.Category.IsKnown() {
			u = append(u, "verification.riskLabels["+strconv.Itoa(i)+"].category")
		}
	}
	return u
}

// UnmarshalJSON decodes data with ParseDecision's rules. As is the
// convention for json.Unmarshaler, the JSON literal null leaves d unchanged.
func (d *Decision) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	dec, err := ParseDecision(data)
	if err != nil {
		return err
	}
	*d = dec
	return nil
}

// ParseDecision decodes a decision webhook body. Call it only on a body
// whose signature Verify accepted.
//
// It applies Parse's rules (see Parse): exactly one JSON object of valid
// UTF-8, no duplicate member names at any depth, nesting at most MaxDepth,
// members matched case-sensitively, unknown members checked and skipped,
// unknown values kept. It requires "verification" (an object) with a
// non-empty "id" and "status" and a "code" (an integer, or a string holding
// one). Every other member is optional, and null is the same as absent. A
// member of the wrong type is an error naming it, as is a timestamp that is
// not RFC 3339 and a reasonCode that is not an integer (or a string holding
// one). The error is a *PayloadError whose Field is the member's JSON path,
// such as "verification.person.firstName".
//
// The decision does not retain body.
func ParseDecision(body []byte) (Decision, error) {
	return ParseOptions{}.ParseDecision(body)
}

// ParseDecision decodes body like the package-level ParseDecision, under
// the options o. DisallowUnknownMembers applies to every object the model
// defines, except additionalVerifiedData and biometricAuthentication.details,
// which are kept whole.
func (o ParseOptions) ParseDecision(body []byte) (Decision, error) {
	return o.parseDecision(body, nil)
}

// parseDecision parses body as a decision, noting in sig, when set, what
// its top-level members say of its kind (see ParseAny).
func (o ParseOptions) parseDecision(body []byte, sig *kindSignals) (Decision, error) {
	var d Decision
	// Room for the names of the objects open at once, so that finding
	// duplicates does not grow the slice on a usual body.
	p := parser{data: body, strict: o.DisallowUnknownMembers, keys: make([][]byte, 0, 32), sig: sig}
	if err := p.parseDecision(&d); err != nil {
		return Decision{}, p.finish(err)
	}
	return d, nil
}

// parseDecision reads the whole body into d.
func (p *parser) parseDecision(d *Decision) error {
	start := skipWS(p.data, 0)
	var verification, seenCode bool
	err := p.topLevel(func(name []byte) (bool, error) {
		if p.sig != nil && p.sig.signal(name) && p.pos < len(p.data) && p.data[p.pos] == '"' {
			// eventType or type, which a decision does not have: kept for
			// ParseAny to check the kind, otherwise unknown members.
			sp, err := p.str()
			if err == nil {
				p.sig.value(name, p.bytesOf(sp))
			}
			return true, err
		}
		switch string(name) {
		case "status":
			return true, p.optString(&d.MessageStatus, 1)
		case "verification":
			off := p.pos
			var err error
			verification, err = p.objectOrNull(2, false, func(name []byte) (bool, error) {
				return p.verificationMember(&d.Verification, name, &seenCode)
			})
			if err == nil && !verification {
				err = p.fail(off, ErrMissingMember, "null")
			}
			if err == nil {
				err = p.verificationRequired(&d.Verification, seenCode, off)
			}
			return true, err
		case "technicalData":
			_, err := p.objectOrNull(2, false, func(name []byte) (bool, error) {
				if string(name) == "ip" {
					return true, p.optString(&d.TechnicalData.IP, 2)
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
	return p.required(start, []requiredMember{{!verification, "verification"}})
}

// verificationRequired checks, once the verification object at off is
// read, that its required members were there. A required member present
// but null or empty was reported where it stood.
func (p *parser) verificationRequired(v *Verification, seenCode bool, off int) error {
	return p.required(off, []requiredMember{{v.ID == "", "id"}, {v.Status == "", "status"}, {!seenCode, "code"}})
}

// verificationMember reads the member name of the verification object,
// and records in seenCode that the code was read.
func (p *parser) verificationMember(v *Verification, name []byte, seenCode *bool) (bool, error) {
	const depth = 2
	switch string(name) {
	case "id":
		s, err := p.reqSpan(depth)
		v.ID = p.text(s)
		return true, err
	case "attemptId":
		return true, p.optString(&v.AttemptID, depth)
	case "status":
		s, err := p.reqSpan(depth)
		if err == nil {
			var ok bool
			if v.Status, ok = knownStatus(p.data[s.start:s.end]); !ok {
				v.Status = Status(p.text(s))
			}
		}
		return true, err
	case "code":
		var n int
		err := p.integer(&n, true, depth)
		v.Code, *seenCode = Code(n), err == nil
		return true, err
	case "reason":
		return true, p.optString(&v.Reason, depth)
	case "reasonCode":
		var n int
		err := p.integer(&n, false, depth)
		v.ReasonCode = ReasonCode(n)
		return true, err
	case "vendorData":
		return true, p.optString(&v.VendorData, depth)
	case "endUserId":
		return true, p.optString(&v.EndUserID, depth)
	case "acceptanceTime":
		return true, p.optTime(&v.AcceptanceTime, depth)
	case "decisionTime":
		return true, p.optTime(&v.DecisionTime, depth)
	case "submissionTime":
		return true, p.optTime(&v.SubmissionTime, depth)
	case "person":
		_, err := p.objectOrNull(depth+1, false, func(name []byte) (bool, error) {
			return p.personMember(&v.Person, name)
		})
		return true, err
	case "document":
		_, err := p.objectOrNull(depth+1, false, func(name []byte) (bool, error) {
			return p.documentMember(&v.Document, name)
		})
		return true, err
	case "additionalVerifiedData":
		return true, p.additionalVerifiedData(&v.AdditionalVerifiedData, depth+1)
	case "riskLabels":
		return true, p.array(depth+1, func(int) error {
			var l RiskLabel
			_, err := p.objectOrNull(depth+2, false, func(name []byte) (bool, error) {
				return p.riskLabelMember(&l, name, depth+2)
			})
			v.RiskLabels = append(v.RiskLabels, l)
			return err
		})
	case "riskScore":
		_, err := p.objectOrNull(depth+1, false, func(name []byte) (bool, error) {
			if string(name) == "score" {
				return true, p.optFloat(&v.RiskScore, depth+1)
			}
			return false, nil
		})
		return true, err
	case "biometricAuthentication":
		_, err := p.objectOrNull(depth+1, false, func(name []byte) (bool, error) {
			return p.biometricMember(&v.BiometricAuthentication, name, depth+1)
		})
		return true, err
	}
	return false, nil
}

// personMember reads the member name of the person object.
func (p *parser) personMember(ps *Person, name []byte) (bool, error) {
	const depth = 3
	var dst *string
	switch string(name) {
	case "firstName":
		dst = &ps.FirstName
	case "lastName":
		dst = &ps.LastName
	case "fullName":
		dst = &ps.FullName
	case "dateOfBirth":
		dst = &ps.DateOfBirth
	case "yearOfBirth":
		dst = &ps.YearOfBirth
	case "gender":
		dst = &ps.Gender
	case "idNumber":
		dst = &ps.IDNumber
	case "nationality":
		dst = &ps.Nationality
	case "placeOfBirth":
		dst = &ps.PlaceOfBirth
	case "addresses":
		return true, p.array(depth+1, func(int) error {
			var a Address
			_, err := p.objectOrNull(depth+2, false, func(name []byte) (bool, error) {
				return p.addressMember(&a, name, depth+2)
			})
			ps.Addresses = append(ps.Addresses, a)
			return err
		})
	default:
		return false, nil
	}
	return true, p.optString(dst, depth)
}

// addressMember reads the member name of an address object at depth.
func (p *parser) addressMember(a *Address, name []byte, depth int) (bool, error) {
	switch string(name) {
	case "fullAddress":
		return true, p.optString(&a.FullAddress, depth)
	case "parsedAddress":
		_, err := p.objectOrNull(depth+1, false, func(name []byte) (bool, error) {
			var dst *string
			switch pa := &a.Parsed; string(name) {
			case "street":
				dst = &pa.Street
			case "houseNumber":
				dst = &pa.HouseNumber
			case "unit":
				dst = &pa.Unit
			case "city":
				dst = &pa.City
			case "state":
				dst = &pa.State
			case "postcode":
				dst = &pa.Postcode
			case "country":
				dst = &pa.Country
			default:
				return false, nil
			}
			return true, p.optString(dst, depth+1)
		})
		return true, err
	}
	return false, nil
}

// documentMember reads the member name of the document object.
func (p *parser) documentMember(doc *Document, name []byte) (bool, error) {
	const depth = 3
	var dst *string
	switch string(name) {
	case "type":
		s, err := p.optSpan(depth)
		if err == nil && s.ok {
			var ok bool
			if doc.Type, ok = knownDocumentType(p.data[s.start:s.end]); !ok {
				doc.Type = DocumentType(p.text(s))
			}
		}
		return true, err
	case "nfcValidated":
		return true, p.optBool(&doc.NFCValidated, depth)
	case "number":
		dst = &doc.Number
	case "country":
		dst = &doc.Country
	case "state":
		dst = &doc.State
	case "validFrom":
		dst = &doc.ValidFrom
	case "validUntil":
		dst = &doc.ValidUntil
	case "firstIssue":
		dst = &doc.FirstIssue
	case "placeOfIssue":
		dst = &doc.PlaceOfIssue
	case "issueNumber":
		dst = &doc.IssueNumber
	case "issuedBy":
		dst = &doc.IssuedBy
	case "remarks":
		dst = &doc.Remarks
	case "residencePermitType":
		dst = &doc.ResidencePermitType
	default:
		return false, nil
	}
	return true, p.optString(dst, depth)
}

// additionalVerifiedData reads that object, at depth, or null: its typed
// members, and a copy of the whole.
func (p *parser) additionalVerifiedData(a *AdditionalVerifiedData, depth int) error {
	var err error
	a.Raw, err = p.keptObject(depth, func(name []byte) (bool, error) {
		switch string(name) {
		case "estimatedAge":
			return true, p.optFloat(&a.EstimatedAge, depth)
		case "estimatedGender":
			return true, p.optFloat(&a.EstimatedGender, depth)
		case "driversLicenseNumber":
			return true, p.optString(&a.DriversLicenseNumber, depth)
		}
		return false, nil
	})
	return err
}

// riskLabelMember reads the member name of a risk label object at depth.
func (p *parser) riskLabelMember(l *RiskLabel, name []byte, depth int) (bool, error) {
	switch string(name) {
	case "label":
		return true, p.optString(&l.Label, depth)
	case "category":
		s, err := p.optSpan(depth)
		if err == nil && s.ok {
			var ok bool
			if l.Category, ok = knownRiskLabelCategory(p.data[s.start:s.end]); !ok {
				l.Category = RiskLabelCategory(p.text(s))
			}
		}
		return true, err
	case "sessionIds":
		return true, p.stringArray(&l.SessionIDs, depth+1)
	}
	return false, nil
}

// biometricMember reads the member name of the biometricAuthentication
// object at depth.
func (p *parser) biometricMember(b *BiometricAuthentication, name []byte, depth int) (bool, error) {
	switch string(name) {
	case "matchedSessionId":
		return true, p.optString(&b.MatchedSessionID, depth)
	case "matchedSessionEndUserId":
		return true, p.optString(&b.MatchedSessionEndUserID, depth)
	case "matchedSessionVendorData":
		return true, p.optString(&b.MatchedSessionVendorData, depth)
	case "details":
		var err error
		b.Details, err = p.rawObject(depth)
		return true, err
	}
	return false, nil
}
