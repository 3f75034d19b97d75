package plugin

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestLineReaderSkipsBlankLinesAndNumbersAsAnEditor(t *testing.T) {
	text := "{\"a\": 1}\n\n  \n{\"b\": 2}\r\n{\"c\": 3}"
	r := NewLineReader(strings.NewReader(text), "x.jsonl", int64(len(text)))
	var got []string
	for {
		l, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r.Excerpt(l)+"@"+string(rune('0'+r.Line(l))))
	}
	if strings.Join(got, " ") != "{\"a\": 1}@1 {\"b\": 2}@4 {\"c\": 3}@5" {
		t.Errorf("lines %q", got)
	}
}
