package plugin

import (
	"context"

	goplugin "github.com/hashicorp/go-plugin"
)

// ProtocolVersion is the version of the connector protocol this SDK speaks.
const ProtocolVersion = 2

// PluginName is the name under which a connector is dispensed.
const PluginName = "connector"

// Handshake is shared by the host and every connector. The magic cookie only
// stops a user from running a connector by hand by mistake; it is not a
// security measure.
var Handshake = goplugin.HandshakeConfig{
	ProtocolVersion:  ProtocolVersion,
	MagicCookieKey:   "SALESAUDIT_CONNECTOR",
	MagicCookieValue: "3b0f5b4e-normalised-crm-records",
}

// MaxMessageBytes is the gRPC message limit on both sides of the protocol.
// Records travel as files; messages (rejects, progress, the summary) stay
// far below it. It is raised above gRPC's 4 MiB default so that one
// unusually large reject or summary cannot break a stream.
const MaxMessageBytes = 64 << 20

// Connector is what a connector author implements.
type Connector interface {
	// Info describes the connector.
	Info(ctx context.Context) (Info, error)
	// Check says whether the input at path is one this connector reads,
	// and which of its files hold which records.
	Check(ctx context.Context, path string) (CheckResult, error)
	// Read streams the records of the input at req.Path into w. A row that
	// cannot be read is a Reject, not an error; an error ends the stream
	// and the host loads nothing.
	Read(ctx context.Context, req ReadRequest, w *Writer) error
}

// Info describes a connector.
type Info struct {
	Name            string
	Version         string
	ProtocolVersion int
	Description     string
	Kinds           []RecordKind
	// FilePatterns are glob patterns of the file names it reads.
	FilePatterns     []string
	AcceptsDirectory bool
	AcceptsArchive   bool
	// Options are the Read options it understands: name -> one-line help.
	Options map[string]string
}

// CheckResult is a connector's answer to "is this input yours?".
type CheckResult struct {
	Accepted bool
	// Reason says why, in one sentence.
	Reason string
	// Confidence, 0 to 100, lets the host pick among several connectors
	// that accept the same input.
	Confidence int
	Files      []FileMatch
}

// Refuse is a Check's answer for an input that is not the connector's,
// with the reason in one sentence.
func Refuse(reason string) CheckResult { return CheckResult{Reason: reason} }

// FileMatch maps one input file to the kind of record it holds.
type FileMatch struct {
	File          string
	Kind          RecordKind
	SizeBytes     int64
	EstimatedRows int64
}

// ReadRequest asks a connector to read an input.
type ReadRequest struct {
	Path    string
	Options map[string]string
}

// Progress reports how far a connector has read into a file.
type Progress struct {
	File       string
	BytesRead  int64
	BytesTotal int64
	RowsRead   int64
}

// Summary is the connector's own account of a Read: per file, what it read
// and what became of every row.
type Summary struct {
	Files []FileSummary
}

// FileSummary accounts for every row of one input file:
// RowsRead = records streamed + RowsRejected + rows skipped.
type FileSummary struct {
	File         string
	RowsRead     int64
	Records      map[RecordKind]int64
	RowsRejected int64
	// RowsSkipped counts rows deliberately not loaded, by reason.
	RowsSkipped map[string]int64
	// Decoding says how the file's text was decoded, for a file read
	// through csvfile (or another DecodingSource); zero otherwise.
	Decoding Decoding
}

// Decoding accounts for how a text file was decoded, line by line: real
// exports mix encodings (a Windows-1252 file with lines pasted in as
// UTF-8), and the user is told rather than left with silent mojibake. Only
// lines holding non-ASCII text are counted: an ASCII line reads the same in
// every encoding.
type Decoding struct {
	// UTF8Lines were valid UTF-8 and read so.
	UTF8Lines int64
	// SingleByteLines were not UTF-8 and were read in SingleByte
	// ("windows-1252" or "iso-8859-1"; empty when there were none).
	SingleByteLines int64
	SingleByte      string
	// C1Kept counts bytes read as C1 controls (U+0080–U+009F): the bytes
	// Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), or any
	// 0x80–0x9F in ISO-8859-1. They are kept and loaded, never dropped.
	C1Kept int64
}

// Mixed reports whether the file had lines of both kinds.
func (d Decoding) Mixed() bool { return d.UTF8Lines > 0 && d.SingleByteLines > 0 }

// WorthSaying reports whether the user should hear of the decoding: the
// file mixed encodings or kept C1 bytes.
func (d Decoding) WorthSaying() bool { return d.Mixed() || d.C1Kept > 0 }

// RecordsTotal is the number of records streamed from the file.
func (f FileSummary) RecordsTotal() int64 {
	var n int64
	for _, c := range f.Records {
		n += c
	}
	return n
}

// SkippedTotal is the number of rows skipped, whatever the reason.
func (f FileSummary) SkippedTotal() int64 {
	var n int64
	for _, c := range f.RowsSkipped {
		n += c
	}
	return n
}

// Totals adds up the records of every file, per kind.
func (s Summary) Totals() map[RecordKind]int64 {
	t := make(map[RecordKind]int64)
	for _, f := range s.Files {
		for k, n := range f.Records {
			t[k] += n
		}
	}
	return t
}
