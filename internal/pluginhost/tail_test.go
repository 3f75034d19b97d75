package pluginhost

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestTheTailKeepsTheEndInBoundedMemory(t *testing.T) {
	t.Parallel()
	tl := newTail()
	endless := bytes.Repeat([]byte("x"), 1<<20)
	for range 20 { // a 20 MB line
		tl.Write(endless)
	}
	tl.Write([]byte("\n"))
	for i := range 10_000 {
		fmt.Fprintf(tl, "line %d %s\n", i, strings.Repeat("y", 100))
	}
	tl.Write([]byte("panic: at the end\n"))
	if kept := tl.kept(); kept > tailBytesLimit {
		t.Errorf("kept %d bytes, over %d", kept, tailBytesLimit)
	}
	excerpt := tl.excerpt()
	if !strings.HasPrefix(excerpt, "panic: at the end") {
		t.Errorf("excerpt %q does not start at the panic", excerpt)
	}
	tl = newTail()
	tl.Write(endless)
	want := fmt.Sprintf("… (%d more bytes on this line)", 1<<20-shownLineBytes)
	if got := tl.excerpt(); !strings.HasSuffix(got, want) || len(got) != shownLineBytes+len(want) {
		t.Errorf("an endless line is shown as %d bytes: …%q, want it to end in %q", len(got), got[max(0, len(got)-60):], want)
	}
}
