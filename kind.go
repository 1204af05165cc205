package webhook

import (
	"bytes"
	"encoding/json"
	"math/bits"
	"strings"
)

// Kind is the kind of a webhook body. Veriff sends several kinds, each to
// the URL set for it in its Customer Portal, and no header says which kind
// arrived; ParseAny tells them apart by their members.
type Kind string

// Kinds of webhook.
const (
	// KindEvent is the event webhook: where an end-user is in the flow
	// (Event).
	KindEvent Kind = "event"
	// KindDecision is the decision webhook: the result of a verification
	// (Decision).
	KindDecision Kind = "decision"
	// KindWatchlistScreening is the watchlist-screening webhook: PEP,
	// sanctions and adverse-media results, and their ongoing monitoring
	// (WatchlistScreening).
	KindWatchlistScreening Kind = "watchlist_screening"
	// KindFullAuto is the Full Auto webhook of the Essential plan, sent
	// instead of the decision webhook (FullAuto).
	KindFullAuto Kind = "fullauto"
	// KindUserStatus is the webhook of a status set by a user of the
	// Customer Portal (UserStatus).
	KindUserStatus Kind = "user_status"
	// KindINE is the legacy Mexican electoral-registry result
	// (INERegistry).
	KindINE Kind = "ine"
	// KindCURP is the legacy Mexican population-registry result
	// (CURPRegistry).
	KindCURP Kind = "curp"
	// KindINECURP is the legacy combined INE and CURP result
	// (INECURPRegistry).
	KindINECURP Kind = "ine_curp"
	// KindUnknown is a valid JSON object of no kind this package knows
	// (Unknown).
	KindUnknown Kind = "unknown"
)

// kinds lists the typed kinds in the order ParseAny tries them.
var kinds = [...]Kind{KindFullAuto, KindUserStatus, KindINE, KindINECURP, KindCURP, KindDecision, KindWatchlistScreening, KindEvent}

// Kinds returns the eight typed kinds, in the order ParseAny detects them
// (see ParseAny). KindUnknown is not among them.
func Kinds() []Kind { return append([]Kind(nil), kinds[:]...) }

// IsKnown reports whether k is one of the typed kinds that Kinds lists;
// it is false for KindUnknown, for "" and for any other value.
func (k Kind) IsKnown() bool {
	for _, c := range &kinds {
		if k == c {
			return true
		}
	}
	return false
}

// String returns the kind's name.
func (k Kind) String() string { return string(k) }

// Payload is a parsed webhook body of any kind: Event, Decision,
// WatchlistScreening, FullAuto, UserStatus, INERegistry, CURPRegistry,
// INECURPRegistry or Unknown. Switch on its type:
//
//	switch p := d.Payload.(type) {
//	case webhook.Decision:
//		// p.Verification.Status ...
//	case webhook.Event:
//		// p.Context.State ...
//	case webhook.Unknown:
//		// a kind this package does not know: p.Raw holds it
//	}
//
// Every payload also gives the session it is about and the values in it
// this package does not know, so that code that logs or stores any
// delivery needs no switch.
type Payload interface {
	// Kind returns the kind of the payload.
	Kind() Kind
	// Session returns the session the payload is about; the zero
	// SessionRef for Unknown.
	Session() SessionRef
	// UnknownValues returns the JSON paths of the members whose values
	// this package does not know, in the order of the body; nil when
	// there are none, and always for Unknown.
	UnknownValues() []string
}

// Kind returns KindEvent.
func (Event) Kind() Kind { return KindEvent }

// Kind returns KindDecision.
func (Decision) Kind() Kind { return KindDecision }

// Unknown is a body that is a valid JSON object of no kind this package
// knows: a kind Veriff added, or a body sent to the wrong URL. Veriff's
// compatibility policy asks listeners to handle kinds they do not know
// gracefully, so it is delivered, not rejected.
type Unknown struct {
	// Raw is the body as sent, a copy.
	Raw json.RawMessage
}

// Kind returns KindUnknown.
func (Unknown) Kind() Kind { return KindUnknown }

// ParseAny detects the kind of a webhook body and parses it. Call it only
// on a body whose signature Verify accepted.
//
// The kind follows from the members at the top level of the body, in this
// order: an "eventType" of "fullauto" (FullAuto), of "user-status." and
// more (UserStatus), of "ine_registry" (INERegistry), of
// "combined-ine-curp-registry" (INECURPRegistry); a "type" of
// "curp_registry" (CURPRegistry); a "verification" member (Decision, also
// with an "eventType" none of the above, should Veriff add one to
// decisions); "checkType" and "matchStatus" members (WatchlistScreening);
// two of "action", "code" and "feature" (Event); anything else (Unknown).
// Only the presence of members and those two values count: a body that
// looks like a known kind and breaks its rules is an error naming the
// member, never Unknown. A member of one kind added to a body of another
// can change the kind found: an event with a top-level "verification" is
// read as a decision, and rejected.
//
// The usual event and the usual decision are read in one pass, and most
// other bodies in three: the event's fast path, which gives up at the first
// member of another kind, one pass over the top level for the kind, then
// the kind's parser. A body with escapes or non-ASCII bytes in its
// top-level member names takes one more, by the strict reader, to find the
// kind; a body that starts like a decision and is not a valid one, one more
// too. Each kind is parsed with
// the rules of Parse (see Parse and
// ParseDecision): a body that is not one valid JSON object, or a known kind
// with a required member missing or a member of the wrong type, is a
// *PayloadError matching ErrInvalidPayload. A valid JSON object of no known
// kind is an Unknown, never an error.
func ParseAny(body []byte) (Payload, error) {
	return ParseOptions{}.ParseAny(body)
}

// ParseAny decodes body like the package-level ParseAny, under the options
// o. DisallowUnknownMembers does not apply to Unknown, whose members are
// all kept.
func (o ParseOptions) ParseAny(body []byte) (Payload, error) {
	// The usual event is read in one pass: Parse's fast path takes only a
	// body whose members are all event members, which leaves no other kind
	// possible, and gives up at the first other member.
	var r rawEvent
	if quickEvent(body, &r) {
		return r.build(body), nil
	}
	// The usual decision in one pass too: a body that starts as decisions
	// do is parsed as one while its top-level members are noted, and kept
	// if they say it is a decision (it has verification, and no eventType
	// or type that claims it for another kind). Anything else takes the
	// general path below, which gives the same result.
	var decisionErr error // the error of parsing the body as a decision, if tried
	if !o.DisallowUnknownMembers && startsLikeDecision(body) {
		var s kindSignals
		d, err := o.parseDecision(body, &s)
		if err == nil && s.kind() == KindDecision {
			return d, nil
		}
		decisionErr = err
	}
	kind, ok := skimKind(body)
	if !ok {
		// Escapes in a name or a value that decides, or malformed JSON:
		// the strict reader decides, and explains any error.
		var err error
		if kind, err = o.detectKind(body); err != nil {
			return nil, err
		}
	}
	if kind == KindDecision && decisionErr != nil {
		return nil, decisionErr // ParseDecision would say the same again
	}
	return o.parseKind(kind, body)
}

// parseKind parses body as a payload of kind k.
func (o ParseOptions) parseKind(k Kind, body []byte) (Payload, error) {
	switch k {
	case KindEvent:
		e, err := o.parseEventFull(body) // ParseAny tried the fast path already
		if err != nil {
			return nil, err
		}
		return e, nil
	case KindDecision:
		d, err := o.ParseDecision(body)
		if err != nil {
			return nil, err
		}
		return d, nil
	case KindWatchlistScreening:
		return parseWith(o, body, (*parser).parseWatchlist)
	case KindFullAuto:
		return parseWith(o, body, (*parser).parseFullAuto)
	case KindUserStatus:
		return parseWith(o, body, (*parser).parseUserStatus)
	case KindINE:
		return parseWith(o, body, (*parser).parseINE)
	case KindCURP:
		return parseWith(o, body, (*parser).parseCURP)
	case KindINECURP:
		return parseWith(o, body, (*parser).parseINECURP)
	}
	// Unknown: the body must still be one valid JSON object.
	p := parser{data: body}
	if err := p.topLevel(func([]byte) (bool, error) { return false, nil }); err != nil {
		return nil, p.finish(err)
	}
	return Unknown{Raw: bytes.Clone(body)}, nil
}

// parseWith runs parse, one of the parsers of the other kinds, on body.
func parseWith[T Payload](o ParseOptions, body []byte, parse func(*parser, *T) error) (Payload, error) {
	var v T
	p := parser{data: body, strict: o.DisallowUnknownMembers}
	if err := parse(&p, &v); err != nil {
		return nil, p.finish(err)
	}
	return v, nil
}

// finish fills in the path of a *PayloadError once it reached the top.
func (p *parser) finish(err error) error {
	if pe, ok := err.(*PayloadError); ok {
		pe.Field = p.field()
	}
	return err
}

// topLevel reads the whole body, one object and then only whitespace,
// calling fn for its members as object does.
func (p *parser) topLevel(fn func(name []byte) (bool, error)) error {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return p.syntax(p.pos, "want a JSON object, got "+p.describe(p.pos))
	}
	if p.data[p.pos] != '{' {
		return p.wrongType(p.pos, "a JSON object", 0)
	}
	if err := p.object(1, false, fn); err != nil {
		return err
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return p.syntax(p.pos, "data after the JSON object")
	}
	return nil
}

// The top-level members that decide the kind.
const (
	hasVerification = 1 << iota
	hasCheckType
	hasMatchStatus
	hasAction
	hasCode
	hasFeature
)

// kindSignals is what decides the kind of a body.
type kindSignals struct {
	has       uint
	eventType []byte // the value of "eventType", when a string
	typ       []byte // the value of "type", when a string
}

// kind applies ParseAny's order to what was found.
func (s *kindSignals) kind() Kind {
	et := string(s.eventType)
	switch {
	case et == "fullauto":
		return KindFullAuto
	case strings.HasPrefix(et, "user-status."):
		return KindUserStatus
	case et == "ine_registry":
		return KindINE
	case et == "combined-ine-curp-registry":
		return KindINECURP
	case string(s.typ) == "curp_registry":
		return KindCURP
	case s.has&hasVerification != 0:
		return KindDecision
	case s.has&(hasCheckType|hasMatchStatus) == hasCheckType|hasMatchStatus:
		return KindWatchlistScreening
	case bits.OnesCount(s.has&(hasAction|hasCode|hasFeature)) >= 2:
		return KindEvent
	}
	return KindUnknown
}

// signal records the top-level member name and reports whether its value
// decides the kind (eventType, type).
func (s *kindSignals) signal(name []byte) (valued bool) {
	switch string(name) {
	case "eventType", "type":
		return true
	case "verification":
		s.has |= hasVerification
	case "checkType":
		s.has |= hasCheckType
	case "matchStatus":
		s.has |= hasMatchStatus
	case "action":
		s.has |= hasAction
	case "code":
		s.has |= hasCode
	case "feature":
		s.has |= hasFeature
	}
	return false
}

// value records the string value of eventType or type.
func (s *kindSignals) value(name, v []byte) {
	if name[0] == 'e' {
		s.eventType = v
	} else {
		s.typ = v
	}
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
	if j = skimValue(d, j); j < 0 {
		return false
	}
	if j = skipWS(d, j); j >= len(d) || d[j] != ',' {
		return false
	}
	name, _, ok = quickName(d, j+1)
	return ok && string(name) == "verification"
}

// detectKind finds the kind with the strict reader: one pass over the top
// level that checks every value as JSON.
func (o ParseOptions) detectKind(body []byte) (Kind, error) {
	var s kindSignals
	p := parser{data: body}
	err := p.topLevel(func(name []byte) (bool, error) {
		if !s.signal(name) || p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return false, nil
		}
		sp, err := p.str()
		if err == nil {
			s.value(name, p.bytesOf(sp))
		}
		return true, err
	})
	if err != nil {
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
	if j := skipWS(d, i+1); j < len(d) && d[j] == '}' {
		return s.kind(), true
	}
	for { // i is at '{' or ',' here
		name, j, ok := quickName(d, i+1)
		if !ok {
			return "", false
		}
		if s.signal(name) && j < len(d) && d[j] == '"' {
			k := scanPlain(d, j+1)
			if k >= len(d) || d[k] != '"' {
				return "", false
			}
			s.value(name, d[j+1:k])
			j = k + 1
		} else if j = skimValue(d, j); j < 0 {
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

// skimValue returns the offset after the JSON value at i, matching
// brackets and skipping strings without checking them, or -1 when the
// value ends the body.
func skimValue(d []byte, i int) int {
	depth := 0
	for i < len(d) {
		switch c := d[i]; c {
		case '"':
			if i = skimString(d, i); i < 0 {
				return -1
			}
			if depth == 0 {
				return i
			}
		case '{', '[':
			depth++
			i++
		case '}', ']':
			if depth == 0 {
				return i // the end of the enclosing object: a malformed member
			}
			depth--
			i++
			if depth == 0 {
				return i
			}
		case ',':
			if depth == 0 {
				return i
			}
			i++
		default:
			i++
		}
	}
	return -1
}

// skimString returns the offset after the string whose opening quote is
// at i, or -1 when it does not end: the first quote after i that an odd
// number of backslashes does not escape. bytes.IndexByte finds quotes far
// faster than a scan that checks every byte.
func skimString(d []byte, i int) int {
	for i++; ; i++ {
		k := bytes.IndexByte(d[i:], '"')
		if k < 0 {
			return -1
		}
		i += k
		n := 0
		for j := i - 1; d[j] == '\\'; j-- { // stops at the opening quote at the latest
			n++
		}
		if n%2 == 0 {
			return i + 1
		}
	}
}
