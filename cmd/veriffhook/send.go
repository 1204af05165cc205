package main

import (
	"context"
	"flag"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

// kinds are the values of -kind: webhook.Kind strings, every typed kind
// and a kind no one knows.
var kinds = append(webhook.Kinds(), webhook.KindUnknown)

func kindNames() string {
	var n []string
	for _, k := range kinds {
		n = append(n, string(k))
	}
	return strings.Join(n, ", ")
}

func runSend(ctx context.Context, c *cli, args []string) int {
	fs := c.flags("send", "Sends one delivery of any kind, signed, for a new session (or -session ID), and\n"+
		"prints a line for each: status answered, kind, session, what it is, time taken;\n"+
		"then the summary. Values not given are realistic defaults; a value this version\n"+
		"does not know is sent as given (schema drift), with a warning.")
	var t target
	t.register(fs, "any 2xx")
	kind := fs.String("kind", "", "the kind to send (required): "+kindNames())
	status := fs.String("status", "", "decision: verification.status (default approved); fullauto: the decision (default approved)")
	code := fs.Int("code", 0, "event: the code, 7001-7010 (default 7002; the action follows from it where Veriff documents one)")
	action := fs.String("action", "", "event: the action (default: the code's documented one, or flow_finished)")
	state := fs.String("state", "", "event: context.state, such as client_started (a flow event's)")
	reason := fs.String("reason", "", "event: context.reason, such as final_decision_received (a flow event's)")
	reasonCode := fs.Int("reason-code", 0, "decision: verification.reasonCode (default for declined 102, for resubmission_requested 201; 0 for none)")
	check := fs.String("check", string(webhook.CheckTypeInitialResult), "watchlist_screening: the checkType, initial_result or updated_result")
	match := fs.String("match", string(webhook.MatchStatusNoMatch), "watchlist_screening: the matchStatus, no_match or possible_match")
	curp := fs.String("curp-status", string(webhook.CURPStatusAN), "curp, ine_curp: the CURP's status in the registry, such as AN or BD")
	inactive := fs.Bool("inactive", false, "ine, ine_curp: the voter card is not valid")
	session := fs.String("session", "", "the session id (default: a new random UUID v4)")
	n := fs.Int("n", 1, "send the delivery this many times, the same body each time")
	pos, ok, exit := fs.parse(args)
	if !ok {
		return exit
	}
	if len(pos) > 0 {
		return fs.usageError("unexpected argument %q (send takes flags only; see -h)", pos[0])
	}
	if *kind == "" {
		return fs.usageError("-kind is required; valid: %s", kindNames())
	}
	if !slices.Contains(kinds, webhook.Kind(*kind)) {
		return fs.usageError("unknown kind %q; valid: %s", *kind, kindNames())
	}
	if *n < 1 {
		return fs.usageError("-n %d: give 1 or more", *n)
	}
	if !t.check(fs) {
		return exitUsage
	}
	warnSend(fs, webhook.Kind(*kind))
	// A session created five minutes ago, decided now.
	s := webhooktest.NewSession(nil, time.Now().UTC().Truncate(time.Millisecond).Add(-5*time.Minute))
	s.Wait(5 * time.Minute)
	if *session != "" {
		s.ID = *session
	}
	var p webhook.Payload
	switch webhook.Kind(*kind) {
	case webhook.KindEvent:
		cd := webhook.Code(*code)
		if cd == 0 {
			cd = webhook.CodeSubmitted
		}
		a := webhook.Action(*action)
		if a == "" {
			a = cd.Action()
		}
		if a == "" {
			a = webhook.ActionFlowFinished
		}
		p = s.Event(cd, a, webhook.Context{Reason: webhook.Reason(*reason), State: webhook.State(*state)})
	case webhook.KindDecision:
		st := webhook.Status(*status)
		if st == "" {
			st = webhook.StatusApproved
		}
		rc := webhook.ReasonCode(*reasonCode)
		if rc == 0 && !fs.isSet("reason-code") {
			switch st {
			case webhook.StatusDeclined:
				rc = webhook.ReasonCodeSuspectedDocumentTampering
			case webhook.StatusResubmissionRequested:
				rc = webhook.ReasonCodeVideoOrPhotosMissing
			}
		}
		p = s.Decision(st, rc)
	case webhook.KindWatchlistScreening:
		p = s.WatchlistScreening(webhook.CheckType(*check), webhook.MatchStatus(*match))
	case webhook.KindFullAuto:
		st := webhook.Status(*status)
		if st == "" {
			st = webhook.StatusApproved
		}
		p = s.FullAuto(st)
	case webhook.KindUserStatus:
		p = s.UserStatus("Custom status for suspicious attempt", "custom_status_for_suspicious_attempt", "Looks like velocity abuse", "")
	case webhook.KindINE:
		p = s.INE(!*inactive)
	case webhook.KindCURP:
		p = s.CURP(webhook.CURPStatus(*curp))
	case webhook.KindINECURP:
		p = s.INECURP(!*inactive, webhook.CURPStatus(*curp))
	case webhook.KindUnknown:
		p = s.UnknownKind()
	default:
		// A kind the library's table gained that this switch has no case
		// for yet: TestSendEveryKind fails until it has one.
		return fs.usageError("this veriffhook cannot build a %q delivery yet", *kind)
	}
	d := s.Deliver(p)
	ds := make([]webhooktest.Delivery, *n)
	for i := range ds {
		ds[i] = d
	}
	return t.send(ctx, c, t.sender(), []group{{ds: ds}})
}

// sendFlags are the flags of send that shape a body, with the kinds they
// apply to.
var sendFlags = map[string][]webhook.Kind{
	"status":      {webhook.KindDecision, webhook.KindFullAuto},
	"reason-code": {webhook.KindDecision},
	"code":        {webhook.KindEvent},
	"action":      {webhook.KindEvent},
	"state":       {webhook.KindEvent},
	"reason":      {webhook.KindEvent},
	"check":       {webhook.KindWatchlistScreening},
	"match":       {webhook.KindWatchlistScreening},
	"curp-status": {webhook.KindCURP, webhook.KindINECURP},
	"inactive":    {webhook.KindINE, webhook.KindINECURP},
}

// knownValue reports whether the value of flag f is one this version of
// the library knows; an unknown one is sent all the same.
var knownValue = map[string]func(string) bool{
	"status":      func(v string) bool { return webhook.Status(v).IsKnown() },
	"reason-code": func(v string) bool { n, _ := strconv.Atoi(v); return n == 0 || webhook.ReasonCode(n).IsKnown() },
	"code":        func(v string) bool { n, _ := strconv.Atoi(v); return n == 0 || webhook.Code(n).IsKnown() },
	"action":      func(v string) bool { return webhook.Action(v).IsKnown() },
	"state":       func(v string) bool { return webhook.State(v).IsKnown() },
	"reason":      func(v string) bool { return webhook.Reason(v).IsKnown() },
	"check":       func(v string) bool { return webhook.CheckType(v).IsKnown() },
	"match":       func(v string) bool { return webhook.MatchStatus(v).IsKnown() },
	"curp-status": func(v string) bool { return webhook.CURPStatus(v).IsKnown() },
}

// warnSend warns, for each flag given, when it does not apply to kind
// (it is ignored) or when its value is not one this version knows (it is
// sent as given, as schema drift needs).
func warnSend(fs *flags, kind webhook.Kind) {
	fs.Visit(func(f *flag.Flag) {
		kinds, shapes := sendFlags[f.Name]
		if !shapes {
			return
		}
		if !slices.Contains(kinds, kind) {
			fs.warn("-%s does not apply to -kind %s: ignored", f.Name, kind)
			return
		}
		if known := knownValue[f.Name]; known != nil && f.Value.String() != "" && !known(f.Value.String()) {
			fs.warn("-%s %s is not a value this version knows: sent as given (schema drift)", f.Name, f.Value)
		}
	})
}
