package plugin

import (
	"slices"
	"testing"
)

// Every encoder writes exactly its table's columns of SpoolTables, in
// order: the names the host's store is held to (internal/duckdb tests the
// store's side).
func TestEveryEncoderWritesItsTablesColumns(t *testing.T) {
	w := NewSpoolWriter(t.TempDir(), SpoolFileBytes, func(SpooledFile) error { return nil })
	defer w.Discard()
	write := map[string]func() error{
		"users":              func() error { return w.User("f", &User{ID: "u"}) },
		"accounts":           func() error { return w.Account("f", &Account{ID: "a"}) },
		"opportunities":      func() error { return w.Opportunity("f", &Opportunity{ID: "o"}) },
		"activities":         func() error { return w.Activity("f", &Activity{ID: "t", Kind: ActivityCall}) },
		"activity_attendees": func() error { return w.Attendee("f", &Attendee{ActivityID: "t"}) },
		"rejects":            func() error { return w.Reject(&Reject{File: "f", Reason: "r"}) },
	}
	for _, table := range SpoolTables {
		var got []string
		w.row.columns = &got
		if err := write[table.Name](); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, table.Columns) {
			t.Errorf("%s: the encoder writes %v, the table is %v", table.Name, got, table.Columns)
		}
	}
}
