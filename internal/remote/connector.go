// Package remote is the host's side of the connector protocol: it starts
// nothing (internal/pluginhost does), but talks to a connector process over
// gRPC, takes the files it spools and checks its summary against what
// arrived. Connector authors never import it: the SDK, package plugin,
// holds what they use, and the conformance kit drives connectors through
// this package exactly as the host does.
package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/salesaudit/salesaudit/plugin"
	pb "github.com/salesaudit/salesaudit/plugin/proto"
)

// ErrNoSummary means a connector's stream ended before its summary: the
// connector died, or it was stopped.
var ErrNoSummary = errors.New("the connector's stream ended without a summary")

// ErrSummaryMismatch means the connector's summary disagrees with what the
// host received, or a file's rows do not add up.
var ErrSummaryMismatch = errors.New("the connector's summary does not add up")

// connectorError is err as the connector said it. An error the
// connector's Info, Check or Read returned crosses gRPC as a status of
// code Unknown, whose text is the transport's ("rpc error: code = Unknown
// desc = …") around the connector's words, which are what the user must
// read ("Calls.json says more records follow, but …"). Every other code
// is the transport's own (the connection lost, a deadline), and stays as
// it is for the host to tell what happened to the process.
func connectorError(err error) error {
	if st, ok := status.FromError(err); ok && st.Code() == codes.Unknown {
		return errors.New(st.Message())
	}
	return err
}

// Sink receives what a connector streams. An error from Sink stops the read.
type Sink interface {
	// Spooled takes a finished file of records (see plugin.SpoolWriter); the
	// sink owns the file from then on.
	Spooled(f plugin.SpooledFile) error
	Rejects(r []plugin.Reject) error
	Progress(p plugin.Progress)
}

// SpoolDirSink is a Sink that names the directory the connector writes its
// files in (the host keeps it beside its database). Read makes a temporary
// directory for any other Sink, or one that names none, and removes it,
// with whatever the sink left in it, when the read ends: such a sink reads
// or moves each file in Spooled.
type SpoolDirSink interface {
	Sink
	SpoolDir() string
}

// Connector is a connector process as the host sees it: it calls the
// connector over gRPC and checks what it streams against its summary.
type Connector struct {
	client pb.ConnectorClient
}

// Info asks the connector to describe itself.
func (c *Connector) Info(ctx context.Context) (plugin.Info, error) {
	res, err := c.client.Info(ctx, &pb.InfoRequest{})
	if err != nil {
		return plugin.Info{}, connectorError(err)
	}
	return infoFromProto(res), nil
}

// Check asks the connector whether path is an input it reads.
func (c *Connector) Check(ctx context.Context, path string) (plugin.CheckResult, error) {
	res, err := c.client.Check(ctx, &pb.CheckRequest{Path: path})
	if err != nil {
		return plugin.CheckResult{}, connectorError(err)
	}
	return checkFromProto(res), nil
}

// Read streams the input into sink and returns the connector's summary once
// it has been checked against what arrived (checkSummary).
//
// Messages are received on a goroutine of their own while the sink handles
// the previous ones, so that receiving and loading overlap.
func (c *Connector) Read(ctx context.Context, req plugin.ReadRequest, sink Sink) (plugin.Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	preq := &pb.ReadRequest{Path: req.Path, Options: req.Options}
	if s, ok := sink.(SpoolDirSink); ok && s.SpoolDir() != "" {
		preq.SpoolDir = s.SpoolDir()
	} else {
		dir, err := os.MkdirTemp("", "salesaudit-spool-")
		if err != nil {
			return plugin.Summary{}, fmt.Errorf("making a directory for the connector's files: %w", err)
		}
		defer os.RemoveAll(dir)
		preq.SpoolDir = dir
	}
	stream, err := c.client.Read(ctx, preq)
	if err != nil {
		return plugin.Summary{}, connectorError(err)
	}
	got := newReceived()
	var summary *pb.Summary
	for m := range receive(ctx, stream) {
		if m.err != nil {
			return plugin.Summary{}, connectorError(m.err)
		}
		if summary != nil {
			return plugin.Summary{}, fmt.Errorf("%w: a message came after the summary", ErrSummaryMismatch)
		}
		if summary, err = dispatch(m, sink, preq.SpoolDir, got); err != nil {
			return plugin.Summary{}, err
		}
	}
	if summary == nil {
		return plugin.Summary{}, ErrNoSummary
	}
	s := summaryFromProto(summary)
	if err := checkSummary(s, got); err != nil {
		return plugin.Summary{}, err
	}
	return s, nil
}

// message is one message off the stream, or the error that ended it.
type message struct {
	msg *pb.ReadResponse
	err error
}

// receive reads the stream until it ends; the channel closes after the
// last message or the first error.
func receive(ctx context.Context, stream grpc.ServerStreamingClient[pb.ReadResponse]) <-chan message {
	out := make(chan message, 4)
	go func() {
		defer close(out)
		for {
			msg, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				return
			}
			select {
			case out <- message{msg: msg, err: err}:
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

func dispatch(m message, sink Sink, spoolDir string, got *received) (*pb.Summary, error) {
	switch msg := m.msg.Message.(type) {
	case *pb.ReadResponse_Spooled:
		f, err := spooledFromProto(msg.Spooled, spoolDir)
		if err != nil {
			return nil, fmt.Errorf("the connector sent a bad spooled file: %w", err)
		}
		got.Records.Add(f.Records)
		return nil, sink.Spooled(f)
	case *pb.ReadResponse_Rejects:
		rejects := make([]plugin.Reject, len(msg.Rejects.Rejects))
		for i, r := range msg.Rejects.Rejects {
			rejects[i] = rejectFromProto(r)
		}
		for _, r := range rejects {
			got.Rejects[r.File]++
		}
		return nil, sink.Rejects(rejects)
	case *pb.ReadResponse_Progress:
		p := msg.Progress
		sink.Progress(plugin.Progress{File: p.File, BytesRead: p.BytesRead, BytesTotal: p.BytesTotal, RowsRead: p.RowsRead})
		return nil, nil
	case *pb.ReadResponse_Summary:
		return msg.Summary, nil
	case nil:
		// An empty oneof: a field this host does not read, such as the
		// record batches connectors sent before spooled files.
		return nil, fmt.Errorf("unknown message from the connector (record batches are retired): rebuild it with the current SDK")
	default:
		return nil, fmt.Errorf("unknown message %T from connector", msg)
	}
}
