package duckdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
)

// pseudonymKeyBytes is the size of the key pseudonyms are computed with.
const pseudonymKeyBytes = 32

// PseudonymKey is the database's key for pseudonyms (--pseudonymize),
// made of random bytes on first use and kept in the table privacy_key: the
// same person gets the same pseudonym in every report of this database,
// and the key never leaves it (a report holds none of it).
func (db *DB) PseudonymKey(ctx context.Context) ([]byte, error) {
	key, err := db.readPseudonymKey(ctx)
	if err == nil {
		return key, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		if _, createErr := db.sql.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS privacy_key (key BLOB NOT NULL)"); createErr != nil {
			return nil, fmt.Errorf("keeping a pseudonym key in %s (pseudonyms need the database writable once): %w", db.path, createErr)
		}
	}
	key = make([]byte, pseudonymKeyBytes)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("making a pseudonym key: %w", err)
	}
	if _, err := db.sql.ExecContext(ctx, "INSERT INTO privacy_key VALUES (?)", key); err != nil {
		return nil, fmt.Errorf("keeping a pseudonym key in %s (pseudonyms need the database writable once): %w", db.path, err)
	}
	return key, nil
}

// readPseudonymKey reads the key; sql.ErrNoRows when the table is empty,
// another error when there is no table yet.
func (db *DB) readPseudonymKey(ctx context.Context) ([]byte, error) {
	var key []byte
	err := db.sql.QueryRowContext(ctx, "SELECT key FROM privacy_key LIMIT 1").Scan(&key)
	return key, err
}
