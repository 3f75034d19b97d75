package plugintest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// The kit reads what a connector sends as the host does: from the spooled
// files. This is the spool format read back (see the SDK's SpoolWriter):
// NULL is an empty unquoted field, a text is quoted when it must be
// (quotes doubled), times are UTC in DuckDB's ISO form.

// field is one value of a spooled row; null tells NULL from "".
type field struct {
	text string
	null bool
}

// spoolRows reads a spooled file's rows.
func spoolRows(path string) ([][]field, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows [][]field
	var row []field
	for i := 0; i < len(data); {
		var f field
		if data[i] == '"' {
			var b strings.Builder
			i++
			for {
				if i >= len(data) {
					return nil, fmt.Errorf("%s: a quoted text does not end", path)
				}
				if data[i] == '"' {
					if i+1 < len(data) && data[i+1] == '"' {
						b.WriteByte('"')
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(data[i])
				i++
			}
			f.text = b.String()
		} else {
			j := i
			for j < len(data) && data[j] != ',' && data[j] != '\n' {
				j++
			}
			f.text, f.null = string(data[i:j]), j == i
			i = j
		}
		row = append(row, f)
		if i >= len(data) {
			return nil, fmt.Errorf("%s: the last row does not end with a line break", path)
		}
		switch data[i] {
		case ',':
			i++
		case '\n':
			rows = append(rows, row)
			row = nil
			i++
		default:
			return nil, fmt.Errorf("%s: %q after a quoted text", path, data[i])
		}
	}
	return rows, nil
}

// spoolRow reads one row by column name, keeping the first error.
type spoolRow struct {
	index  map[string]int
	fields []field
	err    error
}

func (r *spoolRow) text(column string) string {
	i, ok := r.index[column]
	if !ok {
		r.fail(column, errors.New("no such column"))
		return ""
	}
	return r.fields[i].text
}

func (r *spoolRow) null(column string) bool {
	i, ok := r.index[column]
	return ok && r.fields[i].null
}

func (r *spoolRow) integer(column string) int64 {
	if r.null(column) {
		return 0
	}
	n, err := strconv.ParseInt(r.text(column), 10, 64)
	r.fail(column, err)
	return n
}

func (r *spoolRow) boolean(column string) bool {
	if r.null(column) {
		return false
	}
	b, err := strconv.ParseBool(r.text(column))
	r.fail(column, err)
	return b
}

func (r *spoolRow) float(column string) *float64 {
	if r.null(column) {
		return nil
	}
	v, err := strconv.ParseFloat(r.text(column), 64)
	r.fail(column, err)
	return &v
}

// time reads a TIMESTAMP or DATE as the spool writes them: ISO in UTC, a
// year of four digits or more, "(BC)" after a year before 1 AD.
func (r *spoolRow) time(column string) time.Time {
	if r.null(column) {
		return time.Time{}
	}
	s := r.text(column)
	// "(BC)" follows the day: "0044-03-15 (BC)", "0001-03-15 (BC) 12:30:00".
	day, clock, _ := strings.Cut(s, " ")
	clock, bc := strings.CutPrefix(clock, "(BC)")
	clock = strings.TrimSpace(clock)
	parts := strings.Split(day, "-")
	if len(parts) != 3 {
		r.fail(column, fmt.Errorf("%q is not a date", s))
		return time.Time{}
	}
	y, errY := strconv.Atoi(parts[0])
	m, errM := strconv.Atoi(parts[1])
	d, errD := strconv.Atoi(parts[2])
	if err := errors.Join(errY, errM, errD); err != nil {
		r.fail(column, err)
		return time.Time{}
	}
	if bc {
		y = 1 - y
	}
	var since time.Duration
	if clock != "" {
		c, err := time.Parse("15:04:05.999999", clock)
		if err != nil {
			r.fail(column, err)
			return time.Time{}
		}
		since = c.Sub(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Add(since)
}

// list reads a JSON array of texts; NULL is none.
func (r *spoolRow) list(column string) []string {
	if r.null(column) {
		return nil
	}
	var items []string
	r.fail(column, json.Unmarshal([]byte(r.text(column)), &items))
	return items
}

func (r *spoolRow) fail(column string, err error) {
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("column %s: %w", column, err)
	}
}

func (r *spoolRow) user() plugin.User {
	return plugin.User{
		ID: r.text("id"), Name: r.text("name"), Email: r.text("email"), Title: r.text("title"), Role: r.text("role"),
		ManagerID: r.text("manager_id"), Active: r.boolean("active"), JoinedAt: r.time("joined_at"),
		LeftAt: r.time("left_at"), ManagerFrom: r.text("manager_from"), ManagerCandidates: r.list("manager_candidates"),
		Line: r.integer("src_line"),
	}
}

func (r *spoolRow) account() plugin.Account {
	return plugin.Account{
		ID: r.text("id"), Name: r.text("name"), OwnerID: r.text("owner_id"), AnnualRevenue: r.float("annual_revenue"),
		Type: r.text("type"), Tier: r.text("tier"), Industry: r.text("industry"), Line: r.integer("src_line"),
	}
}

func (r *spoolRow) opportunity() plugin.Opportunity {
	return plugin.Opportunity{
		ID: r.text("id"), AccountID: r.text("account_id"), OwnerID: r.text("owner_id"), Name: r.text("name"),
		Stage: r.text("stage"), Amount: r.float("amount"), IsClosed: r.boolean("is_closed"), IsWon: r.boolean("is_won"),
		CloseDate: r.time("close_date"), CreatedAt: r.time("created_at"), Line: r.integer("src_line"),
	}
}

func (r *spoolRow) activity() plugin.Activity {
	return plugin.Activity{
		ID: r.text("id"), Kind: plugin.ActivityKind(r.text("kind")), Subject: r.text("subject"),
		OwnerID: r.text("owner_id"), AccountID: r.text("account_id"), OpportunityID: r.text("opportunity_id"),
		StartAt: r.time("start_at"), EndAt: r.time("end_at"), DurationSeconds: r.integer("duration_seconds"),
		Status: r.text("status"), IsClosed: r.boolean("is_closed"), Priority: plugin.Priority(r.text("priority")),
		DueDate: r.time("due_date"), CompletedAt: r.time("completed_at"), RawType: r.text("raw_type"),
		Private: r.boolean("private"), Line: r.integer("src_line"),
	}
}

func (r *spoolRow) attendee() plugin.Attendee {
	return plugin.Attendee{
		ActivityID: r.text("activity_id"), UserID: r.text("user_id"), ContactID: r.text("contact_id"),
		Email: r.text("email"), Name: r.text("name"), Internal: r.boolean("internal"),
		Organizer: r.boolean("organizer"), Response: r.text("response"), Line: r.integer("src_line"),
	}
}

// readSpooled reads a spooled file's rows as records of its table, calling
// add with each and the input file it came from.
func readSpooled(f plugin.SpooledFile, add func(file string, r *spoolRow) error) error {
	table, ok := plugin.SpoolTableNamed(f.Table)
	if !ok {
		return fmt.Errorf("%s: no table %q", f.Path, f.Table)
	}
	rows, err := spoolRows(f.Path)
	if err != nil {
		return err
	}
	if int64(len(rows)) != f.Rows {
		return fmt.Errorf("%s holds %d rows but the connector said %d", f.Path, len(rows), f.Rows)
	}
	index := make(map[string]int, len(table.Columns))
	for i, c := range table.Columns {
		index[c] = i
	}
	for n, fields := range rows {
		if len(fields) != len(table.Columns) {
			return fmt.Errorf("%s row %d: %d fields, %s has %d columns", f.Path, n+1, len(fields), table.Name, len(table.Columns))
		}
		r := &spoolRow{index: index, fields: fields}
		file := r.text("src_file")
		if err := add(file, r); err != nil {
			return err
		}
		if r.err != nil {
			return fmt.Errorf("%s row %d: %w", f.Path, n+1, r.err)
		}
	}
	return nil
}
