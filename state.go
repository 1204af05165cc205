package webhook

// State is where the end-user was in the flow when a flow event was sent
// ("context.state" on the wire). Veriff documents 84 states but published
// the identifier of only one, StateClientStarted; every other constant's
// wire value is inferred (see IsConfirmed and each constant's comment). An
// unrecognised value is kept as is and reports IsKnown false, so a wrong
// inference shows itself on the first real delivery and is a one-line fix.
type State string

// States, in the order of the table in Veriff's documentation; "row N" in a
// comment is the row of that table. "confirmed" means Veriff documents the
// wire value. "inferred" means we derived it from the row's description in
// the style of Veriff's known identifiers; "inferred, seen in Veriff's SDK"
// means the same name is also used as an analytics event name by Veriff's
// own client code, which is evidence but not documentation.
//
// Rows 35 and 44 have the same description in Veriff's table but are two
// states. Row 44 sits just before "Continue on the resubmission feedback
// screen" (row 45) and the capture screens, and its name is the one Veriff's
// SDK uses for that screen; row 35 sits among the handover and end-of-flow
// screens, so it gets a different name.
const (
	// StateClientStarted (row 1, confirmed): the web app or SDK was opened; the first event of every flow.
	StateClientStarted State = "client_started"
	// StateIntroScreenShown (row 2, inferred, seen in Veriff's SDK): the intro screen, which opens the flow, is displayed.
	StateIntroScreenShown State = "intro_screen_shown"
	// StateSessionStarted (row 3, inferred): the session moved from created to started because the end-user began the flow.
	StateSessionStarted State = "session_started"
	// StateSessionSubmitted (row 4, inferred): the session moved from started to submitted because the end-user completed the flow.
	StateSessionSubmitted State = "session_submitted"
	// StateIntroScreenStartButtonClicked (row 5, inferred, seen in Veriff's SDK): the end-user pressed the start button on the intro screen.
	StateIntroScreenStartButtonClicked State = "intro_screen_start_button_clicked"
	// StateCameraPermissionTriggered (row 6, inferred): the web client asked for camera and microphone access; a browser prompt appears unless already allowed.
	StateCameraPermissionTriggered State = "camera_permission_triggered"
	// StateCameraPermissionGranted (row 7, inferred): the end-user allowed access to the camera and microphone.
	StateCameraPermissionGranted State = "camera_permission_granted"
	// StateCameraPermissionDeclined (row 8, inferred): the end-user refused access to the camera and microphone.
	StateCameraPermissionDeclined State = "camera_permission_declined"
	// StateDocumentAndCountrySelectScreenShown (row 9, inferred): the combined screen for choosing the issuing country and the document is displayed.
	StateDocumentAndCountrySelectScreenShown State = "document_and_country_select_screen_shown"
	// StateCountrySelectScreenShown (row 10, inferred, seen in Veriff's SDK): the screen for choosing the issuing country is displayed.
	StateCountrySelectScreenShown State = "country_select_screen_shown"
	// StateDocumentTypeSelectScreenShown (row 11, inferred): the screen for choosing which kind of document to use is displayed.
	StateDocumentTypeSelectScreenShown State = "document_type_select_screen_shown"
	// StateDocumentAssignmentFailed (row 12, inferred): the document could not be determined automatically, so the end-user must enter its details by hand.
	StateDocumentAssignmentFailed State = "document_assignment_failed"
	// StateDocumentManuallyAssigned (row 13, inferred): the end-user picked the right document by hand.
	StateDocumentManuallyAssigned State = "document_manually_assigned"
	// StateDocumentSelectScreenShown (row 14, inferred, seen in Veriff's SDK): the document selection screen is displayed.
	StateDocumentSelectScreenShown State = "document_select_screen_shown"
	// StateDocumentFromListChosen (row 15, inferred, seen in Veriff's SDK): the end-user picked the right document from the offered list.
	StateDocumentFromListChosen State = "document_from_list_chosen"
	// StateDetectedDocumentConfirmed (row 16, inferred): the end-user accepted the document that was detected automatically.
	StateDetectedDocumentConfirmed State = "detected_document_confirmed"
	// StatePassportSignatureInstructionsScreenShown (row 17, inferred): guidance on photographing the passport signature is displayed.
	StatePassportSignatureInstructionsScreenShown State = "passport_signature_instructions_screen_shown"
	// StateCameraPermissionInstructionsScreenShown (row 18, inferred): the end-user is told to get ready to allow camera and microphone access.
	StateCameraPermissionInstructionsScreenShown State = "camera_permission_instructions_screen_shown"
	// StateCameraPermissionRequestScreenShown (row 19, inferred): the end-user is asked again for camera and microphone access because it was not given at first.
	StateCameraPermissionRequestScreenShown State = "camera_permission_request_screen_shown"
	// StateBarcodeScanStarted (row 20, inferred, seen in Veriff's SDK): the end-user chose to continue and barcode scanning began.
	StateBarcodeScanStarted State = "barcode_scan_started"
	// StateBarcodeScanScreenShown (row 21, inferred, seen in Veriff's SDK): the barcode scanning screen is displayed.
	StateBarcodeScanScreenShown State = "barcode_scan_screen_shown"
	// StateBarcodeScanFailed (row 22, inferred, seen in Veriff's SDK): barcode scanning timed out and the end-user was sent back into the flow.
	StateBarcodeScanFailed State = "barcode_scan_failed"
	// StateBarcodeScanned (row 23, inferred, seen in Veriff's SDK): a barcode was read.
	StateBarcodeScanned State = "barcode_scanned"
	// StateBarcodeAccepted (row 24, inferred, seen in Veriff's SDK): the barcode was read successfully and the end-user is asked to go on with the flow.
	StateBarcodeAccepted State = "barcode_accepted"
	// StateQrCodeScanScreenShown (row 25, inferred): the QR code scanning screen is displayed.
	StateQrCodeScanScreenShown State = "qr_code_scan_screen_shown"
	// StateConsentScreenShown (row 26, inferred, seen in Veriff's SDK): the consent screen is displayed.
	StateConsentScreenShown State = "consent_screen_shown"
	// StateConsentScreenCancelPressed (row 27, inferred, seen in Veriff's SDK): the end-user pressed Proceed with the option to withhold consent selected.
	StateConsentScreenCancelPressed State = "consent_screen_cancel_pressed"
	// StateConsentScreenApprovedPressed (row 28, inferred, seen in Veriff's SDK): the end-user pressed Proceed with the option to give consent selected.
	StateConsentScreenApprovedPressed State = "consent_screen_approved_pressed"
	// StateDocumentNumberInputScreenShown (row 29, inferred): the end-user is asked to type in the 12-digit document number by hand.
	StateDocumentNumberInputScreenShown State = "document_number_input_screen_shown"
	// StateOtpScreenShown (row 30, inferred): the screen for entering a one-time password is displayed.
	StateOtpScreenShown State = "otp_screen_shown"
	// StateOtpVerified (row 31, inferred): the one-time password was submitted without errors and the flow is complete.
	StateOtpVerified State = "otp_verified"
	// StateMobileHandoverIntroScreenShown (row 32, inferred): a screen explains that the verification will continue on a mobile device.
	StateMobileHandoverIntroScreenShown State = "mobile_handover_intro_screen_shown"
	// StateMobileHandoverScreenShown (row 33, inferred): the handover screen asks the end-user to check their phone or email to carry on.
	StateMobileHandoverScreenShown State = "mobile_handover_screen_shown"
	// StateMobileHandoverFallbackClicked (row 34, inferred): the end-user tried a fallback handover method, either SMS or QR code.
	StateMobileHandoverFallbackClicked State = "mobile_handover_fallback_clicked"
	// StateResubmissionScreenShown (row 35, inferred): resubmission feedback is shown at the end of the flow, among the handover and finish screens.
	StateResubmissionScreenShown State = "resubmission_screen_shown"
	// StateFinishedScreenShown (row 36, inferred): the closing screen reporting that the session finished successfully is displayed.
	StateFinishedScreenShown State = "finished_screen_shown"
	// StateFinishedScreenConfirmedClicked (row 37, inferred): the end-user pressed the confirm button.
	StateFinishedScreenConfirmedClicked State = "finished_screen_confirmed_clicked"
	// StateWaitingDecisionScreenShown (row 38, inferred, seen in Veriff's SDK): a screen asks the end-user to wait while the final decision is made.
	StateWaitingDecisionScreenShown State = "waiting_decision_screen_shown"
	// StateWaitingDecisionContinueClicked (row 39, inferred, seen in Veriff's SDK): the end-user pressed Continue on the waiting-for-decision screen.
	StateWaitingDecisionContinueClicked State = "waiting_decision_continue_clicked"
	// StateWaitingDecisionTimeout (row 40, inferred, seen in Veriff's SDK): waiting for the decision took too long and timed out.
	StateWaitingDecisionTimeout State = "waiting_decision_timeout"
	// StateDecisionScreenShown (row 41, inferred): the screen with the final decision, approved or declined, is displayed.
	StateDecisionScreenShown State = "decision_screen_shown"
	// StateGenericErrorScreenShown (row 42, inferred): an error screen is displayed.
	StateGenericErrorScreenShown State = "generic_error_screen_shown"
	// StateIntroConsentScreenShown (row 43, inferred): the consent screen is displayed after the end-user pressed start on the intro screen.
	StateIntroConsentScreenShown State = "intro_consent_screen_shown"
	// StateResubmissionFeedbackScreenShown (row 44, inferred, seen in Veriff's SDK): the resubmission feedback screen is shown before the capture steps begin again.
	StateResubmissionFeedbackScreenShown State = "resubmission_feedback_screen_shown"
	// StateResubmissionFeedbackContinueClicked (row 45, inferred, seen in Veriff's SDK): the end-user pressed Continue on the resubmission feedback screen.
	StateResubmissionFeedbackContinueClicked State = "resubmission_feedback_continue_clicked"
	// StatePortraitScreenShown (row 46, inferred): the selfie capture screen is displayed.
	StatePortraitScreenShown State = "portrait_screen_shown"
	// StatePortraitScreenTakePictureClicked (row 47, inferred): the end-user pressed the button to take a selfie.
	StatePortraitScreenTakePictureClicked State = "portrait_screen_take_picture_clicked"
	// StateDocumentFrontScreenShown (row 48, inferred): the screen for photographing the front of the document is displayed.
	StateDocumentFrontScreenShown State = "document_front_screen_shown"
	// StateDocumentFrontScreenTakePictureClicked (row 49, inferred): the end-user pressed the button to photograph the front of the document.
	StateDocumentFrontScreenTakePictureClicked State = "document_front_screen_take_picture_clicked"
	// StateDocumentBackScreenShown (row 50, inferred): the screen for photographing the back of the document is displayed.
	StateDocumentBackScreenShown State = "document_back_screen_shown"
	// StateDocumentBackScreenTakePictureClicked (row 51, inferred): the end-user pressed the button to photograph the back of the document.
	StateDocumentBackScreenTakePictureClicked State = "document_back_screen_take_picture_clicked"
	// StateDocumentAndFaceScreenShown (row 52, inferred): the screen for photographing the document front together with a selfie is displayed.
	StateDocumentAndFaceScreenShown State = "document_and_face_screen_shown"
	// StateBarcodeScreenShown (row 53, inferred): the capture screen for scanning the barcode is displayed.
	StateBarcodeScreenShown State = "barcode_screen_shown"
	// StatePassportScreenShown (row 54, inferred): the passport capture screen is displayed.
	StatePassportScreenShown State = "passport_screen_shown"
	// StateAddressScreenShown (row 55, inferred): the screen for capturing a proof of address document is displayed.
	StateAddressScreenShown State = "address_screen_shown"
	// StatePassportSignatureScreenShown (row 56, inferred): the screen for capturing the passport signature is displayed.
	StatePassportSignatureScreenShown State = "passport_signature_screen_shown"
	// StatePortraitFeedbackScreenShown (row 57, inferred): feedback on the selfie is displayed and the end-user is asked to take it again.
	StatePortraitFeedbackScreenShown State = "portrait_feedback_screen_shown"
	// StatePortraitFeedbackContinue (row 58, inferred): the end-user pressed Continue on the selfie feedback screen.
	StatePortraitFeedbackContinue State = "portrait_feedback_continue"
	// StatePortraitFeedbackTryAgain (row 59, inferred): the end-user takes the selfie again after the feedback.
	StatePortraitFeedbackTryAgain State = "portrait_feedback_try_again"
	// StateDocumentFrontFeedbackScreenShown (row 60, inferred): feedback on the document front photo is displayed and the end-user is asked to retake it.
	StateDocumentFrontFeedbackScreenShown State = "document_front_feedback_screen_shown"
	// StateDocumentFrontFeedbackContinue (row 61, inferred): the end-user pressed Continue on the document front feedback screen.
	StateDocumentFrontFeedbackContinue State = "document_front_feedback_continue"
	// StateDocumentFrontFeedbackTryAgain (row 62, inferred): the end-user photographs the document front again after the feedback.
	StateDocumentFrontFeedbackTryAgain State = "document_front_feedback_try_again"
	// StateDocumentBackFeedbackScreenShown (row 63, inferred): feedback on the document back photo is displayed and the end-user is asked to retake it.
	StateDocumentBackFeedbackScreenShown State = "document_back_feedback_screen_shown"
	// StateDocumentBackFeedbackContinue (row 64, inferred): the end-user pressed Continue on the document back feedback screen.
	StateDocumentBackFeedbackContinue State = "document_back_feedback_continue"
	// StateDocumentBackFeedbackTryAgain (row 65, inferred): the end-user photographs the document back again after the feedback.
	StateDocumentBackFeedbackTryAgain State = "document_back_feedback_try_again"
	// StateInflowFeedbackDarkRoom (row 66, inferred): assisted capture: the end-user is told the picture is too dark.
	StateInflowFeedbackDarkRoom State = "inflow_feedback_dark_room"
	// StateInflowFeedbackDarkRoomFixed (row 67, inferred): assisted capture: the end-user is told the picture is no longer too dark.
	StateInflowFeedbackDarkRoomFixed State = "inflow_feedback_dark_room_fixed"
	// StateInflowFeedbackMultiplePersons (row 68, inferred): assisted capture: the end-user is told more than one person is visible in the selfie.
	StateInflowFeedbackMultiplePersons State = "inflow_feedback_multiple_persons"
	// StateInflowFeedbackNoPerson (row 69, inferred): assisted capture: the end-user is told nobody is visible in the selfie.
	StateInflowFeedbackNoPerson State = "inflow_feedback_no_person"
	// StateInflowFeedbackReceived (row 70, inferred): assisted capture: the image check service approved or rejected an uploaded image.
	StateInflowFeedbackReceived State = "inflow_feedback_received"
	// StateInflowFeedbackLimitReached (row 71, inferred): assisted capture: the feedback limit was hit and the check was skipped.
	StateInflowFeedbackLimitReached State = "inflow_feedback_limit_reached"
	// StateInflowFeedbackTimeout (row 72, inferred): assisted capture: the 4-second timeout passed and the end-user moved on to the next capture.
	StateInflowFeedbackTimeout State = "inflow_feedback_timeout"
	// StateInflowFeedbackResolved (row 73, inferred): assisted capture: the end-user acted on the feedback and the issue is no longer detected.
	StateInflowFeedbackResolved State = "inflow_feedback_resolved"
	// StateDocumentAndFaceFeedbackScreenShown (row 74, inferred): feedback on the document and selfie photo is displayed and the end-user is asked to retake it.
	StateDocumentAndFaceFeedbackScreenShown State = "document_and_face_feedback_screen_shown"
	// StateBarcodeFeedbackScreenShown (row 75, inferred): feedback on the scanned barcode is displayed and the end-user is asked to scan it again.
	StateBarcodeFeedbackScreenShown State = "barcode_feedback_screen_shown"
	// StatePassportFeedbackScreenShown (row 76, inferred): feedback on the passport photo is displayed and the end-user is asked to retake it.
	StatePassportFeedbackScreenShown State = "passport_feedback_screen_shown"
	// StateAddressFeedbackScreenShown (row 77, inferred): feedback on the proof of address photo is displayed and the end-user is asked to retake it.
	StateAddressFeedbackScreenShown State = "address_feedback_screen_shown"
	// StatePassportSignatureFeedbackScreenShown (row 78, inferred): feedback on the passport signature photo is displayed and the end-user is asked to retake it.
	StatePassportSignatureFeedbackScreenShown State = "passport_signature_feedback_screen_shown"
	// StateErrorScreenShown (row 79, inferred, seen in Veriff's SDK): a screen telling the end-user that something went wrong is displayed.
	StateErrorScreenShown State = "error_screen_shown"
	// StateErrorScreenExitClicked (row 80, inferred, seen in Veriff's SDK): the end-user pressed the exit button on the error screen.
	StateErrorScreenExitClicked State = "error_screen_exit_clicked"
	// StateErrorScreenTryAgainClicked (row 81, inferred, seen in Veriff's SDK): the end-user pressed Try again on the error screen.
	StateErrorScreenTryAgainClicked State = "error_screen_try_again_clicked"
	// StateTimeoutErrorScreenShown (row 82, inferred): a screen reports that the session was open too long and timed out.
	StateTimeoutErrorScreenShown State = "timeout_error_screen_shown"
	// StateTimeoutErrorScreenExitClicked (row 83, inferred): the end-user pressed the exit button on the timeout error screen.
	StateTimeoutErrorScreenExitClicked State = "timeout_error_screen_exit_clicked"
	// StateTimeoutErrorScreenTryAgainClicked (row 84, inferred): the end-user pressed Try again on the timeout error screen.
	StateTimeoutErrorScreenTryAgainClicked State = "timeout_error_screen_try_again_clicked"
)

// provenance says how sure we are of a state's wire value.
type provenance uint8

const (
	provInferred  provenance = iota // derived from Veriff's description
	provSeenInSDK                   // derived, and used as a name in Veriff's client code
	provConfirmed                   // documented by Veriff
)

// stateInfo is one row of the state table.
type stateInfo struct {
	state       State
	prov        provenance
	description string
}

// stateTable is the single source of truth for the states: values,
// provenance and descriptions, in the row order of Veriff's table.
// state_test.go proves it agrees with the constants and their comments.
var stateTable = [...]stateInfo{
	{StateClientStarted, provConfirmed, "The web app or SDK was opened; the first event of every flow"},
	{StateIntroScreenShown, provSeenInSDK, "The intro screen, which opens the flow, is displayed"},
	{StateSessionStarted, provInferred, "The session moved from created to started because the end-user began the flow"},
	{StateSessionSubmitted, provInferred, "The session moved from started to submitted because the end-user completed the flow"},
	{StateIntroScreenStartButtonClicked, provSeenInSDK, "The end-user pressed the start button on the intro screen"},
	{StateCameraPermissionTriggered, provInferred, "The web client asked for camera and microphone access; a browser prompt appears unless already allowed"},
	{StateCameraPermissionGranted, provInferred, "The end-user allowed access to the camera and microphone"},
	{StateCameraPermissionDeclined, provInferred, "The end-user refused access to the camera and microphone"},
	{StateDocumentAndCountrySelectScreenShown, provInferred, "The combined screen for choosing the issuing country and the document is displayed"},
	{StateCountrySelectScreenShown, provSeenInSDK, "The screen for choosing the issuing country is displayed"},
	{StateDocumentTypeSelectScreenShown, provInferred, "The screen for choosing which kind of document to use is displayed"},
	{StateDocumentAssignmentFailed, provInferred, "The document could not be determined automatically, so the end-user must enter its details by hand"},
	{StateDocumentManuallyAssigned, provInferred, "The end-user picked the right document by hand"},
	{StateDocumentSelectScreenShown, provSeenInSDK, "The document selection screen is displayed"},
	{StateDocumentFromListChosen, provSeenInSDK, "The end-user picked the right document from the offered list"},
	{StateDetectedDocumentConfirmed, provInferred, "The end-user accepted the document that was detected automatically"},
	{StatePassportSignatureInstructionsScreenShown, provInferred, "Guidance on photographing the passport signature is displayed"},
	{StateCameraPermissionInstructionsScreenShown, provInferred, "The end-user is told to get ready to allow camera and microphone access"},
	{StateCameraPermissionRequestScreenShown, provInferred, "The end-user is asked again for camera and microphone access because it was not given at first"},
	{StateBarcodeScanStarted, provSeenInSDK, "The end-user chose to continue and barcode scanning began"},
	{StateBarcodeScanScreenShown, provSeenInSDK, "The barcode scanning screen is displayed"},
	{StateBarcodeScanFailed, provSeenInSDK, "Barcode scanning timed out and the end-user was sent back into the flow"},
	{StateBarcodeScanned, provSeenInSDK, "A barcode was read"},
	{StateBarcodeAccepted, provSeenInSDK, "The barcode was read successfully and the end-user is asked to go on with the flow"},
	{StateQrCodeScanScreenShown, provInferred, "The QR code scanning screen is displayed"},
	{StateConsentScreenShown, provSeenInSDK, "The consent screen is displayed"},
	{StateConsentScreenCancelPressed, provSeenInSDK, "The end-user pressed Proceed with the option to withhold consent selected"},
	{StateConsentScreenApprovedPressed, provSeenInSDK, "The end-user pressed Proceed with the option to give consent selected"},
	{StateDocumentNumberInputScreenShown, provInferred, "The end-user is asked to type in the 12-digit document number by hand"},
	{StateOtpScreenShown, provInferred, "The screen for entering a one-time password is displayed"},
	{StateOtpVerified, provInferred, "The one-time password was submitted without errors and the flow is complete"},
	{StateMobileHandoverIntroScreenShown, provInferred, "A screen explains that the verification will continue on a mobile device"},
	{StateMobileHandoverScreenShown, provInferred, "The handover screen asks the end-user to check their phone or email to carry on"},
	{StateMobileHandoverFallbackClicked, provInferred, "The end-user tried a fallback handover method, either SMS or QR code"},
	{StateResubmissionScreenShown, provInferred, "Resubmission feedback is shown at the end of the flow, among the handover and finish screens"},
	{StateFinishedScreenShown, provInferred, "The closing screen reporting that the session finished successfully is displayed"},
	{StateFinishedScreenConfirmedClicked, provInferred, "The end-user pressed the confirm button"},
	{StateWaitingDecisionScreenShown, provSeenInSDK, "A screen asks the end-user to wait while the final decision is made"},
	{StateWaitingDecisionContinueClicked, provSeenInSDK, "The end-user pressed Continue on the waiting-for-decision screen"},
	{StateWaitingDecisionTimeout, provSeenInSDK, "Waiting for the decision took too long and timed out"},
	{StateDecisionScreenShown, provInferred, "The screen with the final decision, approved or declined, is displayed"},
	{StateGenericErrorScreenShown, provInferred, "An error screen is displayed"},
	{StateIntroConsentScreenShown, provInferred, "The consent screen is displayed after the end-user pressed start on the intro screen"},
	{StateResubmissionFeedbackScreenShown, provSeenInSDK, "The resubmission feedback screen is shown before the capture steps begin again"},
	{StateResubmissionFeedbackContinueClicked, provSeenInSDK, "The end-user pressed Continue on the resubmission feedback screen"},
	{StatePortraitScreenShown, provInferred, "The selfie capture screen is displayed"},
	{StatePortraitScreenTakePictureClicked, provInferred, "The end-user pressed the button to take a selfie"},
	{StateDocumentFrontScreenShown, provInferred, "The screen for photographing the front of the document is displayed"},
	{StateDocumentFrontScreenTakePictureClicked, provInferred, "The end-user pressed the button to photograph the front of the document"},
	{StateDocumentBackScreenShown, provInferred, "The screen for photographing the back of the document is displayed"},
	{StateDocumentBackScreenTakePictureClicked, provInferred, "The end-user pressed the button to photograph the back of the document"},
	{StateDocumentAndFaceScreenShown, provInferred, "The screen for photographing the document front together with a selfie is displayed"},
	{StateBarcodeScreenShown, provInferred, "The capture screen for scanning the barcode is displayed"},
	{StatePassportScreenShown, provInferred, "The passport capture screen is displayed"},
	{StateAddressScreenShown, provInferred, "The screen for capturing a proof of address document is displayed"},
	{StatePassportSignatureScreenShown, provInferred, "The screen for capturing the passport signature is displayed"},
	{StatePortraitFeedbackScreenShown, provInferred, "Feedback on the selfie is displayed and the end-user is asked to take it again"},
	{StatePortraitFeedbackContinue, provInferred, "The end-user pressed Continue on the selfie feedback screen"},
	{StatePortraitFeedbackTryAgain, provInferred, "The end-user takes the selfie again after the feedback"},
	{StateDocumentFrontFeedbackScreenShown, provInferred, "Feedback on the document front photo is displayed and the end-user is asked to retake it"},
	{StateDocumentFrontFeedbackContinue, provInferred, "The end-user pressed Continue on the document front feedback screen"},
	{StateDocumentFrontFeedbackTryAgain, provInferred, "The end-user photographs the document front again after the feedback"},
	{StateDocumentBackFeedbackScreenShown, provInferred, "Feedback on the document back photo is displayed and the end-user is asked to retake it"},
	{StateDocumentBackFeedbackContinue, provInferred, "The end-user pressed Continue on the document back feedback screen"},
	{StateDocumentBackFeedbackTryAgain, provInferred, "The end-user photographs the document back again after the feedback"},
	{StateInflowFeedbackDarkRoom, provInferred, "Assisted capture: the end-user is told the picture is too dark"},
	{StateInflowFeedbackDarkRoomFixed, provInferred, "Assisted capture: the end-user is told the picture is no longer too dark"},
	{StateInflowFeedbackMultiplePersons, provInferred, "Assisted capture: the end-user is told more than one person is visible in the selfie"},
	{StateInflowFeedbackNoPerson, provInferred, "Assisted capture: the end-user is told nobody is visible in the selfie"},
	{StateInflowFeedbackReceived, provInferred, "Assisted capture: the image check service approved or rejected an uploaded image"},
	{StateInflowFeedbackLimitReached, provInferred, "Assisted capture: the feedback limit was hit and the check was skipped"},
	{StateInflowFeedbackTimeout, provInferred, "Assisted capture: the 4-second timeout passed and the end-user moved on to the next capture"},
	{StateInflowFeedbackResolved, provInferred, "Assisted capture: the end-user acted on the feedback and the issue is no longer detected"},
	{StateDocumentAndFaceFeedbackScreenShown, provInferred, "Feedback on the document and selfie photo is displayed and the end-user is asked to retake it"},
	{StateBarcodeFeedbackScreenShown, provInferred, "Feedback on the scanned barcode is displayed and the end-user is asked to scan it again"},
	{StatePassportFeedbackScreenShown, provInferred, "Feedback on the passport photo is displayed and the end-user is asked to retake it"},
	{StateAddressFeedbackScreenShown, provInferred, "Feedback on the proof of address photo is displayed and the end-user is asked to retake it"},
	{StatePassportSignatureFeedbackScreenShown, provInferred, "Feedback on the passport signature photo is displayed and the end-user is asked to retake it"},
	{StateErrorScreenShown, provSeenInSDK, "A screen telling the end-user that something went wrong is displayed"},
	{StateErrorScreenExitClicked, provSeenInSDK, "The end-user pressed the exit button on the error screen"},
	{StateErrorScreenTryAgainClicked, provSeenInSDK, "The end-user pressed Try again on the error screen"},
	{StateTimeoutErrorScreenShown, provInferred, "A screen reports that the session was open too long and timed out"},
	{StateTimeoutErrorScreenExitClicked, provInferred, "The end-user pressed the exit button on the timeout error screen"},
	{StateTimeoutErrorScreenTryAgainClicked, provInferred, "The end-user pressed Try again on the timeout error screen"},
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

// IsKnown reports whether s is a state this package defines.
func (s State) IsKnown() bool { _, ok := stateIndex[s]; return ok }

// IsConfirmed reports whether s is a state whose wire value Veriff
// documents. Only StateClientStarted is; every other known state is
// inferred, and an unknown state is not confirmed.
func (s State) IsConfirmed() bool {
	info, _ := s.info()
	return info.prov == provConfirmed
}

// Description returns a short English description of s, or "" when s is not
// known.
func (s State) Description() string {
	info, _ := s.info()
	return info.description
}

// String returns the wire value.
func (s State) String() string { return string(s) }
