package csv

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseMapping: any bytes given as a mapping file are parsed into a
// mapping or refused with an error, never a panic. Seeds: the mapping
// files of the fixtures.
//
//	go test ./internal/connector/csv -run '^$' -fuzz '^FuzzParseMapping$' -fuzztime 10m
func FuzzParseMapping(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "csv", "*", "*.yaml"))
	for _, path := range seeds {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("files:\n  - file: x.csv\n    kind: user\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseMapping("mapping.yaml", data)
		if err != nil {
			if m != nil {
				t.Fatalf("an error (%v) with a mapping", err)
			}
			return
		}
		if m == nil {
			t.Fatal("no error and no mapping")
		}
	})
}
