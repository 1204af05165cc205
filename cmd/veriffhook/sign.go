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
	pos, ok, exit := fs.parse(args)
	if !ok {
		return exit
	}
	if *secret == "" {
		*secret = firstEnvSecret()
	}
	if *secret == "" {
		return fs.usageError("-secret (or $WEBHOOK_SECRET) required (see -h)")
	}
	if len(pos) > 1 {
		return fs.usageError("at most one FILE (see -h)")
	}
	var body []byte
	var err error
	if len(pos) == 1 {
		body, err = os.ReadFile(pos[0])
	} else {
		body, err = io.ReadAll(c.stdin)
	}
	if err != nil {
		return fs.usageError("%v", err) // as replay: an input it cannot read
	}
	fmt.Fprintln(c.stdout, webhook.Sign(body, *secret))
	return exitOK
}
