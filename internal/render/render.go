// Package render writes tables as terminal tables (olekukonko/tablewriter),
// Markdown, CSV or JSON.
package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Format is an output format.
type Format string

const (
	FormatTable    Format = "table"
	FormatMarkdown Format = "markdown"
	FormatCSV      Format = "csv"
	FormatJSON     Format = "json"
	// FormatHTML is for reports only: a table alone is written as the
	// terminal table.
	FormatHTML Format = "html"
)

// TerminalWidth is the width terminal tables wrap their cells to when the
// output is not a terminal (a file, a pipe, a test): readable in a
// 100-column terminal and in a pasted e-mail, and the same whoever runs it.
const TerminalWidth = 100

// MinTerminalWidth is the narrowest terminal width tables are fitted to:
// narrower, a table of several columns could no longer keep its words
// whole, and the terminal would break them anyway.
const MinTerminalWidth = 60

// FitWidth is the width to write terminal tables to: a terminal's own
// width (columns), but at least MinTerminalWidth, or TerminalWidth when
// the output is not a terminal (columns 0).
func FitWidth(columns int) int {
	if columns <= 0 {
		return TerminalWidth
	}
	return max(columns, MinTerminalWidth)
}

// Formats lists the formats a table can be written in.
var Formats = []Format{FormatTable, FormatCSV, FormatJSON, FormatMarkdown}

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == strings.ToLower(s) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q (use %s)", s, strings.Join(names, ", "))
}

// Wrap breaks text at spaces so that no line is longer than width, unless
// a single word is.
func Wrap(text string, width int) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(text) {
		n := len([]rune(word))
		if i > 0 {
			if line+1+n > width {
				b.WriteByte('\n')
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(word)
		line += n
	}
	return b.String()
}

// Table is a titled grid of values.
type Table struct {
	Title   string
	Columns []string
	Rows    [][]any
}

// Write writes the table in the format, a terminal table TerminalWidth
// wide at most.
func Write(w io.Writer, f Format, t *Table) error {
	return WriteWidth(w, f, t, TerminalWidth)
}

// WriteWidth writes the table in the format, a terminal table width wide
// at most (FitWidth).
func WriteWidth(w io.Writer, f Format, t *Table, width int) error {
	switch f {
	case FormatCSV:
		return writeCSV(w, t)
	case FormatJSON:
		return writeJSON(w, t)
	case FormatMarkdown:
		return writeGrid(w, t, tablewriter.WithRenderer(renderer.NewMarkdown()))
	default:
		for i, part := range splitToFit(t, width) {
			if i > 0 {
				if _, err := fmt.Fprintln(w); err != nil {
					return err
				}
			}
			if err := writeGrid(w, part, fitColumns(part, width)...); err != nil {
				return err
			}
		}
		return nil
	}
}

// splitToFit splits a table too wide for width even with its text
// columns wrapped (a rule × manager matrix of many managers) into tables
// of the first column and as many of the others as fit, in order: every
// part fits, and each row keeps its label.
func splitToFit(t *Table, width int) []*Table {
	_, floors := columnWidths(t)
	total := 1
	for _, f := range floors {
		total += f + 3
	}
	if total <= width || len(t.Columns) < 3 {
		return []*Table{t}
	}
	var parts []*Table
	for from := 1; from < len(t.Columns); {
		used := 1 + floors[0] + 3
		to := from
		for to < len(t.Columns) && (to == from || used+floors[to]+3 <= width) {
			used += floors[to] + 3
			to++
		}
		parts = append(parts, columnsOf(t, from, to))
		from = to
	}
	return parts
}

// columnsOf is the table's first column and its columns [from, to).
func columnsOf(t *Table, from, to int) *Table {
	part := &Table{Title: t.Title, Columns: append([]string{t.Columns[0]}, t.Columns[from:to]...)}
	for _, row := range t.Rows {
		part.Rows = append(part.Rows, append([]any{row[0]}, row[from:to]...))
	}
	return part
}

func writeGrid(w io.Writer, t *Table, opts ...tablewriter.Option) error {
	opts = append([]tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: alignments(t)}),
	}, opts...)
	table := tablewriter.NewTable(w, opts...)
	table.Header(toAnys(t.Columns)...)
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = Readable(v)
		}
		if err := table.Append(cells); err != nil {
			return err
		}
	}
	return table.Render()
}

// fitColumns narrows the widest text columns, wrapping them at spaces,
// until the table fits in width or no text column can give more. A column
// never gets narrower than its header or its longest word, so nothing is cut.
// (tablewriter's own WithMaxWidth narrows every column, even short ones.)
func fitColumns(t *Table, width int) []tablewriter.Option {
	widths, floors := columnWidths(t)
	total := 1 // the left border
	for _, w := range widths {
		total += w + 3 // padding and a border
	}
	narrowed := map[int]bool{}
	for total > width {
		widest := -1
		for i, w := range widths {
			if w > floors[i] && (widest < 0 || w > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		cut := min(total-width, widths[widest]-floors[widest])
		widths[widest] -= cut
		total -= cut
		narrowed[widest] = true
	}
	if len(narrowed) == 0 {
		return nil
	}
	perColumn := tw.NewMapper[int, int]()
	for col := range narrowed {
		perColumn.Set(col, widths[col]+2) // tablewriter's widths include padding
	}
	return []tablewriter.Option{tablewriter.WithColumnWidths(perColumn), tablewriter.WithRowAutoWrap(tw.WrapNormal)}
}

// columnWidths returns each column's natural width and the width it can
// wrap down to: its header's or its longest word's, at least 16.
func columnWidths(t *Table) (widths, floors []int) {
	const minWrapped = 16
	widths = make([]int, len(t.Columns))
	floors = make([]int, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = utf8.RuneCountInString(c)
		floors[i] = max(widths[i], minWrapped)
	}
	for _, row := range t.Rows {
		for i, v := range row {
			// Measured as shown: Readable's thousands separators widen it.
			for line := range strings.SplitSeq(Readable(v), "\n") {
				widths[i] = max(widths[i], utf8.RuneCountInString(line))
				for word := range strings.FieldsSeq(line) {
					floors[i] = max(floors[i], utf8.RuneCountInString(word))
				}
			}
		}
	}
	for i := range floors {
		floors[i] = min(floors[i], widths[i])
	}
	return widths, floors
}

// alignments right-aligns the columns that hold only numbers, so that
// digits line up.
func alignments(t *Table) []tw.Align {
	out := make([]tw.Align, len(t.Columns))
	for col := range t.Columns {
		out[col] = tw.AlignRight
		for _, row := range t.Rows {
			if !isNumber(row[col]) {
				out[col] = tw.AlignLeft
				break
			}
		}
	}
	return out
}

func isNumber(v any) bool {
	switch v.(type) {
	case nil, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return true
	}
	return false
}

func toAnys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func writeCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	record := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i, v := range row {
			record[i] = Cell(v)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeJSON writes an array of objects keyed by column name, keeping
// numbers and booleans as JSON numbers and booleans.
func writeJSON(w io.Writer, t *Table) error {
	rows := make([]orderedRow, len(t.Rows))
	for i, row := range t.Rows {
		rows[i] = orderedRow{columns: t.Columns, values: row}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

// orderedRow marshals as an object whose keys keep the column order.
type orderedRow struct {
	columns []string
	values  []any
}

func (r orderedRow) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, col := range r.columns {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(col)
		b.Write(key)
		b.WriteByte(':')
		val, err := json.Marshal(jsonValue(r.values[i]))
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", col, err)
		}
		b.Write(val)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return Cell(x)
	case []byte:
		return string(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
	}
	return v
}

// Readable is Cell with thousands separators in numbers of five digits or
// more, for tables and messages a person reads; CSV and JSON keep plain
// numbers for machines.
func Readable(v any) string {
	s := Cell(v)
	if !isNumber(v) || v == nil {
		return s
	}
	whole, fraction, _ := strings.Cut(s, ".")
	sign := ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}
	if len(whole) < 5 {
		return s
	}
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if fraction != "" {
		return sign + b.String() + "." + fraction
	}
	return sign + b.String()
}

// Cell formats a value for a text cell: NULL as empty, times in UTC without
// a zero time of day, floats without noise digits.
func Cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		x = x.UTC()
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.DateTime)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	default:
		return fmt.Sprint(x)
	}
}
