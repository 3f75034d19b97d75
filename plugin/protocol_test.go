package plugin_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/remote"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// scripted is a connector whose Read is a function, for protocol tests.
type scripted struct {
	read func(ctx context.Context, w *plugin.Writer) error
}

func (s scripted) Info(context.Context) (plugin.Info, error) {
	return plugin.Info{Name: "scripted", Version: "1", Kinds: []plugin.RecordKind{plugin.KindActivity}}, nil
}

func (s scripted) Check(context.Context, string) (plugin.CheckResult, error) {
	return plugin.CheckResult{Accepted: true, Confidence: 50, Files: []plugin.FileMatch{{File: "a.csv", Kind: plugin.KindActivity, EstimatedRows: 3}}}, nil
}

func (s scripted) Read(ctx context.Context, _ plugin.ReadRequest, w *plugin.Writer) error {
	return s.read(ctx, w)
}

// countingSink counts the spooled files that arrive.
type countingSink struct {
	plugintest.Collector
	files int
}

func (c *countingSink) Spooled(f plugin.SpooledFile) error {
	c.files++
	return c.Collector.Spooled(f)
}

func TestRecordsArriveInSpooledFilesWithEveryField(t *testing.T) {
	const n = 20000
	start := time.Date(2026, 1, 5, 8, 30, 0, 0, time.UTC)
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		f := w.File("Task.csv")
		for i := range n {
			err := f.Activity(plugin.Activity{
				ID: "t" + strconv.Itoa(i), Kind: plugin.ActivityCall,
				Subject: "Llamada con São Paulo", OwnerID: "u1", StartAt: start, EndAt: start.Add(time.Minute),
				DurationSeconds: 60, Priority: plugin.PriorityHigh, IsClosed: true, DueDate: start,
				Attendees: []plugin.Attendee{{ContactID: "c1", Name: "Zoë"}}, Line: int64(i + 2),
			})
			if err != nil {
				return err
			}
		}
		return f.Done(n)
	}}
	remote := plugintest.Connect(t, c)
	var sink countingSink
	summary, err := remote.Read(context.Background(), plugin.ReadRequest{Path: "x"}, &sink)
	if err != nil {
		t.Fatal(err)
	}
	if len(sink.Activities) != n || summary.Totals()[plugin.KindActivity] != n {
		t.Fatalf("got %d activities, summary %v", len(sink.Activities), summary.Totals())
	}
	if sink.files != 2 {
		t.Errorf("%d records came in %d files: want one file for the activities and one for their attendees", n, sink.files)
	}
	a := sink.Activities[n-1]
	if a.Subject != "Llamada con São Paulo" || !a.StartAt.Equal(start) || a.Priority != plugin.PriorityHigh ||
		a.Kind != plugin.ActivityCall || a.Attendees[0].Name != "Zoë" || a.Line != n+1 || !a.IsClosed {
		t.Errorf("activity lost fields in transit: %+v", a)
	}
}

func TestAConnectorErrorReachesTheHostWithoutASummary(t *testing.T) {
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		_ = w.File("a.csv").Activity(plugin.Activity{ID: "1", Kind: plugin.ActivityTask})
		return errors.New("disk on fire")
	}}
	_, err := plugintest.Connect(t, c).Read(context.Background(), plugin.ReadRequest{}, &plugintest.Collector{})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("err = %v, want the connector's error", err)
	}
}

func TestAFileNeverMarkedDoneIsAnError(t *testing.T) {
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		return w.File("a.csv").Activity(plugin.Activity{ID: "1", Kind: plugin.ActivityTask})
	}}
	_, err := plugintest.Connect(t, c).Read(context.Background(), plugin.ReadRequest{}, &plugintest.Collector{})
	if err == nil || !strings.Contains(err.Error(), "a.csv was never marked done") {
		t.Fatalf("err = %v", err)
	}
}

func TestRowsThatDoNotAddUpAreRefused(t *testing.T) {
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		f := w.File("a.csv")
		_ = f.Activity(plugin.Activity{ID: "1", Kind: plugin.ActivityTask})
		_ = f.Reject(plugin.Reject{Line: 3, Reason: "bad"})
		f.Skip("deleted")
		return f.Done(4) // one row unaccounted for
	}}
	_, err := plugintest.Connect(t, c).Read(context.Background(), plugin.ReadRequest{}, &plugintest.Collector{})
	if !errors.Is(err, remote.ErrSummaryMismatch) || !strings.Contains(err.Error(), "a.csv: 4 rows read but 1 loaded + 1 rejected + 1 skipped") {
		t.Fatalf("err = %v", err)
	}
}

func TestRejectsAndSkipsAreAccounted(t *testing.T) {
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		f := w.File("a.csv")
		_ = f.Activity(plugin.Activity{ID: "1", Kind: plugin.ActivityTask, Line: 2})
		_ = f.Reject(plugin.Reject{Line: 3, Field: "ActivityDate", Reason: "not a date", Raw: strings.Repeat("r", 2000)})
		f.Skip("deleted in Salesforce")
		return f.Done(3)
	}}
	got, summary, err := plugintest.ReadAll(t, c, plugin.ReadRequest{})
	if err != nil {
		t.Fatal(err)
	}
	r := got.Rejected[0]
	if r.File != "a.csv" || r.Line != 3 || r.Field != "ActivityDate" || len(r.Raw) > 600 {
		t.Errorf("reject = %+v (raw %d bytes)", r, len(r.Raw))
	}
	if s := summary.Files[0]; s.RowsSkipped["deleted in Salesforce"] != 1 || s.RowsRejected != 1 || s.RowsRead != 3 {
		t.Errorf("summary = %+v", s)
	}
}

func TestInfoAndCheckCrossTheWire(t *testing.T) {
	remote := plugintest.Connect(t, scripted{})
	info, err := remote.Info(context.Background())
	if err != nil || info.Name != "scripted" || info.ProtocolVersion != plugin.ProtocolVersion || info.Kinds[0] != plugin.KindActivity {
		t.Errorf("info = %+v, %v", info, err)
	}
	res, err := remote.Check(context.Background(), "/x")
	if err != nil || !res.Accepted || res.Confidence != 50 || res.Files[0].EstimatedRows != 3 {
		t.Errorf("check = %+v, %v", res, err)
	}
}

// Every field of a file's Decoding reaches the host.
func TestDecodingCrossesTheWire(t *testing.T) {
	var want plugin.Decoding
	fill(&want)
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		f := w.File("a.csv")
		f.SetDecoding(want)
		return f.Done(0)
	}}
	_, summary, err := plugintest.ReadAll(t, c, plugin.ReadRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary.Files[0].Decoding; got != want {
		t.Errorf("decoding = %+v, want %+v", got, want)
	}
}

// A CSV file read through plugin.ReadRows reports how its lines were
// decoded without the connector doing anything: Table hands the reader's
// account to the file's writer.
func TestCSVDecodingReachesTheSummary(t *testing.T) {
	text := "Id,Subject\n" +
		"1,Reuni\xF3n\n" + // Windows-1252
		"2,BOGOT\xC3\x81\n" + // UTF-8
		"3,M\x81ller\n" + // undefined in Windows-1252: kept as U+0081
		"4,plain\n"
	c := scripted{read: func(ctx context.Context, w *plugin.Writer) error {
		f := w.File("a.csv")
		r, err := csvfile.NewReader(strings.NewReader(text), "a.csv", int64(len(text)), csvfile.Options{})
		if err != nil {
			return err
		}
		return plugin.ReadRows(ctx, f, plugin.KindActivity, r, func(row csvfile.Row) error {
			return f.Activity(plugin.Activity{ID: row.Field(0), Subject: row.Field(1), Kind: plugin.ActivityTask, Line: row.Line})
		})
	}}
	got, summary, err := plugintest.ReadAll(t, c, plugin.ReadRequest{})
	if err != nil {
		t.Fatal(err)
	}
	want := plugin.Decoding{UTF8Lines: 1, SingleByteLines: 2, SingleByte: "windows-1252", C1Kept: 1}
	if d := summary.Files[0].Decoding; d != want {
		t.Errorf("decoding = %+v, want %+v", d, want)
	}
	var subjects []string
	for _, a := range got.Activities {
		subjects = append(subjects, a.Subject)
	}
	if strings.Join(subjects, "|") != "Reunión|BOGOTÁ|M\u0081ller|plain" {
		t.Errorf("subjects = %q", subjects)
	}
}
