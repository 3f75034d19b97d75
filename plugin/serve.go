package plugin

import (
	"os"

	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
)

// Serve runs a connector as a plugin process. It returns only when the host
// is done with it. Call it from main and write nothing to stdout before: the
// host reads the handshake from the connector's stdout.
//
// A connector served here ends itself, and any process it started, when
// the host that started it dies, even by kill -9: see HostPIDEnv.
func Serve(c Connector) {
	watchHost()
	goplugin.Serve(&goplugin.ServeConfig{
		HandshakeConfig:  Handshake,
		VersionedPlugins: PluginSet(c),
		GRPCServer:       NewGRPCServer,
		Logger:           Logger(),
	})
}

// NewGRPCServer builds the gRPC server with the message limits the host
// expects.
func NewGRPCServer(opts []grpc.ServerOption) *grpc.Server {
	opts = append(opts, grpc.MaxRecvMsgSize(MaxMessageBytes), grpc.MaxSendMsgSize(MaxMessageBytes))
	return grpc.NewServer(opts...)
}

// logOutput is the process's standard error as the process started with
// it. Serve has go-plugin point os.Stderr at a stream to the host that the
// host does not show, so a logger made after Serve (in Read, say) and
// writing to os.Stderr would write where nobody reads; the host reads the
// process's own standard error and logs its JSON lines at their level.
var logOutput = os.Stderr

// Logger is the logger a connector should use. It writes JSON lines to
// the process's standard error, which the host reads and shows with its
// own logs (at --log-level warn, warnings and errors); the level comes
// from SALESAUDIT_LOG_LEVEL (default info). It may be made before or
// after Serve.
func Logger() hclog.Logger {
	level := hclog.LevelFromString(os.Getenv("SALESAUDIT_LOG_LEVEL"))
	if level == hclog.NoLevel {
		level = hclog.Info
	}
	return hclog.New(&hclog.LoggerOptions{
		Level:      level,
		Output:     logOutput,
		JSONFormat: true,
	})
}
