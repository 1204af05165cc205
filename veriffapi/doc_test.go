package veriffapi

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// endpointTable renders the endpoint table as docs/api.md shows it.
func endpointTable() string {
	var b strings.Builder
	b.WriteString("| method | path | request signed over | answer's signature listed on | retried | why |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for o := range numOps {
		ep := &endpoints[o]
		signed := "the body sent"
		if ep.sign == signPathID {
			signed = "the id in the path"
		}
		listed := "Veriff's FAQ only"
		if ep.signedOnPage {
			listed = "its page"
		}
		retried := "no"
		if ep.retry {
			retried = "yes"
		}
		path := "/v1" + ep.path
		if ep.query != "" {
			path += "?" + ep.query
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s | %s |\n", ep.method, path, signed, listed, retried, ep.why)
	}
	return b.String()
}

// TestDocsEndpointTable holds docs/api.md's table to the endpoint table,
// row for row: the docs derive from the table the code follows.
func TestDocsEndpointTable(t *testing.T) {
	b, err := os.ReadFile("../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := endpointTable(); !strings.Contains(string(b), want) {
		t.Errorf("docs/api.md does not hold the endpoint table as endpoint.go has it; paste:\n%s", want)
	}
}
