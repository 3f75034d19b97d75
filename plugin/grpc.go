package plugin

import (
	"context"
	"errors"

	goplugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	pb "github.com/salesaudit/salesaudit/plugin/proto"
)

// GRPCPlugin binds a Connector to go-plugin's gRPC transport: the
// connector's half (Serve sets it up). The host's half is its own.
type GRPCPlugin struct {
	goplugin.NetRPCUnsupportedPlugin
	Impl Connector
}

// GRPCServer registers the connector's gRPC service.
func (p *GRPCPlugin) GRPCServer(_ *goplugin.GRPCBroker, s *grpc.Server) error {
	pb.RegisterConnectorServer(s, &grpcServer{impl: p.Impl})
	return nil
}

// GRPCClient is the host's half, which a connector never dispenses.
func (p *GRPCPlugin) GRPCClient(context.Context, *goplugin.GRPCBroker, *grpc.ClientConn) (any, error) {
	return nil, errors.New("a connector is not a host: the host dispenses connectors with its own binding")
}

// PluginSet is the set of plugins of each protocol version.
func PluginSet(impl Connector) map[int]goplugin.PluginSet {
	return map[int]goplugin.PluginSet{
		ProtocolVersion: {PluginName: &GRPCPlugin{Impl: impl}},
	}
}

// grpcServer adapts a Connector to the generated gRPC server interface.
type grpcServer struct {
	pb.UnimplementedConnectorServer
	impl Connector
}

func (s *grpcServer) Info(ctx context.Context, _ *pb.InfoRequest) (*pb.InfoResponse, error) {
	info, err := s.impl.Info(ctx)
	if err != nil {
		return nil, err
	}
	if info.ProtocolVersion == 0 {
		info.ProtocolVersion = ProtocolVersion
	}
	return infoToProto(info), nil
}

func (s *grpcServer) Check(ctx context.Context, req *pb.CheckRequest) (*pb.CheckResponse, error) {
	res, err := s.impl.Check(ctx, req.Path)
	if err != nil {
		return nil, err
	}
	return checkToProto(res), nil
}

func (s *grpcServer) Read(req *pb.ReadRequest, stream grpc.ServerStreamingServer[pb.ReadResponse]) error {
	if req.SpoolDir == "" {
		return errors.New("the host gave no spool directory for the records: use a salesaudit that speaks this protocol's spool transport")
	}
	ctx := stream.Context()
	w := newWriter(ctx, stream.Send, req.SpoolDir)
	if err := s.impl.Read(ctx, ReadRequest{Path: req.Path, Options: req.Options}, w); err != nil {
		w.discard()
		return err
	}
	return w.finish()
}
