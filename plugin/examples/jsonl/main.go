// Command salesaudit-connector-jsonl is an example third-party connector:
// it reads the JSON Lines export of "Closely", a fictional CRM, where each
// line is one user or one activity. It shows everything a connector does:
// Info, Check, streaming records, rejecting bad lines with their line
// number, skipping deleted ones with a reason, reporting progress and
// stopping when cancelled. docs/connectors.md walks through it.
//
// Build and install it as any third party would:
//
//	go build -o salesaudit-connector-jsonl ./plugin/examples/jsonl
//	salesaudit connectors install ./salesaudit-connector-jsonl
package main

import "github.com/salesaudit/salesaudit/plugin"

func main() {
	plugin.Serve(&Connector{})
}
