package salesforce

import (
	"context"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// Data Loader exports the fields its user picks, in UPPERCASE: these are
// such exports with a field left out. The users are the same throughout.
const (
	dataLoaderUsers = "\"ID\",\"FIRSTNAME\",\"LASTNAME\",\"ISACTIVE\",\"MANAGERID\"\r\n" +
		"\"0055g000000odUxAAI\",\"Olivia\",\"Brown\",\"true\",\"\"\r\n" +
		"\"0055g000000odV3AAI\",\"Noah\",\"Smith\",\"true\",\"0055g000000odUxAAI\"\r\n"
	dataLoaderTasks = "\"ID\",\"OWNERID\",\"SUBJECT\",\"ACTIVITYDATE\"\r\n" +
		"\"00T5g000000pnbDEAQ\",\"0055g000000odV3AAI\",\"Follow-up call\",\"2026-02-03\"\r\n"
)

func TestReadRefusesAFileWithoutARequiredColumn(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // in the one error, each once
	}{
		{"tasks without OwnerId", map[string]string{"Task.csv": "\"ID\",\"ACCOUNTID\",\"SUBJECT\",\"ACTIVITYDATE\",\"ISCLOSED\"\r\n" +
			"\"00T5g000000pnbDEAQ\",\"0015g000000oNC1AAM\",\"Follow-up call\",\"2026-02-03\",\"true\"\r\n" +
			"\"00T5g000000pnbbEAA\",\"0015g000000oNCdAAM\",\"Email: Quote\",\"2026-02-04\",\"true\"\r\n"},
			[]string{"Task.csv lacks the OwnerId column"}},
		{"events without Id", map[string]string{"Task.csv": dataLoaderTasks, "Event.csv": "\"OWNERID\",\"SUBJECT\",\"STARTDATETIME\",\"DURATIONINMINUTES\"\r\n" +
			"\"0055g000000odUxAAI\",\"1:1 Noah\",\"2026-02-02T09:00:00.000Z\",\"30\"\r\n" +
			"\"0055g000000odUxAAI\",\"Planning\",\"2026-02-03T09:00:00.000Z\",\"60\"\r\n"},
			[]string{"Event.csv lacks the Id column"}},
		{"events without a start", map[string]string{"Event.csv": "\"ID\",\"SUBJECT\",\"ENDDATETIME\",\"DURATIONINMINUTES\"\r\n" +
			"\"00U5g000000c43dEAA\",\"1:1 Noah\",\"2026-02-02T09:30:00.000Z\",\"30\"\r\n"},
			[]string{"Event.csv lacks the OwnerId column and any of the columns StartDateTime, ActivityDateTime or ActivityDate"}},
		{"opportunities without owner, account and amount", map[string]string{"Task.csv": dataLoaderTasks,
			"Opportunity.csv": "\"ID\",\"NAME\",\"STAGENAME\",\"CLOSEDATE\",\"ISCLOSED\",\"ISWON\",\"CREATEDDATE\"\r\n" +
				"\"0065g000000nwH4AAI\",\"Harrow – MRO contract\",\"Closed Won\",\"2026-02-20\",\"true\",\"true\",\"2026-01-05T10:00:00.000Z\"\r\n"},
			[]string{"Opportunity.csv lacks the OwnerId column", "it also lacks the columns AccountId and Amount"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.files["User.csv"] = dataLoaderUsers
			_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: connectortest.TempDir(t, tt.files)})
			if err == nil {
				t.Fatal("the export was read")
			}
			for _, want := range tt.want {
				if n := strings.Count(err.Error(), want); n != 1 {
					t.Errorf("the error says %q %d times, want once: %v", want, n, err)
				}
			}
		})
	}
}

// The Check sees a file without a required column among the export's
// files and says it cannot be read as it is.
func TestCheckSaysAFileCannotBeReadWithoutARequiredColumn(t *testing.T) {
	dir := connectortest.TempDir(t, map[string]string{"User.csv": dataLoaderUsers, "Task.csv": dataLoaderTasks,
		"Event.csv": "\"ID\",\"OWNERID\",\"SUBJECT\",\"ENDDATETIME\"\r\n" +
			"\"00U5g000000c43dEAA\",\"0055g000000odUxAAI\",\"1:1 Noah\",\"2026-02-02T09:30:00.000Z\"\r\n"})
	res, err := plugintest.Connect(t, New()).Check(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := "cannot be read as it is: Event.csv lacks any of the columns StartDateTime, ActivityDateTime or ActivityDate"
	if !res.Accepted || !strings.Contains(res.Reason, want) {
		t.Errorf("accepted %v: %s; want it to say %q", res.Accepted, res.Reason, want)
	}
}

// optionalExport lacks optional columns only: Opportunity.csv has no
// AccountId and no Amount, User.csv no ManagerId (a top manager has none,
// and the role hierarchy may give the others theirs).
var optionalExport = map[string]string{
	"User.csv": "\"ID\",\"FIRSTNAME\",\"LASTNAME\",\"ISACTIVE\"\r\n" +
		"\"0055g000000odUxAAI\",\"Olivia\",\"Brown\",\"true\"\r\n",
	"Task.csv": dataLoaderTasks,
	"Opportunity.csv": "\"ID\",\"OWNERID\",\"NAME\",\"STAGENAME\",\"CLOSEDATE\",\"ISCLOSED\",\"ISWON\",\"CREATEDDATE\"\r\n" +
		"\"0065g000000nwH4AAI\",\"0055g000000odUxAAI\",\"Harrow – MRO contract\",\"Closed Won\",\"2026-02-20\",\"true\",\"true\",\"2026-01-05T10:00:00.000Z\"\r\n" +
		"\"0065g000000nwHiAAI\",\"0055g000000odUxAAI\",\"Leeds – welding supplies\",\"Proposal/Price Quote\",\"2026-04-30\",\"false\",\"false\",\"2026-01-19T11:00:00.000Z\"\r\n",
}

func TestReadLoadsAFileWithoutOptionalColumnsAndSaysSoOnce(t *testing.T) {
	src, err := export.Open(connectortest.TempDir(t, optionalExport))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	out := &fakeOutput{}
	run := newReadRun(src, options{encoding: "auto"}, out)
	var warnings []string
	run.warn = func(msg string, _ ...any) { warnings = append(warnings, msg) }
	if err := run.read(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"User.csv lacks the columns Email, ManagerId, UserRoleId, UserType and CreatedDate: their values read as empty",
		"Opportunity.csv lacks the columns AccountId and Amount: their values read as empty",
		"Task.csv lacks the columns Status, IsClosed and WhoId, any of the columns TaskSubtype or Type " +
			"and any of the columns AccountId or WhatId: their values read as empty",
	}
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
}

func TestOptionalColumnsAreLoadedEmpty(t *testing.T) {
	dir := connectortest.TempDir(t, optionalExport)
	got, _ := readFixture(t, dir, nil)
	if len(got.Rejected) != 0 || len(got.Opportunities) != 2 || len(got.Users) != 1 {
		t.Fatalf("%d opportunities, %d users, rejects %v", len(got.Opportunities), len(got.Users), got.Rejected)
	}
	for _, o := range got.Opportunities {
		if o.AccountID != "" || o.Amount != nil || o.OwnerID != "0055g000000odUxAAI" {
			t.Errorf("%s: account %q, amount %v, owner %q", o.ID, o.AccountID, o.Amount, o.OwnerID)
		}
	}
	res, err := plugintest.Connect(t, New()).Check(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Accepted || strings.Count(res.Reason, "Opportunity.csv lacks the columns AccountId and Amount") != 1 {
		t.Errorf("accepted %v: %s", res.Accepted, res.Reason)
	}
}
