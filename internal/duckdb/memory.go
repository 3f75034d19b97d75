package duckdb

import (
	"context"
	"fmt"

	"github.com/salesaudit/salesaudit/plugin"
)

// LoadMemory loads records held in memory as one committed run of source,
// each batch an input file whose every row became a record. Tests and the
// classification corpus (internal/corpus) build organisations this way,
// without a connector process; run names the run and its start.
func (db *DB) LoadMemory(ctx context.Context, source string, run Run, batches ...*Batch) error {
	l, err := db.BeginLoad(ctx, source)
	if err != nil {
		return err
	}
	for _, batch := range batches {
		n := int64(batch.Len())
		if n == 0 {
			continue
		}
		if err := l.Batch(batch); err != nil {
			l.Rollback()
			return err
		}
		run.Summary.Files = append(run.Summary.Files, plugin.FileSummary{File: batch.File, RowsRead: n, Records: batch.records()})
	}
	if _, err := l.Commit(ctx, run); err != nil {
		return fmt.Errorf("loading %s from memory: %w", source, err)
	}
	return nil
}

// records counts the batch's records by kind, as a connector's file
// summary does.
func (b *Batch) records() map[plugin.RecordKind]int64 {
	out := map[plugin.RecordKind]int64{}
	for kind, n := range map[plugin.RecordKind]int{
		plugin.KindUser: len(b.Users), plugin.KindAccount: len(b.Accounts), plugin.KindOpportunity: len(b.Opportunities),
		plugin.KindActivity: len(b.Activities), plugin.KindAttendee: len(b.Attendees),
	} {
		if n > 0 {
			out[kind] = int64(n)
		}
	}
	return out
}
