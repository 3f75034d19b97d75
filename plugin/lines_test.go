package plugin

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest/hostile"
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

// A line over the limit is rejected as it is read, holding no more than
// the limit, and the lines after it are read with their numbers.
func TestALineOverTheLimitIsRejectedAndReadingGoesOn(t *testing.T) {
	const lineBytes = 128 << 20
	var lines []string
	var rejects []*MalformedRow
	peak := hostile.PeakHeap(func() {
		input := hostile.Line("{\"a\": 1}\n{\"b\": \"", "\x00", lineBytes, "\"}\r\n\n{\"c\": 3}")
		r := NewLineReader(input, "x.jsonl", 0)
		for {
			l, err := r.Next()
			var bad *MalformedRow
			switch {
			case errors.Is(err, io.EOF):
				return
			case errors.As(err, &bad):
				rejects = append(rejects, bad)
			case err != nil:
				t.Error(err)
				return
			default:
				lines = append(lines, fmt.Sprintf("%d:%s", l.Number, l.Text))
			}
		}
	})
	if strings.Join(lines, " ") != `1:{"a": 1} 4:{"c": 3}` {
		t.Errorf("lines %q, want lines 1 and 4", lines)
	}
	if len(rejects) != 1 || rejects[0].Line != 2 || !strings.Contains(rejects[0].Reason, "over 16 MB") || len(rejects[0].Raw) > 410 {
		t.Errorf("rejects %v, want line 2 over 16 MB", rejects)
	}
	if peak > 64<<20 {
		t.Errorf("reading a %d MB line took %d MB of heap, want at most 64 MB", lineBytes>>20, peak>>20)
	}
}

// A line's excerpt is valid UTF-8 whatever its bytes: rejects travel as
// protobuf, which refuses anything else and would fail the whole Read.
func TestALineExcerptIsUTF8(t *testing.T) {
	r := NewLineReader(strings.NewReader("{\"name\": \"caf\xe9\"}\n"), "x.jsonl", 0)
	l, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Excerpt(l); got != "{\"name\": \"caf\uFFFD\"}" {
		t.Errorf("excerpt %q", got)
	}
}
