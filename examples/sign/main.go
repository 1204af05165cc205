// Command sign signs a payload file the way Veriff does and prints the
// headers and a curl command, to hit your own endpoint by hand.
//
//	go run ./examples/sign -secret your-shared-secret -api-key your-api-key testdata/documented-waiting-complete-7007.json
//
// The secret may also come from WEBHOOK_SECRET (the first, if several are
// comma-separated).
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/veriffkit/webhook"
)

func main() {
	secret := flag.String("secret", "", "shared secret (default: first of $WEBHOOK_SECRET)")
	apiKey := flag.String("api-key", "demo-api-key", "API key sent in X-Auth-Client")
	url := flag.String("url", "http://127.0.0.1:8080/webhooks/veriff", "endpoint for the curl command")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: sign [flags] payload.json")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *secret == "" {
		*secret, _, _ = strings.Cut(os.Getenv("WEBHOOK_SECRET"), ",")
	}
	if flag.NArg() != 1 || *secret == "" {
		flag.Usage()
		fmt.Fprintln(os.Stderr, "a payload file and a secret (-secret or WEBHOOK_SECRET) are required")
		os.Exit(2)
	}
	body, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sig := webhook.Sign(body, *secret)
	fmt.Printf("%s: %s\n%s: %s\n\n", webhook.HeaderAuthClient, *apiKey, webhook.HeaderSignature, sig)
	fmt.Printf("curl -sS -i -X POST %s \\\n  -H 'Content-Type: application/json' \\\n  -H %s \\\n  -H %s \\\n  --data-binary @%s\n",
		shellQuote(*url), shellQuote(webhook.HeaderAuthClient+": "+*apiKey), shellQuote(webhook.HeaderSignature+": "+sig), shellQuote(flag.Arg(0)))
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
