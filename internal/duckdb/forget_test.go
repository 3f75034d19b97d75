package duckdb

import (
	"strings"
	"testing"
)

func TestAForgottenSourceLoadsAfreshAndOthersStay(t *testing.T) {
	db := openTestDB(t)
	batches, rejects, summary := fixture()
	for _, source := range []string{"crm", "calendar"} {
		if _, err := load(t, db, source, batches, rejects, summary); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := db.Forget(t.Context(), "crm")
	if err != nil {
		t.Fatal(err)
	}
	if removed["users"] != 2 || removed["activities"] != 1 || removed["activity_attendees"] != 1 ||
		removed["rejects"] != 1 || removed["ingest_runs"] != 1 || removed["ingest_files"] != 2 {
		t.Errorf("removed %v", removed)
	}
	for _, table := range sourceTables {
		if n := count(t, db, "SELECT count(*) FROM "+table+" WHERE source = 'crm'"); n != 0 {
			t.Errorf("%s keeps %d rows of the forgotten source", table, n)
		}
		if n := count(t, db, "SELECT count(*) FROM "+table+" WHERE source = 'calendar'"); n != removed[table] {
			t.Errorf("%s holds %d rows of the other source, loaded alike, want %d", table, n, removed[table])
		}
	}
	_, err = db.Forget(t.Context(), "crm")
	if err == nil || !strings.Contains(err.Error(), `no source named "crm"`) || !strings.Contains(err.Error(), "calendar") {
		t.Errorf("forgetting it again: %v, want the sources named", err)
	}
	// Nothing of the last load is left to compare with: no refusal.
	if _, err := loadCounts(t, db, 0, 0, ""); err != nil {
		t.Errorf("loading a forgotten source again: %v", err)
	}
}
