package webhooktest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/veriffkit/webhook"
)

// Delivery is one webhook Veriff sends: a body, and what a test needs to
// know about it.
type Delivery struct {
	// Kind is the kind of the body, as webhook.ParseAny finds it.
	Kind webhook.Kind
	// Body is the body, compact JSON as Veriff sends it.
	Body []byte
	// SessionID is the verification session the delivery is about.
	SessionID string
	// Attempt is the number of the session's attempt it belongs to, 1 for
	// the first: Session.Attempts[Attempt-1] is its id.
	Attempt int
	// At is when Veriff sends it, counted from the session's creation. Retries
	// and late copies have a later At than the delivery they copy.
	At time.Duration
	// Secret, when not "", signs this delivery instead of the sender's
	// secret (see WrongSecret).
	Secret string
	// APIKey, when not "", is sent in X-Auth-Client instead of the sender's
	// API key (see UnknownAPIKey).
	APIKey string
	// Expect is the status a correct receiver answers: 200 (where any 2xx
	// will do, as for Veriff), or 401 for a delivery signed with a wrong
	// secret or sent with an unknown API key. See Result.OK.
	Expect int
	// Note says what the delivery is, for a test's log: "decision approved",
	// "retry 3 of event 7002".
	Note string
}

// Session is one verification session: its ids, its attempts in order,
// the person and document it verifies, and a clock. Its methods build the
// typed values of every kind at the session's current attempt and time,
// and Deliver turns them into deliveries.
type Session struct {
	// ID is the session id ("id", "sessionId", "verification.id").
	ID string
	// VendorData is the integrator's reference, an order number here.
	VendorData string
	// EndUserID is the integrator's id of the end-user.
	EndUserID string
	// Attempts are the attempt ids, in order: Attempts[0] is attempt 1.
	// A new attempt follows a resubmission request (NewAttempt).
	Attempts []string
	// Created is when the session was created ("acceptanceTime").
	Created time.Time
	// Person and Document are what an approved decision reports.
	Person   webhook.Person
	Document webhook.Document
	// IP is the end-user's address, in a documentation range (RFC 5737).
	IP string

	clock time.Duration
	ids   *IDs
}

// NewSession returns a session created at created, with fresh ids from ids
// (RandomIDs when nil) and its first attempt.
func NewSession(ids *IDs, created time.Time) *Session {
	if ids == nil {
		ids = RandomIDs()
	}
	s := &Session{
		ID:         ids.UUID(),
		VendorData: fmt.Sprintf("order-%d", 1000+ids.intn(9000)),
		EndUserID:  ids.UUID(),
		Created:    created.UTC(),
		IP:         fmt.Sprintf("203.0.113.%d", 1+ids.intn(254)),
		ids:        ids,
	}
	s.Person, s.Document = fictionalPerson(ids)
	s.Attempts = []string{ids.UUID()}
	return s
}

// fictionalPerson picks one of a few invented people; no real person's data.
func fictionalPerson(ids *IDs) (webhook.Person, webhook.Document) {
	people := []struct{ first, last, dob, gender, nat, country, doc, house, street, city, post string }{
		{"SARAH", "MORGAN", "1967-03-30", "F", "GBR", "GB", "DRIVERS_LICENSE", "12", "Example Road", "Bristol", "BS1 4DJ"},
		{"JANE", "EXAMPLE", "1990-01-31", "F", "EST", "EE", "PASSPORT", "1", "Näidis tänav", "Tallinn", "10111"},
		{"EDUARDO", "CAMPOS", "1985-07-12", "M", "BRA", "BR", "PASSPORT", "100", "Rua Exemplo", "São Paulo", "01000-000"},
		{"JOHN", "SPECIMEN", "1978-11-02", "M", "USA", "US", "ID_CARD", "1234", "Snowy Ridge Road", "Indianapolis", "46201"},
	}
	p := people[ids.intn(len(people))]
	country3 := p.nat
	return webhook.Person{
			FirstName:   p.first,
			LastName:    p.last,
			DateOfBirth: p.dob,
			YearOfBirth: p.dob[:4],
			Gender:      p.gender,
			Nationality: p.nat,
			Addresses: []webhook.Address{{
				FullAddress: p.house + " " + p.street + ", " + p.city + ", " + p.post,
				Parsed:      webhook.ParsedAddress{Street: p.street, HouseNumber: p.house, City: p.city, Postcode: p.post, Country: country3},
			}},
		}, webhook.Document{
			Number:     fmt.Sprintf("%s%07d", p.country, ids.intn(10000000)),
			Type:       webhook.DocumentType(p.doc),
			Country:    p.country,
			ValidFrom:  "2019-05-06",
			ValidUntil: "2029-05-05",
		}
}

// Attempt returns the number of the current attempt, 1 for the first.
func (s *Session) Attempt() int { return len(s.Attempts) }

// AttemptID returns the id of the current attempt.
func (s *Session) AttemptID() string { return s.Attempts[len(s.Attempts)-1] }

// NewAttempt starts the session's next attempt, as the end-user's
// resubmission does, and returns its id.
func (s *Session) NewAttempt() string {
	s.Attempts = append(s.Attempts, s.ids.UUID())
	return s.AttemptID()
}

// Wait moves the session's clock on by d: values and deliveries made after
// it are that much later.
func (s *Session) Wait(d time.Duration) *Session {
	s.clock += d
	return s
}

// Now returns the session's current time.
func (s *Session) Now() time.Time { return s.Created.Add(s.clock) }

// Deliver returns the delivery of p, a value of any kind, at the session's
// current attempt and time.
func (s *Session) Deliver(p webhook.Payload) Delivery {
	return Delivery{
		Kind:      p.Kind(),
		Body:      Body(p),
		SessionID: s.ID,
		Attempt:   s.Attempt(),
		At:        s.clock,
		Expect:    200,
		Note:      note(p),
	}
}

func note(p webhook.Payload) string {
	switch p := p.(type) {
	case webhook.Event:
		return fmt.Sprintf("event %d %s", p.Code, p.Action)
	case webhook.Decision:
		return "decision " + string(p.Verification.Status)
	case webhook.FullAuto:
		return "fullauto " + string(p.Verification.Decision)
	case webhook.WatchlistScreening:
		return fmt.Sprintf("watchlist %s %s", p.CheckType, p.MatchStatus)
	case webhook.UserStatus:
		return "user status " + p.Status.StatusCode
	}
	return string(p.Kind())
}

// Body returns the body Veriff would send for p, a payload of any kind or
// a pointer to one, as Deliver and SessionState.Apply take them: its
// MarshalJSON, the one writer of the root package (see EventBody,
// DecisionBody and the others; an Unknown is its Raw, compacted). A nil
// pointer gives null, as json.Marshal gives for it. Body(nil) panics:
// there is no payload, not even a type, to write.
func Body(p webhook.Payload) []byte {
	if p == nil {
		panic("webhooktest: Body(nil): no payload to write")
	}
	if v := reflect.ValueOf(p); v.Kind() == reflect.Pointer && v.IsNil() {
		return []byte("null")
	}
	// p's own MarshalJSON, not json.Marshal's rewriting of it (which
	// escapes <, > and &): the same bytes as EventBody and the others.
	var b []byte
	var err error
	if m, ok := p.(json.Marshaler); ok {
		b, err = m.MarshalJSON()
	} else {
		b, err = json.Marshal(p) // a Payload type of the caller's own
	}
	if err != nil {
		panic(fmt.Sprintf("webhooktest: no body for %T: %v", p, err))
	}
	return b
}

// Event returns an event of the current attempt with code, action and, for
// flow events, context c (the zero Context for none).
func (s *Session) Event(code webhook.Code, action webhook.Action, c webhook.Context) webhook.Event {
	return webhook.Event{
		ID:         s.ID,
		AttemptID:  s.AttemptID(),
		Feature:    webhook.FeatureSelfID,
		Code:       code,
		Action:     action,
		VendorData: s.VendorData,
		EndUserID:  s.EndUserID,
		Context:    c,
	}
}

// Started returns event 7001 of the current attempt.
func (s *Session) Started() webhook.Event {
	return s.Event(webhook.CodeStarted, webhook.ActionStarted, webhook.Context{})
}

// Submitted returns event 7002 of the current attempt.
func (s *Session) Submitted() webhook.Event {
	return s.Event(webhook.CodeSubmitted, webhook.ActionSubmitted, webhook.Context{})
}

// Decision returns the decision of the current attempt with status and
// reason code rc (0 for none), shaped as Veriff sends it: the reason is
// Veriff's text for rc; approved, declined and resubmission_requested carry
// the person and document read; expired and abandoned have every one of
// them null, no decision time and no IP, as the test integration's samples
// show. The end-user submitted a minute before the decision, except for
// expired (never started) and abandoned (never submitted).
func (s *Session) Decision(status webhook.Status, rc webhook.ReasonCode) webhook.Decision {
	v := webhook.Verification{
		ID:             s.ID,
		AttemptID:      s.AttemptID(),
		Status:         status,
		Code:           status.Code(),
		ReasonCode:     rc,
		Reason:         rc.Description(),
		VendorData:     s.VendorData,
		EndUserID:      s.EndUserID,
		AcceptanceTime: s.Created,
	}
	if rc != 0 && v.Reason == "" {
		v.Reason = "Reason " + rc.String()
	}
	d := webhook.Decision{MessageStatus: "success", Verification: v}
	switch status {
	case webhook.StatusExpired, webhook.StatusAbandoned:
		return d
	}
	now := s.Now()
	d.Verification.DecisionTime = now
	d.Verification.SubmissionTime = now.Add(-time.Minute - 1234567*time.Microsecond)
	d.TechnicalData.IP = s.IP
	if status != webhook.StatusReview {
		d.Verification.Person = s.Person
		d.Verification.Document = s.Document
	}
	return d
}

// FullAuto returns the Full Auto webhook of the current attempt with
// decision, the values read with Veriff's confidence in each, a decision
// score and insights.
func (s *Session) FullAuto(decision webhook.Status) webhook.FullAuto {
	score := 0.93
	if decision != webhook.StatusApproved {
		score = 0.12
	}
	val := func(v string, c webhook.Confidence, src ...string) webhook.ExtractedValue {
		return webhook.ExtractedValue{Value: v, Confidence: c, Sources: src}
	}
	var address webhook.ExtractedValue
	if len(s.Person.Addresses) > 0 {
		a := s.Person.Addresses[0]
		address = val(a.FullAddress, webhook.ConfidenceLow, "VIZ")
		orNull := func(s string) *string {
			if s == "" {
				return nil
			}
			return &s
		}
		address.Components, _ = json.Marshal(struct { // in this order, null where empty
			Street      *string `json:"street"`
			HouseNumber *string `json:"houseNumber"`
			City        *string `json:"city"`
			Postcode    *string `json:"postcode"`
		}{orNull(a.Parsed.Street), orNull(a.Parsed.HouseNumber), orNull(a.Parsed.City), orNull(a.Parsed.Postcode)})
	}
	return webhook.FullAuto{
		MessageStatus:  "success",
		EventType:      "fullauto",
		SessionID:      s.ID,
		AttemptID:      s.AttemptID(),
		VendorData:     s.VendorData,
		EndUserID:      s.EndUserID,
		Version:        "1.0.0",
		AcceptanceTime: s.Created,
		Time:           s.Now(),
		Verification: webhook.FullAutoVerification{
			Decision:      decision,
			DecisionScore: webhook.NullFloat{Value: score, Valid: true},
			Person: map[string]webhook.ExtractedValue{
				"firstName":   val(s.Person.FirstName, webhook.ConfidenceHigh, "VIZ", "MRZ"),
				"lastName":    val(s.Person.LastName, webhook.ConfidenceHigh, "VIZ", "MRZ"),
				"dateOfBirth": val(s.Person.DateOfBirth, webhook.ConfidenceMedium, "MRZ"),
				"address":     address,
			},
			Document: map[string]webhook.ExtractedValue{
				"type":       val(string(s.Document.Type), webhook.ConfidenceHigh, "MRZ"),
				"country":    val(s.Document.Country, webhook.ConfidenceHigh, "MRZ"),
				"validUntil": val(s.Document.ValidUntil, webhook.ConfidenceHigh, "MRZ", "VIZ"),
			},
			Insights: []webhook.Insight{
				{Label: "documentIsGenuine", Result: webhook.InsightResultYes, Category: "document"},
				{Label: "faceMatchesDocument", Result: webhook.InsightResultLikelyYes, Category: "biometrics"},
				{Label: "nfcChipRead", Result: webhook.InsightResultNotApplicable, Category: "document"},
			},
		},
	}
}

// WatchlistScreening returns a watchlist-screening result of the current
// attempt: with match MatchStatusPossibleMatch, one hit listed in every
// kind of list; with MatchStatusNoMatch, none.
func (s *Session) WatchlistScreening(check webhook.CheckType, match webhook.MatchStatus) webhook.WatchlistScreening {
	name := s.Person.FirstName + " " + s.Person.LastName
	w := webhook.WatchlistScreening{
		CheckType:   check,
		MatchStatus: match,
		SessionID:   s.ID,
		AttemptID:   s.AttemptID(),
		VendorData:  s.VendorData,
		EndUserID:   s.EndUserID,
		SearchTerm:  webhook.SearchTerm{Name: name, Year: s.Person.YearOfBirth},
		CreatedAt:   s.Now(),
	}
	if match == webhook.MatchStatusPossibleMatch {
		w.TotalHits = 1
		w.Hits = []webhook.WatchlistHit{{
			MatchedName: name,
			Countries:   []string{"Example Country"},
			DateOfBirth: s.Person.YearOfBirth,
			MatchTypes:  []string{"name_exact", "year_of_birth"},
			AKA:         []string{s.Person.FirstName[:1] + ". " + s.Person.LastName},
			Associates:  []string{"Example Associate"},
			Listings: webhook.WatchlistListings{
				Warnings:       []webhook.WatchlistListing{{SourceName: "Example Most Wanted", SourceURL: "https://example.org/wanted"}},
				Sanctions:      []webhook.WatchlistListing{{SourceName: "Example Sanctions List", SourceURL: "https://example.org/sanctions"}},
				FitnessProbity: []webhook.WatchlistListing{{SourceName: "Example Disqualified Directors", SourceURL: "https://example.org/directors"}},
				PEP:            []webhook.WatchlistListing{{SourceName: "Example Register of Public Officials", SourceURL: "https://example.org/officials"}},
				AdverseMedia:   []webhook.WatchlistListing{{SourceName: "Example News", SourceURL: "https://example.org/news/1", Date: "2026-01-15T00:00:00Z"}},
			},
		}}
	}
	return w
}

// UserStatus returns the webhook of a status a user of Veriff's Customer
// Portal set on the current attempt. statusCode and reasonCode are the
// codes Veriff makes from the names; reasonCode is "" for a custom reason.
func (s *Session) UserStatus(status, statusCode, reason, reasonCode string) webhook.UserStatus {
	now := s.Now()
	return webhook.UserStatus{
		EventType:      "user-status.created",
		SessionID:      s.ID,
		AttemptID:      s.AttemptID(),
		VendorData:     s.VendorData,
		EndUserID:      s.EndUserID,
		Time:           now,
		VerificationID: s.AttemptID(),
		Status: webhook.UserDefinedStatus{
			Status:     status,
			StatusCode: statusCode,
			Reason:     reason,
			ReasonCode: reasonCode,
			CreatedAt:  now.Add(-3*time.Second - 908195*time.Microsecond),
		},
	}
}

// INE returns the electoral registry's answer about the current attempt's
// voter card: valid when active.
func (s *Session) INE(active bool) webhook.INERegistry {
	status, state := "La credencial es válida", "El documento es válido."
	if !active {
		status, state = "La credencial no es válida", "El documento no se encuentra en la lista nominal."
	}
	return webhook.INERegistry{
		EventType:  "ine_registry",
		SessionID:  s.ID,
		AttemptID:  s.AttemptID(),
		VendorData: s.VendorData,
		EndUserID:  s.EndUserID,
		Version:    "1.0.0",
		Time:       s.Now(),
		Data: webhook.INEResult{
			Status:        status,
			Code:          200,
			Active:        webhook.NullBool{Value: active, Valid: true},
			DocumentState: state,
		},
	}
}

// CURP returns the population registry's answer about the current
// attempt's CURP, with status st.
func (s *Session) CURP(st webhook.CURPStatus) webhook.CURPRegistry {
	return webhook.CURPRegistry{
		Type:       "curp_registry",
		ID:         s.ID,
		VendorData: s.VendorData,
		EndUserID:  s.EndUserID,
		Version:    "1.0.0",
		Data: webhook.CURPResult{
			AttemptID:   s.AttemptID(),
			Name:        "curp_registry",
			Status:      "found",
			Code:        200,
			StatusCURP:  st,
			CURP:        "XEXX010101HNEXXXA4",
			Description: curpDescriptions[st],
		},
	}
}

var curpDescriptions = map[webhook.CURPStatus]string{
	webhook.CURPStatusAN:  "Alta normal",
	webhook.CURPStatusAH:  "Alta con homonimia",
	webhook.CURPStatusCRA: "CURP reactivada",
	webhook.CURPStatusRCN: "Registro de cambio no afectando a curp",
	webhook.CURPStatusRCC: "Registro de cambio afectando a curp",
	webhook.CURPStatusBD:  "Baja por defunción",
	webhook.CURPStatusBDA: "Baja por duplicidad",
	webhook.CURPStatusBCC: "Baja por cambio en curp",
	webhook.CURPStatusBCN: "Baja no afectando a curp",
}

// INECURP returns the combined INE and CURP answer about the current
// attempt. Only the head of Veriff's sample is known, so data holds the two
// answers in an invented shape.
func (s *Session) INECURP(active bool, st webhook.CURPStatus) webhook.INECURPRegistry {
	data, _ := json.Marshal(map[string]any{
		"ine":  map[string]any{"ineIdentifier": "000000000000", "active": active},
		"curp": map[string]any{"statusCurp": st, "curp": "XEXX010101HNEXXXA4"},
	})
	return webhook.INECURPRegistry{
		EventType:  "combined-ine-curp-registry",
		SessionID:  s.ID,
		AttemptID:  s.AttemptID(),
		VendorData: s.VendorData,
		EndUserID:  s.EndUserID,
		Version:    "1.0.0",
		Time:       s.Now(),
		Data:       data,
	}
}

// UnknownKind returns a body of a kind no one knows, with the session's
// ids in the envelope most kinds use: what a kind Veriff adds tomorrow may
// look like. A receiver must accept it (webhook.Unknown).
func (s *Session) UnknownKind() webhook.Unknown {
	// The time as the other kinds have theirs: the one writer of the root
	// package formats it (a user-defined status's "time").
	t, _ := webhook.UserStatus{Time: s.Now()}.MarshalJSON()
	var stamp struct{ Time json.RawMessage }
	_ = json.Unmarshal(t, &stamp)
	raw, _ := json.Marshal(struct {
		EventType string          `json:"eventType"`
		SessionID string          `json:"sessionId"`
		AttemptID string          `json:"attemptId"`
		Time      json.RawMessage `json:"time"`
		Data      struct {
			Result string `json:"result"`
		} `json:"data"`
	}{"veriffkit_future_kind", s.ID, s.AttemptID(), stamp.Time, struct {
		Result string `json:"result"`
	}{"inconclusive"}})
	return webhook.Unknown{Raw: raw}
}
