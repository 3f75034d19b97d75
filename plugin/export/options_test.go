package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
)

type testOptions struct{ tier, mode string }

func declareTestOptions(o *testOptions) plugin.Options {
	return plugin.Options{
		{Name: "tier", Help: "the tier field", Set: func(v string) error { o.tier = v; return nil }},
		{Name: "mode", Help: "fast or slow", Set: func(v string) error {
			if v != "fast" && v != "slow" {
				return errors.New("want fast or slow")
			}
			o.mode = v
			return nil
		}},
	}
}

func TestParseOptionsStartsEachReadFromTheDefaults(t *testing.T) {
	parse := ParseOptions("the test connector", testOptions{mode: "slow"}, declareTestOptions)
	if opts, err := parse(map[string]string{"tier": "Rating", "mode": "fast"}); err != nil || opts != (testOptions{"Rating", "fast"}) {
		t.Errorf("%+v, %v", opts, err)
	}
	if opts, err := parse(nil); err != nil || opts != (testOptions{mode: "slow"}) {
		t.Errorf("a second Read kept the first one's options: %+v, %v", opts, err)
	}
	if _, err := parse(map[string]string{"mode": "quick"}); err == nil || !strings.Contains(err.Error(), "mode") {
		t.Errorf("a bad value: %v", err)
	}
	if _, err := parse(map[string]string{"encoding": "utf-8"}); err == nil || !strings.Contains(err.Error(), "the test connector") {
		t.Errorf("an unknown option: %v", err)
	}
}

func TestReadSourceParsesOpensAndCloses(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "users.jsonl"), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	read := ReadSource("Closely export", ParseOptions("the test connector", testOptions{}, declareTestOptions),
		func(_ context.Context, src *Source, opts testOptions, _ *plugin.Writer) error {
			_, ok := src.Find("USERS.jsonl")
			got = append(got, opts.tier, src.Path(), map[bool]string{true: "found"}[ok])
			return nil
		})
	if err := read(context.Background(), plugin.ReadRequest{Path: dir, Options: map[string]string{"tier": "Rating"}}, nil); err != nil ||
		strings.Join(got, " ") != "Rating "+dir+" found" {
		t.Errorf("%q, %v", got, err)
	}
	err := read(context.Background(), plugin.ReadRequest{Path: dir, Options: map[string]string{"mode": "quick"}}, nil)
	if err == nil || len(got) != 3 {
		t.Errorf("a bad option must stop the Read before the export is read: %v", err)
	}
	err = read(context.Background(), plugin.ReadRequest{Path: filepath.Join(dir, "none")}, nil)
	if err == nil || !strings.HasPrefix(err.Error(), "opening the Closely export: ") {
		t.Errorf("a missing export: %v", err)
	}
}

func TestFieldOptionNamesAFieldOrNone(t *testing.T) {
	parse := ParseOptions("the test connector", "Tier__c", func(field *string) plugin.Options {
		return plugin.Options{FieldOption("tier_field", "the tier field", field)}
	})
	for given, want := range map[string]string{"Rating": "Rating", "NONE": "", " ": "Tier__c", "none": ""} {
		if got, err := parse(map[string]string{"tier_field": given}); err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", given, got, err, want)
		}
	}
	if got, _ := parse(nil); got != "Tier__c" {
		t.Errorf("by default %q", got)
	}
}
