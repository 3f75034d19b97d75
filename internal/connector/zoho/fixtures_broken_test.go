package zoho

// broken/ holds pages whose bad records must become rejects naming file,
// line and field, among good records that must still be loaded.

import (
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

func generateBroken() *fxExport {
	r := connectortest.NewRand(11)
	c := &cortado{rng: r, userIDs: &ids{rng: r, next: 900000}, accountIDs: &ids{rng: r, next: 910000}, dealIDs: &ids{rng: r, next: 920000},
		activityIDs: &ids{rng: r, next: 930000}, facts: cortadoFacts{users: map[string]*cortadoUser{}}}
	c.usersPage = newPage("Users.json", usersModule)
	marco := c.user("Marco", "Rossi", "Sales Manager Italy", "Sales Manager Profile", &english, nil, 1, time.Date(2024, 1, 8, 9, 0, 0, 0, time.UTC))
	c.admin = marco
	giulia := c.user("Giulia", "Bianchi", "Sales Representative", "Standard", &english, marco, 1, time.Date(2024, 5, 6, 9, 0, 0, 0, time.UTC))
	c.usersPage.add(c.userFields(marco))
	c.usersPage.add(c.userFields(giulia))
	badUser := func(field string, value any) obj {
		u := *giulia
		u.id = c.userIDs.id()
		return c.userFields(&u).with(field, value)
	}
	c.usersPage.add(badUser("created_time", "yesterday")).rejectOn("created_time")
	c.usersPage.add(badUser("id", nil)).rejectOn("id")

	c.accountsPage = newPage("Accounts.json", accountsModule)
	ottica := &cortadoAccount{id: c.accountIDs.id(), name: "Bar Ottica Milano", owner: giulia}
	account := func(id string, revenue any) obj {
		return obj{{"Owner", giulia.ref()}, {"Account_Name", "Bar Ottica Milano"}, {"Annual_Revenue", revenue}, {"Account_Type", "Customer"}, {"id", id}}
	}
	c.accountsPage.add(account(ottica.id, 1200000.0))
	c.accountsPage.add(account(c.accountIDs.id(), "1,2 Mio €")).rejectOn("Annual_Revenue")

	c.dealsPage = newPage("Deals.json", dealsModule)
	deal := func(closing, amount any) obj {
		return obj{{"Owner", giulia.ref()}, {"Deal_Name", "Bar Ottica – 2 espresso machines"}, {"Amount", amount}, {"Stage", "Qualification"},
			{"Closing_Date", closing}, {"Account_Name", ottica.ref()}, {"id", c.dealIDs.id()}}
	}
	c.dealsPage.add(deal("2026-06-30", 9800))
	c.dealsPage.add(deal("31/03/2026", 9800)).rejectOn("Closing_Date")
	c.dealsPage.add(deal("2026-06-30", "tbd")).rejectOn("Amount")

	c.callsPage = newPage("Calls.json", callsModule)
	start := time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)
	call := func(status, clock string, seconds int) obj {
		return c.callFields(c.activityIDs.id(), "Chiamata di follow-up Bar Ottica", giulia, "Outbound", start, clock, seconds, status,
			"Accounts", ottica.ref(), nil)
	}
	c.callsPage.add(call("Completed", "05:00", 300))
	c.callsPage.add(call("Completed", "05:00", 300).with("Call_Start_Time", "2026-02-30T10:00:00+01:00")).rejectOn("Call_Start_Time")
	c.callsPage.add(call("Completed", "5 min", -1)).rejectOn("Call_Duration")
	c.callsPage.add(call("Completed", "05:00", 300).with("Call_Duration_in_seconds", -30)).rejectOn("Call_Duration_in_seconds")
	c.callsPage.add(call("Cancelled", "", -1)).Skip = skipCancelledCall
	c.callsPage.records = append(c.callsPage.records, (&fxRecord{raw: `"Chiamata persa"`}).rejectOn(""))
	c.callsPage.add(call("Completed", "05:00", 300).with("Owner", []obj{giulia.ref()})).rejectOn("Owner")

	c.eventsPage = newPage("Events.json", eventsModule)
	event := func(title string, start, end time.Time, participants any) obj {
		return c.eventFields(c.activityIDs.id(), title, giulia, start, end, false, "Accounts", ottica.ref(), nil, nil).with("Participants", participants)
	}
	good := []obj{userParticipant(giulia, "accepted"), userParticipant(marco, "not_known")}
	c.eventsPage.add(event("Visita cliente Bar Ottica", start, start.Add(time.Hour), good)).Attendees = 2
	c.eventsPage.add(event("Riunione di pipeline", start, start.Add(-time.Hour), good)).rejectOn("End_DateTime")
	c.eventsPage.add(event("Demo macchina espresso", start, start.Add(time.Hour), "Giulia, Marco")).rejectOn("Participants")
	badParticipant := []obj{userParticipant(giulia, "accepted"), userParticipant(marco, "accepted").with("participant", obj{{"id", marco.id}})}
	c.eventsPage.add(event("QBR prep Bar Ottica", start, start.Add(time.Hour), badParticipant)).rejectOn("Participants[1].participant")
	c.eventsPage.add(event("1:1 with Giulia", start.Add(24*time.Hour), start.Add(24*time.Hour+30*time.Minute), good)).Attendees = 2

	c.tasksPage = newPage("Tasks.json", tasksModule)
	task := func(due any) obj {
		return c.taskFields(c.activityIDs.id(), "Nota spese febbraio", giulia, time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC), "Not Started", "Normal",
			time.Time{}, "", nil, nil, time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)).with("Due_Date", due)
	}
	c.tasksPage.add(task("2026-02-27"))
	c.tasksPage.add(task("2026-13-01")).rejectOn("Due_Date")
	c.tasksPage.add(task(nil).with("Created_Time", nil)).rejectOn("Due_Date")

	return &fxExport{dir: "broken", pages: []*fxPage{c.usersPage, c.accountsPage, c.dealsPage, c.callsPage, c.eventsPage, c.tasksPage}}
}
