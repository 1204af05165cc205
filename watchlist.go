package webhook

import (
	"encoding/json"
	"time"
)

// WatchlistScreening is one delivery of Veriff's watchlist-screening
// webhook: the result of a PEP, sanctions and adverse-media check. With
// ongoing monitoring, Veriff sends a new one (CheckType
// CheckTypeUpdatedResult) whenever the person's status in the lists
// changes. Members that are absent or null are the zero value.
type WatchlistScreening struct {
	// CheckType says whether this is the first result or an update
	// ("checkType"). Required.
	CheckType CheckType
	// MatchStatus says whether the person was found in any list
	// ("matchStatus"). Required.
	MatchStatus MatchStatus
	// SessionID is the verification session ("sessionId"); older payloads
	// lack it.
	SessionID string
	// AttemptID is the session attempt ("attemptId").
	AttemptID string
	// VendorData is the integrator's own reference ("vendorData").
	VendorData string
	// EndUserID is the integrator's id of the end-user ("endUserId").
	EndUserID string
	// SearchTerm is what was searched for ("searchTerm").
	SearchTerm SearchTerm
	// TotalHits is the number of hits ("totalHits").
	TotalHits int
	// CreatedAt is when the result was made ("createdAt").
	CreatedAt time.Time
	// Hits are the list entries that may be the person ("hits"); nil
	// when there are none.
	Hits []WatchlistHit
}

// Kind returns KindWatchlistScreening.
func (WatchlistScreening) Kind() Kind { return KindWatchlistScreening }

// SearchTerm is what a watchlist screening searched for.
type SearchTerm struct {
	Name string // "name"
	Year string // "year": the year of birth, e.g. "1960"
	// Raw is the object as sent, a copy, with what enhanced AML screening
	// adds (lists, countries, exactMatch, matchThreshold,
	// excludeDeceased), whose types Veriff's samples do not show; nil when
	// absent or null.
	Raw json.RawMessage
}

// WatchlistHit is a list entry that may be the screened person.
type WatchlistHit struct {
	MatchedName string   // "matchedName"
	Countries   []string // "countries"
	DateOfBirth string   // "dateOfBirth", as listed: a year or a date
	DateOfDeath string   // "dateOfDeath"
	MatchTypes  []string // "matchTypes", such as "name_fuzzy", "aka_exact", "year_of_birth"
	AKA         []string // "aka": other names
	Associates  []string // "associates"
	// Listings are the lists the entry is on ("listingsRelatedToMatch").
	Listings WatchlistListings
}

// WatchlistListings are the lists a hit is on, by kind.
type WatchlistListings struct {
	Warnings       []WatchlistListing // "warnings"
	Sanctions      []WatchlistListing // "sanctions"
	FitnessProbity []WatchlistListing // "fitnessProbity"
	PEP            []WatchlistListing // "pep"
	AdverseMedia   []WatchlistListing // "adverseMedia"
}

// WatchlistListing is one source that lists a hit. Veriff's samples spell
// its members both in camel case ("sourceName") and in snake case
// ("source_name"); either is read, both at once is a duplicate.
type WatchlistListing struct {
	SourceName string // "sourceName" or "source_name"
	SourceURL  string // "sourceUrl" or "source_url"
	Date       string // "date", as sent (a date or a time)
}

// CheckType says whether a watchlist result is the first or an update.
// Veriff may add types; an unknown one is kept and reports IsKnown false.
type CheckType string

// Check types, confirmed by Veriff's documentation.
const (
	// CheckTypeInitialResult is the first result of a screening.
	CheckTypeInitialResult CheckType = "initial_result"
	// CheckTypeUpdatedResult is a later result from ongoing monitoring:
	// the person's status in the lists changed.
	CheckTypeUpdatedResult CheckType = "updated_result"
)

// IsKnown reports whether t is a check type this package defines. It is
// false for the empty CheckType.
func (t CheckType) IsKnown() bool { return t == CheckTypeInitialResult || t == CheckTypeUpdatedResult }

// String returns the wire value.
func (t CheckType) String() string { return string(t) }

// MatchStatus says whether a screened person was found in a list. Veriff
// may add statuses; an unknown one is kept and reports IsKnown false.
type MatchStatus string

// Match statuses, confirmed by Veriff's documentation.
const (
	// MatchStatusPossibleMatch says the person may be in a list; Hits say
	// where.
	MatchStatusPossibleMatch MatchStatus = "possible_match"
	// MatchStatusNoMatch says the person was not found; Hits is empty.
	MatchStatusNoMatch MatchStatus = "no_match"
)

// IsKnown reports whether s is a match status this package defines. It is
// false for the empty MatchStatus.
func (s MatchStatus) IsKnown() bool { return s == MatchStatusPossibleMatch || s == MatchStatusNoMatch }

// String returns the wire value.
func (s MatchStatus) String() string { return string(s) }

// UnknownValues returns the JSON paths of the members of w whose values
// this package does not know ("checkType", "matchStatus"), or nil.
func (w WatchlistScreening) UnknownValues() []string {
	var u []string
	if !w.CheckType.IsKnown() {
		u = append(u, jsonPath("checkType"))
	}
	if !w.MatchStatus.IsKnown() {
		u = append(u, jsonPath("matchStatus"))
	}
	return u
}

// readWatchlist reads a watchlist-screening body into w.
func readWatchlist(p *parser, w *WatchlistScreening) error {
	start := skipWS(p.data, 0)
	err := p.topLevel(func(name []byte) (bool, error) {
		switch string(name) {
		case "checkType":
			return true, reqText(p, &w.CheckType)
		case "matchStatus":
			return true, reqText(p, &w.MatchStatus)
		case "sessionId":
			return true, p.optString(&w.SessionID)
		case "attemptId":
			return true, p.optString(&w.AttemptID)
		case "vendorData":
			return true, p.optString(&w.VendorData)
		case "endUserId":
			return true, p.optString(&w.EndUserID)
		case "totalHits":
			return true, p.integer(&w.TotalHits, false)
		case "createdAt":
			return true, p.optTime(&w.CreatedAt)
		case "searchTerm":
			t := &w.SearchTerm
			var err error
			t.Raw, err = p.keptObject(func(name []byte) (bool, error) {
				switch string(name) {
				case "name":
					return true, p.optString(&t.Name)
				case "year":
					return true, p.optString(&t.Year)
				}
				return false, nil
			})
			return true, err
		case "hits":
			var hits gather[WatchlistHit]
			err := p.arrayOrNull(func(int) error {
				h := hits.next()
				return readHit(p, h)
			})
			w.Hits = hits.slice()
			return true, err
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	return p.required(start, requiredMember{w.CheckType == "", "checkType"}, requiredMember{w.MatchStatus == "", "matchStatus"})
}

// readHit reads a hit object, or a null (then it stays zero).
func readHit(p *parser, h *WatchlistHit) error {
	_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
		switch string(name) {
		case "matchedName":
			return true, p.optString(&h.MatchedName)
		case "dateOfBirth":
			return true, p.optString(&h.DateOfBirth)
		case "dateOfDeath":
			return true, p.optString(&h.DateOfDeath)
		case "countries":
			return true, p.stringArray(&h.Countries)
		case "matchTypes":
			return true, p.stringArray(&h.MatchTypes)
		case "aka":
			return true, p.stringArray(&h.AKA)
		case "associates":
			return true, p.stringArray(&h.Associates)
		case "listingsRelatedToMatch":
			_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
				var dst *[]WatchlistListing
				switch l := &h.Listings; string(name) {
				case "warnings":
					dst = &l.Warnings
				case "sanctions":
					dst = &l.Sanctions
				case "fitnessProbity":
					dst = &l.FitnessProbity
				case "pep":
					dst = &l.PEP
				case "adverseMedia":
					dst = &l.AdverseMedia
				default:
					return false, nil
				}
				var listings gather[WatchlistListing]
				err := p.arrayOrNull(func(int) error { return readListing(p, listings.next()) })
				*dst = listings.slice()
				return true, err
			})
			return true, err
		}
		return false, nil
	})
	return err
}

// readListing reads a listing object, or null. Each member may be spelled
// in camel case or in snake case, but not both.
func readListing(p *parser, l *WatchlistListing) error {
	var seen [2]bool // a spelling of sourceName, of sourceUrl, was read
	_, err := p.objectOrNull(false, func(name []byte) (bool, error) {
		var dst *string
		i := -1
		switch string(name) {
		case "sourceName", "source_name":
			dst, i = &l.SourceName, 0
		case "sourceUrl", "source_url":
			dst, i = &l.SourceURL, 1
		case "date":
			dst = &l.Date
		default:
			return false, nil
		}
		if i >= 0 {
			if seen[i] {
				return true, p.fail(p.nameOff, ErrDuplicateMember, "both spellings of the member")
			}
			seen[i] = true
		}
		return true, p.optString(dst)
	})
	return err
}
