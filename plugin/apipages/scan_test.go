package apipages

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// rowLog is a stand-in for a file's output.
type rowLog struct {
	rejects, skips int
	done           []int64
}

func (l *rowLog) Reject(plugin.Reject) error   { l.rejects++; return nil }
func (l *rowLog) Skip(string)                  { l.skips++ }
func (l *rowLog) Progress(_, _, _ int64) error { return nil }
func (l *rowLog) Done(rows int64) error        { l.done = append(l.done, rows); return nil }

func TestScanPageLeavesTheFileOpen(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "owners.json"), []byte(`{"results": [{"id": "1"}, {"id": "2"}, "not an owner", {"id": "3"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := export.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	f, _ := src.Find("owners.json")
	var out rowLog
	var ids []string
	finished := false
	rows, err := ScanPage(context.Background(), src, f, Page{Keys: []string{"results"}}, plugin.Table[Record]{Out: &out, Kind: plugin.KindUser,
		Map: func(rec Record) error {
			fields, err := NewFields(rec.Line, rec.Raw, "")
			if err != nil {
				return err
			}
			if id := fields.Text("id"); id != "2" {
				ids = append(ids, id)
				return nil
			}
			return plugin.Skip("held back")
		},
		Finish: func() error { finished = true; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if rows != 4 || len(ids) != 2 || out.rejects != 1 || out.skips != 1 || !finished {
		t.Errorf("rows %d, mapped %v, %d rejects, %d skips, finished %v; want 4 rows, [1 3], 1 reject, 1 skip, finished", rows, ids, out.rejects, out.skips, finished)
	}
	if len(out.done) != 0 {
		t.Errorf("the file was marked done (%v): the caller does that once its records are sent", out.done)
	}
}
