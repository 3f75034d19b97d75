package duckdb

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Rows reach DuckDB as CSV files it loads itself with COPY, not through
// duckdb-go's Appender: the Appender makes a cgo call per value (eighteen an
// activity), which cost the host more CPU than DuckDB's own parallel CSV
// reader takes to parse and store the same rows (BENCHMARKS.md, "Ingest").
// Each table's rows are written to a file of their own, cut every
// spoolFileBytes, and a file is loaded while the next one is written, so
// encoding and loading overlap and the disk used stays within a few files
// (the size of a file does not change DuckDB's cost; a small one shortens
// the load left after the last record arrives). It is a variable for
// tests, which cut files small.
var spoolFileBytes = 64 << 20

const (
	// spoolQueue is how many cut files may wait for COPY; the writer
	// blocks beyond it, so a slow load holds the records back instead of
	// filling the disk.
	spoolQueue = 1
	// DuckDB's CSV reader refuses a line longer than max_line_size (2 MB
	// by default) and reads in buffers of buffer_size, which must hold the
	// longest line; both are raised per file only when a record needs it.
	defaultMaxLineBytes = 2 << 20
	defaultBufferBytes  = 32 << 20
)

// spool writes rows as CSV files into a temporary directory and loads them
// into their tables with COPY on the load's connection, in the order
// written. Only its copier goroutine uses the connection until finish or
// abandon returns.
type spool struct {
	dir    string
	files  map[string]*spoolFile
	jobs   chan copyJob
	cancel context.CancelFunc
	done   chan struct{}
	closed bool

	mu  sync.Mutex
	err error
}

// copyJob is a finished file to load.
type copyJob struct {
	table     string
	path      string
	longest   int
	multiline bool
}

// spoolFile is the file a table's rows are being written to.
type spoolFile struct {
	path      string
	file      *os.File
	w         *bufio.Writer
	size      int
	longest   int
	multiline bool
}

// newSpool starts the copier for a load of the database at dbPath; exec
// runs a statement on the load's connection.
func newSpool(ctx context.Context, dbPath string, exec func(context.Context, string) error) (*spool, error) {
	parent, err := spoolParent(dbPath)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, ".salesaudit-load-")
	if err != nil {
		return nil, fmt.Errorf("creating a directory for the bulk load: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &spool{
		dir: dir, files: map[string]*spoolFile{},
		jobs: make(chan copyJob, spoolQueue), cancel: cancel, done: make(chan struct{}),
	}
	go s.copy(ctx, exec)
	return s, nil
}

// spoolParent is where a load keeps its files: beside the database, on
// the disk the user chose for it (where DuckDB spills too, and not a
// /tmp that may live in memory), or in the system's temporary directory
// for a database in memory. DuckDB's COPY reads a path holding *, ? or [
// as a pattern, so such a directory is passed over.
func spoolParent(dbPath string) (string, error) {
	candidates := []string{os.TempDir()}
	if dbPath != MemoryPath && dbPath != "" {
		candidates = append([]string{filepath.Dir(dbPath)}, candidates...)
	}
	for _, dir := range candidates {
		abs, err := filepath.Abs(dir)
		if err == nil && !strings.ContainsAny(abs, "*?[") {
			return abs, nil
		}
	}
	return "", fmt.Errorf("no directory for the bulk load's files: %s hold *, ? or [, which DuckDB reads as a pattern",
		strings.Join(candidates, " and "))
}

// copy loads each finished file in turn and deletes it. After a failure it
// goes on deleting the files it is handed, so that writers never block.
func (s *spool) copy(ctx context.Context, exec func(context.Context, string) error) {
	defer close(s.done)
	for job := range s.jobs {
		if s.failed() == nil {
			if err := exec(ctx, copyStatement(job)); err != nil {
				s.fail(fmt.Errorf("bulk-loading %s: %w", job.table, err))
			}
		}
		_ = os.Remove(job.path)
	}
}

// copyStatement reads the dialect csvRow writes. A file holding a text
// with a line break is read by one thread: DuckDB's parallel reader starts
// its threads at guessed row boundaries and can fail, or misread, when a
// guess lands inside a quoted line break (duckdb/duckdb#24237, #25164).
// Subjects rarely hold one, so most files are read in parallel.
func copyStatement(job copyJob) string {
	maxLine := max(defaultMaxLineBytes, job.longest+1)
	buffer := max(defaultBufferBytes, 2*maxLine)
	return fmt.Sprintf("COPY %s FROM %s (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', "+
		"NULL '', ALLOW_QUOTED_NULLS false, AUTO_DETECT false, MAX_LINE_SIZE %d, BUFFER_SIZE %d, PARALLEL %t)",
		job.table, quote(job.path), maxLine, buffer, !job.multiline)
}

// write appends a CSV line to table's current file, handing the file to
// the copier once it is big enough. A failed COPY is not its error to
// report (the line is not the one that failed): Load checks failed.
func (s *spool) write(table string, line []byte, multiline bool) error {
	f, err := s.file(table)
	if err != nil {
		return err
	}
	if _, err := f.w.Write(line); err != nil {
		return fmt.Errorf("writing %s for the bulk load: %w", f.path, err)
	}
	f.size += len(line)
	f.longest = max(f.longest, len(line))
	f.multiline = f.multiline || multiline
	if f.size >= spoolFileBytes {
		return s.cut(table)
	}
	return nil
}

func (s *spool) file(table string) (*spoolFile, error) {
	if f := s.files[table]; f != nil {
		return f, nil
	}
	file, err := os.CreateTemp(s.dir, table+"-*.csv")
	if err != nil {
		return nil, fmt.Errorf("creating a file for the bulk load of %s: %w", table, err)
	}
	f := &spoolFile{path: file.Name(), file: file, w: bufio.NewWriterSize(file, 1<<20)}
	s.files[table] = f
	return f, nil
}

// cut closes table's current file and queues it for loading.
func (s *spool) cut(table string) error {
	f := s.files[table]
	if f == nil {
		return nil
	}
	delete(s.files, table)
	err := f.w.Flush()
	if cerr := f.file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.path)
		return fmt.Errorf("writing %s for the bulk load: %w", f.path, err)
	}
	s.jobs <- copyJob{table: table, path: f.path, longest: f.longest, multiline: f.multiline}
	return nil
}

// finish loads what is left, in table order, and waits for the copier.
func (s *spool) finish(tables []string) error {
	var errs []error
	for _, table := range tables {
		if err := s.cut(table); err != nil {
			errs = append(errs, err)
		}
	}
	s.stop()
	errs = append(errs, s.failed())
	return errors.Join(errs...)
}

// abandon stops loading, interrupting a COPY under way, and removes the
// files.
func (s *spool) abandon() {
	s.cancel()
	for table, f := range s.files {
		_ = f.file.Close()
		delete(s.files, table)
	}
	s.stop()
}

// stop closes the queue, waits for the copier and removes the directory.
func (s *spool) stop() {
	if !s.closed {
		s.closed = true
		close(s.jobs)
	}
	<-s.done
	s.cancel()
	_ = os.RemoveAll(s.dir)
}

func (s *spool) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

func (s *spool) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}
