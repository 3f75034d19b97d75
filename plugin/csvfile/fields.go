package csvfile

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// Column is a column of a file that a mapping reads, looked up once in
// the header by its labels rather than on every row.
type Column struct {
	// Name is the header as the file writes it, or the first label
	// looked for when the file lacks the column: what a reject names.
	Name string
	// Index is the column's index, -1 when the file lacks it: its cells
	// then read as empty.
	Index int
}

// Present reports whether the file has the column.
func (c Column) Present() bool { return c.Index >= 0 }

// Lookup is the first of labels the header has, matched as Column
// matches (exports of one product label a field differently by version
// or language). A file without any is a Column that is not Present,
// named after the first label.
func (r *Reader) Lookup(labels ...string) Column {
	for _, label := range labels {
		if i := r.Column(label); i >= 0 {
			return Column{Name: r.header[i], Index: i}
		}
	}
	return Column{Name: labels[0], Index: -1}
}

// ColumnsWithPrefix lists the columns whose header starts with prefix,
// without regard to case: a multi-value field exported one column a
// label ("Person - Email - Work", "Person - Email - Home").
func (r *Reader) ColumnsWithPrefix(prefix string) []Column {
	var out []Column
	for i, h := range r.header {
		if len(h) >= len(prefix) && strings.EqualFold(h[:len(prefix)], prefix) {
			out = append(out, Column{Name: h, Index: i})
		}
	}
	return out
}

// Cells reads the cells of one row for a mapping that follows the SDK's
// row protocol: the first value that cannot be read is kept in Err, a
// *plugin.RowError naming its column, so that a mapping reads every column
// and checks once, as apipages.Fields does for the records of a page.
type Cells struct {
	Row
	Err *plugin.RowError
}

// Text is the cell of column c, trimmed; empty when the file lacks it.
func (c *Cells) Text(col Column) string { return strings.TrimSpace(c.Field(col.Index)) }

// First is the first of columns with a value, and the value; a Column
// that is not Present when none has one.
func (c *Cells) First(columns []Column) (Column, string) {
	for _, col := range columns {
		if s := c.Text(col); s != "" {
			return col, s
		}
	}
	return Column{Index: -1}, ""
}

// Fail keeps the first value that cannot be read, naming the column.
func (c *Cells) Fail(name, format string, args ...any) {
	if c.Err == nil {
		c.Err = plugin.FieldError(name, format, args...)
	}
}
