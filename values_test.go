package webhook

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGather holds that a gather gives back every element in order, in one
// slice exactly as long as the array (so one allocation), across the
// elements it keeps on the stack and those past them, and nil for none.
func TestGather(t *testing.T) {
	for n := range 3*gatherStack + 2 {
		var g gather[int]
		for i := range n {
			e := g.next()
			require.Zero(t, *e)
			*e = i + 1
		}
		s := g.slice()
		if n == 0 {
			assert.Nil(t, s)
			continue
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i + 1
		}
		assert.Equal(t, want, s, "n=%d", n)
		assert.Equal(t, n, cap(s), "n=%d", n)
	}
}

// TestStringArrays reads string arrays of every length up to past what a
// gather keeps on the stack, with null elements, through the decision's
// risk labels.
func TestStringArrays(t *testing.T) {
	for n := range 2*gatherStack + 2 {
		want := make([]string, n)
		elems := ""
		for i := range n {
			if i > 0 {
				elems += ","
			}
			if i%3 == 2 {
				elems += "null" // null elements are ""
				continue
			}
			want[i] = string(rune('a' + i))
			elems += `"` + want[i] + `"`
		}
		d, err := ParseDecision([]byte(withDecision(`["s1","s2"]`, "["+elems+"]")))
		require.NoError(t, err, "n=%d", n)
		got := d.Verification.RiskLabels[0].SessionIDs
		if n == 0 {
			assert.Nil(t, got)
			continue
		}
		assert.Equal(t, want, got, "n=%d", n)
		assert.Equal(t, n, cap(got), "n=%d", n)
	}
}

// TestRiskLabelSessionIDs holds that the risk labels' session ids, which
// share one slice, go to their own labels, across labels that have none,
// null or an empty array, and past the labels a gather keeps on the stack;
// and that appending to one label's ids leaves the next label's alone.
func TestRiskLabelSessionIDs(t *testing.T) {
	var labels []string
	var want [][]string
	for i := range 2*gatherStack + 3 {
		var ids []string
		var elems []string
		for j := range i % 4 {
			id := fmt.Sprintf("s%d-%d", i, j)
			ids, elems = append(ids, id), append(elems, `"`+id+`"`)
		}
		member := `,"sessionIds":[` + strings.Join(elems, ",") + `]`
		switch i % 5 {
		case 3:
			member = "" // absent
		case 4:
			member, ids = `,"sessionIds":null`, nil
		}
		if member == "" {
			ids = nil
		}
		labels = append(labels, fmt.Sprintf(`{"label":"l%d"%s}`, i, member))
		want = append(want, ids)
	}
	body := withDecision(`"riskLabels":[{"label":"l","category":"document","sessionIds":["s1","s2"]}]`, `"riskLabels":[`+strings.Join(labels, ",")+`]`)
	d, err := ParseDecision([]byte(body))
	require.NoError(t, err)
	got := d.Verification.RiskLabels
	require.Len(t, got, len(want))
	for i, l := range got {
		assert.Equal(t, fmt.Sprintf("l%d", i), l.Label)
		assert.Equal(t, want[i], l.SessionIDs, "label %d", i)
		assert.Equal(t, len(l.SessionIDs), cap(l.SessionIDs), "label %d", i)
	}
	for i := range got[:len(got)-1] {
		if len(got[i].SessionIDs) > 0 && len(got[i+1].SessionIDs) > 0 {
			next := got[i+1].SessionIDs[0]
			_ = append(got[i].SessionIDs, "appended")
			assert.Equal(t, next, got[i+1].SessionIDs[0], "label %d", i+1)
		}
	}
}

// sameFloat asserts that optFloat's reading of the JSON number b, through
// decimalFloat when it takes b, has the bits strconv.ParseFloat gives.
func sameFloat(t *testing.T, b []byte) {
	t.Helper()
	want, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return // out of range: optFloat reports it through ParseFloat
	}
	if got, ok := decimalFloat(b); ok {
		assert.Equal(t, math.Float64bits(want), math.Float64bits(got), "%s: %v, strconv %v", b, got, want)
	}
}

// TestDecimalFloat holds decimalFloat to strconv.ParseFloat at the edges of
// what it takes (52 bits of digits, 22 after the point, the sign, zeros),
// and to leaving the rest to ParseFloat.
func TestDecimalFloat(t *testing.T) {
	for _, c := range []struct {
		in   string
		take bool
	}{
		{"0", true}, {"-0", true}, {"0.0", true}, {"-0.0", true}, {"32", true}, {"0.613", true}, {"-12.5", true},
		{"0.1", true}, {"0.3", true}, {"1.500", true}, {"0.000123", true}, {"123456789012345.6", true},
		{"4503599627370495", true}, {"4503599627370496", false}, // 2^52 - 1 and 2^52
		{"450359962737049.5", true}, {"450359962737049.6", false}, {"-4503599627370495", true},
		{"1." + strings.Repeat("0", 15), true}, {"1." + strings.Repeat("0", 16), false}, // 10^16 > 2^52
		{"0." + strings.Repeat("0", 21) + "1", true}, {"0." + strings.Repeat("0", 22) + "1", false},
		{"1e5", false}, {"1.5E-3", false}, {"-2e+10", false}, {"12345678901234567890", false},
	} {
		_, ok := decimalFloat([]byte(c.in))
		assert.Equal(t, c.take, ok, c.in)
		sameFloat(t, []byte(c.in))
	}
}

// FuzzDecimalFloat holds decimalFloat to strconv.ParseFloat on every JSON
// number (the reader has checked the grammar before optFloat reads one).
func FuzzDecimalFloat(f *testing.F) {
	for _, s := range []string{"0.613", "32", "-0", "4503599627370495", "0.0000000000000000000001", "1e5"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 || !(b[0] == '-' || b[0] >= '0' && b[0] <= '9') {
			return // scanNumber's callers have seen a number's first byte
		}
		if end, ok := scanNumber(b, 0); !ok || end != len(b) {
			return
		}
		sameFloat(t, b)
	})
}
