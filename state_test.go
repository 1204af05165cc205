package webhook

import (
	"bufio"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// constantLiterals returns the exported constants of type typ declared in
// file, with the source text of their literal values and their doc
// comments, in source order.
func constantLiterals(t *testing.T, file, typ string) (names, lits, docs []string) {
	t.Helper()
	f, err := goparser.ParseFile(token.NewFileSet(), file, nil, goparser.ParseComments)
	require.NoError(t, err)
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != typ {
				continue
			}
			require.Len(t, vs.Names, 1)
			lit, ok := vs.Values[0].(*ast.BasicLit)
			require.True(t, ok, "constant %s must be a literal", vs.Names[0])
			names = append(names, vs.Names[0].Name)
			lits = append(lits, lit.Value)
			docs = append(docs, vs.Doc.Text())
		}
	}
	return names, lits, docs
}

// constants returns the exported string constants of type typ declared in
// file, with their values and doc comments, in source order.
func constants(t *testing.T, file, typ string) (names, values, docs []string) {
	t.Helper()
	names, lits, rawDocs := constantLiterals(t, file, typ)
	for i, lit := range lits {
		v, err := strconv.Unquote(lit)
		require.NoError(t, err)
		values = append(values, v)
		docs = append(docs, strings.TrimSpace(rawDocs[i]))
	}
	return names, values, docs
}

func camel(prefix, wire string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, w := range strings.Split(wire, "_") {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

var wireStyle = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// TestStateTable proves that the constants, their comments and stateTable
// say the same thing, and that they cover Veriff's table row for row.
func TestStateTable(t *testing.T) {
	names, values, docs := constants(t, "state.go", "State")
	hyphenated := map[int]string{}
	for _, l := range stateEvidence(t) {
		if l.source == "sdk-hyphen" {
			hyphenated[l.row] = l.wire
		}
	}

	// Veriff's table, as the spec gives it: 84 rows, row 1 identified.
	f, err := os.Open("testdata/veriff-states.tsv")
	require.NoError(t, err)
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rows = append(rows, strings.Split(sc.Text(), "\t"))
	}
	require.NoError(t, sc.Err())
	rows = rows[1:]
	require.Len(t, rows, 84)

	require.Len(t, names, len(rows), "one constant per row of Veriff's table")
	require.Len(t, stateTable, len(rows), "one table entry per row of Veriff's table")
	require.Len(t, States(), len(rows))

	seen := map[string]bool{}
	confirmed := 0
	for i, info := range stateTable {
		row := i + 1
		assert.Equal(t, strconv.Itoa(row), rows[i][0])
		if rows[i][1] != "" {
			assert.Equal(t, rows[i][1], string(info.state), "row %d has a documented identifier", row)
			assert.Equal(t, EvidenceConfirmed, info.evidence, "row %d is documented", row)
		} else {
			assert.NotEqual(t, EvidenceConfirmed, info.evidence, "row %d has no documented identifier, so it cannot be confirmed", row)
		}
		assert.False(t, seen[string(info.state)], "duplicate value %q", info.state)
		seen[string(info.state)] = true
		assert.Equal(t, values[i], string(info.state), "constants and table must be in the same order")
		assert.Equal(t, camel("State", values[i]), names[i])
		assert.Regexp(t, wireStyle, values[i])
		assert.NotEmpty(t, info.description)
		assert.True(t, info.state.IsKnown())
		assert.Equal(t, info.description, info.state.Description())
		assert.Equal(t, info.evidence, info.state.Evidence())
		assert.Equal(t, info.evidence == EvidenceConfirmed, info.state.IsConfirmed())
		if info.evidence == EvidenceConfirmed {
			confirmed++
		}

		// The comment names the table's grade in words, and the SDK's
		// hyphenated spelling where the evidence file gives one.
		word, ok := gradeWords[info.evidence]
		require.True(t, ok, "row %d has no grade", row)
		desc := info.description
		if !strings.HasPrefix(desc, "End-user") && !strings.HasPrefix(desc, "SDK") {
			desc = strings.ToLower(desc[:1]) + desc[1:]
		}
		want := names[i] + " (row " + strconv.Itoa(row) + ", " + word + "): " + desc + "."
		if h := hyphenated[row]; h != "" {
			want += " Veriff's Android SDK 3.17.0 spells a related name with hyphens: " + h + "."
		}
		assert.Equal(t, want, strings.Join(strings.Fields(docs[i]), " "), "doc comment of %s", names[i])
	}
	assert.Equal(t, 1, confirmed, "only client_started is documented by Veriff")
	assert.True(t, StateClientStarted.IsConfirmed())
	assert.NotEqual(t, stateTable[34].state, stateTable[43].state, "rows 35 and 44 are two states")
	assert.Equal(t, rows[34][2], rows[43][2], "rows 35 and 44 share a description in Veriff's table")
}

// gradeWords is how a state's comment names each grade.
var gradeWords = map[Evidence]string{
	EvidenceConfirmed:        "confirmed",
	EvidenceDocumentedReason: "documented by Veriff as a reason",
	EvidenceSDK:              "seen in Veriff's Android SDK 3.17.0",
	EvidenceInferred:         "inferred",
}

// evidenceLine is one line of testdata/state-evidence.tsv.
type evidenceLine struct {
	row          int // 0 for a capture prefix
	source, wire string
}

// stateEvidence reads testdata/state-evidence.tsv, a copy of the row lists
// of the project's evidence file (which is not part of this repository).
func stateEvidence(t *testing.T) []evidenceLine {
	t.Helper()
	b, err := os.ReadFile("testdata/state-evidence.tsv")
	require.NoError(t, err)
	var lines []evidenceLine
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "row\t") {
			continue
		}
		f := strings.Split(l, "\t")
		require.True(t, len(f) == 2 || len(f) == 3, "line %q", l)
		var e evidenceLine
		if f[0] != "-" {
			e.row, err = strconv.Atoi(f[0])
			require.NoError(t, err, "line %q", l)
			require.True(t, e.row >= 1 && e.row <= 84, "line %q", l)
		}
		e.source = f[1]
		if len(f) == 3 {
			e.wire = f[2]
		}
		lines = append(lines, e)
	}
	return lines
}

// TestStateEvidence holds every state's grade to the evidence file: a row
// gets the strongest grade among the sources that list it, a row listed
// only as having no evidence (or only with a hyphenated relative) is
// inferred, and every row is accounted for.
func TestStateEvidence(t *testing.T) {
	states := States()
	require.Len(t, states, 84)
	lines := stateEvidence(t)

	var prefixes []string
	for _, l := range lines {
		if l.source == "capture-prefix" {
			prefixes = append(prefixes, l.wire)
		}
	}
	require.Len(t, prefixes, 9)

	want := make([]Evidence, 85) // by row; EvidenceNone until a line names the row
	listedNone := map[int]bool{}
	for _, l := range lines {
		if l.source == "capture-prefix" {
			continue
		}
		s := states[l.row-1]
		var g Evidence
		switch l.source {
		case "confirmed":
			g = EvidenceConfirmed
			assert.Equal(t, l.wire, string(s), "row %d", l.row)
		case "reason":
			g = EvidenceDocumentedReason
			assert.Equal(t, l.wire, string(s), "row %d", l.row)
			assert.True(t, Reason(l.wire).IsKnown(), "row %d is a documented reason", l.row)
		case "sdk-event":
			g = EvidenceSDK
		case "sdk-message":
			g = EvidenceSDK
			assert.Equal(t, l.wire, string(s), "row %d", l.row)
		case "sdk-capture":
			g = EvidenceSDK
			prefix, ok := strings.CutSuffix(string(s), l.wire)
			assert.True(t, ok, "row %d ends with %s", l.row, l.wire)
			assert.Contains(t, prefixes, prefix, "row %d starts with a capture prefix", l.row)
		case "sdk-hyphen":
			g = EvidenceInferred // a related name, not this identifier
			assert.Equal(t, string(s), strings.ReplaceAll(l.wire, "-", "_"), "row %d", l.row)
		case "none":
			g = EvidenceInferred
			listedNone[l.row] = true
		default:
			t.Fatalf("unknown source %q", l.source)
		}
		want[l.row] = max(want[l.row], g)
	}

	count := map[Evidence]int{}
	for i, s := range states {
		row := i + 1
		require.NotEqual(t, EvidenceNone, want[row], "row %d is missing from the evidence fixture", row)
		if listedNone[row] {
			assert.Equal(t, EvidenceInferred, want[row], "row %d is listed as having no evidence, and also with some", row)
		}
		assert.Equal(t, want[row], s.Evidence(), "row %d (%s)", row, s)
		count[s.Evidence()]++
	}
	// The counts docs/evidence.md gives.
	assert.Equal(t, map[Evidence]int{EvidenceConfirmed: 1, EvidenceDocumentedReason: 5, EvidenceSDK: 44, EvidenceInferred: 34}, count)
}

func TestEvidenceString(t *testing.T) {
	for e, want := range map[Evidence]string{
		EvidenceNone: "none", EvidenceInferred: "inferred", EvidenceSDK: "sdk",
		EvidenceDocumentedReason: "documented-reason", EvidenceConfirmed: "confirmed", 9: "Evidence(9)",
	} {
		assert.Equal(t, want, e.String())
	}
	assert.Less(t, EvidenceInferred, EvidenceSDK, "grades are ordered weakest first")
	assert.Less(t, EvidenceSDK, EvidenceDocumentedReason)
	assert.Less(t, EvidenceDocumentedReason, EvidenceConfirmed)
}

func TestUnknownState(t *testing.T) {
	for _, s := range []State{"", "Client_Started", "client_started ", "brand_new_state"} {
		assert.False(t, s.IsKnown(), "%q", s)
		assert.False(t, s.IsConfirmed(), "%q", s)
		assert.Equal(t, EvidenceNone, s.Evidence(), "%q", s)
		assert.Empty(t, s.Description(), "%q", s)
		assert.Equal(t, string(s), s.String())
	}
}

// TestReasonTable proves that the Reason constants, their comments and the
// reasons table say the same thing: each comment names the action the table
// gives, then the table's description.
func TestReasonTable(t *testing.T) {
	names, values, docs := constants(t, "action.go", "Reason")
	require.Len(t, names, 8, "spec section 4 documents eight reasons")
	require.Len(t, reasons, len(names))
	for i, v := range values {
		r := Reason(v)
		assert.Equal(t, camel("Reason", v), names[i])
		assert.True(t, r.IsKnown())
		assert.True(t, r.Action().IsKnown(), "%s goes with a known action", r)
		assert.NotEmpty(t, r.Description())
		assert.Equal(t, v, r.String())
		d := r.Description()
		want := names[i] + " goes with " + camel("Action", string(r.Action())) + ": " + strings.ToLower(d[:1]) + d[1:] + "."
		assert.Equal(t, want, strings.Join(strings.Fields(docs[i]), " "), "the comment of %s", names[i])
	}
	assert.Equal(t, ActionWaitingComplete, ReasonFinalDecisionReceivedFromSocket.Action())
	assert.Equal(t, ActionFlowFinished, ReasonFinishedScreenConfirmedClicked.Action())
	assert.Equal(t, ActionFlowCancelled, ReasonMobileHandoverScreenShown.Action())
	unknown := Reason("new_reason")
	assert.False(t, unknown.IsKnown())
	assert.Empty(t, unknown.Action())
	assert.Empty(t, unknown.Description())
}

func TestActionFeatureCode(t *testing.T) {
	_, values, _ := constants(t, "action.go", "Action")
	assert.Equal(t, []string{"started", "submitted", "waiting_complete", "flow_finished", "flow_cancelled"}, values)
	for _, v := range values {
		assert.True(t, Action(v).IsKnown())
		assert.Equal(t, v, Action(v).String())
	}
	assert.False(t, Action("Started").IsKnown())
	assert.True(t, FeatureSelfID.IsKnown())
	assert.False(t, Feature("selfId").IsKnown())
	assert.Equal(t, "selfid", FeatureSelfID.String())

	for code, want := range map[Code]struct {
		known, flow bool
		action      Action
	}{
		7001: {true, false, ActionStarted}, 7002: {true, false, ActionSubmitted}, 7007: {true, true, ActionWaitingComplete},
		7003: {false, false, ""}, 7006: {false, false, ""}, 7008: {true, true, ""}, 7009: {true, true, ""}, 7010: {true, true, ""},
		9001: {true, false, ""}, 9102: {true, false, ""}, 9103: {true, false, ""}, 9104: {true, false, ""}, 9121: {true, false, ""}, 9151: {false, false, ""}, 7011: {false, false, ""}, 0: {false, false, ""},
	} {
		assert.Equal(t, want.known, code.IsKnown(), "%d", code)
		assert.Equal(t, want.flow, code.IsFlowEvent(), "%d", code)
		assert.Equal(t, want.action, code.Action(), "%d", code)
		assert.Equal(t, strconv.Itoa(int(code)), code.String())
	}
}
