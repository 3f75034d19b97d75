package plugin

import (
	"context"
	"testing"
	"time"

	pb "github.com/salesaudit/salesaudit/plugin/proto"
)

// BenchmarkSpoolActivity measures the SDK's cost per activity in spool
// mode, the connector's share of a large ingest beside its parsing.
func BenchmarkSpoolActivity(b *testing.B) {
	w := newWriter(context.Background(), func(*pb.ReadResponse) error { return nil }, b.TempDir())
	f := w.File("Task.csv")
	start := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	a := Activity{ID: "00T4x0000BPhfv2EQB", Kind: ActivityEmail, Subject: "Email: Weekly sales update",
		OwnerID: "0054x0000BdTtVqAQK", StartAt: start, Status: "Completed", IsClosed: true, Priority: PriorityNormal,
		DueDate: start, CompletedAt: start, RawType: "Email", Line: 2,
		Attendees: []Attendee{{ContactID: "0034x001FaWt0pwAIB"}}}
	b.ReportAllocs()
	for b.Loop() {
		if err := f.Activity(a); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	w.spool.Discard()
	_ = w.close()
}
