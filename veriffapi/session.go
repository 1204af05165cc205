package veriffapi

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/veriffkit/webhook"
)

// SessionRequest is what a new session is created with (POST /v1/sessions).
// Every member is optional; Veriff strongly recommends VendorData or
// EndUserID, so that its webhooks can be matched to your records.
type SessionRequest struct {
	// Callback is where the end-user is sent at the end of the flow; it
	// overrides the integration's default for this session ("callback").
	Callback string
	// VendorData is your own reference, at most 1000 characters; no
	// personal data ("vendorData").
	VendorData string
	// EndUserID is your id of the end-user, a UUID ("endUserId").
	EndUserID string
	// Person is what you know of the person; nil sends none ("person").
	Person *PersonData
	// Document is what you know of the document; nil sends none
	// ("document").
	Document *DocumentData
	// FullAddress is the person's address ("address.fullAddress").
	FullAddress string
}

// PersonData is what an integrator knows of the person to verify. Empty
// members are not sent. In a test integration, FirstName "Approve",
// "Decline" or "Resubmit" forces the decision.
type PersonData struct {
	FirstName   string `json:"firstName,omitempty"`
	LastName    string `json:"lastName,omitempty"`
	IDNumber    string `json:"idNumber,omitempty"`
	DateOfBirth string `json:"dateOfBirth,omitempty"` // YYYY-MM-DD
	Gender      string `json:"gender,omitempty"`      // "M" or "F"
	Email       string `json:"email,omitempty"`
	PhoneNumber string `json:"phoneNumber,omitempty"`
}

// DocumentData is what an integrator knows of the document to verify.
// Empty members are not sent.
type DocumentData struct {
	Number  string               `json:"number,omitempty"`
	Country string               `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Type    webhook.DocumentType `json:"type,omitempty"`
}

// MarshalJSON encodes r as the body of POST /v1/sessions:
// {"verification":{...}}, empty members left out.
func (r SessionRequest) MarshalJSON() ([]byte, error) {
	type address struct {
		FullAddress string `json:"fullAddress"`
	}
	v := struct {
		Callback   string        `json:"callback,omitempty"`
		Person     *PersonData   `json:"person,omitempty"`
		Document   *DocumentData `json:"document,omitempty"`
		Address    *address      `json:"address,omitempty"`
		VendorData string        `json:"vendorData,omitempty"`
		EndUserID  string        `json:"endUserId,omitempty"`
	}{Callback: r.Callback, Person: r.Person, Document: r.Document, VendorData: r.VendorData, EndUserID: r.EndUserID}
	if r.FullAddress != "" {
		v.Address = &address{r.FullAddress}
	}
	return json.Marshal(struct {
		Verification any `json:"verification"`
	}{v})
}

// Session is a session as Veriff answers its creation or its submission.
type Session struct {
	// ID is the session id ("verification.id"). Keep it: Veriff has no
	// way to list sessions, and every other call needs it.
	ID string `json:"id"`
	// URL is where the end-user goes through the flow: hand it to your
	// front end ("verification.url").
	URL string `json:"url"`
	// Status is the session's status: "created" when new, "submitted"
	// once submitted ("verification.status").
	Status string `json:"status"`
	// VendorData and EndUserID are echoed as given; "" when not.
	VendorData string `json:"vendorData"`
	EndUserID  string `json:"endUserId"`
	// Host is the flow's host ("verification.host").
	Host string `json:"host"`
	// SessionToken is a legacy token some front-end SDKs take
	// ("verification.sessionToken").
	SessionToken string `json:"sessionToken"`
}

// sessionAnswer is the answer of POST /v1/sessions and PATCH
// /v1/sessions/{id}.
type sessionAnswer struct {
	Status       string   `json:"status"`
	Verification *Session `json:"verification"`
}

// CreateSession creates a session (POST /v1/sessions) and returns it. It
// is never retried: Veriff has no idempotency key, so a retry after a lost
// answer would create a second session. On an error, a session may have
// been created; it expires unused after 7 days.
//
// The answer must be a new session's (status "created") echoing r's
// VendorData (and EndUserID, when Veriff echoes it), or it is
// ErrResponseMismatch: the answer's signature covers its body only, so a
// unique VendorData per session (your order's id) is what binds an answer
// to its request.
func (c *Client) CreateSession(ctx context.Context, r SessionRequest) (Session, error) {
	body, err := json.Marshal(r)
	if err != nil {
		return Session{}, fmt.Errorf("%w: %w", ErrInvalidArgument, err)
	}
	cl, _ := newCall(opCreateSession, "", body)
	var a sessionAnswer
	if err := c.callJSON(ctx, cl, &a); err != nil {
		return Session{}, err
	}
	v := a.Verification
	if v == nil || v.ID == "" || v.URL == "" {
		return Session{}, fmt.Errorf("%w: %s: no verification.id or url", ErrInvalidResponse, cl.ep)
	}
	// The answer names nothing of the request but what it echoes: a
	// signed answer to another creation (or of another endpoint) is told
	// by its status, vendorData and endUserId.
	if v.Status != "created" || v.VendorData != r.VendorData || v.EndUserID != "" && v.EndUserID != r.EndUserID {
		return Session{}, fmt.Errorf("%w: %s: not the answer to this creation", ErrResponseMismatch, cl.ep)
	}
	return *v, nil
}

// submitBody is the only body PATCH /v1/sessions/{id} takes here.
var submitBody = []byte(`{"verification":{"status":"submitted"}}`)

// SubmitSession sets the session to submitted (PATCH /v1/sessions/{id}),
// once every file was uploaded: Veriff refuses media after it (409). Only
// sessions whose media you upload yourself need it; the flow Veriff hosts
// submits its own. It is not retried: a retry after a lost answer would
// meet a session already submitted; on an error, look at the session's
// decision or attempts before trying again.
func (c *Client) SubmitSession(ctx context.Context, sessionID string) error {
	cl, err := newCall(opSubmitSession, sessionID, submitBody)
	if err != nil {
		return err
	}
	var a sessionAnswer
	if err := c.callJSON(ctx, cl, &a); err != nil {
		return err
	}
	if a.Verification == nil || a.Verification.ID != sessionID || a.Verification.Status != "submitted" {
		return fmt.Errorf("%w: %s: not this session submitted", ErrResponseMismatch, cl.ep)
	}
	return nil
}

// DeleteSession deletes a session and its data (DELETE /v1/sessions/{id}).
// Veriff enables it per integration, allows it only in some statuses (400,
// codes 1305 and 1306) and at most 5 times an hour and 10 a day (429). It
// is not retried.
func (c *Client) DeleteSession(ctx context.Context, sessionID string) error {
	cl, err := newCall(opDeleteSession, sessionID, nil)
	if err != nil {
		return err
	}
	var a sessionAnswer
	if err := c.callJSON(ctx, cl, &a); err != nil {
		return err
	}
	// Veriff's answer is {"verification":{"id"}}: a status or a URL is
	// another endpoint's answer about the session, replayed. Refusing it
	// errs on the safe side: the caller learns the deletion is not
	// confirmed.
	if a.Verification == nil || a.Verification.ID != sessionID || a.Verification.Status != "" || a.Verification.URL != "" {
		return fmt.Errorf("%w: %s: not this session's deletion", ErrResponseMismatch, cl.ep)
	}
	return nil
}

// Attempt is one attempt of a session: the first, and one more after each
// resubmission.
type Attempt struct {
	// ID is the attempt id ("id"), the key of AttemptMedia.
	ID string `json:"id"`
	// Status is the attempt's status ("status").
	Status webhook.Status `json:"status"`
	// Created is when the attempt began ("createdTime").
	Created time.Time `json:"createdTime"`
	// UserDefined are the statuses set on the attempt in the Customer
	// Portal ("userDefinedData").
	UserDefined []UserDefinedStatus `json:"userDefinedData"`
}

// UserDefinedStatus is a status of the integrator's own, set on an attempt
// in the Customer Portal.
type UserDefinedStatus struct {
	Status     string    `json:"status"`
	StatusCode string    `json:"statusCode"`
	Reason     string    `json:"reason"`
	ReasonCode string    `json:"reasonCode"`
	Created    time.Time `json:"createdAt"`
}

// Attempts returns the attempts of a session, oldest first as Veriff
// lists them (GET /v1/sessions/{id}/attempts). The answer names no
// session, so it cannot be checked to be about this one beyond its
// signature.
func (c *Client) Attempts(ctx context.Context, sessionID string) ([]Attempt, error) {
	cl, err := newCall(opAttempts, sessionID, nil)
	if err != nil {
		return nil, err
	}
	var a struct {
		Verifications []Attempt `json:"verifications"`
	}
	if err := c.callJSON(ctx, cl, &a); err != nil {
		return nil, err
	}
	return a.Verifications, nil
}

// callJSON sends cl and decodes its verified answer into v.
func (c *Client) callJSON(ctx context.Context, cl call, v any) error {
	body, err := c.getJSON(ctx, cl)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalidResponse, cl.ep, err)
	}
	return nil
}
