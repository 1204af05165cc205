package main

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"strings"
	"time"

	"github.com/veriffkit/webhook/webhooktest"
)

func runScenario(ctx context.Context, c *cli, args []string) int {
	fs := c.flags("scenario", "Sends whole verification sessions, each delivery signed, in the order Veriff\n"+
		"sends them, and prints one line per delivery: kind, session, status answered,\n"+
		"time taken. NAME is a scenario, or all for every one; with no NAME it lists them,\n"+
		"one a line, the name first. Each session gets new ids (or ids from -seed).")
	var t target
	t.register(fs)
	retries := fs.Int("retries", 0, "send every delivery this many more times, an hour apart as Veriff retries (0-168:\n"+
		"Veriff retries for a week, 168 hours; more is a usage error)")
	duplicates := fs.Bool("duplicates", false, "send every delivery twice in a row, as a resend from Veriff's portal does")
	shuffle := fs.Bool("shuffle", false, "send the deliveries of each session in a random order (from -seed when set)")
	seed := fs.Uint64("seed", 0, "make ids and the shuffled order follow from this seed (0: random)")
	drift := fs.Bool("drift", false, "add a member no one knows to every body, then an event with values and a body of a kind no one knows")
	wrongSecret := fs.Bool("wrong-secret", false, "sign with a wrong secret; each such delivery expects 401")
	unknownKey := fs.Bool("unknown-api-key", false, "send an API key the receiver does not know; each such delivery expects 401,\n"+
		"which only a receiver keyed by API key answers (one with a single secret\n"+
		"ignores the key: add -expect 200)")
	facts := fs.Bool("facts", false, "with no NAME: list each scenario's facts too, graded [V] Veriff documents it, [V-old] older Veriff docs, [C] public integrations, [I] our inference")
	speedup := fs.Float64("speedup", 0, "wait between deliveries as Veriff would, time divided by this (3600: an hour a second); 0 sends at once")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if *retries < 0 || *retries > webhooktest.RetryLimit {
		fmt.Fprintf(c.stderr, "veriffhook scenario: -retries %d: give 0 to %d (Veriff retries hourly for a week, %d hours)\n",
			*retries, webhooktest.RetryLimit, webhooktest.RetryLimit)
		return exitUsage
	}
	if fs.NArg() == 0 {
		for _, sc := range webhooktest.SeededScenarios(1) {
			fmt.Fprintf(c.stdout, "%s\t%s\n", sc.Name, sc.Description)
			if *facts {
				fmt.Fprintf(c.stdout, "\tends %s on attempt %d", sc.Want.Status, sc.Want.Attempt)
				if sc.Want.ReasonCode != 0 {
					fmt.Fprintf(c.stdout, ", reason code %d", sc.Want.ReasonCode)
				}
				fmt.Fprintln(c.stdout)
				for _, f := range sc.Facts {
					fmt.Fprintf(c.stdout, "\t%s\n", f)
				}
			}
		}
		return exitOK
	}
	names := fs.Args()
	if len(names) == 1 && names[0] == "all" {
		names = webhooktest.ScenarioNames()
	}
	for _, n := range names {
		if _, err := webhooktest.Lookup(n, webhooktest.SeededIDs(1), webhooktest.Created); err != nil {
			fmt.Fprintf(c.stderr, "veriffhook scenario: unknown scenario %q; valid: all, %s\n", n, strings.Join(webhooktest.ScenarioNames(), ", "))
			return exitUsage
		}
	}
	if !t.check(c, fs) {
		return exitUsage
	}
	ids := webhooktest.RandomIDs()
	var created time.Time // zero: the last delivery of each session is sent now
	shuffleSeed := mrand.Uint64()
	if *seed != 0 {
		ids, created, shuffleSeed = webhooktest.SeededIDs(*seed), webhooktest.Created, *seed
	}
	var ds []webhooktest.Delivery
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
			d = webhooktest.Shuffle(d, shuffleSeed)
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
		ds = append(ds, d...)
	}
	s := t.sender()
	s.Speedup = *speedup
	return t.send(ctx, c, s, ds)
}
