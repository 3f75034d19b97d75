package graph

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// In a .zip, a page whose @odata.context names its user by object ID is
// the calendar of the folder it is saved in, when that is an address.
func TestMailboxFromArchiveFolder(t *testing.T) {
	page, err := os.ReadFile(filepath.Join(fixturesRoot, "broken", "unsorted_calendarView.json"))
	if err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "mailboxes.zip")
	f, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("mailboxes/jan.petersen@nordlicht-mb.example/calendarView.json")
	if err == nil {
		_, err = w.Write(page)
	}
	if err != nil || zw.Close() != nil || f.Close() != nil {
		t.Fatalf("writing %s: %v", archive, err)
	}
	got, _ := connectortest.Read(t, New(), archive, nil)
	if len(got.Rejected) != 0 || len(got.Activities) != 1 || got.Activities[0].OwnerID != "jan.petersen@nordlicht-mb.example" {
		t.Errorf("activities %+v, rejects %+v; want the event, Jan's", got.Activities, got.Rejected)
	}
}
