package duckdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofrs/flock"

	"github.com/salesaudit/salesaudit/plugin"
)

// Rows reach DuckDB as CSV files in the spool format (plugin.SpoolWriter)
// that DuckDB loads itself, not through duckdb-go's Appender: the Appender
// makes a cgo call per value (eighteen an activity), which cost the host
// more CPU than DuckDB's own parallel CSV reader takes to parse and store
// the same rows (BENCHMARKS.md, "Ingest"). A connector writes the files
// itself in the spool directory the host gives it, which spares the host
// decoding records at all; rejects, which arrive as messages, and records
// a test holds in memory (Load.Batch) are written by the host. Files are
// loaded in the order they are finished while the next ones are written,
// so writing and loading overlap.
const (
	// spoolQueue is how many finished files may wait for loading; the
	// stream waits beyond it, so a slow load holds the records back instead
	// of filling the disk.
	spoolQueue = 1
	// DuckDB's CSV reader refuses a line longer than max_line_size (2 MB
	// by default) and reads in buffers of buffer_size, which must hold the
	// longest line; both are raised per file only when a record needs it.
	// Buffers of 32 MB, half a spool file: with DuckDB's default the
	// same files took a third more CPU, and a buffer as big as the file
	// leaves one of the two threads idle (measured on 5 M activities).
	defaultMaxLineBytes = 2 << 20
	defaultBufferBytes  = 32 << 20
)

// spoolFileBytes is where the host cuts the files it writes itself; a
// variable for tests, which cut files small.
var spoolFileBytes = plugin.SpoolFileBytes

// spool loads spooled files into their tables on the load's connection,
// in the order given. Only its copier goroutine uses the connection until
// finish or abandon returns.
type spool struct {
	dir string
	// lock is held while the load runs (see removeLeftovers); nil where
	// the file system cannot lock.
	lock *flock.Flock
	// connectorDir is where the connector writes; hostDir holds the files
	// the host writes and those it has taken from the connector, which
	// are moved out of the connector's reach before they are checked.
	connectorDir, hostDir string
	insert                func(plugin.SpooledFile) string
	// atStreamEnd runs on the copier before the first file it loads
	// once the stream has ended (streamEnded), or not at all when none
	// is left.
	atStreamEnd func(context.Context) error
	streamEnded atomic.Bool
	jobs        chan plugin.SpooledFile
	cancel      context.CancelFunc
	done        chan struct{}
	closed      bool

	mu  sync.Mutex
	err error
}

// newSpool starts the copier for a load of the database at dbPath; insert
// gives the statement that loads a file, exec runs a statement on the
// load's connection.
func newSpool(ctx context.Context, dbPath string, insert func(plugin.SpooledFile) string, exec func(context.Context, string) (int64, error), atStreamEnd func(context.Context) error) (*spool, error) {
	parent, err := spoolParent(dbPath)
	if err != nil {
		return nil, err
	}
	// Best effort: a leftover that cannot be removed (another user's, say)
	// costs disk, not correctness.
	_ = removeLeftovers(parent, time.Now())
	dir, err := os.MkdirTemp(parent, spoolPrefix)
	if err != nil {
		return nil, fmt.Errorf("creating a directory for the bulk load: %w", err)
	}
	lock := lockSpool(dir)
	s := &spool{dir: dir, lock: lock, connectorDir: filepath.Join(dir, "connector"), hostDir: filepath.Join(dir, "host"),
		insert: insert, atStreamEnd: atStreamEnd}
	for _, d := range []string{s.connectorDir, s.hostDir} {
		if err := os.Mkdir(d, 0o700); err != nil {
			s.unlock()
			_ = os.RemoveAll(dir)
			return nil, fmt.Errorf("creating a directory for the bulk load: %w", err)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	s.jobs, s.cancel, s.done = make(chan plugin.SpooledFile, spoolQueue), cancel, make(chan struct{})
	go s.copy(ctx, exec)
	return s, nil
}

// take moves a file the connector finished into the host's directory, out
// of the connector's reach, and checks it is still a regular file there.
func (s *spool) take(f plugin.SpooledFile) (plugin.SpooledFile, error) {
	path := filepath.Join(s.hostDir, filepath.Base(f.Path))
	if err := os.Rename(f.Path, path); err != nil {
		return f, fmt.Errorf("taking the spooled file %s: %w", f.Path, err)
	}
	f.Path = path
	info, err := os.Lstat(path)
	if err != nil {
		return f, fmt.Errorf("taking the spooled file %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return f, fmt.Errorf("the spooled file %s is not a regular file", path)
	}
	return f, nil
}

// spoolParent is where a load keeps its files: beside the database, on
// the disk the user chose for it (where DuckDB spills too, and not a
// /tmp that may live in memory), or in the system's temporary directory
// for a database in memory. DuckDB reads a path holding *, ? or [ as a
// pattern, so such a directory is passed over.
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

// copy loads each file in turn and deletes it. After a failure it goes on
// deleting the files it is handed, so that writers never block.
//
// The copier keeps to one OS thread, which ends with it. While the
// connector streams, DuckDB runs on one thread and does the load's work
// on the thread that calls it. Go would otherwise move the goroutine
// between OS threads from one call to the next, and the host's memory
// grew with them (likely DuckDB's allocator keeping memory per thread):
// at 20 M activities its peak was 636-762 MiB, and 504-599 MiB pinned.
func (s *spool) copy(ctx context.Context, exec func(context.Context, string) (int64, error)) {
	runtime.LockOSThread() // never unlocked: the thread exits with the goroutine
	defer close(s.done)
	ending := s.atStreamEnd
	for f := range s.jobs {
		if ending != nil && s.streamEnded.Load() && s.failed() == nil {
			if err := ending(ctx); err != nil {
				s.fail(err)
			}
			ending = nil
		}
		if s.failed() == nil {
			rows, err := exec(ctx, s.insert(f))
			switch {
			case err != nil:
				s.fail(fmt.Errorf("bulk-loading %s: %w", f.Table, err))
			case rows != f.Rows:
				s.fail(fmt.Errorf("bulk-loading %s: the file held %d rows but %d were declared", f.Table, rows, f.Rows))
			}
		}
		_ = os.Remove(f.Path)
	}
}

// readCSV is the read_csv call for a spooled file of table. A file holding
// a text with a line break is read by one thread: DuckDB's parallel reader
// starts its threads at guessed row boundaries and can fail, or misread,
// when a guess lands inside a quoted line break (duckdb/duckdb#24237,
// #25164). Subjects rarely hold one, so most files are read in parallel.
//
// Every part of the dialect is given, none left to DuckDB's sniffer: with
// the line ending left out, a text holding a bare CR or a quoted CRLF in a
// file's first rows made DuckDB take "\r" for the line ending, and the
// whole file failed to load ("CSV Parser state machine reached an invalid
// state"). The SDK's csvRow ends every row with "\n".
func readCSV(table spoolTable, f plugin.SpooledFile) string {
	maxLine := max(defaultMaxLineBytes, f.LongestLine+1)
	buffer := max(defaultBufferBytes, 2*maxLine)
	cols := make([]string, len(table.Columns))
	for i, c := range table.Columns {
		cols[i] = quote(c) + ": " + quote(table.Types[i])
	}
	return fmt.Sprintf("read_csv(%s, header = false, delim = ',', quote = '\"', escape = '\"', new_line = '\\n', "+
		"comment = '', skip = 0, strict_mode = true, nullstr = '', allow_quoted_nulls = false, auto_detect = false, "+
		"max_line_size = %d, buffer_size = %d, parallel = %t, columns = {%s})",
		quote(f.Path), maxLine, buffer, !f.Multiline, strings.Join(cols, ", "))
}

// load queues a finished file; it waits while the queue is full.
func (s *spool) load(f plugin.SpooledFile) {
	s.jobs <- f
}

// unlock releases the directory's lock (before the directory goes:
// Windows removes no open file).
func (s *spool) unlock() {
	if s.lock != nil {
		_ = s.lock.Close()
	}
}

// endStream says that the connector has sent its last file: the files
// loaded from now on get the database's full thread count.
func (s *spool) endStream() {
	s.streamEnded.Store(true)
}

// finish waits for the files queued to be loaded.
func (s *spool) finish() error {
	s.endStream()
	s.stop()
	return s.failed()
}

// abandon stops loading, interrupting a COPY under way, and removes the
// files.
func (s *spool) abandon() {
	s.cancel()
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
	s.unlock()
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
