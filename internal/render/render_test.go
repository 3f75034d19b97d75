package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func sample() *Table {
	return &Table{
		Columns: []string{"name", "minutes", "when", "key"},
		Rows: [][]any{
			{"Reunión, equipo", int64(90), time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), true},
			{nil, 12.5, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), false},
		},
	}
}

func TestCSVQuotesAndFormatsCells(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, FormatCSV, sample()); err != nil {
		t.Fatal(err)
	}
	want := "name,minutes,when,key\n\"Reunión, equipo\",90,2026-03-02 09:30:00,true\n,12.5,2026-03-02,false\n"
	if b.String() != want {
		t.Errorf("csv =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestJSONKeepsTypesAndColumnOrder(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, FormatJSON, sample()); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(b.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0]["minutes"] != 90.0 || rows[1]["name"] != nil || rows[0]["key"] != true {
		t.Errorf("rows = %v", rows)
	}
	if !strings.Contains(b.String(), `"name": "Reunión, equipo"`) && !strings.Contains(b.String(), `"name":"Reunión, equipo"`) {
		t.Errorf("json = %s", b.String())
	}
	if strings.Index(b.String(), `"name"`) > strings.Index(b.String(), `"minutes"`) {
		t.Errorf("column order lost: %s", b.String())
	}
}

func TestTableAndMarkdownShowEveryCell(t *testing.T) {
	for _, f := range []Format{FormatTable, FormatMarkdown} {
		var b bytes.Buffer
		if err := Write(&b, f, sample()); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"name", "Reunión, equipo", "12.5", "2026-03-02 09:30:00"} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s output lacks %q:\n%s", f, want, b.String())
			}
		}
	}
	var md bytes.Buffer
	_ = Write(&md, FormatMarkdown, sample())
	if !strings.Contains(md.String(), "|") || !strings.Contains(md.String(), "---") {
		t.Errorf("markdown is not a pipe table:\n%s", md.String())
	}
}

func TestParseFormat(t *testing.T) {
	if f, err := ParseFormat("JSON"); err != nil || f != FormatJSON {
		t.Errorf("ParseFormat(JSON) = %v, %v", f, err)
	}
	if _, err := ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), "table, csv, json, markdown") {
		t.Errorf("ParseFormat(xml) err = %v", err)
	}
}

func TestTablesSeparateThousandsButCSVDoesNot(t *testing.T) {
	tb := &Table{Columns: []string{"revenue"}, Rows: [][]any{{172000.0}, {int64(1234567)}, {int64(9999)}, {-25000.5}}}
	var grid, flat bytes.Buffer
	if err := Write(&grid, FormatTable, tb); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"172,000", "1,234,567", "9999", "-25,000.5"} {
		if !strings.Contains(grid.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, grid.String())
		}
	}
	if err := Write(&flat, FormatCSV, tb); err != nil {
		t.Fatal(err)
	}
	if flat.String() != "revenue\n172000\n1234567\n9999\n-25000.5\n" {
		t.Errorf("csv = %q", flat.String())
	}
}

func TestATableTooWideIsSplitKeepingItsFirstColumn(t *testing.T) {
	tb := &Table{Columns: []string{"rule"}}
	for i := range 7 {
		tb.Columns = append(tb.Columns, fmt.Sprintf("Manager Number %d", i+1))
	}
	for _, rule := range []string{"BM1 low value time", "PM2 reps without coaching"} {
		row := []any{rule}
		for range 7 {
			row = append(row, "not enough data")
		}
		tb.Rows = append(tb.Rows, row)
	}
	var b strings.Builder
	if err := Write(&b, FormatTable, tb); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > TerminalWidth {
			t.Errorf("a line of %d columns, wider than %d:\n%s", n, TerminalWidth, out)
			break
		}
	}
	for _, c := range tb.Columns[1:] {
		if strings.Count(out, c) != 1 {
			t.Errorf("column %q shown %d times, want once:\n%s", c, strings.Count(out, c), out)
		}
	}
	if parts := len(regexp.MustCompile(`│\s+rule\s+│`).FindAllString(out, -1)); parts < 2 || strings.Count(out, "PM2 reps") < parts {
		t.Errorf("want the table in parts, each with the rule column (%d parts):\n%s", parts, out)
	}
}

// TestTablesFitTheTerminalTheyAreShownIn: a fixed width of 100 made an
// 80-column terminal break every line mid-word; output that is not a
// terminal keeps the fixed width, so that it does not depend on who ran it.
func TestTablesFitTheTerminalTheyAreShownIn(t *testing.T) {
	for columns, want := range map[int]int{0: 100, 80: 80, 120: 120, 200: 200, 59: 60, 20: 60} {
		if got := FitWidth(columns); got != want {
			t.Errorf("FitWidth(%d) = %d, want %d", columns, got, want)
		}
	}
	tb := &Table{Columns: []string{"subject", "why"}, Rows: [][]any{{
		strings.Repeat("weekly pipeline review ", 4), strings.Repeat("a keyword of the planning rule ", 4)}}}
	for _, width := range []int{60, 80} {
		var b strings.Builder
		if err := WriteWidth(&b, FormatTable, tb, width); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(b.String(), "\n") {
			if n := utf8.RuneCountInString(line); n > width {
				t.Errorf("width %d: a line of %d columns:\n%s", width, n, b.String())
				break
			}
		}
	}
}

func TestWrapKeepsLinesWithinTheWidth(t *testing.T) {
	text := strings.Repeat("word ", 50) + "a-very-long-unbreakable-token-" + strings.Repeat("x", 120)
	for _, line := range strings.Split(Wrap(text, 40), "\n") {
		if n := len([]rune(line)); n > 40 && strings.Contains(line, " ") {
			t.Errorf("line of %d runes: %q", n, line)
		}
	}
	if got := strings.Join(strings.Fields(Wrap(text, 40)), " "); got != strings.Join(strings.Fields(text), " ") {
		t.Error("wrapping changed the words")
	}
}
