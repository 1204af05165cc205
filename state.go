package webhook

import "strconv"

// State is where the end-user was in the flow when a flow event was sent
// ("context.state" on the wire). Veriff documents 84 states but published
// the identifier of only one, StateClientStarted; every other constant's
// wire value is derived, and State.Evidence says how well each is supported.
// An unrecognised value is kept as is and reports IsKnown false, so a wrong
// identifier shows itself on the first real delivery and is a one-line fix.
type State string

// States, in the order of the table in Veriff's documentation; "row N" in a
// comment is the row of that table. After the row, each comment names the
// strongest evidence grade that holds for the wire value, as State.Evidence
// reports it: "confirmed", "documented by Veriff as a reason", "seen in
// Veriff's Android SDK 3.17.0" or "inferred" (see Evidence).
//
// Rows 3, 4 and 66 to 69 have a related name in that SDK spelled with
// hyphens. They keep underscores, because every identifier Veriff documents
// uses them and the SDK mixes both styles; their comments give the SDK's
// spelling, so that a real delivery in that form is easy to recognise.
//
// Rows 35 and 44 have the same description in Veriff's table but are two
// states. Row 44 sits just before "Continue on the resubmission feedback
// screen" (row 45) and the capture screens, and its name is the one Veriff's
// Android SDK 3.17.0 uses for that screen; row 35 sits among the handover
// and end-of-flow screens, so it gets a different name.
const (
	// StateClientStarted (row 1, confirmed): the web app or SDK was opened; the first event of every flow.
	StateClientStarted State = "client_started"
	// StateIntroScreenShown (row 2, seen in Veriff's Android SDK 3.17.0): the intro screen, which opens the flow, is displayed.
	StateIntroScreenShown State = "intro_screen_shown"
	// StateSessionStarted (row 3, inferred): the session moved from created to started because the end-user began the flow.
	// Veriff's Android SDK 3.17.0 spells a related name with hyphens: session-started.
	StateSessionStarted State = "session_started"
	// StateSessionSubmitted (row 4, inferred): the session moved from started to submitted because the end-user completed the flow.
	// Veriff's Android SDK 3.17.0 spells a related name with hyphens: session-submitted.
	StateSessionSubmitted State = "session_submitted"
	// StateIntroScreenStartButtonClicked (row 5, seen in Veriff's Android SDK 3.17.0): the end-user pressed the start button on the intro screen.
	StateIntroScreenStartButtonClicked State = "intro_screen_start_button_clicked"
	// StateCameraPermissionTriggered (row 6, seen in Veriff's Android SDK 3.17.0): the web client asked for camera and microphone access; a browser prompt appears unless already allowed.
	StateCameraPermissionTriggered State = "camera_permission_triggered"
	// StateCameraPermissionGranted (row 7, seen in Veriff's Android SDK 3.17.0): the end-user allowed access to the camera and microphone.
	StateCameraPermissionGranted State = "camera_permission_granted"
	// StateCameraPermissionDeclined (row 8, seen in Veriff's Android SDK 3.17.0): the end-user refused access to the camera and microphone.
	StateCameraPermissionDeclined State = "camera_permission_declined"
	// StateDocumentAndCountrySelectScreenShown (row 9, inferred): the combined screen for choosing the issuing country and the document is displayed.
	StateDocumentAndCountrySelectScreenShown State = "document_and_country_select_screen_shown"
	// StateCountrySelectScreenShown (row 10, seen in Veriff's Android SDK 3.17.0): the screen for choosing the issuing country is displayed.
	StateCountrySelectScreenShown State = "country_select_screen_shown"
	// StateDocumentTypeSelectScreenShown (row 11, inferred): the screen for choosing which kind of document to use is displayed.
	StateDocumentTypeSelectScreenShown State = "document_type_select_screen_shown"
	// StateDocumentAssignmentFailed (row 12, inferred): the document could not be determined automatically, so the end-user must enter its details by hand.
	StateDocumentAssignmentFailed State = "document_assignment_failed"
	// StateDocumentManuallyAssigned (row 13, inferred): the end-user picked the right document by hand.
	StateDocumentManuallyAssigned State = "document_manually_assigned"
	// StateDocumentSelectScreenShown (row 14, seen in Veriff's Android SDK 3.17.0): the document selection screen is displayed.
	StateDocumentSelectScreenShown State = "document_select_screen_shown"
	// StateDocumentFromListChosen (row 15, seen in Veriff's Android SDK 3.17.0): the end-user picked the right document from the offered list.
	StateDocumentFromListChosen State = "document_from_list_chosen"
	// StateDetectedDocumentConfirmed (row 16, inferred): the end-user accepted the document that was detected automatically.
	StateDetectedDocumentConfirmed State = "detected_document_confirmed"
	// StatePassportSignatureInstructionsScreenShown (row 17, inferred): guidance on photographing the passport signature is displayed.
	StatePassportSignatureInstructionsScreenShown State = "passport_signature_instructions_screen_shown"
	// StateCameraPermissionInstructionsScreenShown (row 18, inferred): the end-user is told to get ready to allow camera and microphone access.
	StateCameraPermissionInstructionsScreenShown State = "camera_permission_instructions_screen_shown"
	// StateCameraPermissionRequestScreenShown (row 19, inferred): the end-user is asked again for camera and microphone access because it was not given at first.
	StateCameraPermissionRequestScreenShown State = "camera_permission_request_screen_shown"
	// StateBarcodeScanStarted (row 20, seen in Veriff's Android SDK 3.17.0): the end-user chose to continue and barcode scanning began.
	StateBarcodeScanStarted State = "barcode_scan_started"
	// StateBarcodeScanScreenShown (row 21, seen in Veriff's Android SDK 3.17.0): the barcode scanning screen is displayed.
	StateBarcodeScanScreenShown State = "barcode_scan_screen_shown"
	// StateBarcodeScanFailed (row 22, seen in Veriff's Android SDK 3.17.0): barcode scanning timed out and the end-user was sent back into the flow.
	StateBarcodeScanFailed State = "barcode_scan_failed"
	// StateBarcodeScanned (row 23, seen in Veriff's Android SDK 3.17.0): a barcode was read.
	StateBarcodeScanned State = "barcode_scanned"
	// StateBarcodeAccepted (row 24, seen in Veriff's Android SDK 3.17.0): the barcode was read successfully and the end-user is asked to go on with the flow.
	StateBarcodeAccepted State = "barcode_accepted"
	// StateQrCodeScanScreenShown (row 25, inferred): the QR code scanning screen is displayed.
	StateQrCodeScanScreenShown State = "qr_code_scan_screen_shown"
	// StateConsentScreenShown (row 26, seen in Veriff's Android SDK 3.17.0): the consent screen is displayed.
	StateConsentScreenShown State = "consent_screen_shown"
	// StateConsentScreenCancelPressed (row 27, documented by Veriff as a reason): the end-user pressed Proceed with the option to withhold consent selected.
	StateConsentScreenCancelPressed State = "consent_screen_cancel_pressed"
	// StateConsentScreenApprovedPressed (row 28, seen in Veriff's Android SDK 3.17.0): the end-user pressed Proceed with the option to give consent selected.
	StateConsentScreenApprovedPressed State = "consent_screen_approved_pressed"
	// StateDocumentNumberInputScreenShown (row 29, inferred): the end-user is asked to type in the 12-digit document number by hand.
	StateDocumentNumberInputScreenShown State = "document_number_input_screen_shown"
	// StateOtpScreenShown (row 30, inferred): the screen for entering a one-time password is displayed.
	StateOtpScreenShown State = "otp_screen_shown"
	// StateOtpVerified (row 31, inferred): the one-time password was submitted without errors and the flow is complete.
	StateOtpVerified State = "otp_verified"
	// StateMobileHandoverIntroScreenShown (row 32, inferred): a screen explains that the verification will continue on a mobile device.
	StateMobileHandoverIntroScreenShown State = "mobile_handover_intro_screen_shown"
	// StateMobileHandoverScreenShown (row 33, documented by Veriff as a reason): the handover screen asks the end-user to check their phone or email to carry on.
	StateMobileHandoverScreenShown State = "mobile_handover_screen_shown"
	// StateMobileHandoverFallbackClicked (row 34, inferred): the end-user tried a fallback handover method, either SMS or QR code.
	StateMobileHandoverFallbackClicked State = "mobile_handover_fallback_clicked"
	// StateResubmissionScreenShown (row 35, inferred): resubmission feedback is shown at the end of the flow, among the handover and finish screens.
	StateResubmissionScreenShown State = "resubmission_screen_shown"
	// StateFinishedScreenShown (row 36, inferred): the closing screen reporting that the session finished successfully is displayed.
	StateFinishedScreenShown State = "finished_screen_shown"
	// StateFinishedScreenConfirmedClicked (row 37, documented by Veriff as a reason): the end-user pressed the confirm button.
	StateFinishedScreenConfirmedClicked State = "finished_screen_confirmed_clicked"
	// StateWaitingDecisionScreenShown (row 38, seen in Veriff's Android SDK 3.17.0): a screen asks the end-user to wait while the final decision is made.
	StateWaitingDecisionScreenShown State = "waiting_decision_screen_shown"
	// StateWaitingDecisionContinueClicked (row 39, documented by Veriff as a reason): the end-user pressed Continue on the waiting-for-decision screen.
	StateWaitingDecisionContinueClicked State = "waiting_decision_continue_clicked"
	// StateWaitingDecisionTimeout (row 40, seen in Veriff's Android SDK 3.17.0): waiting for the decision took too long and timed out.
	StateWaitingDecisionTimeout State = "waiting_decision_timeout"
	// StateDecisionScreenShown (row 41, inferred): the screen with the final decision, approved or declined, is displayed.
	StateDecisionScreenShown State = "decision_screen_shown"
	// StateGenericErrorScreenShown (row 42, inferred): an error screen is displayed.
	StateGenericErrorScreenShown State = "generic_error_screen_shown"
	// StateIntroConsentScreenShown (row 43, inferred): the consent screen is displayed after the end-user pressed start on the intro screen.
	StateIntroConsentScreenShown State = "intro_consent_screen_shown"
	// StateResubmissionFeedbackScreenShown (row 44, seen in Veriff's Android SDK 3.17.0): the resubmission feedback screen is shown before the capture steps begin again.
	StateResubmissionFeedbackScreenShown State = "resubmission_feedback_screen_shown"
	// StateResubmissionFeedbackContinueClicked (row 45, seen in Veriff's Android SDK 3.17.0): the end-user pressed Continue on the resubmission feedback screen.
	StateResubmissionFeedbackContinueClicked State = "resubmission_feedback_continue_clicked"
	// StatePortraitScreenShown (row 46, seen in Veriff's Android SDK 3.17.0): the selfie capture screen is displayed.
	StatePortraitScreenShown State = "portrait_screen_shown"
	// StatePortraitScreenTakePictureClicked (row 47, seen in Veriff's Android SDK 3.17.0): the end-user pressed the button to take a selfie.
	StatePortraitScreenTakePictureClicked State = "portrait_screen_take_picture_clicked"
	// StateDocumentFrontScreenShown (row 48, seen in Veriff's Android SDK 3.17.0): the screen for photographing the front of the document is displayed.
	StateDocumentFrontScreenShown State = "document_front_screen_shown"
	// StateDocumentFrontScreenTakePictureClicked (row 49, seen in Veriff's Android SDK 3.17.0): the end-user pressed the button to photograph the front of the document.
	StateDocumentFrontScreenTakePictureClicked State = "document_front_screen_take_picture_clicked"
	// StateDocumentBackScreenShown (row 50, seen in Veriff's Android SDK 3.17.0): the screen for photographing the back of the document is displayed.
	StateDocumentBackScreenShown State = "document_back_screen_shown"
	// StateDocumentBackScreenTakePictureClicked (row 51, seen in Veriff's Android SDK 3.17.0): the end-user pressed the button to photograph the back of the document.
	StateDocumentBackScreenTakePictureClicked State = "document_back_screen_take_picture_clicked"
	// StateDocumentAndFaceScreenShown (row 52, seen in Veriff's Android SDK 3.17.0): the screen for photographing the document front together with a selfie is displayed.
	StateDocumentAndFaceScreenShown State = "document_and_face_screen_shown"
	// StateBarcodeScreenShown (row 53, seen in Veriff's Android SDK 3.17.0): the capture screen for scanning the barcode is displayed.
	StateBarcodeScreenShown State = "barcode_screen_shown"
	// StatePassportScreenShown (row 54, seen in Veriff's Android SDK 3.17.0): the passport capture screen is displayed.
	StatePassportScreenShown State = "passport_screen_shown"
	// StateAddressScreenShown (row 55, seen in Veriff's Android SDK 3.17.0): the screen for capturing a proof of address document is displayed.
	StateAddressScreenShown State = "address_screen_shown"
	// StatePassportSignatureScreenShown (row 56, inferred): the screen for capturing the passport signature is displayed.
	StatePassportSignatureScreenShown State = "passport_signature_screen_shown"
	// StatePortraitFeedbackScreenShown (row 57, seen in Veriff's Android SDK 3.17.0): feedback on the selfie is displayed and the end-user is asked to take it again.
	StatePortraitFeedbackScreenShown State = "portrait_feedback_screen_shown"
	// StatePortraitFeedbackContinue (row 58, seen in Veriff's Android SDK 3.17.0): the end-user pressed Continue on the selfie feedback screen.
	StatePortraitFeedbackContinue State = "portrait_feedback_continue"
	// StatePortraitFeedbackTryAgain (row 59, seen in Veriff's Android SDK 3.17.0): the end-user takes the selfie again after the feedback.
	StatePortraitFeedbackTryAgain State = "portrait_feedback_try_again"
	// StateDocumentFrontFeedbackScreenShown (row 60, seen in Veriff's Android SDK 3.17.0): feedback on the document front photo is displayed and the end-user is asked to retake it.
	StateDocumentFrontFeedbackScreenShown State = "document_front_feedback_screen_shown"
	// StateDocumentFrontFeedbackContinue (row 61, seen in Veriff's Android SDK 3.17.0): the end-user pressed Continue on the document front feedback screen.
	StateDocumentFrontFeedbackContinue State = "document_front_feedback_continue"
	// StateDocumentFrontFeedbackTryAgain (row 62, seen in Veriff's Android SDK 3.17.0): the end-user photographs the document front again after the feedback.
	StateDocumentFrontFeedbackTryAgain State = "document_front_feedback_try_again"
	// StateDocumentBackFeedbackScreenShown (row 63, seen in Veriff's Android SDK 3.17.0): feedback on the document back photo is displayed and the end-user is asked to retake it.
	StateDocumentBackFeedbackScreenShown State = "document_back_feedback_screen_shown"
	// StateDocumentBackFeedbackContinue (row 64, seen in Veriff's Android SDK 3.17.0): the end-user pressed Continue on the document back feedback screen.
	StateDocumentBackFeedbackContinue State = "document_back_feedback_continue"
	// StateDocumentBackFeedbackTryAgain (row 65, seen in Veriff's Android SDK 3.17.0): the end-user photographs the document back again after the feedback.
	StateDocumentBackFeedbackTryAgain State = "document_back_feedback_try_again"
	// StateInflowFeedbackDarkRoom (row 66, inferred): assisted capture: the end-user is told the picture is too dark.
	// Veriff's Android SDK 3.17.0 spells a related name with hyphens: inflow-feedback-dark-room.
	StateInflowFeedbackDarkRoom State = "inflow_feedback_dark_room"
	// StateInflowFeedbackDarkRoomFixed (row 67, inferred): assisted capture: the end-user is told the picture is no longer too dark.
	// Veriff's Android SDK 3.17.0 spells a related name with hyphens: inflow-feedback-dark-room-fixed.
	StateInflowFeedbackDarkRoomFixed State = "inflow_feedback_dark_room_fixed"
	// StateInflowFeedbackMultiplePersons (row 68, inferred): assisted capture: the end-user is told more than one person is visible in the selfie.
	// Veriff's Android SDK 3.17.0 spells a related name with hyphens: inflow-feedback-multiple-persons.
	StateInflowFeedbackMultiplePersons State = "inflow_feedback_multiple_persons"
	// StateInflowFeedbackNoPerson (row 69, inferred): assisted capture: the end-user is told nobody is visible in the selfie.
	// Veriff's Android SDK 3.17.0 spells a related name with hyphens: inflow-feedback-no-person.
	StateInflowFeedbackNoPerson State = "inflow_feedback_no_person"
	// StateInflowFeedbackReceived (row 70, inferred): assisted capture: the image check service approved or rejected an uploaded image.
	StateInflowFeedbackReceived State = "inflow_feedback_received"
	// StateInflowFeedbackLimitReached (row 71, inferred): assisted capture: the feedback limit was hit and the check was skipped.
	StateInflowFeedbackLimitReached State = "inflow_feedback_limit_reached"
	// StateInflowFeedbackTimeout (row 72, inferred): assisted capture: the 4-second timeout passed and the end-user moved on to the next capture.
	StateInflowFeedbackTimeout State = "inflow_feedback_timeout"
	// StateInflowFeedbackResolved (row 73, inferred): assisted capture: the end-user acted on the feedback and the issue is no longer detected.
	StateInflowFeedbackResolved State = "inflow_feedback_resolved"
	// StateDocumentAndFaceFeedbackScreenShown (row 74, seen in Veriff's Android SDK 3.17.0): feedback on the document and selfie photo is displayed and the end-user is asked to retake it.
	StateDocumentAndFaceFeedbackScreenShown State = "document_and_face_feedback_screen_shown"
	// StateBarcodeFeedbackScreenShown (row 75, seen in Veriff's Android SDK 3.17.0): feedback on the scanned barcode is displayed and the end-user is asked to scan it again.
	StateBarcodeFeedbackScreenShown State = "barcode_feedback_screen_shown"
	// StatePassportFeedbackScreenShown (row 76, seen in Veriff's Android SDK 3.17.0): feedback on the passport photo is displayed and the end-user is asked to retake it.
	StatePassportFeedbackScreenShown State = "passport_feedback_screen_shown"
	// StateAddressFeedbackScreenShown (row 77, seen in Veriff's Android SDK 3.17.0): feedback on the proof of address photo is displayed and the end-user is asked to retake it.
	StateAddressFeedbackScreenShown State = "address_feedback_screen_shown"
	// StatePassportSignatureFeedbackScreenShown (row 78, inferred): feedback on the passport signature photo is displayed and the end-user is asked to retake it.
	StatePassportSignatureFeedbackScreenShown State = "passport_signature_feedback_screen_shown"
	// StateErrorScreenShown (row 79, seen in Veriff's Android SDK 3.17.0): a screen telling the end-user that something went wrong is displayed.
	StateErrorScreenShown State = "error_screen_shown"
	// StateErrorScreenExitClicked (row 80, documented by Veriff as a reason): the end-user pressed the exit button on the error screen.
	StateErrorScreenExitClicked State = "error_screen_exit_clicked"
	// StateErrorScreenTryAgainClicked (row 81, seen in Veriff's Android SDK 3.17.0): the end-user pressed Try again on the error screen.
	StateErrorScreenTryAgainClicked State = "error_screen_try_again_clicked"
	// StateTimeoutErrorScreenShown (row 82, inferred): a screen reports that the session was open too long and timed out.
	StateTimeoutErrorScreenShown State = "timeout_error_screen_shown"
	// StateTimeoutErrorScreenExitClicked (row 83, inferred): the end-user pressed the exit button on the timeout error screen.
	StateTimeoutErrorScreenExitClicked State = "timeout_error_screen_exit_clicked"
	// StateTimeoutErrorScreenTryAgainClicked (row 84, inferred): the end-user pressed Try again on the timeout error screen.
	StateTimeoutErrorScreenTryAgainClicked State = "timeout_error_screen_try_again_clicked"
)

// Evidence is how well a State's wire value is supported. The grades are
// ordered: a greater Evidence is stronger, and each state reports the
// strongest grade that holds for it.
//
// Veriff's documentation keeps the identifier of one state. Besides that,
// five states have the exact string of a reason value Veriff documents, and
// many are names found in Veriff's Android SDK 3.17.0 (as bundled in a
// third-party app). That SDK is an old mobile release, not source Veriff
// published, and the flow-event webhook is documented for the web flow only,
// so a name seen there is evidence for a wire value, not documentation of it.
type Evidence uint8

const (
	// EvidenceNone is the grade of a state this package does not define.
	EvidenceNone Evidence = iota
	// EvidenceInferred means the wire value was derived from the state's
	// description alone, in the style of Veriff's documented identifiers.
	EvidenceInferred
	// EvidenceSDK means Veriff's Android SDK 3.17.0 (as bundled in a
	// third-party app) uses the exact string: as an event name, as the
	// feature of a message event, or built from a capture step's prefix and
	// a suffix.
	EvidenceSDK
	// EvidenceDocumentedReason means Veriff documents the exact string as a
	// reason value ("context.reason"), though not as a state.
	EvidenceDocumentedReason
	// EvidenceConfirmed means Veriff documents the wire value as a state.
	EvidenceConfirmed
)

// String returns a short lowercase name for e, such as "confirmed" or
// "documented-reason", or "Evidence(N)" for a value that is not a grade.
func (e Evidence) String() string {
	switch e {
	case EvidenceNone:
		return "none"
	case EvidenceInferred:
		return "inferred"
	case EvidenceSDK:
		return "sdk"
	case EvidenceDocumentedReason:
		return "documented-reason"
	case EvidenceConfirmed:
		return "confirmed"
	}
	return "Evidence(" + strconv.Itoa(int(e)) + ")"
}

// stateInfo is one row of the state table.
type stateInfo struct {
	state       State
	evidence    Evidence
	description string
}

// stateTable is the single source of truth for the states: values, evidence
// grades and descriptions, in the row order of Veriff's table. state_test.go
// proves it agrees with the constants, their comments and
// testdata/state-evidence.tsv.
var stateTable = [...]stateInfo{
	{StateClientStarted, EvidenceConfirmed, "The web app or SDK was opened; the first event of every flow"},
	{StateIntroScreenShown, EvidenceSDK, "The intro screen, which opens the flow, is displayed"},
	{StateSessionStarted, EvidenceInferred, "The session moved from created to started because the end-user began the flow"},
	{StateSessionSubmitted, EvidenceInferred, "The session moved from started to submitted because the end-user completed the flow"},
	{StateIntroScreenStartButtonClicked, EvidenceSDK, "The end-user pressed the start button on the intro screen"},
	{StateCameraPermissionTriggered, EvidenceSDK, "The web client asked for camera and microphone access; a browser prompt appears unless already allowed"},
	{StateCameraPermissionGranted, EvidenceSDK, "The end-user allowed access to the camera and microphone"},
	{StateCameraPermissionDeclined, EvidenceSDK, "The end-user refused access to the camera and microphone"},
	{StateDocumentAndCountrySelectScreenShown, EvidenceInferred, "The combined screen for choosing the issuing country and the document is displayed"},
	{StateCountrySelectScreenShown, EvidenceSDK, "The screen for choosing the issuing country is displayed"},
	{StateDocumentTypeSelectScreenShown, EvidenceInferred, "The screen for choosing which kind of document to use is displayed"},
	{StateDocumentAssignmentFailed, EvidenceInferred, "The document could not be determined automatically, so the end-user must enter its details by hand"},
	{StateDocumentManuallyAssigned, EvidenceInferred, "The end-user picked the right document by hand"},
	{StateDocumentSelectScreenShown, EvidenceSDK, "The document selection screen is displayed"},
	{StateDocumentFromListChosen, EvidenceSDK, "The end-user picked the right document from the offered list"},
	{StateDetectedDocumentConfirmed, EvidenceInferred, "The end-user accepted the document that was detected automatically"},
	{StatePassportSignatureInstructionsScreenShown, EvidenceInferred, "Guidance on photographing the passport signature is displayed"},
	{StateCameraPermissionInstructionsScreenShown, EvidenceInferred, "The end-user is told to get ready to allow camera and microphone access"},
	{StateCameraPermissionRequestScreenShown, EvidenceInferred, "The end-user is asked again for camera and microphone access because it was not given at first"},
	{StateBarcodeScanStarted, EvidenceSDK, "The end-user chose to continue and barcode scanning began"},
	{StateBarcodeScanScreenShown, EvidenceSDK, "The barcode scanning screen is displayed"},
	{StateBarcodeScanFailed, EvidenceSDK, "Barcode scanning timed out and the end-user was sent back into the flow"},
	{StateBarcodeScanned, EvidenceSDK, "A barcode was read"},
	{StateBarcodeAccepted, EvidenceSDK, "The barcode was read successfully and the end-user is asked to go on with the flow"},
	{StateQrCodeScanScreenShown, EvidenceInferred, "The QR code scanning screen is displayed"},
	{StateConsentScreenShown, EvidenceSDK, "The consent screen is displayed"},
	{StateConsentScreenCancelPressed, EvidenceDocumentedReason, "The end-user pressed Proceed with the option to withhold consent selected"},
	{StateConsentScreenApprovedPressed, EvidenceSDK, "The end-user pressed Proceed with the option to give consent selected"},
	{StateDocumentNumberInputScreenShown, EvidenceInferred, "The end-user is asked to type in the 12-digit document number by hand"},
	{StateOtpScreenShown, EvidenceInferred, "The screen for entering a one-time password is displayed"},
	{StateOtpVerified, EvidenceInferred, "The one-time password was submitted without errors and the flow is complete"},
	{StateMobileHandoverIntroScreenShown, EvidenceInferred, "A screen explains that the verification will continue on a mobile device"},
	{StateMobileHandoverScreenShown, EvidenceDocumentedReason, "The handover screen asks the end-user to check their phone or email to carry on"},
	{StateMobileHandoverFallbackClicked, EvidenceInferred, "The end-user tried a fallback handover method, either SMS or QR code"},
	{StateResubmissionScreenShown, EvidenceInferred, "Resubmission feedback is shown at the end of the flow, among the handover and finish screens"},
	{StateFinishedScreenShown, EvidenceInferred, "The closing screen reporting that the session finished successfully is displayed"},
	{StateFinishedScreenConfirmedClicked, EvidenceDocumentedReason, "The end-user pressed the confirm button"},
	{StateWaitingDecisionScreenShown, EvidenceSDK, "A screen asks the end-user to wait while the final decision is made"},
	{StateWaitingDecisionContinueClicked, EvidenceDocumentedReason, "The end-user pressed Continue on the waiting-for-decision screen"},
	{StateWaitingDecisionTimeout, EvidenceSDK, "Waiting for the decision took too long and timed out"},
	{StateDecisionScreenShown, EvidenceInferred, "The screen with the final decision, approved or declined, is displayed"},
	{StateGenericErrorScreenShown, EvidenceInferred, "An error screen is displayed"},
	{StateIntroConsentScreenShown, EvidenceInferred, "The consent screen is displayed after the end-user pressed start on the intro screen"},
	{StateResubmissionFeedbackScreenShown, EvidenceSDK, "The resubmission feedback screen is shown before the capture steps begin again"},
	{StateResubmissionFeedbackContinueClicked, EvidenceSDK, "The end-user pressed Continue on the resubmission feedback screen"},
	{StatePortraitScreenShown, EvidenceSDK, "The selfie capture screen is displayed"},
	{StatePortraitScreenTakePictureClicked, EvidenceSDK, "The end-user pressed the button to take a selfie"},
	{StateDocumentFrontScreenShown, EvidenceSDK, "The screen for photographing the front of the document is displayed"},
	{StateDocumentFrontScreenTakePictureClicked, EvidenceSDK, "The end-user pressed the button to photograph the front of the document"},
	{StateDocumentBackScreenShown, EvidenceSDK, "The screen for photographing the back of the document is displayed"},
	{StateDocumentBackScreenTakePictureClicked, EvidenceSDK, "The end-user pressed the button to photograph the back of the document"},
	{StateDocumentAndFaceScreenShown, EvidenceSDK, "The screen for photographing the document front together with a selfie is displayed"},
	{StateBarcodeScreenShown, EvidenceSDK, "The capture screen for scanning the barcode is displayed"},
	{StatePassportScreenShown, EvidenceSDK, "The passport capture screen is displayed"},
	{StateAddressScreenShown, EvidenceSDK, "The screen for capturing a proof of address document is displayed"},
	{StatePassportSignatureScreenShown, EvidenceInferred, "The screen for capturing the passport signature is displayed"},
	{StatePortraitFeedbackScreenShown, EvidenceSDK, "Feedback on the selfie is displayed and the end-user is asked to take it again"},
	{StatePortraitFeedbackContinue, EvidenceSDK, "The end-user pressed Continue on the selfie feedback screen"},
	{StatePortraitFeedbackTryAgain, EvidenceSDK, "The end-user takes the selfie again after the feedback"},
	{StateDocumentFrontFeedbackScreenShown, EvidenceSDK, "Feedback on the document front photo is displayed and the end-user is asked to retake it"},
	{StateDocumentFrontFeedbackContinue, EvidenceSDK, "The end-user pressed Continue on the document front feedback screen"},
	{StateDocumentFrontFeedbackTryAgain, EvidenceSDK, "The end-user photographs the document front again after the feedback"},
	{StateDocumentBackFeedbackScreenShown, EvidenceSDK, "Feedback on the document back photo is displayed and the end-user is asked to retake it"},
	{StateDocumentBackFeedbackContinue, EvidenceSDK, "The end-user pressed Continue on the document back feedback screen"},
	{StateDocumentBackFeedbackTryAgain, EvidenceSDK, "The end-user photographs the document back again after the feedback"},
	{StateInflowFeedbackDarkRoom, EvidenceInferred, "Assisted capture: the end-user is told the picture is too dark"},
	{StateInflowFeedbackDarkRoomFixed, EvidenceInferred, "Assisted capture: the end-user is told the picture is no longer too dark"},
	{StateInflowFeedbackMultiplePersons, EvidenceInferred, "Assisted capture: the end-user is told more than one person is visible in the selfie"},
	{StateInflowFeedbackNoPerson, EvidenceInferred, "Assisted capture: the end-user is told nobody is visible in the selfie"},
	{StateInflowFeedbackReceived, EvidenceInferred, "Assisted capture: the image check service approved or rejected an uploaded image"},
	{StateInflowFeedbackLimitReached, EvidenceInferred, "Assisted capture: the feedback limit was hit and the check was skipped"},
	{StateInflowFeedbackTimeout, EvidenceInferred, "Assisted capture: the 4-second timeout passed and the end-user moved on to the next capture"},
	{StateInflowFeedbackResolved, EvidenceInferred, "Assisted capture: the end-user acted on the feedback and the issue is no longer detected"},
	{StateDocumentAndFaceFeedbackScreenShown, EvidenceSDK, "Feedback on the document and selfie photo is displayed and the end-user is asked to retake it"},
	{StateBarcodeFeedbackScreenShown, EvidenceSDK, "Feedback on the scanned barcode is displayed and the end-user is asked to scan it again"},
	{StatePassportFeedbackScreenShown, EvidenceSDK, "Feedback on the passport photo is displayed and the end-user is asked to retake it"},
	{StateAddressFeedbackScreenShown, EvidenceSDK, "Feedback on the proof of address photo is displayed and the end-user is asked to retake it"},
	{StatePassportSignatureFeedbackScreenShown, EvidenceInferred, "Feedback on the passport signature photo is displayed and the end-user is asked to retake it"},
	{StateErrorScreenShown, EvidenceSDK, "A screen telling the end-user that something went wrong is displayed"},
	{StateErrorScreenExitClicked, EvidenceDocumentedReason, "The end-user pressed the exit button on the error screen"},
	{StateErrorScreenTryAgainClicked, EvidenceSDK, "The end-user pressed Try again on the error screen"},
	{StateTimeoutErrorScreenShown, EvidenceInferred, "A screen reports that the session was open too long and timed out"},
	{StateTimeoutErrorScreenExitClicked, EvidenceInferred, "The end-user pressed the exit button on the timeout error screen"},
	{StateTimeoutErrorScreenTryAgainClicked, EvidenceInferred, "The end-user pressed Try again on the timeout error screen"},
}

// stateIndex maps a wire value to its row in stateTable.
var stateIndex = func() map[State]int {
	m := make(map[State]int, len(stateTable))
	for i, s := range stateTable {
		m[s.state] = i
	}
	return m
}()

// States returns every state this package defines, in the row order of
// Veriff's table.
func States() []State {
	s := make([]State, len(stateTable))
	for i, info := range stateTable {
		s[i] = info.state
	}
	return s
}

func (s State) info() (stateInfo, bool) {
	i, ok := stateIndex[s]
	if !ok {
		return stateInfo{}, false
	}
	return stateTable[i], true
}

// IsKnown reports whether s is a state this package defines. It is false
// for the empty State, which an event without a state has (an absent state
// is not reported by UnknownValues).
func (s State) IsKnown() bool { _, ok := stateIndex[s]; return ok }

// IsConfirmed reports whether s is a state whose wire value Veriff
// documents as a state, that is whether s.Evidence() is EvidenceConfirmed.
// Only StateClientStarted is; an unknown state is not confirmed.
func (s State) IsConfirmed() bool { return s.Evidence() == EvidenceConfirmed }

// Evidence returns the strongest evidence grade that holds for s's wire
// value, or EvidenceNone when s is not a state this package defines.
func (s State) Evidence() Evidence {
	info, _ := s.info()
	return info.evidence
}

// Description returns a short English description of s, or "" when s is not
// known.
func (s State) Description() string {
	info, _ := s.info()
	return info.description
}

// String returns the wire value.
func (s State) String() string { return string(s) }
