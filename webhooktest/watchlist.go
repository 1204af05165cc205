package webhooktest

import "github.com/veriffkit/webhook"

// WatchlistScreeningBody returns the body of the watchlist-screening webhook
// Veriff would send for s, compact, in the member order of Veriff's samples:
// checkType, attemptId, sessionId, vendorData, endUserId (the current
// sample's head), then matchStatus, searchTerm, totalHits, createdAt, hits
// (the older full sample). An empty SessionID is left out, as in the older
// sample; hits is [] when there are none, as Veriff documents for no_match.
// SearchTerm.Raw, when set, is written as it is, else name and year.
func WatchlistScreeningBody(s webhook.WatchlistScreening) []byte {
	var w writer
	w.obj("")
	w.str("checkType", string(s.CheckType))
	w.strOrNull("attemptId", s.AttemptID)
	w.strIfSet("sessionId", s.SessionID)
	w.strOrNull("vendorData", s.VendorData)
	w.strOrNull("endUserId", s.EndUserID)
	w.str("matchStatus", string(s.MatchStatus))
	if s.SearchTerm.Raw != nil {
		w.raw("searchTerm", s.SearchTerm.Raw, "null")
	} else {
		w.obj("searchTerm")
		w.strOrNull("name", s.SearchTerm.Name)
		w.strOrNull("year", s.SearchTerm.Year)
		w.end()
	}
	w.int("totalHits", s.TotalHits)
	w.time("createdAt", s.CreatedAt)
	w.arr("hits")
	for _, h := range s.Hits {
		w.obj("")
		w.str("matchedName", h.MatchedName)
		w.strings("countries", h.Countries)
		w.strOrNull("dateOfBirth", h.DateOfBirth)
		w.strOrNull("dateOfDeath", h.DateOfDeath)
		w.strings("matchTypes", h.MatchTypes)
		w.strings("aka", h.AKA)
		w.strings("associates", h.Associates)
		w.obj("listingsRelatedToMatch")
		writeListings(&w, "warnings", h.Listings.Warnings)
		writeListings(&w, "sanctions", h.Listings.Sanctions)
		writeListings(&w, "fitnessProbity", h.Listings.FitnessProbity)
		writeListings(&w, "pep", h.Listings.PEP)
		writeListings(&w, "adverseMedia", h.Listings.AdverseMedia)
		w.end()
		w.end()
	}
	w.endArr()
	w.end()
	return w.b
}

func writeListings(w *writer, k string, ls []webhook.WatchlistListing) {
	w.arr(k)
	for _, l := range ls {
		w.obj("")
		w.str("sourceName", l.SourceName)
		w.strOrNull("sourceUrl", l.SourceURL)
		w.strOrNull("date", l.Date)
		w.end()
	}
	w.endArr()
}
