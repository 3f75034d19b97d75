package dynamics

// Two small exports: minimal/, pages saved as the Web API sends them (one
// line, no annotations: no Prefer header), its activities fetched through
// activitypointers; and broken/, whose bad records must become rejects.

import (
	"fmt"
	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"time"
)

// Fixed IDs make the small exports readable.
const (
	minGreta   = "1a7c0e52-0b6f-ef11-a671-000d3a3e1001"
	minNils    = "1a7c0e52-0b6f-ef11-a671-000d3a3e1002"
	minIda     = "1a7c0e52-0b6f-ef11-a671-000d3a3e1003"
	minNordlys = "2b8d1f63-1c70-ef11-a671-000d3a3e2001"
	minSjosyn  = "2b8d1f63-1c70-ef11-a671-000d3a3e2002"
	minDeal    = "3c9e2074-2d81-ef11-a671-000d3a3e3001"
	minContact = "4daf3185-3e92-ef11-a671-000d3a3e4001"
	minVisit   = "5eb04296-4fa3-ef11-a671-000d3a3e5001"
	minCall    = "5eb04296-4fa3-ef11-a671-000d3a3e5002"
	minTask    = "5eb04296-4fa3-ef11-a671-000d3a3e5003"
	minEmail   = "5eb04296-4fa3-ef11-a671-000d3a3e5004"
	minLetter  = "5eb04296-4fa3-ef11-a671-000d3a3e5005"
	minSeries  = "5eb04296-4fa3-ef11-a671-000d3a3e5006"
	minCancel  = "5eb04296-4fa3-ef11-a671-000d3a3e5007"
	minWeekly  = "5eb04296-4fa3-ef11-a671-000d3a3e5008"
)

func utc(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, month, day, hour, minute, 0, 0, time.UTC)
}

// minimalActivity is an activitypointer without annotations.
func minimalActivity(id, typeCode, subject string, start, end time.Time, scheduledMinutes, actualMinutes, state int, owner, regarding string) obj {
	b := newFields(noAnnotations, 900100).
		set("activityid", id).
		set("activitytypecode", typeCode).
		set("subject", subject).
		when("scheduledstart", start).
		when("scheduledend", end).
		minutes("scheduleddurationminutes", scheduledMinutes).
		when("actualstart", time.Time{}).
		minutes("actualdurationminutes", actualMinutes)
	if state == stateCompleted {
		b.when("actualend", plugin.FirstSet(end, start))
	} else {
		b.when("actualend", time.Time{})
	}
	return b.set("statecode", state).
		set("prioritycode", 1).
		set("_ownerid_value", owner).
		set("_regardingobjectid_value", nilIfEmpty(regarding)).
		when("createdon", utc(1, 20, 8, 0)).
		build()
}

func minimalParty(n int, activityID string, mask int, partyID, address string) obj {
	return newFields(noAnnotations, 900200+n).
		set("activitypartyid", fmt.Sprintf("7ad26418-61c5-ef11-a671-000d3a3e%04x", n)).
		set("_activityid_value", activityID).
		set("participationtypemask", mask).
		set("addressused", nilIfEmpty(address)).
		set("_partyid_value", nilIfEmpty(partyID)).
		build()
}

func generateMinimal() *fxExport {
	users := &fxPage{name: "systemusers.json", entity: systemUserEntity, compact: true}
	for _, u := range []struct{ id, name, email, title, manager string }{
		{minGreta, "Greta Lund", "greta.lund@lumen-optics.eu", "Sales Manager Nordics", ""},
		{minNils, "Nils Berg", "nils.berg@lumen-optics.eu", "Account Manager", minGreta},
		{minIda, "Ida Holm", "ida.holm@lumen-optics.eu", "Account Manager", minGreta},
	} {
		users.add(newFields(noAnnotations, 900001).set("systemuserid", u.id).set("fullname", u.name).
			set("internalemailaddress", u.email).set("title", u.title).set("isdisabled", false).set("accessmode", 0).
			set("_parentsystemuserid_value", nilIfEmpty(u.manager)).when("createdon", utc(1, 2, 9, 0)).build())
	}
	accounts := &fxPage{name: "accounts.json", entity: accountEntity, compact: true}
	accounts.add(newFields(noAnnotations, 900010).set("accountid", minNordlys).set("name", "Nordlys Optikk AS").set("revenue", 2400000.0).
		set("customertypecode", 3).set("accountcategorycode", 1).set("_ownerid_value", minNils).build())
	accounts.add(newFields(noAnnotations, 900011).set("accountid", minSjosyn).set("name", "Sjøsyn Briller").set("revenue", nil).
		set("customertypecode", 8).set("accountcategorycode", 2).set("_ownerid_value", minIda).build())
	deals := &fxPage{name: "opportunities.json", entity: opportunityEntity, compact: true}
	deals.add(newFields(noAnnotations, 900020).set("opportunityid", minDeal).set("name", "Nordlys – 6 lens edgers").
		set("estimatedvalue", 54000.0).set("actualvalue", nil).set("estimatedclosedate", "2026-05-29").set("actualclosedate", nil).
		set("statecode", 0).set("_parentaccountid_value", minNordlys).set("_ownerid_value", minNils).
		when("createdon", utc(1, 14, 10, 0)).build())

	activities := &fxPage{name: "activitypointers.json", entity: activityPointerEntity, compact: true}
	activities.add(minimalActivity(minVisit, "appointment", "Kundebesøk Nordlys", utc(2, 3, 9, 0), utc(2, 3, 10, 0), 60, -1, stateCompleted, minNils, minDeal))
	activities.add(minimalActivity(minCall, "phonecall", "Follow-up call Sjøsyn", utc(2, 4, 13, 30), utc(2, 4, 13, 30), -1, 8, stateCompleted, minIda, minSjosyn))
	activities.add(minimalActivity(minTask, "task", "Expense report February", time.Time{}, utc(2, 27, 16, 0), -1, -1, stateOpen, minGreta, ""))
	email := &recordBuilder{fields: minimalActivity(minEmail, "email", "Tilbud slipemaskin", time.Time{}, time.Time{}, -1, -1, stateCompleted, minNils, minNordlys)}
	activities.add(email.replace("actualend", "2026-02-05T11:20:00Z").set("senton", "2026-02-05T11:20:00Z").build())
	activities.add(minimalActivity(minLetter, "letter", "Velkomstbrev Sjøsyn", time.Time{}, utc(2, 6, 12, 0), -1, -1, stateCompleted, minIda, minSjosyn))
	activities.add(minimalActivity(minSeries, "recurringappointmentmaster", "Ukentlig teammøte", utc(2, 2, 8, 0), utc(2, 2, 8, 30), 30, -1, stateOpen, minGreta, "")).Skip = skipSeriesMaster
	activities.add(minimalActivity(minCancel, "appointment", "Kundebesøk Sjøsyn", utc(2, 5, 9, 0), utc(2, 5, 10, 0), 60, -1, stateCanceled, minIda, minSjosyn)).Skip = skipCanceled
	activities.add(minimalActivity(minWeekly, "appointment", "Ukentlig teammøte", utc(2, 9, 8, 0), utc(2, 9, 8, 30), 30, -1, stateCompleted, minGreta, ""))

	parties := &fxPage{name: "activityparties.json", entity: activityPartyEntity, compact: true}
	party := func(activityID string, mask int, partyID, address, skip string) {
		parties.add(minimalParty(len(parties.records)+1, activityID, mask, partyID, address)).Skip = skip
	}
	party(minVisit, 7, minNils, "nils.berg@lumen-optics.eu", "")
	party(minVisit, 5, minContact, "kari@nordlys-optikk.no", "")
	party(minVisit, 10, "6fc15307-50b4-ef11-a671-000d3a3e6001", "", nonAttendeeRoles[10])
	party(minVisit, 9, minNils, "", nonAttendeeRoles[9])
	party(minCall, 1, minIda, "", "")
	party(minCall, 2, minContact, "+47 22 33 44 55", "")
	party(minEmail, 1, minNils, "nils.berg@lumen-optics.eu", "")
	party(minEmail, 2, "", "post@sjosyn.no", "")
	party(minEmail, 3, "", "Greta.Lund@Lumen-Optics.eu", "")
	party(minLetter, 1, minIda, "", "")
	party(minLetter, 2, minContact, "", "")
	party(minSeries, 7, minGreta, "", skipPartyUnloaded)
	party(minCancel, 7, minIda, "", skipPartyUnloaded)
	party(minWeekly, 7, minGreta, "", "")
	party(minWeekly, 5, minNils, "", "")
	party(minWeekly, 5, minIda, "", "")
	party(minWeekly, 5, minGreta, "", skipPartyRepeated)

	return &fxExport{dir: "minimal", pages: []*fxPage{users, accounts, deals, activities, parties}}
}

// replace sets an attribute's value, keeping its place.
func (b *recordBuilder) replace(key string, value any) *recordBuilder {
	for i := range b.fields {
		if b.fields[i].key == key {
			b.fields[i].value = value
			return b
		}
	}
	panic("fixture bug: no attribute " + key)
}

func generateBroken() *fxExport {
	l := &lumen{rng: connectortest.NewRand(7), etag: 5120000, activityAnnotations: allAnnotations}
	marco := &lumenUser{id: "8d1e5a07-6b2c-ef11-9a3d-000d3a7f0001", first: "Marco", last: "Rossi", title: "Sales Manager Italia",
		position: "Sales Manager", lang: &english, winterOffset: 1, created: utc(1, 5, 9, 0), modified: utc(1, 5, 9, 0)}
	giulia := &lumenUser{id: "8d1e5a07-6b2c-ef11-9a3d-000d3a7f0002", first: "Giulia", last: "Bianchi", title: "Account Manager",
		position: "Account Manager", lang: &english, manager: marco, winterOffset: 1, created: utc(1, 5, 9, 5), modified: utc(1, 5, 9, 5)}
	users := &fxPage{name: "systemusers.json", entity: systemUserEntity}
	users.add(l.userFields(marco))
	users.add(l.userFields(giulia))
	bad := func(field string, value any) obj {
		u := *giulia
		u.id = guid(l.rng)
		b := &recordBuilder{annotated: allAnnotations, fields: l.userFields(&u)}
		if field == "systemuserid" {
			return b.replace(field, nil).build()
		}
		return b.replace(field, value).build()
	}
	users.add(bad("isdisabled", "no")).rejectOn("isdisabled")
	users.add(bad("systemuserid", nil)).rejectOn("systemuserid")
	users.add(bad("createdon", "13/01/2026 09:00")).rejectOn("createdon")

	accounts := &fxPage{name: "accounts.json", entity: accountEntity}
	account := func(id, name string, revenue any) obj {
		return l.fields().set("accountid", id).set("name", name).set("revenue", revenue).
			option("accountcategorycode", 1, "Preferred Customer").
			lookup("_ownerid_value", giulia.id, giulia.name(), "systemuser").build()
	}
	const ottica = "9e2f6b18-7c3d-ef11-9a3d-000d3a7f1001"
	accounts.add(account(ottica, "Ottica Milano S.r.l.", 3200000.0))
	accounts.add(account(guid(l.rng), "Occhiali Torino", "1,2 Mio")).rejectOn("revenue")

	deals := &fxPage{name: "opportunities.json", entity: opportunityEntity}
	deal := func(state any, estimatedClose string) obj {
		return l.fields().set("opportunityid", guid(l.rng)).set("name", "Ottica Milano – edger").set("estimatedvalue", 42000).
			set("estimatedclosedate", estimatedClose).set("statecode", state).
			lookup("_parentaccountid_value", ottica, "Ottica Milano S.r.l.", "account").
			lookup("_ownerid_value", giulia.id, giulia.name(), "systemuser").build()
	}
	deals.add(deal(0, "2026-06-30"))
	deals.add(deal(5, "2026-06-30")).rejectOn("statecode")
	deals.add(deal(0, "31/03/2026")).rejectOn("estimatedclosedate")

	appointments := &fxPage{name: "appointments.json", entity: appointmentEntity}
	visit := func(subject string, start, end time.Time, state int, parties any) obj {
		b := l.activityFields(guid(l.rng), "appointment", subject, start, end, int(end.Sub(start)/time.Minute), state, 1, giulia,
			regardingObject{ottica, "Ottica Milano S.r.l.", "account"}, start.AddDate(0, 0, -3))
		return b.set("appointment_activity_parties", parties).build()
	}
	goodParties := []obj{l.partyFields(maskOrganizer, giulia.participant(), "", ""), l.partyFields(5, marco.participant(), "", "")}
	appointments.add(visit("Visita cliente Ottica Milano", utc(2, 10, 9, 0), utc(2, 10, 10, 0), stateCompleted, goodParties)).Attendees = 2
	badStart := &recordBuilder{annotated: allAnnotations, fields: visit("Visita cliente Occhiali Torino", utc(2, 11, 9, 0), utc(2, 11, 10, 0), stateCompleted, goodParties)}
	appointments.add(badStart.replace("scheduledstart", "2026-02-30T09:00:00Z").build()).rejectOn("scheduledstart")
	appointments.add(visit("Riunione di pipeline", utc(2, 12, 10, 0), utc(2, 12, 9, 0), stateCompleted, goodParties)).rejectOn("scheduledend")
	badMask := []obj{l.partyFields(maskOrganizer, giulia.participant(), "", ""), l.partyFields(5, marco.participant(), "", "")}
	badMask[1] = (&recordBuilder{annotated: allAnnotations, fields: badMask[1]}).replace("participationtypemask", "required").build()
	appointments.add(visit("QBR prep Ottica Milano", utc(2, 13, 14, 0), utc(2, 13, 15, 0), stateCompleted, badMask)).
		rejectOn("appointment_activity_parties[1].participationtypemask")
	appointments.records = append(appointments.records, (&fxRecord{raw: `"Kundentermin"`}).rejectOn(""))
	appointments.add(visit("Demo biseladora", utc(2, 16, 9, 0), utc(2, 16, 10, 0), stateCompleted, obj{{"partyid", giulia.id}})).
		rejectOn("appointment_activity_parties")
	appointments.add(visit("Visita annullata", utc(2, 17, 9, 0), utc(2, 17, 10, 0), stateCanceled, goodParties)).Skip = skipCanceled
	appointments.add(visit("1:1 with Giulia", utc(2, 18, 9, 0), utc(2, 18, 9, 30), stateCompleted, goodParties)).Attendees = 2

	calls := &fxPage{name: "phonecalls.json", entity: phoneCallEntity}
	const goodCall = "af307c29-8d4e-ef11-9a3d-000d3a7f2001"
	call := func(id string, minutes any, priority any) obj {
		b := &recordBuilder{annotated: allAnnotations, fields: l.activityFields(id, "phonecall", "Llamada de seguimiento Ottica Milano",
			utc(2, 19, 11, 0), utc(2, 19, 11, 0), 10, stateCompleted, 1, giulia, regardingObject{ottica, "Ottica Milano S.r.l.", "account"},
			utc(2, 18, 11, 0)).build()}
		return b.replace("actualdurationminutes", minutes).replace("prioritycode", priority).build()
	}
	calls.add(call(goodCall, 10, 1))
	calls.add(call(guid(l.rng), -5, 1)).rejectOn("actualdurationminutes")
	calls.add(call(guid(l.rng), 10, "hoch")).rejectOn("prioritycode")

	tasks := &fxPage{name: "tasks.json", entity: taskEntity}
	task := func(state any, owner any) obj {
		b := &recordBuilder{annotated: allAnnotations, fields: l.taskFields(guid(l.rng), "Nota spese febbraio", utc(2, 27, 17, 0), time.Time{}, -1, 1,
			giulia, participant{}, utc(2, 20, 9, 0)).build()}
		return b.replace("statecode", state).replace("_ownerid_value", owner).build()
	}
	tasks.add(task(0, giulia.id))
	tasks.add(task(9, giulia.id)).rejectOn("statecode")
	tasks.add(task(0, 42)).rejectOn("_ownerid_value")

	parties := &fxPage{name: "activityparties.json", entity: activityPartyEntity}
	parties.add(l.partyFields(maskSender, giulia.participant(), goodCall, "phonecall"))
	noActivity := &recordBuilder{annotated: allAnnotations, fields: l.partyFields(2, marco.participant(), goodCall, "phonecall")}
	parties.add(noActivity.replace("_activityid_value", nil).build()).rejectOn("_activityid_value")
	halfMask := &recordBuilder{annotated: allAnnotations, fields: l.partyFields(2, marco.participant(), goodCall, "phonecall")}
	parties.add(halfMask.replace("participationtypemask", 2.5).build()).rejectOn("participationtypemask")

	return &fxExport{dir: "broken", pages: []*fxPage{users, accounts, deals, appointments, calls, tasks, parties}}
}
