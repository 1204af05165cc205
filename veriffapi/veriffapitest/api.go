package veriffapitest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

// session is one session of the server.
type session struct {
	id, vendorData, endUserID string
	callback                  string
	scenario                  string // the scenario played
	created                   time.Time
	// status is the API's status: created, submitted (by the API), or
	// what the played scenario folds to.
	status    string
	submitted bool
	deleted   bool
	// ws is the kit's session the scenario is played on: its ids are the
	// session's.
	ws     *webhooktest.Session
	played bool
	state  webhook.SessionState
	// What the played scenario delivered, for the API's answers.
	decisions  []webhook.Decision
	fullAuto   *webhook.FullAuto
	screening  *webhook.WatchlistScreening
	monitor    string
	attemptSt  []webhook.SessionState // per attempt
	media      []*mediaFile
	consents   int
	collected  bool
	deliveries []webhooktest.Delivery
	// decisionBody is the decision endpoint's answer, made once it is
	// asked for; nil until then and again after a play.
	decisionBody []byte
}

var routeTable = []route{
	{"POST /v1/sessions", signOptionalBody, (*Server).createSession},
	{"PATCH /v1/sessions/{id}", signBody, (*Server).patchSession},
	{"DELETE /v1/sessions/{id}", signID, (*Server).deleteSession},
	{"GET /v1/sessions/{id}/attempts", signID, (*Server).attempts},
	{"POST /v1/sessions/{id}/media", signBody, (*Server).uploadMedia},
	{"POST /v1/sessions/{id}/collected-data", signBody, (*Server).collectedData},
	{"POST /v1/sessions/{id}/consents", signBody, (*Server).consent},
	{"GET /v1/sessions/{id}/decision", signID, (*Server).decision},
	{"GET /v1/sessions/{id}/decision/fullauto", signID, (*Server).fullAutoDecision},
	{"GET /v1/sessions/{id}/person", signID, (*Server).person},
	{"GET /v1/sessions/{id}/watchlist-screening", signID, (*Server).watchlist},
	{"PATCH /v1/sessions/{id}/watchlist-screening", signBody, (*Server).disableMonitoring},
	{"GET /v1/sessions/{id}/media", signID, (*Server).sessionMedia},
	{"GET /v1/attempts/{id}/media", signID, (*Server).attemptMedia},
	{"GET /v1/media/{id}", signID, (*Server).downloadMedia},
}

// notFound is the answer for an id the integration does not have. Veriff's
// 404 body is not documented: no code here [I].
func notFound(what string) answer { return fail(http.StatusNotFound, "", what+" not found") }

// lookup returns the session of the request's id, or the 404.
func (s *Server) lookup(r *request) (*session, answer, bool) {
	ss, ok := s.sessions[r.id]
	if !ok || ss.deleted {
		return nil, notFound("Session"), false
	}
	return ss, answer{}, true
}

// createSession: 201 with the session [V]; the body must be JSON with a
// "verification" object (1102 otherwise [V: code; I: when]); vendorData at
// most 1000 characters (1501 [I]); a callback must be https (1302 [V]).
func (s *Server) createSession(r *request) answer {
	var req struct {
		Verification *struct {
			Callback   string `json:"callback"`
			VendorData string `json:"vendorData"`
			EndUserID  string `json:"endUserId"`
		} `json:"verification"`
	}
	if json.Unmarshal(r.body, &req) != nil || req.Verification == nil {
		return fail(http.StatusBadRequest, "1102", "Mandatory parameters are missing from the request.")
	}
	v := req.Verification
	if len([]rune(v.VendorData)) > 1000 {
		return fail(http.StatusBadRequest, "1501", "Vendor data cannot be more than 1000 symbols.")
	}
	if v.Callback != "" && !strings.HasPrefix(v.Callback, "https://") {
		return fail(http.StatusBadRequest, "1302", "Only HTTPS return URLs are allowed.")
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	ws := webhooktest.NewSession(s.ids, now)
	for s.sessions[ws.ID] != nil { // after SetSeed, ids can come round again
		ws = webhooktest.NewSession(s.ids, now)
	}
	ws.VendorData, ws.EndUserID = v.VendorData, v.EndUserID
	ss := &session{id: ws.ID, vendorData: v.VendorData, endUserID: v.EndUserID, callback: v.Callback, created: now, status: "created", ws: ws}
	s.sessions[ss.id] = ss
	return ok(http.StatusCreated, map[string]any{
		"status": "success",
		"verification": map[string]any{
			"id": ss.id, "url": s.URL + "/v/" + ss.id, "vendorData": nullable(ss.vendorData),
			"endUserId": nullable(ss.endUserID), "host": s.URL, "status": "created", "sessionToken": ss.id,
		},
	})
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// patchSession: only {"verification":{"status":"submitted"}} [V]; another
// status is 1303, a second submit or a session already decided 1304 [I].
func (s *Server) patchSession(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	var req struct {
		Verification struct {
			Status string `json:"status"`
		} `json:"verification"`
	}
	if json.Unmarshal(r.body, &req) != nil || req.Verification.Status != "submitted" {
		return fail(http.StatusBadRequest, "1303", "Invalid status.")
	}
	if ss.submitted || ss.played {
		return fail(http.StatusBadRequest, "1304", `Cannot transition to "submitted" status.`)
	}
	ss.submitted, ss.status = true, "submitted"
	return s.sessionAnswer(ss)
}

func (s *Server) sessionAnswer(ss *session) answer {
	return ok(http.StatusOK, map[string]any{
		"status": "success",
		"verification": map[string]any{
			"id": ss.id, "url": s.URL + "/v/" + ss.id, "vendorData": nullable(ss.vendorData),
			"host": s.URL, "status": ss.status, "sessionToken": ss.id,
		},
	})
}

// deleteSession: allowed in created, started and final statuses [V]; 1306
// while submitted or under review, 1305 otherwise [I]; at most 5 an hour
// and 10 a day, 429 past it [V]. Its error bodies give "status" as a
// number, as its page's schema does [V].
func (s *Server) deleteSession(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	now := s.now()
	s.deletes = slices.DeleteFunc(s.deletes, func(t time.Time) bool { return now.Sub(t) >= 24*time.Hour })
	hour := 0
	for _, t := range s.deletes {
		if now.Sub(t) < time.Hour {
			hour++
		}
	}
	if hour >= 5 || len(s.deletes) >= 10 {
		return numericFail(http.StatusTooManyRequests, "", "Too many requests")
	}
	switch ss.status {
	case "created", "started", "approved", "declined", "resubmission_requested", "expired", "abandoned":
	case "submitted", "review":
		return numericFail(http.StatusBadRequest, "1306", "Session in progress.")
	default:
		return numericFail(http.StatusBadRequest, "1305", "Session is not in a completed status.")
	}
	s.deletes = append(s.deletes, now)
	ss.deleted = true
	s.closeOpen(ss)
	return ok(http.StatusOK, map[string]any{"status": "success", "verification": map[string]any{"id": ss.id}})
}

// closeOpen sends the decision webhook Veriff sends when an open session
// is deleted [V]: expired when the end-user never started, abandoned when
// they did; the caller holds s.mu, so it is sent in the background.
func (s *Server) closeOpen(ss *session) {
	var status webhook.Status
	switch ss.status {
	case "created":
		status = webhook.StatusExpired
	case "started", "resubmission_requested":
		status = webhook.StatusAbandoned
	default:
		return
	}
	d := ss.ws.Deliver(ss.ws.Decision(status, 0))
	p, err := webhook.ParseAny(d.Body)
	if err == nil {
		_ = ss.state.Apply(p)
	}
	url := s.WebhookURL
	if url == "" {
		s.stats.Dropped++
		s.stats.DroppedDecisions++
		return
	}
	snd := &webhooktest.Sender{URL: url, Secret: s.Secret, APIKey: s.APIKey, Client: &s.webhooks}
	s.pending.Add(1)
	go func() {
		defer s.pending.Done()
		s.count(snd.Send(context.Background(), d))
	}()
}

func numericFail(status int, code, msg string) answer {
	m := map[string]any{"status": status, "message": msg}
	if code != "" {
		m["code"] = code
	}
	b, _ := json.Marshal(m)
	return answer{status: status, body: b}
}

// attempts lists the attempts of the played scenario, with the status each
// folds to [V: shape]; none before a play.
func (s *Server) attempts(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	list := []map[string]any{}
	if ss.played {
		for i, id := range ss.ws.Attempts {
			list = append(list, map[string]any{
				"id": id, "status": string(ss.attemptSt[i].Status()),
				"createdTime": ss.created.Format(time.RFC3339Nano), "userDefinedData": []any{},
			})
		}
	}
	return ok(http.StatusOK, map[string]any{"status": "success", "verifications": list})
}

// uploadTypes are the file types an upload takes [V], and maxUploadBase64
// the most of its base64 [V]; the codes of their refusals are ours [I].
var uploadTypes = []string{"image/jpg", "image/jpeg", "image/png", "image/heif", "image/heic", "image/webp", "application/pdf"}

const maxUploadBase64 = 24 << 20

// mediaContexts are the contexts an upload takes [V].
var mediaContexts = []string{"document-front", "document-back", "document-and-face", "document-front-with-signature", "face", "face-reference", "address-front"}

// uploadMedia: one file as a base64 data URI [V]; 1403 for no image, 1402
// for a context not taken, 1401 for content that is not base64 [V: codes;
// I: which case]; 409 once submitted [V].
func (s *Server) uploadMedia(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	if ss.submitted || ss.played {
		return fail(http.StatusConflict, "", "Session is already submitted, no more media can be uploaded.")
	}
	var req struct {
		Image *struct {
			Context string `json:"context"`
			Content string `json:"content"`
		} `json:"image"`
	}
	if json.Unmarshal(r.body, &req) != nil || req.Image == nil {
		return fail(http.StatusBadRequest, "1403", "Image missing.")
	}
	if !slices.Contains(mediaContexts, req.Image.Context) {
		return fail(http.StatusBadRequest, "1402", "Image context is not supported.")
	}
	mime, data, found := strings.Cut(strings.TrimPrefix(req.Image.Content, "data:"), ";base64,")
	raw, err := base64.StdEncoding.DecodeString(data)
	if !found || err != nil {
		return fail(http.StatusBadRequest, "1401", "Image data is not in base64 format.")
	}
	if len(data) > maxUploadBase64 {
		return fail(http.StatusBadRequest, "1104", "Image is too large: at most 24 MB of base64.")
	}
	if !slices.Contains(uploadTypes, mime) {
		return fail(http.StatusBadRequest, "1104", "Image type "+mime+" is not supported.")
	}
	m := s.addFile(ss, ss.ws.Attempts[0], req.Image.Context, mime, int64(len(raw)), raw)
	return ok(http.StatusOK, map[string]any{"status": "success", "image": m.json()})
}

func (s *Server) addFile(ss *session, attemptID, ctx, mime string, size int64, data []byte) *mediaFile {
	m := &mediaFile{id: s.ids.UUID(), sessionID: ss.id, attemptID: attemptID, context: ctx, mime: mime, size: size, data: data, sig: map[string]string{}}
	m.name = ctx
	if data == nil {
		m.block = s.newBlock(int(min(size, 64<<10)))
	}
	ss.media = append(ss.media, m)
	s.media[m.id] = m
	return m
}

func (m *mediaFile) json() map[string]any {
	return map[string]any{
		"id": m.id, "name": m.name, "context": m.context, "timestamp": nil, "size": m.size,
		"mimetype": m.mime, "url": "/v1/media/" + m.id, "sessionId": m.sessionID,
	}
}

// collectedData: providerName, an address and a fingerprint are required
// (1102 [I]); only while created or started [V].
func (s *Server) collectedData(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	var req struct {
		ProviderName string `json:"providerName"`
		Network      struct {
			IP struct {
				V4 string `json:"addressV4"`
				V6 string `json:"addressV6"`
			} `json:"ip"`
		} `json:"network"`
		Device struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"device"`
	}
	if json.Unmarshal(r.body, &req) != nil || req.ProviderName == "" || req.Network.IP.V4 == "" && req.Network.IP.V6 == "" || req.Device.Fingerprint == "" {
		return fail(http.StatusBadRequest, "1102", "Mandatory parameters are missing from the request.")
	}
	if ss.submitted || ss.played {
		return fail(http.StatusBadRequest, "1304", "Session is not in created or started status.")
	}
	ss.collected = true
	return ok(http.StatusOK, map[string]any{"status": "success", "sessionId": ss.id, "attemptId": ss.ws.Attempts[0]})
}

// consent: type ine, bipa or aadhaar, approved and text required (1102
// [I]); the answer's shape beyond id is not documented [I].
func (s *Server) consent(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	var req struct {
		Type     string `json:"type"`
		Approved *bool  `json:"approved"`
		Text     string `json:"text"`
	}
	if json.Unmarshal(r.body, &req) != nil || req.Approved == nil || req.Text == "" || !slices.Contains([]string{"ine", "bipa", "aadhaar"}, req.Type) {
		return fail(http.StatusBadRequest, "1102", "Mandatory parameters are missing from the request.")
	}
	ss.consents++
	return ok(http.StatusOK, map[string]any{"status": "success", "id": s.ids.UUID(), "context": req.Type + "-consent"})
}

// decision: "verification": null until a decision is played [V]; then the
// decision the played deliveries fold to, in the webhook's shape [V].
func (s *Server) decision(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	if ss.decisionBody == nil {
		ss.decisionBody = []byte(`{"status":"success","verification":null}`)
		if d, held := ss.holding(); held {
			ss.decisionBody = webhooktest.DecisionBody(d)
		}
	}
	return answer{status: http.StatusOK, body: ss.decisionBody}
}

// holding returns the decision delivery that the session's state holds.
func (ss *session) holding() (webhook.Decision, bool) {
	hd, ok := ss.state.Decision()
	if !ok {
		return webhook.Decision{}, false
	}
	for i := len(ss.decisions) - 1; i >= 0; i-- {
		d := ss.decisions[i]
		if d.Verification.AttemptID == hd.AttemptID && d.Verification.Status == hd.Status && d.Verification.DecisionTime.Equal(hd.Time) {
			return d, true
		}
	}
	return webhook.Decision{}, false
}

// fullAutoDecision: the Full Auto delivery played, in the webhook's shape
// [C]; 404 when none [I].
func (s *Server) fullAutoDecision(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	if r.URL.Query().Get("version") == "" {
		return fail(http.StatusBadRequest, "1104", "Invalid parameters: version is required.")
	}
	if ss.fullAuto == nil {
		return notFound("Full Auto decision")
	}
	return answer{status: http.StatusOK, body: webhooktest.FullAutoBody(*ss.fullAuto)}
}

// person: the person the played decision verified, with no screening
// matches; the shape is Veriff's [V], the values the kit's fictional
// person's.
func (s *Server) person(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	p := map[string]any{"id": ss.endUserID, "pepSanctionMatches": []any{}, "citizenships": []any{}}
	if d, held := ss.holding(); held && d.Verification.Person.FirstName != "" {
		vp := d.Verification.Person
		p["firstName"], p["lastName"], p["dateOfBirth"] = vp.FirstName, vp.LastName, vp.DateOfBirth
		p["gender"], p["nationality"], p["idCode"] = vp.Gender, vp.Nationality, vp.IDNumber
	}
	return ok(http.StatusOK, map[string]any{"status": "success", "person": p})
}

// watchlist: the latest screening played, in the webhook's shape with
// monitorStatus [V]; 404 when none [I].
func (s *Server) watchlist(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	if ss.screening == nil {
		return notFound("Watchlist screening")
	}
	data := webhooktest.WatchlistScreeningBody(*ss.screening)
	data = append(data[:len(data)-1], `,"monitorStatus":"`+ss.monitor+`"}`...)
	return answer{status: http.StatusOK, body: append(append([]byte(`{"status":"success","data":`), data...), '}')}
}

// disableMonitoring: {"monitorStatus":"disabled"} [V]; 400 when already
// disabled [V] or when the session has no screening [I].
func (s *Server) disableMonitoring(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	var req struct {
		MonitorStatus string `json:"monitorStatus"`
	}
	if json.Unmarshal(r.body, &req) != nil || req.MonitorStatus != "disabled" {
		return fail(http.StatusBadRequest, "1104", "Invalid parameters.")
	}
	if ss.screening == nil {
		return fail(http.StatusBadRequest, "", "Watchlist screening is not enabled.")
	}
	if ss.monitor == "disabled" {
		return fail(http.StatusBadRequest, "", "Monitoring is already disabled.")
	}
	ss.monitor = "disabled"
	return ok(http.StatusOK, map[string]any{"status": "success", "data": map[string]any{
		"attemptId": ss.screening.AttemptID, "sessionId": ss.id, "vendorData": nullable(ss.vendorData), "monitorStatus": "disabled",
	}})
}

// sessionMedia: the media of the latest attempt [V].
func (s *Server) sessionMedia(r *request) answer {
	ss, a, found := s.lookup(r)
	if !found {
		return a
	}
	return mediaList(ss, ss.ws.AttemptID())
}

// attemptMedia: the media of one attempt [V].
func (s *Server) attemptMedia(r *request) answer {
	for _, ss := range s.sessions {
		if !ss.deleted && slices.Contains(ss.ws.Attempts, r.id) {
			return mediaList(ss, r.id)
		}
	}
	return notFound("Attempt")
}

func mediaList(ss *session, attemptID string) answer {
	images, videos := []any{}, []any{}
	for _, m := range ss.media {
		if m.attemptID != attemptID {
			continue
		}
		if strings.HasPrefix(m.mime, "video/") {
			videos = append(videos, m.json())
		} else {
			images = append(images, m.json())
		}
	}
	return ok(http.StatusOK, map[string]any{"status": "success", "images": images, "videos": videos})
}

// downloadMedia: the file, signed over its bytes with the vrf- twins of
// the headers [V].
func (s *Server) downloadMedia(r *request) answer {
	m, known := s.media[r.id]
	if !known || s.sessions[m.sessionID].deleted {
		return notFound("Media")
	}
	return answer{status: http.StatusOK, file: m}
}
