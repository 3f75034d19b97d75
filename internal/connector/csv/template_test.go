package csv

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

// placeholder is a <column …> the user replaces with a column's name.
var placeholder = regexp.MustCompile(`<[^<>\n]+>`)

// fillTemplate replaces every placeholder with a column name, as the user
// would: the placeholder's own words.
func fillTemplate() string {
	return placeholder.ReplaceAllStringFunc(string(MappingTemplate), func(p string) string {
		return strings.Trim(p, "<>")
	})
}

func TestTheTemplateNeedsItsPlaceholdersFilled(t *testing.T) {
	_, err := parseMapping(MappingFileName, MappingTemplate)
	var invalid *InvalidMappingError
	if !errors.As(err, &invalid) {
		t.Fatalf("err = %v", err)
	}
	for _, p := range invalid.Problems {
		if p.Line == 0 || !strings.Contains(p.Message, "placeholder: write the name of the column instead") {
			t.Errorf("problem = %s", p.Error())
		}
	}
	active := 0
	for _, line := range strings.Split(string(MappingTemplate), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") && placeholder.MatchString(line) {
			active++
		}
	}
	if len(invalid.Problems) != active {
		t.Errorf("%d problems for %d lines with a placeholder", len(invalid.Problems), active)
	}
}

// TestTheFilledTemplateReadsAnExport fills the template's placeholders,
// writes the CSV files it describes with a row each, and reads them.
func TestTheFilledTemplateReadsAnExport(t *testing.T) {
	filled := fillTemplate()
	m, err := parseMapping(MappingFileName, []byte(filled))
	if err != nil {
		t.Fatalf("the filled template is not a valid mapping: %v", err)
	}
	files := map[string]string{MappingFileName: filled}
	for _, fm := range m.files {
		files[fm.pattern] = exampleCSV(fm)
	}
	got, summary := readInput(t, connectortest.TempDir(t, files), nil)
	for _, r := range got.Rejected {
		t.Errorf("reject: %s line %d %s: %s", r.File, r.Line, r.Field, r.Reason)
	}
	totals := summary.Totals()
	for _, k := range plugin.RecordKinds {
		if totals[k] != 1 {
			t.Errorf("%d %s records, want 1", totals[k], k)
		}
	}
	if a := got.Activities; len(a) != 1 || a[0].Kind != plugin.ActivityCall || a[0].DurationSeconds != 30*60 || a[0].RawType != "Call" {
		t.Errorf("activity = %+v", a)
	}
	if o := got.Opportunities; len(o) != 1 || !o[0].IsClosed || !o[0].IsWon {
		t.Errorf("opportunity = %+v", o)
	}
}

// exampleCSV is a file with the columns an entry reads and one row that
// fits: every ID is "1", so that references resolve.
func exampleCSV(fm *fileMapping) string {
	var header, row []string
	index := map[string]int{}
	for _, def := range fieldDefs[fm.kind] {
		f := fm.fields[def.name]
		if f == nil || f.column == "" {
			continue
		}
		// A column read by several fields (a stage for is_won) takes
		// the value of the one with a value map.
		if i, seen := index[fold(f.column)]; seen {
			if len(f.valueNames) > 0 {
				row[i] = exampleValue(f)
			}
			continue
		}
		index[fold(f.column)] = len(header)
		header = append(header, f.column)
		row = append(row, exampleValue(f))
	}
	return strings.Join(header, ",") + "\n" + strings.Join(row, ",") + "\n"
}

func exampleValue(f *fieldMapping) string {
	if len(f.valueNames) > 0 {
		return f.valueNames[0]
	}
	switch f.def.typ {
	case idValue:
		return "1"
	case instantValue, dateValue:
		return "2026-01-31 14:30"
	case durationValue:
		return "0:30"
	case numberValue, secondsValue, minutesValue:
		return "1200"
	case boolValue:
		return "yes"
	}
	if f.def.name == "email" {
		return "ana@example.com"
	}
	return "Ana Example"
}

// TestTheTemplateExplainsEverything keeps the template in step with the
// format: every key and every field is in it.
func TestTheTemplateExplainsEverything(t *testing.T) {
	text := string(MappingTemplate)
	var keys []string
	for _, list := range [][]string{topKeys, settingsKeys, fileKeys, fieldKeys, skipKeys} {
		keys = append(keys, list...)
	}
	for _, kind := range plugin.RecordKinds {
		if !strings.Contains(text, "kind: "+string(kind)) {
			t.Errorf("the template has no %s file", kind)
		}
		for _, def := range fieldDefs[kind] {
			keys = append(keys, def.name)
		}
	}
	for _, key := range keys {
		if !strings.Contains(text, key+":") {
			t.Errorf("the template does not mention %s:", key)
		}
	}
	for _, word := range []string{"excel-serial", "unix-ms", "iso8601", "HH:MM:SS", "MM:SS", "windows-1252", "match", "strict"} {
		if !strings.Contains(text, word) {
			t.Errorf("the template does not mention %s", word)
		}
	}
}

// The README's and the fixtures' examples are mappings too.
func TestTheShippedMappingsAreValid(t *testing.T) {
	for _, dir := range []string{"vandijk", "sheets", "broken"} {
		path := fixturePath(dir, MappingFileName)
		if _, err := parseMapping(path, readFile(t, path)); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	readme, err := os.ReadFile(filepath.Join("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for i, block := range yamlBlocks(string(readme)) {
		if _, err := parseMapping("README.md", []byte(block)); err != nil && strings.Contains(block, "files:") {
			t.Errorf("README example %d: %v\n%s", i+1, err, block)
		}
	}
}

// yamlBlocks are the ```yaml blocks of a Markdown text.
func yamlBlocks(markdown string) []string {
	var blocks []string
	for _, part := range strings.Split(markdown, "```yaml\n")[1:] {
		block, _, _ := strings.Cut(part, "```")
		blocks = append(blocks, block)
	}
	return blocks
}
