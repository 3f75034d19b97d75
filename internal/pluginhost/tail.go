package pluginhost

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

// The tail of a connector's stderr is bounded in lines and in line length,
// so that a connector that floods stderr (hundreds of megabytes, or one
// line that never ends) costs the host a few hundred kilobytes at most.
const (
	tailLines     = 200
	tailLineBytes = 4 << 10
	// tailBytesLimit is the most a tail keeps: its lines and the line
	// being written.
	tailBytesLimit = (tailLines + 1) * tailLineBytes
	// shownLineBytes cuts each line of an excerpt: an error message
	// stays readable however long the connector's lines are.
	shownLineBytes = 500
)

// tail keeps the last lines a connector wrote to stderr, so that an error
// can show why the connector died.
type tail struct {
	mu      sync.Mutex
	lines   []tailLine
	partial bytes.Buffer
	// cut counts the bytes of the current line dropped past tailLineBytes.
	cut int
	// total counts every byte written, kept or not.
	total int64
}

// tailLine is a line as kept: its start, and how many bytes were cut off.
type tailLine struct {
	text string
	cut  int
}

func newTail() *tail { return &tail{} }

// Write takes stderr output in chunks of any size.
func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.total += int64(len(p))
	for rest := p; ; {
		end := bytes.IndexByte(rest, '\n')
		if end < 0 {
			t.keep(rest)
			break
		}
		t.keep(rest[:end])
		t.endLine()
		rest = rest[end+1:]
	}
	return len(p), nil
}

// keep adds to the current line what fits in tailLineBytes.
func (t *tail) keep(b []byte) {
	room := max(0, tailLineBytes-t.partial.Len())
	n := min(room, len(b))
	t.partial.Write(b[:n])
	t.cut += len(b) - n
}

func (t *tail) endLine() {
	t.lines = append(t.lines, t.current())
	t.partial.Reset()
	t.cut = 0
	if len(t.lines) > tailLines {
		t.lines = t.lines[len(t.lines)-tailLines:]
	}
}

func (t *tail) current() tailLine { return tailLine{text: t.partial.String(), cut: t.cut} }

// kept is how many bytes the tail holds.
func (t *tail) kept() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := t.partial.Len()
	for _, l := range t.lines {
		n += len(l.text)
	}
	return n
}

// excerpt is what to show a user: from a panic's first line on, if there
// was a panic, else the last few lines, with JSON log lines made readable
// and long lines cut.
func (t *tail) excerpt() string {
	t.mu.Lock()
	lines := append([]tailLine(nil), t.lines...)
	if t.partial.Len() > 0 || t.cut > 0 {
		lines = append(lines, t.current())
	}
	t.mu.Unlock()
	const shown = 12
	start := max(0, len(lines)-shown)
	for i, l := range lines {
		if strings.HasPrefix(l.text, "panic: ") || strings.HasPrefix(l.text, "fatal error: ") {
			start = i
			break
		}
	}
	end := min(len(lines), start+shown)
	out := make([]string, 0, end-start)
	for _, l := range lines[start:end] {
		out = append(out, l.shown())
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// shown is the line as an error shows it: readable, at most
// shownLineBytes of it (cut on a rune boundary), and how much is not shown.
func (l tailLine) shown() string {
	text := readableLogLine(l.text)
	if len(text) <= shownLineBytes && l.cut == 0 {
		return text
	}
	keep := min(len(text), shownLineBytes)
	for keep > 0 && keep < len(text) && !utf8.RuneStart(text[keep]) {
		keep--
	}
	return fmt.Sprintf("%s… (%d more bytes on this line)", text[:keep], len(text)-keep+l.cut)
}

// readableLogLine turns an hclog JSON line into "level: message".
func readableLogLine(line string) string {
	if !strings.HasPrefix(line, "{") {
		return line
	}
	var entry map[string]any
	if json.Unmarshal([]byte(line), &entry) != nil {
		return line
	}
	msg, _ := entry["@message"].(string)
	level, _ := entry["@level"].(string)
	if msg == "" {
		return line
	}
	return level + ": " + msg
}
