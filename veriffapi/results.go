package veriffapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/veriffkit/webhook"
)

// Decision returns the session's decision (GET /v1/sessions/{id}/decision),
// read by webhook.ParseDecision: the answer has the decision webhook's
// shape, so one reader and one set of rules serve both, and the result can
// be folded into a webhook.SessionState as if it had been delivered. Until
// Veriff decides, it answers "verification": null, and Decision returns
// ErrNotDecided; poll again later (see the package documentation). A
// decision about another session than sessionID is ErrResponseMismatch.
func (c *Client) Decision(ctx context.Context, sessionID string) (webhook.Decision, error) {
	cl, err := newCall(opDecision, sessionID, nil)
	if err != nil {
		return webhook.Decision{}, err
	}
	body, err := c.getJSON(ctx, cl)
	if err != nil {
		return webhook.Decision{}, err
	}
	d, err := webhook.ParseDecision(body)
	if err != nil {
		// The reader reports the missing member at the end of the object,
		// before it looks past it: only a body that is otherwise whole
		// JSON is a decision not made yet.
		if pe := (*webhook.PayloadError)(nil); errors.As(err, &pe) && pe.Field == "verification" && errors.Is(err, webhook.ErrMissingMember) && json.Valid(body) {
			return webhook.Decision{}, fmt.Errorf("%w: %s", ErrNotDecided, cl.ep)
		}
		return webhook.Decision{}, fmt.Errorf("%w: %s: %w", ErrInvalidResponse, cl.ep, err)
	}
	if d.Verification.ID != sessionID {
		return webhook.Decision{}, fmt.Errorf("%w: %s: verification.id", ErrResponseMismatch, cl.ep)
	}
	return d, nil
}

// FullAutoDecision returns the session's Full Auto decision (GET
// /v1/sessions/{id}/decision/fullauto?version=1.0.0), for integrations on
// the Essential plan, read by the root package's reader of the Full Auto
// webhook. Veriff's reference does not document this endpoint: its path
// and its shape (that of the webhook) come from public integrations. A
// decision about another session is ErrResponseMismatch; an answer of
// another shape is ErrInvalidResponse.
func (c *Client) FullAutoDecision(ctx context.Context, sessionID string) (webhook.FullAuto, error) {
	cl, err := newCall(opFullAuto, sessionID, nil)
	if err != nil {
		return webhook.FullAuto{}, err
	}
	body, err := c.getJSON(ctx, cl)
	if err != nil {
		return webhook.FullAuto{}, err
	}
	p, err := webhook.ParseAny(body)
	if err != nil {
		return webhook.FullAuto{}, fmt.Errorf("%w: %s: %w", ErrInvalidResponse, cl.ep, err)
	}
	f, ok := p.(webhook.FullAuto)
	if !ok {
		return webhook.FullAuto{}, fmt.Errorf("%w: %s: a %s, not a Full Auto decision", ErrInvalidResponse, cl.ep, p.Kind())
	}
	if f.SessionID != sessionID {
		return webhook.FullAuto{}, fmt.Errorf("%w: %s: sessionId", ErrResponseMismatch, cl.ep)
	}
	return f, nil
}

// PersonResult is the person of a session as Veriff's person endpoint
// answers it, with PEP and sanctions matches when the integration screens
// for them. Members Veriff does not send are zero.
type PersonResult struct {
	// ID is Veriff's id of the person (not a session id).
	ID           string   `json:"id"`
	FirstName    string   `json:"firstName"`
	LastName     string   `json:"lastName"`
	IDCode       string   `json:"idCode"`
	DateOfBirth  string   `json:"dateOfBirth"`
	Gender       string   `json:"gender"`
	Nationality  string   `json:"nationality"`
	PlaceOfBirth string   `json:"placeOfBirth"`
	Citizenships []string `json:"citizenships"`
	// PEPSanctionMatches are the screening providers' results, empty when
	// there is none ("pepSanctionMatches").
	PEPSanctionMatches []PEPSanctionMatch `json:"pepSanctionMatches"`
}

// PEPSanctionMatch is one provider's screening result. Its matches and hits
// are passed on as the provider gives them, so they are kept as JSON.
type PEPSanctionMatch struct {
	Provider        string            `json:"provider"`
	NumberOfMatches int               `json:"numberOfMatches"`
	Date            string            `json:"date"`
	Matches         []json.RawMessage `json:"matches"`
	Hits            []json.RawMessage `json:"hits"`
}

// Person returns the person of a session (GET /v1/sessions/{id}/person).
// The answer names no session, so it cannot be checked to be about this
// one beyond its signature.
func (c *Client) Person(ctx context.Context, sessionID string) (PersonResult, error) {
	cl, err := newCall(opPerson, sessionID, nil)
	if err != nil {
		return PersonResult{}, err
	}
	var a struct {
		Person *PersonResult `json:"person"`
	}
	if err := c.callJSON(ctx, cl, &a); err != nil {
		return PersonResult{}, err
	}
	if a.Person == nil {
		return PersonResult{}, fmt.Errorf("%w: %s: no person", ErrInvalidResponse, cl.ep)
	}
	return *a.Person, nil
}

// Screening is a session's watchlist screening as the API answers it: the
// webhook's result and whether ongoing monitoring is on.
type Screening struct {
	// Result is the screening, read by the root package's reader of the
	// watchlist-screening webhook ("data").
	Result webhook.WatchlistScreening
	// MonitorStatus is whether ongoing monitoring is on ("enabled") or
	// off ("disabled"); "" when Veriff does not say ("data.monitorStatus").
	MonitorStatus string
}

// WatchlistScreening returns the session's PEP and sanctions screening (GET
// /v1/sessions/{id}/watchlist-screening), for integrations that use
// Veriff's screening. A result about another session is
// ErrResponseMismatch.
func (c *Client) WatchlistScreening(ctx context.Context, sessionID string) (Screening, error) {
	cl, err := newCall(opWatchlist, sessionID, nil)
	if err != nil {
		return Screening{}, err
	}
	data, monitor, err := c.screeningData(ctx, cl)
	if err != nil {
		return Screening{}, err
	}
	p, err := webhook.ParseAny(data)
	if err != nil {
		return Screening{}, fmt.Errorf("%w: %s: data: %w", ErrInvalidResponse, cl.ep, err)
	}
	w, ok := p.(webhook.WatchlistScreening)
	if !ok {
		return Screening{}, fmt.Errorf("%w: %s: data is a %s, not a screening", ErrInvalidResponse, cl.ep, p.Kind())
	}
	if w.SessionID != sessionID {
		return Screening{}, fmt.Errorf("%w: %s: data.sessionId", ErrResponseMismatch, cl.ep)
	}
	return Screening{Result: w, MonitorStatus: monitor}, nil
}

// disableBody is the body PATCH /v1/sessions/{id}/watchlist-screening takes.
var disableBody = []byte(`{"monitorStatus":"disabled"}`)

// DisableWatchlistMonitoring turns off the ongoing monitoring of a session's
// screening (PATCH /v1/sessions/{id}/watchlist-screening). Veriff answers
// 400 when it is off already. It is not retried.
func (c *Client) DisableWatchlistMonitoring(ctx context.Context, sessionID string) error {
	cl, err := newCall(opDisableMonitoring, sessionID, disableBody)
	if err != nil {
		return err
	}
	data, monitor, err := c.screeningData(ctx, cl)
	if err != nil {
		return err
	}
	var d struct {
		SessionID string `json:"sessionId"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalidResponse, cl.ep, err)
	}
	if d.SessionID != sessionID {
		return fmt.Errorf("%w: %s: data.sessionId", ErrResponseMismatch, cl.ep)
	}
	if monitor != "disabled" {
		return fmt.Errorf("%w: %s: monitorStatus %q, not \"disabled\"", ErrInvalidResponse, cl.ep, monitor)
	}
	return nil
}

// screeningData returns the "data" object of a watchlist answer and its
// monitorStatus.
func (c *Client) screeningData(ctx context.Context, cl call) (json.RawMessage, string, error) {
	var a struct {
		Data json.RawMessage `json:"data"`
	}
	if err := c.callJSON(ctx, cl, &a); err != nil {
		return nil, "", err
	}
	if len(a.Data) == 0 || string(a.Data) == "null" {
		return nil, "", fmt.Errorf("%w: %s: no data", ErrInvalidResponse, cl.ep)
	}
	var m struct {
		MonitorStatus string `json:"monitorStatus"`
	}
	if err := json.Unmarshal(a.Data, &m); err != nil {
		return nil, "", fmt.Errorf("%w: %s: data: %w", ErrInvalidResponse, cl.ep, err)
	}
	return a.Data, m.MonitorStatus, nil
}
