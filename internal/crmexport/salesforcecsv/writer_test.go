package salesforcecsv

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

var small = Object{File: "Task.csv", Columns: []string{"Id", "WhoId", "Subject", "IsClosed", "ActivityDate", "CreatedDate", "Amount", "Count"},
	Lookups: []string{"WhoId"}}

func writeSmall(t *testing.T, d Dialect, row func(w *Writer)) string {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, d, small)
	row(w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func sampleRow(w *Writer) {
	w.String("00T000000000001AAA")
	w.String("")
	w.Join("Call ", `"Hans"`, "\nback")
	w.Bool(true)
	w.Date(time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC))
	w.DateTime(time.Date(2026, 2, 3, 10, 7, 9, 0, time.FixedZone("CET", 3600)))
	w.Number(1250000.5)
	w.Int(42)
	w.EndRow()
}

// TestDataExport: every field quoted, quotes doubled, newlines kept,
// CRLF, 0/1, UTC datetimes without a zone, the null sentinel in an empty
// lookup, the header in the object's column order.
func TestDataExport(t *testing.T) {
	got := writeSmall(t, DataExport, sampleRow)
	want := `"Id","WhoId","Subject","IsClosed","ActivityDate","CreatedDate","Amount","Count"` + "\r\n" +
		`"00T000000000001AAA","000000000000000AAA","Call ""Hans""` + "\n" + `back","1","2026-02-03","2026-02-03 09:07:09","1250000.5","42"` + "\r\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestDataLoader: a BOM, UPPERCASE headers, LF, true/false, ISO 8601
// times, empty lookups left empty.
func TestDataLoader(t *testing.T) {
	got := writeSmall(t, DataLoader, sampleRow)
	want := "\uFEFF" + `"ID","WHOID","SUBJECT","ISCLOSED","ACTIVITYDATE","CREATEDDATE","AMOUNT","COUNT"` + "\n" +
		`"00T000000000001AAA","","Call ""Hans""` + "\n" + `back","true","2026-02-03","2026-02-03T09:07:09.000Z","1250000.5","42"` + "\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestEmptyValues: zero times and empty text are empty fields; only a
// lookup gets the sentinel, AccountId-like fields stay empty.
func TestEmptyValues(t *testing.T) {
	got := writeSmall(t, DataExport, func(w *Writer) {
		w.String("")
		w.Join("", "")
		w.String("")
		w.Bool(false)
		w.Date(time.Time{})
		w.DateTime(time.Time{})
		w.String("")
		w.Int(0)
		w.EndRow()
	})
	row := strings.SplitN(got, "\r\n", 2)[1]
	if want := `"","000000000000000AAA","","0","","","","0"` + "\r\n"; row != want {
		t.Errorf("row %q, want %q", row, want)
	}
}

func TestWindows1252(t *testing.T) {
	d := DataExport
	d.Windows1252 = true
	got := writeSmall(t, d, func(w *Writer) {
		w.String("x")
		w.String("y")
		w.String("Reunión – 5 €")
		for range 5 {
			w.String("")
		}
		w.EndRow()
	})
	if !strings.Contains(got, "\"Reuni\xf3n \x96 5 \x80\"") {
		t.Errorf("not Windows-1252: %q", got)
	}

	var b bytes.Buffer
	w := NewWriter(&b, d, Object{Columns: []string{"Subject"}})
	w.String("日本")
	w.EndRow()
	if err := w.Close(); err == nil {
		t.Error("a character Windows-1252 lacks was written without an error")
	}
}

func TestLines(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, DataExport, Object{Columns: []string{"Description"}})
	if w.Line() != 2 {
		t.Fatalf("first row on line %d, want 2", w.Line())
	}
	w.String("a\nb\nc")
	w.EndRow()
	w.String("d")
	w.EndRow()
	if w.Line() != 6 || w.Rows() != 2 {
		t.Errorf("line %d rows %d, want 6 and 2", w.Line(), w.Rows())
	}
}

func TestRowOutOfStepWithHeader(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, DataExport, Object{Columns: []string{"Id", "Name"}})
	w.String("x")
	w.EndRow()
	if err := w.Close(); err == nil {
		t.Error("a row with a field missing was written without an error")
	}
}

func TestSelect(t *testing.T) {
	o := Event.Select("Id", "StartDateTime", "WhoId")
	if o.File != "Event.csv" || len(o.Columns) != 3 || len(Event.Columns) == 3 {
		t.Fatalf("Select: %+v", o)
	}
	var b bytes.Buffer
	w := NewWriter(&b, DataExport, o)
	w.String("00U")
	w.String("")
	w.String("")
	w.EndRow()
	w.Close()
	if !strings.HasSuffix(b.String(), `"00U","","000000000000000AAA"`+"\r\n") {
		t.Errorf("lookups do not follow the selected columns: %q", b.String())
	}
}

// TestObjects: no column twice, and every lookup is a column.
func TestObjects(t *testing.T) {
	for _, o := range []Object{UserRole, User, Account, Contact, Lead, Opportunity, OpportunityHistory, Task, Event, EventRelation} {
		seen := map[string]bool{}
		for _, c := range o.Columns {
			if seen[c] {
				t.Errorf("%s: %s twice", o.File, c)
			}
			seen[c] = true
		}
		for _, l := range o.Lookups {
			if !seen[l] {
				t.Errorf("%s: lookup %s is no column", o.File, l)
			}
		}
		if seen["AccountId"] && slices.Contains(o.Lookups, "AccountId") {
			t.Errorf("%s: AccountId is left empty, not given the sentinel", o.File)
		}
	}
}
