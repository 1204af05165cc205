package webhook

import "strconv"

// ReasonCode says why a session was declined or sent back for resubmission
// ("verification.reasonCode"). It is 0 when Veriff sends null, as it does
// for approved, expired and abandoned sessions. Veriff may add codes, and
// sends the granular ones (5xx, 6xx) only where an integration is set up
// for them; an unknown code is kept as is and reports IsKnown false.
//
// The code's range does not say which status it goes with: 1xx and 5xx
// codes are declines, 2xx and 6xx resubmissions. Status says it for known
// codes.
type ReasonCode int

// Reason codes. Each comment says the status the code goes with, how sure
// we are of it, and Veriff's description:
//
//   - documented: in Veriff's decision-codes table;
//   - documented, granular: in Veriff's granular reason-codes table;
//   - community copy: Veriff's granular resubmission table was not
//     reachable; these come from a third party's copy of it.
//
// Every copy of Veriff's table cuts the description of 210 off after its
// first words, so it is shorter than Veriff's. Left out are 540, whose
// description no source shows, and the granular resubmission codes no copy
// lists: they arrive as unknown codes.
const (
	// ReasonCodePhysicalDocumentNotUsed (101, documented) goes with
	// StatusDeclined: physical document not used.
	ReasonCodePhysicalDocumentNotUsed ReasonCode = 101
	// ReasonCodeSuspectedDocumentTampering (102, documented) goes with
	// StatusDeclined: suspected document tampering.
	ReasonCodeSuspectedDocumentTampering ReasonCode = 102
	// ReasonCodePersonDoesNotAppearToMatchDocumentPhoto (103, documented) goes
	// with StatusDeclined: person showing the document does not appear to
	// match document photo.
	ReasonCodePersonDoesNotAppearToMatchDocumentPhoto ReasonCode = 103
	// ReasonCodeNameDoesNotMatchDocument (104, documented) goes with
	// StatusDeclined: name entered does not match name on document.
	ReasonCodeNameDoesNotMatchDocument ReasonCode = 104
	// ReasonCodeSuspiciousBehaviour (105, documented) goes with
	// StatusDeclined: suspicious behaviour.
	ReasonCodeSuspiciousBehaviour ReasonCode = 105
	// ReasonCodeKnownFraud (106, documented) goes with StatusDeclined: known
	// fraud.
	ReasonCodeKnownFraud ReasonCode = 106
	// ReasonCodeVelocityAbuse (107, documented, granular) goes with
	// StatusDeclined: velocity/abuse.
	ReasonCodeVelocityAbuse ReasonCode = 107
	// ReasonCodeVelocityAbuseDuplicatedEndUser (108, documented) goes with
	// StatusDeclined: velocity/abuse duplicated end-user.
	ReasonCodeVelocityAbuseDuplicatedEndUser ReasonCode = 108
	// ReasonCodeVelocityAbuseDuplicatedDevice (109, documented) goes with
	// StatusDeclined: velocity/abuse duplicated device.
	ReasonCodeVelocityAbuseDuplicatedDevice ReasonCode = 109
	// ReasonCodeVelocityAbuseDuplicatedID (110, documented) goes with
	// StatusDeclined: velocity/abuse duplicated ID.
	ReasonCodeVelocityAbuseDuplicatedID ReasonCode = 110
	// ReasonCodeSessionFraudulentlyAccessed (111, documented) goes with
	// StatusDeclined: session fraudulently accessed.
	ReasonCodeSessionFraudulentlyAccessed ReasonCode = 111
	// ReasonCodeRestrictedIPLocation (112, documented) goes with
	// StatusDeclined: restricted IP location.
	ReasonCodeRestrictedIPLocation ReasonCode = 112
	// ReasonCodeIdentityFarming (113, documented) goes with StatusDeclined:
	// suspicious behaviour - Identity Farming.
	ReasonCodeIdentityFarming ReasonCode = 113
	// ReasonCodePortraitDoesNotMatchReferencePhoto (120, documented) goes with
	// StatusDeclined: person on the portrait does not appear to match
	// reference photo.
	ReasonCodePortraitDoesNotMatchReferencePhoto ReasonCode = 120
	// ReasonCodeUserIDMissing (121, documented) goes with StatusDeclined: user
	// ID missing.
	ReasonCodeUserIDMissing ReasonCode = 121
	// ReasonCodeNoReferenceFound (122, documented) goes with StatusDeclined:
	// no reference found.
	ReasonCodeNoReferenceFound ReasonCode = 122
	// ReasonCodeRegistryChecksFailed (123, documented) goes with
	// StatusDeclined: unable to pass registry checks.
	ReasonCodeRegistryChecksFailed ReasonCode = 123
	// ReasonCodeFaceAlreadyInCollection (124, documented) goes with
	// StatusDeclined: face already exists in the face collection.
	ReasonCodeFaceAlreadyInCollection ReasonCode = 124
	// ReasonCodePotentialPEPMatch (126, documented, granular) goes with
	// StatusDeclined: potential PEP match.
	ReasonCodePotentialPEPMatch ReasonCode = 126
	// ReasonCodeFaceMatchWithBlocklist (127, documented) goes with
	// StatusDeclined: face match with blocklist.
	ReasonCodeFaceMatchWithBlocklist ReasonCode = 127
	// ReasonCodeEndUserIDMismatch (128, documented) goes with StatusDeclined:
	// end User ID mismatch.
	ReasonCodeEndUserIDMismatch ReasonCode = 128
	// ReasonCodeInvalidWorkflow (129, documented) goes with StatusDeclined:
	// invalid workflow.
	ReasonCodeInvalidWorkflow ReasonCode = 129
	// ReasonCodeVideoOrPhotosMissing (201, documented) goes with
	// StatusResubmissionRequested: video and/or photos missing.
	ReasonCodeVideoOrPhotosMissing ReasonCode = 201
	// ReasonCodeFaceNotClearlyVisible (202, documented) goes with
	// StatusResubmissionRequested: face not clearly visible.
	ReasonCodeFaceNotClearlyVisible ReasonCode = 202
	// ReasonCodeFullDocumentNotVisible (203, documented) goes with
	// StatusResubmissionRequested: full document not visible.
	ReasonCodeFullDocumentNotVisible ReasonCode = 203
	// ReasonCodePoorImageQuality (204, documented) goes with
	// StatusResubmissionRequested: poor image quality.
	ReasonCodePoorImageQuality ReasonCode = 204
	// ReasonCodeDocumentDamaged (205, documented) goes with
	// StatusResubmissionRequested: document damaged.
	ReasonCodeDocumentDamaged ReasonCode = 205
	// ReasonCodeDocumentTypeNotSupported (206, documented) goes with
	// StatusResubmissionRequested: document type not supported.
	ReasonCodeDocumentTypeNotSupported ReasonCode = 206
	// ReasonCodeDocumentExpired (207, documented) goes with
	// StatusResubmissionRequested: document expired.
	ReasonCodeDocumentExpired ReasonCode = 207
	// ReasonCodeSelfieMissing (208, documented) goes with
	// StatusResubmissionRequested: selfie missing.
	ReasonCodeSelfieMissing ReasonCode = 208
	// ReasonCodeDocumentPhotoMissing (209, documented) goes with
	// StatusResubmissionRequested: document photo missing.
	ReasonCodeDocumentPhotoMissing ReasonCode = 209
	// ReasonCodeDocumentFrontPhoto (210, documented) goes with
	// StatusResubmissionRequested: document front photo.
	ReasonCodeDocumentFrontPhoto ReasonCode = 210
	// ReasonCodeHighFraudProbability (501, documented, granular) goes with
	// StatusDeclined: high probability of fraudulent attempt.
	ReasonCodeHighFraudProbability ReasonCode = 501
	// ReasonCodeMultiplePartiesPresent (502, documented, granular) goes with
	// StatusDeclined: multiple parties present in session.
	ReasonCodeMultiplePartiesPresent ReasonCode = 502
	// ReasonCodeAttemptedDeceit (503, documented, granular) goes with
	// StatusDeclined: attempted deceit.
	ReasonCodeAttemptedDeceit ReasonCode = 503
	// ReasonCodeAttemptedDeceitDeviceScreen (504, documented, granular) goes
	// with StatusDeclined: attempted deceit, device screen used.
	ReasonCodeAttemptedDeceitDeviceScreen ReasonCode = 504
	// ReasonCodeAttemptedDeceitPrintout (505, documented, granular) goes with
	// StatusDeclined: attempted deceit, printout used.
	ReasonCodeAttemptedDeceitPrintout ReasonCode = 505
	// ReasonCodePresentedDocumentTampered (506, documented, granular) goes
	// with StatusDeclined: presented document tampered.
	ReasonCodePresentedDocumentTampered ReasonCode = 506
	// ReasonCodePresentedDocumentTamperedDataCrossReference (507, documented,
	// granular) goes with StatusDeclined: presented document tampered, data
	// cross reference.
	ReasonCodePresentedDocumentTamperedDataCrossReference ReasonCode = 507
	// ReasonCodePresentedDocumentTamperedSpecimenSimilarity (508, documented,
	// granular) goes with StatusDeclined: presented document tampered,
	// document similarity to specimen.
	ReasonCodePresentedDocumentTamperedSpecimenSimilarity ReasonCode = 508
	// ReasonCodePersonDoesNotMatchDocumentPhoto (509, documented, granular)
	// goes with StatusDeclined: person showing the document does not match
	// document photo.
	ReasonCodePersonDoesNotMatchDocumentPhoto ReasonCode = 509
	// ReasonCodePresentedDocumentTypeNotSupported (510, documented, granular)
	// goes with StatusDeclined: presented document type not supported.
	ReasonCodePresentedDocumentTypeNotSupported ReasonCode = 510
	// ReasonCodePresentedDocumentExpired (511, documented, granular) goes with
	// StatusDeclined: presented document expired.
	ReasonCodePresentedDocumentExpired ReasonCode = 511
	// ReasonCodeAttemptedDeceitDeviceScreenForFace (515, documented, granular)
	// goes with StatusDeclined: attempted deceit, device screen used for face
	// image.
	ReasonCodeAttemptedDeceitDeviceScreenForFace ReasonCode = 515
	// ReasonCodeAttemptedDeceitPhotosStreamed (526, documented, granular) goes
	// with StatusDeclined: attempted deceit, photos streamed.
	ReasonCodeAttemptedDeceitPhotosStreamed ReasonCode = 526
	// ReasonCodeProofOfAddressDataUnavailable (527, documented, granular) goes
	// with StatusDeclined: unable to collect proof of address data.
	ReasonCodeProofOfAddressDataUnavailable ReasonCode = 527
	// ReasonCodeProofOfAddressTooOld (528, documented, granular) goes with
	// StatusDeclined: proof of address issue date too old.
	ReasonCodeProofOfAddressTooOld ReasonCode = 528
	// ReasonCodeUnder13 (530, documented, granular) goes with StatusDeclined:
	// person is under 13 years old.
	ReasonCodeUnder13 ReasonCode = 530
	// ReasonCodeUnder14 (531, documented, granular) goes with StatusDeclined:
	// person is under 14 years old.
	ReasonCodeUnder14 ReasonCode = 531
	// ReasonCodeUnder16 (532, documented, granular) goes with StatusDeclined:
	// person is under 16 years old.
	ReasonCodeUnder16 ReasonCode = 532
	// ReasonCodeUnder18 (533, documented, granular) goes with StatusDeclined:
	// person is under 18 years old.
	ReasonCodeUnder18 ReasonCode = 533
	// ReasonCodeUnder20 (534, documented, granular) goes with StatusDeclined:
	// person is under 20 years old.
	ReasonCodeUnder20 ReasonCode = 534
	// ReasonCodeUnder21 (535, documented, granular) goes with StatusDeclined:
	// person is under 21 years old.
	ReasonCodeUnder21 ReasonCode = 535
	// ReasonCodeUnder25 (536, documented, granular) goes with StatusDeclined:
	// person is under 25 years old.
	ReasonCodeUnder25 ReasonCode = 536
	// ReasonCodePortraitCroppingFailed (537, documented, granular) goes with
	// StatusDeclined: unable to perform document media portrait cropping.
	ReasonCodePortraitCroppingFailed ReasonCode = 537
	// ReasonCodeResubmissionLimitExceeded (539, documented, granular) goes
	// with StatusDeclined: resubmission limit exceeded.
	ReasonCodeResubmissionLimitExceeded ReasonCode = 539
	// ReasonCodeResubmitDocumentTypeNotSupported (602, community copy) goes
	// with StatusResubmissionRequested: presented document type not supported.
	ReasonCodeResubmitDocumentTypeNotSupported ReasonCode = 602
	// ReasonCodeVideoMissing (603, community copy) goes with
	// StatusResubmissionRequested: video missing.
	ReasonCodeVideoMissing ReasonCode = 603
	// ReasonCodeFaceImageMissing (605, community copy) goes with
	// StatusResubmissionRequested: face image missing.
	ReasonCodeFaceImageMissing ReasonCode = 605
	// ReasonCodeResubmitFaceNotClearlyVisible (606, community copy) goes with
	// StatusResubmissionRequested: face is not clearly visible.
	ReasonCodeResubmitFaceNotClearlyVisible ReasonCode = 606
	// ReasonCodeDocumentFrontMissing (608, community copy) goes with
	// StatusResubmissionRequested: document front missing.
	ReasonCodeDocumentFrontMissing ReasonCode = 608
	// ReasonCodeDocumentBackMissing (609, community copy) goes with
	// StatusResubmissionRequested: document back missing.
	ReasonCodeDocumentBackMissing ReasonCode = 609
	// ReasonCodeDocumentFrontNotFullyInFrame (614, community copy) goes with
	// StatusResubmissionRequested: document front not fully in frame.
	ReasonCodeDocumentFrontNotFullyInFrame ReasonCode = 614
	// ReasonCodeDocumentBackNotFullyInFrame (615, community copy) goes with
	// StatusResubmissionRequested: document back not fully in frame.
	ReasonCodeDocumentBackNotFullyInFrame ReasonCode = 615
	// ReasonCodeDocumentDataNotVisible (619, community copy) goes with
	// StatusResubmissionRequested: document data not visible.
	ReasonCodeDocumentDataNotVisible ReasonCode = 619
	// ReasonCodeResubmitDocumentExpired (620, community copy) goes with
	// StatusResubmissionRequested: presented document expired.
	ReasonCodeResubmitDocumentExpired ReasonCode = 620
	// ReasonCodeDocumentAnnulledOrDamaged (621, community copy) goes with
	// StatusResubmissionRequested: document annulled or damaged.
	ReasonCodeDocumentAnnulledOrDamaged ReasonCode = 621
	// ReasonCodeSurnameUnavailable (625, community copy) goes with
	// StatusResubmissionRequested: unable to collect surname.
	ReasonCodeSurnameUnavailable ReasonCode = 625
	// ReasonCodeFirstNamesUnavailable (626, community copy) goes with
	// StatusResubmissionRequested: unable to collect first names.
	ReasonCodeFirstNamesUnavailable ReasonCode = 626
	// ReasonCodeDateOfBirthUnavailable (627, community copy) goes with
	// StatusResubmissionRequested: unable to collect date of birth.
	ReasonCodeDateOfBirthUnavailable ReasonCode = 627
	// ReasonCodeIssueDateUnavailable (628, community copy) goes with
	// StatusResubmissionRequested: unable to collect issue date.
	ReasonCodeIssueDateUnavailable ReasonCode = 628
	// ReasonCodeExpiryDateUnavailable (629, community copy) goes with
	// StatusResubmissionRequested: unable to collect expiry date.
	ReasonCodeExpiryDateUnavailable ReasonCode = 629
	// ReasonCodeGenderUnavailable (630, community copy) goes with
	// StatusResubmissionRequested: unable to collect gender.
	ReasonCodeGenderUnavailable ReasonCode = 630
	// ReasonCodeDocumentNumberUnavailable (631, community copy) goes with
	// StatusResubmissionRequested: unable to collect document number.
	ReasonCodeDocumentNumberUnavailable ReasonCode = 631
	// ReasonCodePersonalNumberUnavailable (632, community copy) goes with
	// StatusResubmissionRequested: unable to collect personal number.
	ReasonCodePersonalNumberUnavailable ReasonCode = 632
	// ReasonCodeNationalityUnavailable (633, community copy) goes with
	// StatusResubmissionRequested: unable to collect nationality.
	ReasonCodeNationalityUnavailable ReasonCode = 633
	// ReasonCodeHomeAddressUnavailable (634, community copy) goes with
	// StatusResubmissionRequested: unable to collect home address.
	ReasonCodeHomeAddressUnavailable ReasonCode = 634
	// ReasonCodeDocumentAndFaceImageMissing (635, community copy) goes with
	// StatusResubmissionRequested: document and face image missing.
	ReasonCodeDocumentAndFaceImageMissing ReasonCode = 635
	// ReasonCodeMultipleFacesDetected (641, community copy) goes with
	// StatusResubmissionRequested: multiple faces detected.
	ReasonCodeMultipleFacesDetected ReasonCode = 641
	// ReasonCodeMultipleDocumentsUploaded (642, community copy) goes with
	// StatusResubmissionRequested: multiple documents uploaded.
	ReasonCodeMultipleDocumentsUploaded ReasonCode = 642
)

// reasonCodeSource says where a reason code was found.
type reasonCodeSource int

const (
	reasonCodeDocumented reasonCodeSource = iota // Veriff's decision-codes table
	reasonCodeGranular                           // Veriff's granular reason-codes table
	reasonCodeCommunity                          // a third party's copy of Veriff's granular table
)

// reasonCodeInfo is one row of the reason-code table.
type reasonCodeInfo struct {
	status      Status
	source      reasonCodeSource
	description string
}

// reasonCodes is the single source of truth for what each ReasonCode means.
var reasonCodes = map[ReasonCode]reasonCodeInfo{
	ReasonCodePhysicalDocumentNotUsed:                     {StatusDeclined, reasonCodeDocumented, "Physical document not used"},
	ReasonCodeSuspectedDocumentTampering:                  {StatusDeclined, reasonCodeDocumented, "Suspected document tampering"},
	ReasonCodePersonDoesNotAppearToMatchDocumentPhoto:     {StatusDeclined, reasonCodeDocumented, "Person showing the document does not appear to match document photo"},
	ReasonCodeNameDoesNotMatchDocument:                    {StatusDeclined, reasonCodeDocumented, "Name entered does not match name on document"},
	ReasonCodeSuspiciousBehaviour:                         {StatusDeclined, reasonCodeDocumented, "Suspicious behaviour"},
	ReasonCodeKnownFraud:                                  {StatusDeclined, reasonCodeDocumented, "Known fraud"},
	ReasonCodeVelocityAbuse:                               {StatusDeclined, reasonCodeGranular, "Velocity/abuse"},
	ReasonCodeVelocityAbuseDuplicatedEndUser:              {StatusDeclined, reasonCodeDocumented, "Velocity/abuse duplicated end-user"},
	ReasonCodeVelocityAbuseDuplicatedDevice:               {StatusDeclined, reasonCodeDocumented, "Velocity/abuse duplicated device"},
	ReasonCodeVelocityAbuseDuplicatedID:                   {StatusDeclined, reasonCodeDocumented, "Velocity/abuse duplicated ID"},
	ReasonCodeSessionFraudulentlyAccessed:                 {StatusDeclined, reasonCodeDocumented, "Session fraudulently accessed"},
	ReasonCodeRestrictedIPLocation:                        {StatusDeclined, reasonCodeDocumented, "Restricted IP location"},
	ReasonCodeIdentityFarming:                             {StatusDeclined, reasonCodeDocumented, "Suspicious behaviour - Identity Farming"},
	ReasonCodePortraitDoesNotMatchReferencePhoto:          {StatusDeclined, reasonCodeDocumented, "Person on the portrait does not appear to match reference photo"},
	ReasonCodeUserIDMissing:                               {StatusDeclined, reasonCodeDocumented, "User ID missing"},
	ReasonCodeNoReferenceFound:                            {StatusDeclined, reasonCodeDocumented, "No reference found"},
	ReasonCodeRegistryChecksFailed:                        {StatusDeclined, reasonCodeDocumented, "Unable to pass registry checks"},
	ReasonCodeFaceAlreadyInCollection:                     {StatusDeclined, reasonCodeDocumented, "Face already exists in the face collection"},
	ReasonCodePotentialPEPMatch:                           {StatusDeclined, reasonCodeGranular, "Potential PEP match"},
	ReasonCodeFaceMatchWithBlocklist:                      {StatusDeclined, reasonCodeDocumented, "Face match with blocklist"},
	ReasonCodeEndUserIDMismatch:                           {StatusDeclined, reasonCodeDocumented, "End User ID mismatch"},
	ReasonCodeInvalidWorkflow:                             {StatusDeclined, reasonCodeDocumented, "Invalid workflow"},
	ReasonCodeVideoOrPhotosMissing:                        {StatusResubmissionRequested, reasonCodeDocumented, "Video and/or photos missing"},
	ReasonCodeFaceNotClearlyVisible:                       {StatusResubmissionRequested, reasonCodeDocumented, "Face not clearly visible"},
	ReasonCodeFullDocumentNotVisible:                      {StatusResubmissionRequested, reasonCodeDocumented, "Full document not visible"},
	ReasonCodePoorImageQuality:                            {StatusResubmissionRequested, reasonCodeDocumented, "Poor image quality"},
	ReasonCodeDocumentDamaged:                             {StatusResubmissionRequested, reasonCodeDocumented, "Document damaged"},
	ReasonCodeDocumentTypeNotSupported:                    {StatusResubmissionRequested, reasonCodeDocumented, "Document type not supported"},
	ReasonCodeDocumentExpired:                             {StatusResubmissionRequested, reasonCodeDocumented, "Document expired"},
	ReasonCodeSelfieMissing:                               {StatusResubmissionRequested, reasonCodeDocumented, "Selfie missing"},
	ReasonCodeDocumentPhotoMissing:                        {StatusResubmissionRequested, reasonCodeDocumented, "Document photo missing"},
	ReasonCodeDocumentFrontPhoto:                          {StatusResubmissionRequested, reasonCodeDocumented, "Document front photo"},
	ReasonCodeHighFraudProbability:                        {StatusDeclined, reasonCodeGranular, "High probability of fraudulent attempt"},
	ReasonCodeMultiplePartiesPresent:                      {StatusDeclined, reasonCodeGranular, "Multiple parties present in session"},
	ReasonCodeAttemptedDeceit:                             {StatusDeclined, reasonCodeGranular, "Attempted deceit"},
	ReasonCodeAttemptedDeceitDeviceScreen:                 {StatusDeclined, reasonCodeGranular, "Attempted deceit, device screen used"},
	ReasonCodeAttemptedDeceitPrintout:                     {StatusDeclined, reasonCodeGranular, "Attempted deceit, printout used"},
	ReasonCodePresentedDocumentTampered:                   {StatusDeclined, reasonCodeGranular, "Presented document tampered"},
	ReasonCodePresentedDocumentTamperedDataCrossReference: {StatusDeclined, reasonCodeGranular, "Presented document tampered, data cross reference"},
	ReasonCodePresentedDocumentTamperedSpecimenSimilarity: {StatusDeclined, reasonCodeGranular, "Presented document tampered, document similarity to specimen"},
	ReasonCodePersonDoesNotMatchDocumentPhoto:             {StatusDeclined, reasonCodeGranular, "Person showing the document does not match document photo"},
	ReasonCodePresentedDocumentTypeNotSupported:           {StatusDeclined, reasonCodeGranular, "Presented document type not supported"},
	ReasonCodePresentedDocumentExpired:                    {StatusDeclined, reasonCodeGranular, "Presented document expired"},
	ReasonCodeAttemptedDeceitDeviceScreenForFace:          {StatusDeclined, reasonCodeGranular, "Attempted deceit, device screen used for face image"},
	ReasonCodeAttemptedDeceitPhotosStreamed:               {StatusDeclined, reasonCodeGranular, "Attempted deceit, photos streamed"},
	ReasonCodeProofOfAddressDataUnavailable:               {StatusDeclined, reasonCodeGranular, "Unable to collect proof of address data"},
	ReasonCodeProofOfAddressTooOld:                        {StatusDeclined, reasonCodeGranular, "Proof of address issue date too old"},
	ReasonCodeUnder13:                                     {StatusDeclined, reasonCodeGranular, "Person is under 13 years old"},
	ReasonCodeUnder14:                                     {StatusDeclined, reasonCodeGranular, "Person is under 14 years old"},
	ReasonCodeUnder16:                                     {StatusDeclined, reasonCodeGranular, "Person is under 16 years old"},
	ReasonCodeUnder18:                                     {StatusDeclined, reasonCodeGranular, "Person is under 18 years old"},
	ReasonCodeUnder20:                                     {StatusDeclined, reasonCodeGranular, "Person is under 20 years old"},
	ReasonCodeUnder21:                                     {StatusDeclined, reasonCodeGranular, "Person is under 21 years old"},
	ReasonCodeUnder25:                                     {StatusDeclined, reasonCodeGranular, "Person is under 25 years old"},
	ReasonCodePortraitCroppingFailed:                      {StatusDeclined, reasonCodeGranular, "Unable to perform document media portrait cropping"},
	ReasonCodeResubmissionLimitExceeded:                   {StatusDeclined, reasonCodeGranular, "Resubmission limit exceeded"},
	ReasonCodeResubmitDocumentTypeNotSupported:            {StatusResubmissionRequested, reasonCodeCommunity, "Presented document type not supported"},
	ReasonCodeVideoMissing:                                {StatusResubmissionRequested, reasonCodeCommunity, "Video missing"},
	ReasonCodeFaceImageMissing:                            {StatusResubmissionRequested, reasonCodeCommunity, "Face image missing"},
	ReasonCodeResubmitFaceNotClearlyVisible:               {StatusResubmissionRequested, reasonCodeCommunity, "Face is not clearly visible"},
	ReasonCodeDocumentFrontMissing:                        {StatusResubmissionRequested, reasonCodeCommunity, "Document front missing"},
	ReasonCodeDocumentBackMissing:                         {StatusResubmissionRequested, reasonCodeCommunity, "Document back missing"},
	ReasonCodeDocumentFrontNotFullyInFrame:                {StatusResubmissionRequested, reasonCodeCommunity, "Document front not fully in frame"},
	ReasonCodeDocumentBackNotFullyInFrame:                 {StatusResubmissionRequested, reasonCodeCommunity, "Document back not fully in frame"},
	ReasonCodeDocumentDataNotVisible:                      {StatusResubmissionRequested, reasonCodeCommunity, "Document data not visible"},
	ReasonCodeResubmitDocumentExpired:                     {StatusResubmissionRequested, reasonCodeCommunity, "Presented document expired"},
	ReasonCodeDocumentAnnulledOrDamaged:                   {StatusResubmissionRequested, reasonCodeCommunity, "Document annulled or damaged"},
	ReasonCodeSurnameUnavailable:                          {StatusResubmissionRequested, reasonCodeCommunity, "Unable to collect surname"},
	ReasonCodeFirstNamesUnavailable:                       {StatusResubmissionRequested, reasonCodeCommunity, "Unable to collect first names"},
	ReasonCodeDateOfBirthUnavailable:                      {StatusResubmissionRequested, reasonCodeCommunity, "Unable to collect date of birth"},
	ReasonCodeIssueDateUnavailable:                        {StatusResubmissionRequested, reasonCodeCommunity, "Unable to collect issue date"},
	ReasonCodeExpiryDateUnavailable:                       {StatusResubmissionRequested, reasonCodeCommunity, "Unable to collect expiry date"},
	ReasonCodeGenderUnavailable:                           {StatusResubmissionRequested, reasonCodeCommunity, "Unable to collect gender"},
	ReasonCodeDocumentNumberUnavailable:                   {StatusResubmissionRequested, reasonCodeCommunity, "Unable to collect document number"},
	ReasonCodePersonalNumberUnavailable:                   {StatusResubmissionRequested, reasonCodeCommunity, "Unable to collect personal number"},
	ReasonCodeNationalityUnavailable:                      {StatusResubmissionRequested, reasonCodeCommunity, "Unable to collect nationality"},
	ReasonCodeHomeAddressUnavailable:                      {StatusResubmissionRequested, reasonCodeCommunity, "Unable to collect home address"},
	ReasonCodeDocumentAndFaceImageMissing:                 {StatusResubmissionRequested, reasonCodeCommunity, "Document and face image missing"},
	ReasonCodeMultipleFacesDetected:                       {StatusResubmissionRequested, reasonCodeCommunity, "Multiple faces detected"},
	ReasonCodeMultipleDocumentsUploaded:                   {StatusResubmissionRequested, reasonCodeCommunity, "Multiple documents uploaded"},
}

// IsKnown reports whether c is a reason code this package defines. It is
// false for 0, which a null reasonCode gives (and UnknownValues does not
// report).
func (c ReasonCode) IsKnown() bool { _, ok := reasonCodes[c]; return ok }

// Status returns the status c goes with, StatusDeclined or
// StatusResubmissionRequested, or "" when c is not known.
func (c ReasonCode) Status() Status { return reasonCodes[c].status }

// IsDocumented reports whether c is in one of Veriff's own reason-code
// tables; false for codes known only from a community copy, and for
// unknown codes.
func (c ReasonCode) IsDocumented() bool {
	info, ok := reasonCodes[c]
	return ok && info.source != reasonCodeCommunity
}

// Description returns Veriff's short English description of c, or "" when
// c is not known.
func (c ReasonCode) Description() string { return reasonCodes[c].description }

// String returns the code in decimal.
func (c ReasonCode) String() string { return strconv.Itoa(int(c)) }
