package webhook

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// The byte-level scanning of JSON text, shared by the strict reader
// (reader.go) and by the quick passes that take the usual bodies without it:
// the event's fast path (eventfast.go) and the skims that detect a kind
// (detect.go). Nothing here builds an error or knows a kind.

// isSpace marks JSON's four whitespace bytes.
var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// skipWS returns the offset of the first byte at or after i that is not
// JSON whitespace, or len(d).
func skipWS(d []byte, i int) int {
	for i < len(d) && isSpace[d[i]] {
		i++
	}
	return i
}

// skipIndent is skipWS for whitespace that is most likely a newline and
// the spaces that indent the next line, which it skips eight at a time. The
// reader uses it where a container opens and before the ',' or closing
// bracket after a member or element (mostly the line of a closing bracket);
// elsewhere the runs are short, and skipWS, a byte at a time, was faster
// (eight at a time made the indented event 15% slower).
func skipIndent(d []byte, i int) int {
	for i < len(d) && isSpace[d[i]] {
		i++
		for i+8 <= len(d) {
			// x has a byte set for each byte that is not a space.
			x := binary.LittleEndian.Uint64(d[i:]) ^ space
			if i += bits.TrailingZeros64(x) >> 3; x != 0 {
				break
			}
		}
	}
	return i
}

// plain marks the bytes a string may hold as they are: ASCII from 0x20 to
// 0x7F other than the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Constants for testing eight bytes of a string at once (SWAR).
const (
	lsb    = 0x0101010101010101
	msb    = 0x8080808080808080
	quote  = lsb * '"'
	bslash = lsb * '\\'
	space  = lsb * 0x20
)

// specialMask returns, for the eight bytes of w (the first in the low
// byte), a mask with the high bit set in each byte that may need more than a
// plain copy: a quote, a backslash, a control character or a non-ASCII byte.
// A plain byte above a special one may be marked too (borrows run upwards),
// never one below: the lowest marked byte is always special.
//
// Below the lowest special byte no subtraction borrows, and a plain byte x
// has (x^'"')-1, (x^'\\')-1 and x-0x20 all under 0x80: it stays unmarked.
// The usual test for a zero byte, (v-lsb)&^v, needs its &^v only to leave
// out bytes of 0x80 and more, which are special here; and any such byte has
// its high bit left by one of the three subtractions (the first loses it
// only for 0xA2, which the third keeps), so w needs no term of its own.
// TestScanPlain holds each term.
func specialMask(w uint64) uint64 {
	q, b := w^quote-lsb, w^bslash-lsb // (w^quote)-lsb: ^ and - bind alike
	return (q | b | (w - space)) & msb
}

// scanPlain returns the offset of the first byte at or after i that is not
// plain (see specialMask), or len(d).
func scanPlain(d []byte, i int) int {
	// Sixteen bytes at a time, then eight, then byte by byte near the end
	// of the body.
	for i+16 <= len(d) {
		w := d[i : i+16]
		if m := specialMask(binary.LittleEndian.Uint64(w)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		if m := specialMask(binary.LittleEndian.Uint64(w[8:])); m != 0 {
			return i + 8 + bits.TrailingZeros64(m)>>3
		}
		i += 16
	}
	if i+8 <= len(d) {
		if m := specialMask(binary.LittleEndian.Uint64(d[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(d) && plain[d[i]] {
		i++
	}
	return i
}

// plainEnd returns the offset of the closing quote of the string whose
// content starts at i, when that content is plain bytes only (see plain);
// ok is false for any other string, which the reader reads the long way.
func plainEnd(d []byte, i int) (end int, ok bool) {
	i = scanPlain(d, i)
	return i, i < len(d) && d[i] == '"'
}

// quickName reads the whitespace before a member name at i, the name (plain
// bytes only, see plain), and the ':' with the whitespace around it. It
// returns the name and the offset of the value; ok is false for anything
// else.
func quickName(d []byte, i int) (name []byte, value int, ok bool) {
	if i = skipWS(d, i); i >= len(d) || d[i] != '"' {
		return nil, i, false
	}
	j, ok := plainEnd(d, i+1)
	if !ok {
		return nil, i, false
	}
	name = d[i+1 : j]
	if j = skipWS(d, j+1); j >= len(d) || d[j] != ':' {
		return nil, i, false
	}
	return name, skipWS(d, j+1), true
}

// escapeLen returns the length of the valid escape sequence at the start of
// b, or 0. A \u escape of a UTF-16 surrogate is valid only as a high
// surrogate followed by a \u escape of a low one.
func escapeLen(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		r, ok := hex4(b[2:])
		switch {
		case !ok:
			return 0
		case r >= 0xD800 && r < 0xDC00:
			if len(b) < 12 || b[6] != '\\' || b[7] != 'u' {
				return 0
			}
			if lo, ok := hex4(b[8:]); !ok || lo < 0xDC00 || lo >= 0xE000 {
				return 0
			}
			return 12
		case r >= 0xDC00 && r < 0xE000:
			return 0
		}
		return 6
	}
	return 0
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// appendUnescaped appends the content of a string that the reader accepted,
// with its escape sequences decoded.
func appendUnescaped(dst, s []byte) []byte {
	for {
		i := bytes.IndexByte(s, '\\')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		switch s[1] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, _ := hex4(s[2:])
			if utf16.IsSurrogate(r) { // a high one: the reader refused a lone low one
				lo, _ := hex4(s[8:])
				dst = utf8.AppendRune(dst, utf16.DecodeRune(r, lo))
				s = s[12:]
				continue
			}
			dst = utf8.AppendRune(dst, r)
			s = s[6:]
			continue
		default: // the quote, the backslash and the slash stand for themselves
			dst = append(dst, s[1])
		}
		s = s[2:]
	}
}

// scanNumber returns the offset after the JSON number at i,
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?; ok is false when there is
// none. i is before the end of d: its callers have seen the value's first
// byte.
func scanNumber(d []byte, i int) (end int, ok bool) {
	if d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		i = digits(d, i+1)
	default:
		return 0, false
	}
	if i < len(d) && d[i] == '.' {
		if i++; i >= len(d) || d[i] < '0' || d[i] > '9' {
			return 0, false
		}
		i = digits(d, i)
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return 0, false
		}
		i = digits(d, i)
	}
	return i, true
}

// digits returns the offset of the first byte at or after i that is not an
// ASCII digit.
func digits(d []byte, i int) int {
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	return i
}

// parseInt parses b as a JSON integer, -?(0|[1-9][0-9]*), that fits in an
// int.
func parseInt(b []byte) (int, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 1 && b[0] == '0' {
		return 0, false
	}
	const maxInt = uint(^uint(0) >> 1)
	limit := maxInt
	if neg {
		limit = maxInt + 1
	}
	var n uint
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint(c - '0')
		if n > (limit-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	if neg {
		return int(-n), true
	}
	return int(n), true
}

// skimValue returns the offset after the JSON value at i, matching
// brackets and skipping strings without checking them; ok is false when the
// value ends the body. It checks nothing: a quick pass uses it only where
// the strict reader reads the body afterwards.
func skimValue(d []byte, i int) (end int, ok bool) {
	depth := 0
	for i < len(d) {
		switch c := d[i]; c {
		case '"':
			if i, ok = skimString(d, i); !ok {
				return 0, false
			}
			if depth == 0 {
				return i, true
			}
		case '{', '[':
			depth++
			i++
		case '}', ']':
			if depth == 0 {
				return i, true // the end of the enclosing object: a malformed member
			}
			depth--
			i++
			if depth == 0 {
				return i, true
			}
		case ',':
			if depth == 0 {
				return i, true
			}
			i++
		default:
			i++
		}
	}
	return 0, false
}

// skimString returns the offset after the string whose opening quote is
// at i; ok is false when it does not end. Its end is the first quote after
// i that an odd number of backslashes does not escape. bytes.IndexByte
// finds quotes far faster than a scan that checks every byte.
func skimString(d []byte, i int) (end int, ok bool) {
	for i++; ; i++ {
		k := bytes.IndexByte(d[i:], '"')
		if k < 0 {
			return 0, false
		}
		i += k
		// Escaped by an odd number of backslashes; the loop stops at the
		// opening quote at the latest.
		escaped := false
		for j := i - 1; d[j] == '\\'; j-- {
			escaped = !escaped
		}
		if !escaped {
			return i + 1, true
		}
	}
}
