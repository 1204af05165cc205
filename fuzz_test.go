package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedBodies returns the payloads of testdata and the catalogue cases small
// enough to be useful seeds.
func seedBodies(f *testing.F) [][]byte {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil {
		f.Fatal(err)
	}
	var seeds [][]byte
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	for _, c := range readCatalogue(f) {
		if len(c.body) <= 4096 {
			seeds = append(seeds, c.body)
		}
	}
	for _, r := range rejections {
		if len(r.body) <= 4096 {
			seeds = append(seeds, []byte(r.body))
		}
	}
	return seeds
}

// loneSurrogate matches a \u escape of a UTF-16 surrogate, which
// encoding/json accepts (as U+FFFD) and Parse rejects when unpaired.
var loneSurrogate = regexp.MustCompile(`\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}`)

// FuzzParse checks Parse against encoding/json. Where Parse's strict rules
// knowingly differ from encoding/json, this target says so:
//
//   - Parse rejects duplicate member names; encoding/json keeps the last.
//   - Parse matches member names case-sensitively; encoding/json does not,
//     so members are compared through a map, which is exact.
//   - Parse rejects invalid UTF-8 and lone surrogate escapes; json.Valid
//     accepts them and decoding replaces them with U+FFFD.
//   - Parse accepts a code given as a string holding an integer.
//   - Parse limits nesting to MaxDepth; encoding/json to 10000.
//   - Parse reads only an object; a valid JSON value of another type is
//     ErrWrongType, not ErrSyntax.
//
// Nothing else may differ. The target also checks that Parse's fast path,
// where it takes a body, reads it as the full parser does.
func FuzzParse(f *testing.F) {
	for _, s := range seedBodies(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkQuick(t, body) // Parse's fast path agrees with the full parser
		e, err := Parse(body)
		if err != nil {
			var pe *PayloadError
			if !errors.As(err, &pe) || !errors.Is(err, ErrInvalidPayload) {
				t.Fatalf("error %v is not a *PayloadError matching ErrInvalidPayload", err)
			}
			if pe.Offset < 0 || pe.Offset > len(body) {
				t.Fatalf("offset %d outside the body of %d bytes", pe.Offset, len(body))
			}
			if json.Valid(body) && errors.Is(err, ErrSyntax) && utf8.Valid(body) && !loneSurrogate.Match(body) {
				t.Fatalf("encoding/json accepts what Parse calls malformed: %v", err)
			}
			return
		}
		if !json.Valid(body) {
			t.Fatalf("Parse accepted what encoding/json rejects: %q", body)
		}

		// Every member Parse reads has the value encoding/json reads.
		var members map[string]json.RawMessage
		if err := json.Unmarshal(body, &members); err != nil {
			t.Fatalf("encoding/json cannot decode an accepted body: %v", err)
		}
		str := func(raw json.RawMessage) string {
			if raw == nil {
				return "" // absent
			}
			var s *string
			if err := json.Unmarshal(raw, &s); err != nil {
				t.Fatalf("encoding/json: %v", err)
			}
			if s == nil {
				return ""
			}
			return *s
		}
		for name, got := range map[string]string{
			"id": e.ID, "attemptId": e.AttemptID, "addressId": e.AddressID, "feature": string(e.Feature), "action": string(e.Action),
			"vendorData": e.VendorData, "endUserId": e.EndUserID,
		} {
			if want := str(members[name]); want != got {
				t.Fatalf("%s: Parse read %q, encoding/json %q", name, got, want)
			}
		}
		code := string(members["code"])
		if strings.HasPrefix(code, `"`) {
			code = str(members["code"])
		}
		if n, err := strconv.ParseInt(code, 10, 64); err != nil || Code(n) != e.Code {
			t.Fatalf("code: Parse read %d, encoding/json %s", e.Code, code)
		}
		var ctx map[string]json.RawMessage
		if raw, ok := members["context"]; ok {
			if err := json.Unmarshal(raw, &ctx); err != nil {
				t.Fatalf("encoding/json: context: %v", err)
			}
		}
		if want := str(ctx["reason"]); want != string(e.Context.Reason) {
			t.Fatalf("context.reason: Parse read %q, encoding/json %q", e.Context.Reason, want)
		}
		if want := str(ctx["state"]); want != string(e.Context.State) {
			t.Fatalf("context.state: Parse read %q, encoding/json %q", e.Context.State, want)
		}

		// The event survives a round trip in Veriff's shape.
		out, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseOptions{DisallowUnknownMembers: true}.Parse(out)
		if err != nil || again != e {
			t.Fatalf("round trip: %v\n%+v\n%+v", err, e, again)
		}
	})
}

// FuzzVerify checks that Verify never panics, accepts what Sign makes, and
// rejects any change to the body or the signature.
func FuzzVerify(f *testing.F) {
	f.Add([]byte(compact7007), "31f1c602ee037b758e1dc7c4d13d7715764946bf34900d6de1c70910ca5d84f4", "demo-secret", uint(0))
	f.Add([]byte{}, "", "", uint(1))
	f.Add([]byte("x"), strings.Repeat("G", 64), strings.Repeat("k", 100), uint(63))
	f.Fuzz(func(t *testing.T, body []byte, sig, secret string, at uint) {
		err := Verify(body, sig, secret)
		if secret == "" {
			if !errors.Is(err, ErrNoSecret) {
				t.Fatalf("empty secret: %v", err)
			}
			return
		}
		good := Sign(body, secret)
		if err == nil && !strings.EqualFold(sig, good) {
			t.Fatalf("accepted a signature that is not the HMAC")
		}
		if strings.EqualFold(sig, good) != (err == nil) {
			t.Fatalf("rejected the right signature: %v", err)
		}
		v, err := NewVerifier(secret)
		if err != nil {
			t.Fatal(err)
		}
		if err := v.Verify(body, good); err != nil {
			t.Fatalf("Verifier rejected Sign's signature: %v", err)
		}
		if err := Verify(body, good, secret); err != nil {
			t.Fatalf("Verify rejected Sign's signature: %v", err)
		}
		// Any change to the body fails.
		changed := append([]byte(nil), body...)
		if len(changed) == 0 {
			changed = append(changed, 0)
		} else {
			changed[int(at)%len(changed)] ^= 1 << (at % 8)
		}
		if err := v.Verify(changed, good); !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("changed body: %v", err)
		}
		// Any change to a digit of the signature fails.
		i := int(at) % len(good)
		d := good[i] + 1
		if d == '9'+1 {
			d = 'a'
		} else if d == 'f'+1 {
			d = '0'
		}
		bad := good[:i] + string(d) + good[i+1:]
		if err := Verify(body, bad, secret); !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("changed signature: %v", err)
		}
		if err := v.Verify(body, bad); !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("changed signature: %v", err)
		}
	})
}

// FuzzHandler checks that any method, headers and body give one of the
// documented statuses, without panicking, and that the function is called
// exactly for the statuses that say so.
func FuzzHandler(f *testing.F) {
	for _, s := range seedBodies(f)[:8] {
		f.Add("POST", "X-Auth-Client: live\nX-Hmac-Signature: sign", s)
	}
	f.Add("GET", "", []byte(compact7007))
	f.Add("POST", "Vrf-Auth-Client: test\nVrf-Hmac-Signature: sign", []byte(compact7007))
	f.Add("POST", "X-Auth-Client: nobody\nX-Hmac-Signature: 00", []byte("{}"))
	f.Add("POST", "X-Auth-Client: live\nX-Hmac-Signature: sign\nContent-Length: 9999", []byte(compact7007))
	f.Fuzz(func(t *testing.T, method, headers string, body []byte) {
		if !validMethod(method) {
			return // net/http would refuse the request line before any handler
		}
		called := false
		h, err := NewHandler(Config{
			SecretsByAPIKey: map[string][]string{"live": {"live-secret"}, "test": {"test-secret", "old"}},
			MaxBodyBytes:    1024,
		}, func(context.Context, Delivery) error {
			called = true
			if len(body)%7 == 0 {
				return errors.New("handler failure")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest(http.MethodPost, "/webhooks/veriff", bytes.NewReader(body))
		r.Method = method
		for line := range strings.SplitSeq(headers, "\n") {
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if v == "sign" { // a placeholder for the right signature
				key := r.Header.Get(HeaderAuthClient) + r.Header.Get(HeaderAuthClientFallback)
				v = Sign(body, key+"-secret")
			}
			if strings.EqualFold(k, "Content-Length") {
				if n, err := strconv.ParseInt(v, 10, 64); err == nil {
					r.ContentLength = n
				}
				continue
			}
			r.Header.Add(k, v)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case 200, 500:
			if !called {
				t.Fatalf("status %d without calling the function", w.Code)
			}
		case 400, 401, 405, 413:
			if called {
				t.Fatalf("status %d after calling the function", w.Code)
			}
		default:
			t.Fatalf("undocumented status %d", w.Code)
		}
	})
}

// validMethod reports whether m is a token, as net/http requires of a
// request method.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for i := 0; i < len(m); i++ {
		c := m[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?={}`, c) >= 0 {
			return false
		}
	}
	return true
}
