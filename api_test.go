package webhook

import (
	"flag"
	"go/ast"
	"go/importer"
	goparser "go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/exp/apidiff"
)

var updateAPI = flag.Bool("update-api", false, "rewrite the API snapshots in testdata/api from the current source")

// apiBaseline holds a copy of the package's source at the API snapshot:
// there has been no release yet, and the snapshot is what the changes in
// CHANGELOG.md are counted from.
const apiBaseline = "testdata/api"

// changelog records every change to the exported API since the snapshot.
const changelog = "CHANGELOG.md"

// apiPackages are the packages whose exported API is held to its snapshot:
// the root package, and the API client, its fake and reconcile,
// snapshotted when they were added. A change in another package than the root is named in the
// changelog with its package: `veriffapi.Client.Decision`.
var apiPackages = []struct {
	dir, path, snapshot, qualifier string
}{
	{".", "github.com/veriffkit/webhook", apiBaseline, ""},
	{"veriffapi", "github.com/veriffkit/webhook/veriffapi", apiBaseline + "/veriffapi", "veriffapi."},
	{"veriffapi/veriffapitest", "github.com/veriffkit/webhook/veriffapi/veriffapitest", apiBaseline + "/veriffapitest", "veriffapitest."},
	{"reconcile", "github.com/veriffkit/webhook/reconcile", apiBaseline + "/reconcile", "reconcile."},
}

// TestAPICompatibility compares the exported API of each package of
// apiPackages with its snapshot using golang.org/x/exp/apidiff, and fails
// on any change, compatible or not, that the Unreleased section of
// CHANGELOG.md does not name: a change to the API is made on purpose and
// said, never by accident.
//
// An entry names an identifier in backquotes (`Payload.Anomalies()`,
// `Config.OnUnknown`, `veriffapi.WithRetry`); it covers that identifier,
// and the members of a new one (`Findings` covers Findings.Anomalies); one
// ending in * covers every identifier it starts (`DocumentType*`). Before 1.0 a
// break is allowed when it is recorded; after it, a break needs a new
// major version (module path github.com/veriffkit/webhook/v2). At a
// release, move Unreleased to the version and refresh the snapshots with
//
//	go test -run TestAPICompatibility -update-api
func TestAPICompatibility(t *testing.T) {
	entries := unreleased(t)
	for _, pkg := range apiPackages {
		t.Run(pkg.path, func(t *testing.T) {
			current, err := filepath.Glob(filepath.Join(pkg.dir, "*.go"))
			require.NoError(t, err)
			current = sourceFiles(current)
			require.NotEmpty(t, current)
			if *updateAPI {
				old, err := filepath.Glob(filepath.Join(pkg.snapshot, "*.go.txt"))
				require.NoError(t, err)
				for _, f := range old {
					require.NoError(t, os.Remove(f))
				}
				require.NoError(t, os.MkdirAll(pkg.snapshot, 0o755))
				for _, f := range current {
					b, err := os.ReadFile(f)
					require.NoError(t, err)
					require.NoError(t, os.WriteFile(filepath.Join(pkg.snapshot, filepath.Base(f)+".txt"), b, 0o644))
				}
			}
			baseline, err := filepath.Glob(filepath.Join(pkg.snapshot, "*.go.txt"))
			require.NoError(t, err)
			require.NotEmpty(t, baseline, "no API snapshot: run go test -run TestAPICompatibility -update-api")

			oldPkg := typeCheck(t, pkg.path, baseline)
			newPkg := typeCheck(t, pkg.path, current)
			report := apidiff.Changes(oldPkg, newPkg)
			added := map[string]bool{} // new identifiers, whose entries cover their members
			for _, c := range report.Changes {
				if id, what, _ := strings.Cut(c.Message, ": "); what == "added" {
					added[strings.NewReplacer("(*", "", ")", "").Replace(pkg.qualifier+id)] = true
				}
			}
			for _, c := range report.Changes {
				id, _, _ := strings.Cut(c.Message, ": ")
				id = pkg.qualifier + id
				if recorded(entries, added, id) {
					t.Logf("recorded in %s: %s", changelog, c.Message)
					continue
				}
				if c.Compatible {
					t.Errorf("not in %s: %s%s", changelog, pkg.qualifier, c.Message)
					continue
				}
				t.Errorf("incompatible, and not in %s: %s%s", changelog, pkg.qualifier, c.Message)
			}
			if t.Failed() {
				t.Logf("Say each change under Unreleased in %s, naming the identifier in backquotes. "+
					"An incompatible change breaks users' builds: before 1.0, say what they do about it.", changelog)
			}
		})
	}
}

// unreleased returns the identifiers that the Unreleased section of the
// changelog names in backquotes, each without what follows the identifier
// ("Payload.Anomalies() []string" names Payload.Anomalies).
func unreleased(t *testing.T) []string {
	b, err := os.ReadFile(changelog)
	require.NoError(t, err)
	_, section, ok := strings.Cut(string(b), "\n## [Unreleased]\n")
	require.True(t, ok, "%s has no ## [Unreleased] section", changelog)
	section, _, _ = strings.Cut(section, "\n## ")
	var ids []string
	for _, m := range backquoted.FindAllStringSubmatch(section, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// backquoted matches an identifier, or a prefix ending in *, at the start
// of a span in backquotes.
var backquoted = regexp.MustCompile("`\\(?\\*?([A-Z][A-Za-z0-9_]*(?:\\)?\\.[A-Za-z0-9_]+)*\\*?)")

// recorded reports whether an entry names id, a change's subject in
// apidiff's message ("Payload.Anomalies", "(*Verifier).VerifyReader"): the
// identifier itself, a prefix of it ending in *, or a new identifier (in
// added) of which id is a member. An entry naming a type that existed does
// not cover a change to its members: each is said.
func recorded(entries []string, added map[string]bool, id string) bool {
	id = strings.NewReplacer("(*", "", ")", "").Replace(id)
	for _, e := range entries {
		e = strings.NewReplacer("(*", "", ")", "").Replace(e)
		if prefix, ok := strings.CutSuffix(e, "*"); ok && strings.HasPrefix(id, prefix) ||
			id == e || added[e] && strings.HasPrefix(id, e+".") {
			return true
		}
	}
	return false
}

// sourceFiles keeps the package's non-test Go files.
func sourceFiles(files []string) []string {
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			out = append(out, f)
		}
	}
	return out
}

// typeCheck type-checks files as the package path. The standard library
// comes from its export data; the module's own packages from source.
func typeCheck(t *testing.T, path string, files []string) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	imp := &moduleImporter{fset: fset, std: importer.Default(), pkgs: map[string]*types.Package{}}
	pkg, err := imp.check(path, files)
	require.NoError(t, err)
	return pkg
}

// moduleImporter imports the module's packages from their source and every
// other from the standard importer.
type moduleImporter struct {
	fset *token.FileSet
	std  types.Importer
	pkgs map[string]*types.Package
}

const modulePath = "github.com/veriffkit/webhook"

func (m *moduleImporter) Import(path string) (*types.Package, error) {
	rel, ok := strings.CutPrefix(path, modulePath)
	if !ok {
		return m.std.Import(path)
	}
	if p := m.pkgs[path]; p != nil {
		return p, nil
	}
	files, err := filepath.Glob(filepath.Join("."+rel, "*.go"))
	if err != nil {
		return nil, err
	}
	p, err := m.check(path, sourceFiles(files))
	m.pkgs[path] = p
	return p, err
}

func (m *moduleImporter) check(path string, files []string) (*types.Package, error) {
	var parsed []*ast.File
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		file, err := goparser.ParseFile(m.fset, strings.TrimSuffix(f, ".txt"), src, 0)
		if err != nil {
			return nil, err
		}
		parsed = append(parsed, file)
	}
	conf := types.Config{Importer: m}
	return conf.Check(path, m.fset, parsed, nil)
}
