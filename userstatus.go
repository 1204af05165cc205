package webhook

import "time"

// UserStatus is one delivery of Veriff's user-defined status webhook: a
// user of Veriff's Customer Portal set a status of the integrator's own on
// a session attempt. Members that are absent or null are the zero value.
type UserStatus struct {
	// EventType is "user-status.created" ("eventType"); Veriff may add
	// others starting with "user-status.". Required.
	EventType string
	// SessionID is the verification session ("sessionId").
	SessionID string
	// AttemptID is the session attempt ("attemptId").
	AttemptID string
	// VendorData is the integrator's own reference ("vendorData").
	VendorData string
	// EndUserID is the integrator's id of the end-user ("endUserId").
	EndUserID string
	// Time is when the webhook was made ("time").
	Time time.Time
	// VerificationID is the id of the verification the status was set on
	// ("data.verification.id"); community code reads it as the attempt id.
	VerificationID string
	// Status is the status the user set
	// ("data.verification.userDefinedData").
	Status UserDefinedStatus
}

// Kind returns KindUserStatus.
func (UserStatus) Kind() Kind { return KindUserStatus }

// UserDefinedStatus is a status, and the reason for it, that a user of the
// Customer Portal set. Members that are absent or null are "" (or zero).
type UserDefinedStatus struct {
	Status     string    // "status": the status's name, as the integrator set it up
	StatusCode string    // "statusCode": a code Veriff made from the name
	Reason     string    // "reason": the reason's name, or the user's own text for a custom reason
	ReasonCode string    // "reasonCode": a code Veriff made from the reason; "" for a custom reason
	CreatedAt  time.Time // "createdAt": when the status was set
}

// UnknownValues returns "eventType" when u's event type is not
// "user-status.created", the only one Veriff documents; else nil.
func (u UserStatus) UnknownValues() []string {
	if u.EventType != "user-status.created" {
		return []string{jsonPath("eventType")}
	}
	return nil
}

// readUserStatus reads a user-defined status body into u.
func readUserStatus(p *parser, u *UserStatus) error {
	start := skipWS(p.data, 0)
	// sessionId is optional here, unlike in the other kinds' envelopes.
	env := envelope{&u.EventType, nil, &u.AttemptID, &u.VendorData, &u.EndUserID, nil, &u.Time}
	err := p.topLevel(func(name []byte) (bool, error) {
		switch string(name) {
		case "sessionId":
			return true, p.optString(&u.SessionID)
		case "data":
			_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
				if string(name) != "verification" {
					return false, nil
				}
				_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
					switch string(name) {
					case "id":
						return true, p.optString(&u.VerificationID)
					case "userDefinedData":
						_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
							s := &u.Status
							switch string(name) {
							case "status":
								return true, p.optString(&s.Status)
							case "statusCode":
								return true, p.optString(&s.StatusCode)
							case "reason":
								return true, p.optString(&s.Reason)
							case "reasonCode":
								return true, p.optString(&s.ReasonCode)
							case "createdAt":
								return true, p.optTime(&s.CreatedAt)
							}
							return false, nil
						})
						return true, err
					}
					return false, nil
				})
				return true, err
			})
			return true, err
		}
		return env.member(p, name)
	})
	if err != nil {
		return err
	}
	return env.required(p, start)
}
