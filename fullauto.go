package webhook

import (
	"encoding/json"
	"maps"
	"slices"
	"time"
)

// FullAuto is one delivery of Veriff's Full Auto webhook, which integrations
// on the Essential plan receive instead of the decision webhook (their test
// integrations still send decisions). It carries a decision, a score, the
// values read from the document with how sure Veriff is of each, and
// insights; no decision or reason codes. Members that are absent or null
// are the zero value.
//
// Veriff's sample of this webhook was not reachable: the shape is known
// from community code only.
type FullAuto struct {
	// MessageStatus is the status of the message ("status"), "success" or
	// "fail".
	MessageStatus string
	// EventType is "fullauto" ("eventType"). Required.
	EventType string
	// SessionID is the verification session ("sessionId"). Required.
	SessionID string
	// AttemptID is the session attempt ("attemptId").
	AttemptID string
	// VendorData is the integrator's own reference ("vendorData").
	VendorData string
	// EndUserID is the integrator's id of the end-user ("endUserId").
	EndUserID string
	// Version is the payload's version ("version"), e.g. "1.0.0".
	Version string
	// AcceptanceTime is when the session was created ("acceptanceTime").
	AcceptanceTime time.Time
	// Time is when the webhook was made ("time").
	Time time.Time
	// Verification is the result ("data.verification").
	Verification FullAutoVerification
}

// Kind returns KindFullAuto.
func (FullAuto) Kind() Kind { return KindFullAuto }

// FullAutoVerification is the result of a Full Auto session.
type FullAutoVerification struct {
	// Decision is the decision ("decision"), one of the Status values.
	Decision Status
	// DecisionScore is how likely the session is genuine, from 0 to 1
	// ("decisionScore"); the Customer Portal shows it from 1 to 100.
	DecisionScore NullFloat
	// Person holds the values read about the person ("person"), by
	// member name: "firstName", "lastName", "dateOfBirth", "gender",
	// "idNumber", "nationality", "address", "placeOfBirth", and more;
	// nil when absent or null. A member sent as null is absent.
	Person map[string]ExtractedValue
	// Document holds the values read from the document ("document"), by
	// member name: "type", "country", "number", "validFrom",
	// "validUntil", and more; nil when absent or null.
	Document map[string]ExtractedValue
	// Insights are the checks Veriff made ("insights"); nil when absent,
	// null or empty.
	Insights []Insight
}

// ExtractedValue is a value read from a document, with how sure Veriff is
// of it.
type ExtractedValue struct {
	// Value is the value read ("value"); "" when null.
	Value string
	// Confidence is how sure Veriff is of it ("confidenceCategory").
	Confidence Confidence
	// Sources are where it was read ("sources"): "VIZ" (the visual
	// zone), "MRZ", "NFC", "BARCODE".
	Sources []string
	// Components are the parts of a composite value ("components"), a
	// copy of the JSON as sent; nil when absent or null.
	Components json.RawMessage
}

// Confidence is how sure Veriff is of an extracted value. Veriff may add
// values; an unknown one is kept and reports IsKnown false.
type Confidence string

// Confidence categories, known from community code only.
const (
	// ConfidenceHigh says Veriff is confident of the value.
	ConfidenceHigh Confidence = "high"
	// ConfidenceMedium says Veriff is fairly confident of the value.
	ConfidenceMedium Confidence = "medium"
	// ConfidenceLow says Veriff is not confident of the value.
	ConfidenceLow Confidence = "low"
)

// IsKnown reports whether c is a confidence category this package defines.
// It is false for the empty Confidence, which an absent or null member
// gives (and UnknownValues does not report).
func (c Confidence) IsKnown() bool {
	return c == ConfidenceHigh || c == ConfidenceMedium || c == ConfidenceLow
}

// String returns the wire value.
func (c Confidence) String() string { return string(c) }

// Insight is one check of a Full Auto session.
type Insight struct {
	Label    string        // "label": what was checked
	Result   InsightResult // "result"
	Category string        // "category"
}

// InsightResult is the outcome of an insight. Veriff may add results; an
// unknown one is kept and reports IsKnown false.
type InsightResult string

// Insight results, known from community code only.
const (
	// InsightResultYes says the check found what it looks for.
	InsightResultYes InsightResult = "yes"
	// InsightResultLikelyYes says the check probably found it.
	InsightResultLikelyYes InsightResult = "likelyYes"
	// InsightResultNo says the check did not find it.
	InsightResultNo InsightResult = "no"
	// InsightResultNotApplicable says the check does not apply to the
	// session.
	InsightResultNotApplicable InsightResult = "notApplicable"
)

// IsKnown reports whether r is an insight result this package defines. It
// is false for the empty InsightResult, which an absent or null member
// gives (and UnknownValues does not report).
func (r InsightResult) IsKnown() bool {
	switch r {
	case InsightResultYes, InsightResultLikelyYes, InsightResultNo, InsightResultNotApplicable:
		return true
	}
	return false
}

// String returns the wire value.
func (r InsightResult) String() string { return string(r) }

// UnknownValues returns the JSON paths of the members of f whose values
// this package does not know ("data.verification.decision", the
// confidenceCategory of a value, the result of an insight), or nil. Absent
// values are not unknown.
func (f FullAuto) UnknownValues() []string {
	var u []string
	v := &f.Verification
	if v.Decision != "" && !v.Decision.IsKnown() {
		u = append(u, jsonPath("data", "verification", "decision"))
	}
	for _, m := range []struct {
		name   string
		values map[string]ExtractedValue
	}{{"person", v.Person}, {"document", v.Document}} {
		for _, k := range slices.Sorted(maps.Keys(m.values)) {
			if c := m.values[k].Confidence; c != "" && !c.IsKnown() {
				u = append(u, jsonPath("data", "verification", m.name, k, "confidenceCategory"))
			}
		}
	}
	for i, in := range v.Insights {
		if in.Result != "" && !in.Result.IsKnown() {
			u = append(u, jsonPath("data", "verification", "insights", i, "result"))
		}
	}
	return u
}

// readFullAuto reads a Full Auto body into f.
func readFullAuto(p *parser, f *FullAuto) error {
	start := skipWS(p.data, 0)
	env := envelope{&f.EventType, &f.SessionID, &f.AttemptID, &f.VendorData, &f.EndUserID, &f.Version, &f.Time}
	err := p.topLevel(func(name []byte) (bool, error) {
		switch string(name) {
		case "status":
			return true, p.optString(&f.MessageStatus)
		case "acceptanceTime":
			return true, p.optTime(&f.AcceptanceTime)
		case "data":
			_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
				if string(name) != "verification" {
					return false, nil
				}
				return true, readFullAutoVerification(p, &f.Verification)
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

// readFullAutoVerification reads data.verification, or a null (then it
// stays zero).
func readFullAutoVerification(p *parser, v *FullAutoVerification) error {
	_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
		switch string(name) {
		case "decision":
			return true, optEnum(p, &v.Decision, knownStatus)
		case "decisionScore":
			return true, p.optFloat(&v.DecisionScore)
		case "person":
			return true, readExtractedValues(p, &v.Person)
		case "document":
			return true, readExtractedValues(p, &v.Document)
		case "insights":
			var insights gather[Insight]
			err := p.arrayOrNull(func(int) error {
				in := insights.next()
				_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
					switch string(name) {
					case "label":
						return true, p.optString(&in.Label)
					case "result":
						return true, optText(p, &in.Result)
					case "category":
						return true, p.optString(&in.Category)
					}
					return false, nil
				})
				return err
			})
			v.Insights = insights.slice()
			return true, err
		case "matchingResults":
			// Mentioned by community code, untyped here: checked and skipped.
			return true, p.skip()
		}
		return false, nil
	})
	return err
}

// readExtractedValues reads an object, or null, whose members are each an
// extracted value or null.
func readExtractedValues(p *parser, dst *map[string]ExtractedValue) error {
	_, err := p.objectOrNull(true, func(name []byte) (bool, error) {
		var x ExtractedValue
		found, err := p.objectOrNull(false, func(name []byte) (bool, error) {
			switch string(name) {
			case "value":
				return true, p.optString(&x.Value)
			case "confidenceCategory":
				return true, optText(p, &x.Confidence)
			case "sources":
				return true, p.stringArray(&x.Sources)
			case "components":
				var err error
				x.Components, err = p.rawObject()
				return true, err
			}
			return false, nil
		})
		if err == nil && found {
			if *dst == nil {
				*dst = make(map[string]ExtractedValue)
			}
			(*dst)[string(name)] = x
		}
		return true, err
	})
	return err
}
