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

func TestReadSourceParsesOpensAndReads(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "users.csv"), "Id\n1\n")
	errBadOption := errors.New("bad option")
	parse := func(raw map[string]string) (string, error) {
		if raw["x"] == "bad" {
			return "", errBadOption
		}
		return raw["x"], nil
	}
	var got []string
	read := ReadSource("Closely export", parse, func(_ context.Context, req plugin.ReadRequest, opts string, src *Source, _ *plugin.Writer) error {
		for _, f := range src.Files() {
			got = append(got, opts+":"+f.Name)
		}
		return nil
	})
	if err := read(context.Background(), plugin.ReadRequest{Path: dir, Options: map[string]string{"x": "v"}}, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "v:users.csv" {
		t.Errorf("read saw %q, want the parsed option and the export's file", got)
	}
	if err := read(context.Background(), plugin.ReadRequest{Path: dir, Options: map[string]string{"x": "bad"}}, nil); !errors.Is(err, errBadOption) {
		t.Errorf("bad option: got %v, want parse's error", err)
	}
	err := read(context.Background(), plugin.ReadRequest{Path: filepath.Join(dir, "missing")}, nil)
	if !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(err.Error(), "opening the Closely export: ") {
		t.Errorf("missing export: got %v, want an error naming the export", err)
	}
}
