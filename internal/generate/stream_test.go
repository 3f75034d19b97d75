package generate

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// TestSameSeedSameFiles: a seed makes one company, byte for byte; another
// seed another company.
func TestSameSeedSameFiles(t *testing.T) {
	opts := Options{Managers: 5, RepsPerManager: 4, Months: 3, Seed: 11}
	first, second := writeTo(t, opts), writeTo(t, opts)
	files, err := os.ReadDir(first)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 10 {
		t.Errorf("%d files written, want the 9 CSV files and %s", len(files), TruthFile)
	}
	for _, f := range files {
		a, b := readFile(t, first, f.Name()), readFile(t, second, f.Name())
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with the same seed", f.Name())
		}
	}
	opts.Seed++
	other := writeTo(t, opts)
	if bytes.Equal(readFile(t, first, fileTask), readFile(t, other, fileTask)) {
		t.Errorf("seeds %d and %d wrote the same %s", opts.Seed-1, opts.Seed, fileTask)
	}
}

// TestSameSeedSameHubSpotFiles: the HubSpot export too is one company per
// seed, byte for byte, page for page.
func TestSameSeedSameHubSpotFiles(t *testing.T) {
	opts := Options{Managers: 5, RepsPerManager: 4, Months: 3, Seed: 11, Format: FormatHubSpot}
	first, second := writeTo(t, opts), writeTo(t, opts)
	files, err := os.ReadDir(first)
	if err != nil {
		t.Fatal(err)
	}
	again, err := os.ReadDir(second)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(again) {
		t.Fatalf("%d files, then %d", len(files), len(again))
	}
	for _, f := range files {
		a, b := readFile(t, first, f.Name()), readFile(t, second, f.Name())
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with the same seed", f.Name())
		}
	}
	truth, err := ReadTruth(filepath.Join(first, TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	if truth.Format != FormatHubSpot || !isDigits(truth.FirstLineManagers[0].ID) {
		t.Errorf("truth.json: format %q, first manager's ID %q", truth.Format, truth.FirstLineManagers[0].ID)
	}
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// TestHubSpotPagesAreWrittenAsTheAPIReturnsThem: pages of 100 records,
// each but the last pointing to the next, every object with a first page,
// and the manager mapping.
func TestHubSpotPagesAreWrittenAsTheAPIReturnsThem(t *testing.T) {
	dir := writeTo(t, Options{Managers: 2, RepsPerManager: 3, Months: 2, Seed: 5, Format: FormatHubSpot})
	for _, object := range []string{"owners", "owners-archived", "companies", "deals", "meetings", "calls", "tasks", "emails"} {
		var offset int
		for page := 1; ; page++ {
			name := fmt.Sprintf("%s-page-%d.json", object, page)
			var p struct {
				Results []json.RawMessage `json:"results"`
				Paging  *struct {
					Next struct{ After string } `json:"next"`
				} `json:"paging"`
			}
			if err := json.Unmarshal(readFile(t, dir, name), &p); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			offset += len(p.Results)
			if p.Paging == nil {
				break
			}
			if len(p.Results) != hubspotPageSize || p.Paging.Next.After != strconv.Itoa(offset) {
				t.Fatalf("%s: %d records, next after %q; want %d, after %d", name, len(p.Results), p.Paging.Next.After, hubspotPageSize, offset)
			}
		}
	}
	if !bytes.HasPrefix(readFile(t, dir, hubspotHierarchyFile), []byte("owner_id,manager_id\n")) {
		t.Errorf("%s has no header", hubspotHierarchyFile)
	}
}

func writeTo(t *testing.T, opts Options) string {
	t.Helper()
	opts.Out = t.TempDir()
	if _, err := Generate(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	return opts.Out
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestTheExportIsWrittenAsSalesforceDoes: every field quoted, CRLF line
// ends, the null sentinel in empty lookups.
func TestTheExportIsWrittenAsSalesforceDoes(t *testing.T) {
	dir := writeTo(t, Options{Managers: 2, RepsPerManager: 3, Months: 1, Seed: 5})
	for _, name := range []string{fileUser, fileTask, fileEvent, fileEventRelation} {
		data := readFile(t, dir, name)
		if !bytes.HasSuffix(data, []byte("\"\r\n")) {
			t.Errorf("%s does not end its last row with a quote and CRLF", name)
		}
		for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
			if !bytes.HasPrefix(line, []byte(`"`)) || !bytes.HasSuffix(line, []byte(`"`)) {
				t.Errorf("%s row %d is not quoted field by field: %.80s", name, i+1, line)
				break
			}
		}
	}
	if !bytes.Contains(readFile(t, dir, fileTask), []byte(`"`+nullLookup+`"`)) {
		t.Errorf("%s has no empty lookup written as %s", fileTask, nullLookup)
	}
}

// TestMemoryDoesNotGrowWithTheExport generates companies four times
// longer and four times larger than a small one, writing nowhere, and
// compares the live heap after each team: the export grows, the memory
// held does not. Nothing here depends on timing.
func TestMemoryDoesNotGrowWithTheExport(t *testing.T) {
	if testing.Short() {
		t.Skip("generates three companies per format")
	}
	for _, format := range []string{FormatSalesforce, FormatHubSpot} {
		t.Run(format, func(t *testing.T) { testMemoryDoesNotGrow(t, format) })
	}
}

func testMemoryDoesNotGrow(t *testing.T, format string) {
	small := measure(t, Options{Managers: 4, RepsPerManager: 6, Months: 3, Seed: 3, Format: format})
	longer := measure(t, Options{Managers: 4, RepsPerManager: 6, Months: 12, Seed: 3, Format: format})
	larger := measure(t, Options{Managers: 16, RepsPerManager: 6, Months: 3, Seed: 3, Format: format})
	t.Logf("small: %d MB written, %.1f MB peak heap; longer: %d MB, %.1f MB; larger: %d MB, %.1f MB",
		small.written>>20, mb(small.peak), longer.written>>20, mb(longer.peak), larger.written>>20, mb(larger.peak))
	for _, big := range []struct {
		name string
		usage
	}{{"four times longer", longer}, {"four times larger", larger}} {
		if big.written < 3*small.written {
			t.Fatalf("%s company wrote %d bytes, the small one %d: not the bigger export meant", big.name, big.written, small.written)
		}
		// What one team needs is held; what was written is not.
		if big.peak > small.peak+4<<20 {
			t.Errorf("%s company: %.1f MB of heap, the small one %.1f MB: memory grows with the export", big.name, mb(big.peak), mb(small.peak))
		}
	}
}

type usage struct {
	written int64
	peak    uint64
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

func measure(t *testing.T, opts Options) usage {
	t.Helper()
	var u usage
	h := hooks{
		create: func(string) (io.WriteCloser, error) { return &counter{n: &u.written}, nil },
		afterTeam: func() {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			u.peak = max(u.peak, ms.HeapAlloc)
		},
	}
	opts.Out = "unused"
	if _, err := generate(context.Background(), opts, h); err != nil {
		t.Fatal(err)
	}
	return u
}

// counter is an output file that only counts what is written to it.
type counter struct{ n *int64 }

func (c *counter) Write(p []byte) (int, error) {
	*c.n += int64(len(p))
	return len(p), nil
}

func (c *counter) Close() error { return nil }

func TestOptionsAreChecked(t *testing.T) {
	for _, opts := range []Options{
		{Managers: 0, RepsPerManager: 6, Months: 6, Out: "x"},
		{Managers: 1, RepsPerManager: 1, Months: 6, Out: "x"},
		{Managers: 1, RepsPerManager: 6, Months: 0, Out: "x"},
		{Managers: 1, RepsPerManager: 6, Months: MaxMonths + 1, Out: "x"},
		{Managers: 1, RepsPerManager: 6, Months: 6, Out: "x", Format: "pipedrive"},
		{Managers: 1, RepsPerManager: 6, Months: 6},
		{Managers: 1, RepsPerManager: 6, Months: 6, Out: "x", End: DefaultEnd.Add(time.Hour)},
	} {
		if _, err := Generate(context.Background(), opts); err == nil {
			t.Errorf("%+v: no error", opts)
		}
	}
}

// TestTheSmallestCompany: one manager of two reps over a month.
func TestTheSmallestCompany(t *testing.T) {
	opts := Options{Managers: 1, RepsPerManager: 2, Months: 1, Seed: 1, Out: t.TempDir()}
	truth, err := Generate(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(truth.FirstLineManagers) != 1 || len(truth.Directors) != 1 || truth.Rows[fileTask] == 0 {
		t.Errorf("truth %+v", truth)
	}
	if _, err := ReadTruth(filepath.Join(opts.Out, TruthFile)); err != nil {
		t.Error(err)
	}
}

func TestGenerationStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, Options{Managers: 3, RepsPerManager: 3, Months: 1, Seed: 1, Out: t.TempDir()}); err == nil {
		t.Error("no error from a cancelled generation")
	}
}
