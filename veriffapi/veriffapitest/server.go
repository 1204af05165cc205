// Package veriffapitest runs a local Veriff: an in-process HTTP server that
// answers Veriff's API as Veriff does, strict about every request's
// signature, and plays webhooktest's scenarios on the sessions created
// through it, sending their webhooks to a receiver. With it, a test runs
// the whole flow without Veriff: create a session with veriffapi, play a
// scenario, let the receiver take the webhooks, fetch the decision.
//
//	srv := veriffapitest.NewServer(t)
//	srv.WebhookURL = receiver.URL + "/webhooks/veriff"
//	c, _ := veriffapi.NewClient(srv.APIKey, srv.Secret, veriffapi.WithBaseURL(srv.URL))
//	s, _ := c.CreateSession(ctx, veriffapi.SessionRequest{VendorData: "order-1"})
//	_ = srv.Play(s.ID, "approved") // the webhooks reach the receiver
//	d, _ := c.Decision(ctx, s.ID)  // and the API answers the same decision
//
// What the server takes for Veriff's behaviour, and where it had to choose
// (error codes Veriff does not document per case, answers it does not
// show), is in the documentation of Server and its handlers, each graded
// like the spec it follows: [V] Veriff documents it, [I] our choice.
//
// Faults (SetFaults) make it misbehave as a real service does: 429 and 5xx
// bursts, slow answers, wrong or missing answer signatures, and webhooks
// dropped, duplicated, delayed or reordered. Every random choice follows
// from the server's seed, so a sequential test sees the same run each
// time.
package veriffapitest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

// Server is a local Veriff. Its exported fields are set by NewServer;
// WebhookURL is the caller's to set, between calls to Play.
type Server struct {
	// URL is the API's base URL (give it to veriffapi.WithBaseURL; the
	// API is under URL+"/v1").
	URL string
	// APIKey is the integration's API key, a UUID.
	APIKey string
	// Secret is the integration's shared secret: it signs the API's
	// answers and the webhooks, and must sign every request.
	Secret string
	// WebhookURL is where Play sends the webhooks, as the Customer
	// Portal's setting is; "" sends none (the setting missing). Play
	// reads it when called. Set it before plays start, or with
	// SetWebhookURL while other goroutines play.
	WebhookURL string

	srv      *httptest.Server
	webhooks http.Client
	verifier *webhook.Verifier // of Secret, for requests
	log      io.Writer         // Config.Log
	pending  sync.WaitGroup

	mu       sync.Mutex
	rng      *rand.Rand
	ids      *webhooktest.IDs
	faults   Faults
	burst    int // answers left in the current fault burst
	burstSt  int // and their status
	sessions map[string]*session
	media    map[string]*mediaFile
	deletes  []time.Time
	calls    []Call
	stats    WebhookStats
	now      func() time.Time
}

// Call is one request the server answered.
type Call struct {
	// Endpoint is the request's method and path pattern, as
	// "GET /v1/sessions/{id}/decision"; "" for a path the API does not
	// have.
	Endpoint string
	// ID is the id in the path; "" when none.
	ID string
	// Status is the status answered.
	Status int
	// Code is Veriff's code in an error answer ("1818"); "" for a 2xx
	// answer or one with no code.
	Code string
}

// WebhookStats counts what Play did with the scenarios' webhooks.
type WebhookStats struct {
	// Sent counts the deliveries sent, duplicates included.
	Sent int
	// Dropped counts the deliveries not sent: dropped by a fault, or with
	// WebhookURL "".
	Dropped int
	// DroppedDecisions counts the decision and Full Auto deliveries among
	// Dropped.
	DroppedDecisions int
	// Failed counts the deliveries sent and not answered with a 2xx.
	Failed int
}

// NewServer starts a local Veriff, closed by t.Cleanup after the webhooks
// still held back (Faults.Delay) are sent. Its keys and every random choice
// follow from t.Name() and how many servers the test started before it, so
// a test sees the same run each time, and two servers of one test are two
// integrations; SetSeed picks another.
func NewServer(t testing.TB) *Server {
	t.Helper()
	h := fnv.New64a()
	h.Write([]byte(t.Name()))
	// The n-th server of a test gets its own seed: two servers are two
	// integrations.
	n, _ := serversOf.LoadOrStore(t.Name(), new(atomic.Uint64))
	s := newServer(h.Sum64()+n.(*atomic.Uint64).Add(1)-1, "", "")
	s.srv = httptest.NewServer(s.routes())
	s.URL = s.srv.URL
	t.Cleanup(s.Close)
	return s
}

// serversOf counts the servers NewServer made per test name.
var serversOf sync.Map

// Config configures Start.
type Config struct {
	// Addr is the address to listen on, such as "127.0.0.1:8089"; a port
	// of 0 picks a free one.
	Addr string
	// Seed picks the keys (when not given) and every random choice.
	Seed uint64
	// APIKey and Secret are the integration's, when given: APIKey must
	// be a UUID, as Veriff's are. Both are made from Seed otherwise.
	APIKey, Secret string
	// Log, when set, gets a line for every request answered and every
	// webhook sent, with the ids: for following an integration by hand.
	Log io.Writer
}

// Start starts a local Veriff outside a test, for a front end or a backend
// in another language to call (veriffhook serve runs it). Close stops it.
func Start(cfg Config) (*Server, error) {
	if cfg.APIKey != "" && !uuidRE.MatchString(cfg.APIKey) {
		return nil, errorf("API key %q is not a UUID", cfg.APIKey)
	}
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, errorf("%v", err)
	}
	s := newServer(cfg.Seed, cfg.APIKey, cfg.Secret)
	s.log = cfg.Log
	s.srv = httptest.NewUnstartedServer(s.routes())
	s.srv.Listener.Close()
	s.srv.Listener = l
	s.srv.Start()
	s.URL = s.srv.URL
	return s, nil
}

func newServer(seed uint64, apiKey, secret string) *Server {
	s := &Server{sessions: map[string]*session{}, media: map[string]*mediaFile{}, now: time.Now}
	s.seed(seed)
	s.APIKey, s.Secret = s.ids.UUID(), s.ids.UUID()
	if apiKey != "" {
		s.APIKey = apiKey
	}
	if secret != "" {
		s.Secret = secret
	}
	s.webhooks = http.Client{Timeout: 10 * time.Second}
	s.verifier, _ = webhook.NewVerifier(s.Secret) // never empty: a UUID or Config's
	return s
}

// Close sends the webhooks still held back and stops the server.
func (s *Server) Close() {
	s.Flush()
	s.srv.Close()
}

// Flush waits until every webhook held back by Faults.Delay is sent.
func (s *Server) Flush() { s.pending.Wait() }

// SetSeed makes the server's later random choices (ids, faults) follow
// from seed.
func (s *Server) SetSeed(seed uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seed(seed)
}

func (s *Server) seed(seed uint64) {
	s.rng = rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	s.ids = webhooktest.SeededIDs(seed)
}

// Faults are the ways the server misbehaves; the zero value has none. Each
// chance is between 0 and 1.
type Faults struct {
	// RateLimited is the chance that a request starts a burst of 429
	// answers, ServerErrors of 500, 502 or 503 answers.
	RateLimited, ServerErrors float64
	// Burst is how many requests in a row a burst answers (1 when 0).
	Burst int
	// RetryAfter is sent with each 429, in whole seconds; none when 0.
	RetryAfter time.Duration
	// Latency delays every answer.
	Latency time.Duration
	// BadSignature is the chance that a 2xx answer is signed with another
	// secret, NoSignature that it carries no signature.
	BadSignature, NoSignature float64
	// Drop is the chance that a webhook is not sent; DropDecisions, that
	// a decision or Full Auto webhook is not sent (on top of Drop).
	Drop, DropDecisions float64
	// Duplicate is the chance that a webhook is sent twice.
	Duplicate float64
	// Shuffle sends the webhooks of each Play in a random order.
	Shuffle bool
	// Delay holds each webhook back a random time up to Delay and sends it
	// in the background, so that Play returns before it and it can arrive
	// after later ones.
	Delay time.Duration
}

// SetFaults sets the faults of the requests and plays that follow.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = f
	s.burst = 0
}

// SetWebhookURL sets WebhookURL, safely while other goroutines call Play:
// to take the portal's setting away for a stretch, and give it back.
func (s *Server) SetWebhookURL(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.WebhookURL = url
}

// FailNext makes the next n requests answer status (a 429 or a 5xx, say)
// with Veriff's error body, before any other fault or check: a burst the
// test places itself.
func (s *Server) FailNext(status, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.burst, s.burstSt = n, status
}

// Calls returns the requests answered so far, in order: every one, up to
// 131,072 of them, and at least the latest 65,536 after.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Webhooks returns the counts of the webhooks played so far.
func (s *Server) Webhooks() WebhookStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// chance draws with probability p; the caller holds s.mu.
func (s *Server) chance(p float64) bool { return p > 0 && s.rng.Float64() < p }

// sign says which bytes a request's signature must cover: Veriff's rule
// [V], kept apart from veriffapi's own table so that each checks the
// other.
type sign uint8

const (
	signOptionalBody sign = iota // POST /v1/sessions: none required; if sent, of the body
	signBody
	signID
)

// route is one endpoint of the API.
type route struct {
	pattern string
	sign    sign
	handle  func(s *Server, r *request) answer
}

// request is a request that passed the checks, with what the handlers
// need.
type request struct {
	*http.Request
	id   string
	body []byte
}

// answer is what a handler answers: a status and a JSON body, or a file.
type answer struct {
	status int
	body   []byte
	file   *mediaFile
	header http.Header
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range routeTable {
		mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) { s.serve(w, r, rt) })
	}
	mux.HandleFunc("GET /v/{id}", s.flow)
	mux.HandleFunc("POST /v/{id}", s.flow)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// An absolute path or a missing /v1 lands here: say so loudly.
		s.record("", "", http.StatusNotFound, "")
		s.logf("%s %s: no such endpoint: 404", r.Method, r.URL.Path)
		writeJSON(w, http.StatusNotFound, nil, failBody("", "veriffapitest: no endpoint "+r.Method+" "+r.URL.Path+" (is the base URL's /v1 missing or doubled?)"))
	})
	return mux
}

// maxRequest bounds a request body: Veriff's uploads are at most 24 MB of
// base64 [V].
const maxRequest = 25 << 20

func (s *Server) serve(w http.ResponseWriter, r *http.Request, rt route) {
	id := r.PathValue("id")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequest))
	if err != nil {
		s.record(rt.pattern, id, http.StatusRequestEntityTooLarge, "")
		writeJSON(w, http.StatusRequestEntityTooLarge, nil, failBody("", "Request body too large"))
		return
	}
	s.mu.Lock()
	f := s.faults
	fault := s.fault()
	s.mu.Unlock()
	if f.Latency > 0 {
		select {
		case <-time.After(f.Latency):
		case <-r.Context().Done():
			return
		}
	}
	var a answer
	switch {
	case fault != 0:
		a = answer{status: fault, body: failBody("", http.StatusText(fault))}
		if fault == http.StatusTooManyRequests && f.RetryAfter > 0 {
			secs := (f.RetryAfter + time.Second - 1) / time.Second
			a.header = http.Header{"Retry-After": {strconv.Itoa(int(secs))}}
		}
	default:
		if e, ok := s.authenticate(r, rt.sign, id, body); !ok {
			a = e
			break
		}
		s.mu.Lock()
		a = rt.handle(s, &request{Request: r, id: id, body: body})
		s.mu.Unlock()
	}
	s.record(rt.pattern, id, a.status, errorCode(a))
	s.write(w, a)
}

// fault returns the status of a fault for this request, 0 for none; the
// caller holds s.mu.
func (s *Server) fault() int {
	if s.burst > 0 {
		s.burst--
		return s.burstSt
	}
	st := 0
	switch {
	case s.chance(s.faults.RateLimited):
		st = http.StatusTooManyRequests
	case s.chance(s.faults.ServerErrors):
		st = []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable}[s.rng.IntN(3)]
	default:
		return 0
	}
	s.burst, s.burstSt = max(s.faults.Burst, 1)-1, st
	return st
}

// maxCalls bounds the transcript, for a server that runs for long (veriffhook
// serve): past twice as many, the oldest are dropped.
const maxCalls = 1 << 16

func (s *Server) record(pattern, id string, status int, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, Call{Endpoint: pattern, ID: id, Status: status, Code: code})
	if s.log != nil && pattern != "" { // an unknown path is logged where it is answered
		line := fmt.Sprintf("%s: %d", pattern, status)
		if id != "" {
			line = fmt.Sprintf("%s (id %s): %d", pattern, id, status)
		}
		if code != "" {
			line += " code " + code
		}
		fmt.Fprintln(s.log, line)
	}
	if len(s.calls) > 2*maxCalls {
		s.calls = append([]Call(nil), s.calls[len(s.calls)-maxCalls:]...)
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// authenticate checks a request as Veriff does and returns, when it fails,
// Veriff's answer: 401 with the code of the credentials table [V]. Which
// code a missing or malformed signature gets is not documented: 1812, "not
// a valid SHA256 hash", here [I].
func (s *Server) authenticate(r *http.Request, sg sign, id string, body []byte) (answer, bool) {
	key := r.Header.Get(webhook.HeaderAuthClient)
	switch {
	case key == "":
		return unauthorized("1801", "Mandatory X-AUTH-CLIENT header containing the API key is missing from the request."), false
	case key != s.APIKey && !uuidRE.MatchString(key):
		return unauthorized("1802", "API key is not a valid UUID."), false
	case key != s.APIKey:
		return unauthorized("1803", "Integration with the API key was not found."), false
	}
	sig := r.Header.Get(webhook.HeaderSignature)
	signed, code, what := body, "1819", "request body"
	if sg == signID {
		signed, code, what = []byte(id), "1818", "query ID"
	}
	if sig == "" {
		if sg == signOptionalBody {
			return answer{}, true
		}
		if r.Header.Get("X-Signature") != "" {
			// The legacy scheme: sha256 of the payload and the secret [V].
			legacy := "1814"
			if sg == signID {
				legacy = "1813"
			}
			return unauthorized(legacy, "Signature does not match the SHA256 hash of "+what+" and shared secret."), false
		}
		return unauthorized("1812", "Signature is not a valid SHA256 hash."), false
	}
	if err := s.verifier.Verify(signed, sig); err != nil {
		if _, herr := hex.DecodeString(sig); len(sig) != 2*sha256.Size || herr != nil {
			return unauthorized("1812", "Signature is not a valid SHA256 hash."), false
		}
		return unauthorized(code, "Signature does not match the HMAC-SHA256 of "+what+" and shared secret key."), false
	}
	return answer{}, true
}

func unauthorized(code, msg string) answer {
	return answer{status: http.StatusUnauthorized, body: failBody(code, msg)}
}

// fail returns an error answer in Veriff's shape [V].
func fail(status int, code, msg string) answer {
	return answer{status: status, body: failBody(code, msg)}
}

// failBody is Veriff's error body: {"status":"fail","code":"1818",
// "message":"..."}, code left out when "" [V].
func failBody(code, msg string) []byte {
	m := map[string]string{"status": "fail", "message": msg}
	if code != "" {
		m["code"] = code
	}
	b, _ := json.Marshal(m)
	return b
}

// write sends a, signing every 2xx answer (or not, or wrongly, as the
// faults say) over its exact body.
func (s *Server) write(w http.ResponseWriter, a answer) {
	if a.status < 200 || a.status > 299 {
		writeJSON(w, a.status, a.header, a.body)
		return
	}
	s.mu.Lock()
	bad, none := s.chance(s.faults.BadSignature), s.chance(s.faults.NoSignature)
	s.mu.Unlock()
	secret := s.Secret
	if bad {
		secret = "not-" + s.Secret
	}
	h := w.Header()
	h.Set(webhook.HeaderAuthClient, s.APIKey)
	if a.file != nil {
		h.Set(webhook.HeaderAuthClientFallback, s.APIKey)
		h.Set("Content-Type", a.file.mime)
		h.Set("Content-Length", strconv.FormatInt(a.file.size, 10))
		if !none {
			sig := a.file.signature(secret)
			h.Set(webhook.HeaderSignature, sig)
			h.Set(webhook.HeaderSignatureFallback, sig)
		}
		w.WriteHeader(a.status)
		_, _ = a.file.writeTo(w)
		return
	}
	if !none {
		h.Set(webhook.HeaderSignature, webhook.Sign(a.body, secret))
	}
	writeJSON(w, a.status, a.header, a.body)
}

func writeJSON(w http.ResponseWriter, status int, extra http.Header, body []byte) {
	for k, v := range extra {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// ok marshals v as a 200 answer.
func ok(status int, v any) answer {
	b, err := json.Marshal(v)
	if err != nil {
		return fail(http.StatusInternalServerError, "", "veriffapitest: "+err.Error())
	}
	return answer{status: status, body: b}
}

// mediaFile is a file the server serves: uploaded bytes, or a generated
// stream of any size that is never held in memory.
type mediaFile struct {
	id, sessionID, attemptID, context, mime, name string
	size                                          int64
	data                                          []byte // uploaded; nil when generated
	block                                         []byte // generated: repeated to size
	mu                                            sync.Mutex
	sig                                           map[string]string // by secret
}

func (m *mediaFile) writeTo(w io.Writer) (int64, error) {
	if m.data != nil {
		n, err := w.Write(m.data)
		return int64(n), err
	}
	var n int64
	for n < m.size {
		b := m.block[:min(int64(len(m.block)), m.size-n)]
		k, err := w.Write(b)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// signature returns the file's signature under secret, computed once: a
// generated file is hashed as it is streamed, by crypto/hmac, never held
// whole.
func (m *mediaFile) signature(secret string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if sig, ok := m.sig[secret]; ok {
		return sig
	}
	mac := hmac.New(sha256.New, []byte(secret))
	_, _ = m.writeTo(mac)
	sig := hex.EncodeToString(mac.Sum(nil))
	m.sig[secret] = sig
	return sig
}

// newBlock returns n pseudo-random bytes from the server's seed.
func (s *Server) newBlock(n int) []byte {
	b := make([]byte, n+8)
	for i := 0; i < n; i += 8 {
		binary.LittleEndian.PutUint64(b[i:], s.rng.Uint64())
	}
	return b[:n]
}

// logf writes a line to Config.Log, if set.
func (s *Server) logf(format string, a ...any) {
	if s.log == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.log, format+"\n", a...)
}

// errorCode returns Veriff's code of an error answer, "" for another.
func errorCode(a answer) string {
	if a.status >= 200 && a.status <= 299 {
		return ""
	}
	var e struct {
		Code string `json:"code"`
	}
	_ = json.Unmarshal(a.body, &e)
	return e.Code
}

func errorf(format string, a ...any) error { return fmt.Errorf("veriffapitest: "+format, a...) }
