package veriffapitest

import "testing"

// TestCallsBounded: past 2*maxCalls the transcript keeps the latest maxCalls.
func TestCallsBounded(t *testing.T) {
	s := newServer(1, "", "")
	for i := range 2 * maxCalls {
		s.record("GET /v1/x", "", i, "")
	}
	if n := len(s.Calls()); n != 2*maxCalls {
		t.Fatalf("%d calls kept, want every one of %d", n, 2*maxCalls)
	}
	s.record("GET /v1/x", "", -1, "")
	c := s.Calls()
	if len(c) != maxCalls || c[len(c)-1].Status != -1 || c[0].Status != maxCalls+1 {
		t.Fatalf("kept %d, first %d, last %d; want the latest %d", len(c), c[0].Status, c[len(c)-1].Status, maxCalls)
	}
}
