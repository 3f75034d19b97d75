package cli

import (
	"bufio"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // the "duckdb" driver, to make databases salesaudit did not
)

// The database is what the user thinks it is: each case below names a
// --db, runs salesaudit as a user would and checks the exit code, that the
// message names the file and what to do, and that the database is byte
// for byte as it was. Inputs are in testdata/adversarial/db (see its
// README) or built here.

var adversarialDB = filepath.Join("..", "..", "testdata", "adversarial", "db")

// fileSum is the SHA-256 of a file's bytes, or "" when there is none.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// copyFile copies src into dir and returns the copy's path.
func copyFile(t *testing.T, src, dir string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, filepath.Base(src))
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// writtenFile writes text to dir/name.
func writtenFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// foreignDuckDB is a DuckDB database another program made: a table of its
// own and no salesaudit schema.
func foreignDuckDB(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "warehouse.duckdb")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE orders (id INTEGER, amount DOUBLE); INSERT INTO orders VALUES (1, 9.5)"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeSecret writes a file in dir that no query should read without
// --allow-files; its one value is hunter2.
func writeSecret(t *testing.T, dir string) string {
	t.Helper()
	secret := filepath.Join(dir, "secret.csv")
	if err := os.WriteFile(secret, []byte("password\nhunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return secret
}

// assertRefused runs salesaudit and checks that it fails with exit code 1
// and a message holding says.
func assertRefused(t *testing.T, says string, args ...string) result {
	t.Helper()
	r := run(t, args...)
	if r.code != ExitError || !strings.Contains(r.stderr, says) {
		t.Errorf("%q: exit %d, want 1 and a message holding %q\nstdout:\n%s\nstderr:\n%s", args, r.code, says, r.stdout, r.stderr)
	}
	return r
}

// assertUnchanged checks that path holds sum and that no write-ahead log
// was left beside it.
func assertUnchanged(t *testing.T, what, path, sum string) {
	t.Helper()
	if got := fileSum(t, path); got != sum {
		t.Errorf("%s: %s changed", what, path)
	}
	if _, err := os.Stat(path + ".wal"); err == nil {
		t.Errorf("%s: left %s.wal", what, path)
	}
}

func TestADBThatIsNotSalesauditsIsRefusedBeforeAnythingRuns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	directory := filepath.Join(dir, "exports")
	if err := os.Mkdir(directory, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"a CSV export": copyFile(t, filepath.Join(adversarialDB, "export.csv"), dir),
		// Made here: the repository ignores *.duckdb files.
		"an empty file":                  writtenFile(t, dir, "empty.duckdb", ""),
		"a text file":                    writtenFile(t, dir, "notes.duckdb", "Notes for the Q3 review: check the Acme pipeline.\n"),
		"another program's DuckDB":       foreignDuckDB(t, dir),
		"a directory":                    directory,
		"a name DuckDB reads as options": filepath.Join(dir, "sa.duckdb?access_mode=read_write"),
	}
	commands := [][]string{
		{"ingest", "--quiet", acmeExport},
		{"audit", "--quiet", "--connector", "salesforce", acmeExport},
		{"report"},
		{"explain"},
		{"query", "select 1"},
		{"forget", "--source", "salesforce"},
		{"vacuum"},
	}
	for what, db := range cases {
		for _, command := range commands {
			sum := fileSum(t, db)
			args := append([]string{command[0], "--db", db}, command[1:]...)
			r := run(t, args...)
			if r.code != ExitError || !strings.Contains(r.stderr, db) || !strings.Contains(r.stderr, "--db") {
				t.Errorf("%s, %s: exit %d, want 1 and a message naming the file and --db; stderr:\n%s\nstdout:\n%s",
					what, command[0], r.code, r.stderr, r.stdout)
			}
			assertUnchanged(t, what+", "+command[0], db, sum)
		}
	}
	if entries, _ := os.ReadDir(directory); len(entries) != 0 {
		t.Errorf("the directory named with --db holds %d entries", len(entries))
	}
	if _, err := os.Stat(filepath.Join(dir, "sa.duckdb")); err == nil {
		t.Errorf("a --db holding ? created sa.duckdb")
	}
}

func TestQueryRunsOneStatementAndTheDatabaseCanBeLoadedAfter(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	sum := fileSum(t, db)
	r := run(t, "query", "--db", db, "select 1; drop table users")
	if r.code != ExitError || !strings.Contains(r.stderr, "one statement") || strings.Contains(r.stdout, "Success") {
		t.Errorf("two statements: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	assertUnchanged(t, "two statements", db, sum)
	run(t, "ingest", "--quiet", "--db", db, acmeExport).mustSucceed(t)
	if n := dbCount(t, db, "SELECT count(*) FROM users"); n != 28 {
		t.Errorf("users after a query and a re-ingest: %d, want 28", n)
	}
}

func TestQueryCannotChangeTheDatabase(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	sum := fileSum(t, db)
	for _, statement := range []string{
		"drop table users",
		"delete from activities",
		"insert into users (source, id, active, src_file, src_line) values ('x', 'x', true, 'x', 1)",
		"create table notes (t varchar)",
		"update ingest_runs set status = 'failed'",
		"alter table users add column notes varchar",
	} {
		assertRefused(t, "only reads", "query", "--db", db, statement)
	}
	assertUnchanged(t, "writing statements", db, sum)
}

func TestQueryReachesNoFileAndNoNetworkUnlessAllowed(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	sum := fileSum(t, db)
	dir := t.TempDir()
	secret := writeSecret(t, dir)
	written := filepath.Join(dir, "users.csv")
	other := filepath.Join(dir, "other.duckdb")
	for _, statement := range []string{
		"select * from read_csv('" + secret + "')",
		"select * from read_text('" + secret + "')",
		"copy users to '" + written + "'",
		"attach '" + other + "' as other",
		"install httpfs",
		"set enable_external_access = true",
		"set lock_configuration = false",
	} {
		if r := assertRefused(t, "--allow-files", "query", "--db", db, statement); strings.Contains(r.stdout, "hunter2") {
			t.Errorf("%s: the secret is out", statement)
		}
	}
	for _, path := range []string{written, other} {
		if _, err := os.Stat(path); err == nil {
			t.Errorf("query wrote %s", path)
		}
	}
	allowed := run(t, "query", "--db", db, "--allow-files", "--format", "csv", "select * from read_csv('"+secret+"')").mustSucceed(t)
	if !strings.Contains(allowed.stdout, "hunter2") {
		t.Errorf("with --allow-files, reading a file gave %q", allowed.stdout)
	}
	assertUnchanged(t, "file access", db, sum)
}

func TestQueryToParquetWritesItsFileAndNoOther(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	sum := fileSum(t, db)
	dir := t.TempDir()
	out := filepath.Join(dir, "kinds.parquet")
	run(t, "query", "--db", db, "--format", "parquet", "--out", out, "select kind, count(*) as n from activities group by kind").mustSucceed(t)
	if rows := readParquet(t, out).rows; len(rows) == 0 {
		t.Errorf("%s holds no rows", out)
	}
	secret := writeSecret(t, dir)
	leak := filepath.Join(dir, "leak.parquet")
	r := run(t, "query", "--db", db, "--format", "parquet", "--out", leak, "select * from read_csv('"+secret+"')")
	if r.code != ExitError || !strings.Contains(r.stderr, "--allow-files") {
		t.Errorf("reading a file into Parquet: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(leak); err == nil {
		t.Errorf("the query read %s into %s", secret, leak)
	}
	assertUnchanged(t, "parquet", db, sum)
}

// holdReadOnlyEnv names the database the child process of
// TestReadingCommandsShareADatabaseOpenedReadOnly holds open.
const holdReadOnlyEnv = "SALESAUDIT_TEST_HOLD_READ_ONLY"

// TestReadingCommandsShareADatabaseOpenedReadOnly holds the database open
// in DuckDB's read-only access mode in another process, as a BI tool or a
// second salesaudit would: report, explain and query must read it (which
// they cannot if they open it for writing), and ingest must say that the
// file is in use.
func TestReadingCommandsShareADatabaseOpenedReadOnly(t *testing.T) {
	if path := os.Getenv(holdReadOnlyEnv); path != "" {
		holdReadOnly(path)
		return
	}
	t.Parallel()
	db := auditedDB(t, acmeExport)
	sum := fileSum(t, db)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	holder := exec.Command(self, "-test.run=^"+t.Name()+"$")
	holder.Env = append(os.Environ(), holdReadOnlyEnv+"="+db)
	stdin, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		_ = holder.Wait()
	}()
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "holding\n" {
		t.Fatalf("the holding process said %q, %v", line, err)
	}

	run(t, "report", "--db", db, "--format", "json").mustSucceed(t)
	run(t, "explain", "--db", db, "--format", "csv").mustSucceed(t)
	run(t, "query", "--db", db, "select count(*) from activities").mustSucceed(t)
	r := run(t, "ingest", "--quiet", "--db", db, acmeExport)
	if r.code != ExitError || !strings.Contains(r.stderr, db) || !strings.Contains(r.stderr, "in use") {
		t.Errorf("ingest into a database in use: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	assertUnchanged(t, "read-only", db, sum)
}

// holdReadOnly opens the database read-only, says so, and keeps it open
// until its standard input closes.
func holdReadOnly(path string) {
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err == nil {
		err = db.Ping()
	}
	if err != nil {
		panic(err)
	}
	os.Stdout.WriteString("holding\n")
	_, _ = io.Copy(io.Discard, os.Stdin)
	_ = db.Close()
}

func TestReadingCommandsWorkOnAFileTheUserCannotWrite(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(db), 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(filepath.Dir(db), 0o755) })
	sum := fileSum(t, db)
	run(t, "report", "--db", db, "--format", "json").mustSucceed(t)
	run(t, "explain", "--db", db, "--format", "csv").mustSucceed(t)
	run(t, "query", "--db", db, "select count(*) from activities").mustSucceed(t)
	assertUnchanged(t, "unwritable", db, sum)
}

func TestAMemoryLimitThatIsNotASizeSaysSo(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "sa.duckdb")
	r := run(t, "ingest", "--db", db, "--memory-limit", "lots", acmeExport)
	if r.code != ExitUsage || !strings.Contains(r.stderr, `--memory-limit "lots"`) || !strings.Contains(r.stderr, "2GB") ||
		strings.Contains(r.stderr, "invalid or local option") {
		t.Errorf("ingest --memory-limit lots: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	audit := run(t, "audit", "--quiet", "--db", db, "--memory-limit", "lots", acmeExport)
	if audit.code == ExitOK || !strings.Contains(audit.stderr, `"lots"`) || strings.Contains(audit.stderr, "invalid or local option") {
		t.Errorf("audit --memory-limit lots: exit %d, stderr:\n%s", audit.code, audit.stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a refused memory limit left %s", db)
	}
}

// acmeWith copies Acme's export with each named file cut to its header
// line, or removed where the header is "".
func acmeWith(t *testing.T, headerOnly ...string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(acmeExport)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		copyFile(t, filepath.Join(acmeExport, e.Name()), dir)
	}
	for _, name := range headerOnly {
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(string(data), "\n")
		if err := os.WriteFile(path, []byte(header+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReingestingAnEmptiedFileWarnsAndAWipeNeedsAllowShrink(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	sum := fileSum(t, db)

	// User.csv held the source's 28 users: replacing them all with none
	// takes --allow-shrink.
	noUsers := acmeWith(t, "User.csv")
	r := run(t, "ingest", "--quiet", "--db", db, "--connector", "salesforce", noUsers)
	if r.code != ExitError {
		t.Fatalf("a header-only User.csv: exit %d, want 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"User.csv", "28", "users", "--allow-shrink", "nothing was loaded"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("refusal lacks %q:\n%s", want, r.stderr)
		}
	}
	assertUnchanged(t, "refused shrink", db, sum)

	// Task.csv held 486 of the 1593 activities: a warning with the count.
	noTasks := acmeWith(t, "Task.csv")
	r = run(t, "ingest", "--db", db, "--connector", "salesforce", noTasks).mustSucceed(t)
	if !strings.Contains(r.stderr, "Task.csv") || !strings.Contains(r.stderr, "486") {
		t.Errorf("emptying Task.csv: no warning with its count on stderr:\n%s", r.stderr)
	}
	if n := dbCount(t, db, "SELECT count(*) FROM activities"); n != 1107 {
		t.Errorf("activities after Task.csv emptied: %d, want 1107", n)
	}

	allowed := run(t, "ingest", "--quiet", "--allow-shrink", "--db", db, "--connector", "salesforce", noUsers).mustSucceed(t)
	if !strings.Contains(allowed.stderr, "User.csv") || !strings.Contains(allowed.stderr, "28") {
		t.Errorf("--allow-shrink: no warning naming User.csv and its 28 rows:\n%s", allowed.stderr)
	}
	if n := dbCount(t, db, "SELECT count(*) FROM users"); n != 0 {
		t.Errorf("users after --allow-shrink: %d, want 0", n)
	}
}

func TestForgetRemovesOneSourceAndNothingElse(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	plugins := installFake(t, "fakegood")
	run(t, "ingest", "--quiet", "--plugin-dir", plugins, "--db", db, "-c", "fakegood", t.TempDir()).mustSucceed(t)
	sum := fileSum(t, db)

	unknown := run(t, "forget", "--db", db, "--source", "hubspot")
	if unknown.code != ExitError || !strings.Contains(unknown.stderr, `"hubspot"`) ||
		!strings.Contains(unknown.stderr, "salesforce") || !strings.Contains(unknown.stderr, "fakegood") {
		t.Errorf("forget an unknown source: exit %d, stderr:\n%s", unknown.code, unknown.stderr)
	}
	assertUnchanged(t, "unknown source", db, sum)
	if r := run(t, "forget", "--db", db); r.code != ExitUsage {
		t.Errorf("forget without --source: exit %d, want 2", r.code)
	}

	r := run(t, "forget", "--db", db, "--source", "salesforce").mustSucceed(t)
	if !strings.Contains(r.stdout, "salesforce") || !strings.Contains(r.stdout, "1593 activities") {
		t.Errorf("forget output:\n%s", r.stdout)
	}
	opened := openDB(t, db) // once for all the counts: an opening costs more than they do
	for _, table := range []string{"users", "accounts", "opportunities", "activities", "activity_attendees", "rejects", "ingest_runs", "ingest_files"} {
		if n := countIn(t, opened, "SELECT count(*) FROM "+table+" WHERE source = 'salesforce'"); n != 0 {
			t.Errorf("%s keeps %d rows of the forgotten source", table, n)
		}
	}
	if n := countIn(t, opened, "SELECT count(*) FROM activities WHERE source = 'fakegood'"); n != 294 {
		t.Errorf("fakegood's activities: %d, want 294", n)
	}
	if err := opened.Close(); err != nil {
		t.Fatal(err)
	}
	// A forgotten source loads again as new: nothing to shrink from.
	run(t, "ingest", "--quiet", "--db", db, "--connector", "salesforce", acmeWith(t, "User.csv")).mustSucceed(t)
}

func TestVacuumGivesBackWhatReingestsLeft(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	once := fileSize(t, db)
	run(t, "ingest", "--quiet", "--db", db, acmeExport).mustSucceed(t)
	grown := fileSize(t, db)
	if grown <= once {
		t.Fatalf("a re-ingest left the file at %d bytes, from %d: nothing for vacuum to give back", grown, once)
	}
	counts := "SELECT (SELECT count(*) FROM activities) * 1000000 + (SELECT count(*) FROM users) * 1000 + (SELECT count(*) FROM ingest_runs)"
	before := dbCount(t, db, counts)

	r := run(t, "vacuum", "--db", db).mustSucceed(t)
	if !strings.Contains(r.stdout, db) {
		t.Errorf("vacuum output does not name %s:\n%s", db, r.stdout)
	}
	if after := fileSize(t, db); after >= grown || after > once {
		t.Errorf("after vacuum the file is %d bytes; %d after one load, %d after two", after, once, grown)
	}
	if after := dbCount(t, db, counts); after != before {
		t.Errorf("vacuum changed the counts: %d, was %d", after, before)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(db), ".*"))
	if len(leftovers) > 0 {
		t.Errorf("vacuum left %v", leftovers)
	}
	// The run numbers go on where they were.
	run(t, "ingest", "--quiet", "--db", db, acmeExport).mustSucceed(t)
	if runs := dbCount(t, db, "SELECT count(DISTINCT id) FROM ingest_runs"); runs != 3 {
		t.Errorf("runs after vacuum and a third load: %d distinct, want 3", runs)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}
