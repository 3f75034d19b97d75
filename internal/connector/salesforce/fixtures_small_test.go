package salesforce

import (
	"strings"
	"time"
)

// smallOrg is the skeleton of the small exports: a director, a manager and
// reps, with their roles.
type smallOrg struct {
	*exportBuilder
	domain  string
	userIDs map[string]string // first name → user ID
}

func newSmallOrg(seed uint64, exportedAt time.Time, domain string) *smallOrg {
	return &smallOrg{exportBuilder: newExportBuilder(seed, exportedAt), domain: domain, userIDs: map[string]string{}}
}

func (o *smallOrg) user(first, last, title, roleID, managerID string, created time.Time) string {
	r := o.addUser(userSpec{first: first, last: last, title: title, department: "Sales",
		email: emailOf(first, last, o.domain), roleID: roleID, managerID: managerID, active: true,
		locale: "es_ES", timeZone: "Europe/Madrid", created: created,
		lastLogin: o.exportedAt.Add(-20 * time.Hour)})
	id := r.values["Id"].(string)
	o.userIDs[first] = id
	return id
}

type smallAccount struct {
	id, contactID string
}

func (o *smallOrg) account(name, owner, city, country, contactFirst, contactLast string, revenue float64) smallAccount {
	ownerID := o.userIDs[owner]
	id := o.addAccount(accountSpec{name: name, accountType: "Customer", industry: "Manufacturing", rating: "Warm",
		tier: "Tier 2", region: "Iberia", ownerID: ownerID, city: city, country: country, revenue: amount(revenue),
		employees: int(revenue / 250000), created: time.Date(2024, 5, 6, 10, 0, 0, 0, time.UTC)})
	contact := o.addContact(contactSpec{accountID: id, first: contactFirst, last: contactLast, title: "Compras",
		email: emailOf(contactFirst, contactLast, domainOf(name)), ownerID: ownerID, city: city, country: country,
		created: time.Date(2024, 5, 6, 10, 5, 0, 0, time.UTC)})
	return smallAccount{id: id, contactID: contact}
}

// task adds a task on an account, with its contact.
func (o *smallOrg) task(owner string, a smallAccount, subject, subtype, taskType, priority, status string, due time.Time, completed time.Time, seconds int, description string) {
	o.addTask(taskSpec{ownerID: owner, subject: subject, status: status, priority: priority, taskType: taskType,
		subtype: subtype, whoID: a.contactID, whatID: a.id, accountID: a.id, due: sfDate{due}, completed: completed,
		created: due.Add(-48 * time.Hour), callSeconds: seconds, description: description})
}

// event adds a meeting, with a customer's account (nil: an internal one)
// and the users invited.
func (o *smallOrg) event(owner string, a *smallAccount, subject, location string, start time.Time, minutes int, invitees ...string) {
	spec := eventSpec{ownerID: owner, subject: subject, start: start, minutes: minutes, eventType: "Meeting",
		location: location, meetingType: "Internal"}
	if a != nil {
		spec.whoID, spec.whatID, spec.accountID, spec.meetingType = a.contactID, a.id, a.id, "Customer"
	}
	for _, id := range invitees {
		spec.invitees = append(spec.invitees, invitee{id, "Accepted"})
	}
	spec.group = len(invitees) > 1
	o.addEvent(spec)
}

func at(month time.Month, d, hour, minute int) time.Time {
	return time.Date(2026, month, d, hour, minute, 0, 0, time.UTC)
}

// generateWin1252 is a small Spanish-run export whose org encoding is
// Windows-1252: accented subjects, the euro sign (0x80, which ISO-8859-1
// does not have), curly quotes and dashes.
func generateWin1252() *fixtureExport {
	o := newSmallOrg(1252, time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC), "acme-iberica.example")
	directorRole := o.addRole("Director Comercial", "")
	managerRole := o.addRole("Gerente de Ventas", directorRole)
	repRole := o.addRole("Ejecutivo de Cuentas", managerRole)
	ramon := o.user("Ramón", "Peña", "Director Comercial", directorRole, "", day(2019, 4, 1).Add(9*time.Hour))
	lucia := o.user("Lucía", "Fernández", "Gerente de Ventas", managerRole, ramon, day(2022, 2, 1).Add(9*time.Hour))
	jose := o.user("José", "Núñez", "Ejecutivo de Cuentas", repRole, lucia, day(2023, 6, 5).Add(9*time.Hour))
	francoise := o.user("Françoise", "Lefèvre", "Chargée de comptes", repRole, lucia, day(2024, 1, 8).Add(9*time.Hour))
	jurgen := o.user("Jürgen", "Groß", "Key Account Manager", repRole, lucia, day(2021, 10, 4).Add(9*time.Hour))

	saoPaulo := o.account("Distribuidora São Paulo Ltda.", "José", "São Paulo", "Brazil", "João", "Gonçalves", 85e6)
	sge := o.account("Société Générale d'Équipement", "Françoise", "Lyon", "France", "Hélène", "Mercier", 240e6)
	muller := o.account("Müller Maschinenbau GmbH", "Jürgen", "München", "Germany", "Jörg", "Weiß", 410e6)
	peniscola := o.account("Cerámicas Peñíscola S.A.", "José", "Castellón", "Spain", "Begoña", "Ibáñez", 32e6)
	cafe := o.account("Café Crème SARL", "Françoise", "Bordeaux", "France", "Amélie", "Poirier", 6.5e6)

	opp := func(a smallAccount, owner, name, stage string, amt float64, closeDate any) {
		o.addOpportunity(opportunitySpec{accountID: a.id, ownerID: owner, name: name, stage: stage, oppType: "New Business",
			region: "Iberia", amount: amount(amt), closeDate: sfDate{day(2026, 3, 31)}, created: at(1, 12, 9, 0)})
		if v, ok := closeDate.(verbatim); ok {
			o.opportunities.rows[len(o.opportunities.rows)-1].values["CloseDate"] = v
		}
	}
	opp(saoPaulo, jose, "São Paulo – ampliación almacén", "Closed Won", 120000, nil)
	// Some exports write dates with a midnight time.
	opp(sge, francoise, "Équipements de sécurité 2026", "Negotiation/Review", 64000, verbatim("2026-03-31 00:00:00"))
	opp(muller, jurgen, "Müller – Rahmenvertrag Ersatzteile", "Closed Won", 210000, nil)
	opp(peniscola, jose, "Peñíscola – estanterías", "Closed Lost", 18000, nil)
	opp(cafe, francoise, "Café Crème – consommables", "Proposal/Price Quote", 9500, nil)

	task := o.task
	none := time.Time{}
	task(jose, saoPaulo, "Llamada: presupuesto año próximo", "Call", "Call", "Normal", "Completed", day(2026, 2, 3), at(2, 3, 10, 7), 420, "")
	task(jose, saoPaulo, "Email: Confirmación de reunión", "Email", "Email", "Normal", "Completed", day(2026, 2, 4), at(2, 4, 8, 15), 0, "")
	task(jose, saoPaulo, "Enviar propuesta a São Paulo", "Task", "Other", "High", "Completed", day(2026, 2, 6), at(2, 16, 16, 0), 0, "")
	task(jurgen, muller, "Budget 5.000 € bestätigen", "Task", "", "High", "Not Started", day(2026, 3, 2), none, 0, "")
	task(jurgen, muller, "Übergabe an Außendienst", "Task", "Other", "Normal", "Completed", day(2026, 2, 10), at(2, 10, 15, 30), 0, "")
	task(jurgen, muller, "Gespräch mit Einkäufer vorbereiten", "Task", "", "Normal", "Completed", day(2026, 2, 17), at(2, 16, 17, 0), 0, "")
	task(francoise, sge, "Relancer Société Générale d'Équipement", "Call", "Call", "Normal", "Completed", day(2026, 2, 12), at(2, 12, 9, 3), 180, "")
	task(francoise, cafe, "Préparer la réunion – Café Crème", "Task", "Other", "Normal", "In Progress", day(2026, 3, 20), none, 0, "")
	task(lucia, cafe, "Informe de gastos – marzo", "Task", "Other", "Normal", "Completed", day(2026, 3, 31), at(3, 31, 18, 0), 0, "")
	task(lucia, peniscola, "Revisión del forecast: año fiscal", "Task", "Other", "High", "Completed", day(2026, 3, 5), at(3, 5, 11, 0), 0, "")
	task(francoise, cafe, "Email: Devis révisé – Café Crème", "Email", "Email", "Normal", "Completed", day(2026, 3, 9), at(3, 9, 14, 12), 0, "")
	task(jurgen, muller, "Angebot für Müller überarbeiten", "Task", "Other", "High", "Completed", day(2026, 3, 12), at(3, 13, 9, 0),
		0, "Kunde sagt: „zu teuer“ – “Preis ist das Problem”\nNächster Schritt: Rabatt prüfen (cœur de gamme)")

	event := func(owner string, a *smallAccount, subject string, start time.Time, minutes int, invitees ...string) {
		o.event(owner, a, subject, "Oficina Madrid", start, minutes, invitees...)
	}
	event(lucia, nil, "Reunión de pipeline", at(2, 2, 8, 0), 60, jose)
	event(lucia, nil, "Réunion d'équipe", at(2, 9, 8, 0), 60, jose, francoise, jurgen)
	event(jurgen, &muller, "Übergabe Müller Maschinenbau", at(2, 11, 9, 30), 90)
	event(jurgen, &muller, "Gespräch mit Einkäufer", at(2, 18, 13, 0), 60, lucia)
	event(jose, &saoPaulo, "Visita a São Paulo", at(2, 24, 12, 0), 180)
	event(lucia, nil, "Reunión 1:1 con José", at(3, 2, 15, 0), 30, jose)
	event(francoise, &cafe, "Revue de compte Café Crème", at(3, 4, 9, 0), 60)
	event(jose, &peniscola, "Presentación Cerámicas Peñíscola", at(3, 10, 10, 0), 90, lucia)
	event(jurgen, &muller, "Jahresgespräch Müller", at(3, 17, 8, 30), 120)
	event(ramon, nil, "Comité de dirección – España", at(3, 23, 7, 0), 90, lucia)

	style := dataExportStyle
	style.name, style.windows1252 = "Data Export (Windows-1252)", true
	return &fixtureExport{dir: "acme-win1252", style: style,
		tables: []*sfTable{o.roles, o.users, o.accounts, o.contacts, o.opportunities, o.tasks, o.events, o.eventRelations}}
}

// generateDataLoader is a small export written by Data Loader: UPPERCASE
// headers, ISO 8601 times, true/false, empty lookups, UTF-8 with a BOM, and
// the StartDateTime/EndDateTime fields that the weekly export lacks.
func generateDataLoader() *fixtureExport {
	o := newSmallOrg(4242, time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC), "acme-uk.example")
	managerRole := o.addRole("Sales Manager UK", "")
	repRole := o.addRole("Account Executive UK", managerRole)
	olivia := o.user("Olivia", "Brown", "Sales Manager UK", managerRole, "", day(2021, 3, 1).Add(9*time.Hour))
	noah := o.user("Noah", "Smith", "Account Executive", repRole, olivia, day(2023, 5, 2).Add(9*time.Hour))
	zoe := o.user("Zoë", "Clarke", "Account Executive", repRole, olivia, day(2024, 2, 5).Add(9*time.Hour))
	// A rep who left: inactive, deactivated on 2026-02-13.
	liam := o.addUser(userSpec{first: "Liam", last: "Taylor", title: "Account Executive", department: "Sales",
		email: emailOf("Liam", "Taylor", o.domain), roleID: repRole, managerID: olivia, active: false,
		locale: "en_GB", timeZone: "Europe/London", created: day(2025, 1, 6).Add(9 * time.Hour),
		lastModified: at(2, 13, 16, 45)})
	_ = liam

	harrow := o.account("Harrow Engineering Ltd", "Noah", "London", "United Kingdom", "George", "Evans", 55e6)
	leeds := o.account("Leeds Fabrication plc", "Zoë", "Leeds", "United Kingdom", "Amelia", "Hughes", 120e6)
	bristol := o.account("Bristol Marine Supplies", "Noah", "Bristol", "United Kingdom", "Oscar", "Wright", 8e6)
	o.addOpportunity(opportunitySpec{accountID: harrow.id, ownerID: noah, name: "Harrow – MRO contract", stage: "Closed Won",
		oppType: "New Business", amount: amount(48000), closeDate: sfDate{day(2026, 2, 20)}, created: at(1, 5, 10, 0)})
	o.addOpportunity(opportunitySpec{accountID: leeds.id, ownerID: zoe, name: "Leeds – welding supplies", stage: "Proposal/Price Quote",
		oppType: "New Business", amount: amount(15500.5), closeDate: sfDate{day(2026, 4, 30)}, created: at(1, 19, 11, 0)})
	o.addOpportunity(opportunitySpec{accountID: bristol.id, ownerID: noah, name: "Bristol – safety kit", stage: "Closed Lost",
		oppType: "New Business", closeDate: sfDate{day(2026, 2, 2)}, created: at(1, 8, 14, 0)})

	o.addTask(taskSpec{ownerID: noah, subject: "Follow-up call – Harrow Engineering", status: "Completed", priority: "Normal",
		taskType: "Call", subtype: "Call", whoID: harrow.contactID, whatID: harrow.id, accountID: harrow.id,
		due: sfDate{day(2026, 2, 3)}, completed: at(2, 3, 10, 12), created: at(2, 3, 10, 0), callSeconds: 720})
	o.addTask(taskSpec{ownerID: zoe, subject: "Email: Quote for welding supplies", status: "Completed", priority: "Normal",
		taskType: "Email", subtype: "Email", whoID: leeds.contactID, whatID: leeds.id, accountID: leeds.id,
		due: sfDate{day(2026, 2, 4)}, completed: at(2, 4, 9, 30), created: at(2, 4, 9, 30)})
	o.addTask(taskSpec{ownerID: olivia, subject: "Submit Q1 forecast", status: "Completed", priority: "High",
		taskType: "Other", subtype: "Task", due: sfDate{day(2026, 2, 6)}, completed: at(2, 11, 17, 0), created: at(1, 30, 9, 0)})
	o.addTask(taskSpec{ownerID: olivia, subject: "Expense report January", status: "Not Started", priority: "Normal",
		taskType: "", subtype: "Task", due: sfDate{day(2026, 2, 10)}, created: at(2, 2, 9, 0)})
	o.addTask(taskSpec{ownerID: zoe, subject: "Cadence step 2: call Amelia", status: "Completed", priority: "Normal",
		taskType: "Call", subtype: "Cadence", whoID: leeds.contactID, whatID: leeds.id, accountID: leeds.id,
		due: sfDate{day(2026, 2, 12)}, completed: at(2, 12, 11, 4), created: at(2, 10, 8, 0), callSeconds: 95})
	o.addTask(taskSpec{ownerID: noah, subject: "Send revised proposal", status: "Completed", priority: "Low",
		taskType: "Other", subtype: "Task", whatID: bristol.id, due: sfDate{day(2026, 1, 28)}, completed: at(1, 28, 15, 0),
		created: at(1, 26, 9, 0), deleted: true})

	oneOnOne := o.addEvent(eventSpec{ownerID: olivia, subject: "1:1 Noah", start: at(2, 2, 9, 0), minutes: 30,
		eventType: "Meeting", invitees: []invitee{{noah, "Accepted"}}})
	joint := o.addEvent(eventSpec{ownerID: zoe, subject: "Site visit Leeds Fabrication", start: at(2, 10, 13, 0), minutes: 120,
		eventType: "Meeting", whoID: leeds.contactID, whatID: leeds.id, accountID: leeds.id, invitees: []invitee{{olivia, "Accepted"}}})
	call := o.addEvent(eventSpec{ownerID: noah, subject: "Scheduled call Bristol", start: at(2, 16, 14, 0), minutes: 15,
		eventType: "Call", whoID: bristol.contactID, whatID: bristol.id, accountID: bristol.id})
	allDay := o.addEvent(eventSpec{ownerID: olivia, subject: "UK sales offsite", start: day(2026, 2, 20), minutes: 1440,
		allDay: true, eventType: "Meeting", invitees: []invitee{{noah, "Accepted"}, {zoe, "Declined"}}, group: true})
	for _, e := range []*eventRows{oneOnOne, joint, call} {
		e.event.values["StartDateTime"] = e.spec.start
		e.event.values["EndDateTime"] = e.spec.start.Add(time.Duration(e.spec.minutes) * time.Minute)
	}
	// Bulk API query results write the offset as +0000.
	joint.event.values["StartDateTime"] = verbatim("2026-02-10T13:00:00.000+0000")
	_ = allDay

	style := dataLoaderStyle
	return &fixtureExport{dir: "dataloader", style: style, tables: []*sfTable{
		o.roles.withColumns("Id", "Name", "ParentRoleId"),
		o.users.withColumns("Id", "FirstName", "LastName", "Email", "Title", "IsActive", "UserRoleId", "ManagerId",
			"UserType", "CreatedDate", "LastModifiedDate"),
		o.accounts.withColumns("Id", "Name", "OwnerId", "Type", "Industry", "AnnualRevenue", "Rating", "IsDeleted"),
		o.opportunities.withColumns("Id", "AccountId", "OwnerId", "Name", "StageName", "Amount", "CloseDate", "IsClosed",
			"IsWon", "CreatedDate"),
		o.tasks.withColumns("Id", "OwnerId", "AccountId", "WhatId", "WhoId", "Subject", "ActivityDate", "Status", "Priority",
			"IsClosed", "Type", "TaskSubtype", "CallDurationInSeconds", "CompletedDateTime", "CreatedDate", "IsDeleted"),
		o.events.withColumns("Id", "OwnerId", "AccountId", "WhatId", "WhoId", "Subject", "StartDateTime", "EndDateTime",
			"ActivityDateTime", "ActivityDate", "DurationInMinutes", "IsAllDayEvent", "Type", "IsChild", "IsDeleted"),
		o.eventRelations.withColumns("Id", "EventId", "RelationId", "IsInvitee", "IsParent", "IsWhat", "Status"),
	}}
}

// generateBroken is a small export with rows that cannot be read: each
// must become a reject with its line and field while the good rows load.
func generateBroken() *fixtureExport {
	o := newSmallOrg(404, time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC), "acme-broken.example")
	managerRole := o.addRole("Sales Manager", "")
	repRole := o.addRole("Account Executive", managerRole)
	ana := o.user("Ana", "Ruiz", "Sales Manager", managerRole, "", day(2022, 1, 10).Add(9*time.Hour))
	tom := o.user("Tom", "Baker", "Account Executive", repRole, ana, day(2023, 1, 10).Add(9*time.Hour))
	o.user("Eva", "Lind", "Account Executive", repRole, ana, day(2024, 1, 10).Add(9*time.Hour))

	good := o.account("Nordic Steel AB", "Tom", "Göteborg", "Sweden", "Lars", "Berg", 90e6)
	o.account("Baltic Foods AS", "Eva", "Tallinn", "Estonia", "Kadri", "Tamm", 20e6)
	// An account whose Id is empty.
	noID := o.account("Ghost Trading Ltd", "Tom", "Riga", "Latvia", "Ilze", "Ozola", 5e6)
	for _, r := range o.accounts.rows {
		if r.values["Id"] == noID.id {
			r.values["Id"] = ""
			r.rejectOn("Id")
		}
	}

	oppRow := func(name string, amt float64) *sfRow {
		o.addOpportunity(opportunitySpec{accountID: good.id, ownerID: tom, name: name, stage: "Qualification",
			oppType: "New Business", amount: amount(amt), closeDate: sfDate{day(2026, 5, 29)}, created: at(2, 2, 9, 0)})
		return o.opportunities.rows[len(o.opportunities.rows)-1]
	}
	oppRow("Nordic – racking", 30000)
	oppRow("Nordic – spare parts", 12500).values["Amount"] = verbatim("12,5k")
	o.opportunities.rows[len(o.opportunities.rows)-1].rejectOn("Amount")
	oppRow("Nordic – tools", 8000).values["CloseDate"] = verbatim("31/03/2026")
	o.opportunities.rows[len(o.opportunities.rows)-1].rejectOn("CloseDate")
	oppRow("Nordic – safety", 4000)

	task := func(subject, description string) *sfRow {
		return o.addTask(taskSpec{ownerID: tom, subject: subject, status: "Completed", priority: "Normal", taskType: "Call",
			subtype: "Call", whoID: good.contactID, whatID: good.id, accountID: good.id, due: sfDate{day(2026, 2, 9)},
			completed: at(2, 9, 10, 0), created: at(2, 9, 9, 55), callSeconds: 300, description: description})
	}
	task("Call Lars about racking", "Lars wants:\n- 40 bays\n- delivery in May")
	task("Call about the \"big\" order", "")
	task("Call with a bad due date", "").values["ActivityDate"] = verbatim("2026-02-30")
	o.tasks.rows[len(o.tasks.rows)-1].rejectOn("ActivityDate")
	task("Follow-up call", "Left a message.\nCall again Thursday.\n\nNo answer on mobile.")
	// A quote inside a field that was not doubled: not well-formed CSV.
	stray := task("Call Hans back", "")
	stray.mangle = func(line string) string { return strings.Replace(line, `"Call Hans back"`, `"Call "Hans" back"`, 1) }
	stray.rejectOn("")
	task("Call with an odd duration", "").values["CallDurationInSeconds"] = verbatim("2m30")
	o.tasks.rows[len(o.tasks.rows)-1].rejectOn("CallDurationInSeconds")
	// A row cut short: three fields fewer than the header.
	short := task("Call cut short", "")
	short.mangle = func(line string) string {
		fields := strings.Split(line, `","`)
		return strings.Join(fields[:len(fields)-3], `","`) + `"`
	}
	short.rejectOn("")
	task("Last call of the day", "")

	event := func(subject string, start time.Time) *eventRows {
		return o.addEvent(eventSpec{ownerID: tom, subject: subject, start: start, minutes: 60, eventType: "Meeting",
			whoID: good.contactID, whatID: good.id, accountID: good.id, invitees: []invitee{{ana, "Accepted"}}})
	}
	event("Site visit Nordic Steel", at(2, 11, 9, 0))
	o.addEvent(eventSpec{ownerID: tom, subject: "Visit with an impossible time", start: at(2, 12, 9, 0), minutes: 60,
		eventType: "Meeting", whoID: good.contactID, whatID: good.id, accountID: good.id,
		invitees:    []invitee{{ana, "Accepted"}},
		rejectField: "ActivityDateTime", override: map[string]any{"ActivityDateTime": verbatim("2026-02-12 25:00:00")}})
	o.addEvent(eventSpec{ownerID: tom, subject: "Visit with a negative duration", start: at(2, 13, 9, 0), minutes: 60,
		eventType: "Meeting", rejectField: "DurationInMinutes", override: map[string]any{"DurationInMinutes": verbatim("-30")}})
	event("Quarterly review Nordic Steel", at(3, 3, 13, 0))

	return &fixtureExport{dir: "broken", style: dataExportStyle,
		tables: []*sfTable{o.roles, o.users, o.accounts, o.contacts, o.opportunities, o.tasks, o.events, o.eventRelations}}
}
