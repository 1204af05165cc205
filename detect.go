package webhook

import (
	"bytes"
	"math/bits"
)

// Kind detection: which row of the table of kinds (kindTable) a body is.
// Two passes find it, both through kindSignals: a quick skim of the top
// level (skimKind), and the strict reader when the skim cannot tell
// (detectKind). ParseAny reads the usual event and the usual decision
// without either (see startsLikeDecision).

// signalNames are the top-level member names that tell the kinds apart:
// first those that tell by their presence (a row's members), then those
// whose string value tells (a row's by), each in the order it first appears
// in the table; valued marks the second. TestSignalNames holds them to
// maxSignals.
var signalNames, signalValued = func() (names []string, valued []bool) {
	add := func(name string, isValued bool) {
		for i, n := range names {
			if n == name {
				valued[i] = valued[i] || isValued
				return
			}
		}
		names, valued = append(names, name), append(valued, isValued)
	}
	for _, k := range &kindTable {
		for _, m := range k.members {
			add(m, false)
		}
	}
	for _, k := range &kindTable {
		if k.by != "" {
			add(k.by, true)
		}
	}
	return names, valued
}()

// maxSignals bounds the number of signalNames: kindSignals has room for
// the values of that many.
const maxSignals = 16

// signal returns the index of name in signalNames, or -1.
func signal(name []byte) int {
	for i, n := range signalNames {
		if string(name) == n {
			return i
		}
	}
	return -1
}

// kindSignals is what the top level of a body says of its kind.
type kindSignals struct {
	has    uint64             // bit i: signalNames[i] is present
	values [maxSignals][]byte // the string values of the valued names
}

// kind returns the kind of the first row of the table of kinds that the
// signals match, or KindUnknown.
func (s *kindSignals) kind() Kind {
	for i := range kindTable {
		k, t := &kindTable[i], &kindTests[i]
		switch {
		case k.by == "":
			if bits.OnesCount64(s.has&t.mask) >= k.need {
				return k.kind
			}
		case k.prefix:
			if bytes.HasPrefix(s.values[t.by], []byte(k.value)) {
				return k.kind
			}
		case string(s.values[t.by]) == k.value:
			return k.kind
		}
	}
	return KindUnknown
}

// kindTests are the rows of the table of kinds in terms of signalNames: by
// is the index of the row's by, mask has the bits of its members.
var kindTests = func() (t [len(kindTable)]struct {
	by   int
	mask uint64
}) {
	for i, k := range &kindTable {
		t[i].by = signal([]byte(k.by))
		for _, m := range k.members {
			t[i].mask |= 1 << signal([]byte(m))
		}
	}
	return t
}()

// member notes the top-level member name, at p.pos in the strict reader,
// and reads its value when that is a string that tells the kind. It
// reports whether it read the value; otherwise the reader checks and skips
// it.
func (s *kindSignals) member(p *parser, name []byte) (bool, error) {
	i := signal(name)
	if i < 0 {
		return false, nil
	}
	s.has |= 1 << i
	if !signalValued[i] || p.pos >= len(p.data) || p.data[p.pos] != '"' {
		return false, nil
	}
	sp, err := p.str()
	if err == nil {
		s.values[i] = p.bytesOf(sp)
	}
	return true, err
}

// detectKind finds the kind with the strict reader: one pass over the top
// level that checks every value as JSON.
func detectKind(body []byte) (Kind, error) {
	var s kindSignals
	p := newParser(body, false)
	if err := p.topLevel(func(name []byte) (bool, error) { return s.member(&p, name) }); err != nil {
		return "", p.finish(err)
	}
	return s.kind(), nil
}

// skimKind finds the kind of a body of the usual shape in one quick pass
// over its top level that does not check the JSON: the parser of the kind
// it finds checks everything after it. It reports false when it cannot
// tell (an escape or a non-ASCII byte in a name or in a value that decides,
// or anything malformed): then detectKind decides. On a valid body it must
// find what detectKind finds; TestSkimKind and FuzzParseAny check it.
func skimKind(d []byte) (Kind, bool) {
	var s kindSignals
	i := skipWS(d, 0)
	if i >= len(d) || d[i] != '{' {
		return "", false
	}
	for { // i is at '{' or ',' here; "{}" is left to detectKind
		name, j, ok := quickName(d, i+1)
		if !ok {
			return "", false
		}
		var value *[]byte // where a valued name's value goes
		if k := signal(name); k >= 0 {
			s.has |= 1 << k
			if signalValued[k] {
				value = &s.values[k]
			}
		}
		if value != nil && j < len(d) && d[j] == '"' {
			end, ok := plainEnd(d, j+1)
			if !ok {
				return "", false
			}
			*value = d[j+1 : end]
			j = end + 1
		} else if j, ok = skimValue(d, j); !ok {
			return "", false
		}
		if i = skipWS(d, j); i >= len(d) || d[i] != ',' {
			break
		}
	}
	if i >= len(d) || d[i] != '}' {
		return "", false
	}
	return s.kind(), true
}

// startsLikeDecision reports whether body's first top-level member is
// "verification", or "status" followed by "verification", as in every
// decision Veriff published.
func startsLikeDecision(d []byte) bool {
	i := skipWS(d, 0)
	if i >= len(d) || d[i] != '{' {
		return false
	}
	name, j, ok := quickName(d, i+1)
	if !ok || string(name) != "status" {
		return ok && string(name) == "verification"
	}
	if j, ok = skimValue(d, j); !ok {
		return false
	}
	if j = skipWS(d, j); j >= len(d) || d[j] != ',' {
		return false
	}
	name, _, ok = quickName(d, j+1)
	return ok && string(name) == "verification"
}
