// Package reconcile brings a session to the state Veriff holds for it when
// its webhooks never come: a webhook URL missing or mistyped in the
// Customer Portal, an endpoint down past Veriff's week of retries, a deploy
// that answered 400 for a day. Veriff names the remedy: poll GET
// /v1/sessions/{id}/decision "if webhook delivery fails or is not
// configured" [V].
//
// It is the pieces every integrator would otherwise write by hand, each
// small and, but for Poll, a pure function of its arguments:
//
//   - Policy.Plan says what to do with one session now: poll it, wait until
//     a given time, or stop for good (its status is final, Veriff does not
//     know it, the window or the budget is spent). Sessions are polled only
//     once quiet (no change for Policy.Quiet), then at doubling intervals
//     from their last change, up to Policy.MaxInterval apart, for
//     Policy.Window after it, at most Policy.Budget times.
//   - Poll asks Veriff for one session's decision (and, for the Essential
//     plan, its Full Auto decision) and sorts the answer into an Outcome.
//   - Gate is a replica's own stop and slow-down: an authentication failure
//     stops every poll and says so; a 429 pauses every poll, for as long
//     as Veriff's Retry-After asks, or, without one, for a pause that
//     doubles at each 429 in a row.
//   - Fold folds a polled decision into a webhook.SessionState as if it had
//     been delivered. SessionState is a join, so a decision polled and
//     then also delivered, or delivered and then polled, in any order and
//     any number of times, gives one state.
//
// What it cannot do: Veriff has no endpoint that lists sessions [V], so the
// application must keep its own registry of the sessions it created (with
// when it created them), and give Plan each one's folded status, when its
// state last changed, and how many polls it has made. Only the decision can
// be polled: events, watchlist screenings after the first and portal
// statuses that never arrive stay unknown. The example in examples/inbox
// keeps the registry in PostgreSQL and shares the polls between replicas
// with FOR UPDATE SKIP LOCKED; docs/reconciliation.md says what it costs.
//
// The Veriff facts this package relies on, each with its grade ([V]
// Veriff's current docs, [V-old] an older Veriff text, [C] public
// integrations' code, [I] our inference):
//
//   - The decision endpoint answers "verification": null until a decision
//     is available [V], and then the decision in the decision webhook's
//     shape [V]; so a polled decision folds like a delivered one.
//   - Veriff retries a decision webhook that got no 2xx "about once an hour
//     for up to 7 days" [V]; a session nobody finishes is expired or
//     abandoned "after 7 days" [V-old]. Hence the default Window of 8 days
//     from the last change: both, and a day's margin [I].
//   - A review is followed by a final decision [V-old], made by a person,
//     hours later [I]: review is polled on like any status that is not
//     final.
//   - The Full Auto decision endpoint (GET .../decision/fullauto) is not in
//     Veriff's docs; public integrations use it [C]. Its 404 is taken to
//     mean "no Full Auto decision yet" [I].
//   - No rate limit is documented but DELETE's [V]; no Retry-After is
//     documented [V: none]. A 429 is still honoured, Retry-After when
//     present, else a doubling pause [I].
//   - A 401 or 403 answers a wrong API key, a wrong signature or an
//     inactive integration (codes 1801-1819) [V]: polling again cannot fix
//     it.
package reconcile
