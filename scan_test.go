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
