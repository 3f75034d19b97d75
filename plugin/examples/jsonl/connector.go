package main

import (
	"cmp"
	"context"
	"encoding/json"
	"io"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// New returns the connector, declared: its Info, the files of a Closely
// export, and how to read one: line by line, each line mapped by mapLine.
func New() plugin.Connector {
	return &export.Connector{
		About: plugin.Info{Name: "jsonl", Version: "0.1.0", AcceptsDirectory: true, Kinds: []plugin.RecordKind{plugin.KindUser, plugin.KindActivity},
			Description: "Closely JSON Lines export (an example third-party connector): users and activities."},
		Layout: export.Layout{Name: "Closely JSON Lines export", NotAnExport: "a Closely export is a directory", Files: []export.FilePattern{
			{Name: "users.jsonl", Kind: plugin.KindUser, Required: true}, {Name: "activities.jsonl", Kind: plugin.KindActivity, Required: true}}},
		ReadFile: func(ctx context.Context, _ plugin.ReadRequest, f export.Found, r io.Reader, out *plugin.FileWriter) error {
			return plugin.ReadRows(ctx, out, f.Pattern.Kind, plugin.NewLineReader(r, f.Name, f.Size), func(l plugin.Line) error { return mapLine(l, out) })
		},
	}
}

// line is one line of a Closely export: a user or an activity.
type line struct {
	Type, ID, Name, Email, Manager, Kind, Subject, Owner, Start string
	Deleted                                                     bool
	Minutes                                                     int64
	Attendees                                                   []struct{ User, Email, Name string }
}

var kinds = map[string]plugin.ActivityKind{"call": plugin.ActivityCall, "meeting": plugin.ActivityMeeting, "email": plugin.ActivityEmail, "task": plugin.ActivityTask}

// mapLine sends a line's record, or says why it is rejected or skipped.
func mapLine(text plugin.Line, out *plugin.FileWriter) error {
	var l line
	switch err := json.Unmarshal(text.Text, &l); {
	case err != nil:
		return plugin.FieldError("", "not a JSON object: %v", err)
	case l.Deleted:
		return plugin.Skip("deleted in Closely")
	case l.ID == "":
		return plugin.FieldError("id", "id is empty")
	case l.Type == "user":
		return out.User(plugin.User{ID: l.ID, Name: l.Name, Email: l.Email, ManagerID: l.Manager, Active: true, Line: text.Number})
	case l.Type != "activity":
		return plugin.FieldError("type", "unknown type %q", l.Type)
	}
	start, err := time.Parse(time.RFC3339, l.Start)
	if err != nil {
		return plugin.FieldError("start", "%q is not an RFC 3339 time", l.Start)
	}
	a := plugin.Activity{ID: l.ID, Kind: cmp.Or(kinds[l.Kind], plugin.ActivityOther), Subject: l.Subject, OwnerID: l.Owner,
		StartAt: start.UTC(), DurationSeconds: l.Minutes * 60, RawType: l.Kind, Line: text.Number}
	if l.Minutes > 0 {
		a.EndAt = a.StartAt.Add(time.Duration(l.Minutes) * time.Minute)
	}
	for _, at := range l.Attendees {
		a.Attendees = append(a.Attendees, plugin.Attendee{UserID: at.User, Email: at.Email, Name: at.Name, Internal: at.User != ""})
	}
	return out.Activity(a)
}
