package webhook

import "bytes"

// quickEvent parses body, into r, when it has the shape of nearly every
// delivery: only the members the model defines, each once; string values,
// or null where a value may be absent, of ASCII bytes 0x20 to 0x7F without
// escapes; a code written as a positive integer of at most nine digits; and
// a context that is null or holds only reason and state. It reports false
// for anything else, valid or not, and then readEvent reads the body again
// from the start with the strict reader: it is the one that explains every
// error and handles every other valid body.
//
// quickEvent is the package's one specialised path, and exists for speed:
// it needs none of the reader's bookkeeping of paths, duplicate names and
// depth, and passes its offset in registers rather than through the
// reader. It shares the reader's byte scanning (scan.go) and the event's
// member table (rawEvent.member). It must accept a subset of what readEvent
// accepts and give the same rawEvent; TestQuickEvent and FuzzParse check
// both.
func quickEvent(d []byte, r *rawEvent) bool {
	i := skipWS(d, 0)
	if i >= len(d) || d[i] != '{' {
		return false
	}
	var seen uint
	for { // i is at '{' or ',' here
		name, j, ok := quickName(d, i+1)
		if !ok {
			return false
		}
		bit, dst := r.member(name)
		if bit == 0 || seen&bit != 0 {
			return false
		}
		seen |= bit
		switch {
		case dst != nil:
			if j, ok = quickString(d, j, dst); !ok || bit&seenRequired != 0 && (!dst.ok || dst.start == dst.end) {
				return false
			}
		case bit == seenCode:
			if j, ok = quickCode(d, j, &r.code); !ok {
				return false
			}
		default:
			if j, ok = quickContext(d, j, r); !ok {
				return false
			}
		}
		if i = skipWS(d, j); i >= len(d) || d[i] != ',' {
			break
		}
	}
	if i >= len(d) || d[i] != '}' || skipWS(d, i+1) != len(d) {
		return false
	}
	return seen&seenRequired == seenRequired
}

// quickContext is quickEvent's reading of the "context" member at i: null,
// or an object of "reason" and "state", each at most once. It returns the
// offset after the value.
func quickContext(d []byte, i int, r *rawEvent) (int, bool) {
	if bytes.HasPrefix(d[i:], []byte("null")) {
		return i + 4, true
	}
	if i >= len(d) || d[i] != '{' {
		return i, false
	}
	if j := skipWS(d, i+1); j < len(d) && d[j] == '}' {
		return j + 1, true
	}
	var seenReason, seenState bool
	for { // i is at '{' or ',' here
		name, j, ok := quickName(d, i+1)
		if !ok {
			return i, false
		}
		switch {
		case string(name) == "reason" && !seenReason:
			seenReason = true
			j, ok = quickString(d, j, &r.reason)
		case string(name) == "state" && !seenState:
			seenState = true
			j, ok = quickString(d, j, &r.state)
		default:
			ok = false
		}
		if !ok {
			return i, false
		}
		if i = skipWS(d, j); i >= len(d) || d[i] != ',' {
			break
		}
	}
	if i >= len(d) || d[i] != '}' {
		return i, false
	}
	return i + 1, true
}

// quickString reads, for quickEvent, a string of plain bytes (see plain),
// or null, at i into dst, and returns the offset after it.
func quickString(d []byte, i int, dst *span) (int, bool) {
	if i < len(d) && d[i] == '"' {
		j, ok := plainEnd(d, i+1)
		if !ok {
			return i, false
		}
		*dst = span{start: i + 1, end: j, ok: true}
		return j + 1, true
	}
	if bytes.HasPrefix(d[i:], []byte("null")) {
		return i + 4, true
	}
	return i, false
}

// quickCode reads, for quickEvent, a code written as a positive integer of
// at most 9 digits without a leading zero, and returns the offset after it.
// Nine digits fit in an int of 32 bits; longer codes take the strict
// reader, which checks the range.
// What follows it is left to the caller, which wants ',' or '}' there, so
// that a fraction or an exponent makes quickEvent give up.
func quickCode(d []byte, i int, dst *Code) (int, bool) {
	start := i
	n := 0
	for ; i < len(d) && d[i] >= '0' && d[i] <= '9'; i++ {
		n = n*10 + int(d[i]-'0')
	}
	if i == start || i-start > 9 || d[start] == '0' {
		return i, false
	}
	*dst = Code(n)
	return i, true
}
