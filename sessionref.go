package webhook

// SessionRef names the verification session a delivery is about, whatever
// its kind: Payload.Session returns it. A member is "" where the kind does
// not carry it, or the delivery left it absent or null.
type SessionRef struct {
	// ID is the verification session's id: "id" of an event,
	// "verification.id" of a decision, "id" of a CURP result, "sessionId"
	// of the other kinds.
	ID string
	// AttemptID is the attempt of the session the delivery is about.
	AttemptID string
	// VendorData is the integrator's own reference given when the session
	// was created.
	VendorData string
	// EndUserID is the integrator's id of the end-user.
	EndUserID string
}

// IsZero reports whether r names nothing, as the SessionRef of an Unknown
// payload does.
func (r SessionRef) IsZero() bool { return r == SessionRef{} }

// Session returns the session e is about.
func (e Event) Session() SessionRef {
	return SessionRef{e.ID, e.AttemptID, e.VendorData, e.EndUserID}
}

// Session returns the session d decided.
func (d Decision) Session() SessionRef {
	v := &d.Verification
	return SessionRef{v.ID, v.AttemptID, v.VendorData, v.EndUserID}
}

// Session returns the session w screened.
func (w WatchlistScreening) Session() SessionRef {
	return SessionRef{w.SessionID, w.AttemptID, w.VendorData, w.EndUserID}
}

// Session returns the session f decided.
func (f FullAuto) Session() SessionRef {
	return SessionRef{f.SessionID, f.AttemptID, f.VendorData, f.EndUserID}
}

// Session returns the session u set a status on. AttemptID is "attemptId";
// VerificationID, which community code reads as the attempt too, is not
// put in its place.
func (u UserStatus) Session() SessionRef {
	return SessionRef{u.SessionID, u.AttemptID, u.VendorData, u.EndUserID}
}

// Session returns the session the registry checked.
func (i INERegistry) Session() SessionRef {
	return SessionRef{i.SessionID, i.AttemptID, i.VendorData, i.EndUserID}
}

// Session returns the session the registry checked; AttemptID is
// "data.attemptId", where this kind carries it.
func (c CURPRegistry) Session() SessionRef {
	return SessionRef{c.ID, c.Data.AttemptID, c.VendorData, c.EndUserID}
}

// Session returns the session the registries checked.
func (i INECURPRegistry) Session() SessionRef {
	return SessionRef{i.SessionID, i.AttemptID, i.VendorData, i.EndUserID}
}

// Session returns the zero SessionRef: nothing is known of an Unknown's
// members.
func (Unknown) Session() SessionRef { return SessionRef{} }

// UnknownValues returns nil: the INE result has no member of a closed set
// of values.
func (INERegistry) UnknownValues() []string { return nil }

// UnknownValues returns nil: beyond its envelope, the combined result is
// kept as sent.
func (INECURPRegistry) UnknownValues() []string { return nil }

// UnknownValues returns nil. That the kind is unknown is said by its type;
// nothing is known of its members.
func (Unknown) UnknownValues() []string { return nil }

// Anomalies returns nil: Veriff documents no rule between the values of a
// watchlist screening that this package checks.
func (WatchlistScreening) Anomalies() []string { return nil }

// Anomalies returns nil: a status set in the Customer Portal is the
// integrator's own, with no documented rule to check.
func (UserStatus) Anomalies() []string { return nil }

// Anomalies returns nil: the INE result has no rule to check.
func (INERegistry) Anomalies() []string { return nil }

// Anomalies returns nil: the CURP result has no rule to check.
func (CURPRegistry) Anomalies() []string { return nil }

// Anomalies returns nil: beyond its envelope, the combined result is kept
// as sent.
func (INECURPRegistry) Anomalies() []string { return nil }

// Anomalies returns nil: nothing is known of an Unknown's members.
func (Unknown) Anomalies() []string { return nil }
