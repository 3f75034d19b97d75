// Package queries holds salesaudit's SQL, embedded in the binary:
//
//   - schema/: the store's migrations; the number starting a file's name is
//     the schema version it brings the store to.
//   - audit/: the shared audit tables (period, organisation, key accounts,
//     each manager's activities), run in the order of AuditSteps.
//   - classify/: the category of every manager minute: keywords.sql once per
//     classification rule with keywords, then time.sql.
//   - rules/: the audit's rules, each in two files named by its ID: <ID>.yaml
//     describes the rule (name, role, unit, thresholds, how its metric is
//     banded, evidence, recommendation, source) and <ID>.sql computes it.
//   - report/: the scorecard and data-quality figures of the report.
//   - ingest/: what loading asks of what is loaded already.
//
// Each SQL file opens with a comment saying what it computes. A file may
// hold several statements, each ending with a semicolon at the end of a
// line. Every value the host gives the SQL is a DuckDB named parameter
// ($name); a statement is bound exactly the parameters it uses.
package queries

import (
	"embed"
	"slices"
)

// Schema holds the migrations.
//
//go:embed schema/*.sql
var Schema embed.FS

// Ingest holds what loading asks the store: ingest/activity_days.sql,
// the days the loaded activities span, over which calendars are read when
// no period is given.
//
//go:embed ingest/*.sql
var Ingest embed.FS

// Audit holds the audit's queries: audit/, classify/, rules/ and report/.
//
//go:embed audit/*.sql classify/*.sql rules/*.sql rules/*.yaml report/*.sql
var Audit embed.FS

// AuditSteps are the files of audit/ in the order they run: each builds on
// the tables of the ones before it (the comment opening each file names
// what it reads).
var AuditSteps = append(slices.Clone(SetupSteps), ActivitySteps...)

// SetupSteps are the first steps: the options, the people, the teams, the
// deals and the accounts. They are small, run on every audit, and say
// which managers are audited.
var SetupSteps = []string{
	"audit/config.sql",        // the configuration as tables
	"audit/period.sql",        // the period and the audited sources
	"audit/users.sql",         // people, merged across sources
	"audit/team.sql",          // direct reports
	"audit/managers.sql",      // the managers audited
	"audit/opportunities.sql", // deals, owners resolved
	"audit/accounts.sql",      // revenue and key accounts
}

// ActivitySteps, then classify/, do the work per activity, the audit's
// bulk. What they make depends only on the data, the values they are
// bound, the period and the managers the setup steps chose, never on
// --manager or the format: the audit keeps their tables in its cache and
// reads them back while none of that changes (internal/audit/cache.go).
// Each table they make is made by one CREATE OR REPLACE TEMP TABLE
// statement, and only INSERT INTO adds to one.
var ActivitySteps = []string{
	"audit/period_activities.sql",  // the period's activities and attendance
	"audit/activities.sql",         // the managers' activities
	"audit/subjects.sql",           // their distinct subjects
	"audit/customer_facing.sql",    // which faced a customer; mass e-mails
	"audit/manager_activities.sql", // who took part in each
	"audit/key_account_work.sql",   // each team's work on key accounts
}
