package plugin

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// textRows is a RowSource over lines of text; a line "!" is malformed.
type textRows struct{ lines []string }

func (r *textRows) Next() (string, error) {
	if len(r.lines) == 0 {
		return "", io.EOF
	}
	l := r.lines[0]
	r.lines = r.lines[1:]
	if l == "!" {
		return "", &MalformedRow{Line: 9, Reason: "bad", Raw: "!"}
	}
	return l, nil
}
func (r *textRows) Line(row string) int64     { return int64(len(row)) }
func (r *textRows) Excerpt(row string) string { return "raw " + row }
func (r *textRows) Position() (int64, int64)  { return 0, 0 }

type rowTally struct {
	rejects []Reject
	skips   map[string]int
	done    int64
}

func (t *rowTally) Reject(r Reject) error              { t.rejects = append(t.rejects, r); return nil }
func (t *rowTally) Skip(reason string)                 { t.skips[reason]++ }
func (t *rowTally) Progress(int64, int64, int64) error { return nil }
func (t *rowTally) Done(rows int64) error              { t.done = rows; return nil }

func TestTableSettlesEveryRow(t *testing.T) {
	out := &rowTally{skips: map[string]int{}}
	var notLoaded []string
	finished := false
	err := Table[string]{
		Out: out, Kind: KindActivity,
		Map: func(row string) error {
			switch {
			case strings.HasPrefix(row, "skip"):
				return Skip("skipped for a reason")
			case strings.HasPrefix(row, "bad"):
				return FieldError("start", "%q is not a time", row)
			}
			return nil
		},
		NotLoaded: func(row string) { notLoaded = append(notLoaded, row) },
		Finish:    func() error { finished = true; return nil },
	}.Read(context.Background(), &textRows{lines: []string{"ok", "skip", "bad1", "!", "ok"}})
	if err != nil {
		t.Fatal(err)
	}
	if out.done != 5 || out.skips["skipped for a reason"] != 1 || len(out.rejects) != 2 || !finished {
		t.Fatalf("done %d, skips %v, rejects %+v, finished %v", out.done, out.skips, out.rejects, finished)
	}
	if r := out.rejects[0]; r.Line != 4 || r.Field != "start" || r.Raw != "raw bad1" || r.Kind != KindActivity {
		t.Errorf("reject %+v", r)
	}
	if r := out.rejects[1]; r.Line != 9 || r.Reason != "bad" {
		t.Errorf("malformed reject %+v", r)
	}
	if len(notLoaded) != 2 {
		t.Errorf("not loaded %v", notLoaded)
	}
}

func TestTableStopsOnOtherErrorsAndCancellation(t *testing.T) {
	stop := errors.New("disk on fire")
	err := ReadRows(context.Background(), &rowTally{skips: map[string]int{}}, KindUser, &textRows{lines: []string{"a"}},
		func(string) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("got %v, want the mapping's error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = ReadRows(ctx, &rowTally{skips: map[string]int{}}, KindUser, &textRows{lines: []string{"a"}}, func(string) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
