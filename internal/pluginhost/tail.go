package pluginhost

import (
	"encoding/json"
	"strings"
	"sync"
	"time"
)

// tail keeps the last lines a connector wrote to stderr, so that an error
// can show why the connector died.
type tail struct {
	mu      sync.Mutex
	lines   []string
	max     int
	partial strings.Builder
	last    time.Time
}

func newTail(max int) *tail { return &tail{max: max} }

// Write takes stderr output; go-plugin hands it over line by line.
func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.last = time.Now()
	for _, c := range string(p) {
		if c != '\n' {
			t.partial.WriteRune(c)
			continue
		}
		t.lines = append(t.lines, t.partial.String())
		t.partial.Reset()
		if len(t.lines) > t.max {
			t.lines = t.lines[len(t.lines)-t.max:]
		}
	}
	return len(p), nil
}

// waitQuiet waits until nothing has been written for d.
func (t *tail) waitQuiet(d time.Duration) {
	for {
		t.mu.Lock()
		quiet := time.Since(t.last) >= d
		t.mu.Unlock()
		if quiet {
			return
		}
		time.Sleep(d / 4)
	}
}

// excerpt is what to show a user: from a panic's first line on, if there
// was a panic, else the last few lines, with JSON log lines made readable.
func (t *tail) excerpt() string {
	t.mu.Lock()
	lines := append([]string(nil), t.lines...)
	if t.partial.Len() > 0 {
		lines = append(lines, t.partial.String())
	}
	t.mu.Unlock()
	const shown = 12
	start := max(0, len(lines)-shown)
	for i, l := range lines {
		if strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ") {
			start = i
			break
		}
	}
	end := min(len(lines), start+shown)
	out := make([]string, 0, end-start)
	for _, l := range lines[start:end] {
		out = append(out, readableLogLine(l))
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
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
