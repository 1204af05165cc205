package webhook

import (
	"fmt"
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
