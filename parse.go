package webhook

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math/bits"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// Parse decodes an event webhook body. Call it only on a body whose
// signature Verify accepted.
//
// Parse is strict about syntax and tolerant about evolution. It rejects, with
// a *PayloadError that matches ErrInvalidPayload, anything that is not
// exactly one JSON object (RFC 8259, UTF-8, no lone surrogate escapes,
// whitespace around it allowed), a duplicate member name at any depth, a
// required member (id, feature, code, action) that is missing, null, empty
// or of the wrong type, an optional member (attemptId, addressId,
// vendorData, endUserId, context) of the wrong type (null is absent), and
// a code that is not an integer (a JSON integer or a string holding one).
// It accepts members it does not know (after checking them as JSON) and
// values it does not know (kept, reporting IsKnown false). Member names match
// case-sensitively.
//
// Parse does not use reflection. A body of the usual shape (only known
// members, strings of ASCII without escapes, a code of at most nine digits
// written as a number) is read in one pass; any other body is read a second
// time by the parser that handles every valid body and explains every
// error, so at most twice the work. For a typical payload Parse allocates
// once, for the strings of the event; escaped member names and objects with
// many unknown members cost more. The event does not retain body.
func Parse(body []byte) (Event, error) {
	return ParseOptions{}.Parse(body)
}

// ParseOptions tunes Parse. The zero value gives Parse's behaviour.
type ParseOptions struct {
	// DisallowUnknownMembers makes members the model of a kind does not
	// define an error (ErrUnknownMember), in every object the model reads
	// member by member (for an event, the top level and "context"). It
	// does not apply inside what a model keeps whole as raw JSON
	// (additionalVerifiedData, biometricAuthentication.details,
	// searchTerm, the details of the registry results, the value maps of
	// Full Auto, the data of INE+CURP), nor to an Unknown. Members Veriff
	// documents that the model does not type (deprecated ones such as
	// verification.comments and verification.person.citizenship, and
	// those that depend on the integration) are known: checked and
	// skipped, never refused. Veriff may add members at any time, so use
	// it in tests of your own payloads, not on live deliveries.
	DisallowUnknownMembers bool
}

// Parse decodes body like the package-level Parse, under the options o.
func (o ParseOptions) Parse(body []byte) (Event, error) {
	var r rawEvent
	if quickEvent(body, &r) {
		return r.build(body), nil
	}
	return o.parseEventFull(body)
}

// parseEventFull parses body with the full parser only, for a body the
// fast path gave up on.
func (o ParseOptions) parseEventFull(body []byte) (Event, error) {
	if testHookFullParse != nil {
		testHookFullParse()
	}
	var r rawEvent
	p := parser{data: body, strict: o.DisallowUnknownMembers}
	if err := p.parseEvent(&r); err != nil {
		if pe, ok := err.(*PayloadError); ok {
			pe.Field = p.field()
		}
		return Event{}, err
	}
	return r.build(body), nil
}

// testHookFullParse, when set by a test, is called each time Parse falls
// back to the full parser.
var testHookFullParse func()

// quickEvent parses body, into r, when it has the shape of nearly every
// delivery: only the members the model defines, each once; string values,
// or null where a value may be absent, of ASCII bytes 0x20 to 0x7F without
// escapes; a code written as a positive integer of at most nine digits; and
// a context that is null or holds only reason and state. It reports false
// for anything else, valid or not, and then parseEvent parses the body
// again from the start: it is the one that explains every error and
// handles every other valid body.
//
// quickEvent exists for speed: it needs none of parseEvent's bookkeeping of
// paths, duplicate names and depth, and passes its offset in registers
// rather than through the parser. It must accept a subset of what
// parseEvent accepts and give the same rawEvent; TestQuickEvent and
// FuzzParse check both.
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
	if i+4 <= len(d) && string(d[i:i+4]) == "null" {
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

// quickName reads, for quickEvent, the whitespace before a member name at i,
// the name (ASCII without escapes, as in quickString), and the ':' with the
// whitespace around it. It returns the name and the offset of the value.
func quickName(d []byte, i int) ([]byte, int, bool) {
	if i = skipWS(d, i); i >= len(d) || d[i] != '"' {
		return nil, i, false
	}
	j := scanPlain(d, i+1)
	if j >= len(d) || d[j] != '"' {
		return nil, i, false
	}
	name := d[i+1 : j]
	if j = skipWS(d, j+1); j >= len(d) || d[j] != ':' {
		return nil, i, false
	}
	return name, skipWS(d, j+1), true
}

// quickString reads, for quickEvent, a string of ASCII bytes 0x20 to 0x7F
// without escapes, or null, at i into dst, and returns the offset after it.
func quickString(d []byte, i int, dst *span) (int, bool) {
	if i < len(d) && d[i] == '"' {
		j := scanPlain(d, i+1)
		if j >= len(d) || d[j] != '"' {
			return i, false
		}
		*dst = span{start: i + 1, end: j, ok: true}
		return j + 1, true
	}
	if i+4 <= len(d) && string(d[i:i+4]) == "null" {
		return i + 4, true
	}
	return i, false
}

// quickCode reads, for quickEvent, a code written as a positive integer of
// at most 9 digits without a leading zero, and returns the offset after it.
// Nine digits fit in an int of 32 bits; longer codes take the full parser,
// which checks the range.
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

// skipWS returns the offset of the first byte at or after i that is not
// JSON whitespace, or len(d).
func skipWS(d []byte, i int) int {
	for i < len(d) && isSpace[d[i]] {
		i++
	}
	return i
}

// span is the content of a JSON string in the body, without its quotes.
type span struct {
	start, end int
	esc        bool // holds escape sequences
	ok         bool // present and not null
}

// rawEvent is what one pass over the body finds: where each string is, and
// the code.
type rawEvent struct {
	id, attemptID, addressID, feature, action, vendorData, endUserID, reason, state span
	code                                                                            Code
}

// member returns the bit of the event member called name, and where its
// value goes when it is a string; bit 0 for a member the model does not
// define. Both parsers read the event object through it.
func (r *rawEvent) member(name []byte) (bit uint, dst *span) {
	switch string(name) {
	case "id":
		return seenID, &r.id
	case "attemptId":
		return seenAttemptID, &r.attemptID
	case "addressId":
		return seenAddressID, &r.addressID
	case "feature":
		return seenFeature, &r.feature
	case "action":
		return seenAction, &r.action
	case "vendorData":
		return seenVendorData, &r.vendorData
	case "endUserId":
		return seenEndUserID, &r.endUserID
	case "code":
		return seenCode, nil
	case "context":
		return seenContext, nil
	}
	return 0, nil
}

// Bits of the members seen in the event object, for duplicates and required
// members.
const (
	seenID = 1 << iota
	seenAttemptID
	seenFeature
	seenCode
	seenAction
	seenVendorData
	seenEndUserID
	seenContext
	seenAddressID

	seenRequired = seenID | seenFeature | seenCode | seenAction
)

type parser struct {
	data   []byte
	pos    int
	strict bool
	// keys holds, for every object being read below the top level, the
	// names seen so far, to find duplicates; each object uses the tail
	// from its own start index.
	keys [][]byte
	// path is the JSON path of an error, innermost step first, recorded
	// as the error travels up.
	path []pathSeg
	// sets indexes the names of the open objects with more than dupScan
	// members, innermost last.
	sets []nameSet
	// arena holds the strings copied out of the body (see text).
	arena strings.Builder
	// nameOff is the offset of the name of the member object is reading.
	nameOff int
	// sig, when set, records what the top-level members say about the
	// kind of the body, while it is parsed as a decision (see ParseAny).
	sig *kindSignals
}

// fail builds a *PayloadError at offset off. The field is filled in as the
// error travels up through the objects that hold it.
func (p *parser) fail(off int, cause error, detail string) error {
	if detail != "" {
		cause = fmt.Errorf("%w: %s", cause, detail)
	}
	return &PayloadError{Offset: off, Err: cause}
}

func (p *parser) syntax(off int, detail string) error {
	return p.fail(off, ErrSyntax, detail)
}

// in records that err happened inside the member name; inIndex, inside
// array element i. The path is put together once, in ParseOptions.Parse, so
// that reporting an error deep in a body stays linear in its size.
func (p *parser) in(err error, name string) error {
	if err != nil {
		p.path = append(p.path, pathSeg{name: name, index: -1})
	}
	return err
}

func (p *parser) inIndex(err error, i int) error {
	if err != nil {
		p.path = append(p.path, pathSeg{index: i})
	}
	return err
}

// pathSeg is a step of a JSON path: a member name, or an array index when
// index >= 0.
type pathSeg struct {
	name  string
	index int
}

// field returns the path of p.path, which holds the innermost step first.
// A name that is not a plain identifier is written quoted in brackets, so
// that "a.b", "" or "[0]" cannot be mistaken for a path.
func (p *parser) field() string {
	var b strings.Builder
	for i := len(p.path) - 1; i >= 0; i-- {
		switch s := p.path[i]; {
		case s.index >= 0:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		case plainName(s.name):
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.name)
		default:
			b.WriteByte('[')
			b.WriteString(strconv.Quote(s.name))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// plainName reports whether name can stand in a path unquoted.
func plainName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '$') {
			return false
		}
	}
	return true
}

func (p *parser) skipSpace() {
	d, i := p.data, p.pos
	if i < len(d) && d[i] > ' ' {
		return // the common case in compact JSON
	}
	for i < len(d) && isSpace[d[i]] {
		i++
	}
	p.pos = i
}

// isSpace marks JSON's four whitespace bytes.
var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// describe names the JSON type of the value starting at off, for messages.
func (p *parser) describe(off int) string {
	if off >= len(p.data) {
		return "end of input"
	}
	switch c := p.data[off]; {
	case c == '"':
		return "string"
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	case c == '-' || c >= '0' && c <= '9':
		return "number"
	}
	return fmt.Sprintf("invalid character %q", p.data[off])
}

// parseEvent reads the whole body: one object, then only whitespace.
func (p *parser) parseEvent(r *rawEvent) error {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return p.syntax(p.pos, "want a JSON object, got "+p.describe(p.pos))
	}
	if p.data[p.pos] != '{' {
		return p.wrongType(p.pos, "a JSON object", 0)
	}
	objStart := p.pos
	var seen uint
	base := len(p.keys) // names of unknown members, for duplicates
	empty, err := p.openObject()
	for !empty && err == nil {
		var key []byte
		var keyOff int
		if key, keyOff, err = p.memberName(); err != nil {
			break
		}
		bit, dst := r.member(key)
		switch {
		case bit == 0:
			err = p.unknownMember(key, keyOff, base, 1)
		case seen&bit != 0:
			err = p.in(p.fail(keyOff, ErrDuplicateMember, ""), string(key))
		case dst != nil:
			required := bit&seenRequired != 0
			if start := p.pos; start < len(p.data) && p.data[start] == '"' {
				// The common case inline: a string, non-empty when required.
				if sp, serr := p.str(); serr == nil && (sp.start < sp.end || !required) {
					*dst = sp
					break
				}
				p.pos = start // stringMember reports the fault
			}
			err = p.stringMember(dst, key, required, 1)
		case bit == seenCode:
			err = p.code(&r.code)
		default:
			err = p.context(r)
		}
		seen |= bit
		if err != nil {
			break
		}
		if d := p.data; p.pos+1 < len(d) && d[p.pos] == ',' && d[p.pos+1] == '"' {
			p.pos++ // the next member follows at once, as in compact JSON
			continue
		}
		empty, err = p.nextMember()
	}
	p.release(base)
	if err != nil {
		return err
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return p.syntax(p.pos, "data after the JSON object")
	}
	if missing := seenRequired &^ seen; missing != 0 {
		for _, m := range [...]struct {
			bit  uint
			name string
		}{{seenID, "id"}, {seenFeature, "feature"}, {seenCode, "code"}, {seenAction, "action"}} {
			if missing&m.bit != 0 {
				return p.in(p.fail(objStart, ErrMissingMember, "absent"), m.name)
			}
		}
	}
	return nil
}

// openObject consumes '{' and the whitespace after it, and reports whether
// the object is empty (then the '}' is consumed too).
func (p *parser) openObject() (empty bool, err error) {
	p.pos++
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return true, nil
	}
	return false, nil
}

// nextMember consumes the ',' or '}' after a member value, and reports
// whether the object ended.
func (p *parser) nextMember() (end bool, err error) {
	p.skipSpace()
	if p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.skipSpace()
			return false, nil
		case '}':
			p.pos++
			return true, nil
		}
	}
	return false, p.syntax(p.pos, "want ',' or '}' after object member, got "+p.describe(p.pos))
}

// memberName reads a member name and the ':' after it, and leaves p at the
// start of the value. The name is unescaped; it aliases the body when it had
// no escapes.
func (p *parser) memberName() (name []byte, off int, err error) {
	off = p.pos
	if p.pos >= len(p.data) || p.data[p.pos] != '"' {
		return nil, off, p.syntax(p.pos, "want member name, got "+p.describe(p.pos))
	}
	s, err := p.str()
	if err != nil {
		return nil, off, err
	}
	d := p.data
	name = d[s.start:s.end]
	if s.esc {
		name = appendUnescaped(nil, name)
	}
	if i := p.pos; i+2 < len(d) && d[i] == ':' {
		// The usual layouts: the value right after the colon, or after
		// one space.
		if d[i+1] > ' ' {
			p.pos = i + 1
			return name, off, nil
		}
		if d[i+1] == ' ' && d[i+2] > ' ' {
			p.pos = i + 2
			return name, off, nil
		}
	}
	p.skipSpace()
	if p.pos >= len(p.data) || p.data[p.pos] != ':' {
		return nil, off, p.in(p.syntax(p.pos, "want ':' after member name, got "+p.describe(p.pos)), string(name))
	}
	p.pos++
	p.skipSpace()
	return name, off, nil
}

// unknownMember checks that name is not a duplicate among the names recorded
// since base and skips the value. depth is that of the object holding the
// member.
func (p *parser) unknownMember(name []byte, off, base, depth int) error {
	if p.strict {
		return p.in(p.fail(off, ErrUnknownMember, ""), string(name))
	}
	if p.duplicate(name, base) {
		return p.in(p.fail(off, ErrDuplicateMember, ""), string(name))
	}
	if err := p.skip(depth); err != nil {
		return p.in(err, string(name))
	}
	return nil
}

// dupScan is how many names an object may hold before duplicates are looked
// up in a hash set instead of by comparing with every earlier name.
const dupScan = 16

// nameSet holds the names of one large object as 128-bit keyed hashes: the
// first 64 bits as the map key, the other 64 as the value. Two names with
// the same 128-bit hash are taken as duplicates: with keys random per
// process, a sender cannot aim for a collision, and one by chance is far
// less likely than a hardware fault (about n²/2¹²⁹ for n names).
type nameSet struct {
	base   int // where the object's first names start in parser.keys
	hashes map[uint64]uint64
}

// nameSeeds key the hashes of member names.
var nameSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// add records name and reports whether it was there already.
func (s nameSet) add(name []byte) (dup bool) {
	h1, h2 := maphash.Bytes(nameSeeds[0], name), maphash.Bytes(nameSeeds[1], name)
	if v, hit := s.hashes[h1]; hit {
		// Equal low halves but different high halves (chance 2⁻⁶⁴ per
		// pair) keep the first name only; that can at worst miss a
		// duplicate inside an unknown member, never invent one.
		return v == h2
	}
	s.hashes[h1] = h2
	return false
}

// duplicate reports whether name was recorded since base, and records it.
// The first dupScan names of an object are compared one by one; past that,
// all its names go into a hash set, so the work and the memory stay linear
// in the number of names.
func (p *parser) duplicate(name []byte, base int) bool {
	if n := len(p.sets); n > 0 && p.sets[n-1].base == base {
		return p.sets[n-1].add(name)
	}
	names := p.keys[base:]
	for _, k := range names {
		if bytes.Equal(k, name) {
			return true
		}
	}
	if len(names) < dupScan {
		p.keys = append(p.keys, name)
		return false
	}
	set := nameSet{base: base, hashes: make(map[uint64]uint64, 4*dupScan)}
	for _, k := range names {
		set.add(k)
	}
	set.add(name)
	p.sets = append(p.sets, set)
	return false
}

// release forgets the names recorded since base, when an object ends.
func (p *parser) release(base int) {
	if n := len(p.sets); n > 0 && p.sets[n-1].base == base {
		p.sets = p.sets[:n-1]
	}
	p.keys = p.keys[:base]
}

// stringMember reads the value of member name into dst: a string, or null
// (absent). A required member must be a non-empty string. depth is that of
// the object holding the member.
func (p *parser) stringMember(dst *span, name []byte, required bool, depth int) error {
	off := p.pos
	if p.pos < len(p.data) {
		switch p.data[p.pos] {
		case '"':
			s, err := p.str()
			if err != nil {
				return p.in(err, string(name))
			}
			if required && s.start == s.end {
				return p.in(p.fail(off, ErrMissingMember, "empty string"), string(name))
			}
			*dst = s
			return nil
		case 'n':
			if err := p.skip(depth); err != nil {
				return p.in(err, string(name))
			}
			if required {
				return p.in(p.fail(off, ErrMissingMember, "null"), string(name))
			}
			return nil
		}
	}
	if required {
		return p.in(p.wrongType(off, "string", depth), string(name))
	}
	return p.in(p.wrongType(off, "string or null", depth), string(name))
}

// wrongType skips the value at off, held at depth, so that malformed JSON
// is reported as such, and then reports that it is not of the type want.
func (p *parser) wrongType(off int, want string, depth int) error {
	if err := p.skip(depth); err != nil {
		return err
	}
	return p.fail(off, ErrWrongType, "want "+want+", got "+p.describe(off))
}

// code reads the event code: a JSON integer, or a string holding one.
func (p *parser) code(dst *Code) error {
	var n int
	if err := p.integer(&n, true, 1); err != nil {
		return p.in(err, "code")
	}
	*dst = Code(n)
	return nil
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

// context reads the "context" member: an object or null.
func (p *parser) context(r *rawEvent) error {
	off := p.pos
	if p.pos >= len(p.data) || p.data[p.pos] != '{' {
		if p.pos < len(p.data) && p.data[p.pos] == 'n' {
			return p.in(p.skip(1), "context")
		}
		return p.in(p.wrongType(off, "object or null", 1), "context")
	}
	base := len(p.keys)
	var seenReason, seenState bool
	empty, err := p.openObject()
	for !empty && err == nil {
		var key []byte
		var keyOff int
		if key, keyOff, err = p.memberName(); err != nil {
			break
		}
		switch string(key) {
		case "reason":
			if seenReason {
				err = p.in(p.fail(keyOff, ErrDuplicateMember, ""), "reason")
			} else {
				seenReason = true
				err = p.stringMember(&r.reason, key, false, 2)
			}
		case "state":
			if seenState {
				err = p.in(p.fail(keyOff, ErrDuplicateMember, ""), "state")
			} else {
				seenState = true
				err = p.stringMember(&r.state, key, false, 2)
			}
		default:
			err = p.unknownMember(key, keyOff, base, 2)
		}
		if err == nil {
			empty, err = p.nextMember()
		}
	}
	p.release(base)
	return p.in(err, "context")
}

// skip checks and skips one value of any type. depth is that of the object
// or array holding it.
func (p *parser) skip(depth int) error {
	if p.pos >= len(p.data) {
		return p.syntax(p.pos, "want value, got end of input")
	}
	switch c := p.data[p.pos]; c {
	case '"':
		_, err := p.str()
		return err
	case '{':
		return p.skipObject(depth + 1)
	case '[':
		return p.skipArray(depth + 1)
	case 't':
		return p.literal("true")
	case 'f':
		return p.literal("false")
	case 'n':
		return p.literal("null")
	default:
		if c == '-' || c >= '0' && c <= '9' {
			return p.number()
		}
		return p.syntax(p.pos, "want value, got "+p.describe(p.pos))
	}
}

func (p *parser) literal(lit string) error {
	if !bytes.HasPrefix(p.data[p.pos:], []byte(lit)) {
		return p.syntax(p.pos, "invalid literal")
	}
	p.pos += len(lit)
	return nil
}

func (p *parser) skipObject(depth int) error {
	if depth > MaxDepth {
		return p.fail(p.pos, ErrTooDeep, "")
	}
	base := len(p.keys)
	empty, err := p.openObject()
	for !empty && err == nil {
		var key []byte
		var keyOff int
		if key, keyOff, err = p.memberName(); err != nil {
			break
		}
		if p.duplicate(key, base) {
			err = p.in(p.fail(keyOff, ErrDuplicateMember, ""), string(key))
			break
		}
		if err = p.skip(depth); err != nil {
			err = p.in(err, string(key))
			break
		}
		empty, err = p.nextMember()
	}
	p.release(base)
	return err
}

func (p *parser) skipArray(depth int) error {
	if depth > MaxDepth {
		return p.fail(p.pos, ErrTooDeep, "")
	}
	empty := p.openArray()
	for i := 0; !empty; i++ {
		if err := p.skip(depth); err != nil {
			return p.inIndex(err, i)
		}
		if p.pos+1 < len(p.data) && p.data[p.pos] == ',' && p.data[p.pos+1] > ' ' {
			p.pos++ // the next element follows at once, as in compact JSON
			continue
		}
		var err error
		if empty, err = p.nextElement(); err != nil {
			return err
		}
	}
	return nil
}

// openArray consumes '[' and the whitespace after it, and reports whether
// the array is empty (then the ']' is consumed too).
func (p *parser) openArray() (empty bool) {
	p.pos++
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return true
	}
	return false
}

// nextElement consumes the ',' or ']' after an array element, and reports
// whether the array ended.
func (p *parser) nextElement() (end bool, err error) {
	p.skipSpace()
	if p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.skipSpace()
			return false, nil
		case ']':
			p.pos++
			return true, nil
		}
	}
	return false, p.syntax(p.pos, "want ',' or ']' after array element, got "+p.describe(p.pos))
}

// number checks and skips a number:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *parser) number() error {
	d, i := p.data, p.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i++; i < len(d) && d[i] >= '0' && d[i] <= '9'; i++ {
		}
	default:
		return p.syntax(p.pos, "invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return p.syntax(p.pos, "invalid number")
		}
		for ; i < len(d) && d[i] >= '0' && d[i] <= '9'; i++ {
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return p.syntax(p.pos, "invalid number")
		}
		for ; i < len(d) && d[i] >= '0' && d[i] <= '9'; i++ {
		}
	}
	p.pos = i
	return nil
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
func specialMask(w uint64) uint64 {
	q, b := w^quote, w^bslash
	return ((q-lsb)&^q | (b-lsb)&^b | (w - space) | w) & msb
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

// str checks and skips a string; p.pos is at its opening quote.
func (p *parser) str() (span, error) {
	d, start := p.data, p.pos+1
	esc := false
	for i := scanPlain(d, start); ; i = scanPlain(d, i) {
		if i >= len(d) {
			return span{}, p.syntax(len(d), "unterminated string")
		}
		switch c := d[i]; {
		case c == '"':
			p.pos = i + 1
			return span{start: start, end: i, esc: esc, ok: true}, nil
		case c == '\\':
			n := escapeLen(d[i:])
			if n == 0 {
				return span{}, p.syntax(i, "invalid escape sequence or lone UTF-16 surrogate in string")
			}
			esc = true
			i += n
		case c < 0x20:
			return span{}, p.syntax(i, "control character in string")
		default:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				return span{}, p.syntax(i, "invalid UTF-8 in string")
			}
			i += n
		}
	}
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

// appendUnescaped appends the content of a string that str accepted, with
// its escape sequences decoded.
func appendUnescaped(dst, s []byte) []byte {
	for len(s) > 0 {
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
			if r >= 0xD800 && r < 0xDC00 {
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
	return dst
}

// build turns what the pass found into an Event. Known values become the
// package's constants; every other string is cut from one allocation, so
// the event does not keep the body alive.
func (r *rawEvent) build(data []byte) Event {
	e := Event{Code: r.code}
	// Known values are looked up on the raw bytes; an escaped spelling of a
	// known value (rare) takes the general path and is equal all the same.
	var feature, action, reason, state bool
	if !r.feature.esc && string(data[r.feature.start:r.feature.end]) == string(FeatureSelfID) {
		e.Feature, feature = FeatureSelfID, true
	}
	if !r.action.esc {
		e.Action, action = knownAction(data[r.action.start:r.action.end])
	}
	if r.reason.ok && !r.reason.esc {
		e.Context.Reason, reason = knownReason(data[r.reason.start:r.reason.end])
	}
	if r.state.ok && !r.state.esc {
		if i, ok := stateIndex[State(data[r.state.start:r.state.end])]; ok {
			e.Context.State, state = stateTable[i].state, true
		}
	}

	// Unescaping never makes a string longer, so n bytes hold them all.
	n := r.id.size() + r.attemptID.size() + r.addressID.size() + r.vendorData.size() + r.endUserID.size()
	if !feature {
		n += r.feature.size()
	}
	if !action {
		n += r.action.size()
	}
	if !reason {
		n += r.reason.size()
	}
	if !state {
		n += r.state.size()
	}
	var b strings.Builder
	b.Grow(n)
	e.ID = take(&b, data, r.id)
	e.AttemptID = take(&b, data, r.attemptID)
	e.AddressID = take(&b, data, r.addressID)
	if !feature {
		e.Feature = Feature(take(&b, data, r.feature))
	}
	if !action {
		e.Action = Action(take(&b, data, r.action))
	}
	e.VendorData = take(&b, data, r.vendorData)
	e.EndUserID = take(&b, data, r.endUserID)
	if !reason {
		e.Context.Reason = Reason(take(&b, data, r.reason))
	}
	if !state {
		e.Context.State = State(take(&b, data, r.state))
	}
	return e
}

// size is the length of the string in the body, or 0 when absent.
func (s span) size() int {
	if !s.ok {
		return 0
	}
	return s.end - s.start
}

// take appends the string s of data, unescaped, to b and returns it. Strings
// taken earlier stay valid: b was grown to hold them all, so it never moves.
func take(b *strings.Builder, data []byte, s span) string {
	if !s.ok {
		return ""
	}
	start := b.Len()
	if s.esc {
		b.Write(appendUnescaped(make([]byte, 0, s.end-s.start), data[s.start:s.end]))
	} else {
		b.Write(data[s.start:s.end])
	}
	return b.String()[start:]
}

// The helpers below read the members of the other webhook kinds through the
// same rules as the event parser. Member handlers do not name their member:
// object adds the name to the path of an error, so that every kind reports
// paths alike.

// object reads the object at p.pos, which sits at depth (the body is 1).
// For each member it calls fn with p at the value; fn reads the value and
// returns true, or returns false without reading when it does not know the
// member, which is then checked as JSON and skipped. Every name is checked
// against the object's earlier names. Under DisallowUnknownMembers an
// unknown member is an error unless open is set: an open object is one the
// model keeps whole (its raw JSON), so none of its members is unknown.
func (p *parser) object(depth int, open bool, fn func(name []byte) (bool, error)) error {
	if depth > MaxDepth {
		return p.fail(p.pos, ErrTooDeep, "")
	}
	base := len(p.keys)
	empty, err := p.openObject()
	for !empty && err == nil {
		var key []byte
		var keyOff int
		if key, keyOff, err = p.memberName(); err != nil {
			break
		}
		if p.duplicate(key, base) {
			err = p.in(p.fail(keyOff, ErrDuplicateMember, ""), string(key))
			break
		}
		known := false
		p.nameOff = keyOff
		if known, err = fn(key); err == nil && !known {
			if p.strict && !open {
				err = p.fail(keyOff, ErrUnknownMember, "")
			} else {
				err = p.skip(depth)
			}
		}
		if err != nil {
			err = p.in(err, string(key))
			break
		}
		empty, err = p.nextMember()
	}
	p.release(base)
	return err
}

// objectOrNull reads an object with object, or a null (then fn is not
// called). It reports whether it found an object. depth is the object's.
func (p *parser) objectOrNull(depth int, open bool, fn func(name []byte) (bool, error)) (bool, error) {
	if p.pos < len(p.data) && p.data[p.pos] == '{' {
		return true, p.object(depth, open, fn)
	}
	if p.pos < len(p.data) && p.data[p.pos] == 'n' {
		return false, p.literal("null")
	}
	return false, p.wrongType(p.pos, "object or null", depth-1)
}

// array reads the array at p.pos, or a null (then fn is not called),
// calling fn for each element with p at it. depth is the array's.
func (p *parser) array(depth int, fn func(i int) error) error {
	if p.pos < len(p.data) && p.data[p.pos] == 'n' {
		return p.literal("null")
	}
	if p.pos >= len(p.data) || p.data[p.pos] != '[' {
		return p.wrongType(p.pos, "array or null", depth-1)
	}
	if depth > MaxDepth {
		return p.fail(p.pos, ErrTooDeep, "")
	}
	empty := p.openArray()
	for i := 0; !empty; i++ {
		if err := fn(i); err != nil {
			return p.inIndex(err, i)
		}
		var err error
		if empty, err = p.nextElement(); err != nil {
			return err
		}
	}
	return nil
}

// optSpan reads a string or null (ok false). depth is that of the value's
// holder.
func (p *parser) optSpan(depth int) (span, error) {
	if p.pos < len(p.data) {
		switch p.data[p.pos] {
		case '"':
			return p.str()
		case 'n':
			return span{}, p.literal("null")
		}
	}
	return span{}, p.wrongType(p.pos, "string or null", depth)
}

// reqSpan reads a required string: non-empty, not null.
func (p *parser) reqSpan(depth int) (span, error) {
	off := p.pos
	if p.pos < len(p.data) && p.data[p.pos] == 'n' {
		if err := p.literal("null"); err != nil {
			return span{}, err
		}
		return span{}, p.fail(off, ErrMissingMember, "null")
	}
	if p.pos >= len(p.data) || p.data[p.pos] != '"' {
		return span{}, p.wrongType(off, "string", depth)
	}
	s, err := p.str()
	if err == nil && s.start == s.end {
		err = p.fail(off, ErrMissingMember, "empty string")
	}
	return s, err
}

// optString reads a string or null ("") into dst, as a copy.
func (p *parser) optString(dst *string, depth int) error {
	s, err := p.optSpan(depth)
	*dst = p.text(s)
	return err
}

// arenaChunk is the most the parser reserves at once for the strings it
// copies out of a body.
const arenaChunk = 4 << 10

// text returns the string s of the body, unescaped, as a copy: strings are
// cut from shared chunks, so a value does not keep the body alive and a
// typical body costs one allocation for all its strings.
func (p *parser) text(s span) string {
	if !s.ok || s.start == s.end {
		return ""
	}
	n := s.end - s.start
	if p.arena.Cap()-p.arena.Len() < n {
		// What is left of the body from this string on bounds the strings
		// still to come (unescaping never lengthens them); names, quotes,
		// numbers and whitespace take about half of a usual body. A guess
		// too small costs one more chunk.
		p.arena = strings.Builder{}
		p.arena.Grow(max(n, min((len(p.data)-s.start)/2, arenaChunk)))
	}
	return take(&p.arena, p.data, s)
}

// bytesOf returns the content of s unescaped, aliasing the body when it had
// no escapes.
func (p *parser) bytesOf(s span) []byte {
	if s.esc {
		return appendUnescaped(nil, p.data[s.start:s.end])
	}
	return p.data[s.start:s.end]
}

// optTime reads an RFC 3339 timestamp, as encoding/json reads a time.Time,
// or null (zero) into dst.
func (p *parser) optTime(dst *time.Time, depth int) error {
	off := p.pos
	s, err := p.optSpan(depth)
	if err != nil || !s.ok {
		return err
	}
	if err := dst.UnmarshalText(p.bytesOf(s)); err != nil {
		return p.fail(off, ErrWrongType, "want an RFC 3339 time")
	}
	return nil
}

// optFloat reads a number or null (not Valid) into dst.
func (p *parser) optFloat(dst *NullFloat, depth int) error {
	off := p.pos
	if p.pos < len(p.data) && p.data[p.pos] == 'n' {
		return p.literal("null")
	}
	if p.pos >= len(p.data) || !(p.data[p.pos] == '-' || p.data[p.pos] >= '0' && p.data[p.pos] <= '9') {
		return p.wrongType(off, "number or null", depth)
	}
	if err := p.number(); err != nil {
		return err
	}
	f, err := strconv.ParseFloat(string(p.data[off:p.pos]), 64)
	if err != nil {
		return p.fail(off, ErrWrongType, "number out of the range of float64")
	}
	*dst = NullFloat{Value: f, Valid: true}
	return nil
}

// optBool reads true, false or null (not Valid) into dst.
func (p *parser) optBool(dst *NullBool, depth int) error {
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
	return p.wrongType(p.pos, "boolean or null", depth)
}

// integer reads a JSON integer, or a string holding one, that fits in an
// int. null is ErrMissingMember when required, else leaves dst alone.
func (p *parser) integer(dst *int, required bool, depth int) error {
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
		return p.wrongType(off, "integer", depth)
	}
	n, ok := parseInt(digits)
	if !ok {
		return p.fail(off, ErrWrongType, "want an integer, as a JSON number or a string, within the range of int")
	}
	*dst = n
	return nil
}

// rawObject checks and skips the object or null at p.pos, held at depth,
// and returns a copy of its bytes; nil for null.
func (p *parser) rawObject(depth int) ([]byte, error) {
	return p.keptObject(depth+1, func([]byte) (bool, error) { return false, nil })
}

// keptObject reads the object at p.pos, at depth, or a null, as an open
// object (see object) whose typed members fn reads, and returns a copy of
// its bytes; nil for null.
func (p *parser) keptObject(depth int, fn func(name []byte) (bool, error)) ([]byte, error) {
	start := p.pos
	found, err := p.objectOrNull(depth, true, fn)
	if err != nil || !found {
		return nil, err
	}
	return bytes.Clone(p.data[start:p.pos]), nil
}

// stringArray reads an array of strings (null elements are ""), or null.
func (p *parser) stringArray(dst *[]string, depth int) error {
	return p.array(depth, func(int) error {
		var s string
		err := p.optString(&s, depth)
		*dst = append(*dst, s)
		return err
	})
}
