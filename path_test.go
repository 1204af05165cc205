package webhook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJSONPath pins the one path syntax: plain names dotted, indices in
// brackets, every other name quoted in brackets.
func TestJSONPath(t *testing.T) {
	for want, steps := range map[string][]any{
		"verification.person.firstName":   {"verification", "person", "firstName"},
		"hits[2].aka":                     {"hits", 2, "aka"},
		"[0]":                             {0},
		`x["a.b"][""]["[0]"]`:             {"x", "a.b", "", "[0]"},
		`["\"q\""]`:                       {`"q"`},
		`person["prénom"]`:                {"person", "prénom"},
		`a["\x00"]`:                       {"a", "\x00"},
		"a-b_c$1":                         {"a-b_c$1"},
		"":                                {},
		`data.verification.person["a.b"]`: {"data", "verification", "person", "a.b"},
	} {
		assert.Equal(t, want, jsonPath(steps...), "%q", steps)
		// renderPath takes the steps innermost first.
		var rev []pathStep
		for i := len(steps) - 1; i >= 0; i-- {
			switch s := steps[i].(type) {
			case string:
				rev = append(rev, pathStep{name: s, index: -1})
			case int:
				rev = append(rev, pathStep{index: s})
			}
		}
		assert.Equal(t, want, renderPath(rev), "%q", steps)
	}
	// Paths that differ as steps differ as text.
	seen := map[string][]any{}
	for _, steps := range [][]any{{"a.b"}, {"a", "b"}, {"a", ""}, {"a", "", ""}, {"a", 0}, {"a", "0"}, {"a", "[0]"},
		{"a[0]"}, {""}, {"", ""}, {`"`}, {`a"`, "b"}} {
		p := jsonPath(steps...)
		if other, dup := seen[p]; dup {
			t.Errorf("%q and %q both render as %s", steps, other, p)
		}
		seen[p] = steps
	}
	assert.PanicsWithValue(t, "webhook: jsonPath step 1.5 is a float64, not a string or an int", func() { jsonPath("a", 1.5) })
}

// TestPathsAgree checks that an error and UnknownValues name a member with
// an unusual key alike.
func TestPathsAgree(t *testing.T) {
	body := `{"eventType":"fullauto","sessionId":"s","data":{"verification":{"person":{"a.b":{"confidenceCategory":"odd"},"":{"confidenceCategory":"odd"}}}}}`
	p, err := ParseAny([]byte(body))
	require.NoError(t, err)
	assert.Equal(t, []string{`data.verification.person[""].confidenceCategory`, `data.verification.person["a.b"].confidenceCategory`},
		p.(FullAuto).UnknownValues())
	_, err = ParseAny([]byte(`{"eventType":"fullauto","sessionId":"s","data":{"verification":{"person":{"a.b":{"confidenceCategory":1}}}}}`))
	var pe *PayloadError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, `data.verification.person["a.b"].confidenceCategory`, pe.Field)
}

// TestEscapedNames checks member names with escapes: unescaped into one
// buffer, they stay intact while later escaped names are read, and count
// as duplicates of their plain spelling.
func TestEscapedNames(t *testing.T) {
	body := `{"eventType":"fullauto","sessionId":"s","data":{"verification":{"person":{` +
		`"a\u0062":{"value":"x","components":{"k\u0031":1,"\u006b2":{"\u006b3":[{"k\u0034":1}]}}},` +
		`"\u0063d":{"value":"y"}}}}}`
	p, err := ParseAny([]byte(body))
	require.NoError(t, err)
	person := p.(FullAuto).Verification.Person
	assert.Equal(t, "x", person["ab"].Value)
	assert.Equal(t, "y", person["cd"].Value)
	assert.Len(t, person, 2)
	for _, dup := range []string{`{"a\u0062":1,"ab":2}`, `{"ab":1,"a\u0062":2}`, `{"\u0061b":1,"a\u0062":2}`,
		`{"\u0078":1,"a\u0062":2,"ab":3}`, `{"\u0078":1,"x\u0079":2,"a\u0062":3,"ab":4}`} {
		_, err := ParseAny([]byte(dup))
		var pe *PayloadError
		require.ErrorAs(t, err, &pe, dup)
		assert.ErrorIs(t, err, ErrDuplicateMember, dup)
		assert.Equal(t, "ab", pe.Field, dup)
	}
}
