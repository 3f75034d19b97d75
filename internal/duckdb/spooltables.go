package duckdb

import (
	"context"
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// spoolTable is a table of the spool format with the type the store gives
// each of its columns, in the order its files hold them.
type spoolTable struct {
	plugin.SpoolTable
	Types []string
}

// spoolTables reads, from the migrated store's schema, the types of the
// columns the spool format writes (plugin.SpoolTables names them; the
// store types them). A column the format writes that the store lacks is
// an error here, when the database opens, rather than at a load: the two
// definitions of a table cannot drift apart unseen.
func (db *DB) spoolTables(ctx context.Context) (map[string]spoolTable, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT table_name, column_name, data_type FROM information_schema.columns
		WHERE table_schema = 'main' AND table_catalog = current_database()`)
	if err != nil {
		return nil, fmt.Errorf("reading the store's columns: %w", err)
	}
	defer rows.Close()
	types := map[string]map[string]string{}
	for rows.Next() {
		var table, column, typ string
		if err := rows.Scan(&table, &column, &typ); err != nil {
			return nil, err
		}
		if types[table] == nil {
			types[table] = map[string]string{}
		}
		types[table][column] = typ
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[string]spoolTable{}
	var missing []string
	for _, t := range plugin.SpoolTables {
		st := spoolTable{SpoolTable: t}
		for _, c := range t.Columns {
			typ, ok := types[t.Name][c]
			if !ok {
				missing = append(missing, t.Name+"."+c)
			}
			st.Types = append(st.Types, typ)
		}
		out[t.Name] = st
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the store has no column for what the spool format writes: %s", strings.Join(missing, ", "))
	}
	return out, nil
}
