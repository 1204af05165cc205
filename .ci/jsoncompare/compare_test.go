package jsoncompare

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/bytedance/sonic"
	gojson "github.com/goccy/go-json"
	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/internal/benchpair"
)

// plainDecision is what a careful user writes by hand for encoding/json:
// time.Time for the timestamps, pointers for the members that may be null.
type plainDecision struct {
	Status       string `json:"status"`
	Verification struct {
		ID             string     `json:"id"`
		AttemptID      string     `json:"attemptId"`
		Status         string     `json:"status"`
		Code           int        `json:"code"`
		Reason         *string    `json:"reason"`
		ReasonCode     *int       `json:"reasonCode"`
		VendorData     *string    `json:"vendorData"`
		EndUserID      *string    `json:"endUserId"`
		AcceptanceTime time.Time  `json:"acceptanceTime"`
		DecisionTime   *time.Time `json:"decisionTime"`
		SubmissionTime *time.Time `json:"submissionTime"`
		Person         *struct {
			FirstName    *string `json:"firstName"`
			LastName     *string `json:"lastName"`
			FullName     *string `json:"fullName"`
			DateOfBirth  *string `json:"dateOfBirth"`
			YearOfBirth  *string `json:"yearOfBirth"`
			Gender       *string `json:"gender"`
			IDNumber     *string `json:"idNumber"`
			Nationality  *string `json:"nationality"`
			PlaceOfBirth *string `json:"placeOfBirth"`
			Addresses    []struct {
				FullAddress   *string `json:"fullAddress"`
				ParsedAddress *struct {
					Street      *string `json:"street"`
					HouseNumber *string `json:"houseNumber"`
					Unit        *string `json:"unit"`
					City        *string `json:"city"`
					State       *string `json:"state"`
					Postcode    *string `json:"postcode"`
					Country     *string `json:"country"`
				} `json:"parsedAddress"`
			} `json:"addresses"`
		} `json:"person"`
		Document *struct {
			Number       *string `json:"number"`
			Type         *string `json:"type"`
			Country      *string `json:"country"`
			State        *string `json:"state"`
			ValidFrom    *string `json:"validFrom"`
			ValidUntil   *string `json:"validUntil"`
			FirstIssue   *string `json:"firstIssue"`
			PlaceOfIssue *string `json:"placeOfIssue"`
			IssueNumber  *string `json:"issueNumber"`
			IssuedBy     *string `json:"issuedBy"`
			NFCValidated *bool   `json:"nfcValidated"`
		} `json:"document"`
		AdditionalVerifiedData json.RawMessage `json:"additionalVerifiedData"`
		RiskLabels             []struct {
			Label      string   `json:"label"`
			Category   string   `json:"category"`
			SessionIDs []string `json:"sessionIds"`
		} `json:"riskLabels"`
		RiskScore *struct {
			Score *float64 `json:"score"`
		} `json:"riskScore"`
		BiometricAuthentication *struct {
			MatchedSessionID         *string         `json:"matchedSessionId"`
			MatchedSessionEndUserID  *string         `json:"matchedSessionEndUserId"`
			MatchedSessionVendorData *string         `json:"matchedSessionVendorData"`
			Details                  json.RawMessage `json:"details"`
		} `json:"biometricAuthentication"`
	} `json:"verification"`
	TechnicalData *struct {
		IP *string `json:"ip"`
	} `json:"technicalData"`
}

var (
	sinkDecision      webhook.Decision
	sinkPlainDecision plainDecision
)

// BenchmarkParseDecision times webhook.ParseDecision beside
// encoding/json, goccy/go-json and bytedance/sonic decoding the same body
// into plainDecision, on the documented sample as documented and compacted.
// Each pair times both sides in turn within each iteration
// (benchpair.Run): impl=X/against=ours reports X's time over ours as its
// ratio. .ci/jsoncompare/run prints the ratios.
func BenchmarkParseDecision(b *testing.B) {
	documented, err := os.ReadFile("../../testdata/decision/documented-approved-full.json")
	if err != nil {
		b.Fatal(err)
	}
	var c bytes.Buffer
	if err := json.Compact(&c, documented); err != nil {
		b.Fatal(err)
	}
	for _, payload := range []struct {
		name string
		body []byte
	}{{"compact", c.Bytes()}, {"documented", documented}} {
		ours := benchpair.Side{Name: "ours", Call: func() error {
			d, err := webhook.ParseDecision(payload.body)
			sinkDecision = d
			return err
		}}
		for _, impl := range []struct {
			name      string
			unmarshal func([]byte, any) error
		}{
			{"encoding-json", json.Unmarshal},
			{"goccy-go-json", gojson.Unmarshal},
			{"sonic", sonic.Unmarshal},
		} {
			b.Run("payload="+payload.name+"/impl="+impl.name+"/against=ours", func(b *testing.B) {
				benchpair.Run(b, ours, benchpair.Side{Name: impl.name, Call: func() error {
					var d plainDecision
					err := impl.unmarshal(payload.body, &d)
					sinkPlainDecision = d
					return err
				}})
			})
		}
	}
}

// TestSameDecision checks that the three libraries read the sample as
// ParseDecision does, so that the benchmark compares equal work.
func TestSameDecision(t *testing.T) {
	body, err := os.ReadFile("../../testdata/decision/documented-approved-full.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := webhook.ParseDecision(body)
	if err != nil {
		t.Fatal(err)
	}
	for name, unmarshal := range map[string]func([]byte, any) error{
		"encoding/json": json.Unmarshal, "goccy/go-json": gojson.Unmarshal, "sonic": sonic.Unmarshal,
	} {
		var p plainDecision
		if err := unmarshal(body, &p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		v := p.Verification
		if v.ID != d.Verification.ID || *v.Person.FirstName != d.Verification.Person.FirstName ||
			len(v.RiskLabels) != len(d.Verification.RiskLabels) || !v.AcceptanceTime.Equal(d.Verification.AcceptanceTime) ||
			*v.Person.Addresses[0].ParsedAddress.Street != d.Verification.Person.Addresses[0].Parsed.Street {
			t.Errorf("%s reads the sample otherwise: %+v", name, v)
		}
	}
}
