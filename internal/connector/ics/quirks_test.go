package ics

import (
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// june2026 is the audit period of testdata/ics/quirks.
var june2026 = map[string]string{optionFrom: "2026-06-01", optionTo: "2026-06-30"}

// at is a wall-clock time in an IANA zone, as an instant.
func at(t *testing.T, zoneName, wall string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(zoneName)
	if err != nil {
		t.Fatal(err)
	}
	instant, err := time.ParseInLocation("2006-01-02 15:04", wall, loc)
	if err != nil {
		t.Fatal(err)
	}
	return instant.UTC()
}

// quirkActivity is an event of the quirks fixture as the audit must see it.
type quirkActivity struct {
	owner, subject string
	starts         []time.Time // in order
	minutes        int
}

// quirkReject is an event the connector must refuse, and the words the
// reason must hold.
type quirkReject struct {
	file  string
	line  int64
	field string
	says  string
}

func TestQuirksFixtureLoads(t *testing.T) {
	got, summary := read(t, fixture("quirks"), june2026)
	const (
		grete = "grete.lindqvist@nordvale.example"
		omar  = "omar.haddad@nordvale.example"
		keiko = "keiko.arai@nordvale.example"
	)
	berlin := func(wall string) time.Time { return at(t, "Europe/Berlin", wall) }
	madrid := func(wall string) time.Time { return at(t, "Europe/Madrid", wall) }
	var standUps []time.Time
	for _, day := range []string{"01", "02", "03", "04", "05", "08", "09", "10", "11", "12"} {
		standUps = append(standUps, berlin("2026-06-"+day+" 09:15"))
	}
	want := []quirkActivity{
		// exchange-grete.ics: lists with spaces, empty EXDATE and RDATE.
		{grete, "Daily stand-up", standUps, 15},
		{grete, "Pipeline review", []time.Time{berlin("2026-06-02 14:00"), berlin("2026-06-16 14:00")}, 60},
		{grete, "Quarterly forecast", []time.Time{berlin("2026-06-30 10:00")}, 120},
		{grete, "Key account call", []time.Time{berlin("2026-06-04 11:00"), berlin("2026-06-11 11:00"), berlin("2026-06-18 11:00")}, 30},
		{grete, "Distributor sync", []time.Time{berlin("2026-06-03 14:00"), berlin("2026-06-17 14:00"), berlin("2026-06-24 14:00")}, 30},
		{grete, "Trade fair debrief", []time.Time{berlin("2026-06-19 16:00")}, 60},
		// outlook-omar.ics: Windows IDs and display names without VTIMEZONE.
		{omar, "Windows zone ID", []time.Time{berlin("2026-06-02 09:00")}, 60},
		{omar, "Legacy display name", []time.Time{berlin("2026-06-03 09:00")}, 60},
		{omar, "Display name with cities", []time.Time{berlin("2026-06-04 09:00")}, 60},
		{omar, "Call with Boston office", []time.Time{at(t, "America/New_York", "2026-06-05 09:00")}, 60},
		{omar, "Call with Toronto distributor", []time.Time{at(t, "America/New_York", "2026-06-08 09:00")}, 60},
		{omar, "German display name", []time.Time{berlin("2026-06-09 09:00")}, 60},
		{omar, "Romance display name", []time.Time{at(t, "Europe/Paris", "2026-06-10 09:00")}, 60},
		// google-ines.ics: owner by X-WR-CALNAME, a fold inside é.
		{ines, "Reunión con Comercial Ferrán", []time.Time{utc("2026-06-02T08:00Z")}, 60},
		{ines, "Revisión de pedidos", []time.Time{utc("2026-06-03T12:00Z")}, 30},
		{ines, "Previsión trimestral", []time.Time{utc("2026-06-04T12:00Z")}, 60},
		{ines, "Visita almacén", []time.Time{utc("2026-06-05T07:00Z")}, 60},
		{ines, "Preparar ofertas", []time.Time{utc("2026-06-05T15:00Z")}, 60},
		// apple-keiko.ics: RSCALE=GREGORIAN.
		{keiko, "Monthly territory review", []time.Time{at(t, "Europe/Stockholm", "2026-06-01 13:00")}, 60},
		// booking-tomas.ics: dates with a stray Z, all-day in X-WR-TIMEZONE.
		{tomas, "Feria Alimentaria (stand)", []time.Time{madrid("2026-06-10 00:00")}, 2 * 24 * 60},
		{tomas, "Visita Lagos Agro", []time.Time{madrid("2026-06-15 00:00")}, 24 * 60},
		{tomas, "Llamada de seguimiento", []time.Time{utc("2026-06-16T09:00Z")}, 60},
	}
	checkQuirkActivities(t, got, want)
	checkQuirkRejects(t, got.Rejected, []quirkReject{
		{"apple-keiko.ics", 64, "RRULE", "SKIP=BACKWARD"},
		{"apple-keiko.ics", 80, "RRULE", "RSCALE=HEBREW"},
		{"apple-keiko.ics", 96, "RRULE", "RSCALE=CHINESE"},
		{"outlook-omar.ics", 168, "DTSTART", `unknown time zone "Atlantis Standard Time"`},
		{"outlook-omar.ics", 189, "DTSTART", "whose standard offset is not (UTC+05:00)"},
	})
	events, rejected := 0, int64(0)
	for _, f := range summary.Files {
		events += int(f.RowsRead - f.Records[plugin.KindUser])
		rejected += f.RowsRejected
	}
	t.Logf("%d event rows, %d rejected, all on purpose", events, rejected)
}

func checkQuirkActivities(t *testing.T, got *plugintest.Collector, want []quirkActivity) {
	t.Helper()
	total := 0
	for _, w := range want {
		total += len(w.starts)
		found := activities(got, w.owner, w.subject)
		if len(found) != len(w.starts) {
			t.Errorf("%s of %s: %d occurrences, want %d", w.subject, w.owner, len(found), len(w.starts))
			continue
		}
		for i, a := range found {
			if !a.StartAt.Equal(w.starts[i]) || a.EndAt.Sub(a.StartAt) != time.Duration(w.minutes)*time.Minute {
				t.Errorf("%s of %s: %s–%s, want %s lasting %d minutes", w.subject, w.owner, a.StartAt, a.EndAt, w.starts[i], w.minutes)
			}
		}
	}
	if len(got.Activities) != total {
		t.Errorf("%d activities, want %d", len(got.Activities), total)
	}
}

func checkQuirkRejects(t *testing.T, got []plugin.Reject, want []quirkReject) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d rejects, want %d: %+v", len(got), len(want), got)
	}
	for _, w := range want {
		found := false
		for _, r := range got {
			if strings.HasSuffix(r.File, w.file) && r.Line == w.line && r.Field == w.field && strings.Contains(r.Reason, w.says) {
				found = true
			}
		}
		if !found {
			t.Errorf("no reject of %s line %d field %s saying %q", w.file, w.line, w.field, w.says)
		}
	}
}
