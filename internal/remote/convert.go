package remote

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	pb "github.com/salesaudit/salesaudit/plugin/proto"
)

// kindFromProto names a record kind as the SDK does: the enum's name
// without its prefix, in lower case (RECORD_KIND_USER is "user"); "" for
// a kind this host does not know.
func kindFromProto(k pb.RecordKind) plugin.RecordKind {
	name, known := pb.RecordKind_name[int32(k)]
	if !known || k == pb.RecordKind_RECORD_KIND_UNSPECIFIED {
		return ""
	}
	return plugin.RecordKind(strings.ToLower(strings.TrimPrefix(name, "RECORD_KIND_")))
}

func rejectFromProto(r *pb.Reject) plugin.Reject {
	return plugin.Reject{File: r.File, Line: r.Line, Field: r.Field, Reason: r.Reason, Raw: r.Raw, Kind: kindFromProto(r.Kind)}
}

func infoFromProto(i *pb.InfoResponse) plugin.Info {
	return plugin.Info{
		Name: i.Name, Version: i.Version, ProtocolVersion: int(i.ProtocolVersion),
		Description: i.Description, Kinds: kindsFromProto(i.Kinds),
		FilePatterns: i.FilePatterns, AcceptsDirectory: i.AcceptsDirectory,
		AcceptsArchive: i.AcceptsArchive, Options: i.Options,
	}
}

func checkFromProto(c *pb.CheckResponse) plugin.CheckResult {
	out := plugin.CheckResult{Accepted: c.Accepted, Reason: c.Reason, Confidence: int(c.Confidence)}
	for _, f := range c.Files {
		out.Files = append(out.Files, plugin.FileMatch{File: f.File, Kind: kindFromProto(f.Kind), SizeBytes: f.SizeBytes, EstimatedRows: f.EstimatedRows})
	}
	return out
}

func summaryFromProto(s *pb.Summary) plugin.Summary {
	var out plugin.Summary
	for _, f := range s.Files {
		fs := plugin.FileSummary{File: f.File, RowsRead: f.RowsRead, RowsRejected: f.RowsRejected, RowsSkipped: f.RowsSkipped,
			Records: map[plugin.RecordKind]int64{}, Decoding: decodingFromProto(f.Decoding)}
		for _, kc := range f.Records {
			fs.Records[kindFromProto(kc.Kind)] += kc.Count
		}
		out.Files = append(out.Files, fs)
	}
	return out
}

// decodingFromProto reads a file's decoding; a connector built before the
// message existed sends none, which reads as nothing to say.
func decodingFromProto(d *pb.Decoding) plugin.Decoding {
	return plugin.Decoding{UTF8Lines: d.GetUtf8Lines(), SingleByteLines: d.GetSingleByteLines(),
		SingleByte: d.GetSingleByte(), C1Kept: d.GetC1Kept()}
}

func kindsFromProto(kinds []pb.RecordKind) []plugin.RecordKind {
	out := make([]plugin.RecordKind, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, kindFromProto(k))
	}
	return out
}

// spooledFromProto reads a plugin.SpooledFile message, checking that it names a
// file the connector could have written in dir, and that its counts can be
// true: records only of its table's kind, as many as its rows (attendees
// nested in activities are rows but not records).
func spooledFromProto(f *pb.SpooledFile, dir string) (plugin.SpooledFile, error) {
	table, path, size, err := spooledName(dir, f.Table, f.Name)
	if err != nil {
		return plugin.SpooledFile{}, err
	}
	out := plugin.SpooledFile{Table: f.Table, Path: path, Rows: f.Rows, Records: plugin.RecordCounts{},
		LongestLine: int(min(max(f.LongestLine, 0), size)), Multiline: f.Multiline}
	var records int64
	for _, c := range f.Records {
		if kind := kindFromProto(c.Kind); kind == "" || kind != table.Kind || c.Count < 0 {
			return plugin.SpooledFile{}, fmt.Errorf("spooled file %s: %d records of kind %v in %s", f.Name, c.Count, c.Kind, f.Table)
		}
		if out.Records[c.File] == nil {
			out.Records[c.File] = map[plugin.RecordKind]int64{}
		}
		out.Records[c.File][table.Kind] += c.Count
		records += c.Count
	}
	if f.Rows < records || f.Rows != records && table.Kind != plugin.KindAttendee {
		return plugin.SpooledFile{}, fmt.Errorf("spooled file %s: %d rows for %d records", f.Name, f.Rows, records)
	}
	return out, nil
}

// spooledName checks that name is a file a SpoolWriter could have written
// for a table a connector may fill, directly in dir, and returns the table
// and the file's path and size; the host loads nothing else a connector
// names. (Only digits after the table's name: DuckDB would read *, ? or [
// as a pattern.)
func spooledName(dir, table, name string) (plugin.SpoolTable, string, int64, error) {
	t, ok := plugin.SpoolTableNamed(table)
	if !ok || t.Kind == "" {
		return plugin.SpoolTable{}, "", 0, fmt.Errorf("spooled file for a table a connector may not fill: %q", table)
	}
	digits := strings.TrimSuffix(strings.TrimPrefix(name, table+"-"), ".csv")
	if len(digits) == len(name) || digits == "" || strings.Trim(digits, "0123456789") != "" ||
		name != table+"-"+digits+".csv" {
		return plugin.SpoolTable{}, "", 0, fmt.Errorf("spooled file %q is not a %s file of the spool directory", name, table)
	}
	path := filepath.Join(dir, name)
	info, err := os.Lstat(path)
	if err != nil {
		return plugin.SpoolTable{}, "", 0, fmt.Errorf("spooled file: %w", err)
	}
	if !info.Mode().IsRegular() {
		return plugin.SpoolTable{}, "", 0, fmt.Errorf("spooled file %s is not a regular file", path)
	}
	return t, path, info.Size(), nil
}
