package csvfile

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest/hostile"
	"github.com/salesaudit/salesaudit/plugin"
)

// A row longer than the limit is rejected while it is read, never held
// whole: a line of 256 MB (of NUL bytes, as a zip bomb inflates to) costs
// a row's worth of memory, and the rows after it load.
func TestALineOfGigabytesIsRejectedWithinARowOfMemory(t *testing.T) {
	const lineBytes = 256 << 20
	var res readResult
	var err error
	began := time.Now()
	peak := hostile.PeakHeap(func() {
		input := hostile.Line("Id,Subject\n1,before\n2,", "\x00", lineBytes, "\n3,after\n")
		res, err = readAll(t, input, Options{})
	})
	if err != nil {
		t.Fatal(err)
	}
	// A row's buffers grow by doubling and garbage waits for the GC: about
	// 100 MB measured, against 1.4 GB before the limit; 160 MB leaves room
	// for a loaded machine and stays well under a connector's 256 MB.
	if peak > 160<<20 {
		t.Errorf("reading a %d MB line took %d MB of heap, want at most 160 MB (a %d MB row and its copies)",
			lineBytes>>20, peak>>20, plugin.MaxRowBytes>>20)
	}
	if got := column(res.rows, 1); strings.Join(got, "|") != "before|after" {
		t.Errorf("rows read %q, want the rows before and after the long one", got)
	}
	if len(res.errs) != 1 || res.errs[0].Line != 3 || !strings.Contains(res.errs[0].Reason, "over 16 MB") ||
		!strings.HasPrefix(res.errs[0].Raw, "2,\x00\x00") || len(res.errs[0].Raw) > rawExcerptMax+len("…") {
		t.Errorf("row errors %v, want one at line 3 saying the row is over 16 MB, with a short excerpt", res.errs)
	}
	t.Logf("%d MB line read in %v, heap peak %d MB", lineBytes>>20, time.Since(began), peak>>20)
}

// A long row inside quotes that span lines, a long header and a long last
// line without a line break: each is refused as what it is, and the line
// numbers after a long row stay those of the file.
func TestRowsOverTheLimitKeepTheLineNumbers(t *testing.T) {
	long := strings.Repeat("x", plugin.MaxRowBytes)
	res := mustReadAll(t, "Id,Subject\n1,\"two\nlines\"\n2,"+long+"\n\n3,\"after\nthe long one\"\n4,"+long, Options{})
	if len(res.rows) != 2 || res.lines[0] != 2 || res.lines[1] != 6 || res.rows[1][1] != "after\nthe long one" {
		t.Errorf("rows %.40q at lines %v, want rows 1 and 3 at lines 2 and 6", res.rows, res.lines)
	}
	if len(res.errs) != 2 || res.errs[0].Line != 4 || res.errs[1].Line != 8 {
		t.Errorf("row errors %v, want lines 4 and 8", res.errs)
	}
	_, err := NewReader(strings.NewReader(long+",Name\n1,2\n"), "big.csv", 0, Options{})
	if err == nil || !strings.Contains(err.Error(), "big.csv: reading the header: the first line is over 16 MB") {
		t.Errorf("a header over the limit: %v", err)
	}
}

// A row just under the limit is read whole.
func TestARowAtTheLimitIsRead(t *testing.T) {
	head := "Id,Subject\n1,"
	subject := strings.Repeat("y", plugin.MaxRowBytes-len("1,\n"))
	res := mustReadAll(t, head+subject+"\n", Options{})
	if len(res.errs) != 0 || len(res.rows) != 1 || len(res.rows[0][1]) != len(subject) {
		t.Errorf("%d rows, errors %v; want the row whole", len(res.rows), res.errs)
	}
}

// A file that ends inside a quoted field was cut short: that is what the
// reject says, not "a stray quote"; a real stray quote on the last line
// is still one. The lines after the row's first are read on their own.
func TestATruncatedFileIsToldFromAStrayQuote(t *testing.T) {
	for text, want := range map[string][]string{
		"Id,Subject\n1,ok\n2,\"cut sho": {"3: the file ends inside a quoted field of the row begun at line 3"},
		"Id,Subject\n1,ok\n2,\"cut\n\"\"more": {"3: a double quote opened in this row is never closed: the file ends inside its field",
			"4: a stray double quote at line 4, column 2"},
		"Id,Subject\n1,ok\n2,\"a\"b\n": {"3: a stray double quote at line 3, column 5"},
		"Id,Subject\n1,ok\n2,\"a\"b":   {"3: a stray double quote at line 3, column 5"},
	} {
		res := mustReadAll(t, text, Options{})
		var got []string
		for _, e := range res.errs {
			got = append(got, fmt.Sprintf("%d: %s", e.Line, e.Reason))
		}
		if len(got) != len(want) {
			t.Errorf("%q: errors %q, want %q", text, got, want)
			continue
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("%q: error %d = %q, want %q", text, i, got[i], want[i])
			}
		}
	}
}
