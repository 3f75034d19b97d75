package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/plugin"
)

// Counts on the ingest's screen are written one way: with thousands
// separators from five digits on, in the table, the reasons for skipped
// rows and the records line alike.
func TestTheIngestReportWritesCountsAlike(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	files := []duckdb.FileResult{{
		File: "EventRelation.csv", RowsRead: 438112, RowsLoaded: 282931,
		RowsSkipped: map[string]int64{"a \"what\" relation": 155181},
	}}
	if err := writeFileTable(&out, files); err != nil {
		t.Fatal(err)
	}
	records := recordCounts(map[plugin.RecordKind]int64{plugin.KindAccount: 4270, plugin.KindAttendee: 282931})
	text := out.String() + records
	for _, want := range []string{"438,112", "282,931", "EventRelation.csv: 155,181 a \"what\" relation", "4270 accounts", "282,931 attendees"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "155181") {
		t.Errorf("a count is written without separators:\n%s", text)
	}
}
