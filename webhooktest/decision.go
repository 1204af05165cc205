package webhooktest

import "github.com/veriffkit/webhook"

// DecisionBody returns the body of the decision webhook Veriff would send
// for d, compact. The members of "verification" come in the order of
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
// is written as it is, else its typed members (or {}).
func DecisionBody(d webhook.Decision) []byte {
	v := d.Verification
	var w writer
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
	w.end()
	w.obj("technicalData")
	w.strOrNull("ip", d.TechnicalData.IP)
	w.end()
	w.end()
	return w.b
}

func writePerson(w *writer, p webhook.Person) {
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

func writeDocument(w *writer, d webhook.Document) {
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

func writeAdditional(w *writer, a webhook.AdditionalVerifiedData) {
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
