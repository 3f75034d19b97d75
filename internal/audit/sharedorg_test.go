package audit

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"
)

// sharedOrg is an organisation whose teams are the cases of several tests,
// audited once per test binary: an audit costs a DuckDB statement's fixed
// cost some eighty times over, whatever the data, so one audit of many
// teams is much cheaper than one audit per test.
//
// A test plants its teams with plant (at package initialisation) and checks
// them with check. Only tests that nothing organisation-wide tells apart
// share one (see orgtest_test.go): the period, the configuration, whether
// key accounts come from tiers, whether the source won anything in the
// period. A team never counts on being alone: every check finds its own
// managers by ID (people of the same name are apart by e-mail).
//
// The audit's tables stay on the connection that built them until the
// binary ends (TestMain), so that a test of what the tables hold, not
// only of the report, can share the audit too (tables).
type sharedOrg struct {
	setup func(*org) // the organisation-wide settings; nil: newOrg's
	teams []*sharedTeams

	once  sync.Once
	rep   *Report
	audit *runner // on the connection holding the audit's tables
	// mu takes turns on that connection among the tests.
	mu sync.Mutex
	// traced is what the audit told Options.Trace, in order.
	traced []tracedFile
}

// tracedFile is one SQL file's timing as an audit reports it.
type tracedFile struct {
	file string
	took time.Duration
}

// sharedTeams is one test's teams in a shared organisation.
type sharedTeams struct {
	org    *sharedOrg
	build  func(*org) func(*testing.T, *Report)
	checks func(*testing.T, *Report)
}

// defaultOrg has the default period (four weeks from periodStart) and the
// default configuration. Its accounts have tiers, so tiers mark the key
// accounts, and it wins deals in the period, so revenue is the won amount.
var defaultOrg = &sharedOrg{}

// pm2At20MinutesOrg has the default period and the default configuration
// but for PM2's threshold: 20 minutes a week, not 15.
var pm2At20MinutesOrg = &sharedOrg{setup: func(b *org) {
	b.cfg.Rules = RuleThresholds{"PM2": {Values: map[string]float64{"minutes_per_week": 20}}}
}}

// noRevenueOrg has the default period and configuration, and no revenue at
// all: no account has a tier or an annual revenue, and nothing is won.
var noRevenueOrg = &sharedOrg{}

// sixWeeksNothingWonOrg has six weeks from periodStart and the default
// configuration. Its accounts have tiers, so tiers mark the key accounts,
// and nothing is won, so revenue is the annual revenue.
var sixWeeksNothingWonOrg = &sharedOrg{setup: func(b *org) { b.weeks(6) }}

// plant adds a test's teams: build plants them and returns the test's
// checks of the shared report.
func (s *sharedOrg) plant(build func(b *org) func(t *testing.T, rep *Report)) *sharedTeams {
	teams := &sharedTeams{org: s, build: build}
	s.teams = append(s.teams, teams)
	return teams
}

// report builds and audits the organisation the first time it is asked
// for; a failure fails the test that asked first, and every other test
// that asks.
func (s *sharedOrg) report(t *testing.T) *Report {
	t.Helper()
	s.once.Do(func() {
		b := newOrg(t)
		if s.setup != nil {
			s.setup(b)
		}
		for _, teams := range s.teams {
			teams.checks = teams.build(b)
		}
		rep, err := s.run(b)
		if err != nil {
			t.Fatalf("the shared organisation's audit: %v", err)
		}
		s.rep = rep
	})
	if s.rep == nil {
		t.Fatal("the shared organisation's audit failed: see the test that ran it")
	}
	return s.rep
}

// run audits the organisation as Run does, but keeps the connection that
// holds the audit's tables (and so the store) open for tables.
func (s *sharedOrg) run(b *org) (*Report, error) {
	ctx := context.Background()
	db, err := b.store(ctx)
	if err != nil {
		return nil, err
	}
	keepOpen(db)
	opts := b.options()
	opts.Trace = func(file string, took time.Duration) { s.traced = append(s.traced, tracedFile{file, took}) }
	r, conn, err := start(ctx, db.SQL(), opts)
	if err != nil {
		return nil, err
	}
	keepOpen(conn)
	s.audit = r
	return r.report(ctx)
}

// tables is the shared audit's tables, for queries of what they hold.
func (s *sharedOrg) tables(t *testing.T) *preparedAudit {
	t.Helper()
	s.report(t)
	return &preparedAudit{t: t, r: s.audit, mu: &s.mu}
}

// trace is what the shared audit told Options.Trace.
func (s *sharedOrg) trace(t *testing.T) []tracedFile {
	t.Helper()
	s.report(t)
	return s.traced
}

// kept are the shared audits' stores and connections, which every test of
// the binary may read: TestMain closes them once all are done.
var kept struct {
	sync.Mutex
	closers []interface{ Close() error }
}

func keepOpen(c interface{ Close() error }) {
	kept.Lock()
	defer kept.Unlock()
	kept.closers = append(kept.closers, c)
}

// TestMain runs the tests, then closes what the shared audits kept open,
// the last opened first (a connection before its store).
func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(kept.closers) - 1; i >= 0; i-- {
		_ = kept.closers[i].Close()
	}
	os.Exit(code)
}

// check runs the test's checks on the shared report.
func (st *sharedTeams) check(t *testing.T) {
	t.Helper()
	rep := st.org.report(t)
	st.checks(t, rep)
}
