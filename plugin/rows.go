package plugin

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// The row protocol. A connector's work is to map one row of an export to
// a record; the rest (counting rows, stopping when cancelled, reporting
// progress, turning a row that cannot be read into a reject that names its
// line and field, and telling the host how many rows were read) is the
// same for every connector, so the SDK runs it: ReadRows and Table call a
// function that maps one row, and that function says what became of the
// row by what it returns.
//
//	nil           the row was sent as a record (or records)
//	*RowError     the row is rejected: Field and Reason name what is wrong
//	Skip(reason)  the row is deliberately not loaded, counted under reason
//	other errors  the Read stops: the input as a whole cannot be read

// RowError is a value that cannot be read: returned by a row's mapping,
// it makes the row a reject naming the field, at the row's line and with
// an excerpt of it, and reading goes on with the next row.
type RowError struct {
	// Field is the field as the file names it (a column, a JSON member).
	Field  string
	Reason string
}

func (e *RowError) Error() string { return e.Field + ": " + e.Reason }

// FieldError returns a *RowError for field, the reason formatted as by
// fmt.Sprintf.
func FieldError(field, format string, args ...any) *RowError {
	return &RowError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// skipped is a row deliberately not loaded.
type skipped struct{ reason string }

func (s *skipped) Error() string { return "skipped: " + s.reason }

// Skip is the outcome of a row deliberately not loaded (a deleted record,
// a copy of one already read): the host shows the user how many rows were
// skipped for each reason, so the reason should say why in a few words.
func Skip(reason string) error { return &skipped{reason} }

// SkipReason is the reason of a Skip outcome; ok is false for any other
// error.
func SkipReason(err error) (reason string, ok bool) {
	var s *skipped
	if errors.As(err, &s) {
		return s.reason, true
	}
	return "", false
}

// MalformedRow is a row a RowSource cannot even split into fields (a
// stray quote in a CSV file, a line that is not JSON). ReadRows rejects it
// with its line and goes on: it is one bad row, not a bad input.
type MalformedRow struct {
	File   string
	Line   int64
	Reason string
	// Raw is an excerpt of the row as it is in the file.
	Raw string
	Err error
}

func (e *MalformedRow) Error() string {
	return fmt.Sprintf("%s line %d: %s", e.File, e.Line, e.Reason)
}

func (e *MalformedRow) Unwrap() error { return e.Err }

// RowSource is an input file read one row at a time, as ReadRows reads
// it. Package csvfile's Reader and package apipages' Reader are
// RowSources, as is LineReader; a connector for another format writes
// its own.
type RowSource[R any] interface {
	// Next returns the next row, io.EOF after the last one, a
	// *MalformedRow for a row to reject before going on, and any other
	// error when the file cannot be read further.
	Next() (R, error)
	// Line is the line of the file where row starts, for its reject.
	Line(row R) int64
	// Excerpt is the row as written, for the person fixing the export;
	// it is asked for only when the row is rejected.
	Excerpt(row R) string
	// Position is how many bytes of the file have been read and its
	// size, for progress reports.
	Position() (read, size int64)
}

// RowsPerCheck is how many rows Table reads between checks for
// cancellation and progress reports: often enough that Ctrl-C stops a
// Read at once, rarely enough to cost nothing on millions of rows.
const RowsPerCheck = 256

// RowOutput is where Table accounts for a file's rows: a *FileWriter, or
// a stand-in in a connector's own tests.
type RowOutput interface {
	Reject(Reject) error
	Skip(reason string)
	Progress(bytesRead, bytesTotal, rowsRead int64) error
	Done(rowsRead int64) error
}

// FileOutput is all a FileWriter does, for a connector's own tests to
// stand in for one.
type FileOutput interface {
	RowOutput
	User(User) error
	Account(Account) error
	Opportunity(Opportunity) error
	Activity(Activity) error
	Attendee(Attendee) error
}

var (
	_ FileOutput     = (*FileWriter)(nil)
	_ DecodingOutput = (*FileWriter)(nil)
)

// DecodingSource is a RowSource that decodes text and can say how, as
// csvfile.Reader does.
type DecodingSource interface {
	Decoding() Decoding
}

// DecodingOutput is a RowOutput that keeps a file's Decoding for its
// summary, as FileWriter does. It is a separate interface so that a
// connector's stand-in RowOutput need not implement it.
type DecodingOutput interface {
	SetDecoding(Decoding)
}

// reportDecoding hands the decoding of a file read to its end to the
// output, when both sides know of it.
func reportDecoding[R any](out RowOutput, rows RowSource[R]) {
	src, ok := rows.(DecodingSource)
	if !ok {
		return
	}
	if dst, ok := out.(DecodingOutput); ok {
		dst.SetDecoding(src.Decoding())
	}
}

// Table reads the rows of one input file into records: the read loop of
// every connector, with room for a mapping that needs more than one
// function.
type Table[R any] struct {
	// Out is the file's writer (the mapping sends records to it too).
	Out RowOutput
	// Kind is the kind of record the rows are, for rejects.
	Kind RecordKind
	// Map maps one row (see the row protocol above).
	Map func(row R) error
	// NotLoaded, when set, hears of every row rejected or skipped by
	// Map, for mappings whose later rows or files depend on it.
	NotLoaded func(row R)
	// Finish, when set, runs after the last row, before the file is
	// marked done: for records sent only once every row is known.
	Finish func() error
}

// Read reads every row of rows and accounts for each (a record, a reject
// or a skip), checking ctx and reporting progress every few hundred rows,
// then runs Finish and marks the file done with the number of rows read.
func (t Table[R]) Read(ctx context.Context, rows RowSource[R]) error {
	n, err := t.Scan(ctx, rows)
	if err != nil {
		return err
	}
	if t.Finish != nil {
		if err := t.Finish(); err != nil {
			return err
		}
	}
	return t.Out.Done(n)
}

// Scan reads and settles every row as Read does but leaves the file open:
// it neither runs Finish nor marks the file done, and returns the number
// of rows read. It is for a file whose records wait for later files (the
// connector then sends them and calls Done itself).
func (t Table[R]) Scan(ctx context.Context, rows RowSource[R]) (int64, error) {
	var n int64
	for {
		if n%RowsPerCheck == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			read, size := rows.Position()
			if err := t.Out.Progress(read, size, n); err != nil {
				return n, err
			}
		}
		row, err := rows.Next()
		if errors.Is(err, io.EOF) {
			reportDecoding(t.Out, rows)
			return n, nil
		}
		var malformed *MalformedRow
		if errors.As(err, &malformed) {
			n++
			if err := t.Out.Reject(Reject{Line: malformed.Line, Reason: malformed.Reason, Raw: malformed.Raw, Kind: t.Kind}); err != nil {
				return n, err
			}
			continue
		}
		if err != nil {
			return n, err
		}
		n++
		if err := t.settle(rows, row, t.Map(row)); err != nil {
			return n, err
		}
	}
}

// settle turns the outcome of a row not loaded into a reject or a skip;
// other errors stop the Read.
func (t Table[R]) settle(rows RowSource[R], row R, outcome error) error {
	if outcome == nil {
		return nil
	}
	var bad *RowError
	reason, skip := SkipReason(outcome)
	if !skip && !errors.As(outcome, &bad) {
		return outcome
	}
	if t.NotLoaded != nil {
		t.NotLoaded(row)
	}
	if skip {
		t.Out.Skip(reason)
		return nil
	}
	return t.Out.Reject(Reject{Line: rows.Line(row), Field: bad.Field, Reason: bad.Reason, Raw: rows.Excerpt(row), Kind: t.Kind})
}

// ReadRows reads every row of one input file with mapRow, the common case
// of Table: see the row protocol above.
func ReadRows[R any](ctx context.Context, out RowOutput, kind RecordKind, rows RowSource[R], mapRow func(row R) error) error {
	return Table[R]{Out: out, Kind: kind, Map: mapRow}.Read(ctx, rows)
}
