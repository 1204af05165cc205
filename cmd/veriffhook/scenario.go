package main

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/veriffkit/webhook/webhooktest"
)

func runScenario(ctx context.Context, c *cli, args []string) int {
	fs := c.flags("scenario", "Sends whole verification sessions, each delivery signed, in the order Veriff\n"+
		"sends them. NAME is a scenario, or all for every one. Each scenario's lines come\n"+
		"under its name, session and the state it ends in: status answered, kind, what the\n"+
		"delivery is, time taken; then the summary. Each session gets new ids from a seed,\n"+
		"printed first: -seed gives it back. With no NAME, or with -facts, it lists the\n"+
		"scenarios (NAMEs: only those) and sends nothing.")
	var t target
	t.register(fs, "what each delivery expects: any 2xx, but 401 for one of -wrong-secret or -unknown-api-key")
	retries := fs.Int("retries", 0, "send every delivery this many more times, an hour apart as Veriff retries (0-168:\n"+
		"Veriff retries for a week, 168 hours; more is a usage error)")
	duplicates := fs.Bool("duplicates", false, "send every delivery twice in a row, as a resend from Veriff's portal does")
	shuffle := fs.Bool("shuffle", false, "send the deliveries of each session in an order drawn from the seed")
	seed := fs.Uint64("seed", 0, "the seed of the sessions' ids and of the shuffled order, which then also fixes the\n"+
		"times (the same seed sends the same bodies); 0: a seed drawn at random (and times\n"+
		"of now), printed so that -seed gives the same ids and order again")
	drift := fs.Bool("drift", false, "replace every body by one with a member no one knows, then add an event with\n"+
		"values and a body of a kind no one knows")
	wrongSecret := fs.Bool("wrong-secret", false, "sign with a wrong secret; each such delivery expects 401")
	unknownKey := fs.Bool("unknown-api-key", false, "send an API key the receiver does not know; each such delivery expects 401,\n"+
		"which only a receiver keyed by API key answers (one with a single secret\n"+
		"ignores the key: add -expect 200)")
	facts := fs.Bool("facts", false, "list the scenarios NAME (all when none) with the state each ends in and its facts,\n"+
		"graded [V] Veriff documents it, [V-old] older Veriff docs, [C] public integrations,\n"+
		"[I] our inference; sends nothing")
	speedup := fs.Float64("speedup", 0, "wait between deliveries as Veriff would, time divided by this (3600: an hour a\n"+
		"second); 0 sends at once")
	names, ok, exit := fs.parse(args)
	if !ok {
		return exit
	}
	if *retries < 0 || *retries > webhooktest.RetryLimit {
		return fs.usageError("-retries %d: give 0 to %d (Veriff retries hourly for a week, %d hours)",
			*retries, webhooktest.RetryLimit, webhooktest.RetryLimit)
	}
	if *speedup < 0 || !finite(*speedup) {
		return fs.usageError("-speedup %v: give 0 (no waiting) or more (3600: an hour a second)", *speedup)
	}
	if slices.Contains(names, "all") {
		if len(names) > 1 {
			return fs.usageError("all is every scenario: give it alone")
		}
		names = webhooktest.ScenarioNames()
	}
	for _, n := range names {
		if !slices.Contains(webhooktest.ScenarioNames(), n) {
			hint := ""
			if strings.HasPrefix(n, "-") {
				hint = " (a flag after --?)"
			}
			return fs.usageError("unknown scenario %q%s; valid: all, %s", n, hint, strings.Join(webhooktest.ScenarioNames(), ", "))
		}
	}
	if len(names) == 0 || *facts {
		list(c, names, *facts)
		return exitOK
	}
	t.wrongSecret, t.unknownKey, t.drift = *wrongSecret, *unknownKey, *drift
	if !t.check(fs) {
		return exitUsage
	}

	var created time.Time // zero: the last delivery of each session is sent now
	s := *seed
	if s != 0 {
		created = webhooktest.Created
		fmt.Fprintf(c.stdout, "seed %d (-seed): ids, order and times follow from it\n", s)
	} else {
		for s == 0 {
			s = mrand.Uint64()
		}
		fmt.Fprintf(c.stdout, "seed %d (drawn): -seed %d sends these ids in this order again\n", s, s)
	}
	ids := webhooktest.SeededIDs(s)
	var groups []group
	for _, n := range names {
		sc, _ := webhooktest.Lookup(n, ids, created)
		d := sc.Deliveries
		if *duplicates {
			d = webhooktest.Duplicate(d)
		}
		if *retries > 0 {
			d = webhooktest.Retry(d, *retries)
		}
		if *shuffle {
			d = webhooktest.Shuffle(d, s)
		}
		if *drift {
			d = webhooktest.Drift(sc.Session, d)
		}
		if *wrongSecret {
			d = webhooktest.WrongSecret(d)
		}
		if *unknownKey {
			d = webhooktest.UnknownAPIKey(d)
		}
		groups = append(groups, group{header: fmt.Sprintf("%s (session %s): ends %s", sc.Name, sc.Session.ID, ends(sc.Want)), ds: d})
	}
	snd := t.sender()
	snd.Speedup = *speedup
	return t.send(ctx, c, snd, groups)
}

// ends says the state a scenario ends in.
func ends(w webhooktest.Want) string {
	s := fmt.Sprintf("%s on attempt %d", w.Status, w.Attempt)
	if w.ReasonCode != 0 {
		s += fmt.Sprintf(", reason code %d", w.ReasonCode)
	}
	return s
}

// list prints the scenarios named (all when none), one a line, the name
// first; with facts, the state each ends in and its facts under it.
func list(c *cli, names []string, facts bool) {
	for _, sc := range webhooktest.SeededScenarios(1) {
		if len(names) > 0 && !slices.Contains(names, sc.Name) {
			continue
		}
		fmt.Fprintf(c.stdout, "%s\t%s\n", sc.Name, sc.Description)
		if facts {
			fmt.Fprintf(c.stdout, "\tends %s\n", ends(sc.Want))
			for _, f := range sc.Facts {
				fmt.Fprintf(c.stdout, "\t%s\n", f)
			}
		}
	}
}
