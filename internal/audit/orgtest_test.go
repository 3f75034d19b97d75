package audit

// A small builder for the audit's tests: an organisation built in code,
// loaded into an in-memory DuckDB store the way an ingest loads it, and
// audited over a period.
//
//	b := newOrg(t)                      // four weeks from Monday 2 March 2026
//	mia := b.manager("Mia")
//	ana := b.rep(mia, "Ana")
//	b.meeting(mia, "1:1 Ana", 30*time.Minute, withReps(ana))
//	f := b.finding(mia, "PM1")
//
// An audit takes a while, so the cases of a test are built as teams of
// one organisation, each with its own manager, reps, accounts and deals,
// audited once; each case's subtest checks its own manager's finding:
//
//	b := newOrg(t)
//	managers := teams(cases, func(c testCase) person { ... })
//	rep := b.run()
//	for i, c := range cases {
//		t.Run(c.name, func(t *testing.T) { f := findingOf(t, rep, managers[i], "PM1"); ... })
//	}
//
// Cases share an organisation only when nothing organisation-wide tells
// them apart: the period, the configuration, whether key accounts come
// from tiers or from revenue (and then everyone's revenue), and whether
// the source won anything in the period (revenue is then the won amount,
// else the annual revenue). Such cases get an organisation of their own.
//
// Tests whose cases fit one organisation share it across tests too: each
// plants its teams in a sharedOrg (sharedorg_test.go), audited once per
// test binary, and checks its own managers' findings in its report:
//
//	func TestPM1UnderCoaching(t *testing.T) { t.Parallel(); pm1UnderCoaching.check(t) }
//
//	var pm1UnderCoaching = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
//		mia := b.manager("Mia") ...
//		return func(t *testing.T, rep *Report) { f := findingOf(t, rep, mia, "PM1"); ... }
//	})

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/plugin"
)

// periodStart is a Monday, so the default period is four whole weeks.
var periodStart = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

type person struct{ id, name string }

type account struct{ id, name string }

type deal struct{ id, name string }

type org struct {
	t        *testing.T
	from, to time.Time
	cfg      *Config
	users    []plugin.User
	accounts []plugin.Account
	opps     []plugin.Opportunity
	acts     []*plugin.Activity
	contacts int
}

func newOrg(t *testing.T) *org {
	t.Helper()
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	return &org{t: t, from: periodStart, to: periodStart.AddDate(0, 0, 28), cfg: cfg}
}

// weeks sets the length of the period.
func (b *org) weeks(n int) *org {
	b.to = b.from.AddDate(0, 0, 7*n)
	return b
}

// day is 9:00 on the nth day of the period (0 is its first day).
func (b *org) day(n int) time.Time { return b.from.AddDate(0, 0, n).Add(9 * time.Hour) }

// --- people -----------------------------------------------------------

type userOpt func(*plugin.User)

func joined(t time.Time) userOpt { return func(u *plugin.User) { u.JoinedAt = t } }
func left(t time.Time) userOpt   { return func(u *plugin.User) { u.LeftAt = t; u.Active = false } }

func (b *org) user(name, managerID string, opts []userOpt) person {
	u := plugin.User{ID: fmt.Sprintf("005%03d", len(b.users)+1), Name: name, ManagerID: managerID,
		Email: b.uniqueEmail(name), Active: true, Line: int64(len(b.users) + 2)}
	for _, o := range opts {
		o(&u)
	}
	b.users = append(b.users, u)
	return person{u.ID, name}
}

// uniqueEmail is the e-mail address of a new user called name. People are
// one person across sources by e-mail, so when the organisation has
// someone of that name already (the same case built as another team), the
// address gets a number: "ana.2@acme.example".
func (b *org) uniqueEmail(name string) string {
	local := strings.ToLower(strings.ReplaceAll(name, " ", "."))
	email := local + "@acme.example"
	for n := 2; b.hasEmail(email); n++ {
		email = fmt.Sprintf("%s.%d@acme.example", local, n)
	}
	return email
}

func (b *org) hasEmail(email string) bool {
	for _, u := range b.users {
		if u.Email == email {
			return true
		}
	}
	return false
}

// manager adds a user; they are a manager once someone reports to them.
func (b *org) manager(name string, opts ...userOpt) person { return b.user(name, "", opts) }

// colleague adds a user who is nobody's direct report in the audit.
func (b *org) colleague(name string) person { return b.user(name, "", nil) }

// setManager names m as p's manager, after both were added: a manager
// loop needs its people before its links.
func (b *org) setManager(p, m person) {
	for i := range b.users {
		if b.users[i].ID == p.id {
			b.users[i].ManagerID = m.id
			return
		}
	}
	b.t.Fatalf("no user %s", p.name)
}

// rep adds a direct report of m.
func (b *org) rep(m person, name string, opts ...userOpt) person { return b.user(name, m.id, opts) }

// reps adds several direct reports of m.
func (b *org) reps(m person, names ...string) []person {
	out := make([]person, len(names))
	for i, n := range names {
		out[i] = b.rep(m, n)
	}
	return out
}

// --- accounts and deals -------------------------------------------------

type accountOpt func(*plugin.Account)

func tier(t string) accountOpt { return func(a *plugin.Account) { a.Tier = t } }
func annualRevenue(v float64) accountOpt {
	return func(a *plugin.Account) { a.AnnualRevenue = &v }
}

func (b *org) account(name string, owner person, opts ...accountOpt) account {
	a := plugin.Account{ID: fmt.Sprintf("001%03d", len(b.accounts)+1), Name: name, OwnerID: owner.id,
		Line: int64(len(b.accounts) + 2)}
	for _, o := range opts {
		o(&a)
	}
	b.accounts = append(b.accounts, a)
	return account{a.ID, name}
}

// keyAccount adds an account marked "Tier 1".
func (b *org) keyAccount(name string, owner person) account {
	return b.account(name, owner, tier("Tier 1"))
}

func (b *org) opportunity(name string, owner person, acc account, amount float64, closed time.Time, won bool) deal {
	o := plugin.Opportunity{ID: fmt.Sprintf("006%03d", len(b.opps)+1), Name: name, AccountID: acc.id,
		OwnerID: owner.id, Amount: &amount, IsClosed: true, IsWon: won, CloseDate: closed,
		CreatedAt: closed.AddDate(0, -3, 0), Line: int64(len(b.opps) + 2)}
	if won {
		o.Stage = "Closed Won"
	} else {
		o.Stage = "Closed Lost"
	}
	b.opps = append(b.opps, o)
	return deal{o.ID, name}
}

// won adds a deal won on closed (a date).
func (b *org) won(name string, owner person, acc account, amount float64, closed time.Time) deal {
	return b.opportunity(name, owner, acc, amount, closed, true)
}

// lost adds a deal lost on closed.
func (b *org) lost(name string, owner person, acc account, amount float64, closed time.Time) deal {
	return b.opportunity(name, owner, acc, amount, closed, false)
}

// --- activities ---------------------------------------------------------

type activityOpt func(*org, *plugin.Activity)

// withReps adds internal attendees (direct reports or any other user).
func withReps(ps ...person) activityOpt {
	return func(_ *org, a *plugin.Activity) {
		for _, p := range ps {
			a.Attendees = append(a.Attendees, plugin.Attendee{UserID: p.id, Name: p.name, Internal: true})
		}
	}
}

// withColleagues is withReps, for readability when they are not reps.
var withColleagues = withReps

// withContact adds an external attendee.
func withContact(name string) activityOpt {
	return func(b *org, a *plugin.Activity) {
		b.contacts++
		a.Attendees = append(a.Attendees, plugin.Attendee{ContactID: fmt.Sprintf("003%03d", b.contacts), Name: name})
	}
}

// on logs the activity against an account.
func on(acc account) activityOpt { return func(_ *org, a *plugin.Activity) { a.AccountID = acc.id } }

// about logs the activity against a deal (and its account).
func about(d deal, acc account) activityOpt {
	return func(_ *org, a *plugin.Activity) { a.OpportunityID, a.AccountID = d.id, acc.id }
}

// at sets the start.
func at(t time.Time) activityOpt { return func(_ *org, a *plugin.Activity) { a.StartAt = t } }

// highPriority marks the activity high priority.
func highPriority() activityOpt {
	return func(_ *org, a *plugin.Activity) { a.Priority = plugin.PriorityHigh }
}

// due sets a task's due date (the date of t).
func due(t time.Time) activityOpt {
	return func(_ *org, a *plugin.Activity) { a.DueDate = t.Truncate(24 * time.Hour) }
}

// done completes a task at t.
func done(t time.Time) activityOpt {
	return func(_ *org, a *plugin.Activity) { a.CompletedAt, a.IsClosed, a.Status = t, true, "Completed" }
}

// activity adds an activity owned by owner lasting d (0: no measured
// duration, so the kind's estimate applies). Unless told otherwise, it
// starts on the second day of the period.
func (b *org) activity(kind plugin.ActivityKind, owner person, subject string, d time.Duration, opts ...activityOpt) *plugin.Activity {
	a := &plugin.Activity{
		ID: fmt.Sprintf("00U%04d", len(b.acts)+1), Kind: kind, Subject: subject, OwnerID: owner.id,
		DurationSeconds: int64(d / time.Second), Line: int64(len(b.acts) + 2),
	}
	b.acts = append(b.acts, a)
	if kind != plugin.ActivityTask {
		// A minute apart, so that no two look like one meeting logged twice.
		a.StartAt = b.day(1).Add(time.Duration(len(b.acts)) * time.Minute)
	}
	for _, o := range opts {
		o(b, a)
	}
	if !a.StartAt.IsZero() && d > 0 {
		a.EndAt = a.StartAt.Add(d)
	}
	return a
}

func (b *org) meeting(owner person, subject string, d time.Duration, opts ...activityOpt) *plugin.Activity {
	return b.activity(plugin.ActivityMeeting, owner, subject, d, opts...)
}

func (b *org) call(owner person, subject string, d time.Duration, opts ...activityOpt) *plugin.Activity {
	return b.activity(plugin.ActivityCall, owner, subject, d, opts...)
}

func (b *org) email(owner person, subject string, opts ...activityOpt) *plugin.Activity {
	return b.activity(plugin.ActivityEmail, owner, subject, 0, opts...)
}

// task adds a task without a measured duration, open and due on the
// period's second day unless told otherwise.
func (b *org) task(owner person, subject string, opts ...activityOpt) *plugin.Activity {
	return b.activity(plugin.ActivityTask, owner, subject, 0, append([]activityOpt{due(b.day(1))}, opts...)...)
}

// --- loading and auditing -----------------------------------------------

// load puts the organisation into a new in-memory store, as an ingest of
// source "crm" whose summary accounts for every row.
func (b *org) load() *duckdb.DB {
	b.t.Helper()
	db, err := b.store(context.Background())
	if err != nil {
		b.t.Fatal(err)
	}
	b.t.Cleanup(func() { _ = db.Close() })
	return db
}

// store is load without a test to close the store when it ends: a shared
// organisation's store outlives the test that built it.
func (b *org) store(ctx context.Context) (*duckdb.DB, error) {
	// One thread: the data is tiny, and the tests run in parallel.
	db, err := duckdb.Open(ctx, duckdb.MemoryPath, duckdb.Options{Threads: 1})
	if err != nil {
		return nil, fmt.Errorf("opening the test's store: %w", err)
	}
	acts := make([]plugin.Activity, len(b.acts))
	for i, a := range b.acts {
		acts[i] = *a
	}
	err = db.LoadMemory(ctx, "crm", duckdb.Run{Connector: "orgtest", ConnectorVersion: "1", ProtocolVersion: plugin.ProtocolVersion,
		Input: "orgtest", StartedAt: b.from},
		&duckdb.Batch{File: "User.csv", Users: b.users},
		&duckdb.Batch{File: "Account.csv", Accounts: b.accounts},
		&duckdb.Batch{File: "Opportunity.csv", Opportunities: b.opps},
		&duckdb.Batch{File: "Event.csv", Activities: acts})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("loading the organisation: %w", err)
	}
	return db, nil
}

func (b *org) options() Options {
	return Options{Config: b.cfg, Sources: []string{"crm"}, From: b.from, To: b.to}
}

// teams builds one team per case of a test, each with build, which
// returns the team's manager. The cases of a test are teams of one
// organisation, audited once (b.run): each case's subtest then checks its
// own manager's findings in the shared report (findingOf).
func teams[C any](cases []C, build func(C) person) []person {
	out := make([]person, len(cases))
	for i, c := range cases {
		out[i] = build(c)
	}
	return out
}

// run loads the organisation and audits the period.
func (b *org) run() *Report {
	b.t.Helper()
	rep, err := Run(context.Background(), b.load().SQL(), b.options())
	if err != nil {
		b.t.Fatal(err)
	}
	return rep
}

// finding audits the organisation and returns m's finding of rule.
func (b *org) finding(m person, rule string) Finding {
	b.t.Helper()
	return findingOf(b.t, b.run(), m, rule)
}

func findingOf(t *testing.T, rep *Report, m person, rule string) Finding {
	t.Helper()
	for _, mgr := range rep.Managers {
		if mgr.ID != m.id {
			continue
		}
		for _, f := range mgr.Findings {
			if f.Rule == rule {
				return f
			}
		}
		t.Fatalf("manager %s has no %s finding", m.name, rule)
	}
	t.Fatalf("%s is not among the managers audited", m.name)
	return Finding{}
}

// placed is where the classification put an activity, and by which rule.
type placed struct{ category, rule string }

// prepared loads the organisation and builds the audit's tables on one
// connection, which it returns for queries of those (TEMP) tables.
func (b *org) prepared() *preparedAudit {
	t := b.t
	t.Helper()
	ctx := context.Background()
	conn, err := b.load().SQL().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	r := &runner{conn: conn, cfg: b.cfg, opts: b.options()}
	if err := r.prepare(ctx); err != nil {
		t.Fatal(err)
	}
	return &preparedAudit{t: t, r: r, mu: new(sync.Mutex)}
}

type preparedAudit struct {
	t *testing.T
	r *runner
	// mu takes turns on the connection: the tests of a shared
	// organisation query its tables at once.
	mu *sync.Mutex
}

// report runs the rules on the prepared tables and assembles the report,
// as Run does once it has prepared them.
func (p *preparedAudit) report() *Report {
	p.t.Helper()
	rep, err := p.r.report(context.Background())
	if err != nil {
		p.t.Fatal(err)
	}
	return rep
}

// strings runs a query returning one text column.
func (p *preparedAudit) strings(query string, args ...any) []string {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	rows, err := p.r.conn.QueryContext(context.Background(), query, args...)
	if err != nil {
		p.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			p.t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		p.t.Fatal(err)
	}
	return out
}

// placements says where each of m's activities went, by subject.
func (p *preparedAudit) placements(m person) map[string]placed {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	rows, err := p.r.conn.QueryContext(context.Background(),
		"SELECT subject, category, coalesce(class_rule, '') FROM audit_time WHERE manager_key = ?", "crm/"+m.id)
	if err != nil {
		p.t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]placed{}
	for rows.Next() {
		var subject string
		var pl placed
		if err := rows.Scan(&subject, &pl.category, &pl.rule); err != nil {
			p.t.Fatal(err)
		}
		if _, dup := out[subject]; dup {
			p.t.Fatalf("subject %q is used twice; the test needs unique subjects", subject)
		}
		out[subject] = pl
	}
	if err := rows.Err(); err != nil {
		p.t.Fatal(err)
	}
	return out
}

// --- checking findings --------------------------------------------------

func minutes(n float64) time.Duration { return time.Duration(n * float64(time.Minute)) }

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// expect checks a finding's severity and metric (rounded as the report
// rounds it).
func expect(t *testing.T, f Finding, severity Severity, metric float64) {
	t.Helper()
	if f.Severity != severity {
		t.Errorf("%s severity = %s, want %s (metric %s, missing %q)", f.Rule, f.Severity, severity, show(f.Metric), f.Missing)
	}
	if f.Metric == nil || math.Abs(*f.Metric-round2(metric)) > 1e-9 {
		t.Errorf("%s metric = %s, want %v", f.Rule, show(f.Metric), round2(metric))
	}
	if f.Missing != "" {
		t.Errorf("%s missing = %q on a finding with data", f.Rule, f.Missing)
	}
}

// expectNotEnoughData checks a finding that lacks data.
func expectNotEnoughData(t *testing.T, f Finding, missing string) {
	t.Helper()
	if f.Severity != SeverityNotEnoughData {
		t.Errorf("%s severity = %s (metric %s), want not_enough_data", f.Rule, f.Severity, show(f.Metric))
	}
	if f.Missing != missing {
		t.Errorf("%s missing = %q, want %q", f.Rule, f.Missing, missing)
	}
	if len(f.Evidence.Rows) != 0 {
		t.Errorf("%s has evidence without data: %v", f.Rule, f.Evidence.Rows)
	}
}

func show(m *float64) string {
	if m == nil {
		return "nil"
	}
	return fmt.Sprint(*m)
}

// column is one evidence column, row by row, each value printed.
func column(t *testing.T, f Finding, name string) []string {
	t.Helper()
	for i, c := range f.Evidence.Columns {
		if c != name {
			continue
		}
		out := make([]string, len(f.Evidence.Rows))
		for j, row := range f.Evidence.Rows {
			out[j] = fmt.Sprint(row[i])
		}
		return out
	}
	t.Fatalf("%s evidence has no column %q (columns: %v)", f.Rule, name, f.Evidence.Columns)
	return nil
}

// expectColumn checks an evidence column.
func expectColumn(t *testing.T, f Finding, name string, want ...any) {
	t.Helper()
	got := column(t, f, name)
	w := make([]string, len(want))
	for i, v := range want {
		w[i] = fmt.Sprint(v)
	}
	if fmt.Sprint(got) != fmt.Sprint(w) || len(got) != len(w) {
		t.Errorf("%s evidence %q = %q, want %q", f.Rule, name, got, w)
	}
}

// hours is minutes as the evidence shows hours: rounded to 0.1.
func hours(mins float64) float64 { return math.Round(mins/60*10) / 10 }

// checkCases checks each case of a rule's test in a subtest named after
// it: the case's manager has the rule's finding with the severity and the
// metric want gives, and the rule's threshold text.
func checkCases[C any](t *testing.T, rep *Report, rule, threshold string, cases []C, managers []person,
	want func(C) (name string, severity Severity, metric float64)) {
	t.Helper()
	for i, c := range cases {
		name, severity, metric := want(c)
		t.Run(name, func(t *testing.T) {
			f := findingOf(t, rep, managers[i], rule)
			expect(t, f, severity, metric)
			if f.Threshold != threshold {
				t.Errorf("threshold text %q", f.Threshold)
			}
		})
	}
}
