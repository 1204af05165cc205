package webhook

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// The JSON writer of every kind: MarshalJSON writes a payload in the shape
// Veriff sends it, its members in the order of Veriff's samples, null where
// Veriff sends null, and webhooktest's body builders are these methods.
// encoding/json would sort map keys and follow struct order, and write Go
// field names.

// writer appends one compact JSON object at a time, members in the order they
// are written, which is how every body here keeps the member order of Veriff's
// samples: encoding/json would sort map keys and follow struct order.
type writer struct {
	b     []byte
	first []bool // per open object or array: no member written yet
}

func (w *writer) sep() {
	if n := len(w.first); n > 0 {
		if !w.first[n-1] {
			w.b = append(w.b, ',')
		}
		w.first[n-1] = false
	}
}

// name starts a member named k, or an element of an array when k is "".
func (w *writer) name(k string) {
	w.sep()
	if k != "" {
		w.b = appendString(w.b, k)
		w.b = append(w.b, ':')
	}
}

func (w *writer) open(k string, c byte) {
	w.name(k)
	w.b = append(w.b, c)
	w.first = append(w.first, true)
}

func (w *writer) close(c byte) {
	w.first = w.first[:len(w.first)-1]
	w.b = append(w.b, c)
}

// obj opens an object, the member k of the enclosing object or, with k "",
// the body or an element of an array.
func (w *writer) obj(k string) { w.open(k, '{') }
func (w *writer) end()         { w.close('}') }
func (w *writer) arr(k string) { w.open(k, '[') }
func (w *writer) endArr()      { w.close(']') }

func (w *writer) rawMember(k string, v []byte) {
	w.name(k)
	w.b = append(w.b, v...)
}

// str writes k as a string, always.
func (w *writer) str(k, v string) { w.rawMember(k, appendString(nil, v)) }

// strOrNull writes k as null when v is "", as Veriff does for a member it
// has no value for.
func (w *writer) strOrNull(k, v string) {
	if v == "" {
		w.null(k)
		return
	}
	w.str(k, v)
}

// strIfSet writes k only when v is not "".
func (w *writer) strIfSet(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

func (w *writer) null(k string) { w.rawMember(k, []byte("null")) }

func (w *writer) int(k string, v int) { w.rawMember(k, strconv.AppendInt(nil, int64(v), 10)) }

func (w *writer) intOrNull(k string, v int) {
	if v == 0 {
		w.null(k)
		return
	}
	w.int(k, v)
}

func (w *writer) float(k string, v float64) {
	w.rawMember(k, strconv.AppendFloat(nil, v, 'g', -1, 64))
}

func (w *writer) nullFloat(k string, v float64, valid bool) {
	if !valid {
		w.null(k)
		return
	}
	w.float(k, v)
}

func (w *writer) bool(k string, v bool) { w.rawMember(k, strconv.AppendBool(nil, v)) }

func (w *writer) nullBool(k string, v, valid bool) {
	if !valid {
		w.null(k)
		return
	}
	w.bool(k, v)
}

// time writes t in UTC as Veriff does, with milliseconds ("…07:18:36.916Z"),
// or with the precision t needs when it has more; null when t is zero.
func (w *writer) time(k string, t time.Time) {
	if t.IsZero() {
		w.null(k)
		return
	}
	w.str(k, formatTime(t, 3))
}

// timeMicro is time with microseconds, as Veriff writes submissionTime and
// user-defined statuses' createdAt.
func (w *writer) timeMicro(k string, t time.Time) {
	if t.IsZero() {
		w.null(k)
		return
	}
	w.str(k, formatTime(t, 6))
}

func formatTime(t time.Time, digits int) string {
	t = t.UTC()
	switch {
	case digits == 3 && t.Nanosecond()%int(time.Millisecond) == 0:
		return t.Format("2006-01-02T15:04:05.000Z07:00")
	case t.Nanosecond()%int(time.Microsecond) == 0:
		return t.Format("2006-01-02T15:04:05.000000Z07:00")
	}
	return t.Format(time.RFC3339Nano)
}

// strings writes k as an array of strings, [] when v is empty.
func (w *writer) strings(k string, v []string) {
	w.arr(k)
	for _, s := range v {
		w.str("", s)
	}
	w.endArr()
}

// raw writes v, JSON the caller kept as sent, compacted; def when v is nil.
func (w *writer) raw(k string, v json.RawMessage, def string) {
	if v == nil {
		w.rawMember(k, []byte(def))
		return
	}
	w.rawMember(k, compactJSON(v))
}

func compactJSON(v []byte) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, v); err != nil {
		// Not JSON: written as a string, so that the body stays valid.
		return appendString(nil, string(v))
	}
	return buf.Bytes()
}

// appendString appends s as a JSON string. Like Veriff's samples it leaves
// non-ASCII characters unescaped ("válida"); invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\ufffd"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// MarshalJSON encodes e as the body of the event webhook Veriff would send
// for e, compact, in the member order of Veriff's samples: id, attemptId,
// feature, code, action, context, vendorData, endUserId. An empty AttemptID
// or AddressID is left out (older and proof-of-address events have none), a
// zero Context is left out (Veriff sends one only on flow events), so is an
// empty reason or state inside it (Veriff's 7007 sample has no state), and
// an empty VendorData or EndUserID is null, as Veriff sends them when the
// session was created without one. Parse of the result gives back e;
// invalid UTF-8 in a string becomes U+FFFD, as encoding/json does.
func (e Event) MarshalJSON() ([]byte, error) {
	return e.AppendJSON(make([]byte, 0, 256)), nil
}

// AppendJSON appends the JSON encoding of e (see MarshalJSON) to b.
func (e Event) AppendJSON(b []byte) []byte {
	w := writer{b: b}
	w.obj("")
	w.str("id", e.ID)
	w.strIfSet("attemptId", e.AttemptID)
	w.strIfSet("addressId", e.AddressID)
	w.str("feature", string(e.Feature))
	w.int("code", int(e.Code))
	w.str("action", string(e.Action))
	if e.Context != (Context{}) {
		w.obj("context")
		w.strIfSet("reason", string(e.Context.Reason))
		w.strIfSet("state", string(e.Context.State))
		w.end()
	}
	w.strOrNull("vendorData", e.VendorData)
	w.strOrNull("endUserId", e.EndUserID)
	w.end()
	return w.b
}

// MarshalJSON encodes d as the body of the decision webhook Veriff would
// send for d, compact. The members of "verification" come in the order of
// Veriff's current sample (id, attemptId, status, code, reason, reasonCode,
// decisionTime, acceptanceTime, submissionTime), then the rest in the order
// of its older full sample and of a test integration's real decisions.
//
// Null where Veriff sends null: reason and reasonCode when ReasonCode is 0
// (approved, review, expired, abandoned), decisionTime when zero (expired,
// abandoned), every member of person and document Veriff has no value for,
// and technicalData.ip when empty. An empty AttemptID is left out, as in
// decisions from before 2021. Person and Document are written in full even
// when zero, with every member null, as for an expired session; RiskLabels,
// RiskScore and BiometricAuthentication only when set, as Veriff sends them
// only to integrations that use them. AdditionalVerifiedData.Raw, when set,
// is written as it is, else its typed members (or {}); UnstructuredDocs as
// it is, only when set. ParseDecision of the result gives back d.
func (d Decision) MarshalJSON() ([]byte, error) {
	var w writer
	v := d.Verification
	w.obj("")
	w.strOrNull("status", d.MessageStatus)
	w.obj("verification")
	w.str("id", v.ID)
	w.strIfSet("attemptId", v.AttemptID)
	w.str("status", string(v.Status))
	w.int("code", int(v.Code))
	w.strOrNull("reason", v.Reason)
	w.intOrNull("reasonCode", int(v.ReasonCode))
	w.time("decisionTime", v.DecisionTime)
	w.time("acceptanceTime", v.AcceptanceTime)
	if !v.SubmissionTime.IsZero() {
		w.timeMicro("submissionTime", v.SubmissionTime)
	}
	w.strOrNull("vendorData", v.VendorData)
	w.strOrNull("endUserId", v.EndUserID)
	writePerson(&w, v.Person)
	writeDocument(&w, v.Document)
	w.arr("comments")
	w.endArr()
	writeAdditional(&w, v.AdditionalVerifiedData)
	if len(v.RiskLabels) > 0 {
		w.arr("riskLabels")
		for _, l := range v.RiskLabels {
			w.obj("")
			w.str("label", l.Label)
			w.str("category", string(l.Category))
			w.strings("sessionIds", l.SessionIDs)
			w.end()
		}
		w.endArr()
	}
	if v.RiskScore.Valid {
		w.obj("riskScore")
		w.float("score", v.RiskScore.Value)
		w.end()
	}
	if b := v.BiometricAuthentication; b.MatchedSessionID != "" || b.MatchedSessionEndUserID != "" || b.MatchedSessionVendorData != "" || b.Details != nil {
		w.obj("biometricAuthentication")
		w.strOrNull("matchedSessionId", b.MatchedSessionID)
		w.strOrNull("matchedSessionEndUserId", b.MatchedSessionEndUserID)
		w.strOrNull("matchedSessionVendorData", b.MatchedSessionVendorData)
		if b.Details != nil {
			w.raw("details", b.Details, "null")
		}
		w.end()
	}
	if v.UnstructuredDocs != nil {
		w.raw("udocs", v.UnstructuredDocs, "null")
	}
	w.end()
	w.obj("technicalData")
	w.strOrNull("ip", d.TechnicalData.IP)
	w.end()
	w.end()
	return w.b, nil
}

// MarshalJSON encodes f as the body of the Full Auto webhook Veriff would
// send for f, compact, in the member order of community typings (Veriff's
// own sample was not reachable): status, eventType, sessionId, attemptId,
// vendorData, endUserId, version, acceptanceTime, time, then
// data.verification with decisionScore, decision, person, document and
// insights. The values of person and document come in the order the typings
// list them, any other after them by name.
func (f FullAuto) MarshalJSON() ([]byte, error) {
	var w writer
	v := f.Verification
	w.obj("")
	w.strOrNull("status", f.MessageStatus)
	w.str("eventType", f.EventType)
	w.str("sessionId", f.SessionID)
	w.strOrNull("attemptId", f.AttemptID)
	w.strOrNull("vendorData", f.VendorData)
	w.strOrNull("endUserId", f.EndUserID)
	w.strOrNull("version", f.Version)
	w.time("acceptanceTime", f.AcceptanceTime)
	w.time("time", f.Time)
	w.obj("data")
	w.obj("verification")
	w.nullFloat("decisionScore", v.DecisionScore.Value, v.DecisionScore.Valid)
	w.strOrNull("decision", string(v.Decision))
	writeExtracted(&w, "person", v.Person, personOrder)
	writeExtracted(&w, "document", v.Document, documentOrder)
	if v.Insights == nil {
		w.null("insights")
	} else {
		w.arr("insights")
		for _, in := range v.Insights {
			w.obj("")
			w.str("label", in.Label)
			w.str("result", string(in.Result))
			w.str("category", in.Category)
			w.end()
		}
		w.endArr()
	}
	w.end()
	w.end()
	w.end()
	return w.b, nil
}

// MarshalJSON encodes r as the body of the (legacy) INE webhook Veriff would
// send for r, compact, in the member order of Veriff's sample. Data.Details,
// when set, is written as it is, else active and documentState.
func (r INERegistry) MarshalJSON() ([]byte, error) {
	var w writer
	w.obj("")
	w.str("eventType", r.EventType)
	w.str("sessionId", r.SessionID)
	w.strOrNull("attemptId", r.AttemptID)
	w.strOrNull("vendorData", r.VendorData)
	w.strOrNull("endUserId", r.EndUserID)
	w.strOrNull("version", r.Version)
	w.time("time", r.Time)
	w.obj("data")
	w.strOrNull("status", r.Data.Status)
	w.intOrNull("code", r.Data.Code)
	if r.Data.Details != nil {
		w.raw("details", r.Data.Details, "null")
	} else {
		w.obj("details")
		w.nullBool("active", r.Data.Active.Value, r.Data.Active.Valid)
		w.strOrNull("documentState", r.Data.DocumentState)
		w.end()
	}
	w.end()
	w.end()
	return w.b, nil
}

// MarshalJSON encodes r as the body of the (legacy) CURP webhook Veriff
// would send for r, compact, in the member order of Veriff's sample, whose
// envelope differs from the other kinds' ("type" and "id", the attempt
// inside "data"). Data.Details, when set, is written as it is, else
// statusCurp, curp and description.
func (r CURPRegistry) MarshalJSON() ([]byte, error) {
	var w writer
	d := r.Data
	w.obj("")
	w.str("type", r.Type)
	w.str("id", r.ID)
	w.strOrNull("vendorData", r.VendorData)
	w.strOrNull("endUserId", r.EndUserID)
	w.strOrNull("version", r.Version)
	w.obj("data")
	w.strOrNull("attemptId", d.AttemptID)
	w.strOrNull("name", d.Name)
	w.strOrNull("status", d.Status)
	w.intOrNull("code", d.Code)
	if d.Details != nil {
		w.raw("details", d.Details, "null")
	} else {
		w.obj("details")
		w.strOrNull("statusCurp", string(d.StatusCURP))
		w.strOrNull("curp", d.CURP)
		w.strOrNull("description", d.Description)
		w.end()
	}
	w.end()
	w.end()
	return w.b, nil
}

// MarshalJSON encodes r as the body of the (legacy) combined INE and CURP
// webhook Veriff would send for r, compact, in the member order of the head
// of Veriff's sample (the rest was not reachable). Data is written as it is,
// {} when nil.
func (r INECURPRegistry) MarshalJSON() ([]byte, error) {
	var w writer
	w.obj("")
	w.str("eventType", r.EventType)
	w.str("sessionId", r.SessionID)
	w.strOrNull("vendorData", r.VendorData)
	w.strOrNull("endUserId", r.EndUserID)
	w.strOrNull("attemptId", r.AttemptID)
	w.strOrNull("version", r.Version)
	w.time("time", r.Time)
	w.raw("data", r.Data, "{}")
	w.end()
	return w.b, nil
}

// MarshalJSON encodes u as the body of the user-defined status webhook
// Veriff would send for u, compact, in the member order of Veriff's sample:
// data (verification.id, then userDefinedData with reason, status,
// createdAt, reasonCode, statusCode), time, attemptId, eventType, sessionId,
// vendorData, endUserId. An empty ReasonCode is null, as Veriff sends it for
// a custom reason.
func (u UserStatus) MarshalJSON() ([]byte, error) {
	var w writer
	s := u.Status
	w.obj("")
	w.obj("data")
	w.obj("verification")
	w.strOrNull("id", u.VerificationID)
	w.obj("userDefinedData")
	w.strOrNull("reason", s.Reason)
	w.strOrNull("status", s.Status)
	w.timeMicro("createdAt", s.CreatedAt)
	w.strOrNull("reasonCode", s.ReasonCode)
	w.strOrNull("statusCode", s.StatusCode)
	w.end()
	w.end()
	w.end()
	w.time("time", u.Time)
	w.strOrNull("attemptId", u.AttemptID)
	w.str("eventType", u.EventType)
	w.strOrNull("sessionId", u.SessionID)
	w.strOrNull("vendorData", u.VendorData)
	w.strOrNull("endUserId", u.EndUserID)
	w.end()
	return w.b, nil
}

// MarshalJSON encodes s as the body of the watchlist-screening webhook
// Veriff would send for s, compact, in the member order of Veriff's samples:
// checkType, attemptId, sessionId, vendorData, endUserId (the current
// sample's head), then matchStatus, searchTerm, totalHits, createdAt, hits
// (the older full sample). An empty SessionID is left out, as in the older
// sample; hits is [] when there are none, as Veriff documents for no_match.
// SearchTerm.Raw, when set, is written as it is, else name and year.
func (s WatchlistScreening) MarshalJSON() ([]byte, error) {
	var w writer
	w.obj("")
	w.str("checkType", string(s.CheckType))
	w.strOrNull("attemptId", s.AttemptID)
	w.strIfSet("sessionId", s.SessionID)
	w.strOrNull("vendorData", s.VendorData)
	w.strOrNull("endUserId", s.EndUserID)
	w.str("matchStatus", string(s.MatchStatus))
	if s.SearchTerm.Raw != nil {
		w.raw("searchTerm", s.SearchTerm.Raw, "null")
	} else {
		w.obj("searchTerm")
		w.strOrNull("name", s.SearchTerm.Name)
		w.strOrNull("year", s.SearchTerm.Year)
		w.end()
	}
	w.int("totalHits", s.TotalHits)
	w.time("createdAt", s.CreatedAt)
	w.arr("hits")
	for _, h := range s.Hits {
		w.obj("")
		w.str("matchedName", h.MatchedName)
		w.strings("countries", h.Countries)
		w.strOrNull("dateOfBirth", h.DateOfBirth)
		w.strOrNull("dateOfDeath", h.DateOfDeath)
		w.strings("matchTypes", h.MatchTypes)
		w.strings("aka", h.AKA)
		w.strings("associates", h.Associates)
		w.obj("listingsRelatedToMatch")
		writeListings(&w, "warnings", h.Listings.Warnings)
		writeListings(&w, "sanctions", h.Listings.Sanctions)
		writeListings(&w, "fitnessProbity", h.Listings.FitnessProbity)
		writeListings(&w, "pep", h.Listings.PEP)
		writeListings(&w, "adverseMedia", h.Listings.AdverseMedia)
		w.end()
		w.end()
	}
	w.endArr()
	w.end()
	return w.b, nil
}

func writePerson(w *writer, p Person) {
	w.obj("person")
	w.strOrNull("firstName", p.FirstName)
	w.strOrNull("lastName", p.LastName)
	if p.FullName != "" {
		w.str("fullName", p.FullName)
	}
	w.null("citizenship") // deprecated: Veriff always sends null
	w.strOrNull("idNumber", p.IDNumber)
	w.strOrNull("gender", p.Gender)
	w.strOrNull("dateOfBirth", p.DateOfBirth)
	w.strOrNull("yearOfBirth", p.YearOfBirth)
	w.strOrNull("placeOfBirth", p.PlaceOfBirth)
	w.strOrNull("nationality", p.Nationality)
	w.null("pepSanctionMatch") // legacy: null in every sample
	if len(p.Addresses) > 0 {
		w.arr("addresses")
		for _, a := range p.Addresses {
			w.obj("")
			w.strOrNull("fullAddress", a.FullAddress)
			w.obj("parsedAddress")
			pa := a.Parsed
			w.strOrNull("city", pa.City)
			w.strOrNull("unit", pa.Unit)
			w.strOrNull("state", pa.State)
			w.strOrNull("street", pa.Street)
			w.strOrNull("country", pa.Country)
			w.strOrNull("postcode", pa.Postcode)
			w.strOrNull("houseNumber", pa.HouseNumber)
			w.end()
			w.end()
		}
		w.endArr()
	}
	w.end()
}

func writeDocument(w *writer, d Document) {
	w.obj("document")
	w.strOrNull("number", d.Number)
	w.strOrNull("type", string(d.Type))
	w.strOrNull("country", d.Country)
	w.strOrNull("validFrom", d.ValidFrom)
	w.strOrNull("validUntil", d.ValidUntil)
	// The members below are in Veriff's full sample only when they have a
	// value; the test integration's decisions lack them.
	w.strIfSet("state", d.State)
	w.strIfSet("placeOfIssue", d.PlaceOfIssue)
	w.strIfSet("firstIssue", d.FirstIssue)
	w.strIfSet("issueNumber", d.IssueNumber)
	w.strIfSet("issuedBy", d.IssuedBy)
	w.strIfSet("remarks", d.Remarks)
	w.strIfSet("residencePermitType", d.ResidencePermitType)
	if d.NFCValidated.Valid {
		w.bool("nfcValidated", d.NFCValidated.Value)
	}
	w.end()
}

func writeAdditional(w *writer, a AdditionalVerifiedData) {
	if a.Raw != nil {
		w.raw("additionalVerifiedData", a.Raw, "{}")
		return
	}
	w.obj("additionalVerifiedData")
	w.strIfSet("driversLicenseNumber", a.DriversLicenseNumber)
	if a.EstimatedAge.Valid {
		w.float("estimatedAge", a.EstimatedAge.Value)
	}
	if a.EstimatedGender.Valid {
		w.float("estimatedGender", a.EstimatedGender.Value)
	}
	w.end()
}

func writeExtracted(w *writer, k string, m map[string]ExtractedValue, order []string) {
	if m == nil {
		w.null(k)
		return
	}
	keys := make([]string, 0, len(m))
	for _, name := range order {
		if _, ok := m[name]; ok {
			keys = append(keys, name)
		}
	}
	var rest []string
	for name := range m {
		if !slices.Contains(order, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	w.obj(k)
	for _, name := range append(keys, rest...) {
		e := m[name]
		w.obj(name)
		w.strOrNull("value", e.Value)
		w.strOrNull("confidenceCategory", string(e.Confidence))
		w.strings("sources", e.Sources)
		if e.Components != nil {
			w.raw("components", e.Components, "null")
		}
		w.end()
	}
	w.end()
}

func writeListings(w *writer, k string, ls []WatchlistListing) {
	w.arr(k)
	for _, l := range ls {
		w.obj("")
		w.str("sourceName", l.SourceName)
		w.strOrNull("sourceUrl", l.SourceURL)
		w.strOrNull("date", l.Date)
		w.end()
	}
	w.endArr()
}

var (
	personOrder   = []string{"firstName", "lastName", "dateOfBirth", "gender", "idNumber", "nationality", "address", "placeOfBirth", "foreignerStatus", "occupation", "employer", "extraNames"}
	documentOrder = []string{"type", "country", "number", "validFrom", "validUntil", "issuedBy", "firstIssue", "placeOfIssue", "processNumber", "residencePermitType", "licenseNumber"}
)

// MarshalJSON encodes u as its Raw, compacted; {} when Raw is nil (the zero
// Unknown). Raw that is not JSON is written as a string, so that the result
// is valid JSON.
func (u Unknown) MarshalJSON() ([]byte, error) {
	if u.Raw == nil {
		return []byte("{}"), nil
	}
	return compactJSON(u.Raw), nil
}

// UnmarshalJSON decodes data as ParseAny decodes a body of no known kind: it
// must be one valid JSON object, kept whole in Raw, a copy. As is the
// convention for json.Unmarshaler, the JSON literal null leaves u unchanged.
func (u *Unknown) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	v, err := ParseOptions{}.parseKind(KindUnknown, data)
	if err != nil {
		return err
	}
	*u = v.(Unknown)
	return nil
}

// unmarshalAs decodes data into *dst with read, a kind's reader, under the
// rules of ParseAny; the JSON literal null leaves *dst unchanged, as is the
// convention for json.Unmarshaler.
func unmarshalAs[T any](dst *T, data []byte, read func(*parser, *T) error) error {
	if string(data) == "null" {
		return nil
	}
	v, err := decode(ParseOptions{}, data, read)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// UnmarshalJSON decodes data with the rules of ParseAny for Full Auto.
func (f *FullAuto) UnmarshalJSON(data []byte) error { return unmarshalAs(f, data, readFullAuto) }

// UnmarshalJSON decodes data with the rules of ParseAny for watchlist
// screenings.
func (s *WatchlistScreening) UnmarshalJSON(data []byte) error {
	return unmarshalAs(s, data, readWatchlist)
}

// UnmarshalJSON decodes data with the rules of ParseAny for user-defined
// statuses.
func (u *UserStatus) UnmarshalJSON(data []byte) error { return unmarshalAs(u, data, readUserStatus) }

// UnmarshalJSON decodes data with the rules of ParseAny for INE results.
func (r *INERegistry) UnmarshalJSON(data []byte) error { return unmarshalAs(r, data, readINE) }

// UnmarshalJSON decodes data with the rules of ParseAny for CURP results.
func (r *CURPRegistry) UnmarshalJSON(data []byte) error { return unmarshalAs(r, data, readCURP) }

// UnmarshalJSON decodes data with the rules of ParseAny for combined INE and
// CURP results.
func (r *INECURPRegistry) UnmarshalJSON(data []byte) error { return unmarshalAs(r, data, readINECURP) }
