package remote_test

import (
	"context"
	"errors"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// refusing is a connector that refuses every input, as one refuses an
// export it cannot read whole.
type refusing struct{}

const refusal = "Calls.json says more records follow, but Calls_page2.json is not in the export"

func (refusing) Info(context.Context) (plugin.Info, error) {
	return plugin.Info{Name: "refusing", Version: "0.0.1", ProtocolVersion: plugin.ProtocolVersion}, nil
}

func (refusing) Check(context.Context, string) (plugin.CheckResult, error) {
	return plugin.CheckResult{}, errors.New(refusal)
}

func (refusing) Read(context.Context, plugin.ReadRequest, *plugin.Writer) error {
	return errors.New(refusal)
}

// TestAConnectorsErrorReadsAsTheConnectorSaidIt: what a connector's Check
// or Read returns reaches the host in its own words, without gRPC's
// "rpc error: code = Unknown desc =" before them.
func TestAConnectorsErrorReadsAsTheConnectorSaidIt(t *testing.T) {
	t.Parallel()
	host := plugintest.Connect(t, refusing{})
	if _, err := host.Check(t.Context(), "export"); err == nil || err.Error() != refusal {
		t.Errorf("Check: %v, want %q", err, refusal)
	}
	if _, _, err := plugintest.ReadAll(t, refusing{}, plugin.ReadRequest{Path: "export"}); err == nil || err.Error() != refusal {
		t.Errorf("Read: %v, want %q", err, refusal)
	}
}
