package webhook

import (
	"encoding/json"
	"time"
)

// Decision is one delivery of Veriff's decision webhook: the result of a
// verification session. One session can send several decisions (a
// resubmission request, then an approval; a review, then a final status):
// store each delivery under Delivery.IdempotencyKey, which tells them apart
// (never under the session id alone), and fold them with SessionState for
// the session's status now.
//
// A member that is null or absent is the zero value of its field, and so is
// a null element of an array (a null risk label, address or session id).
// Veriff's members this package does not type (deprecated ones such as
// comments, highRisk and person.citizenship, and any it adds) are checked
// as JSON and skipped; the verified body holds them. Those Veriff documents
// count as known under DisallowUnknownMembers.
//
// Decision implements json.Unmarshaler with ParseDecision's rules and
// json.Marshaler in Veriff's shape (see MarshalJSON), so that a struct
// holding one goes through encoding/json and back. The verified body is
// still what to keep: the encoding leaves out the members this package
// does not type.
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

// Kind returns KindDecision.
func (Decision) Kind() Kind { return KindDecision }

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
	// one; 0 when absent or null, which Anomalies reports (the status
	// says what it would). Veriff's pages disagree on 9121; prefer Status.
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
	// UnstructuredDocs is what Unstructured Docs extracted from and checked
	// in the document ("udocs"), such as addressMatching and
	// proofOfAddress.addressValidationResult, for Unstructured Docs
	// integrations: a copy of the object as sent, not typed here; nil when
	// absent or null. Veriff documents it in the decision webhook.
	UnstructuredDocs json.RawMessage
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

// Document types of Proof of Address and Unstructured Docs sessions, whose
// decisions carry the document read in document.type.
const (
	// DocumentTypeBankStatement is a bank statement (BANK_STATEMENT). Listed
	// for Proof of Address by Veriff's supported-document-types page, and seen
	// in public decision bodies of Unstructured Docs sessions.
	DocumentTypeBankStatement DocumentType = "BANK_STATEMENT"
	// DocumentTypeCarInsurancePolicy is a car insurance policy
	// (CAR_INSURANCE_POLICY). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeCarInsurancePolicy DocumentType = "CAR_INSURANCE_POLICY"
	// DocumentTypeCertificateOfNonTaxation is a certificate of non taxation
	// (CERTIFICATE_OF_NON-TAXATION). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeCertificateOfNonTaxation DocumentType = "CERTIFICATE_OF_NON-TAXATION"
	// DocumentTypeCertificateOfResidence is a certificate of residence
	// (CERTIFICATE_OF_RESIDENCE). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeCertificateOfResidence DocumentType = "CERTIFICATE_OF_RESIDENCE"
	// DocumentTypeCouncilOrHousingAssociationDocumentation is a council or
	// housing association documentation
	// (COUNCIL_OR_HOUSING_ASSOCIATION_DOCUMENTATION). Listed for Proof of
	// Address by Veriff's supported-document-types page.
	DocumentTypeCouncilOrHousingAssociationDocumentation DocumentType = "COUNCIL_OR_HOUSING_ASSOCIATION_DOCUMENTATION"
	// DocumentTypeCreditCardBill is a credit card bill (CREDIT_CARD_BILL).
	// Listed for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeCreditCardBill DocumentType = "CREDIT_CARD_BILL"
	// DocumentTypeElectoralRegisterEntry is an electoral register entry
	// (ELECTORAL_REGISTER_ENTRY). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeElectoralRegisterEntry DocumentType = "ELECTORAL_REGISTER_ENTRY"
	// DocumentTypeElectricityBill is an electricity bill (ELECTRICITY_BILL).
	// Listed for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeElectricityBill DocumentType = "ELECTRICITY_BILL"
	// DocumentTypeEmployerPayslip is an employer's payslip. Seen in public
	// decision bodies of Unstructured Docs sessions; not in Veriff's list of
	// Proof of Address types.
	DocumentTypeEmployerPayslip DocumentType = "EMPLOYER_PAYSLIP"
	// DocumentTypeGasBill is a gas bill (GAS_BILL). Listed for Proof of
	// Address by Veriff's supported-document-types page.
	DocumentTypeGasBill DocumentType = "GAS_BILL"
	// DocumentTypeGovernmentIssuedLetter is a government issued letter
	// (GOVERNMENT_ISSUED_LETTER). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeGovernmentIssuedLetter DocumentType = "GOVERNMENT_ISSUED_LETTER"
	// DocumentTypeHealthInsuranceCard is a health insurance card
	// (HEALTH_INSURANCE_CARD). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeHealthInsuranceCard DocumentType = "HEALTH_INSURANCE_CARD"
	// DocumentTypeHomeInsurancePolicy is a home insurance policy
	// (HOME_INSURANCE_POLICY). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeHomeInsurancePolicy DocumentType = "HOME_INSURANCE_POLICY"
	// DocumentTypeI9 is a US I-9 form (I-9). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeI9 DocumentType = "I-9"
	// DocumentTypeInsuranceBill is an insurance bill (INSURANCE_BILL). Listed
	// for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeInsuranceBill DocumentType = "INSURANCE_BILL"
	// DocumentTypeInsuranceLetter is an insurance letter (INSURANCE_LETTER).
	// Listed for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeInsuranceLetter DocumentType = "INSURANCE_LETTER"
	// DocumentTypeInternetBill is an internet bill (INTERNET_BILL). Listed for
	// Proof of Address by Veriff's supported-document-types page.
	DocumentTypeInternetBill DocumentType = "INTERNET_BILL"
	// DocumentTypeKSANationalAddressCertificate is a Saudi national address
	// certificate (KSA_NATIONAL_ADDRESS_CERTIFICATE). Listed for Proof of
	// Address by Veriff's supported-document-types page.
	DocumentTypeKSANationalAddressCertificate DocumentType = "KSA_NATIONAL_ADDRESS_CERTIFICATE"
	// DocumentTypeLandlordLetter is a landlord letter (LANDLORD_LETTER).
	// Listed for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeLandlordLetter DocumentType = "LANDLORD_LETTER"
	// DocumentTypeLandLinePhoneBill is a land line phone bill
	// (LAND_LINE_PHONE_BILL). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeLandLinePhoneBill DocumentType = "LAND_LINE_PHONE_BILL"
	// DocumentTypeLeaseAgreement is a lease agreement (LEASE_AGREEMENT).
	// Listed for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeLeaseAgreement DocumentType = "LEASE_AGREEMENT"
	// DocumentTypeLeaseBill is a lease bill (LEASE_BILL). Listed for Proof of
	// Address by Veriff's supported-document-types page.
	DocumentTypeLeaseBill DocumentType = "LEASE_BILL"
	// DocumentTypeLoanStatement is a loan statement (LOAN_STATEMENT). Listed
	// for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeLoanStatement DocumentType = "LOAN_STATEMENT"
	// DocumentTypeMobileBill is a mobile bill (MOBILE_BILL). Listed for Proof
	// of Address by Veriff's supported-document-types page.
	DocumentTypeMobileBill DocumentType = "MOBILE_BILL"
	// DocumentTypeMortgageStatement is a mortgage statement
	// (MORTGAGE_STATEMENT). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeMortgageStatement DocumentType = "MORTGAGE_STATEMENT"
	// DocumentTypeNoDocument is no document at all (NO_DOCUMENT). Listed for Proof
	// of Address by Veriff's supported-document-types page.
	DocumentTypeNoDocument DocumentType = "NO_DOCUMENT"
	// DocumentTypeOfficialCorrespondence is an official correspondence
	// (OFFICIAL_CORRESPONDENCE). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeOfficialCorrespondence DocumentType = "OFFICIAL_CORRESPONDENCE"
	// DocumentTypePensionStatement is a pension statement (PENSION_STATEMENT).
	// Listed for Proof of Address by Veriff's supported-document-types page.
	DocumentTypePensionStatement DocumentType = "PENSION_STATEMENT"
	// DocumentTypePhoneBill is a phone bill (PHONE_BILL). Listed for Proof of
	// Address by Veriff's supported-document-types page.
	DocumentTypePhoneBill DocumentType = "PHONE_BILL"
	// DocumentTypeProofOfBankAccount is a proof of bank account
	// (PROOF_OF_BANK_ACCOUNT). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeProofOfBankAccount DocumentType = "PROOF_OF_BANK_ACCOUNT"
	// DocumentTypeProofOfHousingTax is a proof of housing tax
	// (PROOF_OF_HOUSING_TAX). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeProofOfHousingTax DocumentType = "PROOF_OF_HOUSING_TAX"
	// DocumentTypeRentalAgreement is a rental agreement (RENTAL_AGREEMENT).
	// Listed for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeRentalAgreement DocumentType = "RENTAL_AGREEMENT"
	// DocumentTypeRentalContract is a rental contract (RENTAL_CONTRACT).
	// Listed for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeRentalContract DocumentType = "RENTAL_CONTRACT"
	// DocumentTypeRentBill is a rent bill (RENT_BILL). Listed for Proof of
	// Address by Veriff's supported-document-types page.
	DocumentTypeRentBill DocumentType = "RENT_BILL"
	// DocumentTypeRentReceipt is a rent receipt (RENT_RECEIPT). Listed for
	// Proof of Address by Veriff's supported-document-types page.
	DocumentTypeRentReceipt DocumentType = "RENT_RECEIPT"
	// DocumentTypeResidenceRegistration is a residence registration
	// (RESIDENCE_REGISTRATION). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeResidenceRegistration DocumentType = "RESIDENCE_REGISTRATION"
	// DocumentTypeSocialInsuranceDocument is a social insurance document
	// (SOCIAL_INSURANCE_DOCUMENT). Listed for Proof of Address by Veriff's
	// supported-document-types page.
	DocumentTypeSocialInsuranceDocument DocumentType = "SOCIAL_INSURANCE_DOCUMENT"
	// DocumentTypeSolicitorsLetter is a solicitors letter (SOLICITORS_LETTER).
	// Listed for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeSolicitorsLetter DocumentType = "SOLICITORS_LETTER"
	// DocumentTypeTaxAssessment is a tax assessment (TAX_ASSESSMENT). Listed
	// for Proof of Address by Veriff's supported-document-types page.
	DocumentTypeTaxAssessment DocumentType = "TAX_ASSESSMENT"
	// DocumentTypeTaxBill is a tax bill (TAX_BILL). Listed for Proof of
	// Address by Veriff's supported-document-types page.
	DocumentTypeTaxBill DocumentType = "TAX_BILL"
	// DocumentTypeTaxDocument is a tax document (TAX_DOCUMENT). Listed for
	// Proof of Address by Veriff's supported-document-types page.
	DocumentTypeTaxDocument DocumentType = "TAX_DOCUMENT"
	// DocumentTypeVehicleRegistration is a vehicle registration
	// (VEHICLE_REGISTRATION). Listed for Proof of Address by Veriff's
	// supported-document-types page, and seen in public decision bodies of
	// Unstructured Docs sessions.
	DocumentTypeVehicleRegistration DocumentType = "VEHICLE_REGISTRATION"
	// DocumentTypeWaterBill is a water bill (WATER_BILL). Listed for Proof of
	// Address by Veriff's supported-document-types page.
	DocumentTypeWaterBill DocumentType = "WATER_BILL"
)

// documentTypes lists every DocumentType constant.
var documentTypes = [...]DocumentType{DocumentTypePassport, DocumentTypeIDCard, DocumentTypeResidencePermit,
	DocumentTypeDriversLicense, DocumentTypeVisa, DocumentTypeOther,
	DocumentTypeBankStatement, DocumentTypeCarInsurancePolicy, DocumentTypeCertificateOfNonTaxation,
	DocumentTypeCertificateOfResidence, DocumentTypeCouncilOrHousingAssociationDocumentation,
	DocumentTypeCreditCardBill, DocumentTypeElectoralRegisterEntry, DocumentTypeElectricityBill,
	DocumentTypeEmployerPayslip, DocumentTypeGasBill, DocumentTypeGovernmentIssuedLetter,
	DocumentTypeHealthInsuranceCard, DocumentTypeHomeInsurancePolicy, DocumentTypeI9, DocumentTypeInsuranceBill,
	DocumentTypeInsuranceLetter, DocumentTypeInternetBill, DocumentTypeKSANationalAddressCertificate,
	DocumentTypeLandlordLetter, DocumentTypeLandLinePhoneBill, DocumentTypeLeaseAgreement, DocumentTypeLeaseBill,
	DocumentTypeLoanStatement, DocumentTypeMobileBill, DocumentTypeMortgageStatement, DocumentTypeNoDocument,
	DocumentTypeOfficialCorrespondence, DocumentTypePensionStatement, DocumentTypePhoneBill,
	DocumentTypeProofOfBankAccount, DocumentTypeProofOfHousingTax, DocumentTypeRentalAgreement,
	DocumentTypeRentalContract, DocumentTypeRentBill, DocumentTypeRentReceipt, DocumentTypeResidenceRegistration,
	DocumentTypeSocialInsuranceDocument, DocumentTypeSolicitorsLetter, DocumentTypeTaxAssessment,
	DocumentTypeTaxBill, DocumentTypeTaxDocument, DocumentTypeVehicleRegistration, DocumentTypeWaterBill}

// knownDocumentType returns the constant spelled b, without allocating.
func knownDocumentType(b []byte) (DocumentType, bool) {
	for _, t := range &documentTypes {
		if string(b) == string(t) {
			return t, true
		}
	}
	return "", false
}

// IsKnown reports whether t is a document type this package defines. It is
// false for the empty DocumentType, which an absent or null type gives (and
// UnknownValues does not report).
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

// IsKnown reports whether c is a category this package defines. It is false
// for the empty RiskLabelCategory, which an absent or null category gives
// (and UnknownValues does not report).
func (c RiskLabelCategory) IsKnown() bool { _, ok := knownRiskLabelCategory([]byte(c)); return ok }

// String returns the wire value.
func (c RiskLabelCategory) String() string { return string(c) }

// UnknownValues returns the JSON paths of the members of d whose values
// this package does not know ("verification.status",
// "verification.code" when it is not a decision code, "verification.reasonCode",
// "verification.document.type", "verification.riskLabels[i].category"), or
// nil. Absent values are not unknown (Anomalies reports an absent code).
// Log or count them.
func (d Decision) UnknownValues() []string {
	var u []string
	v := &d.Verification
	if !v.Status.IsKnown() {
		u = append(u, "verification.status")
	}
	if v.Code != 0 && !v.Code.IsDecision() {
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
			u = append(u, jsonPath("verification", "riskLabels", i, "category"))
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

// readDecision reads a decision body into d.
func readDecision(p *parser, d *Decision) error {
	start := skipWS(p.data, 0)
	var verification bool
	err := p.topLevel(func(name []byte) (bool, error) {
		switch string(name) {
		case "status":
			return true, p.optString(&d.MessageStatus)
		case "verification":
			verification = true
			return true, readVerification(p, &d.Verification)
		case "technicalData":
			_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
				if string(name) == "ip" {
					return true, p.optString(&d.TechnicalData.IP)
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
	return p.required(start, requiredMember{!verification, "verification"})
}

// readVerification reads the verification object, which must be there
// with its required members.
func readVerification(p *parser, v *Verification) error {
	off := p.pos
	found, err := p.objectOrNull(false, func(name []byte) (bool, error) {
		switch string(name) {
		case "id":
			return true, p.reqString(&v.ID)
		case "attemptId":
			return true, p.optString(&v.AttemptID)
		case "status":
			return true, reqEnum(p, &v.Status, knownStatus)
		case "code":
			var n int
			err := p.integer(&n, false)
			v.Code = Code(n)
			return true, err
		case "reason":
			return true, p.optString(&v.Reason)
		case "reasonCode":
			var n int
			err := p.integer(&n, false)
			v.ReasonCode = ReasonCode(n)
			return true, err
		case "vendorData":
			return true, p.optString(&v.VendorData)
		case "endUserId":
			return true, p.optString(&v.EndUserID)
		case "acceptanceTime":
			return true, p.optTime(&v.AcceptanceTime)
		case "decisionTime":
			return true, p.optTime(&v.DecisionTime)
		case "submissionTime":
			return true, p.optTime(&v.SubmissionTime)
		case "person":
			return true, readPerson(p, &v.Person)
		case "document":
			return true, readDocument(p, &v.Document)
		case "additionalVerifiedData":
			a := &v.AdditionalVerifiedData
			var err error
			a.Raw, err = p.keptObject(func(name []byte) (bool, error) {
				switch string(name) {
				case "estimatedAge":
					return true, p.optFloat(&a.EstimatedAge)
				case "estimatedGender":
					return true, p.optFloat(&a.EstimatedGender)
				case "driversLicenseNumber":
					return true, p.optString(&a.DriversLicenseNumber)
				}
				return false, nil
			})
			return true, err
		case "riskLabels":
			// The session ids of all the labels share one slice: a slice
			// for each label's took an allocation each.
			var labels gather[RiskLabel]
			var ids gather[string]
			var counts gather[int] // of session ids, label by label
			err := p.arrayOrNull(func(int) error {
				n := ids.n
				err := readRiskLabel(p, labels.next(), &ids)
				*counts.next() = ids.n - n
				return err
			})
			v.RiskLabels = labels.slice()
			all := ids.slice()
			for i := range v.RiskLabels {
				if n := *counts.at(i); n > 0 {
					v.RiskLabels[i].SessionIDs, all = all[:n:n], all[n:]
				}
			}
			return true, err
		case "riskScore":
			_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
				if string(name) == "score" {
					return true, p.optFloat(&v.RiskScore)
				}
				return false, nil
			})
			return true, err
		case "biometricAuthentication":
			return true, readBiometric(p, &v.BiometricAuthentication)
		case "udocs":
			var err error
			v.UnstructuredDocs, err = p.rawObject()
			return true, err
		case "comments", "highRisk", "insights":
			// Documented and untyped here: comments and highRisk are
			// deprecated, insights belongs to newer integrations. Known, so
			// that DisallowUnknownMembers accepts them; checked and skipped.
			return true, p.skip()
		}
		return false, nil
	})
	if err == nil && !found {
		err = p.fail(off, ErrMissingMember, "null")
	}
	if err == nil {
		// A required member present but null or empty was reported where
		// it stood.
		err = p.required(off, requiredMember{v.ID == "", "id"}, requiredMember{v.Status == "", "status"})
	}
	return err
}

// readPerson reads the person object, or a null (then it stays zero).
func readPerson(p *parser, ps *Person) error {
	_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
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
		case "citizenship", "pepSanctionMatch", "occupation", "employer", "foreignerStatus", "extraNames", "title",
			"ifeIdentifier", "ineIdentifier", "electorNumber", "eyeColor", "hairColor", "height", "weight":
			// Documented and untyped here: citizenship and pepSanctionMatch
			// are deprecated (always null, "should be ignored"), the others
			// depend on the integration. Checked and skipped.
			return true, p.skip()
		case "addresses":
			var addresses gather[Address]
			err := p.arrayOrNull(func(int) error {
				return readAddress(p, addresses.next())
			})
			ps.Addresses = addresses.slice()
			return true, err
		default:
			return false, nil
		}
		return true, p.optString(dst)
	})
	return err
}

// readAddress reads an address object, or a null (then it stays zero).
func readAddress(p *parser, a *Address) error {
	_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
		switch string(name) {
		case "fullAddress":
			return true, p.optString(&a.FullAddress)
		case "parsedAddress":
			_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
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
				return true, p.optString(dst)
			})
			return true, err
		}
		return false, nil
	})
	return err
}

// readDocument reads the document object, or a null (then it stays zero).
func readDocument(p *parser, doc *Document) error {
	_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
		var dst *string
		switch string(name) {
		case "type":
			return true, optEnum(p, &doc.Type, knownDocumentType)
		case "nfcValidated":
			return true, p.optBool(&doc.NFCValidated)
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
		case "portraitIsVisible", "signatureIsVisible", "ineIdentifier", "specimen":
			// Documented and untyped here: checked and skipped.
			return true, p.skip()
		default:
			return false, nil
		}
		return true, p.optString(dst)
	})
	return err
}

// readRiskLabel reads a risk label object, or a null (then it stays zero),
// and its session ids into ids.
func readRiskLabel(p *parser, l *RiskLabel, ids *gather[string]) error {
	_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
		switch string(name) {
		case "label":
			return true, p.optString(&l.Label)
		case "category":
			return true, optEnum(p, &l.Category, knownRiskLabelCategory)
		case "sessionIds":
			return true, p.stringsInto(ids)
		}
		return false, nil
	})
	return err
}

// readBiometric reads the biometricAuthentication object, or a null (then
// it stays zero).
func readBiometric(p *parser, b *BiometricAuthentication) error {
	_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
		switch string(name) {
		case "matchedSessionId":
			return true, p.optString(&b.MatchedSessionID)
		case "matchedSessionEndUserId":
			return true, p.optString(&b.MatchedSessionEndUserID)
		case "matchedSessionVendorData":
			return true, p.optString(&b.MatchedSessionVendorData)
		case "details":
			var err error
			b.Details, err = p.rawObject()
			return true, err
		}
		return false, nil
	})
	return err
}
