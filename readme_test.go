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
	"reflect"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeImports maps the package names README snippets may use without an
// import to their import paths. A snippet that uses another package must
// be a full file with its own imports, or the name must be added here.
var readmeImports = map[string]string{
	"webhook":       "github.com/veriffkit/webhook",
	"bytes":         "bytes",
	"context":       "context",
	"errors":        "errors",
	"fmt":           "fmt",
	"io":            "io",
	"json":          "encoding/json",
	"log":           "log",
	"http":          "net/http",
	"os":            "os",
	"slog":          "log/slog",
	"strings":       "strings",
	"time":          "time",
	"filepath":      "path/filepath",
	"httptest":      "net/http/httptest",
	"reflect":       "reflect",
	"testing":       "testing",
	"veriffapi":     "github.com/veriffkit/webhook/veriffapi",
	"veriffapitest": "github.com/veriffkit/webhook/veriffapi/veriffapitest",
	"webhooktest":   "github.com/veriffkit/webhook/webhooktest",
}

// readmeStubs declares the free identifiers README snippets assume the
// reader's program has. A snippet package gets the stubs it names and does
// not declare itself. Keep them few: a snippet should show what it needs.
var readmeStubs = map[string]string{
	"store":         "func store(ctx context.Context, d webhook.Delivery) error { return nil }",
	"secrets":       "var secrets []string",
	"liveAPIKey":    "var liveAPIKey string",
	"liveSecret":    "var liveSecret string",
	"testAPIKey":    "var testAPIKey string",
	"testSecret":    "var testSecret string",
	"deadLetter":    "func deadLetter(ctx context.Context, d webhook.Delivery, err error) {}",
	"approve":       "func approve(ctx context.Context, vendorData string) error { return nil }",
	"decline":       "func decline(ctx context.Context, vendorData, why string) error { return nil }",
	"askAgain":      "func askAgain(ctx context.Context, vendorData string, code webhook.ReasonCode) error { return nil }",
	"closeSession":  "func closeSession(ctx context.Context, vendorData string) error { return nil }",
	"saveSessionID": "func saveSessionID(ctx context.Context, orderID, sessionID string) error { return nil }",
	"newReceiver": "type receiver struct{ http.Handler }\n" +
		"func (*receiver) State(sessionID string) webhook.SessionState { return webhook.SessionState{} }\n" +
		"func newReceiver(secrets []string) (*receiver, error) { return nil, nil }",
}

// readmeBlock is a fenced go block of the README or of a docs file.
type readmeBlock struct {
	doc  string // the Markdown file, from the repository's root ("docs/kinds.md")
	line int    // the line of doc of the block's first line of code
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

// readmeDocs returns the Markdown files whose Go blocks are checked, as
// slash-separated paths from the repository's root: README.md, then every
// docs/*.md, sorted.
func readmeDocs(t *testing.T) []string {
	t.Helper()
	docs, err := filepath.Glob(filepath.Join("docs", "*.md"))
	require.NoError(t, err)
	require.NotEmpty(t, docs, "no docs/*.md: the README links its topics there")
	slices.Sort(docs)
	paths := []string{"README.md"}
	for _, d := range docs {
		paths = append(paths, filepath.ToSlash(d))
	}
	return paths
}

// TestReadmeSnippetsCompile vets every fenced go block of README.md and of
// docs/*.md as a package of a temporary module that requires this one
// (replaced by this directory), so that a snippet that stops compiling, or
// declares a variable it does not use, fails the tests.
func TestReadmeSnippetsCompile(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("README snippets not checked: the go command is not found (%v)", err)
	}
	repo, err := os.Getwd()
	require.NoError(t, err)
	var blocks []readmeBlock
	for _, doc := range readmeDocs(t) {
		text, err := os.ReadFile(filepath.FromSlash(doc))
		require.NoError(t, err)
		found, err := readmeGoBlocks(string(text))
		require.NoError(t, err, doc)
		if doc == "README.md" {
			require.NotEmpty(t, found, "README.md has no go block: is the fence still ```go?")
		}
		// Counted apart from the parser above: every fence whose info string
		// starts with go or golang, in any case, opens a block that is checked.
		opened := regexp.MustCompile("(?mi)^[ \t]*(```+|~~~+)[ \t]*(go|golang)\\b").FindAllIndex(text, -1)
		require.Len(t, found, len(opened), "%s: a Go block is not checked", doc)
		for i := range found {
			found[i].doc = doc
		}
		blocks = append(blocks, found...)
	}
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
		s, err := wrapReadmeBlock(filepath.Join(repo, filepath.FromSlash(b.doc)), b)
		require.NoError(t, err, "%s:%d: the go block does not parse", b.doc, b.line)
		snippets = append(snippets, s)
		// One package a block, named after its file and line.
		dir := strings.NewReplacer("/", "_", ".", "_").Replace(b.doc) + fmt.Sprintf("/line%d", b.line)
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
	t.Logf("README.md and docs: %d Go blocks, %d compiled and vetted, %d held to the files they quote", len(blocks), len(snippets), quoted)
	require.Equal(t, len(blocks), len(snippets)+quoted)
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("go vet did not run: %v\n%s", err, out)
		}
		for _, s := range snippets {
			t.Logf("%s:%d: %s in package %s; imports %v; stubs %v", s.block.doc, s.block.line, s.kind, s.pkg, s.imports, s.stubs)
		}
		t.Fatalf("a snippet of the README or docs does not compile or fails go vet:\n%s", out)
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
	require.NoError(t, err, "%s:%d quotes %s", b.doc, b.line, b.file)
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
	require.NotEmpty(t, quote, "%s:%d: an empty quote of %s", b.doc, b.line, b.file)
	for start := range lines {
		n := 0
		for n < len(quote) && start+n < len(lines) && strings.HasSuffix(lines[start+n], quote[n]) {
			n++
		}
		if n == len(quote) {
			return
		}
	}
	t.Fatalf("%s:%d: the block is not in %s, line after line:\n%s", b.doc, b.line, b.file, b.src)
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

// markdownLink is an inline link or image of Markdown: [text](target) or
// [text](target "title").
var markdownLink = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// markdownProse returns the lines of a Markdown text that are not in a
// fenced block, with inline code spans blanked, numbered from 1 (0 for the
// lines left out).
func markdownProse(text string) []string {
	var lines []string
	fence := ""
	for l := range strings.Lines(text) {
		l = strings.TrimRight(l, "\n")
		trimmed := strings.TrimSpace(l)
		switch {
		case fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
			fence = trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, trimmed[:1]))]
			lines = append(lines, "")
			continue
		case fence != "":
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				fence = ""
			}
			lines = append(lines, "")
			continue
		}
		lines = append(lines, regexp.MustCompile("`[^`]*`").ReplaceAllString(l, "``"))
	}
	return lines
}

// markdownAnchors returns the anchors GitHub gives the headings of a
// Markdown text: lower case, spaces to hyphens, and every character but
// letters, digits, hyphens and underscores dropped; a repeated anchor gets
// -1, -2, ...
func markdownAnchors(text string) map[string]bool {
	anchors := map[string]bool{}
	fence := ""
	for l := range strings.Lines(text) {
		trimmed := strings.TrimSpace(l)
		switch {
		case fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
			fence = trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, trimmed[:1]))]
			continue
		case fence != "":
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				fence = ""
			}
			continue
		}
		heading, ok := strings.CutPrefix(strings.TrimLeft(trimmed, "#"), " ")
		if !ok || !strings.HasPrefix(trimmed, "#") || len(trimmed)-len(strings.TrimLeft(trimmed, "#")) > 6 {
			continue
		}
		var slug strings.Builder
		for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
			switch {
			case r == ' ':
				slug.WriteByte('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				slug.WriteRune(r)
			}
		}
		anchor := slug.String()
		for n := 1; anchors[anchor]; n++ {
			anchor = fmt.Sprintf("%s-%d", slug.String(), n)
		}
		anchors[anchor] = true
	}
	return anchors
}

// TestMarkdownAnchors holds the anchors to GitHub's rule on the kinds of
// heading the docs have.
func TestMarkdownAnchors(t *testing.T) {
	got := markdownAnchors("# webhook: Veriff webhooks for Go\n## Quick start\n```sh\n# not a heading\n```\n" +
		"## Verifier, with `net/http` alone\n### `veriffhook`\n## Quick start\n#hashtag\n####### seven\n")
	require.Equal(t, map[string]bool{"webhook-veriff-webhooks-for-go": true, "quick-start": true,
		"verifier-with-nethttp-alone": true, "veriffhook": true, "quick-start-1": true}, got)
}

// TestDocLinks checks every relative link of the README, SECURITY.md, the
// docs and the examples' READMEs: it names a file or directory of this
// repository and, with a #fragment into a Markdown file, one of its
// headings. Links to other sites are left alone.
func TestDocLinks(t *testing.T) {
	files := append(readmeDocs(t), "SECURITY.md", "CHANGELOG.md")
	examples, err := filepath.Glob(filepath.Join("examples", "*", "README.md"))
	require.NoError(t, err)
	for _, e := range examples {
		files = append(files, filepath.ToSlash(e))
	}
	repo, err := os.Getwd()
	require.NoError(t, err)
	checked := 0
	for _, file := range files {
		text, err := os.ReadFile(filepath.FromSlash(file))
		require.NoError(t, err)
		for i, line := range markdownProse(string(text)) {
			for _, m := range markdownLink.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				checked++
				where := fmt.Sprintf("%s:%d: link %q", file, i+1, target)
				path, fragment, _ := strings.Cut(target, "#")
				dest := file
				if path != "" {
					dest = filepath.ToSlash(filepath.Join(filepath.Dir(filepath.FromSlash(file)), filepath.FromSlash(path)))
					rel, err := filepath.Rel(repo, filepath.Join(repo, filepath.FromSlash(dest)))
					if !assert.NoError(t, err, where) || !assert.False(t, strings.HasPrefix(rel, ".."), "%s leaves the repository", where) {
						continue
					}
					if _, err := os.Stat(filepath.FromSlash(dest)); !assert.NoError(t, err, "%s: no such file", where) {
						continue
					}
				}
				if fragment == "" {
					continue
				}
				if !assert.True(t, strings.HasSuffix(dest, ".md"), "%s: a fragment into a file that is not Markdown", where) {
					continue
				}
				destText, err := os.ReadFile(filepath.FromSlash(dest))
				require.NoError(t, err)
				assert.True(t, markdownAnchors(string(destText))[fragment], "%s: %s has no heading with that anchor", where, dest)
			}
		}
	}
	t.Logf("%d relative links checked in %d files", checked, len(files))
	require.NotZero(t, checked, "no relative link found: is markdownLink still right?")
}

// TestReadmeLayout holds the README to what it promises: at most 300
// lines, on the integrator's path, with everything else in docs/ and every
// docs file linked from it; and its two commands are the ones .ci/run
// runs, spelled alike.
func TestReadmeLayout(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	lines := strings.Count(string(readme), "\n")
	assert.LessOrEqual(t, lines, 300, "README.md has %d lines: move a topic to docs/", lines)

	ci, err := os.ReadFile(filepath.Join(".ci", "run"))
	require.NoError(t, err)
	var ciLines []string
	for l := range strings.Lines(string(ci)) {
		ciLines = append(ciLines, strings.TrimSpace(l))
	}
	// The README's first shell block holds its two commands, each
	// followed by a comment.
	_, rest, ok := strings.Cut(string(readme), "```sh\n")
	require.True(t, ok, "README.md has no sh block")
	block, _, _ := strings.Cut(rest, "```")
	var commands []string
	for l := range strings.Lines(block) {
		cmd, _, _ := strings.Cut(l, "#")
		commands = append(commands, strings.TrimSpace(cmd))
	}
	require.Equal(t, []string{"go run ./examples/demo", "go test -race ./..."}, commands,
		"the README's first sh block is its two commands")
	for _, c := range commands {
		assert.Contains(t, ciLines, c, ".ci/run does not run the README's command %q as written", c)
	}

	docs := readmeDocs(t)[1:]
	for _, d := range docs {
		assert.True(t, strings.Contains(string(readme), "]("+d+")"), "README.md does not link %s", d)
	}
}

// markdownTable returns the body rows of the table of a Markdown file
// whose header row starts with header, each row's cells trimmed of spaces;
// the header and delimiter rows are left out. It fails t when the file has
// no such table, or when a row has not as many cells as the header.
func markdownTable(t *testing.T, file, header string) [][]string {
	t.Helper()
	text, err := os.ReadFile(file)
	require.NoError(t, err)
	start := strings.Index(string(text), "\n"+header)
	require.GreaterOrEqual(t, start, 0, "%s has no table starting %q", file, header)
	var rows [][]string
	for l := range strings.Lines(string(text[start+1:])) {
		if !strings.HasPrefix(l, "|") {
			break
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(l), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows = append(rows, cells)
	}
	require.GreaterOrEqual(t, len(rows), 2, "%s: the table %q has no delimiter row", file, header)
	for i, row := range rows {
		require.Len(t, row, len(rows[0]), "%s, the table %q, line %d: as many cells as the header", file, header, i+1)
	}
	return rows[2:]
}

// TestDocsKindTable holds the table of kinds in docs/kinds.md to
// kindTable, the one that ParseAny detects by: a row per kind in the same
// order, each naming the kind's Go type, and the member and value (or the
// members) that tell it; then Unknown.
func TestDocsKindTable(t *testing.T) {
	rows := markdownTable(t, filepath.Join("docs", "kinds.md"), "| kind | Go type | detected by")
	require.Len(t, rows, len(kindTable)+1, "docs/kinds.md: a row per kind, then Unknown")
	zero := []Payload{Event{}, Decision{}, WatchlistScreening{}, FullAuto{}, UserStatus{}, INERegistry{}, CURPRegistry{}, INECURPRegistry{}}
	count := map[int]string{1: "one", 2: "two", 3: "three"}
	for i, spec := range kindTable {
		row := rows[i]
		require.Len(t, row, 4, "docs/kinds.md, row %d", i+1)
		goType := ""
		for _, p := range zero {
			if _, ok := spec.deref(p); ok {
				goType = reflect.TypeOf(p).Name()
			}
		}
		require.NotEmpty(t, goType, "no payload type for %s", spec.kind)
		assert.Equal(t, "`"+goType+"`", row[1], "docs/kinds.md, row %d: detection order is kindTable's", i+1)
		how := row[2]
		if spec.by != "" {
			assert.Contains(t, how, "`"+spec.by+"`", "docs/kinds.md, %s", goType)
			assert.Contains(t, how, "`"+spec.value+"`", "docs/kinds.md, %s", goType)
			assert.Equal(t, spec.prefix, strings.Contains(how, "starts with"), "docs/kinds.md, %s: a prefix says starts with", goType)
			continue
		}
		for _, m := range spec.members {
			assert.Contains(t, how, "`"+m+"`", "docs/kinds.md, %s", goType)
		}
		if spec.need < len(spec.members) {
			assert.Contains(t, how, count[spec.need]+" of", "docs/kinds.md, %s: how many of its members", goType)
		}
	}
	assert.Equal(t, "`Unknown`", rows[len(rows)-1][1])
}
