package veriffapitest

import (
	"errors"
	"html/template"
	"net/http"
	"strings"

	"github.com/veriffkit/webhook/webhooktest"
)

// The end-user's flow. A session's URL (what CreateSession answers) opens a
// page of the local Veriff where the one testing picks how the session
// goes: one button per scenario, which plays it (see Play) and, when the
// session was created with a callback, links back to it. A front end can
// so be tested end to end: it sends the end-user to the session's URL as
// it would to Veriff's.

var flowPage = template.Must(template.New("flow").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local Veriff: session {{.ID}}</title></head>
<body>
<h1>Local Veriff</h1>
<p>Session <code>{{.ID}}</code>{{if .VendorData}} (vendorData <code>{{.VendorData}}</code>){{end}}.</p>
{{if .Played}}<p id="played">Played: <strong>{{.Played}}</strong>. {{.Result}}</p>
{{if .Callback}}<p><a id="callback" href="{{.Callback}}">Back to the integration</a></p>{{end}}
{{else}}<p>How does this session go? Each button plays a scenario: its webhooks go to the
integration's webhook URL, and the API answers its decision.</p>
<form method="post">
{{range .Scenarios}}<p><button name="scenario" value="{{.}}">{{.}}</button></p>
{{end}}</form>{{end}}
</body></html>
`))

type flowData struct {
	ID, VendorData, Callback, Played, Result string
	Scenarios                                []string
}

// flow serves GET and POST /v/{id}.
func (s *Server) flow(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	ss, ok := s.sessions[id]
	var d flowData
	if ok {
		d = flowData{ID: ss.id, VendorData: ss.vendorData, Callback: ss.callback, Scenarios: webhooktest.ScenarioNames()}
		if ss.played {
			d.Played = ss.scenario
		}
	}
	s.mu.Unlock()
	if !ok {
		http.Error(w, "no such session", http.StatusNotFound)
		return
	}
	if r.Method == http.MethodPost && d.Played == "" {
		name := r.FormValue("scenario")
		err := s.Play(id, name)
		switch {
		case err == nil:
			d.Result = "Its webhooks were sent."
		case errors.Is(err, ErrDelivery):
			// Play's error says how many and how each was answered.
			d.Result = "Its webhooks were sent, and " + strings.TrimPrefix(err.Error(), ErrDelivery.Error()+": ")
		default:
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		d.Played = name
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = flowPage.Execute(w, d)
}
