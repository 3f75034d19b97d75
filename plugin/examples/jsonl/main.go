// Command salesaudit-connector-jsonl is an example third-party connector, for
// the JSON Lines export of "Closely", a fictional CRM, written against the SDK
// only. docs/connectors.md walks through it, building and installing it.
package main

import "github.com/salesaudit/salesaudit/plugin"

func main() { plugin.Serve(New()) }
