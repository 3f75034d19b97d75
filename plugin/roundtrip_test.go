package plugin_test

import (
	"context"
	"reflect"
	"strconv"
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
		case reflect.Slice:
			if f.Type().Elem().Kind() == reflect.String {
				f.Set(reflect.ValueOf([]string{"v " + name, `"quoted", [1]`}))
			}
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
	// A private event keeps its subject and attendees to itself: below.
	a.Private = false
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

// A private event reaches the host as time only: the SDK sends neither its
// subject nor its attendees, whatever the connector set.
func TestAPrivateEventsSubjectAndAttendeesNeverLeaveTheConnector(t *testing.T) {
	a := plugin.Activity{ID: "e1", Kind: plugin.ActivityMeeting, Subject: "Doctor's appointment", OwnerID: "u1",
		StartAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), DurationSeconds: 3600, Private: true, Line: 2,
		Attendees: []plugin.Attendee{{Email: "dr.jansen@clinic.example", Name: "Dr Jansen"}}}
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		f := w.File("calendar.ics")
		if err := f.Activity(a); err != nil {
			return err
		}
		return f.Done(1)
	}}
	got, _, err := plugintest.ReadAll(t, c, plugin.ReadRequest{Path: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Activities) != 1 || len(got.Attendees) != 0 {
		t.Fatalf("got %d activities and %d attendees, want the one event and no attendee", len(got.Activities), len(got.Attendees))
	}
	if e := got.Activities[0]; !e.Private || e.Subject != "" || len(e.Attendees) != 0 || e.DurationSeconds != 3600 {
		t.Errorf("the private event came back as %+v: want its time, no subject and no attendees", e)
	}
}

// Values at the edges come back as the host would load them: times before
// 1 AD with and without a clock, five-digit years, microseconds, and texts
// with every character the spool format must quote.
func TestEdgeValuesSurviveTheSpool(t *testing.T) {
	times := []time.Time{
		time.Date(0, 3, 15, 12, 30, 0, 0, time.UTC), // 1 BC, with a clock
		time.Date(-43, 3, 15, 0, 0, 0, 0, time.UTC), // 44 BC, midnight
		time.Date(12345, 6, 7, 8, 9, 10, 123456000, time.UTC),
		time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC), // one microsecond's digits
	}
	texts := []string{`a,"b"` + "\n\r", "\ufeffBOM first", "", "NULL"}
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		f := w.File("User.csv")
		for i, at := range times {
			if err := f.User(plugin.User{ID: "u" + strconv.Itoa(i), Name: texts[i], JoinedAt: at, Line: int64(i + 2)}); err != nil {
				return err
			}
		}
		return f.Done(int64(len(times)))
	}}
	got, _, err := plugintest.ReadAll(t, c, plugin.ReadRequest{Path: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Users) != len(times) {
		t.Fatalf("%d users came back, want %d", len(got.Users), len(times))
	}
	for i, u := range got.Users {
		if !u.JoinedAt.Equal(times[i]) || u.Name != texts[i] {
			t.Errorf("user %d: joined %v, name %q; want %v, %q", i, u.JoinedAt, u.Name, times[i], texts[i])
		}
	}
}
