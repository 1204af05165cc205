package webhook

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

// IsKnown reports whether s is a status this package defines. It is false
// for the empty Status.
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
