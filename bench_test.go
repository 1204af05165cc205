package webhook

// Benchmarks come in pairs: ours beside a baseline in the same run, named
// with key=value parts so that benchstat can put them in columns:
//
//	.ci/bench            # 10 rounds of go test -bench ., benchstat -col /impl, and each ratio
//
// A pair named impl=X/against=Y times X and Y in turn within each iteration
// (benchpair.Run) and reports the ratio X/Y itself: on a machine whose
// speed wanders, two sub-benchmarks run one after the other do not hold a
// ratio to a target's margin. The targets they measure are in
// docs/performance.md.

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/veriffkit/webhook/internal/benchpair"
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

// BenchmarkParse times Parse beside json.Unmarshal into plainEvent, on the
// documented 7007 event compact and as documented: the ratio is
// encoding/json's time over ours.
func BenchmarkParse(b *testing.B) {
	for _, payload := range []struct {
		name string
		body []byte
	}{{"compact", []byte(compact7007)}, {"documented", documented7007(b)}} {
		b.Run("payload="+payload.name+"/impl=encoding-json/against=ours", func(b *testing.B) {
			benchpair.Run(b, benchpair.Side{Name: "ours", Call: func() error {
				e, err := Parse(payload.body)
				sinkEvent = e
				return err
			}}, benchpair.Side{Name: "encoding-json", Call: func() error {
				var e plainEvent
				err := json.Unmarshal(payload.body, &e)
				sinkPlain = e
				return err
			}})
		})
	}
}

var sinkSum [sha256.Size]byte

// BenchmarkVerify times Verifier.Verify of the compact 7007 event beside
// sha256.Sum256 of it (the floor: HMAC hashes the body once, and a block
// more), and beside it the package-level Verify (keys per call) and a
// crypto/hmac version that keys and allocates per call.
func BenchmarkVerify(b *testing.B) {
	body := []byte(compact7007)
	const secret = "demo-secret"
	sig := Sign(body, secret)
	v, err := NewVerifier(secret)
	if err != nil {
		b.Fatal(err)
	}
	ours := benchpair.Side{Name: "ours", Call: func() error { return v.Verify(body, sig) }}
	floor := benchpair.Side{Name: "sha256-floor", Call: func() error { sinkSum = sha256.Sum256(body); return nil }}
	b.Run("impl=ours/against=sha256-floor", func(b *testing.B) { benchpair.Run(b, floor, ours) })
	b.Run("impl=ours-package-func/against=sha256-floor", func(b *testing.B) {
		benchpair.Run(b, floor, benchpair.Side{Name: "ours-package-func", Call: func() error { return Verify(body, sig, secret) }})
	})
	// crypto/hmac keyed once per pooled state and Reset per call (it saves
	// its keyed states on the first Reset), the signature decoded per call
	// as ours does: the fair alternative to the hand-written check.
	pool := sync.Pool{New: func() any { m := hmac.New(sha256.New, []byte(secret)); m.Reset(); return m }}
	b.Run("impl=hmac-pooled/against=ours", func(b *testing.B) {
		benchpair.Run(b, ours, benchpair.Side{Name: "hmac-pooled", Call: func() error {
			var want, sum [sha256.Size]byte
			if _, err := hex.Decode(want[:], []byte(sig)); err != nil {
				return err
			}
			m := pool.Get().(hash.Hash)
			m.Reset()
			m.Write(body)
			ok := hmac.Equal(m.Sum(sum[:0]), want[:])
			pool.Put(m)
			if !ok {
				return errors.New("mismatch")
			}
			return nil
		}})
	})
	b.Run("impl=hmac-per-call/against=ours", func(b *testing.B) {
		benchpair.Run(b, ours, benchpair.Side{Name: "hmac-per-call", Call: func() error {
			m := hmac.New(sha256.New, []byte(secret))
			m.Write(body)
			want, err := hex.DecodeString(sig)
			if err != nil || !hmac.Equal(m.Sum(nil), want) {
				return errors.New("mismatch")
			}
			return nil
		}})
	})
}

// BenchmarkVerify1MiB times Verifier.Verify of 1 MiB beside
// sha256.Sum256 of it: the ratio is sha256's time over ours, our
// throughput over its.
func BenchmarkVerify1MiB(b *testing.B) {
	body := bytes.Repeat([]byte("x"), 1<<20)
	sig := Sign(body, "demo-secret")
	v, err := NewVerifier("demo-secret")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("impl=sha256-floor/against=ours", func(b *testing.B) {
		benchpair.Run(b, benchpair.Side{Name: "ours", Call: func() error { return v.Verify(body, sig) }},
			benchpair.Side{Name: "sha256-floor", Call: func() error { sinkSum = sha256.Sum256(body); return nil }})
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

// BenchmarkParseLarge times Parse of a body with an unknown member of 2 MiB
// beside one of 1 MiB, for each shape of member (the ratio: 2 MiB's time
// over 1 MiB's, about 2 when the work is linear), and of a vendorData of 1
// MiB followed by an unknown member beside the same without it.
func BenchmarkParseLarge(b *testing.B) {
	parse := func(name string, body []byte) benchpair.Side {
		return benchpair.Side{Name: name, Call: func() error { _, err := Parse(body); return err }}
	}
	for _, shape := range []string{"string", "array", "object"} {
		b.Run("shape="+shape+"/size=2MiB/against=1MiB", func(b *testing.B) {
			benchpair.Run(b, parse("1MiB", largeUnknown(shape, 1<<20)), parse("2MiB", largeUnknown(shape, 2<<20)))
		})
	}
	b.Run("shape=late/size=1MiB/against=known", func(b *testing.B) {
		benchpair.Run(b, parse("known", largeUnknown("known", 1<<20)), parse("late", largeUnknown("late", 1<<20)))
	})
}

// BenchmarkHandler times the Handler through httptest (a request made, its
// body read, verified and parsed, the callback called) beside a bare
// handler that reads the body, and beside the floor of any handler that
// verifies and parses: io.ReadAll, Verifier.Verify and ParseAny, nothing
// else. Each call makes its request and recorder, as a server would.
func BenchmarkHandler(b *testing.B) {
	body := []byte(compact7007)
	const secret = "demo-secret"
	sig := Sign(body, secret)
	h, err := NewHandler(Config{Secrets: []string{secret}}, func(context.Context, Delivery) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	v, err := NewVerifier(secret)
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
	floor := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err == nil {
			err = v.Verify(body, r.Header.Get(HeaderSignature))
		}
		if err == nil {
			sinkPayload, err = ParseAny(body)
		}
		w.WriteHeader(StatusCode(err))
	})
	serve := func(name string, h http.Handler) benchpair.Side {
		return benchpair.Side{Name: name, Call: func() error {
			r := httptest.NewRequest(http.MethodPost, "/webhooks/veriff", bytes.NewReader(body))
			r.Header.Set(HeaderAuthClient, "api-key")
			r.Header.Set(HeaderSignature, sig)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				return fmt.Errorf("%s answered %d", name, w.Code)
			}
			return nil
		}}
	}
	b.Run("impl=ours/against=bare", func(b *testing.B) { benchpair.Run(b, serve("bare", bare), serve("ours", h)) })
	b.Run("impl=ours/against=floor", func(b *testing.B) { benchpair.Run(b, serve("floor", floor), serve("ours", h)) })
	b.Run("impl=floor/against=bare", func(b *testing.B) { benchpair.Run(b, serve("bare", bare), serve("floor", floor)) })
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

// BenchmarkParseDecisionLarge times ParseDecision of a decision with an
// unknown member of 2 MiB beside one of 1 MiB, in additionalVerifiedData
// (kept whole, so copied) and at the top level (checked and skipped).
func BenchmarkParseDecisionLarge(b *testing.B) {
	for _, where := range []string{"top", "additional"} {
		side := func(name string, n int) benchpair.Side {
			member := `"extra":"` + strings.Repeat("x", n) + `"`
			body := []byte(strings.Replace(validDecision, `"status":"success"`, member+`,"status":"success"`, 1))
			if where == "additional" {
				body = []byte(strings.Replace(validDecision, `"x":[1]`, member, 1))
			}
			return benchpair.Side{Name: name, Call: func() error { _, err := ParseDecision(body); return err }}
		}
		b.Run("where="+where+"/size=2MiB/against=1MiB", func(b *testing.B) {
			benchpair.Run(b, side("1MiB", 1<<20), side("2MiB", 2<<20))
		})
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
	side := func(name string, parse func([]byte) (Payload, error), body []byte) benchpair.Side {
		return benchpair.Side{Name: name, Call: func() error {
			p, err := parse(body)
			sinkPayload = p
			return err
		}}
	}
	parseEvent := func(body []byte) (Payload, error) { return Parse(body) }
	parseDecision := func(body []byte) (Payload, error) { return ParseDecision(body) }
	b.Run("payload=event/impl=parse-any/against=kind-parser", func(b *testing.B) {
		benchpair.Run(b, side("kind-parser", parseEvent, event), side("parse-any", ParseAny, event))
	})
	b.Run("payload=decision/impl=parse-any/against=kind-parser", func(b *testing.B) {
		benchpair.Run(b, side("kind-parser", parseDecision, decision), side("parse-any", ParseAny, decision))
	})
}
