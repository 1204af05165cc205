package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/veriffkit/webhook"
)

func runSign(_ context.Context, c *cli, args []string) int {
	fs := c.flags("sign", "Prints only the signature Veriff would send for the bytes of FILE (or of stdin):\n"+
		"the lowercase hex HMAC-SHA256 keyed with the secret, for X-HMAC-SIGNATURE.")
	secret := fs.String("secret", "", "the shared secret (default: the first of $WEBHOOK_SECRET, comma-separated)")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if *secret == "" {
		*secret = firstEnvSecret()
	}
	if *secret == "" {
		fmt.Fprintln(c.stderr, "veriffhook sign: -secret (or $WEBHOOK_SECRET) required (see -h)")
		return exitUsage
	}
	if fs.NArg() > 1 {
		fmt.Fprintln(c.stderr, "veriffhook sign: at most one FILE (see -h)")
		return exitUsage
	}
	var body []byte
	var err error
	if fs.NArg() == 1 {
		body, err = os.ReadFile(fs.Arg(0))
	} else {
		body, err = io.ReadAll(c.stdin)
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "veriffhook sign: %v\n", err)
		return exitAnswers
	}
	fmt.Fprintln(c.stdout, webhook.Sign(body, *secret))
	return exitOK
}
