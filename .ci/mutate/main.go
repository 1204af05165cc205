// Command mutate runs mutation testing from a list of mutants that gremlins
// found (gremlins unleash --dry-run --output FILE) and prints the efficacy of
// the tests per file and every mutant that lived. Run it through
// .ci/mutation.
//
// gremlins v0.6.0 lists the mutants well but judges them badly: it counts a
// mutant that does not compile as killed, and it does not run the tests
// against a mutant it calls "NOT COVERED", which includes every mutant in a
// case expression (Go's coverage data has no block for those). So this
// command applies each mutant itself, in a copy of the module, builds the
// package's test binary (a mutant that does not build is set aside, not
// counted), and runs the whole test suite against every mutant that built,
// covered or not.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"
)

// mutations is gremlins v0.6.0's table (internal/engine/mappings.go): for
// each mutant type, the token it replaces and the token it puts in its
// place. A type or a token not in it makes this command fail, rather than
// test something gremlins did not mean.
var mutations = map[string]map[token.Token]token.Token{
	"ARITHMETIC_BASE": {
		token.ADD: token.SUB,
		token.MUL: token.QUO,
		token.QUO: token.MUL,
		token.REM: token.MUL,
		token.SUB: token.ADD,
	},
	"CONDITIONALS_BOUNDARY": {
		token.GEQ: token.GTR,
		token.GTR: token.GEQ,
		token.LEQ: token.LSS,
		token.LSS: token.LEQ,
	},
	"CONDITIONALS_NEGATION": {
		token.EQL: token.NEQ,
		token.GEQ: token.LSS,
		token.GTR: token.LEQ,
		token.LEQ: token.GTR,
		token.LSS: token.GEQ,
		token.NEQ: token.EQL,
	},
	"INCREMENT_DECREMENT": {
		token.DEC: token.INC,
		token.INC: token.DEC,
	},
	"INVERT_ASSIGNMENTS": {
		token.ADD_ASSIGN: token.SUB_ASSIGN,
		token.MUL_ASSIGN: token.QUO_ASSIGN,
		token.QUO_ASSIGN: token.MUL_ASSIGN,
		token.REM_ASSIGN: token.REM_ASSIGN, // sic: the same program
		token.SUB_ASSIGN: token.ADD_ASSIGN,
	},
	"INVERT_BITWISE": {
		token.AND:     token.OR,
		token.OR:      token.AND,
		token.XOR:     token.AND,
		token.AND_NOT: token.AND,
		token.SHL:     token.SHR,
		token.SHR:     token.SHL,
	},
	"INVERT_BWASSIGN": {
		token.AND_ASSIGN:     token.OR_ASSIGN,
		token.OR_ASSIGN:      token.AND_ASSIGN,
		token.XOR_ASSIGN:     token.AND_ASSIGN,
		token.AND_NOT_ASSIGN: token.AND_ASSIGN,
		token.SHL_ASSIGN:     token.SHR_ASSIGN,
		token.SHR_ASSIGN:     token.SHL_ASSIGN,
	},
	"INVERT_LOGICAL": {
		token.LAND: token.LOR,
		token.LOR:  token.LAND,
	},
	"INVERT_LOOPCTRL": {
		token.BREAK:    token.CONTINUE,
		token.CONTINUE: token.BREAK,
	},
	"INVERT_NEGATIVES": {
		token.SUB: token.ADD,
	},
	"REMOVE_SELF_ASSIGNMENTS": {
		token.ADD_ASSIGN:     token.ASSIGN,
		token.AND_ASSIGN:     token.ASSIGN,
		token.AND_NOT_ASSIGN: token.ASSIGN,
		token.MUL_ASSIGN:     token.ASSIGN,
		token.OR_ASSIGN:      token.ASSIGN,
		token.QUO_ASSIGN:     token.ASSIGN,
		token.REM_ASSIGN:     token.ASSIGN,
		token.SHL_ASSIGN:     token.ASSIGN,
		token.SHR_ASSIGN:     token.ASSIGN,
		token.SUB_ASSIGN:     token.ASSIGN,
		token.XOR_ASSIGN:     token.ASSIGN,
	},
}

// gremlinsOutput is the part of gremlins' --output file this command reads.
type gremlinsOutput struct {
	Files []struct {
		Name      string `json:"file_name"`
		Mutations []struct {
			Type   string `json:"type"`
			Status string `json:"status"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"mutations"`
	} `json:"files"`
}

type status int

const (
	notCompiling status = iota
	killed
	timedOut
	lived
)

var statusNames = [...]string{"not compiling", "killed", "timed out", "lived"}

func (s status) String() string { return statusNames[s] }

// mutant is one program to test: file with the token at off replaced.
type mutant struct {
	file       string   // relative to the module root, slash-separated
	line, col  int      // of the token, 1-based, col in bytes
	off        int      // byte offset of the token
	types      []string // gremlins' types that make this same program
	old, new   token.Token
	src        []byte // the mutated file
	uncovered  bool   // gremlins called it NOT COVERED
	status     status
	detail     string // why it did not compile, or what failed
	mutatedRow string // the mutated source line
}

func (m *mutant) String() string {
	return fmt.Sprintf("%s:%d:%d %s", m.file, m.line, m.col, strings.Join(m.types, "/"))
}

func main() {
	workers := flag.Int("workers", 2, "mutants tested at once, each in its own copy of the module")
	cpu := flag.Duration("cpu", 0, "CPU time limit of one run of the tests (0: 10 times that of the unmutated run, at least 10s)")
	wall := flag.Duration("wall", 0, "wall-clock limit of one run of the tests, for a run that blocks (0: 30 times the unmutated run, at least 2m)")
	only := flag.String("files", "", "comma-separated files to mutate (default: every file gremlins listed)")
	work := flag.String("work", "", "an empty directory for the copies of the module and the build cache (default: a new temporary one, removed after)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: mutate [flags] gremlins-output.json\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *workers < 1 {
		flag.Usage()
		os.Exit(2)
	}
	// Interrupted, the command stops its test runs (they have process
	// groups of their own) and returns.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, flag.Arg(0), *workers, limits{*cpu, *wall}, *only, *work); err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(1)
	}
}

// limits bound one run of the tests. A mutant that loops forever is
// stopped by the limit on CPU time rather than on wall time, so that on a
// busy machine a run that only waits for a core is not taken for one that
// hangs. The wall-clock limit is for a run that blocks.
type limits struct {
	cpu, wall time.Duration
}

func run(ctx context.Context, listFile string, workers int, lim limits, only, tmp string) error {
	start := time.Now()
	mutants, merged, err := load(listFile, only)
	if err != nil {
		return err
	}
	if len(mutants) == 0 {
		return errors.New("no mutants to test")
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if tmp == "" {
		if tmp, err = os.MkdirTemp("", "mutate-"); err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
	}

	// Each mutant leaves a few MB of compiled package in the build cache;
	// a cache of the run's own keeps them out of the user's. Filling it
	// (the standard library and the dependencies) makes the first build
	// slow.
	cache := filepath.Join(tmp, "gocache")
	if err := os.Setenv("GOCACHE", cache); err != nil {
		return err
	}
	// One copy of the module per worker; the baseline runs in the first.
	dirs := make([]string, workers)
	for i := range dirs {
		dirs[i] = filepath.Join(tmp, fmt.Sprint("w", i))
		if err := copyTree(root, dirs[i]); err != nil {
			return err
		}
	}
	pkgs := map[string]bool{}
	for _, m := range mutants {
		pkgs[pathDir(m.file)] = true
	}
	fmt.Fprintf(os.Stderr, "building and testing the unmutated code, with an empty build cache\n")
	var base limits // what the unmutated tests take
	for pkg := range pkgs {
		b, err := baseline(ctx, dirs[0], pkg)
		if err != nil {
			return err
		}
		base.cpu, base.wall = max(base.cpu, b.cpu), max(base.wall, b.wall)
	}
	if lim.cpu == 0 {
		lim.cpu = max(10*time.Second, 10*base.cpu)
	}
	if lim.wall == 0 {
		lim.wall = max(2*time.Minute, 30*base.wall)
	}
	fmt.Fprintf(os.Stderr, "%d mutants (%d duplicates merged), %d workers; unmutated, the tests take %v (%v of CPU); limits per run: %v of CPU, %v\n",
		len(mutants), merged, workers, base.wall.Round(time.Millisecond), base.cpu.Round(time.Millisecond), lim.cpu, lim.wall)

	var wg sync.WaitGroup
	next := make(chan *mutant)
	var mu sync.Mutex
	done := 0
	for _, dir := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range next {
				t0 := time.Now()
				if err := test(ctx, dir, m, lim); err != nil {
					fmt.Fprintln(os.Stderr, "mutate:", err)
					continue
				}
				mu.Lock()
				done++
				fmt.Fprintf(os.Stderr, "[%d/%d] %v: %v (%.1fs) %s\n", done, len(mutants), m, m.status, time.Since(t0).Seconds(), m.detail)
				mu.Unlock()
			}
		}()
	}
feed:
	for _, m := range mutants {
		select {
		case next <- m:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}

	report(mutants, merged, lim)
	fmt.Printf("\nelapsed: %v on %d CPUs\n", time.Since(start).Round(time.Second), runtime.NumCPU())
	return nil
}

// load reads gremlins' list and builds each mutant's source. Mutants of
// different types that give the same program (gremlins mutates every '-'
// both as ARITHMETIC_BASE and as INVERT_NEGATIVES) are tested once; a type
// that gives back the program unchanged is dropped.
func load(listFile, only string) ([]*mutant, int, error) {
	raw, err := os.ReadFile(listFile)
	if err != nil {
		return nil, 0, err
	}
	var out gremlinsOutput
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", listFile, err)
	}
	want := map[string]bool{}
	for _, f := range strings.Split(only, ",") {
		if f = strings.TrimSpace(f); f != "" {
			want[f] = true
		}
	}
	type key struct {
		file string
		off  int
		new  token.Token
	}
	seen := map[key]*mutant{}
	found := map[string]bool{}
	var mutants []*mutant
	merged := 0
	for _, f := range out.Files {
		name := filepath.ToSlash(f.Name)
		if len(want) > 0 && !want[name] {
			continue
		}
		found[name] = true
		src, err := os.ReadFile(filepath.FromSlash(name))
		if err != nil {
			return nil, 0, err
		}
		toks, tf, err := tokens(name, src)
		if err != nil {
			return nil, 0, err
		}
		for _, g := range f.Mutations {
			table, ok := mutations[g.Type]
			if !ok {
				return nil, 0, fmt.Errorf("%s:%d:%d: unknown mutant type %s", name, g.Line, g.Column, g.Type)
			}
			if g.Line < 1 || g.Line > tf.LineCount() {
				return nil, 0, fmt.Errorf("%s:%d:%d: no such line", name, g.Line, g.Column)
			}
			off := tf.Offset(tf.LineStart(g.Line)) + g.Column - 1
			old, ok := toks[off]
			if !ok {
				return nil, 0, fmt.Errorf("%s:%d:%d: no token there (was the file changed after gremlins ran?)", name, g.Line, g.Column)
			}
			repl, ok := table[old]
			if !ok {
				return nil, 0, fmt.Errorf("%s:%d:%d: %s does not mutate %q", name, g.Line, g.Column, g.Type, old)
			}
			if repl == old {
				merged++
				continue
			}
			k := key{name, off, repl}
			if m := seen[k]; m != nil {
				m.types = append(m.types, g.Type)
				m.uncovered = m.uncovered && g.Status == "NOT COVERED"
				merged++
				continue
			}
			m := &mutant{file: name, line: g.Line, col: g.Column, off: off, types: []string{g.Type}, old: old, new: repl,
				uncovered: g.Status == "NOT COVERED"}
			if m.src, err = replace(name, src, off, old, repl); err != nil {
				return nil, 0, err
			}
			m.mutatedRow = lineAt(m.src, off)
			seen[k] = m
			mutants = append(mutants, m)
		}
	}
	for f := range want {
		if !found[f] {
			return nil, 0, fmt.Errorf("gremlins listed no mutant in %s", f)
		}
	}
	sort.Slice(mutants, func(i, j int) bool {
		a, b := mutants[i], mutants[j]
		if a.file != b.file {
			return a.file < b.file
		}
		if a.off != b.off {
			return a.off < b.off
		}
		return a.new < b.new
	})
	return mutants, merged, nil
}

// tokens returns the operator and keyword tokens of src by offset.
func tokens(name string, src []byte) (map[int]token.Token, *token.File, error) {
	fset := token.NewFileSet()
	tf := fset.AddFile(name, -1, len(src))
	var s scanner.Scanner
	var errs scanner.ErrorList
	s.Init(tf, src, func(pos token.Position, msg string) { errs.Add(pos, msg) }, 0)
	toks := map[int]token.Token{}
	for {
		pos, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok.IsOperator() || tok.IsKeyword() {
			toks[tf.Offset(pos)] = tok
		}
	}
	return toks, tf, errs.Err()
}

// replace returns src with the token old at off replaced by new, with
// spaces around new when it would otherwise merge with its neighbours.
func replace(name string, src []byte, off int, old, new token.Token) ([]byte, error) {
	for _, pad := range []string{"", " "} {
		out := slices.Concat(src[:off], []byte(pad+new.String()+pad), src[off+len(old.String()):])
		toks, _, err := tokens(name, out)
		if err == nil && toks[off+len(pad)] == new {
			return out, nil
		}
	}
	return nil, fmt.Errorf("%s: cannot put %s in place of %s at offset %d", name, new, old, off)
}

func lineAt(src []byte, off int) string {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src) - off
	}
	return strings.TrimSpace(string(src[start : off+end]))
}

// pathDir is the package directory of a slash-separated file name.
func pathDir(file string) string {
	if i := strings.LastIndexByte(file, '/'); i >= 0 {
		return file[:i]
	}
	return "."
}

// copyTree copies the files of the module at src to dst, without .git.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir() && d.Name() == ".git":
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular():
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, info.Mode().Perm())
	})
}

// testBinary is where a worker builds the test binary of a mutant.
const testBinary = ".mutant.test"

// build builds the test binary of the package in pkg under dir, without
// vet: only the tests judge a mutant. It returns the compiler's first
// complaint when the build fails.
func build(ctx context.Context, dir, pkg string) (string, bool) {
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-vet=off", "-o", filepath.Join(dir, testBinary), "./"+pkg)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err == nil {
		return "", true
	}
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return l, false
		}
	}
	return err.Error(), false
}

// runTests runs the whole test suite of the binary built in dir, in the
// package directory as go test does. -failfast stops at the first failure,
// which only shortens the runs that kill the mutant.
func runTests(ctx context.Context, dir, pkg string, lim limits) (status, string, limits) {
	ctx, cancel := context.WithTimeout(ctx, lim.wall+10*time.Second)
	defer cancel()
	// ulimit -t: the kernel kills the process when it has used its CPU
	// time. ulimit -v caps the address space, so that a mutant that
	// allocates in an endless loop fails before it takes the machine's
	// memory.
	script := fmt.Sprintf(`ulimit -t %d 2>/dev/null; ulimit -v 4194304 2>/dev/null; exec "$0" "$@"`, int(lim.cpu.Seconds()+0.5))
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", script,
		filepath.Join(dir, testBinary), "-test.count=1", "-test.failfast", "-test.timeout="+lim.wall.String())
	cmd.Dir = filepath.Join(dir, filepath.FromSlash(pkg))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	var used limits
	used.wall = time.Since(t0)
	if ps := cmd.ProcessState; ps != nil {
		used.cpu = ps.UserTime() + ps.SystemTime()
	}
	switch {
	case err == nil:
		return lived, "", used
	case ctx.Err() != nil || bytes.Contains(out, []byte("panic: test timed out after")):
		return timedOut, "wall-clock limit", used
	case used.cpu >= lim.cpu-time.Second && signaled(cmd.ProcessState):
		return timedOut, "CPU limit", used
	}
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "--- FAIL") || strings.HasPrefix(l, "panic:") || strings.HasPrefix(l, "fatal error:") {
			return killed, strings.TrimSpace(l), used
		}
	}
	return killed, err.Error(), used
}

// signaled reports whether the process was ended by a signal, as the
// kernel ends one over its CPU limit (SIGKILL, or SIGXCPU first).
func signaled(ps *os.ProcessState) bool {
	ws, ok := ps.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled()
}

// baseline checks that the tests pass unmutated and returns how long
// they take.
func baseline(ctx context.Context, dir, pkg string) (limits, error) {
	if msg, ok := build(ctx, dir, pkg); !ok {
		return limits{}, fmt.Errorf("the unmutated package %s does not build: %s", pkg, msg)
	}
	var used limits
	for range 2 { // the first run may fill the build cache (go list -export)
		var s status
		var detail string
		if s, detail, used = runTests(ctx, dir, pkg, limits{10 * time.Minute, 10 * time.Minute}); s != lived {
			return limits{}, fmt.Errorf("the tests of the unmutated package %s fail: %s", pkg, detail)
		}
	}
	return used, ctx.Err()
}

// test applies m in the module copy dir, judges it and restores the file.
func test(ctx context.Context, dir string, m *mutant, lim limits) (err error) {
	path := filepath.Join(dir, filepath.FromSlash(m.file))
	orig, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, m.src, 0o644); err != nil {
		return err
	}
	defer func() {
		if werr := os.WriteFile(path, orig, 0o644); werr != nil {
			fmt.Fprintln(os.Stderr, "mutate: cannot restore the copy:", werr)
			os.Exit(1)
		}
	}()
	pkg := pathDir(m.file)
	msg, ok := build(ctx, dir, pkg)
	if err := ctx.Err(); err != nil {
		return err
	}
	if !ok {
		m.status, m.detail = notCompiling, msg
		return nil
	}
	m.status, m.detail, _ = runTests(ctx, dir, pkg, lim)
	return ctx.Err()
}

func report(mutants []*mutant, merged int, lim limits) {
	type row struct {
		all, byStatus [4]int
		uncovered     [4]int
	}
	rows := map[string]*row{}
	var files []string
	var total row
	for _, m := range mutants {
		r := rows[m.file]
		if r == nil {
			r = &row{}
			rows[m.file] = r
			files = append(files, m.file)
		}
		for _, r := range []*row{r, &total} {
			r.byStatus[m.status]++
			if m.uncovered {
				r.uncovered[m.status]++
			}
		}
	}
	sort.Strings(files)
	efficacy := func(r *row) string {
		compiling := r.byStatus[killed] + r.byStatus[timedOut] + r.byStatus[lived]
		if compiling == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2f%%", 100*float64(r.byStatus[killed]+r.byStatus[timedOut])/float64(compiling))
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "file\tmutants\tnot compiling\tcompiling\tkilled\ttimed out\tlived\tefficacy\t")
	line := func(name string, r *row) {
		n := r.byStatus[notCompiling] + r.byStatus[killed] + r.byStatus[timedOut] + r.byStatus[lived]
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t\n", name, n, r.byStatus[notCompiling], n-r.byStatus[notCompiling],
			r.byStatus[killed], r.byStatus[timedOut], r.byStatus[lived], efficacy(r))
	}
	fmt.Println()
	for _, f := range files {
		line(f, rows[f])
	}
	line("total", &total)
	w.Flush()
	u := total.uncovered
	fmt.Printf("\nefficacy = (killed + timed out) / compiling; a run of the tests that exceeds %v of CPU or %v is timed out.\n", lim.cpu, lim.wall)
	fmt.Printf("gremlins called %d of the mutants NOT COVERED; run all the same: %d killed, %d timed out, %d lived, %d not compiling.\n",
		u[notCompiling]+u[killed]+u[timedOut]+u[lived], u[killed], u[timedOut], u[lived], u[notCompiling])
	if merged > 0 {
		fmt.Printf("%d of gremlins' mutants were the same program as another (a '-' is listed as ARITHMETIC_BASE and INVERT_NEGATIVES) or unchanged, and were tested once or not at all.\n", merged)
	}

	fmt.Println("\nsurvivors:")
	n := 0
	for _, m := range mutants {
		if m.status == lived {
			n++
			fmt.Printf("%s:%d:%d\t%s\t%s -> %s\t%s\n", m.file, m.line, m.col, strings.Join(m.types, "/"), m.old, m.new, m.mutatedRow)
		}
	}
	if n == 0 {
		fmt.Println("none")
	}
}
