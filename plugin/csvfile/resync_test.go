package csvfile

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
)

// accountedLines are the lines where the rows and the row errors read
// start, in order.
func accountedLines(res readResult) []int64 {
	lines := append([]int64(nil), res.lines...)
	for _, e := range res.errs {
		lines = append(lines, e.Line)
	}
	slices.Sort(lines)
	return lines
}

func lineRange(from, to int64) []int64 {
	var out []int64
	for l := from; l <= to; l++ {
		out = append(out, l)
	}
	return out
}

// A Salesforce task whose last field lost its closing quote (every field
// is quoted in a Salesforce export) is rejected at its line, and the task on
// the next line is read: before, encoding/csv took it into the bad row
// and it was neither loaded nor rejected.
func TestAMissingClosingQuoteCostsOnlyItsRow(t *testing.T) {
	text := "\"Id\",\"Subject\",\"Status\"\r\n" +
		"\"00T5g000000e6CNEAY\",\"Nabellen offerte\",\"Completed\"\r\n" +
		"\"00T5g000000e6CREAY\",\"Bellen met Koen\",\"Completed\r\n" +
		"\"00T5g000000e6D4EAI\",\"Call: follow-up quote\",\"Completed\"\r\n" +
		"\"00T5g000000e6DIEAY\",\"Email: Offerte\",\"Completed\"\r\n"
	res := mustReadAll(t, text, Options{})
	if got := strings.Join(column(res.rows, 0), ","); got != "00T5g000000e6CNEAY,00T5g000000e6D4EAI,00T5g000000e6DIEAY" {
		t.Errorf("tasks read %s, want every one but line 3's", got)
	}
	if len(res.errs) != 1 || res.errs[0].Line != 3 || res.errs[0].Raw != `"00T5g000000e6CREAY","Bellen met Koen","Completed` {
		t.Fatalf("row errors %v, want one at line 3 quoting that line", res.errs)
	}
	if want := "a quoted field of this row runs on to line 4"; !strings.HasPrefix(res.errs[0].Reason, want) {
		t.Errorf("reason %q, want it to start %q", res.errs[0].Reason, want)
	}
}

// A HubSpot UI export quotes only the fields that need it; a stray
// opening quote, as a hand edit leaves, made encoding/csv read on to the
// end of the file. Now it costs its line, and every other line is read.
func TestAStrayOpeningQuoteCostsOnlyItsLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("Record ID,Task Title,Due date,Task Status\n")
	b.WriteString("61020118831,Enviar proposta,2026-01-13 09:00,Completed\n")
	b.WriteString("61020141588,\"Forecast abgeben,2026-01-23 12:00,Completed\n")
	for i := range 20 {
		fmt.Fprintf(&b, "610201%05d,Actualizar CRM,2026-01-23 12:00,Completed\n", i)
	}
	res := mustReadAll(t, b.String(), Options{})
	if len(res.rows) != 21 || len(res.errs) != 1 || res.errs[0].Line != 3 ||
		!strings.HasPrefix(res.errs[0].Reason, "a double quote opened in this row is never closed") {
		t.Fatalf("%d rows, errors %v; want 21 rows and one error at line 3 telling of a quote never closed", len(res.rows), res.errs)
	}
	if got, want := fmt.Sprint(accountedLines(res)), fmt.Sprint(lineRange(2, 23)); got != want {
		t.Errorf("lines read %s, want every line of the file: %s", got, want)
	}
}

// A row of a multi-line field that is malformed for another reason (here
// too many fields) is rejected at its first line; its other lines are
// read again and rejected each with its own line number: nothing is
// dropped unaccounted, and RowsRead counts every one.
func TestTheLinesOfAMalformedMultiLineRowAreEachAccountedFor(t *testing.T) {
	text := "Id,Notes\n" +
		"1,\"first\n" +
		"second\",extra\n" +
		"2,after\n"
	rd, err := NewReader(strings.NewReader(text), "t.csv", 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		row, err := rd.Next()
		if err != nil {
			var rowErr *RowError
			if !errors.As(err, &rowErr) {
				break
			}
			got = append(got, fmt.Sprintf("reject %d %q", rowErr.Line, rowErr.Raw))
			continue
		}
		got = append(got, fmt.Sprintf("row %d %q", row.Line, row.Fields))
	}
	want := []string{`reject 2 "1,\"first"`, `reject 3 "second\",extra"`, `row 4 ["2" "after"]`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("read %q, want %q", got, want)
	}
	if rd.RowsRead() != 3 {
		t.Errorf("RowsRead = %d, want 3", rd.RowsRead())
	}
}

// A quote never closed in a file longer than a row may be: the row grows
// past the limit, and reading resumes at its second line rather than
// wherever the limit was reached.
func TestAnUnclosedQuoteOverTheLimitResumesAtTheNextLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("Id,Subject\n1,ok\n2,\"never closed\n")
	line := "3," + strings.Repeat("x", 1<<10) + "\n"
	n := int64(plugin.MaxRowBytes/len(line) + 10)
	for range n {
		b.WriteString(line)
	}
	res := mustReadAll(t, b.String(), Options{})
	if len(res.errs) != 1 || res.errs[0].Line != 3 || !strings.Contains(res.errs[0].Reason, "never closed?") {
		t.Errorf("row errors %.300v, want one at line 3 telling of a quote never closed", res.errs)
	}
	if int64(len(res.rows)) != n+1 || res.lines[len(res.lines)-1] != n+3 {
		t.Errorf("%d rows, the last at line %d; want %d rows, the last at line %d", len(res.rows), res.lines[len(res.lines)-1], n+1, n+3)
	}
}
