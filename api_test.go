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

var updateAPI = flag.Bool("update-api", false, "rewrite the API baseline in testdata/api from the current source")

// apiBaseline holds a copy of the package's source at the API snapshot:
// there has been no release yet, and the snapshot is what the changes in
// CHANGELOG.md are counted from.
const apiBaseline = "testdata/api"

// changelog records every change to the exported API since the snapshot.
const changelog = "CHANGELOG.md"

// TestAPICompatibility compares the exported API with the snapshot using
// golang.org/x/exp/apidiff, and fails on any change, compatible or not,
// that the Unreleased section of CHANGELOG.md does not name: a change to
// the API is made on purpose and said, never by accident.
//
// An entry names an identifier in backquotes (`Payload.Anomalies()`,
// `Config.OnUnknown`); it covers that identifier and its members
// (`Findings` covers Findings.Anomalies), and one ending in * covers every
// identifier it starts (`DocumentType*`). Before 1.0 a break is allowed
// when it is recorded; after it, a break needs a new major version (module
// path github.com/veriffkit/webhook/v2). At a release, move Unreleased to
// the version and refresh the snapshot with
//
//	go test -run TestAPICompatibility -update-api
func TestAPICompatibility(t *testing.T) {
	current, err := filepath.Glob("*.go")
	require.NoError(t, err)
	current = sourceFiles(current)
	if *updateAPI {
		require.NoError(t, os.RemoveAll(apiBaseline))
		require.NoError(t, os.MkdirAll(apiBaseline, 0o755))
		for _, f := range current {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(apiBaseline, f+".txt"), b, 0o644))
		}
	}
	baseline, err := filepath.Glob(filepath.Join(apiBaseline, "*.go.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, baseline, "no API baseline: run go test -run TestAPICompatibility -update-api")

	oldPkg := typeCheck(t, baseline)
	newPkg := typeCheck(t, current)
	report := apidiff.Changes(oldPkg, newPkg)
	entries := unreleased(t)
	for _, c := range report.Changes {
		id, _, _ := strings.Cut(c.Message, ": ")
		if recorded(entries, id) {
			t.Logf("recorded in %s: %s", changelog, c.Message)
			continue
		}
		if c.Compatible {
			t.Errorf("not in %s: %s", changelog, c.Message)
			continue
		}
		t.Errorf("incompatible, and not in %s: %s", changelog, c.Message)
	}
	if t.Failed() {
		t.Logf("Say each change under Unreleased in %s, naming the identifier in backquotes. "+
			"An incompatible change breaks users' builds: before 1.0, say what they do about it.", changelog)
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
// apidiff's message ("Payload.Anomalies", "(*Verifier).VerifyReader").
func recorded(entries []string, id string) bool {
	id = strings.NewReplacer("(*", "", ")", "").Replace(id)
	for _, e := range entries {
		e = strings.NewReplacer("(*", "", ")", "").Replace(e)
		if prefix, ok := strings.CutSuffix(e, "*"); ok && strings.HasPrefix(id, prefix) ||
			id == e || strings.HasPrefix(id, e+".") {
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

func typeCheck(t *testing.T, files []string) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		file, err := goparser.ParseFile(fset, strings.TrimSuffix(f, ".txt"), src, 0)
		require.NoError(t, err)
		parsed = append(parsed, file)
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("github.com/veriffkit/webhook", fset, parsed, nil)
	require.NoError(t, err)
	return pkg
}
