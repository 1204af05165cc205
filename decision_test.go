package webhook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// renderDecision prints every field of d, one per line with its Go path,
// and what typed values say about themselves, for golden files a reviewer
// can read in a diff.
func renderDecision(d Decision) string {
	return renderValue("Decision", d) + fmt.Sprintf("UnknownValues: %q\nAnomalies: %q\n", d.UnknownValues(), d.Anomalies())
}

// renderValue prints every field of v as renderDecision does.
func renderValue(name string, value any) string {
	var b strings.Builder
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch x := v.Interface().(type) {
		case time.Time:
			if x.IsZero() {
				fmt.Fprintf(&b, "%s: zero\n", path)
			} else {
				fmt.Fprintf(&b, "%s: %s\n", path, x.Format(time.RFC3339Nano))
			}
			return
		case json.RawMessage:
			if x == nil {
				fmt.Fprintf(&b, "%s: nil\n", path)
			} else {
				fmt.Fprintf(&b, "%s: %s\n", path, x)
			}
			return
		case NullFloat:
			if x.Valid {
				fmt.Fprintf(&b, "%s: %v\n", path, x.Value)
			} else {
				fmt.Fprintf(&b, "%s: null\n", path)
			}
			return
		case NullBool:
			if x.Valid {
				fmt.Fprintf(&b, "%s: %v\n", path, x.Value)
			} else {
				fmt.Fprintf(&b, "%s: null\n", path)
			}
			return
		case Status:
			fmt.Fprintf(&b, "%s: %q %s final=%t\n", path, x, knownWord(x.IsKnown()), x.IsFinal())
			return
		case Code:
			fmt.Fprintf(&b, "%s: %d %s decision=%t\n", path, x, knownWord(x.IsKnown()), x.IsDecision())
			return
		case ReasonCode:
			if x == 0 {
				fmt.Fprintf(&b, "%s: 0\n", path)
			} else {
				fmt.Fprintf(&b, "%s: %d %s status=%q documented=%t %q\n", path, x, knownWord(x.IsKnown()), x.Status(), x.IsDocumented(), x.Description())
			}
			return
		case DocumentType:
			fmt.Fprintf(&b, "%s: %q %s\n", path, x, knownWord(x == "" || x.IsKnown()))
			return
		case RiskLabelCategory:
			fmt.Fprintf(&b, "%s: %q %s\n", path, x, knownWord(x == "" || x.IsKnown()))
			return
		case interface{ IsKnown() bool }:
			fmt.Fprintf(&b, "%s: %q %s\n", path, x, knownWord(v.String() == "" || x.IsKnown()))
			return
		}
		switch v.Kind() {
		case reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice:
			if v.IsNil() {
				fmt.Fprintf(&b, "%s: nil\n", path)
			}
			for i := range v.Len() {
				walk(path+"["+strconv.Itoa(i)+"]", v.Index(i))
			}
		case reflect.Map:
			if v.IsNil() {
				fmt.Fprintf(&b, "%s: nil\n", path)
			}
			keys := v.MapKeys()
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
			for _, k := range keys {
				walk(path+"["+strconv.Quote(k.String())+"]", v.MapIndex(k))
			}
		case reflect.String:
			fmt.Fprintf(&b, "%s: %q\n", path, v.String())
		default:
			fmt.Fprintf(&b, "%s: %v\n", path, v.Interface())
		}
	}
	walk(name, reflect.ValueOf(value))
	return b.String()
}

func knownWord(k bool) string {
	if k {
		return "known"
	}
	return "UNKNOWN"
}

// compact returns body on one line, as Veriff delivers it.
func compact(t testing.TB, body []byte) []byte {
	var buf bytes.Buffer
	require.NoError(t, json.Compact(&buf, body))
	return buf.Bytes()
}

func TestDecisionGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/decision/*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 11)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			body, err := os.ReadFile(file)
			require.NoError(t, err)
			d, err := ParseDecision(body)
			require.NoError(t, err)
			got := renderDecision(d)
			checkGolden(t, file, got)

			// Compacted onto one line, as deliveries arrive, it is the
			// same decision.
			one, err := ParseDecision(compact(t, body))
			require.NoError(t, err)
			assert.Equal(t, d.Verification.AdditionalVerifiedData.Raw == nil, one.Verification.AdditionalVerifiedData.Raw == nil)
			if d.Verification.AdditionalVerifiedData.Raw != nil {
				assert.JSONEq(t, string(d.Verification.AdditionalVerifiedData.Raw), string(one.Verification.AdditionalVerifiedData.Raw))
				one.Verification.AdditionalVerifiedData.Raw = d.Verification.AdditionalVerifiedData.Raw
			}
			if d.Verification.UnstructuredDocs != nil {
				assert.JSONEq(t, string(d.Verification.UnstructuredDocs), string(one.Verification.UnstructuredDocs))
				one.Verification.UnstructuredDocs = d.Verification.UnstructuredDocs
			}
			if d.Verification.BiometricAuthentication.Details != nil {
				assert.JSONEq(t, string(d.Verification.BiometricAuthentication.Details), string(one.Verification.BiometricAuthentication.Details))
				one.Verification.BiometricAuthentication.Details = d.Verification.BiometricAuthentication.Details
			}
			assert.Equal(t, d, one)

			// Through encoding/json and the Unmarshaler.
			var viaJSON Decision
			require.NoError(t, json.Unmarshal(body, &viaJSON))
			assert.Equal(t, d, viaJSON)
		})
	}
}

// TestUnstructuredDocs holds a decision of an Unstructured Docs session
// (ours, shaped as Veriff documents it): its udocs object is kept as sent
// and is known to the strict reader, and its document type is known.
func TestUnstructuredDocs(t *testing.T) {
	body, err := os.ReadFile("testdata/decision/ours-udocs-bank-statement.json")
	require.NoError(t, err)
	for _, o := range []ParseOptions{{}, {DisallowUnknownMembers: true}} {
		d, err := o.ParseDecision(body)
		require.NoError(t, err)
		assert.Equal(t, DocumentTypeBankStatement, d.Verification.Document.Type)
		assert.Nil(t, d.UnknownValues())
		var udocs struct {
			AddressMatching struct{ Result string }
			ProofOfAddress  struct {
				AddressValidationResult struct{ Result string }
			}
		}
		require.NoError(t, json.Unmarshal(d.Verification.UnstructuredDocs, &udocs))
		assert.Equal(t, "match", udocs.AddressMatching.Result)
		assert.Equal(t, "valid", udocs.ProofOfAddress.AddressValidationResult.Result)
	}
	for _, typ := range []DocumentType{DocumentTypeEmployerPayslip, DocumentTypeVehicleRegistration, DocumentTypeWaterBill} {
		assert.True(t, typ.IsKnown(), typ)
	}
}

// TestDecisionDocumented pins the documented sample (spec section 1.7)
// independently of the golden files: every value below is read off the
// sample by hand.
func TestDecisionDocumented(t *testing.T) {
	body, err := os.ReadFile("testdata/decision/documented-approved-full.json")
	require.NoError(t, err)
	d, err := ParseDecision(body)
	require.NoError(t, err)
	v := d.Verification
	assert.Equal(t, "success", d.MessageStatus)
	assert.Equal(t, "12df6045-3846-3e45-946a-14fa6136d78b", v.ID)
	assert.Equal(t, "", v.AttemptID, "the older sample has no attemptId")
	assert.Equal(t, StatusApproved, v.Status)
	assert.Equal(t, CodeApproved, v.Code)
	assert.Equal(t, "", v.Reason)
	assert.Equal(t, ReasonCode(0), v.ReasonCode)
	assert.Equal(t, "12345678", v.VendorData)
	assert.Equal(t, time.Date(2019, 11, 6, 7, 18, 36, 916e6, time.UTC), v.DecisionTime)
	assert.Equal(t, time.Date(2019, 11, 6, 7, 15, 27, 0, time.UTC), v.AcceptanceTime)
	assert.True(t, v.SubmissionTime.IsZero())
	assert.Equal(t, Person{FirstName: "SARAH", LastName: "MORGAN", DateOfBirth: "1967-03-30", YearOfBirth: "1967", PlaceOfBirth: "MADRID",
		Addresses: []Address{{FullAddress: "1234 Snowy Ridge Road, Indiana, 56789 USA", Parsed: ParsedAddress{
			Street: "1234 Snowy Ridge Road", HouseNumber: "null", State: "Indiana", Postcode: "56789", Country: "USA"}}}}, v.Person)
	assert.Equal(t, Document{Type: DocumentTypeDriversLicense, Number: "MORGA753116SM9IJ", Country: "GB", ValidUntil: "2022-04-20",
		PlaceOfIssue: "MADRID", FirstIssue: "2015-03-21", IssueNumber: "01", IssuedBy: "ISSUER"}, v.Document)
	assert.Equal(t, NullFloat{32, true}, v.AdditionalVerifiedData.EstimatedAge)
	assert.Equal(t, NullFloat{0.613, true}, v.AdditionalVerifiedData.EstimatedGender)
	assert.Contains(t, string(v.AdditionalVerifiedData.Raw), `"driversLicenseCategory": {`)
	assert.Equal(t, []RiskLabel{
		{Label: "document_integration_level_crosslinked_with_fraud", Category: RiskLabelCategoryDocument, SessionIDs: []string{"5a2358e7-fd31-4fcb-a23f-4d76651ba68a"}},
		{Label: "document_integration_level_crosslinked_with_multiple_declines", Category: RiskLabelCategoryDocument, SessionIDs: []string{"fd5c1563-1d23-4b1a-ae46-7ba429927ed8"}},
	}, v.RiskLabels)
	assert.Equal(t, BiometricAuthentication{MatchedSessionID: "d40edb60-6ae6-4475-be72-84b81669cce6", MatchedSessionVendorData: "User001"}, v.BiometricAuthentication)
	assert.Equal(t, "186.153.67.122", d.TechnicalData.IP)
	assert.Empty(t, d.UnknownValues())

	// The declined sample of section 1.9.
	body, err = os.ReadFile("testdata/decision/ampnet-declined.json")
	require.NoError(t, err)
	d, err = ParseDecision(body)
	require.NoError(t, err)
	assert.Equal(t, StatusDeclined, d.Verification.Status)
	assert.Equal(t, ReasonCodePhysicalDocumentNotUsed, d.Verification.ReasonCode)
	assert.Equal(t, "Physical document not used", d.Verification.Reason)
	assert.Equal(t, d.Verification.Reason, d.Verification.ReasonCode.Description(), "the table's text is Veriff's")
	assert.Equal(t, "", d.TechnicalData.IP)
	assert.Equal(t, DocumentTypePassport, d.Verification.Document.Type)
	assert.Equal(t, []byte(`{}`), []byte(d.Verification.AdditionalVerifiedData.Raw))

	for _, file := range []string{"ampnet-expired.json", "ampnet-abandoned.json"} {
		body, err = os.ReadFile("testdata/decision/" + file)
		require.NoError(t, err)
		d, err = ParseDecision(body)
		require.NoError(t, err)
		assert.Equal(t, CodeExpiredOrAbandoned, d.Verification.Code)
		assert.True(t, d.Verification.DecisionTime.IsZero(), "decisionTime null")
		assert.Equal(t, Document{}, d.Verification.Document, "every document member null")
		assert.Equal(t, Person{}, d.Verification.Person)
		assert.True(t, d.Verification.Status.IsFinal())
	}
}

// validDecision is a compact decision every rejection case starts from.
const validDecision = `{"status":"success","verification":{"id":"i","attemptId":"a","status":"declined","code":9102,"reason":"r","reasonCode":102,` +
	`"vendorData":"v","endUserId":"u","acceptanceTime":"2024-01-01T00:00:00.000000Z","decisionTime":"2024-01-01T00:01:00.5Z","submissionTime":null,` +
	`"person":{"firstName":"F","lastName":"L","addresses":[{"fullAddress":"A","parsedAddress":{"city":"C"}}]},` +
	`"document":{"number":"N","type":"PASSPORT","country":"EE","nfcValidated":true},` +
	`"additionalVerifiedData":{"estimatedAge":30,"estimatedGender":0.5,"x":[1]},` +
	`"riskLabels":[{"label":"l","category":"document","sessionIds":["s1","s2"]}],"riskScore":{"score":0.1},` +
	`"biometricAuthentication":{"matchedSessionId":"m","details":{"k":"v"}}},"technicalData":{"ip":"1.2.3.4"}}`

func withDecision(old, new string) string {
	if !strings.Contains(validDecision, old) {
		panic("test case does not apply: " + old)
	}
	return strings.Replace(validDecision, old, new, 1)
}

// decisionRejections covers every rule of ParseDecision's contract that
// the model adds to the JSON rules Parse's cases cover.
var decisionRejections = []rejection{
	{"empty", ``, ErrSyntax, ""},
	{"array", `[]`, ErrWrongType, ""},
	{"trailing data", validDecision + `{}`, ErrSyntax, ""},
	{"truncated", validDecision[:len(validDecision)-1], ErrSyntax, ""},
	{"empty object", `{}`, ErrMissingMember, "verification"},
	{"verification null", `{"verification":null}`, ErrMissingMember, "verification"},
	{"verification string", `{"verification":"x"}`, ErrWrongType, "verification"},
	{"verification other case", `{"Verification":{"id":"i","status":"approved","code":9001}}`, ErrMissingMember, "verification"},
	{"no id", withDecision(`"id":"i",`, ``), ErrMissingMember, "verification.id"},
	{"no status", withDecision(`"status":"declined",`, ``), ErrMissingMember, "verification.status"},
	{"id null", withDecision(`"id":"i"`, `"id":null`), ErrMissingMember, "verification.id"},
	{"id empty", withDecision(`"id":"i"`, `"id":""`), ErrMissingMember, "verification.id"},
	{"id number", withDecision(`"id":"i"`, `"id":1`), ErrWrongType, "verification.id"},
	{"status null", withDecision(`"status":"declined"`, `"status":null`), ErrMissingMember, "verification.status"},
	{"status empty", withDecision(`"status":"declined"`, `"status":""`), ErrMissingMember, "verification.status"},
	{"status array", withDecision(`"status":"declined"`, `"status":["declined"]`), ErrWrongType, "verification.status"},
	{"code float", withDecision(`9102`, `9102.5`), ErrWrongType, "verification.code"},
	{"code string float", withDecision(`9102`, `"9102.0"`), ErrWrongType, "verification.code"},
	{"code bool", withDecision(`9102`, `true`), ErrWrongType, "verification.code"},
	{"reasonCode float", withDecision(`"reasonCode":102`, `"reasonCode":1.5`), ErrWrongType, "verification.reasonCode"},
	{"reasonCode empty string", withDecision(`"reasonCode":102`, `"reasonCode":""`), ErrWrongType, "verification.reasonCode"},
	{"reasonCode object", withDecision(`"reasonCode":102`, `"reasonCode":{}`), ErrWrongType, "verification.reasonCode"},
	{"message status number", withDecision(`"status":"success"`, `"status":1`), ErrWrongType, "status"},
	{"reason number", withDecision(`"reason":"r"`, `"reason":1`), ErrWrongType, "verification.reason"},
	{"attemptId bool", withDecision(`"attemptId":"a"`, `"attemptId":false`), ErrWrongType, "verification.attemptId"},
	{"vendorData number", withDecision(`"vendorData":"v"`, `"vendorData":1`), ErrWrongType, "verification.vendorData"},
	{"time not RFC 3339", withDecision(`"2024-01-01T00:00:00.000000Z"`, `"2024-01-01 00:00:00"`), ErrWrongType, "verification.acceptanceTime"},
	{"time without zone", withDecision(`"2024-01-01T00:01:00.5Z"`, `"2024-01-01T00:01:00.5"`), ErrWrongType, "verification.decisionTime"},
	{"time empty", withDecision(`"submissionTime":null`, `"submissionTime":""`), ErrWrongType, "verification.submissionTime"},
	{"time number", withDecision(`"submissionTime":null`, `"submissionTime":1700000000`), ErrWrongType, "verification.submissionTime"},
	{"time day 32", withDecision(`"2024-01-01T00:00:00.000000Z"`, `"2024-01-32T00:00:00Z"`), ErrWrongType, "verification.acceptanceTime"},
	{"person string", withDecision(`"person":{`, `"person":"p","x":{`), ErrWrongType, "verification.person"},
	{"firstName number", withDecision(`"firstName":"F"`, `"firstName":7`), ErrWrongType, "verification.person.firstName"},
	{"addresses object", withDecision(`"addresses":[{"fullAddress":"A","parsedAddress":{"city":"C"}}]`, `"addresses":{}`), ErrWrongType, "verification.person.addresses"},
	{"address string", withDecision(`[{"fullAddress":"A","parsedAddress":{"city":"C"}}]`, `["A"]`), ErrWrongType, "verification.person.addresses[0]"},
	{"city number", withDecision(`"city":"C"`, `"city":1`), ErrWrongType, "verification.person.addresses[0].parsedAddress.city"},
	{"duplicate city", withDecision(`"city":"C"`, `"city":"C","city":null`), ErrDuplicateMember, "verification.person.addresses[0].parsedAddress.city"},
	{"document type number", withDecision(`"type":"PASSPORT"`, `"type":1`), ErrWrongType, "verification.document.type"},
	{"nfcValidated string", withDecision(`"nfcValidated":true`, `"nfcValidated":"true"`), ErrWrongType, "verification.document.nfcValidated"},
	{"estimatedAge string", withDecision(`"estimatedAge":30`, `"estimatedAge":"30"`), ErrWrongType, "verification.additionalVerifiedData.estimatedAge"},
	{"estimatedGender out of range", withDecision(`"estimatedGender":0.5`, `"estimatedGender":1e400`), ErrWrongType, "verification.additionalVerifiedData.estimatedGender"},
	{"additionalVerifiedData array", withDecision(`"additionalVerifiedData":{`, `"additionalVerifiedData":[],"y":{`), ErrWrongType, "verification.additionalVerifiedData"},
	{"duplicate in additionalVerifiedData", withDecision(`"x":[1]`, `"x":[1],"x":2`), ErrDuplicateMember, "verification.additionalVerifiedData.x"},
	{"riskLabels object", withDecision(`"riskLabels":[{"label":"l","category":"document","sessionIds":["s1","s2"]}]`, `"riskLabels":{}`), ErrWrongType, "verification.riskLabels"},
	{"sessionIds number", withDecision(`["s1","s2"]`, `["s1",2]`), ErrWrongType, "verification.riskLabels[0].sessionIds[1]"},
	{"category number", withDecision(`"category":"document"`, `"category":5`), ErrWrongType, "verification.riskLabels[0].category"},
	{"riskScore number", withDecision(`"riskScore":{"score":0.1}`, `"riskScore":0.1`), ErrWrongType, "verification.riskScore"},
	{"score string", withDecision(`"score":0.1`, `"score":"0.1"`), ErrWrongType, "verification.riskScore.score"},
	{"details string", withDecision(`"details":{"k":"v"}`, `"details":"x"`), ErrWrongType, "verification.biometricAuthentication.details"},
	{"details malformed", withDecision(`"details":{"k":"v"}`, `"details":{"k":v}`), ErrSyntax, "verification.biometricAuthentication.details.k"},
	{"ip number", withDecision(`"ip":"1.2.3.4"`, `"ip":1234`), ErrWrongType, "technicalData.ip"},
	{"technicalData array", withDecision(`"technicalData":{"ip":"1.2.3.4"}`, `"technicalData":[]`), ErrWrongType, "technicalData"},
	{"duplicate verification", withDecision(`,"technicalData"`, `,"verification":null,"technicalData"`), ErrDuplicateMember, "verification"},
	{"duplicate status", withDecision(`"code":9102,`, `"code":9102,"status":"approved",`), ErrDuplicateMember, "verification.status"},
	{"duplicate by escape", withDecision(`"code":9102,`, `"code":9102,"\u0069d":"j",`), ErrDuplicateMember, "verification.id"},
	{"invalid UTF-8", withDecision(`"F"`, "\"\xff\""), ErrSyntax, "verification.person.firstName"},
	{"lone surrogate", withDecision(`"L"`, `"\udc00"`), ErrSyntax, "verification.person.lastName"},
	{"too deep", withDecision(`"x":[1]`, `"x":`+strings.Repeat("[", MaxDepth)+strings.Repeat("]", MaxDepth)), ErrTooDeep,
		"verification.additionalVerifiedData.x" + strings.Repeat("[0]", MaxDepth-3)},
}

func TestParseDecisionRejects(t *testing.T) {
	_, err := ParseDecision([]byte(validDecision))
	require.NoError(t, err, "the base of the rejection cases must be valid")
	for _, tc := range decisionRejections {
		t.Run(tc.name, func(t *testing.T) {
			checkDecisionRejected(t, []byte(tc.body), tc.cause, tc.field)
		})
	}
}

func checkDecisionRejected(t *testing.T, body []byte, cause error, field string) {
	t.Helper()
	var err error
	require.NotPanics(t, func() { _, err = ParseDecision(body) })
	require.ErrorIs(t, err, ErrInvalidPayload)
	require.ErrorIs(t, err, cause)
	var pe *PayloadError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, field, pe.Field)
	assert.GreaterOrEqual(t, pe.Offset, 0)
	assert.LessOrEqual(t, pe.Offset, len(body))
	assert.Less(t, len(err.Error()), 400, "messages stay short")
	var d Decision
	assert.Error(t, json.Unmarshal(body, &d), "encoding/json rejects it too")
}

// TestDecisionCatalogue checks every case of testdata/invalid/decision,
// which has the format of testdata/invalid.
func TestDecisionCatalogue(t *testing.T) {
	cases := readCatalogueDir(t, "testdata/invalid/decision")
	require.GreaterOrEqual(t, len(cases), 8)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkDecisionRejected(t, c.body, c.cause, c.field) })
	}
}

func TestParseDecisionAccepts(t *testing.T) {
	base, err := ParseDecision([]byte(validDecision))
	require.NoError(t, err)
	for _, tc := range []struct {
		name, body string
		want       func(*Decision)
	}{
		{"whitespace", strings.NewReplacer(`":`, `" : `, `,"`, " ,\n\"", `{"`, "{\t\"", `}`, " }", `[`, "[ ", `]`, "\r]").Replace(validDecision), func(*Decision) {}},
		{"minimal", `{"verification":{"id":"i","status":"approved","code":9001}}`, func(d *Decision) {
			*d = Decision{Verification: Verification{ID: "i", Status: StatusApproved, Code: CodeApproved}}
		}},
		{"code as string", withDecision(`9102`, `"9102"`), func(*Decision) {}},
		{"reasonCode as string", withDecision(`"reasonCode":102`, `"reasonCode":"102"`), func(*Decision) {}},
		{"reasonCode null", withDecision(`"reasonCode":102`, `"reasonCode":null`), func(d *Decision) { d.Verification.ReasonCode = 0 }},
		{"unknown status", withDecision(`"declined"`, `"on_hold"`), func(d *Decision) { d.Verification.Status = "on_hold" }},
		{"escaped status", withDecision(`"declined"`, `"d\u0065clined"`), func(*Decision) {}},
		{"unknown code", withDecision(`9102`, `9999`), func(d *Decision) { d.Verification.Code = 9999 }},
		{"nulls everywhere", withDecision(`"person":{"firstName":"F","lastName":"L","addresses":[{"fullAddress":"A","parsedAddress":{"city":"C"}}]}`,
			`"person":{"firstName":null,"lastName":null,"addresses":null}`), func(d *Decision) { d.Verification.Person = Person{} }},
		{"objects null", withDecision(`"person":{"firstName":"F","lastName":"L","addresses":[{"fullAddress":"A","parsedAddress":{"city":"C"}}]}`,
			`"person":null`), func(d *Decision) { d.Verification.Person = Person{} }},
		{"technicalData null", withDecision(`{"ip":"1.2.3.4"}`, `null`), func(d *Decision) { d.TechnicalData = TechnicalData{} }},
		{"numbers null", withDecision(`"estimatedAge":30,"estimatedGender":0.5`, `"estimatedAge":null,"estimatedGender":null`), func(d *Decision) {
			d.Verification.AdditionalVerifiedData.EstimatedAge = NullFloat{}
			d.Verification.AdditionalVerifiedData.EstimatedGender = NullFloat{}
			d.Verification.AdditionalVerifiedData.Raw = json.RawMessage(`{"estimatedAge":null,"estimatedGender":null,"x":[1]}`)
		}},
		{"numbers from 9 and below 0", withDecision(`"estimatedAge":30,"estimatedGender":0.5`, `"estimatedAge":99.5,"estimatedGender":-1e-3`), func(d *Decision) {
			d.Verification.AdditionalVerifiedData.EstimatedAge = NullFloat{99.5, true}
			d.Verification.AdditionalVerifiedData.EstimatedGender = NullFloat{-1e-3, true}
			d.Verification.AdditionalVerifiedData.Raw = json.RawMessage(`{"estimatedAge":99.5,"estimatedGender":-1e-3,"x":[1]}`)
		}},
		{"booleans null and false", withDecision(`"nfcValidated":true`, `"nfcValidated":null`), func(d *Decision) { d.Verification.Document.NFCValidated = NullBool{} }},
		{"boolean false", withDecision(`"nfcValidated":true`, `"nfcValidated":false`), func(d *Decision) { d.Verification.Document.NFCValidated = NullBool{false, true} }},
		{"time with offset", withDecision(`"2024-01-01T00:01:00.5Z"`, `"2024-01-01T02:01:00.5+02:00"`), func(d *Decision) {
			d.Verification.DecisionTime = time.Date(2024, 1, 1, 2, 1, 0, 5e8, time.FixedZone("", 7200))
		}},
		{"unknown members at every level", withDecision(`"firstName":"F"`, `"firstName":"F","occupation":{"a":[1]},"FirstName":"x"`), func(*Decision) {}},
		{"same name in sibling objects", withDecision(`"riskScore":{"score":0.1}`, `"riskScore":{"score":0.1,"id":1},"x":{"id":2}`), func(*Decision) {}},
		{"member order", `{"technicalData":{"ip":"1.2.3.4"},"verification":{"code":9001,"status":"approved","id":"i"}}`, func(d *Decision) {
			*d = Decision{Verification: Verification{ID: "i", Status: StatusApproved, Code: CodeApproved}, TechnicalData: TechnicalData{IP: "1.2.3.4"}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDecision([]byte(tc.body))
			require.NoError(t, err)
			want := base
			tc.want(&want)
			if !bytes.Equal(got.Verification.AdditionalVerifiedData.Raw, want.Verification.AdditionalVerifiedData.Raw) {
				assert.JSONEq(t, string(want.Verification.AdditionalVerifiedData.Raw), string(got.Verification.AdditionalVerifiedData.Raw))
				got.Verification.AdditionalVerifiedData.Raw = want.Verification.AdditionalVerifiedData.Raw
			}
			if !bytes.Equal(got.Verification.BiometricAuthentication.Details, want.Verification.BiometricAuthentication.Details) {
				assert.JSONEq(t, string(want.Verification.BiometricAuthentication.Details), string(got.Verification.BiometricAuthentication.Details))
				got.Verification.BiometricAuthentication.Details = want.Verification.BiometricAuthentication.Details
			}
			assert.Equal(t, want, got)
		})
	}
}

// TestParseDecisionValues pins what the valid base decision holds, value by
// value, so that a mix-up between members would be noticed.
func TestParseDecisionValues(t *testing.T) {
	d, err := ParseDecision([]byte(validDecision))
	require.NoError(t, err)
	assert.Equal(t, Decision{
		MessageStatus: "success",
		Verification: Verification{
			ID: "i", AttemptID: "a", Status: StatusDeclined, Code: CodeDeclined, Reason: "r", ReasonCode: ReasonCodeSuspectedDocumentTampering,
			VendorData: "v", EndUserID: "u",
			AcceptanceTime: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), DecisionTime: time.Date(2024, 1, 1, 0, 1, 0, 5e8, time.UTC),
			Person:   Person{FirstName: "F", LastName: "L", Addresses: []Address{{FullAddress: "A", Parsed: ParsedAddress{City: "C"}}}},
			Document: Document{Number: "N", Type: DocumentTypePassport, Country: "EE", NFCValidated: NullBool{true, true}},
			AdditionalVerifiedData: AdditionalVerifiedData{EstimatedAge: NullFloat{30, true}, EstimatedGender: NullFloat{0.5, true},
				Raw: json.RawMessage(`{"estimatedAge":30,"estimatedGender":0.5,"x":[1]}`)},
			RiskLabels:              []RiskLabel{{Label: "l", Category: RiskLabelCategoryDocument, SessionIDs: []string{"s1", "s2"}}},
			RiskScore:               NullFloat{0.1, true},
			BiometricAuthentication: BiometricAuthentication{MatchedSessionID: "m", Details: json.RawMessage(`{"k":"v"}`)},
		},
		TechnicalData: TechnicalData{IP: "1.2.3.4"},
	}, d)
}

func TestParseDecisionDisallowUnknownMembers(t *testing.T) {
	strict := ParseOptions{DisallowUnknownMembers: true}
	ok := withDecision(`,"x":[1]`, ``)
	_, err := strict.ParseDecision([]byte(ok))
	require.NoError(t, err, "additionalVerifiedData is kept whole: its members are not unknown")
	for body, field := range map[string]string{
		withDecision(`"status":"success"`, `"status":"success","extra":1`):        "extra",
		withDecision(`"firstName":"F"`, `"firstName":"F","nickname":"o"`):         "verification.person.nickname",
		withDecision(`"city":"C"`, `"city":"C","district":"d"`):                   "verification.person.addresses[0].parsedAddress.district",
		withDecision(`"label":"l"`, `"label":"l","weight":1`):                     "verification.riskLabels[0].weight",
		withDecision(`"ip":"1.2.3.4"`, `"ip":"1.2.3.4","port":1`):                 "technicalData.port",
		withDecision(`"code":9102`, `"code":9102,"remarks":[]`):                   "verification.remarks",
		withDecision(`"matchedSessionId":"m"`, `"matchedSessionId":"m","z":null`): "verification.biometricAuthentication.z",
	} {
		_, err := strict.ParseDecision([]byte(body))
		require.ErrorIs(t, err, ErrUnknownMember, body)
		var pe *PayloadError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, field, pe.Field)
		_, err = ParseDecision([]byte(body))
		assert.NoError(t, err, "the default accepts unknown members")
	}
}

func TestParseDecisionDoesNotRetainBody(t *testing.T) {
	body := []byte(withDecision(`"v"`, `"vendor-\u0064ata"`))
	d, err := ParseDecision(body)
	require.NoError(t, err)
	for i := range body {
		body[i] = 'X'
	}
	assert.Equal(t, "vendor-data", d.Verification.VendorData)
	assert.Equal(t, "F", d.Verification.Person.FirstName)
	assert.Equal(t, []string{"s1", "s2"}, d.Verification.RiskLabels[0].SessionIDs)
	assert.Equal(t, `{"k":"v"}`, string(d.Verification.BiometricAuthentication.Details))
	assert.Equal(t, `{"estimatedAge":30,"estimatedGender":0.5,"x":[1]}`, string(d.Verification.AdditionalVerifiedData.Raw))
}

// TestParseDecisionLongStrings checks strings longer than one arena chunk,
// and many strings that need several chunks.
func TestParseDecisionLongStrings(t *testing.T) {
	long := strings.Repeat("a", 3*arenaChunk)
	var labels []string
	for i := range 200 {
		labels = append(labels, fmt.Sprintf(`{"label":"%s%d","category":"c%d"}`, strings.Repeat("l", 40), i, i))
	}
	body := withDecision(`"riskLabels":[{"label":"l","category":"document","sessionIds":["s1","s2"]}]`, `"riskLabels":[`+strings.Join(labels, ",")+`]`)
	body = strings.Replace(body, `"vendorData":"v"`, `"vendorData":"`+long+`"`, 1)
	d, err := ParseDecision([]byte(body))
	require.NoError(t, err)
	assert.Equal(t, long, d.Verification.VendorData)
	require.Len(t, d.Verification.RiskLabels, 200)
	for i, l := range d.Verification.RiskLabels {
		assert.Equal(t, fmt.Sprintf("%s%d", strings.Repeat("l", 40), i), l.Label)
		assert.Equal(t, RiskLabelCategory(fmt.Sprintf("c%d", i)), l.Category)
	}
	assert.Equal(t, "F", d.Verification.Person.FirstName)
}

func TestDecisionUnmarshalNull(t *testing.T) {
	d := Decision{MessageStatus: "kept"}
	require.NoError(t, json.Unmarshal([]byte(`null`), &d))
	assert.Equal(t, "kept", d.MessageStatus)
}

func TestDecisionUnknownValues(t *testing.T) {
	body := withDecision(`"declined"`, `"on_hold"`)
	body = strings.Replace(body, `9102`, `9105`, 1)
	body = strings.Replace(body, `102`, `999`, 1)
	body = strings.Replace(body, `"PASSPORT"`, `"MILITARY_ID"`, 1)
	body = strings.Replace(body, `"category":"document"`, `"category":"cross-links"`, 1)
	d, err := ParseDecision([]byte(body))
	require.NoError(t, err)
	assert.Equal(t, []string{"verification.status", "verification.code", "verification.reasonCode",
		"verification.document.type", "verification.riskLabels[0].category"}, d.UnknownValues())
	assert.Equal(t, Status("on_hold"), d.Verification.Status, "kept as sent, never mapped")
	assert.Equal(t, ReasonCode(999), d.Verification.ReasonCode)

	d, err = ParseDecision([]byte(`{"verification":{"id":"i","status":"approved","code":9001,"reasonCode":null,"document":{"type":null},"riskLabels":[{"label":"l"}]}}`))
	require.NoError(t, err)
	assert.Nil(t, d.UnknownValues(), "absent values are not unknown")
}

func TestStatusTable(t *testing.T) {
	names, values, docs := constants(t, "status.go", "Status")
	require.Len(t, names, 8)
	require.Len(t, statuses, 8)
	final := map[Status]bool{StatusApproved: true, StatusDeclined: true, StatusExpired: true, StatusAbandoned: true}
	for i, v := range values {
		s := Status(v)
		assert.Equal(t, camel("Status", v), names[i])
		assert.Equal(t, statuses[i].status, s, "constants and table in the same order")
		assert.True(t, s.IsKnown())
		assert.Equal(t, final[s], s.IsFinal(), "%s", s)
		assert.Equal(t, v, s.String())
		assert.NotEmpty(t, s.Description())
		assert.Contains(t, docs[i], names[i]+" ("+s.Code().String()+")", "the comment of %s gives its code", names[i])
		assert.True(t, s.Code().IsKnown())
		got, ok := knownStatus([]byte(v))
		assert.True(t, ok)
		assert.Equal(t, s, got)
		word := "Not final"
		if final[s] {
			word = "Final."
		}
		assert.Contains(t, docs[i], word, "the comment of %s says whether it is final", names[i])
	}
	for _, s := range []Status{"", "Approved", "approved ", "success"} {
		assert.False(t, s.IsKnown(), "%q", s)
		assert.False(t, s.IsFinal(), "%q", s)
		assert.Empty(t, s.Description())
		assert.Zero(t, s.Code())
		_, ok := knownStatus([]byte(s))
		assert.False(t, ok)
	}
}

func TestDocumentTypesAndCategories(t *testing.T) {
	names, values, _ := constants(t, "decision.go", "DocumentType")
	require.Len(t, names, len(documentTypes))
	for i, v := range values {
		assert.Equal(t, documentTypes[i], DocumentType(v))
		w := strings.ToLower(strings.ReplaceAll(v, "-", "_")) // CERTIFICATE_OF_NON-TAXATION, I-9
		name := strings.NewReplacer("Id", "ID", "Ksa", "KSA").Replace(camel("", w))
		assert.Equal(t, "DocumentType"+name, names[i])
		assert.True(t, DocumentType(v).IsKnown())
		assert.Equal(t, v, DocumentType(v).String())
	}
	assert.False(t, DocumentType("passport").IsKnown())
	names, values, _ = constants(t, "decision.go", "RiskLabelCategory")
	require.Len(t, names, len(riskLabelCategories))
	for i, v := range values {
		assert.Equal(t, riskLabelCategories[i], RiskLabelCategory(v))
		assert.Equal(t, camel("RiskLabelCategory", v), names[i])
		assert.True(t, RiskLabelCategory(v).IsKnown())
		assert.Equal(t, v, RiskLabelCategory(v).String())
	}
	assert.False(t, RiskLabelCategory("cross-links").IsKnown())
}

// intConstants returns the exported integer constants of type typ declared
// in file, with their values and doc comments on one line, in source order.
func intConstants(t *testing.T, file, typ string) (names []string, values []int, docs []string) {
	t.Helper()
	names, lits, rawDocs := constantLiterals(t, file, typ)
	for i, lit := range lits {
		v, err := strconv.Atoi(lit)
		require.NoError(t, err)
		values = append(values, v)
		docs = append(docs, strings.Join(strings.Fields(rawDocs[i]), " "))
	}
	return names, values, docs
}

// TestReasonCodeTable proves that the ReasonCode constants, their comments
// and the table say the same thing, and that the table holds the codes of
// the spec's tables.
func TestReasonCodeTable(t *testing.T) {
	names, values, docs := intConstants(t, "reasoncode.go", "ReasonCode")
	require.Len(t, reasonCodes, len(names), "one table row per constant")
	seen := map[int]bool{}
	source := map[reasonCodeSource]string{reasonCodeDocumented: "documented", reasonCodeGranular: "documented, granular", reasonCodeCommunity: "community copy"}
	status := map[Status]string{StatusDeclined: "StatusDeclined", StatusResubmissionRequested: "StatusResubmissionRequested"}
	for i, v := range values {
		c := ReasonCode(v)
		require.False(t, seen[v], "two constants for %d", v)
		seen[v] = true
		info, ok := reasonCodes[c]
		require.True(t, ok, "%s has a table row", names[i])
		assert.True(t, c.IsKnown())
		assert.Equal(t, info.status, c.Status())
		assert.Equal(t, info.source != reasonCodeCommunity, c.IsDocumented())
		assert.Equal(t, strconv.Itoa(v), c.String())
		d := c.Description()
		require.NotEmpty(t, d)
		want := fmt.Sprintf("%s (%d, %s) goes with %s: %s.", names[i], v, source[info.source], status[info.status], strings.ToLower(d[:1])+d[1:])
		assert.Equal(t, want, docs[i], "the comment of %s", names[i])
		assert.True(t, strings.HasPrefix(names[i], "ReasonCode"))
	}
	// The codes of the spec's tables (section 1.5), by status; 540 has no
	// description in any source.
	declined := []int{101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 120, 121, 122, 123, 124, 126, 127, 128, 129,
		501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511, 515, 526, 527, 528, 530, 531, 532, 533, 534, 535, 536, 537, 539}
	resubmission := []int{201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 602, 603, 605, 606, 608, 609, 614, 615, 619, 620, 621,
		625, 626, 627, 628, 629, 630, 631, 632, 633, 634, 635, 641, 642}
	for _, c := range declined {
		assert.Equal(t, StatusDeclined, ReasonCode(c).Status(), "%d", c)
	}
	for _, c := range resubmission {
		assert.Equal(t, StatusResubmissionRequested, ReasonCode(c).Status(), "%d", c)
		assert.Equal(t, c < 600, ReasonCode(c).IsDocumented(), "%d", c)
	}
	assert.Len(t, reasonCodes, len(declined)+len(resubmission))
	for _, c := range []ReasonCode{0, 100, 125, 540, 601, 9001, -1} {
		assert.False(t, c.IsKnown(), "%d", c)
		assert.Empty(t, c.Status())
		assert.Empty(t, c.Description())
		assert.False(t, c.IsDocumented())
	}
	assert.Equal(t, "Resubmission limit exceeded", ReasonCodeResubmissionLimitExceeded.Description())
}

// TestParseDecisionAllocations holds ParseDecision to its allocation budget
// on the documented sample.
func TestParseDecisionAllocations(t *testing.T) {
	body, err := os.ReadFile("testdata/decision/documented-approved-full.json")
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := ParseDecision(body); err != nil {
			t.Fatal(err)
		}
	})
	// One chunk for the strings, the addresses, the two risk labels (one
	// slice, gathered), the session ids of both (one slice), and the copy
	// of additionalVerifiedData.
	assert.LessOrEqual(t, allocs, 5.0)
	t.Logf("%v allocations", allocs)
}

// copiedBytes sums the lengths of the strings in v that the reader copies:
// all but the known values of the enums, which are the constants themselves.
func copiedBytes(v reflect.Value) int {
	switch v.Kind() {
	case reflect.String:
		if k, ok := v.Interface().(interface{ IsKnown() bool }); ok && k.IsKnown() {
			return 0
		}
		return v.Len()
	case reflect.Struct:
		n := 0
		for i := range v.NumField() {
			n += copiedBytes(v.Field(i))
		}
		return n
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return 0 // raw JSON, copied on its own
		}
		n := 0
		for i := range v.Len() {
			n += copiedBytes(v.Index(i))
		}
		return n
	}
	return 0
}

// TestArenaGuess holds the first chunk of strings (see parser.text) to
// what the documented decision needs, compacted and as documented: one
// chunk, not much larger than its strings, since garbage costs time.
func TestArenaGuess(t *testing.T) {
	documented, err := os.ReadFile("testdata/decision/documented-approved-full.json")
	require.NoError(t, err)
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, documented))
	// The same with escapes in some strings (read through take): still one
	// chunk.
	escaped := bytes.ReplaceAll(compact.Bytes(), []byte(`"MORGAN"`), []byte(`"MORG\u0041N"`))
	escaped = bytes.ReplaceAll(escaped, []byte(`"MADRID"`), []byte(`"MADRI\u0044"`))
	var sizes []int
	for _, body := range [][]byte{compact.Bytes(), documented, escaped} {
		p := newParser(body, false)
		var d Decision
		require.NoError(t, readDecision(&p, &d))
		used, size := p.arena.Len(), p.arena.Cap()
		t.Logf("%d bytes of strings in a chunk of %d, from a body of %d", used, size, len(body))
		assert.Equal(t, copiedBytes(reflect.ValueOf(d)), used, "the chunk holds the copied strings and nothing else")
		assert.Less(t, size, used*3/2, "chunk of %d for %d bytes", size, used)
		sizes = append(sizes, size)
	}
	// The guess leaves out the indentation, newlines and spaces alike: the
	// indented sample gets no larger chunk than the compact one.
	assert.LessOrEqual(t, sizes[1], sizes[0], "chunk for the indented sample")
	// Strings past one chunk go into new chunks of at most arenaChunk,
	// not into one buffer that grows (and copies) as append grows it;
	// plain strings and strings with escapes alike.
	for _, l := range []string{strings.Repeat("l", 40), `l\n` + strings.Repeat("l", 38)} {
		var labels []string
		for i := range 200 {
			labels = append(labels, fmt.Sprintf(`{"label":"%s%d","category":"c%d"}`, l, i, i))
		}
		body := withDecision(`"riskLabels":[{"label":"l","category":"document","sessionIds":["s1","s2"]}]`, `"riskLabels":[`+strings.Join(labels, ",")+`]`)
		p := newParser([]byte(body), false)
		var d Decision
		require.NoError(t, readDecision(&p, &d))
		assert.LessOrEqual(t, p.arena.Cap(), arenaChunk, "label %q", l)
		assert.Equal(t, strings.ReplaceAll(l, `\n`, "\n")+"199", d.Verification.RiskLabels[199].Label)
	}
}

// TestParseDecisionEveryMember sets every member the model types to a
// value of its own, so that reading one member into another's field would
// be noticed.
func TestParseDecisionEveryMember(t *testing.T) {
	body := `{"status":"m","verification":{"id":"v1","attemptId":"v2","status":"approved","code":"9001","reason":"v3","reasonCode":"201",` +
		`"vendorData":"v4","endUserId":"v5","acceptanceTime":"2020-01-01T00:00:01Z","decisionTime":"2020-01-01T00:00:02Z","submissionTime":"2020-01-01T00:00:03Z",` +
		`"person":{"firstName":"p1","lastName":"p2","fullName":"p3","dateOfBirth":"p4","yearOfBirth":"p5","gender":"p6","idNumber":"p7","nationality":"p8","placeOfBirth":"p9",` +
		`"addresses":[{"fullAddress":"a1","parsedAddress":{"street":"a2","houseNumber":"a3","unit":"a4","city":"a5","state":"a6","postcode":"a7","country":"a8"}},null]},` +
		`"document":{"number":"d1","type":"VISA","country":"d2","state":"d3","validFrom":"d4","validUntil":"d5","firstIssue":"d6","placeOfIssue":"d7",` +
		`"issueNumber":"d8","issuedBy":"d9","remarks":"d10","residencePermitType":"d11","nfcValidated":false},` +
		`"additionalVerifiedData":{"estimatedAge":1,"estimatedGender":0,"driversLicenseNumber":"x1"},` +
		`"riskLabels":[{"label":"r1","category":"device","sessionIds":["r2",null]},null],"riskScore":{"score":0},` +
		`"biometricAuthentication":{"matchedSessionId":"b1","matchedSessionEndUserId":"b2","matchedSessionVendorData":"b3","details":null}},` +
		`"technicalData":{"ip":"t1"}}`
	d, err := ParseDecision([]byte(body))
	require.NoError(t, err)
	sec := func(s int) time.Time { return time.Date(2020, 1, 1, 0, 0, s, 0, time.UTC) }
	assert.Equal(t, Decision{
		MessageStatus: "m",
		Verification: Verification{
			ID: "v1", AttemptID: "v2", Status: StatusApproved, Code: CodeApproved, Reason: "v3", ReasonCode: ReasonCodeVideoOrPhotosMissing,
			VendorData: "v4", EndUserID: "v5", AcceptanceTime: sec(1), DecisionTime: sec(2), SubmissionTime: sec(3),
			Person: Person{FirstName: "p1", LastName: "p2", FullName: "p3", DateOfBirth: "p4", YearOfBirth: "p5", Gender: "p6", IDNumber: "p7",
				Nationality: "p8", PlaceOfBirth: "p9", Addresses: []Address{{FullAddress: "a1", Parsed: ParsedAddress{Street: "a2", HouseNumber: "a3",
					Unit: "a4", City: "a5", State: "a6", Postcode: "a7", Country: "a8"}}, {}}},
			Document: Document{Number: "d1", Type: DocumentTypeVisa, Country: "d2", State: "d3", ValidFrom: "d4", ValidUntil: "d5", FirstIssue: "d6",
				PlaceOfIssue: "d7", IssueNumber: "d8", IssuedBy: "d9", Remarks: "d10", ResidencePermitType: "d11", NFCValidated: NullBool{false, true}},
			AdditionalVerifiedData: AdditionalVerifiedData{EstimatedAge: NullFloat{1, true}, EstimatedGender: NullFloat{0, true}, DriversLicenseNumber: "x1",
				Raw: json.RawMessage(`{"estimatedAge":1,"estimatedGender":0,"driversLicenseNumber":"x1"}`)},
			RiskLabels:              []RiskLabel{{Label: "r1", Category: RiskLabelCategoryDevice, SessionIDs: []string{"r2", ""}}, {}},
			RiskScore:               NullFloat{0, true},
			BiometricAuthentication: BiometricAuthentication{MatchedSessionID: "b1", MatchedSessionEndUserID: "b2", MatchedSessionVendorData: "b3"},
		},
		TechnicalData: TechnicalData{IP: "t1"},
	}, d)
	assert.True(t, d.Verification.Code.IsDecision())
	assert.False(t, CodeWaitingComplete.IsDecision())
	assert.False(t, Code(9002).IsDecision())
}

// TestStrictAcceptsDocumentedMembers holds that DisallowUnknownMembers
// knows the members Veriff documents that the model does not type
// (deprecated, or depending on the integration): a body with any of them
// is accepted and reads as the body without it, while a member no one
// documents, in the same object, is still refused.
func TestStrictAcceptsDocumentedMembers(t *testing.T) {
	strict := ParseOptions{DisallowUnknownMembers: true}
	want, err := ParseDecision([]byte(validDecision))
	require.NoError(t, err)
	for _, tc := range []struct {
		at      string // the member after which the documented ones are added
		members []string
		object  string
	}{
		{`"code":9102`, []string{"comments", "highRisk", "insights"}, "verification"},
		{`"firstName":"F"`, []string{"citizenship", "pepSanctionMatch", "occupation", "employer", "foreignerStatus",
			"extraNames", "title", "ifeIdentifier", "ineIdentifier", "electorNumber", "eyeColor", "hairColor", "height", "weight"},
			"verification.person"},
		{`"number":"N"`, []string{"portraitIsVisible", "signatureIsVisible", "ineIdentifier", "specimen"}, "verification.document"},
	} {
		for _, m := range tc.members {
			for _, v := range []string{`null`, `[]`, `{"a":[1]}`, `true`, `"x"`, `1`} {
				body := withDecision(tc.at, tc.at+`,"`+m+`":`+v)
				got, err := strict.ParseDecision([]byte(body))
				require.NoError(t, err, "%s.%s is documented: %s", tc.object, m, body)
				assert.Equal(t, want, got, body)
			}
			// The value is still checked as JSON.
			_, err := strict.ParseDecision([]byte(withDecision(tc.at, tc.at+`,"`+m+`":[1,]`)))
			assert.ErrorIs(t, err, ErrSyntax, "%s.%s", tc.object, m)
		}
		body := withDecision(tc.at, tc.at+`,"undocumentedMember":null`)
		_, err := strict.ParseDecision([]byte(body))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, body)
		assert.ErrorIs(t, err, ErrUnknownMember, body)
		assert.Equal(t, tc.object+".undocumentedMember", pe.Field)
	}
	body := `{"eventType":"fullauto","sessionId":"s","data":{"verification":{"matchingResults":[{"type":"person.firstName","match":true}]}}}`
	_, err = strict.ParseAny([]byte(body))
	assert.NoError(t, err, "Full Auto's matchingResults is documented by community code")
	_, err = strict.ParseAny([]byte(strings.Replace(body, "matchingResults", "matchingResultz", 1)))
	assert.ErrorIs(t, err, ErrUnknownMember)
}

// TestStrictAcceptsRealPayloads holds that DisallowUnknownMembers accepts
// every real or documented body: the samples of testdata (but the one made
// to hold unknown members), among them every complete JSON sample the
// project's spec quotes (testdata/spec).
func TestStrictAcceptsRealPayloads(t *testing.T) {
	strict := ParseOptions{DisallowUnknownMembers: true}
	files, err := filepath.Glob("testdata/*.json")
	require.NoError(t, err)
	for _, dir := range []string{"decision", "kinds"} {
		more, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		require.NoError(t, err)
		files = append(files, more...)
	}
	decisions := 0
	for _, f := range files {
		if filepath.Base(f) == "unknown-values.json" {
			continue // made up to hold members no one documents
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		p, err := strict.ParseAny(b)
		require.NoError(t, err, f)
		if p.Kind() == KindDecision {
			decisions++
		}
	}
	assert.GreaterOrEqual(t, decisions, 11, "the decisions of testdata/decision")

	// Every complete JSON sample that the project's spec quotes is copied
	// into testdata/spec, so that a plain clone checks them too.
	specs, err := filepath.Glob("testdata/spec/*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(specs), 8, "the spec's samples in testdata/spec")
	for _, f := range specs {
		sample, err := os.ReadFile(f)
		require.NoError(t, err)
		p, err := strict.ParseAny(sample)
		require.NoError(t, err, f)
		assert.NotEqual(t, KindUnknown, p.Kind(), f)
	}
}
