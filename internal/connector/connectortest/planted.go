package connectortest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
)

// Outcome is what a fixture generator planted in one record it wrote, and
// so what the connector must make of it: load it, skip it for a reason,
// or reject it naming a field. A generator's record type embeds it.
type Outcome struct {
	// Skip is the reason the connector must skip the record; "" loads it.
	Skip string
	// RejectField is set when the connector must reject the record,
	// naming this field ("" for a record that cannot be read at all: not
	// an object, not well-formed CSV).
	RejectField *string
	// Attendees is the number of attendees a loaded activity must carry.
	Attendees int
}

// loaded reports whether the connector must make a record of it.
func (o Outcome) loaded() bool { return o.RejectField == nil && o.Skip == "" }

// outcome lets Outcomes find the Outcome a record type embeds.
func (o Outcome) outcome() Outcome { return o }

// Outcomes is the Outcome of each of records, whose type embeds Outcome.
func Outcomes[R interface{ outcome() Outcome }](records []R) []Outcome {
	out := make([]Outcome, len(records))
	for i, r := range records {
		out[i] = r.outcome()
	}
	return out
}

// PlantedFile is one file of a generated export as its expectations see
// it: the kind its loaded records become, and each record's outcome with
// the line it starts on.
type PlantedFile struct {
	Name string
	Kind plugin.RecordKind
	// Ignored is set for a file the connector does not read.
	Ignored  bool
	Outcomes []Outcome
	// Lines are the lines the records start on, one per outcome.
	Lines []int64
}

// A GeneratedFile is a file a fixture generator writes, the records of
// which it planted.
type GeneratedFile interface {
	Planted() PlantedFile
}

// Planted makes a PlantedFile a GeneratedFile, for a generator whose files
// cannot say what they hold on their own.
func (f PlantedFile) Planted() PlantedFile { return f }

// ExpectedSummary is what the connector must report for files, per file
// it reads, counted from the generator's own account of each record.
func ExpectedSummary[F GeneratedFile](files []F) map[string]plugin.FileSummary {
	want := map[string]plugin.FileSummary{}
	for _, gf := range files {
		f := gf.Planted()
		if f.Ignored {
			continue
		}
		s := plugin.FileSummary{File: f.Name, RowsRead: int64(len(f.Outcomes)), Records: map[plugin.RecordKind]int64{}, RowsSkipped: map[string]int64{}}
		for _, o := range f.Outcomes {
			switch {
			case o.RejectField != nil:
				s.RowsRejected++
			case o.Skip != "":
				s.RowsSkipped[o.Skip]++
			default:
				s.Records[f.Kind]++
			}
		}
		want[f.Name] = s
	}
	return want
}

// PlantedRejects are the rejects the connector must report for files, as
// file:line:field, sorted.
func PlantedRejects[F GeneratedFile](files []F) []string {
	var out []string
	for _, gf := range files {
		f := gf.Planted()
		for i, o := range f.Outcomes {
			if o.RejectField != nil {
				out = append(out, fmt.Sprintf("%s:%d:%s", f.Name, f.Lines[i], *o.RejectField))
			}
		}
	}
	slices.Sort(out)
	return out
}

// PlantedAttendees is the number of attendees the activities loaded from
// files must carry between them.
func PlantedAttendees[F GeneratedFile](files []F) int {
	n := 0
	for _, gf := range files {
		for _, o := range gf.Planted().Outcomes {
			if o.loaded() {
				n += o.Attendees
			}
		}
	}
	return n
}

// CheckFileMatches compares the files a connector's Check says it would
// read with the generated files: it wants every file the connector reads,
// with its kind and a record estimate within a quarter of the truth, and
// none of the files it ignores.
func CheckFileMatches[F GeneratedFile](t testing.TB, got []plugin.FileMatch, files []F) {
	t.Helper()
	want := ExpectedSummary(files)
	if len(got) != len(want) {
		t.Errorf("files %v, want %d", got, len(want))
	}
	kinds := map[string]plugin.RecordKind{}
	for _, f := range files {
		planted := f.Planted()
		kinds[planted.Name] = planted.Kind
	}
	for _, f := range got {
		w, ok := want[f.File]
		if !ok {
			t.Errorf("%s is not a page the connector reads", f.File)
			continue
		}
		if f.Kind != kinds[f.File] {
			t.Errorf("%s: kind %s, want %s", f.File, f.Kind, kinds[f.File])
		}
		if f.SizeBytes <= 0 || f.EstimatedRows < w.RowsRead*3/4 || f.EstimatedRows > w.RowsRead*5/4 {
			t.Errorf("%s: %d bytes, ~%d records; it has %d", f.File, f.SizeBytes, f.EstimatedRows, w.RowsRead)
		}
	}
}

// CheckRejects compares the rejects a connector reported with the ones
// the generator planted (file:line:field, as PlantedRejects lists them),
// and wants each to carry an excerpt, a reason and a kind.
func CheckRejects(t testing.TB, got []plugin.Reject, want []string) {
	t.Helper()
	var rejects []string
	for _, r := range got {
		rejects = append(rejects, fmt.Sprintf("%s:%d:%s", r.File, r.Line, r.Field))
		if r.Raw == "" || r.Reason == "" || r.Kind == "" {
			t.Errorf("reject %s:%d has no excerpt, reason or kind: %+v", r.File, r.Line, r)
		}
	}
	slices.Sort(rejects)
	if !slices.Equal(rejects, want) {
		t.Errorf("rejects\n got %v\nwant %v", rejects, want)
	}
}
