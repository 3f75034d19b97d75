package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// Connector reads Closely's JSON Lines exports: a directory holding
// users.jsonl and activities.jsonl.
type Connector struct{}

var files = []struct {
	name string
	kind plugin.RecordKind
}{
	{"users.jsonl", plugin.KindUser},
	{"activities.jsonl", plugin.KindActivity},
}

// Info describes the connector.
func (c *Connector) Info(context.Context) (plugin.Info, error) {
	return plugin.Info{
		Name:             "jsonl",
		Version:          "0.1.0",
		ProtocolVersion:  plugin.ProtocolVersion,
		Description:      "Closely JSON Lines export (an example third-party connector): users and activities.",
		Kinds:            []plugin.RecordKind{plugin.KindUser, plugin.KindActivity},
		FilePatterns:     []string{"users.jsonl", "activities.jsonl"},
		AcceptsDirectory: true,
	}, nil
}

// Check accepts a directory with both files.
func (c *Connector) Check(_ context.Context, path string) (plugin.CheckResult, error) {
	var res plugin.CheckResult
	for _, f := range files {
		st, err := os.Stat(filepath.Join(path, f.name))
		if err != nil {
			res.Reason = fmt.Sprintf("no %s: a Closely export has users.jsonl and activities.jsonl", f.name)
			res.Files = nil
			return res, nil
		}
		// About 200 bytes a line is a fair guess for progress bars.
		res.Files = append(res.Files, plugin.FileMatch{File: f.name, Kind: f.kind, SizeBytes: st.Size(), EstimatedRows: st.Size() / 200})
	}
	res.Accepted, res.Confidence, res.Reason = true, 90, "a Closely JSON Lines export"
	return res, nil
}

// Read streams users, then activities.
func (c *Connector) Read(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
	if len(req.Options) > 0 {
		return fmt.Errorf("the jsonl connector takes no options")
	}
	for _, f := range files {
		if err := readFile(ctx, filepath.Join(req.Path, f.name), w.File(f.name)); err != nil {
			return err
		}
	}
	return nil
}

// line is one line of a Closely export: a user or an activity.
type line struct {
	Type      string     `json:"type"`
	ID        string     `json:"id"`
	Deleted   bool       `json:"deleted"`
	Name      string     `json:"name"`
	Email     string     `json:"email"`
	Manager   string     `json:"manager"`
	Kind      string     `json:"kind"`
	Subject   string     `json:"subject"`
	Owner     string     `json:"owner"`
	Start     string     `json:"start"`
	Minutes   int64      `json:"minutes"`
	Attendees []attendee `json:"attendees"`
}

type attendee struct {
	User  string `json:"user"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

func readFile(ctx context.Context, path string, out *plugin.FileWriter) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	scanner := bufio.NewScanner(f)
	scanner.Buffer(make([]byte, 64<<10), 4<<20)
	var rows, bytes int64
	for scanner.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		text := scanner.Bytes()
		bytes += int64(len(text)) + 1
		if strings.TrimSpace(string(text)) == "" {
			continue // blank lines are not rows
		}
		rows++
		if err := readLine(text, rows, out); err != nil {
			return err
		}
		if err := out.Progress(bytes, st.Size(), rows); err != nil {
			return err
		}
	}
	if err := scanner.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return out.Done(rows)
}

// readLine turns one line into a record, a reject or a skip. Line numbers
// count from 1 as an editor shows them (blank lines aside).
func readLine(text []byte, n int64, out *plugin.FileWriter) error {
	var l line
	if err := json.Unmarshal(text, &l); err != nil {
		return out.Reject(plugin.Reject{Line: n, Reason: "not a JSON object: " + err.Error(), Raw: string(text)})
	}
	if l.Deleted {
		out.Skip("deleted in Closely")
		return nil
	}
	if l.ID == "" {
		return out.Reject(plugin.Reject{Line: n, Field: "id", Reason: "id is empty", Raw: string(text)})
	}
	switch l.Type {
	case "user":
		return out.User(plugin.User{ID: l.ID, Name: l.Name, Email: l.Email, ManagerID: l.Manager, Active: true, Line: n})
	case "activity":
		return readActivity(l, text, n, out)
	default:
		return out.Reject(plugin.Reject{Line: n, Field: "type", Reason: fmt.Sprintf("unknown type %q", l.Type), Raw: string(text)})
	}
}

func readActivity(l line, text []byte, n int64, out *plugin.FileWriter) error {
	start, err := time.Parse(time.RFC3339, l.Start)
	if err != nil {
		return out.Reject(plugin.Reject{Line: n, Field: "start", Reason: fmt.Sprintf("%q is not an RFC 3339 time", l.Start), Raw: string(text), Kind: plugin.KindActivity})
	}
	kind := plugin.ActivityKind(l.Kind)
	switch kind {
	case plugin.ActivityCall, plugin.ActivityMeeting, plugin.ActivityEmail, plugin.ActivityTask:
	default:
		kind = plugin.ActivityOther
	}
	a := plugin.Activity{
		ID: l.ID, Kind: kind, Subject: l.Subject, OwnerID: l.Owner, StartAt: start.UTC(),
		DurationSeconds: l.Minutes * 60, RawType: l.Kind, Line: n,
	}
	if l.Minutes > 0 {
		a.EndAt = a.StartAt.Add(time.Duration(l.Minutes) * time.Minute)
	}
	for _, at := range l.Attendees {
		a.Attendees = append(a.Attendees, plugin.Attendee{UserID: at.User, Email: at.Email, Name: at.Name, Internal: at.User != ""})
	}
	return out.Activity(a)
}
