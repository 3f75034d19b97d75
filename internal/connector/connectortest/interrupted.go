package connectortest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// CheckCutPage cuts the page name in dir short just before marker, as an
// interrupted download leaves it, and wants reading dir through c to fail
// naming the page and the line it was cut on.
func CheckCutPage(t testing.TB, c plugin.Connector, dir, name, marker string) {
	t.Helper()
	path := filepath.Join(dir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cut := strings.Index(string(data), marker)
	if cut < 0 {
		t.Fatalf("%s has no %q to cut at", path, marker)
	}
	if err := os.WriteFile(path, data[:cut], 0o644); err != nil {
		t.Fatal(err)
	}
	wantLine := strings.Count(string(data[:cut]), "\n") + 1
	_, _, err = plugintest.ReadAll(t, c, plugin.ReadRequest{Path: dir})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%s line %d", name, wantLine)) {
		t.Errorf("a page cut short: %v, want an error at %s line %d", err, name, wantLine)
	}
}

// CheckReadCancels reads dir, an export of activities activities, through
// c served as the host serves it, and cancels part-way, as the host does
// when the user presses Ctrl-C: it wants the read to stop with an error,
// within seconds, before all the activities arrived.
func CheckReadCancels(t testing.TB, c plugin.Connector, dir string, activities int) {
	t.Helper()
	remote := plugintest.Connect(t, c)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := &plugintest.CancellingSink{Cancel: cancel}
	start := time.Now()
	_, err := remote.Read(ctx, plugin.ReadRequest{Path: dir}, sink)
	if err == nil || !errors.Is(ctx.Err(), context.Canceled) {
		t.Fatalf("a cancelled read: %v", err)
	}
	if len(sink.Activities) >= activities || time.Since(start) > 5*time.Second {
		t.Errorf("%d activities arrived in %v despite the cancel", len(sink.Activities), time.Since(start))
	}
}
