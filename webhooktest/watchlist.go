package webhooktest

import "github.com/veriffkit/webhook"

// WatchlistScreeningBody returns the body of the watchlist-screening webhook
// Veriff would send for s, compact: that of
// webhook.WatchlistScreening.MarshalJSON, the one writer of the root package,
// whose documentation gives its members and their order. Parse of it gives
// back s.
func WatchlistScreeningBody(s webhook.WatchlistScreening) []byte {
	b, _ := s.MarshalJSON() // never fails
	return b
}
