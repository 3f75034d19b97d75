package plugintest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	goplugin "github.com/hashicorp/go-plugin"

	"github.com/salesaudit/salesaudit/internal/remote"
	"github.com/salesaudit/salesaudit/plugin"
)

// Fixtures are the inputs the conformance kit tries a connector on.
type Fixtures struct {
	// Valid inputs must be accepted by Check and read without error.
	Valid []string
	// Foreign inputs (another CRM's export, an empty directory) must be
	// refused by Check with a reason.
	Foreign []string
	// Broken inputs must give rejects or an error from Read, never a panic.
	// The kit also makes truncated copies of every file of the Valid inputs.
	Broken []string
	// Options are passed to every Read.
	Options map[string]string
	// AllowedDangling is how many references (an activity's owner, an
	// attendee's user, an opportunity's account...) a Valid input may leave
	// unresolved when the connector streams the records referred to. A
	// dangling reference is otherwise a failure: the audit would not know
	// whose time it is.
	AllowedDangling int
}

// serveEnv tells a re-executed test binary to serve the connector.
const serveEnv = "SALESAUDIT_PLUGINTEST_SERVE"

// Run is the conformance kit: every connector, built-in or third-party,
// passes it. It drives the connector over the real protocol, in-process
// and as a subprocess (the test binary re-executed to serve it), and checks
// its Info, Check and Read: records valid and references resolvable, the
// summary matching what was streamed, prompt cancellation, broken and
// truncated input giving rejects or errors rather than panics, and nothing
// written to stdout.
//
// Call it from a test of its own: in the subprocess it serves c instead of
// testing.
func Run(t *testing.T, c plugin.Connector, f Fixtures) {
	if os.Getenv(serveEnv) == t.Name() {
		plugin.Serve(c)
		os.Exit(0)
	}
	// The subprocess comes first: a connector that panics there fails the
	// kit, where in-process it would take the test binary down with it.
	t.Run("subprocess", func(t *testing.T) {
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(self, "-test.run="+runPattern(t.Name()), "-test.count=1")
		cmd.Env = append(os.Environ(), serveEnv+"="+parentName(t.Name()))
		runSubprocess(t, cmd, f)
	})
	if t.Failed() {
		return
	}
	t.Run("in-process", func(t *testing.T) {
		k := &kit{f: f, remote: Connect(t, c), inProcess: true}
		k.checkAll(t)
	})
}

// RunExecutable runs the kit's checks on a connector executable, as the
// host would start it.
func RunExecutable(t *testing.T, path string, f Fixtures) {
	runSubprocess(t, exec.Command(path), f)
}

func runSubprocess(t *testing.T, cmd *exec.Cmd, f Fixtures) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	config := remote.ClientConfig(cmd)
	config.SyncStdout = &stdout
	config.Stderr = &stderr
	client := goplugin.NewClient(config)
	t.Cleanup(client.Kill)
	remote, err := remote.Dispense(client)
	if err != nil {
		t.Fatalf("starting the connector: %v\n%s", err, stderr.String())
	}
	k := &kit{f: f, remote: remote, stderr: &stderr, exited: client.Exited}
	k.checkAll(t)
	if stdout.Len() > 0 {
		t.Errorf("the connector wrote to stdout, which belongs to the plugin protocol: %.200q", stdout.String())
	}
}

// runPattern is a -test.run pattern that selects exactly the test named.
func runPattern(name string) string {
	parts := strings.Split(parentName(name), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return strings.Join(parts, "/")
}

// parentName is the test that called Run: name without its "/subprocess".
func parentName(name string) string {
	return name[:strings.LastIndex(name, "/")]
}

// kit holds one connection to the connector under test.
type kit struct {
	f      Fixtures
	remote *Host
	info   plugin.Info
	stderr *bytes.Buffer
	exited func() bool
	// inProcess skips the broken inputs, checked in the subprocess.
	inProcess bool
}

func (k *kit) checkAll(t *testing.T) {
	t.Run("Info", k.checkInfo)
	t.Run("Check", k.checkCheck)
	t.Run("Read", k.checkRead)
	t.Run("Cancel", k.checkCancel)
	if !k.inProcess {
		t.Run("Broken", k.checkBroken)
	}
}

func (k *kit) checkInfo(t *testing.T) {
	info, err := k.remote.Info(context.Background())
	if err != nil {
		t.Fatalf("Info: %v", err)
	}
	k.info = info
	for _, p := range infoProblems(info) {
		t.Error(p)
	}
}

func infoProblems(info plugin.Info) []string {
	var out []string
	var missing []string
	for _, f := range []struct {
		name  string
		empty bool
	}{
		{"Name", info.Name == ""}, {"Version", info.Version == ""}, {"Description", info.Description == ""},
		{"Kinds", len(info.Kinds) == 0}, {"FilePatterns", len(info.FilePatterns) == 0},
	} {
		if f.empty {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		out = append(out, "Info lacks "+strings.Join(missing, ", "))
	}
	if info.ProtocolVersion != plugin.ProtocolVersion {
		out = append(out, fmt.Sprintf("Info says protocol %d; this host speaks %d", info.ProtocolVersion, plugin.ProtocolVersion))
	}
	for _, k := range info.Kinds {
		if !knownKind(k) {
			out = append(out, fmt.Sprintf("Info lists unknown record kind %q", k))
		}
	}
	return out
}

func knownKind(k plugin.RecordKind) bool {
	for _, known := range plugin.RecordKinds {
		if k == known {
			return true
		}
	}
	return false
}

func (k *kit) checkCheck(t *testing.T) {
	ctx := context.Background()
	if len(k.f.Valid) == 0 {
		t.Fatal("the fixtures name no valid input")
	}
	for _, in := range k.f.Valid {
		res, err := k.remote.Check(ctx, in)
		if err != nil || !res.Accepted {
			t.Errorf("Check(%s) = %+v, %v; want accepted", in, res, err)
			continue
		}
		if len(res.Files) == 0 {
			t.Errorf("Check(%s) accepted but lists no files", in)
		}
		for _, f := range res.Files {
			if !knownKind(f.Kind) {
				t.Errorf("Check(%s): file %s has unknown kind %q", in, f.File, f.Kind)
			}
		}
	}
	foreign := append([]string{t.TempDir()}, k.f.Foreign...)
	for _, in := range foreign {
		res, err := k.remote.Check(ctx, in)
		if err == nil && (res.Accepted || res.Reason == "") {
			t.Errorf("Check(%s) = %+v; want refused with a reason", in, res)
		}
	}
	if _, err := k.remote.Check(ctx, "/no/such/path/anywhere"); err != nil && k.died() {
		t.Errorf("Check of a missing path killed the connector: %v", err)
	}
}

func (k *kit) checkRead(t *testing.T) {
	for _, in := range k.f.Valid {
		got := Collector{Dir: t.TempDir()}
		summary, err := k.remote.Read(context.Background(), plugin.ReadRequest{Path: in, Options: k.f.Options}, &got)
		if err != nil {
			t.Errorf("Read(%s): %v%s", in, err, k.lastWords())
			continue
		}
		if summary.Totals()[plugin.KindActivity]+summary.Totals()[plugin.KindUser] == 0 {
			t.Errorf("Read(%s) streamed no users and no activities", in)
		}
		for _, p := range validate(&got, k.info) {
			t.Errorf("Read(%s): %s", in, p)
		}
		if dangling := danglingReferences(&got); len(dangling) > k.f.AllowedDangling {
			t.Errorf("Read(%s): %d references do not resolve (allowed %d), e.g. %s",
				in, len(dangling), k.f.AllowedDangling, strings.Join(dangling[:min(5, len(dangling))], "; "))
		}
	}
}

// checkCancel cancels a read as soon as the first message arrives: the
// connector must stop and the host get an error, within a few seconds.
func (k *kit) checkCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Not t.TempDir: the host returns as soon as it cancels, and the
	// connector may still be finishing the file it was writing, which
	// t.TempDir's single RemoveAll would find (and fail on). It gets as
	// long to stop writing as to stop at all.
	dir, err := os.MkdirTemp("", "plugintest-cancel-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := removeWithin(dir, 10*time.Second); err != nil {
			t.Errorf("the connector kept writing its spool files after being cancelled: %v", err)
		}
	})
	sink := &CancellingSink{Collector: Collector{Dir: dir}, Cancel: cancel}
	done := make(chan error, 1)
	go func() {
		_, err := k.remote.Read(ctx, plugin.ReadRequest{Path: k.f.Valid[0], Options: k.f.Options}, sink)
		done <- err
	}()
	select {
	case <-done:
		// An error, or success from a connector that had finished anyway.
	case <-time.After(10 * time.Second):
		t.Error("the connector did not stop within 10 s of being cancelled")
	}
	if k.died() {
		t.Errorf("cancelling killed the connector%s", k.lastWords())
	}
}

// removeWithin removes dir, trying again while something still writes
// into it, for up to d.
func removeWithin(dir string, d time.Duration) error {
	deadline := time.Now().Add(d)
	for {
		err := os.RemoveAll(dir)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// checkBroken reads the broken inputs and truncated copies of the valid
// ones: rejects or an error are fine, a dead connector is not.
func (k *kit) checkBroken(t *testing.T) {
	inputs := append([]string(nil), k.f.Broken...)
	for _, in := range k.f.Valid {
		inputs = append(inputs, truncatedCopies(t, in)...)
	}
	for _, in := range inputs {
		got := Collector{Dir: t.TempDir()}
		_, err := k.remote.Read(context.Background(), plugin.ReadRequest{Path: in, Options: k.f.Options}, &got)
		// A connector that dies fails the call it dies in (or, dying
		// after it answered, the next): only a failed Read is worth
		// asking whether the process is gone.
		if err != nil && k.died() {
			t.Fatalf("Read(%s) killed the connector: %v%s", in, err, k.lastWords())
		}
		if err != nil && (errors.Is(err, ErrNoSummary) || errors.Is(err, ErrSummaryMismatch)) {
			t.Errorf("Read(%s): %v", in, err)
		}
		if err == nil {
			for _, p := range validate(&got, k.info) {
				t.Errorf("Read(%s): %s", in, p)
			}
		}
	}
	if k.died() {
		t.Fatalf("the connector died after reading the broken inputs%s", k.lastWords())
	}
}

// died reports whether the connector's process is gone. One that still
// answers Info is alive, which spares the common case, a Read that failed
// as it should, any wait; one that does not answer is given up to
// reapWait to be seen gone. A fixed sleep before asking cost the kit
// 50 ms for every broken input and could still miss a slow death.
func (k *kit) died() bool {
	if k.exited == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), reapWait)
	defer cancel()
	if _, err := k.remote.Info(ctx); err == nil {
		return false
	}
	for deadline := time.Now().Add(reapWait); !k.exited() && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	return k.exited()
}

// reapWait is how long a connector that stopped answering has to be seen
// gone: its process exiting and being reaped takes milliseconds, or
// seconds on a loaded machine.
const reapWait = 2 * time.Second

func (k *kit) lastWords() string {
	if k.stderr == nil || k.stderr.Len() == 0 {
		return ""
	}
	out := k.stderr.String()
	if i := strings.Index(out, "panic:"); i >= 0 {
		out = out[i:]
	}
	return fmt.Sprintf("\nconnector stderr:\n%.2000s", out)
}
