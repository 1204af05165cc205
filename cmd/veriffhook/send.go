package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
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
		"prints one line: kind, session, status answered, time taken. Values not given are\n"+
		"realistic defaults; values no one knows are sent as they are (schema drift).")
	var t target
	t.register(fs)
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
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.stderr, "veriffhook send: unexpected argument %q (see -h)\n", fs.Arg(0))
		return exitUsage
	}
	if *kind == "" {
		fmt.Fprintf(c.stderr, "veriffhook send: -kind is required; valid: %s\n", kindNames())
		return exitUsage
	}
	if !slices.Contains(kinds, webhook.Kind(*kind)) {
		fmt.Fprintf(c.stderr, "veriffhook send: unknown kind %q; valid: %s\n", *kind, kindNames())
		return exitUsage
	}
	if *n < 1 {
		fmt.Fprintln(c.stderr, "veriffhook send: -n must be at least 1")
		return exitUsage
	}
	if !t.check(c, fs) {
		return exitUsage
	}
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
		if rc == 0 && !isSet(fs, "reason-code") {
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
		fmt.Fprintf(c.stderr, "veriffhook send: this veriffhook cannot build a %q delivery yet\n", *kind)
		return exitUsage
	}
	d := s.Deliver(p)
	ds := make([]webhooktest.Delivery, *n)
	for i := range ds {
		ds[i] = d
	}
	return t.send(ctx, c, t.sender(), ds)
}

func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}
