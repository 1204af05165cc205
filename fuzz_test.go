package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// seedBodies returns the payloads of testdata and the catalogue cases small
// enough to be useful seeds.
func seedBodies(f *testing.F) [][]byte {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil {
		f.Fatal(err)
	}
	var seeds [][]byte
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	for _, c := range readCatalogue(f) {
		if len(c.body) <= 4096 {
			seeds = append(seeds, c.body)
		}
	}
	for _, r := range rejections {
		if len(r.body) <= 4096 {
			seeds = append(seeds, []byte(r.body))
		}
	}
	return seeds
}

// loneSurrogate matches a \u escape of a UTF-16 surrogate, which
// encoding/json accepts (as U+FFFD) and Parse rejects when unpaired.
var loneSurrogate = regexp.MustCompile(`\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}`)

// checkRejected fails t unless err, the error of a parser on body, is a
// *PayloadError matching ErrInvalidPayload with an offset inside body,
// and calls body malformed only where encoding/json does too (but for the
// invalid UTF-8 and lone surrogates it accepts).
func checkRejected(t *testing.T, body []byte, err error) {
	t.Helper()
	var pe *PayloadError
	if !errors.As(err, &pe) || !errors.Is(err, ErrInvalidPayload) {
		t.Fatalf("error %v is not a *PayloadError matching ErrInvalidPayload", err)
	}
	if pe.Offset < 0 || pe.Offset > len(body) {
		t.Fatalf("offset %d outside the body of %d bytes", pe.Offset, len(body))
	}
	if json.Valid(body) && errors.Is(err, ErrSyntax) && utf8.Valid(body) && !loneSurrogate.Match(body) {
		t.Fatalf("encoding/json accepts what the parser calls malformed: %v", err)
	}
}

// FuzzParse checks Parse against encoding/json. Where Parse's strict rules
// knowingly differ from encoding/json, this target says so:
//
//   - Parse rejects duplicate member names; encoding/json keeps the last.
//   - Parse matches member names case-sensitively; encoding/json does not,
//     so members are compared through a map, which is exact.
//   - Parse rejects invalid UTF-8 and lone surrogate escapes; json.Valid
//     accepts them and decoding replaces them with U+FFFD.
//   - Parse accepts a code given as a string holding an integer.
//   - Parse limits nesting to MaxDepth; encoding/json to 10000.
//   - Parse reads only an object; a valid JSON value of another type is
//     ErrWrongType, not ErrSyntax.
//
// Nothing else may differ. The target also checks that Parse's fast path,
// where it takes a body, reads it as the full parser does.
func FuzzParse(f *testing.F) {
	for _, s := range seedBodies(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkQuick(t, body) // Parse's fast path agrees with the full parser
		e, err := Parse(body)
		if err != nil {
			checkRejected(t, body, err)
			return
		}
		if !json.Valid(body) {
			t.Fatalf("Parse accepted what encoding/json rejects: %q", body)
		}

		// Every member Parse reads has the value encoding/json reads.
		var members map[string]json.RawMessage
		if err := json.Unmarshal(body, &members); err != nil {
			t.Fatalf("encoding/json cannot decode an accepted body: %v", err)
		}
		str := func(raw json.RawMessage) string {
			if raw == nil {
				return "" // absent
			}
			var s *string
			if err := json.Unmarshal(raw, &s); err != nil {
				t.Fatalf("encoding/json: %v", err)
			}
			if s == nil {
				return ""
			}
			return *s
		}
		for name, got := range map[string]string{
			"id": e.ID, "attemptId": e.AttemptID, "addressId": e.AddressID, "feature": string(e.Feature), "action": string(e.Action),
			"vendorData": e.VendorData, "endUserId": e.EndUserID,
		} {
			if want := str(members[name]); want != got {
				t.Fatalf("%s: Parse read %q, encoding/json %q", name, got, want)
			}
		}
		code := string(members["code"])
		if strings.HasPrefix(code, `"`) {
			code = str(members["code"])
		}
		if code == "" || code == "null" {
			code = "0" // absent or null: Code 0, and Anomalies says so
		}
		if n, err := strconv.ParseInt(code, 10, 64); err != nil || Code(n) != e.Code {
			t.Fatalf("code: Parse read %d, encoding/json %s", e.Code, code)
		}
		var ctx map[string]json.RawMessage
		if raw, ok := members["context"]; ok {
			if err := json.Unmarshal(raw, &ctx); err != nil {
				t.Fatalf("encoding/json: context: %v", err)
			}
		}
		if want := str(ctx["reason"]); want != string(e.Context.Reason) {
			t.Fatalf("context.reason: Parse read %q, encoding/json %q", e.Context.Reason, want)
		}
		if want := str(ctx["state"]); want != string(e.Context.State) {
			t.Fatalf("context.state: Parse read %q, encoding/json %q", e.Context.State, want)
		}

		// The event survives a round trip in Veriff's shape.
		out, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseOptions{DisallowUnknownMembers: true}.Parse(out)
		if err != nil || again != e {
			t.Fatalf("round trip: %v\n%+v\n%+v", err, e, again)
		}
	})
}

// FuzzVerify checks that Verify never panics, accepts what Sign makes, and
// rejects any change to the body or the signature.
func FuzzVerify(f *testing.F) {
	f.Add([]byte(compact7007), "31f1c602ee037b758e1dc7c4d13d7715764946bf34900d6de1c70910ca5d84f4", "demo-secret", uint(0))
	f.Add([]byte{}, "", "", uint(1))
	f.Add([]byte("x"), strings.Repeat("G", 64), strings.Repeat("k", 100), uint(63))
	f.Fuzz(func(t *testing.T, body []byte, sig, secret string, at uint) {
		err := Verify(body, sig, secret)
		if secret == "" {
			if !errors.Is(err, ErrNoSecret) {
				t.Fatalf("empty secret: %v", err)
			}
			return
		}
		good := Sign(body, secret)
		if err == nil && !strings.EqualFold(sig, good) {
			t.Fatalf("accepted a signature that is not the HMAC")
		}
		if strings.EqualFold(sig, good) != (err == nil) {
			t.Fatalf("rejected the right signature: %v", err)
		}
		v, err := NewVerifier(secret)
		if err != nil {
			t.Fatal(err)
		}
		if err := v.Verify(body, good); err != nil {
			t.Fatalf("Verifier rejected Sign's signature: %v", err)
		}
		if err := Verify(body, good, secret); err != nil {
			t.Fatalf("Verify rejected Sign's signature: %v", err)
		}
		// Any change to the body fails.
		changed := append([]byte(nil), body...)
		if len(changed) == 0 {
			changed = append(changed, 0)
		} else {
			changed[int(at)%len(changed)] ^= 1 << (at % 8)
		}
		if err := v.Verify(changed, good); !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("changed body: %v", err)
		}
		// Any change to a digit of the signature fails.
		i := int(at) % len(good)
		d := good[i] + 1
		if d == '9'+1 {
			d = 'a'
		} else if d == 'f'+1 {
			d = '0'
		}
		bad := good[:i] + string(d) + good[i+1:]
		if err := Verify(body, bad, secret); !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("changed signature: %v", err)
		}
		if err := v.Verify(body, bad); !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("changed signature: %v", err)
		}
	})
}

// FuzzHandler checks that any method, headers and body give one of the
// documented statuses, without panicking, and that the function is called
// exactly for the statuses that say so.
func FuzzHandler(f *testing.F) {
	for _, s := range seedBodies(f)[:8] {
		f.Add("POST", "X-Auth-Client: live\nX-Hmac-Signature: sign", s)
	}
	f.Add("GET", "", []byte(compact7007))
	f.Add("POST", "Vrf-Auth-Client: test\nVrf-Hmac-Signature: sign", []byte(compact7007))
	f.Add("POST", "X-Auth-Client: nobody\nX-Hmac-Signature: 00", []byte("{}"))
	f.Add("POST", "X-Auth-Client: live\nX-Hmac-Signature: sign\nContent-Length: 9999", []byte(compact7007))
	f.Fuzz(func(t *testing.T, method, headers string, body []byte) {
		if !validMethod(method) {
			return // net/http would refuse the request line before any handler
		}
		called := false
		h, err := NewHandler(Config{
			SecretsByAPIKey: map[string][]string{"live": {"live-secret"}, "test": {"test-secret", "old"}},
			MaxBodyBytes:    1024,
		}, func(context.Context, Delivery) error {
			called = true
			if len(body)%7 == 0 {
				return errors.New("handler failure")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest(http.MethodPost, "/webhooks/veriff", bytes.NewReader(body))
		r.Method = method
		for line := range strings.SplitSeq(headers, "\n") {
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if v == "sign" { // a placeholder for the right signature
				key := r.Header.Get(HeaderAuthClient) + r.Header.Get(HeaderAuthClientFallback)
				v = Sign(body, key+"-secret")
			}
			if strings.EqualFold(k, "Content-Length") {
				if n, err := strconv.ParseInt(v, 10, 64); err == nil {
					r.ContentLength = n
				}
				continue
			}
			r.Header.Add(k, v)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case 200, 500:
			if !called {
				t.Fatalf("status %d without calling the function", w.Code)
			}
		case 400, 401, 405, 413:
			if called {
				t.Fatalf("status %d after calling the function", w.Code)
			}
		default:
			t.Fatalf("undocumented status %d", w.Code)
		}
	})
}

// validMethod reports whether m is a token, as net/http requires of a
// request method.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for i := 0; i < len(m); i++ {
		c := m[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?={}`, c) >= 0 {
			return false
		}
	}
	return true
}

// FuzzParseDecision checks ParseDecision against encoding/json, with the
// same deliberate differences as FuzzParse (duplicates, case-sensitive
// names, invalid UTF-8 and lone surrogates, integers given as strings,
// MaxDepth, non-object bodies). Member by member, through a map decoded
// with exact names, every value ParseDecision reads is the one
// encoding/json reads.
func FuzzParseDecision(f *testing.F) {
	files, err := filepath.Glob("testdata/decision/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(validDecision))
	for _, r := range decisionRejections {
		if len(r.body) <= 4096 {
			f.Add([]byte(r.body))
		}
	}
	for _, c := range readCatalogueDir(f, "testdata/invalid/decision") {
		f.Add(c.body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		d, err := ParseDecision(body)
		if err != nil {
			checkRejected(t, body, err)
			return
		}
		if !json.Valid(body) {
			t.Fatalf("ParseDecision accepted what encoding/json rejects: %q", body)
		}
		var again Decision
		if err := json.Unmarshal(body, &again); err != nil {
			t.Fatalf("the Unmarshaler rejects what ParseDecision accepts: %v", err)
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var top map[string]any
		if err := dec.Decode(&top); err != nil {
			t.Fatalf("encoding/json cannot decode an accepted body: %v", err)
		}
		c := decisionChecker{t: t}
		c.str(top, "status", d.MessageStatus)
		c.str(c.obj(top, "technicalData"), "ip", d.TechnicalData.IP)
		v, vv := c.obj(top, "verification"), d.Verification
		for name, got := range map[string]string{"id": vv.ID, "attemptId": vv.AttemptID, "status": string(vv.Status), "reason": vv.Reason,
			"vendorData": vv.VendorData, "endUserId": vv.EndUserID} {
			c.str(v, name, got)
		}
		c.integer(v, "code", int(vv.Code))
		c.integer(v, "reasonCode", int(vv.ReasonCode))
		c.time(v, "acceptanceTime", vv.AcceptanceTime)
		c.time(v, "decisionTime", vv.DecisionTime)
		c.time(v, "submissionTime", vv.SubmissionTime)
		ps := c.obj(v, "person")
		for name, got := range map[string]string{"firstName": vv.Person.FirstName, "lastName": vv.Person.LastName, "fullName": vv.Person.FullName,
			"dateOfBirth": vv.Person.DateOfBirth, "yearOfBirth": vv.Person.YearOfBirth, "gender": vv.Person.Gender, "idNumber": vv.Person.IDNumber,
			"nationality": vv.Person.Nationality, "placeOfBirth": vv.Person.PlaceOfBirth} {
			c.str(ps, name, got)
		}
		addrs, _ := ps["addresses"].([]any)
		if len(addrs) != len(vv.Person.Addresses) {
			t.Fatalf("addresses: %d, encoding/json %d", len(vv.Person.Addresses), len(addrs))
		}
		for i, a := range addrs {
			am, _ := a.(map[string]any)
			c.str(am, "fullAddress", vv.Person.Addresses[i].FullAddress)
			pa, got := c.obj(am, "parsedAddress"), vv.Person.Addresses[i].Parsed
			for name, g := range map[string]string{"street": got.Street, "houseNumber": got.HouseNumber, "unit": got.Unit, "city": got.City,
				"state": got.State, "postcode": got.Postcode, "country": got.Country} {
				c.str(pa, name, g)
			}
		}
		doc := c.obj(v, "document")
		for name, got := range map[string]string{"number": vv.Document.Number, "type": string(vv.Document.Type), "country": vv.Document.Country,
			"state": vv.Document.State, "validFrom": vv.Document.ValidFrom, "validUntil": vv.Document.ValidUntil, "firstIssue": vv.Document.FirstIssue,
			"placeOfIssue": vv.Document.PlaceOfIssue, "issueNumber": vv.Document.IssueNumber, "issuedBy": vv.Document.IssuedBy,
			"remarks": vv.Document.Remarks, "residencePermitType": vv.Document.ResidencePermitType} {
			c.str(doc, name, got)
		}
		if b, ok := doc["nfcValidated"].(bool); ok != vv.Document.NFCValidated.Valid || b != vv.Document.NFCValidated.Value {
			t.Fatalf("nfcValidated: %+v, encoding/json %v", vv.Document.NFCValidated, doc["nfcValidated"])
		}
		avd := c.obj(v, "additionalVerifiedData")
		c.float(avd, "estimatedAge", vv.AdditionalVerifiedData.EstimatedAge)
		c.float(avd, "estimatedGender", vv.AdditionalVerifiedData.EstimatedGender)
		c.str(avd, "driversLicenseNumber", vv.AdditionalVerifiedData.DriversLicenseNumber)
		c.raw(v["additionalVerifiedData"], vv.AdditionalVerifiedData.Raw)
		c.float(c.obj(v, "riskScore"), "score", vv.RiskScore)
		labels, _ := v["riskLabels"].([]any)
		if len(labels) != len(vv.RiskLabels) {
			t.Fatalf("riskLabels: %d, encoding/json %d", len(vv.RiskLabels), len(labels))
		}
		for i, l := range labels {
			lm, _ := l.(map[string]any)
			c.str(lm, "label", vv.RiskLabels[i].Label)
			c.str(lm, "category", string(vv.RiskLabels[i].Category))
			ids, _ := lm["sessionIds"].([]any)
			if len(ids) != len(vv.RiskLabels[i].SessionIDs) {
				t.Fatalf("sessionIds: %d, encoding/json %d", len(vv.RiskLabels[i].SessionIDs), len(ids))
			}
			for j, id := range ids {
				if s, _ := id.(string); s != vv.RiskLabels[i].SessionIDs[j] {
					t.Fatalf("sessionIds[%d]: %q, encoding/json %q", j, vv.RiskLabels[i].SessionIDs[j], s)
				}
			}
		}
		ba := c.obj(v, "biometricAuthentication")
		c.str(ba, "matchedSessionId", vv.BiometricAuthentication.MatchedSessionID)
		c.str(ba, "matchedSessionEndUserId", vv.BiometricAuthentication.MatchedSessionEndUserID)
		c.str(ba, "matchedSessionVendorData", vv.BiometricAuthentication.MatchedSessionVendorData)
		c.raw(ba["details"], vv.BiometricAuthentication.Details)
	})
}

// decisionChecker compares what the parser read with what encoding/json
// decoded into maps (with json.Number), where an absent member and null
// are both the zero value.
type decisionChecker struct{ t *testing.T }

func (c decisionChecker) obj(m map[string]any, name string) map[string]any {
	o, _ := m[name].(map[string]any)
	return o
}

func (c decisionChecker) str(m map[string]any, name, got string) {
	want, _ := m[name].(string)
	if want != got {
		c.t.Fatalf("%s: the parser read %q, encoding/json %q", name, got, want)
	}
}

func (c decisionChecker) integer(m map[string]any, name string, got int) {
	var s string
	switch x := m[name].(type) {
	case json.Number:
		s = string(x)
	case string:
		s = x
	case nil:
		s = "0"
	}
	if n, err := strconv.ParseInt(s, 10, 64); err != nil || int(n) != got {
		c.t.Fatalf("%s: the parser read %d, encoding/json %v", name, got, m[name])
	}
}

func (c decisionChecker) time(m map[string]any, name string, got time.Time) {
	var want time.Time
	if s, ok := m[name].(string); ok {
		if err := want.UnmarshalText([]byte(s)); err != nil {
			c.t.Fatalf("%s: %v", name, err)
		}
	}
	if !want.Equal(got) {
		c.t.Fatalf("%s: the parser read %v, encoding/json %v", name, got, want)
	}
}

func (c decisionChecker) float(m map[string]any, name string, got NullFloat) {
	n, ok := m[name].(json.Number)
	if ok != got.Valid {
		c.t.Fatalf("%s: the parser read %+v, encoding/json %v", name, got, m[name])
	}
	if f, err := n.Float64(); ok && (err != nil || f != got.Value) {
		c.t.Fatalf("%s: the parser read %v, encoding/json %v (%v)", name, got.Value, n, err)
	}
}

// raw checks that a member kept whole decodes as encoding/json decoded it.
func (c decisionChecker) raw(want any, got json.RawMessage) {
	if want == nil {
		if got != nil {
			c.t.Fatalf("raw member: the parser kept %s, encoding/json read null or nothing", got)
		}
		return
	}
	dec := json.NewDecoder(bytes.NewReader(got))
	dec.UseNumber()
	var g any
	if err := dec.Decode(&g); err != nil || !reflect.DeepEqual(g, want) {
		c.t.Fatalf("raw member: the parser kept %s, encoding/json read %v (%v)", got, want, err)
	}
}

// FuzzParseAny checks that ParseAny never panics, that its quick skim of
// the kind agrees with the strict reader, that it gives what Parse and
// ParseDecision give (value or error) on the kinds they read, and that it
// accepts every valid JSON object of no known kind.
func FuzzParseAny(f *testing.F) {
	for _, pattern := range []string{"testdata/*.json", "testdata/decision/*.json", "testdata/kinds/*.json"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	for _, s := range []string{`{}`, `{"x":1}`, `{"eventType":"user-status.x"}`, `{"type":"curp_registry","id":"i"}`, `{"checkType":"a","matchStatus":"b"}`,
		`{"eventType":"fullauto","sessionId":"s","data":{"verification":{"person":{"a":{"value":"v"}}}}}`, `{"verification":null}`, `[]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := ParseAny(body)
		kind, derr := detectKind(body)
		if sk, ok := skimKind(body); ok && derr == nil && sk != kind {
			t.Fatalf("skimKind says %s, detectKind %s", sk, kind)
		}
		if derr != nil && err == nil {
			t.Fatalf("ParseAny accepted a body the strict reader rejects: %v", derr)
		}
		var want Payload
		var werr error
		switch kind {
		case KindEvent:
			want, werr = Parse(body)
		case KindDecision:
			want, werr = ParseDecision(body)
		}
		if derr == nil && (kind == KindEvent || kind == KindDecision) {
			if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
				t.Fatalf("ParseAny: %v, the %s parser: %v", err, kind, werr)
			}
			if err == nil && !reflect.DeepEqual(p, want) {
				t.Fatalf("ParseAny read %+v, the %s parser %+v", p, kind, want)
			}
		}
		if err != nil {
			if kind == KindUnknown && derr == nil {
				t.Fatalf("a valid object of no known kind is an error: %v", err)
			}
			checkRejected(t, body, err)
			return
		}
		if !json.Valid(body) {
			t.Fatalf("ParseAny accepted what encoding/json rejects: %q", body)
		}
		if p.Kind() != kind {
			t.Fatalf("ParseAny gave a %s, detectKind says %s", p.Kind(), kind)
		}
		if u, ok := p.(Unknown); ok && !bytes.Equal(u.Raw, body) {
			t.Fatalf("Unknown.Raw %q is not the body %q", u.Raw, body)
		}
		checkOtherKind(t, body, p)
		// The key of a parsed body is stable, and the body's alone: the
		// same without the payload, as a refused body's would be.
		d := Delivery{Payload: p, Body: body}
		if k := d.IdempotencyKey(); k != d.IdempotencyKey() || k != (Delivery{Body: body}).IdempotencyKey() || len(k) != 64 {
			t.Fatalf("key %q", k)
		}
	})
}

// checkOtherKind compares, member by member, what the parsers of the kinds
// other than events and decisions read with what encoding/json decodes.
func checkOtherKind(t *testing.T, body []byte, p Payload) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		t.Fatalf("encoding/json cannot decode an accepted body: %v", err)
	}
	c := decisionChecker{t: t}
	envelope := func(eventType, sessionID, attemptID, vendorData, endUserID string) {
		for name, got := range map[string]string{"sessionId": sessionID, "attemptId": attemptID,
			"vendorData": vendorData, "endUserId": endUserID} {
			c.str(top, name, got)
		}
		if _, isWatchlist := p.(WatchlistScreening); !isWatchlist { // which has no eventType
			c.str(top, "eventType", eventType)
		}
	}
	switch x := p.(type) {
	case WatchlistScreening:
		envelope("", x.SessionID, x.AttemptID, x.VendorData, x.EndUserID)
		c.str(top, "checkType", string(x.CheckType))
		c.str(top, "matchStatus", string(x.MatchStatus))
		c.integer(top, "totalHits", x.TotalHits)
		c.time(top, "createdAt", x.CreatedAt)
		st := c.obj(top, "searchTerm")
		c.str(st, "name", x.SearchTerm.Name)
		c.str(st, "year", x.SearchTerm.Year)
		c.raw(top["searchTerm"], x.SearchTerm.Raw)
		hits, _ := top["hits"].([]any)
		if len(hits) != len(x.Hits) {
			t.Fatalf("hits: %d, encoding/json %d", len(x.Hits), len(hits))
		}
		for i, h := range hits {
			hm, _ := h.(map[string]any)
			c.str(hm, "matchedName", x.Hits[i].MatchedName)
			c.str(hm, "dateOfBirth", x.Hits[i].DateOfBirth)
			c.str(hm, "dateOfDeath", x.Hits[i].DateOfDeath)
			l := c.obj(hm, "listingsRelatedToMatch")
			for name, got := range map[string][]WatchlistListing{"warnings": x.Hits[i].Listings.Warnings, "sanctions": x.Hits[i].Listings.Sanctions,
				"fitnessProbity": x.Hits[i].Listings.FitnessProbity, "pep": x.Hits[i].Listings.PEP, "adverseMedia": x.Hits[i].Listings.AdverseMedia} {
				ls, _ := l[name].([]any)
				if len(ls) != len(got) {
					t.Fatalf("%s: %d, encoding/json %d", name, len(got), len(ls))
				}
				for j, e := range ls {
					em, _ := e.(map[string]any)
					name, url := em["sourceName"], em["sourceUrl"]
					if name == nil {
						name = em["source_name"]
					}
					if url == nil {
						url = em["source_url"]
					}
					c.str(map[string]any{"sourceName": name, "sourceUrl": url}, "sourceName", got[j].SourceName)
					c.str(map[string]any{"sourceName": name, "sourceUrl": url}, "sourceUrl", got[j].SourceURL)
					c.str(em, "date", got[j].Date)
				}
			}
		}
	case FullAuto:
		envelope(x.EventType, x.SessionID, x.AttemptID, x.VendorData, x.EndUserID)
		c.str(top, "status", x.MessageStatus)
		c.str(top, "version", x.Version)
		c.time(top, "acceptanceTime", x.AcceptanceTime)
		c.time(top, "time", x.Time)
		v := c.obj(c.obj(top, "data"), "verification")
		c.str(v, "decision", string(x.Verification.Decision))
		c.float(v, "decisionScore", x.Verification.DecisionScore)
		for name, got := range map[string]map[string]ExtractedValue{"person": x.Verification.Person, "document": x.Verification.Document} {
			m := c.obj(v, name)
			n := 0
			for k, raw := range m {
				if raw == nil {
					continue // a null value is absent
				}
				n++
				xv, ok := got[k]
				if !ok {
					t.Fatalf("%s.%s: not read", name, k)
				}
				vm, _ := raw.(map[string]any)
				c.str(vm, "value", xv.Value)
				c.str(vm, "confidenceCategory", string(xv.Confidence))
				c.raw(vm["components"], xv.Components)
			}
			if n != len(got) {
				t.Fatalf("%s: %d values, encoding/json %d", name, len(got), n)
			}
		}
		ins, _ := v["insights"].([]any)
		if len(ins) != len(x.Verification.Insights) {
			t.Fatalf("insights: %d, encoding/json %d", len(x.Verification.Insights), len(ins))
		}
		for i, in := range ins {
			im, _ := in.(map[string]any)
			c.str(im, "label", x.Verification.Insights[i].Label)
			c.str(im, "result", string(x.Verification.Insights[i].Result))
			c.str(im, "category", x.Verification.Insights[i].Category)
		}
	case UserStatus:
		envelope(x.EventType, x.SessionID, x.AttemptID, x.VendorData, x.EndUserID)
		c.time(top, "time", x.Time)
		v := c.obj(c.obj(top, "data"), "verification")
		c.str(v, "id", x.VerificationID)
		u := c.obj(v, "userDefinedData")
		for name, got := range map[string]string{"status": x.Status.Status, "statusCode": x.Status.StatusCode, "reason": x.Status.Reason,
			"reasonCode": x.Status.ReasonCode} {
			c.str(u, name, got)
		}
		c.time(u, "createdAt", x.Status.CreatedAt)
	case INERegistry:
		envelope(x.EventType, x.SessionID, x.AttemptID, x.VendorData, x.EndUserID)
		c.str(top, "version", x.Version)
		c.time(top, "time", x.Time)
		d := c.obj(top, "data")
		c.str(d, "status", x.Data.Status)
		c.integer(d, "code", x.Data.Code)
		c.str(c.obj(d, "details"), "documentState", x.Data.DocumentState)
		c.raw(d["details"], x.Data.Details)
	case CURPRegistry:
		c.str(top, "type", x.Type)
		c.str(top, "id", x.ID)
		c.str(top, "vendorData", x.VendorData)
		c.str(top, "endUserId", x.EndUserID)
		c.str(top, "version", x.Version)
		d := c.obj(top, "data")
		for name, got := range map[string]string{"attemptId": x.Data.AttemptID, "name": x.Data.Name, "status": x.Data.Status} {
			c.str(d, name, got)
		}
		c.integer(d, "code", x.Data.Code)
		det := c.obj(d, "details")
		c.str(det, "statusCurp", string(x.Data.StatusCURP))
		c.str(det, "curp", x.Data.CURP)
		c.str(det, "description", x.Data.Description)
		c.raw(d["details"], x.Data.Details)
	case INECURPRegistry:
		envelope(x.EventType, x.SessionID, x.AttemptID, x.VendorData, x.EndUserID)
		c.str(top, "version", x.Version)
		c.time(top, "time", x.Time)
		c.raw(top["data"], x.Data)
	}
}
