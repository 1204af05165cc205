package veriffapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/veriffkit/webhook"
)

// Contexts of media: what a file shows. Veriff adds "-pre" to a
// preliminary capture's context (document-front-pre). Upload takes the
// ones without it.
const (
	ContextDocumentFront              = "document-front"
	ContextDocumentBack               = "document-back"
	ContextDocumentAndFace            = "document-and-face"
	ContextDocumentFrontWithSignature = "document-front-with-signature"
	ContextFace                       = "face"
	ContextFaceReference              = "face-reference"
	ContextAddressFront               = "address-front"
)

// Media is one file of a session: an image or a video.
type Media struct {
	// ID is the media id, the key of DownloadMedia ("id").
	ID string `json:"id"`
	// Name is Veriff's name of the file ("name").
	Name string `json:"name"`
	// Context says what the file shows ("context"), such as
	// ContextDocumentFront.
	Context string `json:"context"`
	// MimeType is the file's type ("mimetype"), such as "image/jpeg".
	MimeType string `json:"mimetype"`
	// Size is the file's size in bytes ("size").
	Size int64 `json:"size"`
	// URL is where Veriff serves the file ("url"); DownloadMedia reads it
	// by ID, signed.
	URL string `json:"url"`
	// SessionID is the session ("sessionId"); "" when not sent.
	SessionID string `json:"sessionId"`
	// Duration is a video's length in seconds ("duration"); 0 for images.
	Duration float64 `json:"duration"`
}

// MediaList is the media of a session's latest attempt, or of one attempt.
type MediaList struct {
	Images []Media `json:"images"`
	Videos []Media `json:"videos"`
}

// SessionMedia lists the media of the session's latest attempt (GET
// /v1/sessions/{id}/media); for earlier attempts, list Attempts and call
// AttemptMedia. Veriff sorts them by quality. A file of another session
// is ErrResponseMismatch.
func (c *Client) SessionMedia(ctx context.Context, sessionID string) (MediaList, error) {
	cl, err := newCall(opSessionMedia, sessionID, nil)
	if err != nil {
		return MediaList{}, err
	}
	var m MediaList
	if err := c.callJSON(ctx, cl, &m); err != nil {
		return MediaList{}, err
	}
	for _, f := range append(m.Images[:len(m.Images):len(m.Images)], m.Videos...) {
		if f.SessionID != "" && f.SessionID != sessionID {
			return MediaList{}, fmt.Errorf("%w: %s: sessionId of media", ErrResponseMismatch, cl.ep)
		}
	}
	return m, nil
}

// AttemptMedia lists the media of one attempt (GET
// /v1/attempts/{id}/media), whose id Attempts gives. The answer names no
// attempt, so it cannot be checked to be about this one beyond its
// signature.
func (c *Client) AttemptMedia(ctx context.Context, attemptID string) (MediaList, error) {
	cl, err := newCall(opAttemptMedia, attemptID, nil)
	if err != nil {
		return MediaList{}, err
	}
	var m MediaList
	if err := c.callJSON(ctx, cl, &m); err != nil {
		return MediaList{}, err
	}
	return m, nil
}

// DownloadMedia writes the file mediaID to w (GET /v1/media/{id}) and
// returns the number of bytes written. It streams: memory stays bounded
// whatever the file's size.
//
// The answer's signature covers the whole file, so it can be checked only
// after the last byte: until DownloadMedia returns nil, what it wrote to w
// is untrusted. On ErrResponseSignature, or any other error, discard it
// (write to a temporary file and rename it only on success, say). An
// answer with no signature, or with a malformed one, is refused before
// anything is written. The call is retried, as a GET, only when it fails
// before its answer starts.
func (c *Client) DownloadMedia(ctx context.Context, mediaID string, w io.Writer) (int64, error) {
	cl, err := newCall(opDownloadMedia, mediaID, nil)
	if err != nil {
		return 0, err
	}
	if w == nil {
		return 0, fmt.Errorf("%w: DownloadMedia: nil writer", ErrInvalidArgument)
	}
	resp, err := c.send(ctx, cl)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sig, err := c.answerSignature(cl.ep, resp.Header)
	if err != nil {
		return 0, err
	}
	cw := &countWriter{w: w}
	_, err = c.verifier.VerifyReader(io.TeeReader(resp.Body, cw), sig) // cw counts what w took
	switch {
	case cw.err != nil:
		return cw.n, fmt.Errorf("veriffapi: %s: writing the file: %w", cl.ep, cw.err)
	case errors.Is(err, webhook.ErrInvalidSignature), errors.Is(err, webhook.ErrMissingSignature):
		return cw.n, fmt.Errorf("%w: %s: %w", ErrResponseSignature, cl.ep, err)
	case err != nil:
		return cw.n, transportError(cl.ep, err)
	}
	return cw.n, nil
}

// countWriter counts what reaches w and keeps w's error apart from the
// reader's.
type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		c.err = err
	}
	return n, err
}

// maxUpload is Veriff's limit on an upload's base64 content.
const maxUpload = 24 << 20

// Image is one file to upload to a session.
type Image struct {
	// Context says what the file shows, such as ContextDocumentFront.
	// Required.
	Context string
	// MimeType is the file's type: image/jpeg, image/png, image/heif,
	// image/heic, image/webp or application/pdf. Required.
	MimeType string
	// Content is the file. Its base64 encoding may not pass 24 MB
	// (about 17 MB of file); Veriff reduces images to 1920 pixels on the
	// long side.
	Content io.Reader
	// Taken is when the file was captured; zero sends none.
	Taken time.Time
}

// UploadMedia uploads one file to a session (POST
// /v1/sessions/{id}/media), before SubmitSession: Veriff refuses media
// after it (409, ErrConflict). The whole request is built in memory, since
// its signature covers it all. It is not retried: a retry would add the
// file twice.
func (c *Client) UploadMedia(ctx context.Context, sessionID string, img Image) (Media, error) {
	if img.Context == "" || img.MimeType == "" || img.Content == nil {
		return Media{}, fmt.Errorf("%w: UploadMedia: Context, MimeType and Content are required", ErrInvalidArgument)
	}
	var buf bytes.Buffer
	buf.WriteString(`{"image":{"context":`)
	writeJSONString(&buf, img.Context)
	buf.WriteString(`,"content":`)
	writeJSONString(&buf, "data:"+img.MimeType+";base64,")
	buf.Truncate(buf.Len() - 1) // the content's text goes on inside the string
	enc := base64.NewEncoder(base64.StdEncoding, &limitWriter{w: &buf, n: maxUpload})
	if _, err := io.Copy(enc, img.Content); err != nil {
		return Media{}, fmt.Errorf("%w: UploadMedia: %w", ErrInvalidArgument, err)
	}
	if err := enc.Close(); err != nil {
		return Media{}, fmt.Errorf("%w: UploadMedia: %w", ErrInvalidArgument, err)
	}
	buf.WriteByte('"')
	if !img.Taken.IsZero() {
		buf.WriteString(`,"timestamp":`)
		writeJSONString(&buf, img.Taken.UTC().Format(time.RFC3339Nano))
	}
	buf.WriteString("}}")
	cl, err := newCall(opUploadMedia, sessionID, buf.Bytes())
	if err != nil {
		return Media{}, err
	}
	var a struct {
		Image *Media `json:"image"`
	}
	if err := c.callJSON(ctx, cl, &a); err != nil {
		return Media{}, err
	}
	if a.Image == nil || a.Image.ID == "" {
		return Media{}, fmt.Errorf("%w: %s: no image.id", ErrInvalidResponse, cl.ep)
	}
	if a.Image.SessionID != "" && a.Image.SessionID != sessionID {
		return Media{}, fmt.Errorf("%w: %s: image.sessionId", ErrResponseMismatch, cl.ep)
	}
	return *a.Image, nil
}

// limitWriter fails a write that would pass n bytes in all.
type limitWriter struct {
	w io.Writer
	n int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if len(p) > l.n {
		return 0, fmt.Errorf("content over Veriff's limit of %d bytes of base64", maxUpload)
	}
	l.n -= len(p)
	return l.w.Write(p)
}

// writeJSONString writes s as a JSON string.
func writeJSONString(buf *bytes.Buffer, s string) {
	b, _ := json.Marshal(s) // a string always marshals
	buf.Write(b)
}
