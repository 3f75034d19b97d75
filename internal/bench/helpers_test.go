//go:build bench

package bench

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/cli"
	"github.com/salesaudit/salesaudit/internal/duckdb"
)

// salesaudit runs the command line in-process, as a user would run it.
func salesaudit(b *testing.B, args ...string) string {
	b.Helper()
	var stdout, stderr bytes.Buffer
	if code := cli.Run(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		b.Fatalf("salesaudit %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// elapsed times f.
func elapsed(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

// sqlTime times a statement on a fresh database file.
func sqlTime(b *testing.B, path, statement string) time.Duration {
	b.Helper()
	db, err := duckdb.Open(context.Background(), path, duckdb.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	return elapsed(func() {
		if _, err := db.SQL().Exec(statement); err != nil {
			b.Fatal(err)
		}
	})
}

// queryTime times a query and reads all its rows.
func queryTime(b *testing.B, db *sql.DB, query string) time.Duration {
	b.Helper()
	return elapsed(func() {
		rows, err := db.Query(query)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
	})
}

// execTime times one statement on a connection.
func execTime(b *testing.B, conn *sql.Conn, query string) time.Duration {
	b.Helper()
	return elapsed(func() {
		if _, err := conn.ExecContext(context.Background(), query); err != nil {
			b.Fatal(err)
		}
	})
}

// onlyFiles makes a directory holding links to some files of an export.
func onlyFiles(b *testing.B, export string, files ...string) string {
	b.Helper()
	dir := b.TempDir()
	for _, f := range files {
		if err := os.Symlink(filepath.Join(export, f), filepath.Join(dir, f)); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// countRows counts the data rows of a generated export's file.
func countRows(b *testing.B, export, file string) int64 {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(export, "truth.json"))
	if err != nil {
		b.Fatal(err)
	}
	// The truth lists the rows written per file; a tiny parse suffices.
	key := `"` + file + `": `
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		b.Fatalf("truth.json has no row count for %s", file)
	}
	rest := data[i+len(key):]
	end := bytes.IndexAny(rest, ",\n}")
	n, err := strconv.ParseInt(strings.TrimSpace(string(rest[:end])), 10, 64)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// peakRSS samples the resident memory of this process and its children
// (the connector) until stopped, and returns the largest sum seen, in
// bytes.
type peakRSS struct {
	mu   sync.Mutex
	peak int64
	stop chan struct{}
	done chan struct{}
}

func watchRSS() *peakRSS {
	p := &peakRSS{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			p.sample()
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

func (p *peakRSS) sample() {
	self := os.Getpid()
	total := rssOf(strconv.Itoa(self))
	for _, child := range childrenOf(self) {
		total += rssOf(child)
	}
	p.mu.Lock()
	p.peak = max(p.peak, total)
	p.mu.Unlock()
}

// Stop ends the sampling and returns the peak.
func (p *peakRSS) Stop() int64 {
	close(p.stop)
	<-p.done
	return p.peak
}

func rssOf(pid string) int64 {
	data, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func childrenOf(pid int) []string {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var out []string
	want := strconv.Itoa(pid)
	for _, path := range stats {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		// Fields after the command (in parentheses): state, then ppid.
		fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
		if len(fields) > 1 && fields[1] == want {
			out = append(out, filepath.Base(filepath.Dir(path)))
		}
	}
	return out
}
