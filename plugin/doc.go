// Package plugin is the SDK for salesaudit connectors.
//
// A connector reads one CRM's export and streams normalised records (users,
// accounts, opportunities, activities and their attendees) to the salesaudit
// host. It is a separate process, served with hashicorp/go-plugin over gRPC,
// so a connector crash never takes the host down and connectors can be
// written and shipped by anyone.
//
// To write one, implement [Connector] and call [Serve] from main:
//
//	func main() { plugin.Serve(myConnector{}) }
//
// Read streams records through a [Writer]: one [FileWriter] per input file,
// one call per record, [FileWriter.Reject] for rows that cannot be read and
// [FileWriter.Done] with the number of rows read. The SDK writes the
// records as CSV files in the directory the host names, which the host's
// DuckDB loads itself ([SpoolWriter]), and sends the closing summary that
// the host verifies, so every row read ends up loaded, rejected or skipped
// with a reason.
//
// Most of a connector is its mapping: the row protocol ([ReadRows],
// [Table], [RowError], [Skip]) runs the read loop around a function that
// maps one row, and packages csvfile, apipages and export read CSV
// exports, saved API pages and directories or .zip archives of them, and
// declare a connector's Check and Read (export.Layout, export.Connector,
// apipages.Connector); package value parses amounts, times, dates and
// priorities in the forms CRM exports write them.
//
// The conformance kit in package plugintest tells an author whether a
// connector is right, driving it exactly as the host does. The host's side
// of the protocol is not here: it is internal to salesaudit
// (internal/remote), so this package holds only what an author uses.
package plugin

//go:generate protoc -I proto --go_out=proto --go_opt=paths=source_relative --go-grpc_out=proto --go-grpc_opt=paths=source_relative connector.proto
