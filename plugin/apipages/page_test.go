package apipages

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestEachInPageReportsProgressAndStopsWhenCancelled(t *testing.T) {
	page := `{"data": [{"id": 1}, {"id": 2}]}`
	var progress []int64
	n, err := EachInPage(context.Background(), strings.NewReader(page), []string{"data"},
		func(_, records int64) error { progress = append(progress, records); return nil },
		func(Record) error { return nil })
	if err != nil || n != 2 || len(progress) != 2 || progress[1] != 2 {
		t.Fatalf("n=%d err=%v progress=%v", n, err, progress)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = EachInPage(ctx, strings.NewReader(page), []string{"data"},
		func(_, _ int64) error { return nil }, func(Record) error { return nil })
	if !errors.Is(PageError("p.json", "test page", err), context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestPageError(t *testing.T) {
	_, err := Each(strings.NewReader(`{"info": {}}`), []string{"data"}, func(Record) error { return nil })
	got := PageError("Users.json", "Zoho CRM API response", err).Error()
	if !strings.HasPrefix(got, "Users.json: no records array") || !strings.HasSuffix(got, ": not a Zoho CRM API response") {
		t.Errorf("got %q", got)
	}
	_, err = Each(strings.NewReader("{\"data\": [\n{\"id\": 1},\n{"), []string{"data"}, func(Record) error { return nil })
	if got := PageError("Calls.json", "x", err).Error(); !strings.HasPrefix(got, "Calls.json line 3: invalid JSON: ") {
		t.Errorf("got %q", got)
	}
	if got := Excerpt([]byte("{\n  \"a\": 1\n}")); got != `{"a":1}` {
		t.Errorf("Excerpt = %q", got)
	}
}
