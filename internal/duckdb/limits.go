package duckdb

import (
	"fmt"

	duckdbgo "github.com/duckdb/duckdb-go/v2"
)

// CheckMemoryLimit asks DuckDB whether limit is a memory size it takes
// (512MB, 2GB, 1.5GiB...), on an empty database in memory: its own parser
// decides, so salesaudit takes exactly what DuckDB does, and says so in
// words where DuckDB would not.
func CheckMemoryLimit(limit string) error {
	if limit == "" {
		return nil
	}
	connector, err := duckdbgo.NewConnector(dsn(MemoryPath, Options{MemoryLimit: limit}), nil)
	if err != nil {
		return fmt.Errorf("--memory-limit %q is not a size DuckDB takes: give a number and a unit, e.g. 512MB or 2GB", limit)
	}
	return connector.Close()
}
