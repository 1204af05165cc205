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
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/exp/apidiff"
)

var updateAPI = flag.Bool("update-api", false, "rewrite the API baseline in testdata/api from the current source")

// apiBaseline holds a copy of the package's source at the last release; its
// exported API is what users are promised.
const apiBaseline = "testdata/api"

// TestAPICompatibility compares the exported API with the baseline using
// golang.org/x/exp/apidiff and fails on any incompatible change.
//
// A compatible change (a new function, say) is logged. When a break is
// intended, it needs a new major version: change the module path to
// github.com/veriffkit/webhook/v2, then refresh the baseline with
//
//	go test -run TestAPICompatibility -update-api
//
// Refresh it too after a release that adds API, so that later changes are
// measured against what was published.
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
	for _, c := range report.Changes {
		if c.Compatible {
			t.Logf("compatible: %s", c.Message)
			continue
		}
		t.Errorf("incompatible: %s", c.Message)
	}
	if t.Failed() {
		t.Log("An incompatible change breaks users' builds. If it is intended, it needs a new major version " +
			"(module path github.com/veriffkit/webhook/v2); then refresh the baseline: go test -run TestAPICompatibility -update-api")
	}
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
