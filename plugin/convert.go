package plugin

import (
	"fmt"
	"path/filepath"
	"sort"

	pb "github.com/salesaudit/salesaudit/plugin/proto"
)

var kindToProto = map[RecordKind]pb.RecordKind{
	KindUser:        pb.RecordKind_RECORD_KIND_USER,
	KindAccount:     pb.RecordKind_RECORD_KIND_ACCOUNT,
	KindOpportunity: pb.RecordKind_RECORD_KIND_OPPORTUNITY,
	KindActivity:    pb.RecordKind_RECORD_KIND_ACTIVITY,
	KindAttendee:    pb.RecordKind_RECORD_KIND_ATTENDEE,
}

var kindFromProto = invert(kindToProto)

func invert[K, V comparable](m map[K]V) map[V]K {
	out := make(map[V]K, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

func kindsToProto(kinds []RecordKind) []pb.RecordKind {
	out := make([]pb.RecordKind, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, kindToProto[k])
	}
	return out
}

func kindsFromProto(kinds []pb.RecordKind) []RecordKind {
	out := make([]RecordKind, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, kindFromProto[k])
	}
	return out
}

func convertAll[P any, G any](in []P, convert func(P) G) []G {
	if len(in) == 0 {
		return nil
	}
	out := make([]G, len(in))
	for i, v := range in {
		out[i] = convert(v)
	}
	return out
}

func rejectToProto(r *Reject) *pb.Reject {
	return &pb.Reject{File: r.File, Line: r.Line, Field: r.Field, Reason: r.Reason, Raw: r.Raw, Kind: kindToProto[r.Kind]}
}

func rejectFromProto(r *pb.Reject) Reject {
	return Reject{File: r.File, Line: r.Line, Field: r.Field, Reason: r.Reason, Raw: r.Raw, Kind: kindFromProto[r.Kind]}
}

func infoToProto(i Info) *pb.InfoResponse {
	return &pb.InfoResponse{
		Name: i.Name, Version: i.Version, ProtocolVersion: uint32(i.ProtocolVersion),
		Description: i.Description, Kinds: kindsToProto(i.Kinds),
		FilePatterns: i.FilePatterns, AcceptsDirectory: i.AcceptsDirectory,
		AcceptsArchive: i.AcceptsArchive, Options: i.Options,
	}
}

func infoFromProto(i *pb.InfoResponse) Info {
	return Info{
		Name: i.Name, Version: i.Version, ProtocolVersion: int(i.ProtocolVersion),
		Description: i.Description, Kinds: kindsFromProto(i.Kinds),
		FilePatterns: i.FilePatterns, AcceptsDirectory: i.AcceptsDirectory,
		AcceptsArchive: i.AcceptsArchive, Options: i.Options,
	}
}

func checkToProto(c CheckResult) *pb.CheckResponse {
	out := &pb.CheckResponse{Accepted: c.Accepted, Reason: c.Reason, Confidence: uint32(max(0, min(100, c.Confidence)))}
	for _, f := range c.Files {
		out.Files = append(out.Files, &pb.FileMatch{File: f.File, Kind: kindToProto[f.Kind], SizeBytes: f.SizeBytes, EstimatedRows: f.EstimatedRows})
	}
	return out
}

func checkFromProto(c *pb.CheckResponse) CheckResult {
	out := CheckResult{Accepted: c.Accepted, Reason: c.Reason, Confidence: int(c.Confidence)}
	for _, f := range c.Files {
		out.Files = append(out.Files, FileMatch{File: f.File, Kind: kindFromProto[f.Kind], SizeBytes: f.SizeBytes, EstimatedRows: f.EstimatedRows})
	}
	return out
}

func summaryToProto(s Summary) *pb.Summary {
	out := &pb.Summary{}
	for _, f := range s.Files {
		fs := &pb.FileSummary{File: f.File, RowsRead: f.RowsRead, RowsRejected: f.RowsRejected, RowsSkipped: f.RowsSkipped}
		for _, k := range RecordKinds {
			if n := f.Records[k]; n > 0 {
				fs.Records = append(fs.Records, &pb.KindCount{Kind: kindToProto[k], Count: n})
			}
		}
		out.Files = append(out.Files, fs)
	}
	return out
}

func summaryFromProto(s *pb.Summary) Summary {
	var out Summary
	for _, f := range s.Files {
		fs := FileSummary{File: f.File, RowsRead: f.RowsRead, RowsRejected: f.RowsRejected, RowsSkipped: f.RowsSkipped, Records: map[RecordKind]int64{}}
		for _, kc := range f.Records {
			fs.Records[kindFromProto[kc.Kind]] += kc.Count
		}
		out.Files = append(out.Files, fs)
	}
	return out
}

func spooledToProto(f SpooledFile) *pb.SpooledFile {
	out := &pb.SpooledFile{Table: f.Table, Name: filepath.Base(f.Path), Rows: f.Rows,
		LongestLine: int64(f.LongestLine), Multiline: f.Multiline}
	files := make([]string, 0, len(f.Records))
	for file := range f.Records {
		files = append(files, file)
	}
	sort.Strings(files)
	for _, file := range files {
		for _, k := range RecordKinds {
			if n := f.Records[file][k]; n > 0 {
				out.Records = append(out.Records, &pb.FileKindCount{File: file, Kind: kindToProto[k], Count: n})
			}
		}
	}
	return out
}

// spooledFromProto reads a SpooledFile message, checking that it names a
// file the connector could have written in dir, and that its counts can be
// true: records only of its table's kind, as many as its rows (attendees
// nested in activities are rows but not records).
func spooledFromProto(f *pb.SpooledFile, dir string) (SpooledFile, error) {
	table, path, size, err := spooledName(dir, f.Table, f.Name)
	if err != nil {
		return SpooledFile{}, err
	}
	out := SpooledFile{Table: f.Table, Path: path, Rows: f.Rows, Records: map[string]map[RecordKind]int64{},
		LongestLine: int(min(max(f.LongestLine, 0), size)), Multiline: f.Multiline}
	var records int64
	for _, c := range f.Records {
		if kind, ok := kindFromProto[c.Kind]; !ok || kind != table.Kind || c.Count < 0 {
			return SpooledFile{}, fmt.Errorf("spooled file %s: %d records of kind %v in %s", f.Name, c.Count, c.Kind, f.Table)
		}
		if out.Records[c.File] == nil {
			out.Records[c.File] = map[RecordKind]int64{}
		}
		out.Records[c.File][table.Kind] += c.Count
		records += c.Count
	}
	if f.Rows < records || f.Rows != records && table.Kind != KindAttendee {
		return SpooledFile{}, fmt.Errorf("spooled file %s: %d rows for %d records", f.Name, f.Rows, records)
	}
	return out, nil
}
