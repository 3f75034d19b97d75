package plugin

import (
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

func kindsToProto(kinds []RecordKind) []pb.RecordKind {
	out := make([]pb.RecordKind, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, kindToProto[k])
	}
	return out
}

func rejectToProto(r *Reject) *pb.Reject {
	return &pb.Reject{File: r.File, Line: r.Line, Field: r.Field, Reason: r.Reason, Raw: r.Raw, Kind: kindToProto[r.Kind]}
}

func infoToProto(i Info) *pb.InfoResponse {
	return &pb.InfoResponse{
		Name: i.Name, Version: i.Version, ProtocolVersion: uint32(i.ProtocolVersion),
		Description: i.Description, Kinds: kindsToProto(i.Kinds),
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

func summaryToProto(s Summary) *pb.Summary {
	out := &pb.Summary{}
	for _, f := range s.Files {
		fs := &pb.FileSummary{File: f.File, RowsRead: f.RowsRead, RowsRejected: f.RowsRejected, RowsSkipped: f.RowsSkipped,
			Decoding: decodingToProto(f.Decoding)}
		for _, k := range RecordKinds {
			if n := f.Records[k]; n > 0 {
				fs.Records = append(fs.Records, &pb.KindCount{Kind: kindToProto[k], Count: n})
			}
		}
		out.Files = append(out.Files, fs)
	}
	return out
}

// decodingToProto leaves the message out for a file with nothing decoded.
func decodingToProto(d Decoding) *pb.Decoding {
	if d == (Decoding{}) {
		return nil
	}
	return &pb.Decoding{Utf8Lines: d.UTF8Lines, SingleByteLines: d.SingleByteLines, SingleByte: d.SingleByte, C1Kept: d.C1Kept}
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
