// Command vulngate is CI's glue around govulncheck, run as
// "go run ./.ci/vulngate <cmd>". The directory starts with a dot, so
// ./... patterns do not include it.
//
//	index <osv-dir> <out-dir>  writes a govulncheck database (v1 layout) from
//	                           OSV files, so that CI can use the Go
//	                           vulnerability database served as the module
//	                           golang.org/x/vulndb by the module proxy
//	gate                       reads govulncheck -format json on stdin; fails
//	                           on any called vulnerability outside the
//	                           standard library, and reports those in the
//	                           standard library, which belong to the Go
//	                           toolchain CI runs on, not to this module
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: vulngate index <osv-dir> <out-dir> | vulngate gate")
	}
	switch os.Args[1] {
	case "index":
		if len(os.Args) != 4 {
			fail("usage: vulngate index <osv-dir> <out-dir>")
		}
		index(os.Args[2], os.Args[3])
	case "gate":
		gate(os.Stdin)
	default:
		fail("unknown command " + os.Args[1])
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "vulngate:", msg)
	os.Exit(2)
}

type osv struct {
	ID       string   `json:"id"`
	Modified string   `json:"modified"`
	Aliases  []string `json:"aliases"`
	Affected []struct {
		Package struct {
			Name string `json:"name"`
		} `json:"package"`
	} `json:"affected"`
}

func index(src, out string) {
	files, err := filepath.Glob(filepath.Join(src, "*.json"))
	if err != nil || len(files) == 0 {
		fail("no OSV files in " + src)
	}
	must(os.MkdirAll(filepath.Join(out, "ID"), 0o755))
	must(os.MkdirAll(filepath.Join(out, "index"), 0o755))
	type vulnRef struct {
		ID       string `json:"id"`
		Modified string `json:"modified"`
	}
	type vulnEntry struct {
		ID       string   `json:"id"`
		Modified string   `json:"modified"`
		Aliases  []string `json:"aliases,omitempty"`
	}
	modules := map[string][]vulnRef{}
	var vulns []vulnEntry
	latest := ""
	for _, f := range files {
		raw, err := os.ReadFile(f)
		must(err)
		var v osv
		must(json.Unmarshal(raw, &v))
		must(os.WriteFile(filepath.Join(out, "ID", v.ID+".json"), raw, 0o644))
		vulns = append(vulns, vulnEntry{v.ID, v.Modified, v.Aliases})
		if v.Modified > latest {
			latest = v.Modified
		}
		seen := map[string]bool{}
		for _, a := range v.Affected {
			// No "fixed" hint: govulncheck then reads every entry of a
			// module and checks the version ranges itself.
			if name := a.Package.Name; !seen[name] {
				seen[name] = true
				modules[name] = append(modules[name], vulnRef{v.ID, v.Modified})
			}
		}
	}
	type moduleEntry struct {
		Path  string    `json:"path"`
		Vulns []vulnRef `json:"vulns"`
	}
	var mods []moduleEntry
	for path, refs := range modules {
		mods = append(mods, moduleEntry{path, refs})
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].Path < mods[j].Path })
	write(filepath.Join(out, "index", "modules.json"), mods)
	write(filepath.Join(out, "index", "vulns.json"), vulns)
	write(filepath.Join(out, "index", "db.json"), map[string]string{"modified": latest})
	fmt.Printf("vulngate: indexed %d vulnerabilities of %d modules, last modified %s\n", len(vulns), len(mods), latest)
}

func write(name string, v any) {
	b, err := json.Marshal(v)
	must(err)
	must(os.WriteFile(name, b, 0o644))
}

func must(err error) {
	if err != nil {
		fail(err.Error())
	}
}

// gate reads govulncheck's JSON stream.
func gate(r io.Reader) {
	type frame struct {
		Module   string `json:"module"`
		Version  string `json:"version"`
		Package  string `json:"package"`
		Function string `json:"function"`
	}
	type message struct {
		Finding *struct {
			OSV          string  `json:"osv"`
			FixedVersion string  `json:"fixed_version"`
			Trace        []frame `json:"trace"`
		} `json:"finding"`
	}
	dec := json.NewDecoder(r)
	called := map[string]string{} // osv id -> where
	stdlib := map[string]string{}
	for {
		var m message
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			fail("reading govulncheck output: " + err.Error())
		}
		f := m.Finding
		if f == nil || len(f.Trace) == 0 || f.Trace[0].Function == "" {
			continue // not reached from this module's code
		}
		where := fmt.Sprintf("%s@%s (%s.%s), fixed in %s", f.Trace[0].Module, f.Trace[0].Version, f.Trace[0].Package, f.Trace[0].Function, f.FixedVersion)
		if f.Trace[0].Module == "stdlib" || f.Trace[0].Module == "toolchain" {
			stdlib[f.OSV] = where
		} else {
			called[f.OSV] = where
		}
	}
	for _, id := range sortedKeys(stdlib) {
		fmt.Printf("vulngate: warning: %s in the Go standard library of this toolchain: %s\n", id, stdlib[id])
	}
	if len(stdlib) > 0 {
		fmt.Println("vulngate: build and deploy with a Go release that fixes them; this module cannot")
	}
	for _, id := range sortedKeys(called) {
		fmt.Printf("vulngate: FAIL: %s reached from this module: %s\n", id, called[id])
	}
	if len(called) > 0 {
		os.Exit(1)
	}
	fmt.Println("vulngate: no vulnerability reached in a dependency of this module")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
