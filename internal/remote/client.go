package remote

import (
	"context"
	"os/exec"
	"time"

	goplugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/salesaudit/salesaudit/plugin"
	pb "github.com/salesaudit/salesaudit/plugin/proto"
)

// ClientConfig is the go-plugin configuration that runs cmd as a connector,
// with the handshake, protocol versions and message limits the host uses.
// Callers add what is theirs (logger, stderr, Managed, SecureConfig).
func ClientConfig(cmd *exec.Cmd) *goplugin.ClientConfig {
	return &goplugin.ClientConfig{
		HandshakeConfig:  plugin.Handshake,
		VersionedPlugins: map[int]goplugin.PluginSet{plugin.ProtocolVersion: {plugin.PluginName: &grpcPlugin{}}},
		Cmd:              cmd,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		StartTimeout:     30 * time.Second,
		GRPCDialOptions: []grpc.DialOption{grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(plugin.MaxMessageBytes), grpc.MaxCallSendMsgSize(plugin.MaxMessageBytes))},
	}
}

// Dispense connects to a started client's connector.
func Dispense(client *goplugin.Client) (*Connector, error) {
	rpc, err := client.Client()
	if err != nil {
		return nil, err
	}
	raw, err := rpc.Dispense(plugin.PluginName)
	if err != nil {
		return nil, err
	}
	return raw.(*Connector), nil
}

// grpcPlugin is the host's half of go-plugin's gRPC binding: it makes the
// client (the SDK's plugin.GRPCPlugin is the connector's half).
type grpcPlugin struct {
	goplugin.NetRPCUnsupportedPlugin
	// connector, when set, is also served: for a connector and its host
	// in one process (Pair).
	connector plugin.Connector
}

// GRPCServer serves the connector, if there is one in this process.
func (p *grpcPlugin) GRPCServer(broker *goplugin.GRPCBroker, s *grpc.Server) error {
	return (&plugin.GRPCPlugin{Impl: p.connector}).GRPCServer(broker, s)
}

// GRPCClient returns the host's view of the connector.
func (p *grpcPlugin) GRPCClient(_ context.Context, _ *goplugin.GRPCBroker, c *grpc.ClientConn) (any, error) {
	return &Connector{client: pb.NewConnectorClient(c)}, nil
}

// Pair is the go-plugin binding of a connector served and dispensed in one
// process, over a real gRPC connection (goplugin.TestPluginGRPCConn): the
// conformance kit's in-process runs.
func Pair(c plugin.Connector) goplugin.Plugin { return &grpcPlugin{connector: c} }
