// Package connectortest holds the test helpers the built-in connectors
// share: a deterministic random number generator and JSON and zip writers
// for their fixture generators; writing and checking the fixtures those
// produce; working out, from a generator's account of what it planted,
// what a connector must report; and the checks of Check and Read that
// their tests have in common. It is a normal package so that every
// connector's tests can import it, but only tests use it: no connector
// code may.
//
// Each connector keeps its own -regen flag and test names; these helpers
// only do the file work, so that `go test ./internal/connector/<name> -run
// TestRegenerate... -regen` writes the same files it always has.
package connectortest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// ReplaceDir makes dir hold exactly files (name to content): it removes
// dir first, so that files the generator no longer writes go too.
func ReplaceDir(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	WriteFiles(t, dir, files)
}

// WriteFiles writes files (name to content) into dir, creating it.
func WriteFiles(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// WriteFile writes text to the file name in dir and is the file's path.
func WriteFile(t testing.TB, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TempDir is a new temporary directory holding files (name to text).
func TempDir(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		WriteFile(t, dir, name, text)
	}
	return dir
}

// CopyDir copies the files of the directory from, less those named in
// without, into a new temporary directory, for a test to change, and is
// that directory.
func CopyDir(t testing.TB, from string, without ...string) string {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if slices.Contains(without, e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	dir := t.TempDir()
	WriteFiles(t, dir, files)
	return dir
}

// CheckDir fails the test unless dir holds exactly the files want (name to
// content), as the generator writes them: the committed fixtures, and so
// the tests' expectations, must keep in step with the generator. label
// names dir in messages.
func CheckDir(t testing.TB, dir, label string, want map[string][]byte) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("%v (regenerate with -regen)", err)
	}
	if len(entries) != len(want) {
		t.Errorf("%s has %d files, the generator writes %d (regenerate with -regen)", label, len(entries), len(want))
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s/%s differs from the generator's output (regenerate with -regen)", label, name)
		}
	}
}

// DirSize is the size in bytes of the regular files below root, for the
// tests that keep the fixtures, and so the repository, light.
func DirSize(t testing.TB, root string) int64 {
	t.Helper()
	var total int64
	err := filepath.Walk(root, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			total += info.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// Read reads the export at path through c with options, failing the test
// on an error.
func Read(t testing.TB, c plugin.Connector, path string, options map[string]string) (*plugintest.Collector, plugin.Summary) {
	t.Helper()
	got, summary, err := plugintest.ReadAll(t, c, plugin.ReadRequest{Path: path, Options: options})
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return got, summary
}

// CheckRefusal wants the connector behind host, as plugintest.Connect
// serves it, to refuse path in Check, without failing, with a reason that
// says reason.
func CheckRefusal(t testing.TB, host *plugintest.Host, path, reason string) {
	t.Helper()
	res, err := host.Check(context.Background(), path)
	if err != nil {
		t.Fatalf("Check failed instead of refusing: %v", err)
	}
	if res.Accepted || !strings.Contains(res.Reason, reason) {
		t.Errorf("got accepted=%v reason %q, want a refusal saying %q", res.Accepted, res.Reason, reason)
	}
}

// CheckReadRefused wants c's Read of the export in fixture without the
// files leftOut to fail with an error that says want: an export that
// cannot be read whole is refused, not loaded short.
func CheckReadRefused(t testing.TB, c plugin.Connector, fixture string, leftOut []string, want string) {
	t.Helper()
	dir := CopyDir(t, fixture, leftOut...)
	_, _, err := plugintest.ReadAll(t, c, plugin.ReadRequest{Path: dir})
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("reading %s without %s: %v, want an error saying %q", filepath.Base(fixture), strings.Join(leftOut, ", "), err, want)
	}
}

// CheckSummary compares a connector's summary, file by file, with what the
// generator planted: the files read, the records read, rejected and made
// of each kind, and the records skipped by reason (a reason counted zero
// times is as good as absent).
func CheckSummary(t testing.TB, got plugin.Summary, want map[string]plugin.FileSummary) {
	t.Helper()
	seen := map[string]bool{}
	for _, f := range got.Files {
		seen[f.File] = true
		w, ok := want[f.File]
		if !ok {
			t.Errorf("%s: read, but it is not a file the connector should read", f.File)
			continue
		}
		if f.RowsRead != w.RowsRead || f.RowsRejected != w.RowsRejected {
			t.Errorf("%s: %d records read, %d rejected; want %d and %d", f.File, f.RowsRead, f.RowsRejected, w.RowsRead, w.RowsRejected)
		}
		for _, k := range plugin.RecordKinds {
			if f.Records[k] != w.Records[k] {
				t.Errorf("%s: %d %s records, want %d", f.File, f.Records[k], k, w.Records[k])
			}
		}
		if !SameCounts(f.RowsSkipped, w.RowsSkipped) {
			t.Errorf("%s: skipped %v, want %v", f.File, f.RowsSkipped, w.RowsSkipped)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("%s: not read", name)
		}
	}
}

// Collected is how many records of each kind got holds.
func Collected(got *plugintest.Collector) map[plugin.RecordKind]int64 {
	return map[plugin.RecordKind]int64{
		plugin.KindUser: int64(len(got.Users)), plugin.KindAccount: int64(len(got.Accounts)),
		plugin.KindOpportunity: int64(len(got.Opportunities)), plugin.KindActivity: int64(len(got.Activities)),
		plugin.KindAttendee: int64(len(got.Attendees)),
	}
}

// PlantedRecords is how many records of each kind the expected summaries
// want, all files together.
func PlantedRecords(want map[string]plugin.FileSummary) map[plugin.RecordKind]int64 {
	out := map[plugin.RecordKind]int64{}
	for _, f := range want {
		for kind, n := range f.Records {
			out[kind] += n
		}
	}
	return out
}

// CheckRecordCounts wants got to hold, of each kind, as many records as
// the expected summaries want.
func CheckRecordCounts(t testing.TB, got *plugintest.Collector, want map[string]plugin.FileSummary) {
	t.Helper()
	planted := PlantedRecords(want)
	for kind, n := range Collected(got) {
		if n != planted[kind] {
			t.Errorf("%d %s records, the generator planted %d", n, kind, planted[kind])
		}
	}
}

// Skipped is how many records a connector skipped for each reason, all
// files together.
func Skipped(s plugin.Summary) map[string]int64 {
	out := map[string]int64{}
	for _, f := range s.Files {
		for reason, n := range f.RowsSkipped {
			out[reason] += n
		}
	}
	return out
}

// SameCounts reports whether a and b count the same, a key absent from one
// counting as zero.
func SameCounts(a, b map[string]int64) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

// PageEstimateFits reports whether a Check's estimate of a saved page's
// records is right: exact for a page no larger than the sample
// apipages.EstimateRecords decodes, within a quarter for a larger one,
// whose count is extrapolated from its first records.
func PageEstimateFits(estimated, records, size int64) bool {
	if size <= apipages.EstimateSample {
		return estimated == records
	}
	return estimated >= records*3/4 && estimated <= records*5/4
}
