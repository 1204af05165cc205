package webhook

import "time"

// envelope holds where the members that most kinds share at their top
// level go: the session they are about, and when and how the webhook was
// made. A kind's reader offers it the top-level members it does not read
// itself; a nil destination is a member the kind does not have.
type envelope struct {
	eventType, sessionID                   *string // required when set
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
		return true, p.optTime(e.time)
	}
	switch {
	case dst == nil:
		return false, nil
	case required:
		return true, p.reqString(dst)
	}
	return true, p.optString(dst)
}

// required reports the first of the envelope's required members that the
// object at off lacked.
func (e envelope) required(p *parser, off int) error {
	return p.required(off, requiredMember{e.eventType != nil && *e.eventType == "", "eventType"},
		requiredMember{e.sessionID != nil && *e.sessionID == "", "sessionId"})
}
