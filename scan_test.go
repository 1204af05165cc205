package webhook

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSkipWS holds skipWS and skipIndent to the first byte that is not
// whitespace, or the end, across runs of spaces of every length up to past
// two words (skipIndent skips eight at a time) mixed with the other
// whitespace bytes.
func TestSkipWS(t *testing.T) {
	for n := range 20 {
		for _, lead := range []string{"", "\n", "\t", " \r\n"} {
			for _, tail := range []string{"x", `"`, "\t x", "\n" + strings.Repeat(" ", n) + "}", ""} {
				ws := lead + strings.Repeat(" ", n)
				s := "," + ws + tail
				want := len(s) - len(strings.TrimLeft(s[1:], " \t\r\n"))
				assert.Equal(t, want, skipWS([]byte(s), 1), "skipWS %q", s)
				assert.Equal(t, want, skipIndent([]byte(s), 1), "skipIndent %q", s)
			}
		}
	}
}

// TestScanPlain holds scanPlain, and the word test specialMask under it, to
// the first byte the plain table rejects: every byte value at every offset
// of words one and two and of the byte-by-byte tail, behind plain bytes and
// followed by plain bytes, by the same byte again and by each other special
// byte (a borrow runs upwards and may mark those, never anything below).
func TestScanPlain(t *testing.T) {
	fill := []byte(" !#AZaz~\x7f") // plain bytes next to the special ones
	for c := range 256 {
		for _, n := range []int{24, 19} { // 24: two words and one; 19: the tail too
			for k := range n {
				for _, above := range []byte{'a', byte(c), '"', '\\', 0x1f, 0x80, 0} {
					d := make([]byte, n)
					for i := range d {
						d[i] = fill[i%len(fill)]
					}
					d[k] = byte(c)
					for i := k + 1; i < n; i++ {
						d[i] = above
					}
					want := k
					if plain[c] {
						want = k + 1
						for want < n && plain[d[want]] {
							want++
						}
					}
					if got := scanPlain(d, 0); got != want {
						t.Fatalf("scanPlain(%q) = %d, want %d", d, got, want)
					}
				}
			}
		}
	}
}
