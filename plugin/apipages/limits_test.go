package apipages

import (
	"errors"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest/hostile"
)

// A record of 256 MB (one string of gigabytes) stops
// the page at its line once it passes the row limit, without holding it
// whole; the records before it were read.
func TestARecordOverTheLimitStopsThePageWithinARowOfMemory(t *testing.T) {
	var ids []int64
	var err error
	peak := hostile.PeakHeap(func() {
		page := hostile.Line("{\"results\": [\n{\"id\": 1},\n{\"id\": 2, \"notes\": \"", "x", 256<<20, "\"},\n{\"id\": 3}]}\n")
		_, err = Each(page, []string{"results"}, func(r Record) error {
			ids = append(ids, r.Line)
			return nil
		})
	})
	var tooLarge *RecordTooLargeError
	if !errors.As(err, &tooLarge) || tooLarge.Line != 3 || len(ids) != 1 {
		t.Fatalf("err = %v after records at lines %v, want the record of line 3 too large after line 2's", err, ids)
	}
	// A row's buffers grow by doubling and garbage waits for the GC: about
	// 110 MB measured (a string decoded whole before the limit); 160 MB leaves room
	// for a loaded machine and stays well under a connector's 256 MB.
	if peak > 160<<20 {
		t.Errorf("reading a 256 MB record took %d MB of heap, want at most 160 MB", peak>>20)
	}
}
