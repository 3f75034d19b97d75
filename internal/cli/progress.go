package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/salesaudit/salesaudit/plugin"
)

// progress shows how far an ingest has come: a progress bar (bytes, rate,
// ETA, rows; schollz/progressbar, well kept and able to throttle its own
// redraws) on a terminal, a plain line every few seconds elsewhere (CI
// logs, files), nothing with --quiet.
type progress struct {
	mu      sync.Mutex
	bar     *progressbar.ProgressBar
	plain   io.Writer
	every   time.Duration
	last    time.Time
	total   int64
	files   map[string]plugin.Progress
	started time.Time
}

// newProgress reports to w; total is the input's size in bytes, 0 when
// unknown.
func newProgress(w io.Writer, total int64, quiet bool) *progress {
	p := &progress{total: total, files: map[string]plugin.Progress{}, started: time.Now(), every: 5 * time.Second}
	switch {
	case quiet:
	case isTerminal(w):
		p.bar = progressbar.NewOptions64(max(total, 1),
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("Loading"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	default:
		p.plain = w
		p.last = p.started
	}
	return p
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}

// update takes a connector's progress report for one file.
func (p *progress) update(r plugin.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files[r.File] = r
	bytes, rows, total := p.sums()
	switch {
	case p.bar != nil:
		if total > p.total {
			p.bar.ChangeMax64(total)
			p.total = total
		}
		p.bar.Describe(fmt.Sprintf("Loading %s (%d rows)", r.File, rows))
		_ = p.bar.Set64(bytes)
	case p.plain != nil && time.Since(p.last) >= p.every:
		p.last = time.Now()
		fmt.Fprintln(p.plain, progressLine(bytes, max(total, p.total), rows, time.Since(p.started)))
	}
}

// sums adds up what every file has reported.
func (p *progress) sums() (bytes, rows, total int64) {
	for _, f := range p.files {
		bytes += f.BytesRead
		rows += f.RowsRead
		total += f.BytesTotal
	}
	return bytes, rows, total
}

// done removes the bar before the report is printed.
func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

func progressLine(bytes, total, rows int64, elapsed time.Duration) string {
	rate := float64(bytes) / max(elapsed.Seconds(), 0.001)
	line := fmt.Sprintf("loading: %s", megabytes(bytes))
	if total > 0 {
		line += fmt.Sprintf(" of %s (%d %%)", megabytes(total), 100*bytes/total)
	}
	line += fmt.Sprintf(", %d rows, %s/s", rows, megabytes(int64(rate)))
	if total > bytes && rate > 0 {
		line += fmt.Sprintf(", about %s left", time.Duration(float64(total-bytes)/rate*float64(time.Second)).Round(time.Second))
	}
	return line
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// auditProgress names, on a terminal, the last audit step done, with a
// spinner: at ten million activities the audit takes seconds to minutes,
// and a silent terminal looks hung. Elsewhere, and with --quiet, it says
// nothing: the report itself follows soon enough.
type auditProgress struct {
	bar *progressbar.ProgressBar
}

func newAuditProgress(w io.Writer, show bool) *auditProgress {
	if !show {
		return &auditProgress{}
	}
	return &auditProgress{bar: progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("Auditing"),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

// step is told each audit statement that finished; the next one runs.
func (p *auditProgress) step(file string) {
	if p.bar == nil {
		return
	}
	p.bar.Describe("Auditing (done: " + file + ")")
	_ = p.bar.Add(1)
}

// done removes the spinner before the report is printed. Finish, not
// only Clear: the library redraws a spinner from a goroutine of its own
// until the bar is finished, which would scribble over the report.
func (p *auditProgress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Clear()
	}
}
