// Package queries holds salesaudit's SQL: the store's schema migrations in
// schema/ and, at the top level, the analyses, one file per metric or rule.
// Each file opens with a comment saying what it computes.
package queries

import "embed"

// Schema holds the migrations, applied in file-name order; the number that
// starts a file's name is the schema version it brings the store to.
//
//go:embed schema/*.sql
var Schema embed.FS
