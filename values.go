package webhook

import (
	"bytes"
	"strconv"
	"time"
)

// The value rules of the models, written once for every kind: what a
// required member is, what null means, which JSON types a Go type takes.
// Each reads the value at p.pos, the value of a member the caller knows.

// objectOrNull reads an object with object, or a null (then fn is not
// called). It reports whether it found an object.
func (p *parser) objectOrNull(open bool, fn func(name []byte) (bool, error)) (bool, error) {
	if p.pos < len(p.data) && p.data[p.pos] == '{' {
		return true, p.object(open, fn)
	}
	if p.pos < len(p.data) && p.data[p.pos] == 'n' {
		return false, p.literal("null")
	}
	return false, p.wrongType(p.pos, "object or null")
}

// arrayOrNull reads an array with array, or a null (then fn is not
// called).
func (p *parser) arrayOrNull(fn func(i int) error) error {
	if p.pos < len(p.data) && p.data[p.pos] == 'n' {
		return p.literal("null")
	}
	if p.pos >= len(p.data) || p.data[p.pos] != '[' {
		return p.wrongType(p.pos, "array or null")
	}
	return p.array(fn)
}

// optSpan reads a string or null (ok false).
func (p *parser) optSpan() (span, error) {
	if p.pos < len(p.data) {
		switch p.data[p.pos] {
		case '"':
			return p.str()
		case 'n':
			return span{}, p.literal("null")
		}
	}
	return span{}, p.wrongType(p.pos, "string or null")
}

// reqSpan reads a required string: non-empty, not null.
func (p *parser) reqSpan() (span, error) {
	off := p.pos
	if p.pos < len(p.data) && p.data[p.pos] == '"' {
		s, err := p.str()
		if err == nil && s.start == s.end {
			err = p.fail(off, ErrMissingMember, "empty string")
		}
		return s, err
	}
	if p.pos < len(p.data) && p.data[p.pos] == 'n' {
		if err := p.literal("null"); err != nil {
			return span{}, err
		}
		return span{}, p.fail(off, ErrMissingMember, "null")
	}
	return span{}, p.wrongType(off, "string")
}

// optString reads a string or null ("") into dst, as a copy. A plain
// string (see plainEnd) and null, the usual values, are read here; optText
// reads the others.
func (p *parser) optString(dst *string) error {
	d, i := p.data, p.pos
	if i < len(d) {
		switch d[i] {
		case '"':
			if end, ok := plainEnd(d, i+1); ok {
				p.pos = end + 1
				*dst = p.plainText(i+1, end)
				return nil
			}
		case 'n':
			// null leaves dst as it is, "": every caller reads into a
			// zero value (a member is read once, a repeated one is an
			// error), where optText would set "" again.
			return p.literal("null")
		}
	}
	return optText(p, dst)
}

// reqString reads a required string (see reqSpan) into dst, as a copy.
func (p *parser) reqString(dst *string) error { return reqText(p, dst) }

// optText reads a string or null ("") into dst, of a string type, as a
// copy.
func optText[T ~string](p *parser, dst *T) error {
	s, err := p.optSpan()
	*dst = T(p.text(s))
	return err
}

// reqText reads a required string (see reqSpan) into dst, of a string
// type, as a copy.
func reqText[T ~string](p *parser, dst *T) error {
	s, err := p.reqSpan()
	*dst = T(p.text(s))
	return err
}

// optEnum reads a string or null ("") into dst: the constant known
// returns for it when there is one (no copy), else a copy.
func optEnum[T ~string](p *parser, dst *T, known func([]byte) (T, bool)) error {
	s, err := p.optSpan()
	if err == nil && s.ok {
		*dst = enum(p, s, known)
	}
	return err
}

// reqEnum reads a required string (see reqSpan) into dst, as optEnum does.
func reqEnum[T ~string](p *parser, dst *T, known func([]byte) (T, bool)) error {
	s, err := p.reqSpan()
	if err == nil {
		*dst = enum(p, s, known)
	}
	return err
}

// enum returns the constant known returns for the string s, or a copy of
// s. A spelling with escapes is never a constant's: it is copied, and equal
// all the same.
func enum[T ~string](p *parser, s span, known func([]byte) (T, bool)) T {
	if v, ok := known(p.data[s.start:s.end]); ok {
		return v
	}
	return T(p.text(s))
}

// optTime reads an RFC 3339 timestamp, as encoding/json reads a time.Time,
// or null (zero) into dst.
func (p *parser) optTime(dst *time.Time) error {
	off := p.pos
	s, err := p.optSpan()
	if err != nil || !s.ok {
		return err
	}
	t, err := parseTime(p.bytesOf(s))
	if err != nil {
		return p.fail(off, ErrWrongType, "want an RFC 3339 time")
	}
	*dst = t
	return nil
}

// optFloat reads a number or null (not Valid) into dst.
func (p *parser) optFloat(dst *NullFloat) error {
	off := p.pos
	if p.pos < len(p.data) && p.data[p.pos] == 'n' {
		return p.literal("null")
	}
	if p.pos >= len(p.data) || !(p.data[p.pos] == '-' || p.data[p.pos] >= '0' && p.data[p.pos] <= '9') {
		return p.wrongType(off, "number or null")
	}
	if err := p.number(); err != nil {
		return err
	}
	f, ok := decimalFloat(p.data[off:p.pos])
	if !ok {
		var err error
		if f, err = strconv.ParseFloat(string(p.data[off:p.pos]), 64); err != nil {
			return p.fail(off, ErrWrongType, "number out of the range of float64")
		}
	}
	*dst = NullFloat{Value: f, Valid: true}
	return nil
}

// decimalFloat reads b, a JSON number, when it has no exponent, its digits
// make less than 2^52 and at most 22 of them follow the point, and reports
// whether it did. Then the digits are an exact float64, and so is the power
// of ten they are divided by, and the one rounding of the division gives
// what strconv.ParseFloat gives, whose first case this is (Clinger's fast
// path), without its general parsing: a decision's two numbers took 2% of
// its time in ParseFloat. FuzzDecimalFloat holds the two to the same bits.
func decimalFloat(b []byte) (float64, bool) {
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	var m uint64
	frac, point := 0, false // frac counts the digits after the point
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			if m = m*10 + uint64(c-'0'); m >= 1<<52 {
				return 0, false
			}
			if point {
				frac++
			}
		case c == '.':
			point = true
		default: // an exponent
			return 0, false
		}
	}
	if frac >= len(pow10) {
		return 0, false
	}
	f := float64(m) / pow10[frac] // an integer is divided by 1, exactly
	if neg {
		f = -f
	}
	return f, true
}

// pow10 holds the powers of ten that are exact float64s.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// optBool reads true, false or null (not Valid) into dst.
func (p *parser) optBool(dst *NullBool) error {
	if p.pos < len(p.data) {
		switch p.data[p.pos] {
		case 't':
			*dst = NullBool{Value: true, Valid: true}
			return p.literal("true")
		case 'f':
			*dst = NullBool{Value: false, Valid: true}
			return p.literal("false")
		case 'n':
			return p.literal("null")
		}
	}
	return p.wrongType(p.pos, "boolean or null")
}

// integer reads a JSON integer, or a string holding one, that fits in an
// int. null is ErrMissingMember when required, else leaves dst alone.
func (p *parser) integer(dst *int, required bool) error {
	off := p.pos
	if p.pos >= len(p.data) {
		return p.syntax(off, "want value, got end of input")
	}
	var digits []byte
	switch c := p.data[p.pos]; {
	case c == '"':
		s, err := p.str()
		if err != nil {
			return err
		}
		digits = p.bytesOf(s)
	case c == '-' || c >= '0' && c <= '9':
		if err := p.number(); err != nil {
			return err
		}
		digits = p.data[off:p.pos]
	case c == 'n':
		if err := p.literal("null"); err != nil || !required {
			return err
		}
		return p.fail(off, ErrMissingMember, "null")
	default:
		return p.wrongType(off, "integer")
	}
	n, ok := parseInt(digits)
	if !ok {
		return p.fail(off, ErrWrongType, "want an integer, as a JSON number or a string, within the range of int")
	}
	*dst = n
	return nil
}

// stringArray reads an array of strings (null elements are ""), or null.
func (p *parser) stringArray(dst *[]string) error {
	var g gather[string]
	err := p.stringsInto(&g)
	*dst = g.slice()
	return err
}

// stringsInto reads an array of strings (null elements are ""), or null,
// into g.
func (p *parser) stringsInto(g *gather[string]) error {
	return p.arrayOrNull(func(int) error { return p.optString(g.next()) })
}

// gatherStack is how many elements of an array a gather holds on the stack.
const gatherStack = 4

// gather collects the elements of one array, to be read in place, so that
// the slice is allocated once, at its length: appending allocated once per
// doubling, and each allocation measured 3-4% of a decision. The
// first gatherStack elements stay in the gather, on the stack of the kind's
// reader that declares it (a closure that captures it must not escape).
type gather[T any] struct {
	n    int
	buf  [gatherStack]T
	more []T // the elements past buf
}

// next returns the next element, zero, to be read into before next is
// called again.
func (g *gather[T]) next() *T {
	g.n++
	if g.n <= len(g.buf) {
		return &g.buf[g.n-1]
	}
	var zero T
	g.more = append(g.more, zero)
	return &g.more[len(g.more)-1]
}

// at returns element i of the g.n gathered.
func (g *gather[T]) at(i int) *T {
	if i < len(g.buf) {
		return &g.buf[i]
	}
	return &g.more[i-len(g.buf)]
}

// slice returns the elements in a new slice of their number, or nil for
// none.
func (g *gather[T]) slice() []T {
	if g.n == 0 {
		return nil
	}
	s := make([]T, g.n)
	copy(s[copy(s, g.buf[:min(g.n, len(g.buf))]):], g.more)
	return s
}

// rawObject checks and skips the object or null at p.pos, and returns a
// copy of its bytes; nil for null.
func (p *parser) rawObject() ([]byte, error) {
	return p.keptObject(nil)
}

// keptObject reads the object at p.pos, or a null, as an open object (see
// object) whose typed members fn reads, and returns a copy of its bytes;
// nil for null.
func (p *parser) keptObject(fn func(name []byte) (bool, error)) ([]byte, error) {
	start := p.pos
	found, err := p.objectOrNull(true, fn)
	if err != nil || !found {
		return nil, err
	}
	return bytes.Clone(p.data[start:p.pos]), nil
}

// requiredMember is a member an object must have: missing reports that it
// was absent (a present but null or empty member was reported where it
// stood).
type requiredMember struct {
	missing bool
	name    string
}

// required reports the first missing member of the object at off.
func (p *parser) required(off int, members ...requiredMember) error {
	for _, m := range members {
		if m.missing {
			return p.in(p.fail(off, ErrMissingMember, "absent"), m.name)
		}
	}
	return nil
}
