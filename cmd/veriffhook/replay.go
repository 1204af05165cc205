package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/veriffkit/webhook"
	"github.com/veriffkit/webhook/webhooktest"
)

func runReplay(ctx context.Context, c *cli, args []string) int {
	fs := c.flags("replay", "Re-signs stored bodies and sends them byte for byte, in the order given: a\n"+
		"dead-letter export, a captured delivery, every .json file of a directory (not its\n"+
		"subdirectories, in name order; a directory with none is a usage error). Prints one\n"+
		"line per file: status answered, kind, session, the file, time taken; then the\n"+
		"summary. A file that does not parse is sent all the same, of kind \"invalid\".")
	var t target
	t.register(fs, "any 2xx")
	pos, ok, exit := fs.parse(args)
	if !ok {
		return exit
	}
	if len(pos) == 0 {
		return fs.usageError("give at least one FILE or DIR (see -h)")
	}
	if !t.check(fs) {
		return exitUsage
	}
	var files []string
	for _, a := range pos {
		info, err := os.Stat(a)
		if err != nil {
			return fs.usageError("%v", err)
		}
		if !info.IsDir() {
			files = append(files, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return fs.usageError("%v", err)
		}
		var found []string
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
				found = append(found, filepath.Join(a, e.Name()))
			}
		}
		if len(found) == 0 {
			return fs.usageError("directory %s has no .json file", a)
		}
		slices.Sort(found)
		files = append(files, found...)
	}
	var ds []webhooktest.Delivery
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			return fs.usageError("%v", err)
		}
		ds = append(ds, describe(body, f))
	}
	return t.send(ctx, c, t.sender(), []group{{ds: ds}})
}

// describe returns the delivery of body as it is, with the kind and
// session ParseAny finds for the output line ("invalid" when it does not
// parse: it is sent all the same).
func describe(body []byte, file string) webhooktest.Delivery {
	d := webhooktest.Delivery{Body: body, Kind: "invalid", Note: file}
	p, err := webhook.ParseAny(body)
	if err != nil {
		return d
	}
	d.Kind = p.Kind()
	d.SessionID = p.Session().ID
	return d
}
