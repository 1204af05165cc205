package webhooktest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzAppendString: every string is written as valid JSON that reads back
// as encoding/json writes it (invalid UTF-8 as U+FFFD, byte by byte), with
// non-ASCII left unescaped as Veriff sends it.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "válida", `quote " and \ backslash`, "tab\tnew\nline\rcr", "\x00\x01\x1f\x7f",
		"bad \xff byte", "\xe2\x82", "emoji 😀", "<&>", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendString(nil, s)
		var got string
		require.NoError(t, json.Unmarshal(b, &got), "%q gave %s", s, b)
		std, err := json.Marshal(s)
		require.NoError(t, err)
		var want string
		require.NoError(t, json.Unmarshal(std, &want))
		require.Equal(t, want, got)
	})
}

func TestAppendStringLeavesNonASCII(t *testing.T) {
	assert.Equal(t, `"La credencial es válida"`, string(appendString(nil, "La credencial es válida")))
	assert.Equal(t, `"\u0001\n"`, string(appendString(nil, "\x01\n")))
}

func TestFormatTime(t *testing.T) {
	base := time.Date(2026, 3, 2, 10, 4, 58, 0, time.FixedZone("EET", 2*3600))
	for _, c := range []struct {
		ns     int
		digits int
		want   string
	}{
		{916_000_000, 3, "2026-03-02T08:04:58.916Z"},
		{0, 3, "2026-03-02T08:04:58.000Z"},
		{765_433_000, 6, "2026-03-02T08:04:58.765433Z"},
		{765_433_000, 3, "2026-03-02T08:04:58.765433Z"},
		{765_433_123, 3, "2026-03-02T08:04:58.765433123Z"},
		{765_433_123, 6, "2026-03-02T08:04:58.765433123Z"},
	} {
		tm := base.Add(time.Duration(c.ns))
		got := formatTime(tm, c.digits)
		assert.Equal(t, c.want, got)
		back, err := time.Parse(time.RFC3339Nano, got)
		require.NoError(t, err)
		assert.True(t, back.Equal(tm), "no precision lost")
	}
}

func TestWriterNulls(t *testing.T) {
	var w writer
	w.obj("")
	w.nullBool("a", true, false)
	w.nullBool("b", false, true)
	w.timeMicro("c", time.Time{})
	w.raw("d", nil, "{}")
	w.raw("e", []byte("not json"), "{}")
	w.nullFloat("f", 0, false)
	w.end()
	assert.Equal(t, `{"a":null,"b":false,"c":null,"d":{},"e":"not json","f":null}`, string(w.b))
}
