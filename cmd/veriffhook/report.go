package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/veriffkit/webhook/webhooktest"
)

// group is deliveries printed under one header: a scenario's name, session
// and the state it ends in. With no header, each line names its session.
type group struct {
	header string
	ds     []webhooktest.Delivery
}

// send sends each group's deliveries and prints a line for each, under the
// group's header; then, on stderr, each kind of failure once with its
// count, likely cause and fix; then one summary line. It returns
// exitAnswers when any answer is not the one expected.
func (t *target) send(ctx context.Context, c *cli, s *webhooktest.Sender, groups []group) int {
	rep := report{t: t, byStatus: map[string]int{}, byKey: map[string]*failure{}}
	for _, g := range groups {
		if ctx.Err() != nil {
			break
		}
		if g.header != "" {
			fmt.Fprintln(c.stdout, g.header)
		}
		rep.lines(c.stdout, g, s.SendAll(ctx, g.ds))
	}
	for _, f := range rep.failures {
		f.print(c.stderr)
	}
	interrupted := ctx.Err() != nil
	if interrupted {
		fmt.Fprintln(c.stderr, "veriffhook: interrupted")
	}
	fmt.Fprintln(c.stdout, rep.summary(interrupted))
	if interrupted || rep.sent != rep.ok {
		return exitAnswers
	}
	return exitOK
}

// report counts the answers of a run and gathers its failures.
type report struct {
	t        *target
	sent, ok int
	byStatus map[string]int // "200", "no answer"
	failures []*failure     // in the order first met
	byKey    map[string]*failure
}

// failure is one kind of answer not as expected, met count times.
type failure struct {
	what, cause, fix string
	first            string // the first delivery's note
	count            int
}

func (f *failure) print(w io.Writer) {
	n := "1 delivery"
	if f.count > 1 {
		n = fmt.Sprintf("%d deliveries", f.count)
	}
	fmt.Fprintf(w, "veriffhook: %s %s (the first: %s)\n", n, f.what, f.first)
	if f.cause != "" {
		fmt.Fprintf(w, "  likely cause: %s\n", f.cause)
	}
	if f.fix != "" {
		fmt.Fprintf(w, "  fix: %s\n", f.fix)
	}
}

// lines prints a line per answer of g. A failure the same as the one on
// the line before is counted, not printed, and the count follows the run
// of them: a receiver that is down gives two lines per group, not one per
// delivery.
func (rep *report) lines(w io.Writer, g group, rs []webhooktest.Result) {
	indent := ""
	if g.header != "" {
		indent = "  "
	}
	var last *failure
	same := 0
	flush := func() {
		if same > 0 {
			fmt.Fprintf(w, "%s... and %d more %s\n", indent, same, last.what)
			same = 0
		}
	}
	for _, r := range rs {
		f := rep.add(r)
		if f != nil && f == last {
			same++
			continue
		}
		flush()
		last = f
		status := "---"
		if r.Err == nil {
			status = strconv.Itoa(r.Status)
		}
		session := ""
		if g.header == "" {
			session = cmpOr(r.Delivery.SessionID, "-") + " "
		}
		line := fmt.Sprintf("%s%s %-19s %s%s (%v)", indent, status, r.Delivery.Kind, session, r.Delivery.Note, r.Took.Round(time.Microsecond))
		if f != nil {
			line += ": " + f.what
		}
		fmt.Fprintln(w, line)
	}
	flush()
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// add counts r and returns its failure, nil when r is as expected.
func (rep *report) add(r webhooktest.Result) *failure {
	rep.sent++
	if r.Err != nil {
		rep.byStatus["no answer"]++
	} else {
		rep.byStatus[strconv.Itoa(r.Status)]++
	}
	if rep.t.answered(r) {
		rep.ok++
		return nil
	}
	key, f := rep.t.explain(r)
	if old := rep.byKey[key]; old != nil {
		old.count++
		return old
	}
	f.count, f.first = 1, r.Delivery.Note
	rep.byKey[key] = &f
	rep.failures = append(rep.failures, &f)
	return &f
}

// summary is the run's last line: sent, as expected, not as expected, and
// how many of each status.
func (rep *report) summary(interrupted bool) string {
	var keys []string
	for k := range rep.byStatus {
		keys = append(keys, k)
	}
	slices.Sort(keys) // three digits sort as numbers; "no answer" after them
	var by []string
	for _, k := range keys {
		by = append(by, fmt.Sprintf("%s: %d", k, rep.byStatus[k]))
	}
	s := fmt.Sprintf("sent %d, as expected %d, not as expected %d", rep.sent, rep.ok, rep.sent-rep.ok)
	if len(by) > 0 {
		s += " (" + strings.Join(by, ", ") + ")"
	}
	if interrupted {
		s += ", interrupted"
	}
	return s
}

// answered reports whether r is the answer wanted: the -expect status when
// given, else what the delivery expects, as webhooktest.Result.OK judges
// it (any 2xx, or 401 for a wrong secret or an unknown API key).
func (t *target) answered(r webhooktest.Result) bool {
	if t.expect != 0 {
		return r.Err == nil && r.Status == t.expect
	}
	return r.OK()
}

// want says what answer r's delivery must have.
func (t *target) want(d webhooktest.Delivery) string {
	switch {
	case t.expect != 0:
		return strconv.Itoa(t.expect) + " (-expect)"
	case d.Expect == 0 || d.Expect >= 200 && d.Expect < 300:
		return "any 2xx"
	}
	return strconv.Itoa(d.Expect)
}

// explain returns r's failure, with its likely cause and fix, and a key
// that is the same for the same failure.
func (t *target) explain(r webhooktest.Result) (string, failure) {
	if r.Err != nil {
		return t.explainErr(r.Err)
	}
	d := r.Delivery
	want := t.want(d)
	f := failure{what: fmt.Sprintf("answered %d, want %s", r.Status, want)}
	key := fmt.Sprintf("%d/%s", r.Status, want)
	host, path := t.hostPath()
	switch st := r.Status; {
	case st >= 200 && st < 300 && d.Secret == webhooktest.WrongSecretValue:
		f.cause = "the receiver accepted a delivery signed with a wrong secret (-wrong-secret): it does not verify the signature"
		f.fix = "verify X-HMAC-SIGNATURE before anything else (webhook.Handler does), and answer 401 when it does not verify"
	case st >= 200 && st < 300 && d.APIKey == webhooktest.UnknownAPIKeyValue:
		f.cause = "the receiver ignores X-Auth-Client: it has one set of secrets (webhook.Config.Secrets), so it rightly accepts an API key it does not know"
		f.fix = "add -expect 200, or leave out -unknown-api-key: it tests a receiver keyed by API key (webhook.Config.SecretsByAPIKey)"
	case st == 401:
		f.cause = "the signature did not verify with the receiver's secrets: -secret is not one of them"
		f.fix = "give -secret the receiver's secret (examples/server reads it from WEBHOOK_SECRET)"
		if t.apiKey != "" {
			f.cause += ", or -api-key is not a key it knows"
			f.fix += ", and -api-key a key it has"
		} else {
			f.fix += "; a receiver keyed by API key (webhook.Config.SecretsByAPIKey) needs -api-key too"
		}
	case st == 404:
		f.cause = fmt.Sprintf("nothing is served at the path %s of %s", path, host)
		f.fix = "give -url the path the receiver is mounted at (examples/server's: /webhooks/veriff)"
	case st == 405:
		f.cause = fmt.Sprintf("the path %s of %s answers other methods, not POST", path, host)
		f.fix = "mount the receiver for POST, or correct -url's path"
	case st == 413:
		f.cause = fmt.Sprintf("the receiver, or a proxy before it, refused a body of %d bytes as too large", len(d.Body))
		f.fix = "raise its limit on a body (webhook.Config.MaxBodyBytes, 1 MiB by default; a proxy's own): every body Veriff sends must fit"
	case st == 400:
		f.cause = "the receiver verified the signature but refused the body"
		if t.drift {
			f.cause += ": with -drift, bodies carry a member, values and a kind it does not know"
		}
		f.fix = "see the receiver's log for why; it must accept members, values and kinds it does not know (schema drift)"
	case st >= 500:
		f.cause = "the receiver's own error (its store, its code, a proxy before it), not the delivery's"
		if b := bytes.TrimSpace(r.Body); len(b) > 0 {
			f.cause += fmt.Sprintf("; it answered %q", clip(b))
		}
		f.fix = "see the receiver's log; Veriff retries such a delivery about hourly for a week"
	}
	return key, f
}

// explainErr explains a delivery with no answer.
func (t *target) explainErr(err error) (string, failure) {
	host, _ := t.hostPath()
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL is the same on every line
	}
	var ne net.Error
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused", failure{what: "had no answer: connection refused",
			cause: "nothing listens at " + host,
			fix:   "start the receiver (such as: WEBHOOK_SECRET=S go run ./examples/server), or correct -url's host and port"}
	case errors.As(err, &dns):
		return "dns", failure{what: "had no answer: " + err.Error(),
			cause: "the host of -url does not resolve",
			fix:   "correct -url's host"}
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		return "timeout", failure{what: fmt.Sprintf("had no answer within %v (-timeout)", t.timeout),
			cause: "the receiver at " + host + " is stuck or slow, or nothing there answers and nothing refuses (a firewall, a wrong address)",
			fix:   "check that the receiver runs and answers at " + host + "; raise -timeout if it is slow on purpose"}
	}
	return "error " + err.Error(), failure{what: "had no answer: " + err.Error()}
}

// hostPath returns the host and path of the target's URL.
func (t *target) hostPath() (host, path string) {
	u, err := url.Parse(t.url)
	if err != nil {
		return t.url, ""
	}
	return u.Host, cmpOr(u.Path, "/")
}

// clip returns the start of b, for one line.
func clip(b []byte) string {
	const max = 200
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}
