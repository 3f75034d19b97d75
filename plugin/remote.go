package plugin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"google.golang.org/grpc"

	pb "github.com/salesaudit/salesaudit/plugin/proto"
)

// ErrNoSummary means a connector's stream ended before its summary: the
// connector died, or it was stopped.
var ErrNoSummary = errors.New("the connector's stream ended without a summary")

// ErrSummaryMismatch means the connector's summary disagrees with what the
// host received, or a file's rows do not add up.
var ErrSummaryMismatch = errors.New("the connector's summary does not add up")

// Sink receives what a connector streams. An error from Sink stops the read.
type Sink interface {
	Batch(b *Batch) error
	Rejects(r []Reject) error
	Progress(p Progress)
}

// SpoolSink is a Sink that also loads spooled files (see SpoolWriter):
// given one, Read asks the connector to write its records as files in
// SpoolDir, and passes each finished file to Spooled. Connectors built
// before spooling existed send batches all the same.
type SpoolSink interface {
	Sink
	SpoolDir() string
	Spooled(f SpooledFile) error
}

// RemoteConnector is the host's side of the protocol: it calls a connector
// over gRPC and checks what the connector streams against its summary.
type RemoteConnector struct {
	client pb.ConnectorClient
}

// Info asks the connector to describe itself.
func (c *RemoteConnector) Info(ctx context.Context) (Info, error) {
	res, err := c.client.Info(ctx, &pb.InfoRequest{})
	if err != nil {
		return Info{}, err
	}
	return infoFromProto(res), nil
}

// Check asks the connector whether path is an input it reads.
func (c *RemoteConnector) Check(ctx context.Context, path string) (CheckResult, error) {
	res, err := c.client.Check(ctx, &pb.CheckRequest{Path: path})
	if err != nil {
		return CheckResult{}, err
	}
	return checkFromProto(res), nil
}

// Read streams the input into sink and returns the connector's summary once
// it has been checked against what arrived: the same records per file and
// kind, the same rejects, and rows read = records + rejects + skips.
//
// Messages are received and decoded on a goroutine of their own while the
// sink handles the previous ones, so that decoding and loading overlap.
func (c *RemoteConnector) Read(ctx context.Context, req ReadRequest, sink Sink) (Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	preq := &pb.ReadRequest{Path: req.Path, Options: req.Options}
	spoolSink, _ := sink.(SpoolSink)
	if spoolSink != nil {
		preq.SpoolDir = spoolSink.SpoolDir()
	}
	stream, err := c.client.Read(ctx, preq)
	if err != nil {
		return Summary{}, err
	}
	got := newTally()
	var summary *pb.Summary
	for m := range receive(ctx, stream) {
		if m.err != nil {
			return Summary{}, m.err
		}
		if summary != nil {
			return Summary{}, fmt.Errorf("%w: a message came after the summary", ErrSummaryMismatch)
		}
		if summary, err = dispatch(m, sink, preq.SpoolDir, got); err != nil {
			return Summary{}, err
		}
	}
	if summary == nil {
		return Summary{}, ErrNoSummary
	}
	s := summaryFromProto(summary)
	if err := got.verify(s); err != nil {
		return Summary{}, err
	}
	return s, nil
}

// received is one message off the stream, its batch already decoded.
type received struct {
	msg   *pb.ReadResponse
	batch *Batch
	err   error
}

// receive reads the stream until it ends, decoding record batches as they
// come; the channel closes after the last message or the first error.
func receive(ctx context.Context, stream grpc.ServerStreamingClient[pb.ReadResponse]) <-chan received {
	out := make(chan received, 4)
	go func() {
		defer close(out)
		for {
			msg, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				return
			}
			r := received{msg: msg, err: err}
			if b, ok := msg.GetMessage().(*pb.ReadResponse_Batch); ok && err == nil {
				r.batch = batchFromProto(b.Batch)
			}
			select {
			case out <- r:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return out
}

func dispatch(m received, sink Sink, spoolDir string, got *tally) (*pb.Summary, error) {
	switch msg := m.msg.Message.(type) {
	case *pb.ReadResponse_Batch:
		got.addBatch(m.batch)
		return nil, sink.Batch(m.batch)
	case *pb.ReadResponse_Spooled:
		if spoolDir == "" {
			return nil, fmt.Errorf("the connector sent a spooled file, which the host did not ask for")
		}
		f, err := spooledFromProto(msg.Spooled, spoolDir)
		if err != nil {
			return nil, fmt.Errorf("the connector sent a bad spooled file: %w", err)
		}
		got.addSpooled(f)
		return nil, sink.(SpoolSink).Spooled(f)
	case *pb.ReadResponse_Rejects:
		rejects := convertAll(msg.Rejects.Rejects, rejectFromProto)
		for _, r := range rejects {
			got.rejects[r.File]++
		}
		return nil, sink.Rejects(rejects)
	case *pb.ReadResponse_Progress:
		p := msg.Progress
		sink.Progress(Progress{File: p.File, BytesRead: p.BytesRead, BytesTotal: p.BytesTotal, RowsRead: p.RowsRead})
		return nil, nil
	case *pb.ReadResponse_Summary:
		return msg.Summary, nil
	default:
		return nil, fmt.Errorf("unknown message %T from connector", msg)
	}
}

// tally counts what the host received, per file.
type tally struct {
	records map[string]map[RecordKind]int64
	rejects map[string]int64
}

func newTally() *tally {
	return &tally{records: map[string]map[RecordKind]int64{}, rejects: map[string]int64{}}
}

func (t *tally) addBatch(b *Batch) {
	m := t.records[b.File]
	if m == nil {
		m = map[RecordKind]int64{}
		t.records[b.File] = m
	}
	m[KindUser] += int64(len(b.Users))
	m[KindAccount] += int64(len(b.Accounts))
	m[KindOpportunity] += int64(len(b.Opportunities))
	m[KindActivity] += int64(len(b.Activities))
	m[KindAttendee] += int64(len(b.Attendees))
}

func (t *tally) addSpooled(f SpooledFile) {
	for file, counts := range f.Records {
		m := t.records[file]
		if m == nil {
			m = map[RecordKind]int64{}
			t.records[file] = m
		}
		for kind, n := range counts {
			m[kind] += n
		}
	}
}

func (t *tally) verify(s Summary) error {
	var problems []string
	seen := map[string]bool{}
	for _, f := range s.Files {
		seen[f.File] = true
		for _, k := range RecordKinds {
			if got, want := t.records[f.File][k], f.Records[k]; got != want {
				problems = append(problems, fmt.Sprintf("%s: received %d %s records, summary says %d", f.File, got, k, want))
			}
		}
		if got := t.rejects[f.File]; got != f.RowsRejected {
			problems = append(problems, fmt.Sprintf("%s: received %d rejects, summary says %d", f.File, got, f.RowsRejected))
		}
		if accounted := f.RecordsTotal() + f.RowsRejected + f.SkippedTotal(); accounted != f.RowsRead {
			problems = append(problems, fmt.Sprintf("%s: %d rows read but %d loaded + %d rejected + %d skipped", f.File, f.RowsRead, f.RecordsTotal(), f.RowsRejected, f.SkippedTotal()))
		}
	}
	for file := range t.records {
		if !seen[file] {
			problems = append(problems, fmt.Sprintf("%s: records received but the file is not in the summary", file))
		}
	}
	for file := range t.rejects {
		if !seen[file] {
			problems = append(problems, fmt.Sprintf("%s: rejects received but the file is not in the summary", file))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("%w: %s", ErrSummaryMismatch, strings.Join(problems, "; "))
	}
	return nil
}
