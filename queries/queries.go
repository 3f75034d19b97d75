// Package queries holds salesaudit's SQL, embedded in the binary:
//
//   - schema/: the store's migrations; the number starting a file's name is
//     the schema version it brings the store to.
//   - audit/: the shared audit tables (period, organisation, key accounts,
//     each manager's activities), run in file-name order.
//   - classify/: the category of every manager minute: keywords.sql once per
//     classification rule with keywords, then time.sql.
//   - rules/: one file per audit rule, named by the rule's ID.
//   - report/: the scorecard and data-quality figures of the report.
//
// Each file opens with a comment saying what it computes. A file may hold
// several statements, each ending with a semicolon at the end of a line.
// Parameters are DuckDB named parameters ($name), bound by the host.
package queries

import "embed"

// Schema holds the migrations.
//
//go:embed schema/*.sql
var Schema embed.FS

// Audit holds the audit's queries: audit/, classify/, rules/ and report/.
//
//go:embed audit/*.sql classify/*.sql rules/*.sql report/*.sql
var Audit embed.FS
