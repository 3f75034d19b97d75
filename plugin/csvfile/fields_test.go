package csvfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLookupAndCells(t *testing.T) {
	data := "Deal - ID,deal - title,Person - Email - Work,Person - Email - Home\n7, Fleet ,,ann@example.com\n"
	r, err := NewReader(strings.NewReader(data), "deals.csv", int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, title := r.Lookup("Deal - ID"), r.Lookup("Deal - Name", "Deal - Title")
	missing := r.Lookup("Deal - Value", "Value")
	if id != (Column{"Deal - ID", 0}) || title != (Column{"deal - title", 1}) || missing != (Column{"Deal - Value", -1}) {
		t.Errorf("columns %+v %+v %+v", id, title, missing)
	}
	if !id.Present() || missing.Present() {
		t.Error("Present is wrong")
	}
	emails := r.ColumnsWithPrefix("person - email")
	if len(emails) != 2 || emails[0].Name != "Person - Email - Work" || emails[1].Index != 3 {
		t.Errorf("ColumnsWithPrefix = %+v", emails)
	}
	row, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	c := &Cells{Row: row}
	if c.Text(id) != "7" || c.Text(title) != "Fleet" || c.Text(missing) != "" {
		t.Errorf("Text: %q %q %q", c.Text(id), c.Text(title), c.Text(missing))
	}
	if col, s := c.First(emails); col.Name != "Person - Email - Home" || s != "ann@example.com" {
		t.Errorf("First = %+v %q", col, s)
	}
	if col, s := c.First(nil); col.Present() || s != "" {
		t.Errorf("First(none) = %+v %q", col, s)
	}
	c.Fail(title.Name, "%q is too short", "Fleet")
	c.Fail(id.Name, "second")
	if c.Err == nil || c.Err.Field != "deal - title" || c.Err.Reason != `"Fleet" is too short` {
		t.Errorf("Err = %+v, want the first failure", c.Err)
	}
	if _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("Next = %v, want io.EOF", err)
	}
}

func TestOpenPath(t *testing.T) {
	p := filepath.Join(t.TempDir(), "managers.csv")
	if err := os.WriteFile(p, []byte("user,manager\nann,bob\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := OpenPath(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Name() != p || !r.HasColumn("manager") || r.Size() != 21 {
		t.Errorf("reader %s %v %d", r.Name(), r.Header(), r.Size())
	}
	if row, err := r.Next(); err != nil || row.Field(1) != "bob" {
		t.Errorf("row %v %v", row.Fields, err)
	}
	if err := r.Close(); err != nil {
		t.Error(err)
	}
	if _, err := OpenPath(filepath.Join(t.TempDir(), "missing.csv"), Options{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
