// Command benchratio reads "go test -bench" output on stdin and prints, for
// each pair of benchmarks in bench_test.go, the median of their ratios
// round by round and whether it meets the project's target. Run it through
// .ci/bench, whose rounds each run both benchmarks of a pair back to back:
// the ratio within a round is what a slow spell of the machine changes
// least, where the ratio of the two medians can take them from different
// rounds (in one run here, 1.08x against a median round of 1.04x). Most
// pairs are one benchmark that times both sides in turn within each
// iteration and reports their ratio (benchpair.Run), which a slow spell
// changes less again.
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// pair compares two benchmarks by ns/op: ratio = num/den, round by round.
// A pair with no den reads the ratio a benchmark reports itself, as its
// metric "ratio", from timing both sides in each of its iterations.
type pair struct {
	what     string
	num, den string
	lo, hi   float64 // the target: lo <= ratio <= hi
	target   string
}

var pairs = []pair{
	{"Parse, documented 7007 compact: encoding/json / ours", "Parse/payload=compact/impl=encoding-json/against=ours", "", 8, 1e9, ">= 8x"},
	{"Parse, documented 7007 as documented: encoding/json / ours", "Parse/payload=documented/impl=encoding-json/against=ours", "", 8, 1e9, ">= 8x"},
	{"Verify (Verifier), one secret: ours / sha256.Sum256", "Verify/impl=ours/against=sha256-floor", "", 0, 1.5, "<= 1.5x"},
	{"Verify (package func, keys per call): ours / sha256.Sum256", "Verify/impl=ours-package-func/against=sha256-floor", "", 0, 1e9, "(reported)"},
	{"Verify: hmac.New per call / ours", "Verify/impl=hmac-per-call/against=ours", "", 0, 1e9, "(reported)"},
	{"Verify: crypto/hmac pooled, Reset per call / ours", "Verify/impl=hmac-pooled/against=ours", "", 0, 1e9, "(reported)"},
	{"Verify 1 MiB throughput: ours / sha256.Sum256", "Verify1MiB/impl=sha256-floor/against=ours", "", 0.9, 1e9, ">= 0.9x"},
	{"Parse, 1 MiB unknown string: 2 MiB / 1 MiB", "ParseLarge/shape=string/size=2MiB/against=1MiB", "", 1.8, 2.2, "1.8x-2.2x"},
	{"Parse, 1 MiB unknown array: 2 MiB / 1 MiB", "ParseLarge/shape=array/size=2MiB/against=1MiB", "", 1.8, 2.2, "1.8x-2.2x"},
	{"Parse, 1 MiB unknown object: 2 MiB / 1 MiB", "ParseLarge/shape=object/size=2MiB/against=1MiB", "", 1.8, 2.2, "1.8x-2.2x"},
	{"Parse, 1 MiB vendorData: unknown member after it / none", "ParseLarge/shape=late/size=1MiB/against=known", "", 0, 1e9, "(reported)"},
	{"ParseDecision, documented sample compact: encoding/json / ours", "ParseDecision/payload=compact/impl=encoding-json", "ParseDecision/payload=compact/impl=ours", 3, 1e9, ">= 3x"},
	{"ParseDecision, documented sample as documented: encoding/json / ours", "ParseDecision/payload=documented/impl=encoding-json", "ParseDecision/payload=documented/impl=ours", 3, 1e9, ">= 3x"},
	{"ParseDecision, 1 MiB unknown member: 2 MiB / 1 MiB", "ParseDecisionLarge/where=top/size=2MiB/against=1MiB", "", 1.8, 2.2, "1.8x-2.2x"},
	// Kept whole, so copied: the copy's allocation and the collections it
	// brings vary too much from run to run for a bound.
	{"ParseDecision, 1 MiB in additionalVerifiedData: 2 MiB / 1 MiB", "ParseDecisionLarge/where=additional/size=2MiB/against=1MiB", "", 0, 1e9, "(reported)"},
	{"ParseAny / Parse, documented 7007 compact", "ParseAny/payload=event/impl=parse-any/against=kind-parser", "", 0, 1.05, "<= 1.05x"},
	{"ParseAny / ParseDecision, documented decision compact", "ParseAny/payload=decision/impl=parse-any/against=kind-parser", "", 0, 1.05, "<= 1.05x"},
	{"Handler end to end: ours / bare handler", "Handler/impl=ours/against=bare", "", 0, 1.2, "<= 1.2x"},
	// The floor: io.ReadAll, Verifier.Verify and ParseAny, nothing else.
	{"Handler end to end: ours / floor (read, verify, parse)", "Handler/impl=ours/against=floor", "", 0, 1e9, "(reported)"},
	{"Handler end to end: floor (read, verify, parse) / bare", "Handler/impl=floor/against=bare", "", 0, 1e9, "(reported)"},
	{"SessionState.Apply / ParseAny, documented 7002", "SessionApply/payload=event/impl=apply", "SessionApply/payload=event/impl=parse", 0, 1, "< 1x"},
	{"SessionState.Apply / ParseAny, documented decision", "SessionApply/payload=decision/impl=apply", "SessionApply/payload=decision/impl=parse", 0, 1, "< 1x"},
	{"SessionState.Apply / ParseAny, documented watchlist", "SessionApply/payload=watchlist/impl=apply", "SessionApply/payload=watchlist/impl=parse", 0, 1, "< 1x"},
	{"State JSON round trip + Apply / ParseAny, decision", "SessionApply/payload=decision/impl=apply-json", "SessionApply/payload=decision/impl=parse", 0, 1e9, "(reported)"},
	// veriffapi: the client against the local Veriff, on loopback.
	{"API Decision vs the fake: ours / bare GET of the same body", "APIDecision/against=fake", "", 0, 1.3, "<= 1.3x"},
	{"API Decision vs a static server: ours / bare http.Get", "APIDecision/against=static", "", 0, 1e9, "(reported)"},
	{"DownloadMedia 100 MiB over 1 Gbit/s, throughput: ours / io.Copy", "APIDownloadMedia/link=1Gbit/impl=io-copy", "APIDownloadMedia/link=1Gbit/impl=client", 0.9, 1e9, ">= 0.9x"},
	{"DownloadMedia 100 MiB on loopback, throughput: ours / HMAC copy", "APIDownloadMedia/link=loopback/impl=hmac-copy", "APIDownloadMedia/link=loopback/impl=client", 0.9, 1e9, ">= 0.9x"},
	// Bounded by SHA-256, slower than loopback: see docs/performance.md.
	{"DownloadMedia 100 MiB on loopback, throughput: ours / io.Copy", "APIDownloadMedia/link=loopback/impl=io-copy", "APIDownloadMedia/link=loopback/impl=client", 0, 1e9, "(reported)"},
}

// bytesLimits are the targets of B/op, per benchmark: memory that stays
// flat whatever the size of what goes through.
var bytesLimits = map[string]float64{
	"APIDownloadMedia/link=loopback/impl=client": 1 << 20,
	"APIDownloadMedia/link=1Gbit/impl=client":    1 << 20,
}

// allocLimits are the allocation targets, per benchmark: of its
// allocs/op, or of a side's allocations per call (SIDE-allocs/op) in a
// benchmark that times two.
var allocLimits = []struct {
	bench, unit string
	max         float64
}{
	{"Parse/payload=compact/impl=encoding-json/against=ours", "ours-allocs/op", 1},
	{"Parse/payload=documented/impl=encoding-json/against=ours", "ours-allocs/op", 1},
	{"Verify/impl=ours/against=sha256-floor", "ours-allocs/op", 0},
	{"SessionApply/payload=event/impl=apply", "allocs/op", 0},
	{"SessionApply/payload=decision/impl=apply", "allocs/op", 0},
	{"SessionApply/payload=watchlist/impl=apply", "allocs/op", 0},
}

// allocRatios are the allocation targets relative to a baseline: ours may
// allocate at most max times what the baseline allocates.
var allocRatios = []struct {
	ours, baseline string
	max            float64
}{
	{"ParseDecision/payload=compact/impl=ours", "ParseDecision/payload=compact/impl=encoding-json", 1.0 / 3},
	{"ParseDecision/payload=documented/impl=ours", "ParseDecision/payload=documented/impl=encoding-json", 1.0 / 3},
}

var (
	line   = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)
	metric = regexp.MustCompile(`([\d.e+-]+) (\S+)`)
)

func main() {
	// metrics[unit][benchmark]: the values of each round, in order.
	metrics := map[string]map[string][]float64{}
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := line.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		for _, kv := range metric.FindAllStringSubmatch(m[2], -1) {
			v, err := strconv.ParseFloat(kv[1], 64)
			if err != nil {
				continue
			}
			if metrics[kv[2]] == nil {
				metrics[kv[2]] = map[string][]float64{}
			}
			metrics[kv[2]][m[1]] = append(metrics[kv[2]][m[1]], v)
		}
	}
	ns, ratios, bytes, allocs := metrics["ns/op"], metrics["ratio"], metrics["B/op"], metrics["allocs/op"]
	missed := 0
	fmt.Printf("%-62s %8s %12s  %s\n", "pair (median of the rounds' ratios)", "ratio", "target", "")
	for _, p := range pairs {
		var r float64
		n := 0
		if p.den == "" {
			if n = len(ratios[p.num]); n > 0 {
				r = median(ratios[p.num])
			}
		} else if a, b := ns[p.num], ns[p.den]; len(a) > 0 && len(b) > 0 {
			r, n = medianRatio(a, b), min(len(a), len(b))
		}
		if n == 0 {
			fmt.Printf("%-62s %8s %12s  NOT RUN\n", p.what, "-", p.target)
			missed++ // a renamed benchmark must not pass its target unseen
			continue
		}
		verdict := "met"
		switch {
		case p.target == "(reported)":
			verdict = ""
		case r < p.lo || r > p.hi:
			verdict = "MISSED"
			missed++
		}
		fmt.Printf("%-62s %7.2fx %12s  %s (n=%d)\n", p.what, r, p.target, verdict, n)
	}
	for _, l := range allocLimits {
		v := metrics[l.unit][l.bench]
		if len(v) == 0 {
			fmt.Printf("%-62s %8s %12s  NOT RUN\n", l.unit+" of "+l.bench, "-", fmt.Sprintf("<= %.0f", l.max))
			missed++
			continue
		}
		a := median(v)
		verdict := "met"
		if a > l.max {
			verdict = "MISSED"
			missed++
		}
		what := l.unit + " of " + l.bench
		if l.unit == "allocs/op" {
			what = "allocs/op of " + l.bench
		}
		fmt.Printf("%-62s %8.0f %12s  %s\n", what, a, fmt.Sprintf("<= %.0f", l.max), verdict)
	}
	for n, limit := range bytesLimits {
		if len(bytes[n]) == 0 {
			fmt.Printf("%-62s %8s %12s  NOT RUN\n", "B/op of "+n, "-", fmt.Sprintf("<= %.0f", limit))
			missed++
			continue
		}
		v := median(bytes[n])
		verdict := "met"
		if v > limit {
			verdict = "MISSED"
			missed++
		}
		fmt.Printf("%-62s %8.0f %12s  %s\n", "B/op of "+n, v, fmt.Sprintf("<= %.0f", limit), verdict)
	}
	for _, r := range allocRatios {
		a, b := allocs[r.ours], allocs[r.baseline]
		if len(a) == 0 || len(b) == 0 {
			fmt.Printf("%-62s %8s %12s  NOT RUN\n", "allocs/op of "+r.ours, "-", fmt.Sprintf("<= %.2fx", r.max))
			missed++
			continue
		}
		ratio := median(a) / median(b)
		verdict := "met"
		if ratio > r.max {
			verdict = "MISSED"
			missed++
		}
		fmt.Printf("%-62s %7.2fx %12s  %s (%.0f vs %.0f)\n", "allocs/op of "+r.ours, ratio, fmt.Sprintf("<= %.2fx", r.max), verdict, median(a), median(b))
	}
	if missed > 0 {
		fmt.Printf("%d target(s) missed or not run\n", missed)
		os.Exit(1)
	}
}

// medianRatio returns the median of a[i]/b[i], the ratios of the rounds
// both ran in.
func medianRatio(a, b []float64) float64 {
	r := make([]float64, min(len(a), len(b)))
	for i := range r {
		r[i] = a[i] / b[i]
	}
	return median(r)
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
