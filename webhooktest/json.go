package webhooktest

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"
)

// writer appends one compact JSON object at a time, members in the order they
// are written, which is how every body here keeps the member order of Veriff's
// samples: encoding/json would sort map keys and follow struct order.
type writer struct {
	b     []byte
	first []bool // per open object or array: no member written yet
}

func (w *writer) sep() {
	if n := len(w.first); n > 0 {
		if !w.first[n-1] {
			w.b = append(w.b, ',')
		}
		w.first[n-1] = false
	}
}

// name starts a member named k, or an element of an array when k is "".
func (w *writer) name(k string) {
	w.sep()
	if k != "" {
		w.b = appendString(w.b, k)
		w.b = append(w.b, ':')
	}
}

func (w *writer) open(k string, c byte) {
	w.name(k)
	w.b = append(w.b, c)
	w.first = append(w.first, true)
}

func (w *writer) close(c byte) {
	w.first = w.first[:len(w.first)-1]
	w.b = append(w.b, c)
}

// obj opens an object, the member k of the enclosing object or, with k "",
// the body or an element of an array.
func (w *writer) obj(k string) { w.open(k, '{') }
func (w *writer) end()         { w.close('}') }
func (w *writer) arr(k string) { w.open(k, '[') }
func (w *writer) endArr()      { w.close(']') }

func (w *writer) rawMember(k string, v []byte) {
	w.name(k)
	w.b = append(w.b, v...)
}

// str writes k as a string, always.
func (w *writer) str(k, v string) { w.rawMember(k, appendString(nil, v)) }

// strOrNull writes k as null when v is "", as Veriff does for a member it
// has no value for.
func (w *writer) strOrNull(k, v string) {
	if v == "" {
		w.null(k)
		return
	}
	w.str(k, v)
}

// strIfSet writes k only when v is not "".
func (w *writer) strIfSet(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

func (w *writer) null(k string) { w.rawMember(k, []byte("null")) }

func (w *writer) int(k string, v int) { w.rawMember(k, strconv.AppendInt(nil, int64(v), 10)) }

func (w *writer) intOrNull(k string, v int) {
	if v == 0 {
		w.null(k)
		return
	}
	w.int(k, v)
}

func (w *writer) float(k string, v float64) {
	w.rawMember(k, strconv.AppendFloat(nil, v, 'g', -1, 64))
}

func (w *writer) nullFloat(k string, v float64, valid bool) {
	if !valid {
		w.null(k)
		return
	}
	w.float(k, v)
}

func (w *writer) bool(k string, v bool) { w.rawMember(k, strconv.AppendBool(nil, v)) }

func (w *writer) nullBool(k string, v, valid bool) {
	if !valid {
		w.null(k)
		return
	}
	w.bool(k, v)
}

// time writes t in UTC as Veriff does, with milliseconds ("…07:18:36.916Z"),
// or with the precision t needs when it has more; null when t is zero.
func (w *writer) time(k string, t time.Time) {
	if t.IsZero() {
		w.null(k)
		return
	}
	w.str(k, formatTime(t, 3))
}

// timeMicro is time with microseconds, as Veriff writes submissionTime and
// user-defined statuses' createdAt.
func (w *writer) timeMicro(k string, t time.Time) {
	if t.IsZero() {
		w.null(k)
		return
	}
	w.str(k, formatTime(t, 6))
}

func formatTime(t time.Time, digits int) string {
	t = t.UTC()
	switch {
	case digits == 3 && t.Nanosecond()%int(time.Millisecond) == 0:
		return t.Format("2006-01-02T15:04:05.000Z07:00")
	case t.Nanosecond()%int(time.Microsecond) == 0:
		return t.Format("2006-01-02T15:04:05.000000Z07:00")
	}
	return t.Format(time.RFC3339Nano)
}

// strings writes k as an array of strings, [] when v is empty.
func (w *writer) strings(k string, v []string) {
	w.arr(k)
	for _, s := range v {
		w.str("", s)
	}
	w.endArr()
}

// raw writes v, JSON the caller kept as sent, compacted; def when v is nil.
func (w *writer) raw(k string, v json.RawMessage, def string) {
	if v == nil {
		w.rawMember(k, []byte(def))
		return
	}
	w.rawMember(k, compact(v))
}

func compact(v []byte) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, v); err != nil {
		// Not JSON: written as a string, so that the body stays valid.
		return appendString(nil, string(v))
	}
	return buf.Bytes()
}

// appendString appends s as a JSON string. Like Veriff's samples it leaves
// non-ASCII characters unescaped ("válida"); invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\ufffd"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
