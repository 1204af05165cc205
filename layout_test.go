package webhook

import (
	"go/ast"
	"go/importer"
	goparser "go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLayout holds the package's dependencies to one direction: the reader
// names no kind and no detection, detection names no kind's file, and a
// kind's file uses the reader and the shared files, never another kind's
// file. It resolves every identifier of the production files with
// go/types and checks the file that declares it.
func TestLayout(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	files = sourceFiles(files)
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, f := range files {
		file, err := goparser.ParseFile(fset, f, nil, 0)
		require.NoError(t, err)
		parsed = append(parsed, file)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	_, err = (&types.Config{Importer: importer.Default()}).Check("github.com/veriffkit/webhook", fset, parsed, info)
	require.NoError(t, err)

	reader := []string{"reader.go", "values.go", "scan.go", "rfc3339.go", "path.go", "errors.go", "nullable.go"}
	shared := append(slices.Clone(reader), "envelope.go", "kind.go", "status.go", "action.go", "state.go", "reasoncode.go")
	kinds := [][]string{{"event.go", "eventfast.go"}, {"decision.go"}, {"watchlist.go"}, {"fullauto.go"}, {"userstatus.go"},
		{"ine.go"}, {"curp.go"}, {"inecurp.go"}}
	allowed := map[string][]string{} // file: the files whose identifiers it may use
	for _, f := range reader {
		allowed[f] = reader
	}
	allowed["detect.go"] = append(slices.Clone(reader), "kind.go")
	// The json.Unmarshaler of a kind calls its entry point.
	entry := map[string]string{"event.go": "Parse", "decision.go": "ParseDecision"}
	for _, k := range kinds {
		for _, f := range k {
			allowed[f] = append(slices.Clone(shared), k...)
		}
	}
	for ident, obj := range info.Uses {
		if obj.Pkg() == nil || obj.Pkg().Path() != "github.com/veriffkit/webhook" || !obj.Pos().IsValid() {
			continue
		}
		if _, ok := obj.(*types.Var); ok && obj.Parent() != obj.Pkg().Scope() {
			continue // a local variable, a parameter or a field
		}
		user := fset.Position(ident.Pos()).Filename
		decl := fset.Position(obj.Pos()).Filename
		if entry[user] == obj.Name() {
			continue
		}
		if ok, checked := allowed[user]; checked && user != decl && !slices.Contains(ok, decl) {
			t.Errorf("%s uses %s, declared in %s", fset.Position(ident.Pos()), obj.Name(), decl)
		}
	}
}
