package veriffapi

// The endpoint table: for each call of the client, its method and path,
// which bytes its request signature covers, how its answer is checked, and
// whether it is retried and why. Signing, verifying and retrying read this
// table and nothing else, so a rule is changed here or nowhere.

// signs says which bytes a request's X-HMAC-SIGNATURE covers.
type signs uint8

const (
	// signBody: the request body, byte for byte as sent (Veriff's rule for
	// POST and PATCH).
	signBody signs = iota
	// signPathID: the id in the path, as text: a session id, or the attempt
	// or media id for the endpoints under /attempts and /media (Veriff's
	// rule for GET and DELETE). The query string is never signed.
	signPathID
)

// op names one call of the client; it indexes endpoints.
type op uint8

const (
	opCreateSession op = iota
	opSubmitSession
	opDeleteSession
	opAttempts
	opUploadMedia
	opCollectedData
	opConsent
	opDecision
	opFullAuto
	opPerson
	opWatchlist
	opDisableMonitoring
	opSessionMedia
	opAttemptMedia
	opDownloadMedia
	numOps
)

// endpoint is one row of the table.
type endpoint struct {
	// name is the client's method, for errors.
	name string
	// method and path are the request's; path is under /v1 and holds {id}
	// where the id goes, escaped. query is sent and never signed.
	method, path, query string
	sign                signs
	// signedOnPage is true when the endpoint's own page in Veriff's API
	// reference lists x-hmac-signature among the 200 answer's headers.
	// For the others only the FAQ's general rule says the answer is
	// signed ("Veriff will also always return X-HMAC-signature" to a
	// request that carries one); AllowUnsignedResponses lets their answers
	// through unsigned.
	signedOnPage bool
	// retry is true when the call is repeated on 429, 5xx and transport
	// errors; why says why it is or is not.
	retry bool
	why   string
}

// Why a call is not retried: Veriff has no idempotency key, so a repeated
// write whose first answer was lost can act twice.
const (
	whyGet       = "a GET changes nothing: repeating it is safe"
	whyCreate    = "a repeat creates a second session: Veriff has no idempotency key"
	whySubmit    = "a repeat after a lost answer meets a session already submitted (400, code 1304): the caller checks the decision instead"
	whyDelete    = "DELETE is limited to 5 an hour and 10 a day (429), and a repeat after a lost answer meets 404"
	whyUpload    = "a repeat adds the file twice to the session"
	whyCollected = "a repeat stores the data twice"
	whyConsent   = "a repeat stores the consent twice (only the latest is binding, but both are kept)"
	whyMonitor   = "a repeat after a lost answer meets monitoring already disabled (400)"
)

var endpoints = [numOps]endpoint{
	opCreateSession:     {name: "CreateSession", method: "POST", path: "/sessions", sign: signBody, signedOnPage: false, retry: false, why: whyCreate},
	opSubmitSession:     {name: "SubmitSession", method: "PATCH", path: "/sessions/{id}", sign: signBody, why: whySubmit},
	opDeleteSession:     {name: "DeleteSession", method: "DELETE", path: "/sessions/{id}", sign: signPathID, signedOnPage: true, why: whyDelete},
	opAttempts:          {name: "Attempts", method: "GET", path: "/sessions/{id}/attempts", sign: signPathID, retry: true, why: whyGet},
	opUploadMedia:       {name: "UploadMedia", method: "POST", path: "/sessions/{id}/media", sign: signBody, why: whyUpload},
	opCollectedData:     {name: "SubmitCollectedData", method: "POST", path: "/sessions/{id}/collected-data", sign: signBody, why: whyCollected},
	opConsent:           {name: "AddConsent", method: "POST", path: "/sessions/{id}/consents", sign: signBody, signedOnPage: true, why: whyConsent},
	opDecision:          {name: "Decision", method: "GET", path: "/sessions/{id}/decision", sign: signPathID, retry: true, why: whyGet},
	opFullAuto:          {name: "FullAutoDecision", method: "GET", path: "/sessions/{id}/decision/fullauto", query: "version=1.0.0", sign: signPathID, retry: true, why: whyGet},
	opPerson:            {name: "Person", method: "GET", path: "/sessions/{id}/person", sign: signPathID, retry: true, why: whyGet},
	opWatchlist:         {name: "WatchlistScreening", method: "GET", path: "/sessions/{id}/watchlist-screening", sign: signPathID, retry: true, why: whyGet},
	opDisableMonitoring: {name: "DisableWatchlistMonitoring", method: "PATCH", path: "/sessions/{id}/watchlist-screening", sign: signBody, signedOnPage: true, why: whyMonitor},
	opSessionMedia:      {name: "SessionMedia", method: "GET", path: "/sessions/{id}/media", sign: signPathID, retry: true, why: whyGet},
	opAttemptMedia:      {name: "AttemptMedia", method: "GET", path: "/attempts/{id}/media", sign: signPathID, retry: true, why: whyGet},
	opDownloadMedia:     {name: "DownloadMedia", method: "GET", path: "/media/{id}", sign: signPathID, signedOnPage: true, retry: true, why: whyGet},
}

// String returns the endpoint as Veriff's reference writes it, with its
// id as a placeholder: "GET /v1/sessions/{id}/decision". Errors name
// endpoints this way, so that no id reaches a log.
func (e *endpoint) String() string { return e.method + " /v1" + e.path }
