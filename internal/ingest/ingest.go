// Package ingest streams a connector's records into the store, all or
// nothing.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/internal/remote"
	"github.com/salesaudit/salesaudit/plugin"
)

// DefaultIdleTimeout is how long a connector may go without sending
// anything (records, rejects or progress) before it is taken to hang.
const DefaultIdleTimeout = 2 * time.Minute

// ErrConnectorHung means the connector stopped sending mid-stream.
var ErrConnectorHung = errors.New("the connector stopped sending")

// Connector is what ingest needs of a connector: the host's
// *remote.Connector.
type Connector interface {
	Info(ctx context.Context) (plugin.Info, error)
	Read(ctx context.Context, req plugin.ReadRequest, sink remote.Sink) (plugin.Summary, error)
}

// Options say what to ingest and how.
type Options struct {
	// Source names the export in the store; empty means the connector's name.
	Source      string
	Input       string
	ReadOptions map[string]string
	// IdleTimeout: 0 means DefaultIdleTimeout.
	IdleTimeout time.Duration
	// Progress, if set, is called with the connector's progress reports.
	Progress func(plugin.Progress)
}

// Outcome is what an ingest loaded. (Not a report: those are the audit's;
// the connector's own account of what it read is a plugin.Summary.)
type Outcome struct {
	Source    string
	Connector plugin.Info
	duckdb.Result
	Elapsed time.Duration
}

// Run reads opts.Input with the connector and loads it into db as one
// transaction. On any failure (the connector's error or death, a summary
// that does not add up, cancellation, a store error) the load is rolled back
// and the database holds what it held before.
func Run(ctx context.Context, db *duckdb.DB, c Connector, opts Options) (Outcome, error) {
	started := time.Now()
	info, err := c.Info(ctx)
	if err != nil {
		return Outcome{}, fmt.Errorf("asking the connector who it is: %w", err)
	}
	source := opts.Source
	if source == "" {
		source = info.Name
	}
	load, err := db.BeginLoad(ctx, source)
	if err != nil {
		return Outcome{}, err
	}
	summary, err := read(ctx, c, load, opts)
	if err != nil {
		load.Rollback()
		return Outcome{}, err
	}
	res, err := load.Commit(ctx, duckdb.Run{
		Connector: info.Name, ConnectorVersion: info.Version, ProtocolVersion: info.ProtocolVersion,
		Input: opts.Input, StartedAt: started, Summary: summary,
	})
	if err != nil {
		return Outcome{}, fmt.Errorf("loading %s: %w", opts.Input, err)
	}
	return Outcome{Source: source, Connector: info, Result: res, Elapsed: time.Since(started)}, nil
}

// read streams the input into the load, cancelling the read if the
// connector goes quiet for longer than the idle timeout.
func read(ctx context.Context, c Connector, load *duckdb.Load, opts Options) (plugin.Summary, error) {
	idle := opts.IdleTimeout
	if idle <= 0 {
		idle = DefaultIdleTimeout
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watchdog := time.AfterFunc(idle, func() {
		cancel(fmt.Errorf("%w for %s", ErrConnectorHung, idle))
	})
	defer watchdog.Stop()
	sink := &loadSink{load: load, progress: opts.Progress,
		alive: func() { watchdog.Reset(idle) }, busy: func() { watchdog.Stop() }}
	summary, err := c.Read(ctx, plugin.ReadRequest{Path: opts.Input, Options: opts.ReadOptions}, sink)
	if err != nil {
		if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
			return plugin.Summary{}, cause
		}
		return plugin.Summary{}, err
	}
	return summary, nil
}

// loadSink passes what the connector streams to the load.
var _ remote.SpoolDirSink = (*loadSink)(nil)

type loadSink struct {
	load     *duckdb.Load
	progress func(plugin.Progress)
	// alive restarts the idle watchdog; busy stops it while the host
	// itself works (a load waiting for DuckDB is not a hung connector).
	alive, busy func()
}

// SpoolDir is where the connector writes its records: beside the database,
// where the load reads them itself (remote.SpoolDirSink).
func (s *loadSink) SpoolDir() string { return s.load.SpoolDir() }

func (s *loadSink) Spooled(f plugin.SpooledFile) error {
	s.busy()
	defer s.alive()
	return s.load.Spooled(f)
}

func (s *loadSink) Rejects(r []plugin.Reject) error {
	s.busy()
	defer s.alive()
	return s.load.Rejects(r)
}

func (s *loadSink) Progress(p plugin.Progress) {
	s.alive()
	if s.progress != nil {
		s.progress(p)
	}
}
