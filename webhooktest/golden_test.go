package webhooktest

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/veriffkit/webhook"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the builders' output")

// member is one member of a body at any depth: its path, JSON type, and its
// index among its siblings.
type member struct {
	path, typ string
	index     int
}

// shape lists the members of a JSON document, depth first. Array elements
// share the path "[]"; only the first element of an array is listed, so
// that shapes do not depend on how many elements there are.
func shape(t *testing.T, body []byte) []member {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&v))
	var out []member
	walkShape(t, body, v, "", &out)
	return out
}

func typeOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	}
	return "object"
}

// walkShape needs member order, which map[string]any loses: it reads the
// keys of each object with a token decoder over the object's own bytes.
func walkShape(t *testing.T, raw []byte, v any, path string, out *[]member) {
	switch x := v.(type) {
	case map[string]any:
		for i, k := range objectKeys(t, raw) {
			// Veriff's old watchlist sample spells listings both ways,
			// which the reader accepts; the builder writes camel case.
			name := strings.NewReplacer("source_name", "sourceName", "source_url", "sourceUrl").Replace(k)
			p := path + "." + name
			if path == "" {
				p = name
			}
			sub, _ := json.Marshal(x[k])
			// Re-read the member's own bytes for the order of its keys.
			*out = append(*out, member{p, typeOf(x[k]), i})
			walkShape(t, memberBytes(t, raw, k, sub), x[k], p, out)
		}
	case []any:
		if len(x) > 0 {
			p := path + "[]"
			*out = append(*out, member{p, typeOf(x[0]), 0})
			walkShape(t, elementBytes(t, raw), x[0], p, out)
		}
	}
}

// objectKeys returns the keys of the object raw, in order.
func objectKeys(t *testing.T, raw []byte) []string {
	var m []string
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	require.NoError(t, err)
	require.Equal(t, json.Delim('{'), tok)
	for dec.More() {
		k, err := dec.Token()
		require.NoError(t, err)
		m = append(m, k.(string))
		var skip json.RawMessage
		require.NoError(t, dec.Decode(&skip))
	}
	return m
}

// memberBytes returns the raw value of member k of the object raw.
func memberBytes(t *testing.T, raw []byte, k string, fallback []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(raw))
	_, err := dec.Token()
	require.NoError(t, err)
	for dec.More() {
		name, err := dec.Token()
		require.NoError(t, err)
		var v json.RawMessage
		require.NoError(t, dec.Decode(&v))
		if name == k {
			return v
		}
	}
	return fallback
}

// elementBytes returns the raw first element of the array raw.
func elementBytes(t *testing.T, raw []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(raw))
	_, err := dec.Token()
	require.NoError(t, err)
	var v json.RawMessage
	require.NoError(t, dec.Decode(&v))
	return v
}

// compareShapes checks that every member of sample is in built with the
// same JSON type and, when ordered, that the members of each object of
// sample come in built in the same relative order. It returns the members
// built has and sample has not.
func compareShapes(t *testing.T, sample, built []byte, ordered bool, lenient func(path string) bool) (extra []string) {
	t.Helper()
	s, b := shape(t, sample), shape(t, built)
	byPath := map[string]member{}
	for _, m := range b {
		byPath[m.path] = m
	}
	inSample := map[string]bool{}
	lastIndex := map[string]int{} // parent path -> index in built of the previous sibling
	for _, m := range s {
		inSample[m.path] = true
		got, ok := byPath[m.path]
		if !ok {
			if !(m.typ == "null" && lenient != nil && lenient(m.path)) {
				t.Errorf("member %s (%s) of the sample is missing from the built body", m.path, m.typ)
			}
			continue
		}
		if got.typ != m.typ && !(m.typ == "null" && lenient != nil && lenient(m.path)) {
			t.Errorf("member %s: built %s, sample %s", m.path, got.typ, m.typ)
		}
		if ordered && !strings.HasSuffix(m.path, "[]") {
			parent := m.path[:max(strings.LastIndex(m.path, "."), 0)]
			if prev, ok := lastIndex[parent]; ok && got.index < prev {
				t.Errorf("member %s comes earlier in the built body than in the sample", m.path)
			}
			lastIndex[parent] = got.index
		}
	}
	for _, m := range b {
		if !inSample[m.path] {
			extra = append(extra, m.path+" "+m.typ)
		}
	}
	return extra
}

// sample reads one of the root package's documented samples.
func sample(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	require.NoError(t, err)
	return b
}

// TestRebuildDocumentedSamples parses each of Veriff's samples (and the
// test integration's), builds a body from the typed value, and checks that
// the body has every member of the sample with its JSON type (null where
// the sample has null), in the sample's order where the sample is
// Veriff's current one.
func TestRebuildDocumentedSamples(t *testing.T) {
	cases := []struct {
		file    string
		ordered bool
	}{
		{"documented-submitted-7002.json", true},
		{"documented-waiting-complete-7007.json", true},
		{"started-7001.json", true},
		{"flow-finished.json", true},
		{"decision/documented-current-head.json", true},
		{"decision/documented-approved-full.json", false},
		{"decision/ampnet-declined.json", false},
		{"decision/ampnet-resubmission-requested.json", false},
		{"decision/ampnet-expired.json", false},
		{"decision/ampnet-abandoned.json", false},
		{"decision/ours-review.json", false},
		{"kinds/watchlist-screening-documented-old.json", false},
		{"kinds/fullauto-ours.json", true},
		{"kinds/user-status-documented-completed.json", true},
		{"kinds/ine-documented.json", true},
		{"kinds/curp-documented.json", true},
		{"kinds/ine-curp-head-ours.json", true},
	}
	// Where a sample has null for an object the model keeps as its members
	// (person, document of the review sample), the builder writes the
	// object with null members: the reader makes no difference.
	// Full Auto's reader drops a value sent as null from its maps.
	lenient := func(p string) bool {
		return p == "verification.person" || p == "verification.document" ||
			strings.HasPrefix(p, "data.verification.person.") || strings.HasPrefix(p, "data.verification.document.")
	}
	var report []string
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			body := sample(t, c.file)
			p, err := webhook.ParseAny(body)
			require.NoError(t, err)
			built := Body(p)
			extra := compareShapes(t, body, built, c.ordered, lenient)
			report = append(report, fmt.Sprintf("%s: members the builder adds: %s", c.file, strings.Join(extra, ", ")))
			again, err := webhook.ParseAny(built)
			require.NoError(t, err)
			require.Equal(t, normalise(p), normalise(again), "the built body parses to the sample's values")
		})
	}
	checkGolden(t, "rebuilt-samples.txt", strings.Join(report, "\n")+"\n")
}

// TestKitBodiesFollowSamples holds the kit's own bodies against the sample
// of the same situation: every member of the sample, with its JSON type, in
// its order for Veriff's current samples. Null conventions are checked
// here: a null of the sample (decisionTime of expired, reason of approved)
// must be null in the kit's body; only the person's and document's members,
// which depend on the document read, may have a value.
func TestKitBodiesFollowSamples(t *testing.T) {
	s := NewSession(SeededIDs(1), Created)
	s.Wait(RetryInterval)
	cases := []struct {
		file    string
		ordered bool
		p       webhook.Payload
	}{
		{"documented-submitted-7002.json", true, s.Submitted()},
		{"documented-waiting-complete-7007.json", true, s.Event(webhook.CodeWaitingComplete, webhook.ActionWaitingComplete, webhook.Context{Reason: webhook.ReasonFinalDecisionReceived})},
		{"decision/documented-current-head.json", true, s.Decision(webhook.StatusApproved, 0)},
		{"decision/ampnet-declined.json", false, s.Decision(webhook.StatusDeclined, webhook.ReasonCodePhysicalDocumentNotUsed)},
		{"decision/ampnet-resubmission-requested.json", false, s.Decision(webhook.StatusResubmissionRequested, webhook.ReasonCodeFullDocumentNotVisible)},
		{"decision/ampnet-expired.json", false, s.Decision(webhook.StatusExpired, 0)},
		{"decision/ampnet-abandoned.json", false, s.Decision(webhook.StatusAbandoned, 0)},
		{"kinds/watchlist-screening-documented-old.json", false, s.WatchlistScreening(webhook.CheckTypeUpdatedResult, webhook.MatchStatusPossibleMatch)},
		{"kinds/fullauto-ours.json", true, s.FullAuto(webhook.StatusApproved)},
		{"kinds/user-status-documented-completed.json", true, s.UserStatus("Custom status", "custom_status", "Looks like velocity abuse", "")},
		{"kinds/ine-documented.json", true, s.INE(true)},
		{"kinds/curp-documented.json", true, s.CURP(webhook.CURPStatusRCN)},
		{"kinds/ine-curp-head-ours.json", false, s.INECURP(true, webhook.CURPStatusAN)},
	}
	dataDependent := func(p string) bool {
		return strings.HasPrefix(p, "verification.person.") || strings.HasPrefix(p, "verification.document.") ||
			strings.HasSuffix(p, "dateOfDeath") || strings.HasSuffix(p, ".date") || strings.HasSuffix(p, "gender") ||
			p == "vendorData" || p == "endUserId" || // null when the session was created without them
			p == "technicalData.ip" // null in the test integration's decline, set in its resubmission
	}
	var golden []string
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			built := Body(c.p)
			extra := compareShapes(t, sample(t, c.file), built, c.ordered, dataDependent)
			golden = append(golden, fmt.Sprintf("%s\n\tbody: %s\n\tmembers the sample lacks: %s", c.file, built, strings.Join(extra, ", ")))
		})
	}
	checkGolden(t, "kit-vs-samples.txt", strings.Join(golden, "\n")+"\n")
}

// TestScenariosGolden pins every delivery of every scenario seeded with 1,
// one body a line after the scenario's name and wanted state.
func TestScenariosGolden(t *testing.T) {
	for _, sc := range SeededScenarios(1) {
		var b strings.Builder
		fmt.Fprintf(&b, "# %s: %s\n# want %s attempt %d (%s) reason code %d\n", sc.Name, sc.Description, sc.Want.Status, sc.Want.Attempt, sc.Want.AttemptID, sc.Want.ReasonCode)
		for _, d := range sc.Deliveries {
			fmt.Fprintf(&b, "# +%v attempt %d %s: %s\n%s\n", d.At, d.Attempt, d.Kind, d.Note, d.Body)
		}
		checkGolden(t, filepath.Join("scenarios", sc.Name+".jsonl"), b.String())
	}
}

// normalise makes two values comparable: it clears the raw copies of
// objects the model also types member by member (additionalVerifiedData,
// searchTerm, the registries' details), which the reader fills from the
// body while a value built from typed members has none, and compacts the
// raw JSON the model keeps whole. Tests that set such a raw copy check it
// on their own.
func normalise(p webhook.Payload) webhook.Payload {
	switch x := p.(type) {
	case webhook.Decision:
		x.Verification.AdditionalVerifiedData.Raw = nil
		x.Verification.BiometricAuthentication.Details = compactOrNil(x.Verification.BiometricAuthentication.Details)
		return x
	case webhook.WatchlistScreening:
		x.SearchTerm.Raw = nil
		return x
	case webhook.INERegistry:
		x.Data.Details = nil
		return x
	case webhook.CURPRegistry:
		x.Data.Details = nil
		return x
	case webhook.INECURPRegistry:
		x.Data = compactOrNil(x.Data)
		return x
	case webhook.FullAuto:
		for _, m := range []map[string]webhook.ExtractedValue{x.Verification.Person, x.Verification.Document} {
			for k, v := range m {
				v.Components = compactOrNil(v.Components)
				m[k] = v
			}
		}
		return x
	case webhook.Unknown:
		x.Raw = compactOrNil(x.Raw)
		return x
	}
	return p
}

func compactOrNil(b []byte) json.RawMessage {
	if b == nil {
		return nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return b
	}
	return buf.Bytes()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
		require.NoError(t, os.WriteFile(file, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err, "run go test -update to create it")
	if string(want) != got {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
		i := 0
		for i < min(len(wl), len(gl)) && wl[i] == gl[i] {
			i++
		}
		t.Errorf("%s differs from the builders' output at line %d (run go test -update and review the diff):\nwant %s\ngot  %s",
			file, i+1, lineAt(wl, i), lineAt(gl, i))
	}
}

func lineAt(ls []string, i int) string {
	if i < len(ls) {
		return ls[i]
	}
	return "(end of file)"
}
