// Package webhooktest builds the webhooks Veriff sends, signs them and sends
// them to a receiver, so that a receiver can be tested against every kind,
// whole sessions and the ways deliveries go wrong, without Veriff.
//
// Bodies come from the root package's typed values (EventBody,
// DecisionBody, WatchlistScreeningBody, FullAutoBody, UserStatusBody,
// INEBody, CURPBody, INECURPBody, or Body for any of them) in the shape
// Veriff sends: compact JSON, members in the order of Veriff's documented
// samples, null where Veriff sends null. webhook.ParseAny gives back the
// values a body was built from.
//
// A Session holds one verification session's ids and its attempts in
// order, and makes values of every kind at its current attempt and time.
// Scenarios are whole sessions as Veriff reports them (approved, declined,
// resubmission then approval on a second attempt, review, expiry, Full
// Auto, watchlist monitoring, registries and more), each with the state the
// session ends in (Want). Duplicate, Retry, Shuffle, WrongSecret,
// UnknownAPIKey and Drift apply the conditions a receiver meets in
// production to any list of deliveries.
//
// A Sender signs and sends deliveries to an http.Handler in process or to
// a URL and returns each answer; in a test, Deliver does it and fails the
// test on any answer other than the one expected. In process, the request
// goes to the path of Sender.URL, so a receiver on a mux is tested as it
// is mounted. Scenario.Match and CheckState compare the state a receiver
// folded for a session (webhook.SessionState) with the scenario's Want:
//
//	func TestReceiver(t *testing.T) {
//		rcv := newReceiver(secret) // your receiver: it folds each session
//		s := webhooktest.Sender{Handler: rcv, URL: "/webhooks/veriff", Secret: secret}
//		for _, sc := range webhooktest.Scenarios() {
//			ds := webhooktest.Shuffle(webhooktest.Duplicate(sc.Deliveries), 1)
//			s.Deliver(t, ds)
//			webhooktest.CheckState(t, sc, rcv.State(sc.Session.ID))
//		}
//	}
//
// examples/receiver is such a receiver, and its test such a test.
//
// The command veriffhook does the same from a shell, against a running
// server.
//
// What a scenario takes for true about Veriff is in its Facts, each graded:
// documented by Veriff, or our inference.
package webhooktest
