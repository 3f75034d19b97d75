//go:build bench

// Package bench holds salesaudit's speed and memory benchmarks. Each
// prints its figure as a ratio against a baseline measured in the same
// run, on the same machine, so that the figures mean something on any
// machine. BENCHMARKS.md records them.
//
//	go test ./internal/bench -run '^$' -bench . -benchtime 1x
//	SALESAUDIT_BENCH_SCALE=small go test ./internal/bench -run '^$' -bench . -benchtime 1x
package bench

import (
	"os"
	"testing"

	"github.com/salesaudit/salesaudit/internal/cli"
)

// TestMain lets the test binary serve the built-in connectors: the host
// runs them by re-executing itself as "connector serve NAME", so ingests
// here cross the real plugin boundary.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "connector" && os.Args[2] == "serve" {
		os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
