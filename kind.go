package webhook

import "encoding/json"

// Kind is the kind of a webhook body. Veriff sends several kinds, each to
// the URL set for it in its Customer Portal, and no header says which kind
// arrived; ParseAny tells them apart by their members.
//
// Each kind is one row of the package's table of kinds, which says how
// ParseAny tells it and how it is parsed; ParseAny's documentation lists
// the rows in the order it tries them.
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

// Kinds returns the eight typed kinds, in the order ParseAny detects them
// (see ParseAny): the rows of the table of kinds. KindUnknown is not among
// them.
func Kinds() []Kind {
	ks := make([]Kind, len(kindTable))
	for i := range kindTable {
		ks[i] = kindTable[i].kind
	}
	return ks
}

// IsKnown reports whether k is one of the typed kinds that Kinds lists;
// it is false for KindUnknown, for "" and for any other value.
func (k Kind) IsKnown() bool {
	for i := range kindTable {
		if kindTable[i].kind == k {
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
// Every payload also gives the session it is about, the values in it this
// package does not know and its anomalies, so that code that logs or
// stores any delivery needs no switch.
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
	// Anomalies returns what in the payload contradicts Veriff's
	// documentation, or is missing where Veriff always sends it, each as
	// a JSON path, a colon and the rule broken (see Event.Anomalies,
	// Decision.Anomalies, FullAuto.Anomalies); nil when nothing does, and
	// always for the kinds without such rules.
	Anomalies() []string
}

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

// kindSpec is one row of the table of kinds: a kind, what at the top level
// of a body tells it, and how it is parsed. A body is of the kind when its
// top-level member named by holds a string equal to value (starting with
// it, when prefix is set); or, for a row without by, when at least need of
// members are present.
type kindSpec struct {
	kind    Kind
	by      string
	value   string
	prefix  bool
	members []string
	need    int
	parse   func(ParseOptions, []byte) (Payload, error)
	// deref returns the payload of the kind that p holds, as a value or
	// through a pointer (nil for a nil pointer), and whether p is of the
	// kind at all.
	deref func(p Payload) (Payload, bool)
}

// kindTable is the table of kinds, in the order ParseAny tries them: the
// kinds named by a value first, then those told by their members, the
// decision before the others since a decision is the most specific. A new
// kind is its file (its types, its member tables, its read function) and
// one row here.
var kindTable = [...]kindSpec{
	{kind: KindFullAuto, by: "eventType", value: "fullauto", parse: parseAs(readFullAuto), deref: valueOf[FullAuto]},
	{kind: KindUserStatus, by: "eventType", value: "user-status.", prefix: true, parse: parseAs(readUserStatus), deref: valueOf[UserStatus]},
	{kind: KindINE, by: "eventType", value: "ine_registry", parse: parseAs(readINE), deref: valueOf[INERegistry]},
	{kind: KindINECURP, by: "eventType", value: "combined-ine-curp-registry", parse: parseAs(readINECURP), deref: valueOf[INECURPRegistry]},
	{kind: KindCURP, by: "type", value: "curp_registry", parse: parseAs(readCURP), deref: valueOf[CURPRegistry]},
	{kind: KindDecision, members: []string{"verification"}, need: 1, parse: parseAs(readDecision), deref: valueOf[Decision]},
	{kind: KindWatchlistScreening, members: []string{"checkType", "matchStatus"}, need: 2, parse: parseAs(readWatchlist), deref: valueOf[WatchlistScreening]},
	{kind: KindEvent, members: []string{"action", "code", "feature"}, need: 2, parse: parseEventPayload, deref: valueOf[Event]},
}

// valueOf is the deref function of the row of T (see kindSpec): it
// returns the T that p holds, itself or through a *T, and nil for a nil
// *T. Every payload type has value receivers, so a *T is a Payload too,
// whose methods panic when it is nil.
func valueOf[T Payload](p Payload) (Payload, bool) {
	switch v := any(p).(type) {
	case T:
		return p, true // p itself: boxing v again would allocate a copy
	case *T:
		if v == nil {
			return nil, true
		}
		return *v, true
	}
	return nil, false
}

// payloadValue returns p as a value of its kind: a pointer to a payload is
// the payload it points to, and a nil pointer is nil, so that the caller
// meets a nil payload rather than a panic. A Payload of a type that is
// none of the kinds (a caller's own) is returned as it is.
func payloadValue(p Payload) Payload {
	for i := range kindTable {
		if v, ok := kindTable[i].deref(p); ok {
			return v
		}
	}
	if v, ok := valueOf[Unknown](p); ok {
		return v
	}
	return p
}

// parseAs returns the parser of a kind whose reader is read.
func parseAs[T Payload](read func(*parser, *T) error) func(ParseOptions, []byte) (Payload, error) {
	return func(o ParseOptions, body []byte) (Payload, error) {
		v, err := decode(o, body, read)
		if err != nil {
			return nil, err
		}
		return v, nil
	}
}

// parseEventPayload parses an event with the strict reader alone: ParseAny
// tried the fast path already.
func parseEventPayload(o ParseOptions, body []byte) (Payload, error) {
	e, err := o.parseEventFull(body)
	if err != nil {
		return nil, err
	}
	return e, nil
}
