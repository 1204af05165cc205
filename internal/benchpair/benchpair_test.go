package benchpair

import (
	"testing"
	"time"
)

var sink []byte

// TestRun holds Run to its turns: each side runs n calls in a row, the two
// going first in turn (so, past the first turn, a side's turns follow each
// other in twos); and to its metrics.
func TestRun(t *testing.T) {
	runs := make([]int, 0, 1<<20) // lengths of the runs of calls of one side, but the last; no growth in the run
	last, run := -1, 0
	call := func(side int) func() error {
		return func() error {
			if side != last && last >= 0 {
				runs = append(runs, run)
				run = 0
			}
			last = side
			run++
			if side == 1 {
				sink = make([]byte, 64)
			}
			return nil
		}
	}
	r := testing.Benchmark(func(b *testing.B) { Run(b, Side{"base", call(0)}, Side{"ours", call(1)}) })
	if r.N == 0 || len(runs) < r.N+2 {
		t.Fatalf("the benchmark ran %d iterations, in %d runs", r.N, len(runs))
	}
	// The timed loop's runs: base's first turn (n calls), then turns in
	// twos (2n), r.N-1 of them, and the last turn (n, still running).
	timed := append(runs[len(runs)-r.N:], run)
	n := timed[0]
	if last := timed[len(timed)-1]; last != n {
		t.Errorf("first and last turn: %d and %d calls", n, last)
	}
	for i, l := range timed[1 : len(timed)-1] {
		if l != 2*n {
			t.Fatalf("run %d of the timed loop: %d calls of one side in a row, want %d", i+1, l, 2*n)
		}
	}
	if r.Extra["ours-allocs/op"] != 1 || r.Extra["base-allocs/op"] != 0 {
		t.Errorf("allocs per call: ours %v, base %v; want 1 and 0", r.Extra["ours-allocs/op"], r.Extra["base-allocs/op"])
	}
	for _, m := range []string{"base-ns/op", "ours-ns/op", "ratio"} {
		if !(r.Extra[m] > 0) {
			t.Errorf("metric %s = %v", m, r.Extra[m])
		}
	}
	if q := r.Extra["ours-ns/op"] / r.Extra["base-ns/op"]; q/r.Extra["ratio"] < 0.999 || q/r.Extra["ratio"] > 1.001 {
		t.Errorf("ratio %v, ours-ns/op / base-ns/op %v", r.Extra["ratio"], q)
	}
}

// TestTurnCalls: a turn is about Turn of the faster side's calls, and one
// call when a call lasts longer. A sleep lasts at least its duration, so
// the upper bounds hold however slow the machine; the lower one, that
// calls of nothing are more than one to a turn, would take each of three
// timings of them to average Turn/2 a call.
func TestTurnCalls(t *testing.T) {
	sleep := func(d time.Duration) Side {
		return Side{d.String(), func() error { time.Sleep(d); return nil }}
	}
	var b testing.B
	if n := turnCalls(&b, [2]Side{sleep(2 * Turn), sleep(3 * Turn)}); n != 1 {
		t.Errorf("calls of 2 and 3 turns: %d to a turn, want 1", n)
	}
	if n := turnCalls(&b, [2]Side{sleep(2 * Turn), sleep(Turn / 4)}); n < 1 || n > 4 {
		t.Errorf("calls of 2 and 1/4 turns: %d to a turn, want 1 to 4", n)
	}
	nothing := Side{"nothing", func() error { return nil }}
	if n := turnCalls(&b, [2]Side{sleep(2 * Turn), nothing}); n < 2 {
		t.Errorf("calls of nothing: %d to a turn, want more than 1", n)
	}
}
