package salesforce

import (
	"context"
	"os"
	"testing"

	"github.com/salesaudit/salesaudit/internal/generate"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// BenchmarkReadExport measures the connector's share of an ingest: reading
// a generated Data Export and writing its records as spool files, as it
// does when the host asks for them. The host's loading is not included
// (internal/bench measures the whole ingest). It reports the time per
// activity.
func BenchmarkReadExport(b *testing.B) {
	dir := b.TempDir()
	opts := generate.Options{Managers: 6, RepsPerManager: 8, Months: 12, Seed: 1, Out: dir}
	if _, err := generate.Generate(context.Background(), opts); err != nil {
		b.Fatal(err)
	}
	remote := plugintest.Connect(b, New())
	sink := &discardingSink{dir: b.TempDir()}
	b.ResetTimer()
	for b.Loop() {
		sink.activities = 0
		if _, err := remote.Read(context.Background(), plugin.ReadRequest{Path: dir}, sink); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if sink.activities == 0 {
		b.Fatal("no activities were spooled")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(sink.activities)/float64(b.N), "ns/activity")
}

// discardingSink asks for spool files and deletes each as it comes,
// counting the activities.
type discardingSink struct {
	dir        string
	activities int64
}

func (s *discardingSink) Rejects([]plugin.Reject) error { return nil }

func (s *discardingSink) Progress(plugin.Progress) {}

func (s *discardingSink) SpoolDir() string { return s.dir }

func (s *discardingSink) Spooled(f plugin.SpooledFile) error {
	for _, kinds := range f.Records {
		s.activities += kinds[plugin.KindActivity]
	}
	return os.Remove(f.Path)
}
