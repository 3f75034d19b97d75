package plugin_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// fill sets every field of the struct p points to a value of its own (a
// field of nested records is left alone): a field the spool format forgot
// would come back empty.
func fill(p any) {
	v := reflect.ValueOf(p).Elem()
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		switch f.Kind() {
		case reflect.String:
			f.SetString("v " + name + ", \"quoted\"")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Int64:
			f.SetInt(int64(len(name)) + 2)
		case reflect.Pointer:
			x := float64(len(name)) + 0.25
			f.Set(reflect.ValueOf(&x))
		case reflect.Struct:
			// Midnight: dates keep only their day.
			f.Set(reflect.ValueOf(time.Date(2026, 3, len(name), 0, 0, 0, 0, time.UTC)))
		}
	}
}

// Every field of every record reaches the host: written by the SDK,
// spooled, and read back as the host would load it.
func TestEveryFieldOfEveryRecordSurvivesTheSpool(t *testing.T) {
	var u plugin.User
	var acc plugin.Account
	var o plugin.Opportunity
	var a plugin.Activity
	var nested, alone plugin.Attendee
	for _, p := range []any{&u, &acc, &o, &a, &nested, &alone} {
		fill(p)
	}
	a.Kind, nested.ActivityID, alone.ActivityID = plugin.ActivityMeeting, "", a.ID
	a.Attendees = []plugin.Attendee{nested}
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		f := w.File("export.csv")
		for _, write := range []func() error{
			func() error { return f.User(u) }, func() error { return f.Account(acc) },
			func() error { return f.Opportunity(o) }, func() error { return f.Activity(a) },
		} {
			if err := write(); err != nil {
				return err
			}
		}
		if err := f.Done(4); err != nil {
			return err
		}
		g := w.File("attendees.csv")
		if err := g.Attendee(alone); err != nil {
			return err
		}
		return g.Done(1)
	}}
	got, _, err := plugintest.ReadAll(t, c, plugin.ReadRequest{Path: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"user", got.Users, []plugin.User{u}}, {"account", got.Accounts, []plugin.Account{acc}},
		{"opportunity", got.Opportunities, []plugin.Opportunity{o}}, {"activity", got.Activities, []plugin.Activity{a}},
		{"attendee", got.Attendees, []plugin.Attendee{alone}},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, c.got, c.want)
		}
	}
}
