package webhooktest

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestResultOK holds the one rule of what answer a delivery expects: any
// 2xx for a delivery expecting success (Veriff takes any 2xx), exactly the
// status otherwise, and never a failed send.
func TestResultOK(t *testing.T) {
	for _, tc := range []struct {
		expect, status int
		ok             bool
	}{
		{0, 200, true}, {0, 204, true}, {0, 299, true}, {0, 199, false}, {0, 300, false}, {0, 401, false},
		{200, 200, true}, {200, 202, true}, {200, 500, false}, {200, 401, false},
		{401, 401, true}, {401, 200, false}, {401, 403, false},
	} {
		r := Result{Delivery: Delivery{Expect: tc.expect}, Status: tc.status}
		assert.Equal(t, tc.ok, r.OK(), "expect %d, answered %d", tc.expect, tc.status)
	}
	assert.False(t, Result{Delivery: Delivery{Expect: 200}, Status: 200, Err: errors.New("x")}.OK())
	assert.Equal(t, "any 2xx", expected(Delivery{Expect: 200}))
	assert.Equal(t, "401", expected(Delivery{Expect: 401}))
}
