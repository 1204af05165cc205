package webhook

import "bytes"

// Parse decodes an event webhook body. Call it only on a body whose
// signature Verify accepted.
//
// Parse is strict about syntax and tolerant about evolution. It rejects, with
// a *PayloadError that matches ErrInvalidPayload, anything that is not
// exactly one JSON object (RFC 8259, UTF-8, no lone surrogate escapes,
// whitespace around it allowed), a duplicate member name at any depth, an
// id that is missing, null or empty, an event with neither a code nor an
// action (nothing says what happened), any member of the wrong type (null
// is absent), and a code that is not an integer (a JSON integer or a
// string holding one). A missing, null or empty feature, code or action
// is accepted and reported by Event.Anomalies: Veriff always sends them,
// and nothing is lost without one.
// It accepts members it does not know (after checking them as JSON) and
// values it does not know (kept, reporting IsKnown false). Member names match
// case-sensitively.
//
// Parse does not use reflection. A body of the usual shape (only known
// members, strings of ASCII without escapes, a code of at most nine digits
// written as a number) is read in one pass; any other body is read a second
// time by the strict reader, which handles every valid body and explains
// every error, so at most twice the work. For a typical payload Parse allocates
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
	// (additionalVerifiedData, biometricAuthentication.details, udocs,
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

// parseEventFull parses body with the strict reader only, for a body the
// fast path gave up on. Tests reach the full path through it.
func (o ParseOptions) parseEventFull(body []byte) (Event, error) {
	var r rawEvent
	p := newParser(body, o.DisallowUnknownMembers)
	if err := readEvent(&p, &r); err != nil {
		return Event{}, p.finish(err)
	}
	return r.build(body), nil
}

// ParseDecision decodes a decision webhook body. Call it only on a body
// whose signature Verify accepted.
//
// It applies Parse's rules (see Parse): exactly one JSON object of valid
// UTF-8, no duplicate member names at any depth, nesting at most MaxDepth,
// members matched case-sensitively, unknown members checked and skipped,
// unknown values kept. It requires "verification" (an object) with a
// non-empty "id" and "status": a decision means nothing without its session
// and its status. Every other member is optional, and null is the same as
// absent; a "code" (an integer, or a string holding one) that is absent or
// null is reported by Decision.Anomalies, since Veriff always sends it and
// the status says what it would. A
// member of the wrong type is an error naming it, as is a timestamp that is
// not RFC 3339 and a reasonCode that is not an integer (or a string holding
// one). The error is a *PayloadError whose Field is the member's JSON path,
// such as "verification.person.firstName".
//
// The decision does not retain body.
func ParseDecision(body []byte) (Decision, error) {
	return ParseOptions{}.ParseDecision(body)
}

// ParseDecision decodes body like the package-level ParseDecision, under
// the options o. DisallowUnknownMembers applies to every object the model
// defines, except additionalVerifiedData, biometricAuthentication.details
// and udocs, which are kept whole.
func (o ParseOptions) ParseDecision(body []byte) (d Decision, err error) {
	// Read into the result itself: a Decision is 768 bytes, and copying
	// it cost 0.7% of a decode's instructions.
	p := newParser(body, o.DisallowUnknownMembers)
	if err := readDecision(&p, &d); err != nil {
		return Decision{}, p.finish(err)
	}
	return d, nil
}

// ParseAny detects the kind of a webhook body and parses it. Call it only
// on a body whose signature Verify accepted.
//
// The kind follows from the members at the top level of the body, tried in
// the order of the kinds in the table of kinds (see Kind): an "eventType"
// of "fullauto" (FullAuto), of "user-status." and more (UserStatus), of
// "ine_registry" (INERegistry), of "combined-ine-curp-registry"
// (INECURPRegistry); a "type" of "curp_registry" (CURPRegistry); a
// "verification" member (Decision), also with an "eventType" none of the
// above, should Veriff add one to decisions; "checkType" and
// "matchStatus" members (WatchlistScreening); two of "action", "code" and
// "feature" (Event); anything else (Unknown). Only the presence of
// members and those two values count: a body that looks like a known kind
// and breaks its rules is an error naming the member, never Unknown. A
// member of one kind added to a body of another can change the kind found:
// an event with a top-level "verification" is read as a decision, and
// rejected.
//
// The usual event and the usual decision are read in one pass, and most
// other bodies in three: the event's fast path, which gives up at the first
// member of another kind, one pass over the top level for the kind, then
// the kind's parser. A body with escapes or non-ASCII bytes in its
// top-level member names takes one more, by the strict reader, to find the
// kind; a body that starts like a decision and is not a valid one, or has
// a top-level member a decision does not define, one more too. Each kind is
// parsed with the rules of Parse (see Parse and ParseDecision): a body that
// is not one valid JSON object, or a known kind
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
	// do is read as one. When it is a valid decision with no top-level
	// member a decision does not know, no eventType or type can claim it
	// for another kind: it is a decision. Otherwise the kind is found as
	// for any body, and the decision read is kept should it be one.
	var spec struct {
		tried bool
		d     Decision
		err   error
	}
	if !o.DisallowUnknownMembers && startsLikeDecision(body) {
		p := newParser(body, false)
		spec.tried, spec.err = true, readDecision(&p, &spec.d)
		if spec.err == nil && !p.unknownTop {
			return spec.d, nil
		}
		spec.err = p.finish(spec.err)
	}
	kind, ok := skimKind(body)
	if !ok {
		// Escapes in a name or a value that decides, or malformed JSON:
		// the strict reader decides, and explains any error.
		var err error
		if kind, err = detectKind(body); err != nil {
			return nil, err
		}
	}
	if kind == KindDecision && spec.tried {
		// ParseDecision would give the same again.
		if spec.err != nil {
			return nil, spec.err
		}
		return spec.d, nil
	}
	return o.parseKind(kind, body)
}

// parseKind parses body as a payload of kind k: the parser of k's row in
// the table of kinds, or as an Unknown.
func (o ParseOptions) parseKind(k Kind, body []byte) (Payload, error) {
	for i := range kindTable {
		if kindTable[i].kind == k {
			return kindTable[i].parse(o, body)
		}
	}
	// Unknown: the body must still be one valid JSON object.
	p := newParser(body, false)
	if err := p.topLevel(nil); err != nil {
		return nil, p.finish(err)
	}
	return Unknown{Raw: bytes.Clone(body)}, nil
}

// decode reads body with read, one kind's reader, under o. The parsers
// that count every allocation (ParseDecision, the event's) call their
// reader directly instead: through a func value, the reader escapes.
func decode[T any](o ParseOptions, body []byte, read func(*parser, *T) error) (T, error) {
	var v T
	p := newParser(body, o.DisallowUnknownMembers)
	if err := read(&p, &v); err != nil {
		var zero T
		return zero, p.finish(err)
	}
	return v, nil
}
