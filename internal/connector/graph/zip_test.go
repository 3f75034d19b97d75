package graph

import (
	"os"
	"path/filepath"
	"testing"
	"time"

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
	entry := "mailboxes/jan.petersen@nordlicht-mb.example/calendarView.json"
	zipped := connectortest.Zip(t, map[string][]byte{entry: page}, time.Time{})
	if err := os.WriteFile(archive, zipped, 0o644); err != nil {
		t.Fatalf("writing %s: %v", archive, err)
	}
	got, _ := connectortest.Read(t, New(), archive, nil)
	if len(got.Rejected) != 0 || len(got.Activities) != 1 || got.Activities[0].OwnerID != "jan.petersen@nordlicht-mb.example" {
		t.Errorf("activities %+v, rejects %+v; want the event, Jan's", got.Activities, got.Rejected)
	}
}
