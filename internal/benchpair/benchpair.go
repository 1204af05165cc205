// Package benchpair times ours beside a baseline within the same
// benchmark iterations, for the targets that are a ratio of the two.
//
// On a shared machine speed wanders from one second to the next by more
// than a target's margin, so two sub-benchmarks run one after the other
// give ratios that move from round to round (1.24x to 1.56x for the
// Handler in one run of five rounds). Run takes turns instead: each
// iteration runs a turn of each side, the two going first in turn, and
// times each turn apart, so that a slow spell of the machine hits both
// sides.
package benchpair

import (
	"testing"
	"time"
)

// Side is one side of a pair: the name its metrics carry, and the call
// measured.
type Side struct {
	Name string
	Call func() error
}

// Turn is about how long the faster side's turn lasts: long enough for its
// calls to run warm, as in a plain benchmark loop, and for reading the
// clock (about 80 ns on the project's VM) to weigh nothing; short enough
// that the machine's speed, which wanders over seconds, changes little
// between two turns.
const Turn = time.Millisecond

// Run measures ours beside base in b's iterations. Each iteration runs a
// turn of each side, n calls in a row, base first in one iteration and ours
// in the next, and times each turn; n is set, once, so that the faster
// side's turn lasts about Turn (one call, for calls longer than that). It
// reports each side's time per call (NAME-ns/op) and allocations per call
// (NAME-allocs/op, counted before the timed loop by
// testing.AllocsPerRun), and ratio: ours' time over base's over the whole
// run, the number a target holds. b's own ns/op and allocs/op are an
// iteration's: n calls of each side.
func Run(b *testing.B, base, ours Side) {
	b.Helper()
	sides := [2]Side{base, ours}
	n := turnCalls(b, sides)
	var allocs [2]float64
	for i, s := range sides {
		allocs[i] = testing.AllocsPerRun(min(n, 100), func() { _ = s.Call() })
	}
	b.ReportAllocs()
	var spent [2]time.Duration
	i := 0
	for b.Loop() {
		for k := range 2 {
			s := (i + k) % 2
			start := time.Now()
			for range n {
				if err := sides[s].Call(); err != nil {
					b.Fatalf("%s: %v", sides[s].Name, err)
				}
			}
			spent[s] += time.Since(start)
		}
		i++
	}
	calls := float64(i * n)
	// (Reported after the loop: its start deletes the metrics reported.)
	b.ReportMetric(allocs[0], base.Name+"-allocs/op")
	b.ReportMetric(allocs[1], ours.Name+"-allocs/op")
	b.ReportMetric(float64(spent[0].Nanoseconds())/calls, base.Name+"-ns/op")
	b.ReportMetric(float64(spent[1].Nanoseconds())/calls, ours.Name+"-ns/op")
	b.ReportMetric(float64(spent[1])/float64(spent[0]), "ratio")
}

// turnCalls times each side's calls, doubling their number up to a tenth
// of Turn, and returns how many calls of the faster side last about Turn.
// Each side's time per call is the least of three timings of that number
// of calls, so that a pause of the machine in one of them does not count.
func turnCalls(b *testing.B, sides [2]Side) int {
	fastest := time.Duration(1<<63 - 1)
	for _, s := range sides {
		timed := func(k int) time.Duration {
			start := time.Now()
			for range k {
				if err := s.Call(); err != nil {
					b.Fatalf("%s: %v", s.Name, err)
				}
			}
			return time.Since(start)
		}
		k := 1
		for timed(k) < Turn/10 {
			k *= 2
		}
		fastest = min(fastest, min(timed(k), timed(k), timed(k))/time.Duration(k))
	}
	return max(1, int(Turn/max(fastest, 1)))
}
