// Package orgfile reads and writes the org file: the organisation as HR
// knows it, one person a row, which beats what the CRM says about who
// manages whom, titles, and hire and leave dates. People and managers are
// named by CRM user ID, e-mail or name, matched as the audit matches them.
package orgfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

// Entry is one person of an org file. Empty fields say nothing: the CRM's
// value stands.
type Entry struct {
	// Line is the line of the file the row is on.
	Line int64 `json:"line"`
	// Person, Email and ID name the person: any of them, matched in this
	// order of trust (ID, e-mail, name).
	Person string `json:"person"`
	Email  string `json:"email"`
	ID     string `json:"id"`
	// Manager names the person's manager by CRM ID, e-mail or name.
	Manager   string    `json:"manager"`
	Title     string    `json:"title"`
	HireDate  time.Time `json:"hire_date"`
	LeaveDate time.Time `json:"leave_date"`
}

// Columns are the org file's columns, in the order Write writes them. Read
// matches them without regard to case and ignores any other column (an HR
// export has many).
var Columns = []string{"person", "email", "id", "manager", "title", "hire_date", "leave_date"}

// Read reads the org file at path. An error names the file, the line and
// the column.
func Read(path string) ([]Entry, error) {
	r, err := csvfile.OpenPath(path, csvfile.Options{})
	if err != nil {
		return nil, fmt.Errorf("org file %s: %w", path, err)
	}
	defer r.Close()
	cols := map[string]csvfile.Column{}
	for _, c := range Columns {
		cols[c] = r.Lookup(c)
	}
	if !cols["person"].Present() && !cols["email"].Present() && !cols["id"].Present() {
		return nil, fmt.Errorf("org file %s: the header has none of person, email, id: nothing names the people (columns: %s)",
			path, strings.Join(Columns, ", "))
	}
	var entries []Entry
	var problems []error
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("org file %s: %w", path, err)
		}
		e, err := entryOf(row, cols)
		if err != nil {
			problems = append(problems, fmt.Errorf("org file %s line %d: %w", path, row.Line, err))
			continue
		}
		if e.Person != "" || e.Email != "" || e.ID != "" {
			entries = append(entries, e)
		}
	}
	// A bad date in an HR file is fixed in the file, not guessed at: every
	// bad row is named at once.
	if err := errors.Join(problems...); err != nil {
		return nil, err
	}
	return entries, nil
}

func entryOf(row csvfile.Row, cols map[string]csvfile.Column) (Entry, error) {
	text := func(name string) string { return strings.TrimSpace(row.Field(cols[name].Index)) }
	e := Entry{Line: row.Line, Person: text("person"), Email: text("email"), ID: text("id"),
		Manager: text("manager"), Title: text("title")}
	var err error
	if e.HireDate, err = day(cols["hire_date"].Name, text("hire_date")); err != nil {
		return Entry{}, err
	}
	if e.LeaveDate, err = day(cols["leave_date"].Name, text("leave_date")); err != nil {
		return Entry{}, err
	}
	return e, nil
}

func day(column, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %q is not a date as YYYY-MM-DD", column, s)
	}
	return t, nil
}

// Write writes entries as an org file, header first.
func Write(w io.Writer, entries []Entry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for _, e := range entries {
		if err := cw.Write([]string{e.Person, e.Email, e.ID, e.Manager, e.Title, date(e.HireDate), date(e.LeaveDate)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
