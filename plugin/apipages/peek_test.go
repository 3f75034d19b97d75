package apipages

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/export"
)

func TestPeekIn(t *testing.T) {
	page := Page{Keys: []string{"data"}, NullIsEmpty: true}
	first, isPage := PeekIn(strings.NewReader(`{"success": true, "data": [{"ID": 1, "Subject": "x"}, {"id": 2}]}`), page)
	if !isPage || first == nil || !first.Has("subject") || first.Has("success") {
		t.Errorf("a page: %v %v", first, isPage)
	}
	for _, empty := range []string{`{"data": []}`, `{"data": null}`, `[]`} {
		if first, isPage := PeekIn(strings.NewReader(empty), page); !isPage || first != nil {
			t.Errorf("%s: %v %v, want an empty page", empty, first, isPage)
		}
	}
	for _, notAPage := range []string{`{"results": [{"id": 1}]}`, `"data"`, `{"data": [3]}`, `{"data": {"id": 1}}`, `not JSON`} {
		if first, isPage := PeekIn(strings.NewReader(notAPage), page); isPage || first != nil {
			t.Errorf("%s taken for a page: %v", notAPage, first)
		}
	}
}

func TestPeekReadsNoFurtherThanTheLimit(t *testing.T) {
	dir := t.TempDir()
	text := `{"data": [{"id": 1, "name": "` + strings.Repeat("x", 4096) + `"}]}`
	if err := os.WriteFile(filepath.Join(dir, "page.json"), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	src, err := export.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	f := src.Files()[0]
	page := Page{Keys: []string{"data"}}
	if first, isPage := Peek(src, f, page, 1<<20); !isPage || first == nil || !first.Has("name") {
		t.Errorf("within the limit: %v %v", first, isPage)
	}
	if first, isPage := Peek(src, f, page, 1024); isPage || first != nil {
		t.Errorf("a first record past the limit was read: %v %v", first, isPage)
	}
}
