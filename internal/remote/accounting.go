package remote

import (
	"fmt"
	"sort"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// received counts what arrived of a Read, per input file: the records of
// each kind (as the spooled files declare them) and the rejects.
type received struct {
	Records plugin.RecordCounts
	Rejects map[string]int64
}

func newReceived() *received {
	return &received{Records: plugin.RecordCounts{}, Rejects: map[string]int64{}}
}

// checkSummary is the row accounting of a read, the one place it is checked: for
// every file of the summary, the records and rejects received are those
// the summary declares, and every row read became a record, a reject or a
// skip (rows read = records + rejected + skipped); nothing arrived from a
// file the summary leaves out. The host loads nothing that fails it.
func checkSummary(s plugin.Summary, got *received) error {
	var problems []string
	seen := map[string]bool{}
	for _, f := range s.Files {
		seen[f.File] = true
		for _, k := range plugin.RecordKinds {
			if got, want := got.Records[f.File][k], f.Records[k]; got != want {
				problems = append(problems, fmt.Sprintf("%s: received %d %s records, summary says %d", f.File, got, k, want))
			}
		}
		if got := got.Rejects[f.File]; got != f.RowsRejected {
			problems = append(problems, fmt.Sprintf("%s: received %d rejects, summary says %d", f.File, got, f.RowsRejected))
		}
		if accounted := f.RecordsTotal() + f.RowsRejected + f.SkippedTotal(); accounted != f.RowsRead {
			problems = append(problems, fmt.Sprintf("%s: %d rows read but %d loaded + %d rejected + %d skipped", f.File, f.RowsRead, f.RecordsTotal(), f.RowsRejected, f.SkippedTotal()))
		}
	}
	for file := range got.Records {
		if !seen[file] {
			problems = append(problems, fmt.Sprintf("%s: records received but the file is not in the summary", file))
		}
	}
	for file := range got.Rejects {
		if !seen[file] {
			problems = append(problems, fmt.Sprintf("%s: rejects received but the file is not in the summary", file))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("%w: %s", ErrSummaryMismatch, strings.Join(problems, "; "))
	}
	return nil
}
