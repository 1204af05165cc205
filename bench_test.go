package webhook

// Benchmarks come in pairs: ours beside a baseline in the same run, named
// with key=value parts so that benchstat can put them in columns:
//
//	.ci/bench            # 10 rounds of go test -bench ., benchstat -col /impl, and each ratio
//
// The targets they measure are in docs/performance.md.

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// plainEvent is what a user writes by hand for encoding/json.
type plainEvent struct {
	ID         string `json:"id"`
	AttemptID  string `json:"attemptId"`
	Feature    string `json:"feature"`
	Code       int    `json:"code"`
	Action     string `json:"action"`
	VendorData string `json:"vendorData"`
	EndUserID  string `json:"endUserId"`
	Context    struct {
		Reason string `json:"reason"`
		State  string `json:"state"`
	} `json:"context"`
}

func documented7007(b *testing.B) []byte {
	body, err := os.ReadFile("testdata/documented-waiting-complete-7007.json")
	if err != nil {
		b.Fatal(err)
	}
	return body
}

var sinkEvent Event
var sinkPlain plainEvent

func BenchmarkParse(b *testing.B) {
	for _, payload := range []struct {
		name string
		body []byte
	}{{"compact", []byte(compact7007)}, {"documented", documented7007(b)}} {
		b.Run("payload="+payload.name+"/impl=ours", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(payload.body)))
			for b.Loop() {
				e, err := Parse(payload.body)
				if err != nil {
					b.Fatal(err)
				}
				sinkEvent = e
			}
		})
		b.Run("payload="+payload.name+"/impl=encoding-json", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(payload.body)))
			for b.Loop() {
				var e plainEvent
				if err := json.Unmarshal(payload.body, &e); err != nil {
					b.Fatal(err)
				}
				sinkPlain = e
			}
		})
	}
}

var sinkSum [sha256.Size]byte

func BenchmarkVerify(b *testing.B) {
	body := []byte(compact7007)
	const secret = "demo-secret"
	sig := Sign(body, secret)
	v, err := NewVerifier(secret)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("impl=ours", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := v.Verify(body, sig); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sha256-floor", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkSum = sha256.Sum256(body)
		}
	})
	b.Run("impl=ours-package-func", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := Verify(body, sig, secret); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=hmac-per-call", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m := hmac.New(sha256.New, []byte(secret))
			m.Write(body)
			want, err := hex.DecodeString(sig)
			if err != nil || !hmac.Equal(m.Sum(nil), want) {
				b.Fatal("mismatch")
			}
		}
	})
}

func BenchmarkVerify1MiB(b *testing.B) {
	body := bytes.Repeat([]byte("x"), 1<<20)
	sig := Sign(body, "demo-secret")
	v, err := NewVerifier("demo-secret")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("impl=ours", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if err := v.Verify(body, sig); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=sha256-floor", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			sinkSum = sha256.Sum256(body)
		}
	})
}

// largeUnknown returns the compact 7007 payload with an unknown member of
// about n bytes of the given shape; or, for "known" and "late", with a
// vendorData of n bytes, followed for "late" by a small unknown member.
func largeUnknown(shape string, n int) []byte {
	var member string
	switch shape {
	case "string":
		member = `"` + strings.Repeat("x", n) + `"`
	case "array":
		member = "[" + strings.Repeat("1,", n/2-1) + "1]"
	case "object":
		var sb strings.Builder
		sb.WriteByte('{')
		for i := 0; sb.Len() < n; i++ {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(`"k`)
			sb.WriteString(strconv.Itoa(i))
			sb.WriteString(`":0`)
		}
		sb.WriteByte('}')
		member = sb.String()
	case "known", "late":
		// A long vendorData, which the event copies. With "late" an
		// unknown member follows it: Parse's fast path reads the long
		// string, gives up at the unknown member, and the full parser reads
		// the body again; the worst case of the fast path.
		extra := ""
		if shape == "late" {
			extra = `,"extra":1`
		}
		return []byte(strings.Replace(compact7007, `"vendorData":"QWE123"`, `"vendorData":"`+strings.Repeat("x", n)+`"`+extra, 1))
	}
	return []byte(strings.Replace(compact7007, `"id":`, `"extra":`+member+`,"id":`, 1))
}

func BenchmarkParseLarge(b *testing.B) {
	for _, shape := range []string{"string", "array", "object", "known", "late"} {
		for _, size := range []string{"1MiB", "2MiB"} {
			n := 1 << 20
			if size == "2MiB" {
				n = 2 << 20
			}
			body := largeUnknown(shape, n)
			b.Run("shape="+shape+"/size="+size, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Parse(body); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkHandler(b *testing.B) {
	body := []byte(compact7007)
	const secret = "demo-secret"
	sig := Sign(body, secret)
	ours, err := NewHandler(Config{Secrets: []string{secret}}, func(context.Context, Delivery) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	for _, h := range []struct {
		name string
		h    http.Handler
	}{{"ours", ours}, {"bare", bare}} {
		b.Run("impl="+h.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest(http.MethodPost, "/webhooks/veriff", bytes.NewReader(body))
				r.Header.Set(HeaderAuthClient, "api-key")
				r.Header.Set(HeaderSignature, sig)
				w := httptest.NewRecorder()
				h.h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatal(w.Code)
				}
			}
		})
	}
}

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

var sinkDecision Decision
var sinkPlainDecision plainDecision

func BenchmarkParseDecision(b *testing.B) {
	documented, err := os.ReadFile("testdata/decision/documented-approved-full.json")
	if err != nil {
		b.Fatal(err)
	}
	for _, payload := range []struct {
		name string
		body []byte
	}{{"compact", compact(b, documented)}, {"documented", documented}} {
		b.Run("payload="+payload.name+"/impl=ours", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(payload.body)))
			for b.Loop() {
				d, err := ParseDecision(payload.body)
				if err != nil {
					b.Fatal(err)
				}
				sinkDecision = d
			}
		})
		b.Run("payload="+payload.name+"/impl=encoding-json", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(payload.body)))
			for b.Loop() {
				var d plainDecision
				if err := json.Unmarshal(payload.body, &d); err != nil {
					b.Fatal(err)
				}
				sinkPlainDecision = d
			}
		})
	}
}

// BenchmarkParseDecisionLarge measures a decision with an unknown member of
// 1 MiB and of 2 MiB, in additionalVerifiedData (kept whole, so copied) and
// at the top level (checked and skipped).
func BenchmarkParseDecisionLarge(b *testing.B) {
	for _, where := range []string{"top", "additional"} {
		for _, size := range []string{"1MiB", "2MiB"} {
			n := 1 << 20
			if size == "2MiB" {
				n = 2 << 20
			}
			member := `"extra":"` + strings.Repeat("x", n) + `"`
			body := []byte(strings.Replace(validDecision, `"status":"success"`, member+`,"status":"success"`, 1))
			if where == "additional" {
				body = []byte(strings.Replace(validDecision, `"x":[1]`, member, 1))
			}
			b.Run("where="+where+"/size="+size, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					if _, err := ParseDecision(body); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

var sinkPayload Payload

// BenchmarkParseAny measures what detecting the kind costs: ParseAny beside
// the parser of the kind, on the documented 7007 event and on the
// documented decision (compact, as delivered).
func BenchmarkParseAny(b *testing.B) {
	documented, err := os.ReadFile("testdata/decision/documented-approved-full.json")
	if err != nil {
		b.Fatal(err)
	}
	decision := compact(b, documented)
	event := []byte(compact7007)
	for _, bench := range []struct {
		name  string
		parse func() (Payload, error)
	}{
		{"payload=event/impl=parse-any", func() (Payload, error) { return ParseAny(event) }},
		{"payload=event/impl=kind-parser", func() (Payload, error) { return Parse(event) }},
		{"payload=decision/impl=parse-any", func() (Payload, error) { return ParseAny(decision) }},
		{"payload=decision/impl=kind-parser", func() (Payload, error) { return ParseDecision(decision) }},
	} {
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := bench.parse()
				if err != nil {
					b.Fatal(err)
				}
				sinkPayload = p
			}
		})
	}
}
