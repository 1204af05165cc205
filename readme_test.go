package webhook

import (
	"bufio"
	"errors"
	"fmt"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// readmeImports maps the package names README snippets may use without an
// import to their import paths. A snippet that uses another package must
// be a full file with its own imports, or the name must be added here.
var readmeImports = map[string]string{
	"webhook": "github.com/veriffkit/webhook",
	"bytes":   "bytes",
	"context": "context",
	"errors":  "errors",
	"fmt":     "fmt",
	"io":      "io",
	"json":    "encoding/json",
	"log":     "log",
	"http":    "net/http",
	"os":      "os",
	"slog":    "log/slog",
	"strings": "strings",
	"time":    "time",
}

// readmeStubs declares the free identifiers README snippets assume the
// reader's program has. A snippet package gets the stubs it names and does
// not declare itself. Keep them few: a snippet should show what it needs.
var readmeStubs = map[string]string{
	"store":        "func store(ctx context.Context, d webhook.Delivery) error { return nil }",
	"secrets":      "var secrets []string",
	"liveAPIKey":   "var liveAPIKey string",
	"liveSecret":   "var liveSecret string",
	"testAPIKey":   "var testAPIKey string",
	"testSecret":   "var testSecret string",
	"deadLetter":   "func deadLetter(ctx context.Context, d webhook.Delivery, err error) {}",
	"approve":      "func approve(ctx context.Context, vendorData string) error { return nil }",
	"decline":      "func decline(ctx context.Context, vendorData, why string) error { return nil }",
	"askAgain":     "func askAgain(ctx context.Context, vendorData string, code webhook.ReasonCode) error { return nil }",
	"closeSession": "func closeSession(ctx context.Context, vendorData string) error { return nil }",
}

// readmeBlock is a fenced go block of the README.
type readmeBlock struct {
	line int    // the README line of the block's first line of code
	src  string // the code, without the fences
	// file is the file of this repository the block quotes, named in its
	// info string ("go examples/inbox/main.go"); "" for a snippet of its
	// own, which is compiled.
	file string
}

// readmeGoInfo reports whether a fence's info string (what follows the
// backticks) opens a Go block, whatever its case and attributes ("go",
// "Go", "golang", "go title=x"), and the file it names, if any: a word
// with a slash or ending in ".go" that is not an attribute.
func readmeGoInfo(info string) (isGo bool, file string) {
	fields := strings.Fields(info)
	if len(fields) == 0 {
		return false, ""
	}
	lang := strings.ToLower(fields[0])
	if lang != "go" && lang != "golang" {
		return false, ""
	}
	for _, f := range fields[1:] {
		if !strings.Contains(f, "=") && (strings.Contains(f, "/") || strings.HasSuffix(f, ".go")) {
			return true, f
		}
	}
	return true, ""
}

// readmeGoBlocks returns the fenced go blocks of a Markdown text. A fence
// may be indented (in a list); the indentation is removed from its code.
func readmeGoBlocks(text string) ([]readmeBlock, error) {
	var (
		blocks []readmeBlock
		cur    *readmeBlock
		fence  string // the backticks that opened the current block of any language
		indent string
		code   strings.Builder
	)
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
			info := strings.TrimLeft(trimmed, trimmed[:1])
			fence = trimmed[:len(trimmed)-len(info)]
			if isGo, file := readmeGoInfo(info); isGo {
				cur = &readmeBlock{line: n + 1, file: file}
				indent = line[:len(line)-len(strings.TrimLeft(line, " \t"))]
				code.Reset()
			}
		case fence != "" && strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "":
			if cur != nil {
				cur.src = code.String()
				blocks = append(blocks, *cur)
				cur = nil
			}
			fence = ""
		case cur != nil:
			code.WriteString(strings.TrimPrefix(line, indent))
			code.WriteByte('\n')
		}
	}
	if fence != "" {
		return nil, fmt.Errorf("a fenced block without a closing fence")
	}
	return blocks, sc.Err()
}

// readmeSnippet is the Go source a block compiles as.
type readmeSnippet struct {
	block   readmeBlock
	kind    string // "file", "declarations" or "statements"
	pkg     string
	src     string
	imports []string // added import paths
	stubs   []string // names of the stubs its package needs
}

// wrapReadmeBlock makes b a Go file. A block with a package clause is used
// as is; otherwise it is parsed as top-level declarations, and failing that
// as the statements of a function body, and given the imports it needs from
// readmeImports. A //line directive makes the compiler report positions in
// the README itself.
func wrapReadmeBlock(readmePath string, b readmeBlock) (readmeSnippet, error) {
	s := readmeSnippet{block: b, pkg: "snippet"}
	directive := fmt.Sprintf("//line %s:%d\n", readmePath, b.line)
	if f, err := goparser.ParseFile(token.NewFileSet(), "", b.src, goparser.PackageClauseOnly); err == nil {
		s.kind, s.pkg, s.src = "file", f.Name.Name, directive+b.src
		var err error
		s.stubs, err = readmeStubsFor(s.src)
		return s, err
	}
	var body string
	declErr := readmeParses("package snippet\n" + directive + b.src)
	if declErr == nil {
		s.kind, body = "declarations", directive+b.src
	} else {
		stmts := "func _() {\n" + directive + b.src + "}\n"
		if err := readmeParses("package snippet\n" + stmts); err != nil {
			return s, fmt.Errorf("neither declarations (%v) nor statements (%v)", declErr, err)
		}
		s.kind, body = "statements", stmts
	}
	var err error
	s.src, s.imports, err = readmeWithImports(s.pkg, body)
	if err != nil {
		return s, err
	}
	s.stubs, err = readmeStubsFor(s.src)
	return s, err
}

func readmeParses(src string) error {
	_, err := goparser.ParseFile(token.NewFileSet(), "", src, goparser.SkipObjectResolution)
	return err
}

// readmeImportNames returns the keys of readmeImports that src uses as
// names it does not declare, sorted.
func readmeImportNames(src string) ([]string, error) {
	f, err := goparser.ParseFile(token.NewFileSet(), "", src, 0)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, id := range f.Unresolved {
		if _, ok := readmeImports[id.Name]; ok && !slices.Contains(names, id.Name) {
			names = append(names, id.Name)
		}
	}
	slices.Sort(names)
	return names, nil
}

// readmeStubsFor returns the names of the stubs src uses and does not
// declare at top level, sorted. It looks at every identifier, not only the
// ones the parser leaves unresolved, which exclude the keys of composite
// literals; a stub added for a local name of the same spelling is unused
// and harmless.
func readmeStubsFor(src string) ([]string, error) {
	f, err := goparser.ParseFile(token.NewFileSet(), "", src, goparser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	declared := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				declared[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch spec := spec.(type) {
				case *ast.ValueSpec:
					for _, n := range spec.Names {
						declared[n.Name] = true
					}
				case *ast.TypeSpec:
					declared[spec.Name.Name] = true
				}
			}
		}
	}
	var stubs []string
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if _, ok := readmeStubs[id.Name]; ok && !declared[id.Name] && !slices.Contains(stubs, id.Name) {
				stubs = append(stubs, id.Name)
			}
		}
		return true
	})
	slices.Sort(stubs)
	return stubs, nil
}

// readmeWithImports returns body, a list of declarations, as a file of
// package pkg that imports the packages of readmeImports it names.
func readmeWithImports(pkg, body string) (string, []string, error) {
	names, err := readmeImportNames("package " + pkg + "\n" + body)
	if err != nil {
		return "", nil, err
	}
	var paths []string
	var file strings.Builder
	fmt.Fprintf(&file, "package %s\n\nimport (\n", pkg)
	for _, name := range names {
		paths = append(paths, readmeImports[name])
		fmt.Fprintf(&file, "\t%s %q\n", name, readmeImports[name])
	}
	file.WriteString(")\n\n")
	file.WriteString(body)
	return file.String(), paths, nil
}

// TestReadmeSnippetsCompile vets every fenced go block of README.md as a
// package of a temporary module that requires this one (replaced by this
// directory), so that a snippet that stops compiling, or declares a
// variable it does not use, fails the tests.
func TestReadmeSnippetsCompile(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("README snippets not checked: the go command is not found (%v)", err)
	}
	repo, err := os.Getwd()
	require.NoError(t, err)
	readme := filepath.Join(repo, "README.md")
	text, err := os.ReadFile(readme)
	require.NoError(t, err)
	blocks, err := readmeGoBlocks(string(text))
	require.NoError(t, err, "README.md")
	require.NotEmpty(t, blocks, "README.md has no go block: is the fence still ```go?")
	// Counted apart from the parser above: every fence whose info string
	// starts with go or golang, in any case, opens a block that is checked.
	opened := regexp.MustCompile("(?mi)^[ \t]*(```+|~~~+)[ \t]*(go|golang)\\b").FindAllIndex(text, -1)
	require.Len(t, blocks, len(opened), "README.md: a Go block is not checked")
	quoted := 0
	for _, b := range blocks {
		if b.file != "" {
			checkReadmeQuote(t, b)
			quoted++
		}
	}

	mod := t.TempDir()
	goMod, err := os.ReadFile("go.mod")
	require.NoError(t, err)
	goLine := "go 1.26.0"
	for l := range strings.Lines(string(goMod)) {
		if strings.HasPrefix(l, "go ") {
			goLine = strings.TrimSpace(l)
		}
	}
	writeFile := func(name, content string) {
		t.Helper()
		path := filepath.Join(mod, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	writeFile("go.mod", fmt.Sprintf("module readmesnippets\n\n%s\n\nrequire github.com/veriffkit/webhook v0.0.0\n\nreplace github.com/veriffkit/webhook => %s\n",
		goLine, strconv.Quote(repo)))
	// The checksums of this module's requirements, should the go command
	// want any of them.
	if sum, err := os.ReadFile("go.sum"); err == nil {
		writeFile("go.sum", string(sum))
	}

	var snippets []readmeSnippet
	for _, b := range blocks {
		if b.file != "" {
			continue // checked against the file it quotes, above
		}
		s, err := wrapReadmeBlock(readme, b)
		require.NoError(t, err, "README.md:%d: the go block does not parse", b.line)
		snippets = append(snippets, s)
		dir := fmt.Sprintf("line%d", b.line)
		writeFile(filepath.Join(dir, "snippet.go"), s.src)
		if len(s.stubs) > 0 {
			var decls strings.Builder
			for _, name := range s.stubs {
				decls.WriteString(readmeStubs[name] + "\n")
			}
			stubs, _, err := readmeWithImports(s.pkg, decls.String())
			require.NoError(t, err)
			writeFile(filepath.Join(dir, "stubs.go"), stubs)
		}
	}

	// Everything the snippets need is in this directory, the standard
	// library or the module cache already: never reach the network.
	args := []string{"vet"}
	if readmeRaceBuild() {
		args = append(args, "-race") // reuse the standard library the test build compiled
	}
	cmd := exec.CommandContext(t.Context(), goCmd, append(args, "./...")...)
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	t.Logf("README.md: %d Go blocks, %d compiled and vetted, %d held to the files they quote", len(blocks), len(snippets), quoted)
	require.Equal(t, len(blocks), len(snippets)+quoted)
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("go vet did not run: %v\n%s", err, out)
		}
		for _, s := range snippets {
			t.Logf("README.md:%d: %s in package %s; imports %v; stubs %v", s.block.line, s.kind, s.pkg, s.imports, s.stubs)
		}
		t.Fatalf("a README snippet does not compile or fails go vet:\n%s", out)
	}
}

// checkReadmeQuote holds a block that quotes a file of this repository to
// it: the file exists and holds the block's lines one after the other,
// each line of the block (without its trailing comment, which the README
// may word for its reader) the end of a line of the file. (A quote of
// examples/inbox is held line for line by that module's own test, which
// can compile it with pgx.)
func checkReadmeQuote(t *testing.T, b readmeBlock) {
	t.Helper()
	content, err := os.ReadFile(filepath.FromSlash(b.file))
	require.NoError(t, err, "README.md:%d quotes %s", b.line, b.file)
	// normalize drops a line's trailing comment and folds its spaces.
	normalize := func(l string) string {
		code, _, _ := strings.Cut(l, " // ")
		return strings.Join(strings.Fields(code), " ")
	}
	var lines []string
	for l := range strings.Lines(string(content)) {
		lines = append(lines, normalize(l))
	}
	var quote []string
	for l := range strings.Lines(b.src) {
		if code := normalize(l); code != "" {
			quote = append(quote, code)
		}
	}
	require.NotEmpty(t, quote, "README.md:%d: an empty quote of %s", b.line, b.file)
	for start := range lines {
		n := 0
		for n < len(quote) && start+n < len(lines) && strings.HasSuffix(lines[start+n], quote[n]) {
			n++
		}
		if n == len(quote) {
			return
		}
	}
	t.Fatalf("README.md:%d: the block is not in %s, line after line:\n%s", b.line, b.file, b.src)
}

// readmeRaceBuild reports whether the test binary was built with -race.
func readmeRaceBuild() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range info.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// TestReadmeGoBlocks holds the block finder to every spelling of a Go
// fence, and to the fences of other languages, whose code it leaves.
func TestReadmeGoBlocks(t *testing.T) {
	text := "a\n```go\nA\n```\n```Go\nB\n```\n```golang\nC\n```\n```go title=\"x.go\"\nD\n```\n" +
		"````go\nE\n```\n````\n~~~go\nT\n~~~\n  ```go examples/inbox/main.go\n  F\n  ```\n```sh\ngo run .\n```\n```\nG\n```\n```gopher\nH\n```\n"
	blocks, err := readmeGoBlocks(text)
	require.NoError(t, err)
	var got []string
	for _, b := range blocks {
		got = append(got, b.file+":"+b.src)
	}
	require.Equal(t, []string{":A\n", ":B\n", ":C\n", ":D\n", ":E\n```\n", ":T\n", "examples/inbox/main.go:F\n"}, got)
	_, err = readmeGoBlocks("```go\nA\n")
	require.Error(t, err, "an unclosed fence")
}
