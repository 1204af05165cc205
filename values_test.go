package webhook

import (
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
