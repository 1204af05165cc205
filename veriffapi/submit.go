package veriffapi

import (
	"context"
	"encoding/json"
	"fmt"
)

// CollectedData is device and network data of the end-user, collected by
// the integrator (POST /v1/sessions/{id}/collected-data). ProviderName, one
// address and Fingerprint are required by Veriff.
type CollectedData struct {
	// ProviderName names who collected the data ("providerName").
	ProviderName string
	// IPv4 and IPv6 are the end-user's address ("network.ip.addressV4",
	// "network.ip.addressV6"); at least one.
	IPv4, IPv6 string
	// Fingerprint identifies the device ("device.fingerprint").
	Fingerprint string
}

// MarshalJSON encodes d as the body Veriff takes.
func (d CollectedData) MarshalJSON() ([]byte, error) {
	type ip struct {
		V4 string `json:"addressV4,omitempty"`
		V6 string `json:"addressV6,omitempty"`
	}
	type network struct {
		IP ip `json:"ip"`
	}
	type device struct {
		Fingerprint string `json:"fingerprint"`
	}
	return json.Marshal(struct {
		ProviderName string  `json:"providerName"`
		Network      network `json:"network"`
		Device       device  `json:"device"`
	}{d.ProviderName, network{ip{d.IPv4, d.IPv6}}, device{d.Fingerprint}})
}

// CollectedDataResult is Veriff's answer to collected data: the attempt it
// was attached to.
type CollectedDataResult struct {
	SessionID string `json:"sessionId"`
	AttemptID string `json:"attemptId"`
}

// SubmitCollectedData sends device and network data for a session that is
// created or started. It is not retried: a retry would store it twice.
func (c *Client) SubmitCollectedData(ctx context.Context, sessionID string, d CollectedData) (CollectedDataResult, error) {
	if d.ProviderName == "" || d.IPv4 == "" && d.IPv6 == "" || d.Fingerprint == "" {
		return CollectedDataResult{}, fmt.Errorf("%w: SubmitCollectedData: ProviderName, an IP address and Fingerprint are required", ErrInvalidArgument)
	}
	body, _ := json.Marshal(d) // strings only: cannot fail
	cl, err := newCall(opCollectedData, sessionID, body)
	if err != nil {
		return CollectedDataResult{}, err
	}
	var a struct {
		CollectedDataResult
		// Members of the other answers that also carry a top-level
		// sessionId (Full Auto's): their presence is a replay.
		EventType    json.RawMessage `json:"eventType"`
		Data         json.RawMessage `json:"data"`
		Verification json.RawMessage `json:"verification"`
	}
	if err := c.callJSON(ctx, cl, &a); err != nil {
		return CollectedDataResult{}, err
	}
	if a.SessionID != sessionID || a.AttemptID == "" || a.EventType != nil || a.Data != nil || a.Verification != nil {
		return CollectedDataResult{}, fmt.Errorf("%w: %s: not this session's collected data", ErrResponseMismatch, cl.ep)
	}
	return a.CollectedDataResult, nil
}

// Consent types Veriff takes.
const (
	ConsentINE     = "ine"
	ConsentBIPA    = "bipa"
	ConsentAadhaar = "aadhaar"
)

// Consent is an end-user's consent, as shown to them.
type Consent struct {
	// Type is the consent's type, such as ConsentBIPA ("type").
	Type string `json:"type"`
	// Approved is whether the end-user agreed ("approved").
	Approved bool `json:"approved"`
	// Text is the exact text the end-user was shown ("text").
	Text string `json:"text"`
}

// ConsentResult is Veriff's record of a consent.
type ConsentResult struct {
	ID      string `json:"id"`
	Context string `json:"context"`
}

// AddConsent records an end-user's consent for a session (POST
// /v1/sessions/{id}/consents); only the latest of a type is binding. It is
// not retried: a retry would store it twice.
func (c *Client) AddConsent(ctx context.Context, sessionID string, cs Consent) (ConsentResult, error) {
	if cs.Type == "" || cs.Text == "" {
		return ConsentResult{}, fmt.Errorf("%w: AddConsent: Type and Text are required", ErrInvalidArgument)
	}
	body, _ := json.Marshal(cs) // strings and a bool: cannot fail
	cl, err := newCall(opConsent, sessionID, body)
	if err != nil {
		return ConsentResult{}, err
	}
	var r ConsentResult
	if err := c.callJSON(ctx, cl, &r); err != nil {
		return ConsentResult{}, err
	}
	if r.ID == "" {
		return ConsentResult{}, fmt.Errorf("%w: %s: no id", ErrInvalidResponse, cl.ep)
	}
	return r, nil
}
