package webhook

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"strings"
	"unicode/utf8"
)

// parser is the strict JSON reader every kind reads through. It owns the
// rules of JSON (RFC 8259, UTF-8, no lone surrogates, no duplicate names,
// nesting at most MaxDepth) and the paths and offsets of errors; the value
// rules of the models (required, nullable, typed) are in values.go. It
// knows no kind: a kind's reader gives, for each object, a function that
// reads the members it knows.
//
// Depth is the reader's own: object and array open and close a level, and
// the limit is checked in enter alone.
type parser struct {
	data   []byte
	pos    int
	depth  int // containers open at pos: 1 inside the body's object
	strict bool
	// escNames holds the unescaped names that had escapes.
	escNames []byte
	// path is the JSON path of an error, innermost step first, recorded
	// as the error travels up.
	path []pathStep
	// arena holds the strings copied out of the body (see text).
	arena strings.Builder
	// nameOff is the offset of the name of the member object is reading.
	nameOff int
	// unknownTop records that the body's object had a member the kind's
	// reader did not know.
	unknownTop bool
}

// newParser returns a reader of body.
func newParser(body []byte, strict bool) parser {
	return parser{data: body, strict: strict}
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
// array element i. The path is put together once, in finish, so that
// reporting an error deep in a body stays linear in its size.
func (p *parser) in(err error, name string) error {
	if err != nil {
		p.path = append(p.path, pathStep{name: name, index: -1})
	}
	return err
}

func (p *parser) inIndex(err error, i int) error {
	if err != nil {
		p.path = append(p.path, pathStep{index: i})
	}
	return err
}

// finish fills in the path of a *PayloadError once it reached the top.
func (p *parser) finish(err error) error {
	if pe, ok := err.(*PayloadError); ok {
		pe.Field = renderPath(p.path)
	}
	return err
}

func (p *parser) skipSpace() {
	if d, i := p.data, p.pos; i < len(d) && d[i] > ' ' {
		return // the common case in compact JSON
	}
	p.pos = skipWS(p.data, p.pos)
}

// skipIndent is skipSpace where the whitespace is most likely a line's
// indentation (see skipIndent in scan.go).
func (p *parser) skipIndent() {
	if d, i := p.data, p.pos; i < len(d) && d[i] <= ' ' {
		p.pos = skipIndent(d, i)
	}
}

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

// topLevel reads the whole body, one object and then only whitespace,
// calling fn for its members as object does.
func (p *parser) topLevel(fn func(name []byte) (bool, error)) error {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return p.syntax(p.pos, "want a JSON object, got "+p.describe(p.pos))
	}
	if p.data[p.pos] != '{' {
		return p.wrongType(p.pos, "a JSON object")
	}
	if err := p.object(false, fn); err != nil {
		return err
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return p.syntax(p.pos, "data after the JSON object")
	}
	return nil
}

// enter opens a container at p.pos, one level deeper: the one place the
// limit of nesting is checked. leave closes it.
func (p *parser) enter() error {
	if p.depth++; p.depth > MaxDepth {
		return p.fail(p.pos, ErrTooDeep, "")
	}
	p.pos++
	p.skipIndent()
	return nil
}

func (p *parser) leave() { p.depth-- }

// object reads the object at p.pos, the one loop over members. For each
// member it calls fn with p at the value; fn reads the value and returns
// true, or returns false without reading when it does not know the member,
// which is then checked as JSON and skipped (a nil fn knows none). Every
// name is checked against the object's earlier names. Under
// DisallowUnknownMembers an unknown member is an error unless open is set:
// an open object is one the model keeps whole (its raw JSON), so none of
// its members is unknown.
func (p *parser) object(open bool, fn func(name []byte) (bool, error)) error {
	brace := p.pos
	if err := p.enter(); err != nil {
		return err
	}
	// The whitespace before the first member, its indentation in an
	// indented body and nothing in a compact one, is most likely what
	// comes before the others too.
	gap := p.data[brace+1 : p.pos]
	// The names seen so far, to find duplicates: on the stack up to
	// dupScan, in a hash set past that (see names).
	var seen names
	var err error
	empty := p.pos < len(p.data) && p.data[p.pos] == '}'
	if empty {
		p.pos++
	}
	for !empty {
		keyOff := p.pos
		// key stays nil unless read here: a name read here, even "", is a
		// slice of the body, never nil (a flag cost 0.6% of a decision).
		var key []byte
		if d, i := p.data, p.pos; i < len(d) && d[i] == '"' {
			// The usual name, read here: plain (see plainEnd), and the
			// value right after the colon or after one space.
			if end, ok := plainEnd(d, i+1); ok && end+3 < len(d) && d[end+1] == ':' {
				j := end + 2
				if d[j] == ' ' {
					j++
				}
				if d[j] > ' ' {
					key, p.pos = d[i+1:end], j
				}
			}
		}
		if key == nil {
			if key, err = p.memberName(); err != nil {
				break
			}
		}
		if bit := bloomBit(key); !seen.fresh(bit, key) && seen.duplicate(key) {
			err = p.in(p.fail(keyOff, ErrDuplicateMember, ""), string(key))
			break
		}
		known := false
		if fn != nil {
			p.nameOff = keyOff
			known, err = fn(key)
		}
		if err == nil && !known {
			if p.depth == 1 {
				p.unknownTop = true
			}
			if p.strict && !open {
				err = p.fail(keyOff, ErrUnknownMember, "")
			} else {
				err = p.skip()
			}
		}
		if err != nil {
			err = p.in(err, string(key))
			break
		}
		if next, ok := p.commaGap(gap); ok && p.data[next] == '"' {
			p.pos = next // the next member, after the same whitespace as the first
			continue
		}
		empty, err = p.nextMember()
		if err != nil {
			break
		}
	}
	p.leave()
	return err
}

// commaGap reports whether p is at a comma, gap and then one more byte,
// and returns the offset of that byte. gap is whitespace (see object), so
// the byte is where nextMember or nextElement would have gone.
func (p *parser) commaGap(gap []byte) (next int, ok bool) {
	d := p.data
	next = p.pos + 1 + len(gap)
	return next, next < len(d) && d[p.pos] == ',' && (len(gap) == 0 || string(d[p.pos+1:next]) == string(gap))
}

// nextMember consumes the ',' or '}' after a member value, and reports
// whether the object ended.
func (p *parser) nextMember() (end bool, err error) {
	p.skipIndent()
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
// start of the value: the general case, object reads the usual one. The
// name is unescaped; it aliases the body when it had no escapes, else
// p.escNames, whose bytes are never overwritten (appending may move it,
// never change what an earlier name points to).
func (p *parser) memberName() ([]byte, error) {
	d, i := p.data, p.pos
	if i >= len(d) || d[i] != '"' {
		return nil, p.syntax(i, "want member name, got "+p.describe(i))
	}
	s, err := p.str()
	if err != nil {
		return nil, err
	}
	name := d[s.start:s.end]
	if s.esc {
		start := len(p.escNames)
		p.escNames = appendUnescaped(p.escNames, name)
		name = p.escNames[start:]
	}
	p.skipSpace()
	if p.pos >= len(d) || d[p.pos] != ':' {
		return nil, p.in(p.syntax(p.pos, "want ':' after member name, got "+p.describe(p.pos)), string(name))
	}
	p.pos++
	p.skipSpace()
	return name, nil
}

// array reads the array at p.pos, the one loop over elements, calling fn
// for each element with p at it; a nil fn checks and skips them.
func (p *parser) array(fn func(i int) error) error {
	bracket := p.pos
	if err := p.enter(); err != nil {
		return err
	}
	gap := p.data[bracket+1 : p.pos] // as in object
	empty := p.pos < len(p.data) && p.data[p.pos] == ']'
	if empty {
		p.pos++
	}
	for i := 0; !empty; i++ {
		var err error
		if fn != nil {
			err = fn(i)
		} else {
			err = p.skip()
		}
		if err != nil {
			return p.inIndex(err, i)
		}
		if next, ok := p.commaGap(gap); ok && p.data[next] > ' ' {
			p.pos = next // the next element, after the same whitespace as the first
			continue
		}
		if empty, err = p.nextElement(); err != nil {
			return err
		}
	}
	p.leave()
	return nil
}

// nextElement consumes the ',' or ']' after an array element, and reports
// whether the array ended.
func (p *parser) nextElement() (end bool, err error) {
	p.skipIndent()
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

// skip checks and skips one value of any type.
func (p *parser) skip() error {
	if p.pos >= len(p.data) {
		return p.syntax(p.pos, "want value, got end of input")
	}
	switch c := p.data[p.pos]; c {
	case '"':
		_, err := p.str()
		return err
	case '{':
		return p.object(true, nil)
	case '[':
		return p.array(nil)
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

// number checks and skips a number; p.pos is at its first byte, a minus
// sign or a digit.
func (p *parser) number() error {
	end, ok := scanNumber(p.data, p.pos)
	if !ok {
		return p.syntax(p.pos, "invalid number")
	}
	p.pos = end
	return nil
}

// wrongType skips the value at off, so that malformed JSON is reported as
// such, and then reports that it is not of the type want.
func (p *parser) wrongType(off int, want string) error {
	if err := p.skip(); err != nil {
		return err
	}
	return p.fail(off, ErrWrongType, "want "+want+", got "+p.describe(off))
}

// span is the content of a JSON string in the body, without its quotes.
type span struct {
	start, end int
	esc        bool // holds escape sequences
	ok         bool // present and not null
}

// size is the length of the string in the body, or 0 when absent.
func (s span) size() int {
	if !s.ok {
		return 0
	}
	return s.end - s.start
}

// str checks and skips a string; p.pos is at its opening quote. The usual
// string, plain bytes up to its closing quote, takes the short way;
// strRest reads any other.
func (p *parser) str() (span, error) {
	start := p.pos + 1
	end, ok := plainEnd(p.data, start)
	if ok {
		p.pos = end + 1
		return span{start: start, end: end, ok: true}, nil
	}
	return p.strRest(start, end)
}

// strRest reads the string whose content starts at start, from its first
// byte at i that is not plain.
func (p *parser) strRest(start, i int) (span, error) {
	d := p.data
	esc := false
	for ; ; i = scanPlain(d, i) {
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
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				return span{}, p.syntax(i, "invalid UTF-8 in string")
			}
			i += n
		default: // the special bytes left: control characters
			return span{}, p.syntax(i, "control character in string")
		}
	}
}

// dupScan is how many names an object may hold before duplicates are looked
// up in a hash set instead of by comparing with every earlier name.
const dupScan = 16

// names holds the member names an object has had so far.
type names struct {
	n int // how many
	// bloom has bit bloomBit(name) set for each name in seen, so that most
	// new names need no comparison at all.
	bloom uint64
	seen  [dupScan][]byte // the first dupScan
	// hashes holds all of them once there are more, as 128-bit keyed
	// hashes: the first 64 bits as the map key, the other 64 as the value.
	// Two names with the same 128-bit hash are taken as duplicates: with
	// keys random per process, a sender cannot aim for a collision, and one
	// by chance is far less likely than a hardware fault (about n²/2¹²⁹
	// for n names).
	hashes map[uint64]uint64
}

// bloomBit returns the bit of name in names.bloom: one of 64, from its
// length and its first and last bytes, which tell apart most names of one
// object. Equal names always get the same bit.
func bloomBit(name []byte) uint64 {
	h := uint(len(name))
	if len(name) > 0 {
		h = h*0x9E37 ^ uint(name[0])*0x5B ^ uint(name[len(name)-1])
	}
	return 1 << ((h ^ h>>6) & 63)
}

// nameSeeds key the hashes of member names.
var nameSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// addHash records name in ns.hashes and reports whether it was there
// already.
func (ns *names) addHash(name []byte) (dup bool) {
	h1, h2 := maphash.Bytes(nameSeeds[0], name), maphash.Bytes(nameSeeds[1], name)
	if v, hit := ns.hashes[h1]; hit {
		// Equal low halves but different high halves (chance 2⁻⁶⁴ per
		// pair) keep the first name only; that can at worst miss a
		// duplicate inside an unknown member, never invent one.
		return v == h2
	}
	ns.hashes[h1] = h2
	return false
}

// fresh reports whether name, whose Bloom bit is bit, is certainly not a
// duplicate, its bit being new and ns having room for it, and then records
// it. Most names of most objects are; duplicate decides and records the
// others. Once ns has a hash set it is full (n is dupScan), so fresh never
// goes around the set.
func (ns *names) fresh(bit uint64, name []byte) bool {
	if ns.n < dupScan && ns.bloom&bit == 0 {
		ns.bloom |= bit
		ns.seen[ns.n] = name
		ns.n++
		return true
	}
	return false
}

// duplicate reports whether name is in ns, and records it. The first
// dupScan names of an object are compared one by one; past that, all its
// names go into a hash set, so the work and the memory stay linear in the
// number of names.
func (ns *names) duplicate(name []byte) bool {
	if ns.hashes != nil {
		return ns.addHash(name)
	}
	for _, k := range ns.seen[:ns.n] {
		if string(k) == string(name) {
			return true
		}
	}
	if ns.n < dupScan { // its bit is in bloom already: fresh saw it there
		ns.seen[ns.n] = name
		ns.n++
		return false
	}
	ns.hashes = make(map[uint64]uint64)
	for _, k := range ns.seen {
		ns.addHash(k)
	}
	ns.addHash(name)
	return false
}

// stringBytes guesses how many bytes of the body from off on are not the
// spaces and newlines that indent most bodies (tabs and carriage returns,
// far fewer, count as content): those in its next 256 bytes, scaled to the
// rest. Counting all of a body's spaces measured 5% slower on a compact
// decision. off is at a string that is not empty, so neither is the
// sample.
func (p *parser) stringBytes(off int) int {
	rest := p.data[off:]
	sample := rest[:min(len(rest), 256)]
	indent := bytes.Count(sample, []byte{' '}) + bytes.Count(sample, []byte{'\n'})
	return len(rest) - len(rest)*indent/len(sample)
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
	if !s.esc {
		return p.plainText(s.start, s.end)
	}
	if n := s.end - s.start; p.arena.Cap()-p.arena.Len() < n {
		p.newChunk(n, s.start)
	}
	return take(&p.arena, p.data, s)
}

// plainText returns a copy of the plain bytes (see plainEnd) of the body
// from start to end, the content of a string: text's usual case, which
// optString calls directly (a call less for most strings of a decision).
func (p *parser) plainText(start, end int) string {
	if n := end - start; p.arena.Cap()-p.arena.Len() < n {
		p.newChunk(n, start)
	}
	k := p.arena.Len()
	p.arena.Write(p.data[start:end])
	return p.arena.String()[k:]
}

// newChunk starts a chunk of the arena for a string of at most n bytes, at
// off in the body. What is left of the body from there on bounds the
// strings still to come (unescaping never lengthens them). Names, quotes,
// nulls and numbers take about two thirds of what is not whitespace in a
// usual body (the documented decision keeps 454 of its 1588 bytes
// compacted). A guess too small costs one more chunk; one too large costs
// garbage collection, which measured more: half the body was 8% slower
// than a third, on compact and indented bodies alike.
func (p *parser) newChunk(n, off int) {
	p.arena = strings.Builder{}
	p.arena.Grow(max(n, min(p.stringBytes(off)/3, arenaChunk)))
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

// bytesOf returns the content of s unescaped, aliasing the body when it had
// no escapes.
func (p *parser) bytesOf(s span) []byte {
	if s.esc {
		return appendUnescaped(nil, p.data[s.start:s.end])
	}
	return p.data[s.start:s.end]
}
