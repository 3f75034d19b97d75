package hubspot

// The sixteen weeks of Brightwave's activities: how each manager and rep
// spends the week, in their own language.

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

type activityGenerator struct {
	c   *company
	r   *connectortest.Rand
	ids *idMaker
}

// subjects holds subject templates by language; {c} is the company, {r}
// the rep's first name.
var subjects = map[string]map[string][]string{
	"oneOnOne": {
		"nl": {"1:1 {r}", "Wekelijkse 1:1 met {r}", "1-op-1 {r} / Pieter"},
		"de": {"1:1 {r}", "Wochengespräch mit {r}", "Jour fixe {r}"},
		"es": {"1:1 con {r}", "Reunión 1:1 {r}"},
		"pt": {"Reunião 1:1 {r}", "1:1 com {r}"},
		"en": {"1:1 with {r}", "Monthly 1:1 {r}"},
	},
	"team": {
		"nl": {"Teamoverleg Benelux", "Weekstart team Benelux"},
		"de": {"Team-Meeting DACH", "Teambesprechung"},
		"es": {"Reunión de equipo Iberia", "Reunião de equipa"},
	},
	"pipeline": {
		"nl": {"Pipeline review Benelux", "Forecast-overleg"},
		"de": {"Pipeline-Review DACH", "Forecast-Besprechung"},
		"es": {"Reunión de pipeline", "Revisão de pipeline"},
	},
	"visit": {
		"nl": {"Klantbezoek {c}", "Offerte bespreken {c}", "Product demo {c}"},
		"fr": {"Réunion client {c}", "Présentation produit {c}"},
		"de": {"Kundentermin {c}", "Angebotsbesprechung {c}", "Produktdemo {c}"},
		"es": {"Visita cliente {c}", "Reunión con {c}", "Demo de producto {c}"},
		"pt": {"Visita ao cliente {c}", "Reunião com {c}"},
	},
	"call": {
		"nl": {"Follow-up offerte {c}", "Discovery call {c}", "Nabellen {c}"},
		"fr": {"Appel de suivi {c}", "Appel découverte {c}"},
		"de": {"Nachfassen Angebot {c}", "Erstgespräch {c}", "Telefonat {c}"},
		"es": {"Llamada de seguimiento {c}", "Llamada de descubrimiento {c}"},
		"pt": {"Chamada de acompanhamento {c}", "Ligação {c}"},
	},
	"email": {
		"nl": {"Re: Offerte {c}", "Voorstel {c}", "Samenvatting ons gesprek"},
		"fr": {"Suivi de notre réunion", "Proposition commerciale {c}"},
		"de": {"Angebot {c}", "Re: Rückfragen zum Angebot", "Zusammenfassung unseres Termins"},
		"es": {"Propuesta comercial {c}", "Re: Presupuesto {c}"},
		"pt": {"Proposta comercial {c}", "Re: Orçamento {c}"},
	},
	"followUpTask": {
		"nl": {"Offerte versturen {c}", "Terugbellen {c}"},
		"fr": {"Envoyer la proposition {c}"},
		"de": {"Angebot senden {c}", "Rückruf {c}"},
		"es": {"Enviar propuesta {c}", "Llamar a {c}"},
		"pt": {"Enviar proposta {c}", "Ligar para {c}"},
	},
	"expenses": {
		"nl": {"Declaraties indienen"},
		"de": {"Reisekostenabrechnung"},
		"es": {"Informe de gastos", "Relatório de despesas"},
		"en": {"Expense report"},
	},
	"admin": {
		"nl": {"CRM opschonen", "Forecast indienen"},
		"de": {"Forecast abgeben", "CRM-Daten bereinigen"},
		"es": {"Enviar forecast", "Actualizar CRM"},
		"en": {"Board deck Q1", "Territory plan review", "CRM data quality report", "Pipeline report for leadership"},
	},
	"interview": {
		"de": {"Vorstellungsgespräch Vertrieb"},
		"es": {"Entrevista candidato comercial", "Interview candidate – Account Executive"},
		"nl": {"Sollicitatiegesprek accountmanager"},
	},
}

func (g *activityGenerator) subject(template, language string, co *fxCompany, rep *fxOwner) string {
	byLanguage := subjects[template]
	options, ok := byLanguage[language]
	if !ok {
		options = byLanguage["en"]
	}
	s := connectortest.Pick(g.r, options)
	if co != nil {
		s = strings.ReplaceAll(s, "{c}", co.name)
	}
	if rep != nil {
		s = strings.ReplaceAll(s, "{r}", rep.first)
	}
	return s
}

// at is a working day's time in Amsterdam, as UTC: week w, weekday d
// (0 Monday), hour and minute local.
func at(w, d, hour, minute int) time.Time {
	return periodMonday.AddDate(0, 0, w*7+d).Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute).UTC()
}

// created is when an activity was logged: a little after it, with the
// milliseconds HubSpot keeps.
func (g *activityGenerator) created(t time.Time) time.Time {
	return t.Add(time.Duration(g.r.Between(2, 300))*time.Minute + time.Duration(g.r.Between(0, 59_999))*time.Millisecond)
}

func (g *activityGenerator) generate() {
	for w := range periodWeeks {
		g.leadership(w)
		for _, m := range g.managers() {
			g.managerWeek(w, m)
		}
		for _, rep := range g.reps() {
			if g.active(rep, at(w, 4, 18, 0)) {
				g.repWeek(w, rep)
			}
		}
	}
	g.oneOffs()
}

func (g *activityGenerator) managers() []*fxOwner {
	return []*fxOwner{g.c.byKey["pieter"], g.c.byKey["katrin"], g.c.byKey["marta"]}
}

func (g *activityGenerator) reps() []*fxOwner {
	var out []*fxOwner
	for _, o := range g.c.owners {
		if o.manager != nil && o.manager.key != "sofie" {
			out = append(out, o)
		}
	}
	return out
}

func (g *activityGenerator) teamOf(m *fxOwner) []*fxOwner {
	var out []*fxOwner
	for _, o := range g.c.owners {
		if o.manager == m {
			out = append(out, o)
		}
	}
	return out
}

// active reports whether an owner still works there at t.
func (g *activityGenerator) active(o *fxOwner, t time.Time) bool {
	return !o.archived || t.Before(o.updated)
}

func (g *activityGenerator) activeTeam(m *fxOwner, t time.Time) []*fxOwner {
	var out []*fxOwner
	for _, o := range g.teamOf(m) {
		if g.active(o, t) {
			out = append(out, o)
		}
	}
	return out
}

func (g *activityGenerator) companiesOf(m *fxOwner) []*fxCompany {
	var out []*fxCompany
	for _, co := range g.c.companies {
		if !co.archived && (co.owner == m || co.owner.manager == m) {
			out = append(out, co)
		}
	}
	return out
}

func (g *activityGenerator) meeting(owner *fxOwner, subject string, start time.Time, minutes int, typ string, attendees ...*fxOwner) *fxActivity {
	a := &fxActivity{
		object: "meetings", id: g.ids.id("engagement", 61_020_000_000), owner: owner, subject: subject,
		at: start, end: start.Add(time.Duration(minutes) * time.Minute), outcome: "COMPLETED", activityType: typ,
		attendees: attendees, created: g.created(start.Add(-72 * time.Hour)),
	}
	return g.c.add(a)
}

// leadership is the VP's week and the RevOps analyst's: the leadership
// meeting, monthly 1:1s with the managers, reports and expenses.
func (g *activityGenerator) leadership(w int) {
	sofie, chloe := g.c.byKey["sofie"], g.c.byKey["chloe"]
	if w%2 == 0 {
		subject := "Sales leadership meeting"
		if w%4 == 2 {
			subject = "Forecast call EMEA"
		}
		g.meeting(sofie, subject, at(w, 0, 9, 0), 60, "Internal", append([]*fxOwner{sofie}, g.managers()...)...)
	}
	if w%4 == 1 {
		for i, m := range g.managers() {
			g.meeting(sofie, g.subject("oneOnOne", "en", nil, m), at(w, 3, 9+i, 0), 45, "1:1", sofie, m)
		}
	}
	if w%4 == 3 {
		g.task(sofie, g.subject("expenses", "en", nil, nil), at(w, 4, 17, 0), "TODO", "LOW", nil)
	}
	if g.r.Chance(0.3) {
		g.task(sofie, g.subject("admin", "en", nil, nil), at(w, 3, 12, 0), "TODO", "HIGH", nil)
	}
	if w%2 == 1 {
		g.task(chloe, g.subject("admin", "en", nil, nil), at(w, 4, 10, 0), "TODO", "MEDIUM", nil)
	}
}

func (g *activityGenerator) managerWeek(w int, m *fxOwner) {
	team := g.activeTeam(m, at(w, 0, 8, 0))
	if w%2 == 0 {
		g.meeting(m, g.subject("team", m.language, nil, nil), at(w, 0, 14, 0), connectortest.Pick(g.r, []int{45, 60}), "Internal", append([]*fxOwner{m}, team...)...)
	}
	if w%4 == 1 {
		g.meeting(m, g.subject("pipeline", m.language, nil, nil), at(w, 2, 10, 0), 60, "Pipeline review", append([]*fxOwner{m}, team...)...)
	}
	for i, rep := range team {
		if (w+i)%2 == 0 && g.r.Chance(0.8) {
			g.meeting(m, g.subject("oneOnOne", rep.language, nil, rep), at(w, 1+i%3, 8+i, 30), 30, "1:1", m, rep)
		}
	}
	if m.key == "katrin" && g.r.Chance(0.6) {
		// The player-coach sells herself, alone.
		co := connectortest.Pick(g.r, []*fxCompany{g.c.companyByName("Alpenland Versicherung AG"), g.c.companyByName("Zürcher Privatklinik AG")})
		g.customerMeeting(m, co, at(w, 3, g.r.Between(9, 15), 0), nil)
	}
	if w%4 == 3 {
		g.task(m, g.subject("expenses", m.language, nil, nil), at(w, 4, 17, 0), "TODO", connectortest.Pick(g.r, []string{"MEDIUM", "LOW"}), nil)
	}
	if g.r.Chance(0.5) {
		g.task(m, g.subject("admin", m.language, nil, nil), at(w, 4, 12, 0), "TODO", connectortest.Pick(g.r, []string{"HIGH", "MEDIUM", "NONE"}), nil)
	}
}

func (g *activityGenerator) repWeek(w int, rep *fxOwner) {
	own := g.ownCompanies(rep)
	if len(own) == 0 {
		own = g.companiesOf(rep.manager)
	}
	if g.r.Chance(0.35) {
		co := connectortest.Pick(g.r, own)
		var manager *fxOwner
		if g.r.Chance(rep.manager.managerChanceOnVisits) {
			manager = rep.manager
		}
		g.customerMeeting(rep, co, at(w, g.r.Between(1, 4), g.r.Between(9, 15), connectortest.Pick(g.r, []int{0, 30})), manager)
	}
	for range g.r.Between(0, 1) + g.r.Between(0, 1)*g.r.Between(0, 1) {
		g.call(rep, connectortest.Pick(g.r, own), at(w, g.r.Between(0, 4), g.r.Between(8, 17), g.r.Between(0, 11)*5))
	}
	if g.r.Chance(0.6) {
		g.email(rep, connectortest.Pick(g.r, own), at(w, g.r.Between(0, 4), g.r.Between(8, 18), g.r.Between(0, 59)))
	}
	if g.r.Chance(0.35) {
		co := connectortest.Pick(g.r, own)
		g.task(rep, g.subject("followUpTask", co.language, co, nil), at(w, g.r.Between(1, 4), 9, 0),
			connectortest.Pick(g.r, []string{"EMAIL", "CALL", "TODO"}), connectortest.Pick(g.r, []string{"HIGH", "MEDIUM", "LOW", "NONE"}), co)
	}
}

func (g *activityGenerator) ownCompanies(o *fxOwner) []*fxCompany {
	var out []*fxCompany
	for _, co := range g.c.companies {
		if co.owner == o && !co.archived {
			out = append(out, co)
		}
	}
	return out
}

// customerMeeting is a visit or demo, with the manager along when given
// (field coaching), now and then cancelled or a no-show.
func (g *activityGenerator) customerMeeting(owner *fxOwner, co *fxCompany, start time.Time, manager *fxOwner) {
	attendees := []*fxOwner{owner}
	if manager != nil {
		attendees = append(attendees, manager)
	}
	a := g.meeting(owner, g.subject("visit", co.language, co, nil), start, connectortest.Pick(g.r, []int{45, 60, 90}), connectortest.Pick(g.r, []string{"Customer visit", "Demo"}), attendees...)
	a.company = co
	a.contacts = g.someContacts(co)
	if deals := g.c.dealsOf(co); len(deals) > 0 && g.r.Chance(0.6) {
		a.deal = connectortest.Pick(g.r, deals)
	}
	switch x := g.r.Intn(30); {
	case x < 2:
		a.outcome = "CANCELED"
	case x < 3:
		a.outcome = "NO_SHOW"
	case x < 5:
		a.outcome = "RESCHEDULED"
	}
	if g.r.Chance(0.3) {
		a.location = "Microsoft Teams"
	}
	if g.r.Chance(0.2) {
		a.notes = "Agenda:\n- current licences\n- next steps"
	}
}

func (g *activityGenerator) someContacts(co *fxCompany) []string {
	n := g.r.Between(1, len(co.contacts))
	out := make([]string, 0, n)
	for _, ct := range co.contacts[:n] {
		out = append(out, ct.id)
	}
	return out
}

func (g *activityGenerator) call(owner *fxOwner, co *fxCompany, start time.Time) {
	a := &fxActivity{
		object: "calls", id: g.ids.id("engagement", 0), owner: owner, company: co, at: start,
		subject: g.subject("call", co.language, co, nil), direction: "OUTBOUND", status: "COMPLETED",
		activityType: connectortest.Pick(g.r, []string{"Follow-up", "Discovery", ""}), contacts: g.someContacts(co)[:1],
		durationMs: int64(g.r.Between(90, 1800))*1000 + int64(g.r.Between(0, 999)),
	}
	switch x := g.r.Intn(10); {
	case x < 2:
		a.status, a.durationMs = "NO_ANSWER", 0
	case x < 3:
		a.direction = "INBOUND"
	}
	if g.r.Chance(0.15) {
		a.notes = "Spoke with the buyer.\nSends the PO next week."
	}
	a.created = g.created(start)
	g.c.add(a)
}

func (g *activityGenerator) email(owner *fxOwner, co *fxCompany, sent time.Time) {
	a := &fxActivity{
		object: "emails", id: g.ids.id("engagement", 0), owner: owner, company: co, at: sent,
		subject: g.subject("email", co.language, co, nil), direction: "EMAIL", status: "SENT",
		contacts: g.someContacts(co),
	}
	if g.r.Chance(0.3) {
		a.direction, a.status = "INCOMING_EMAIL", ""
	}
	if deals := g.c.dealsOf(co); len(deals) > 0 && g.r.Chance(0.4) {
		a.deal = deals[0]
	}
	a.created = sent.Add(time.Duration(g.r.Between(1, 5000)) * time.Millisecond)
	g.c.add(a)
}

// task plans a task due at due; most are done on time, some late (the
// Iberia manager drowns in admin), some stay open.
func (g *activityGenerator) task(owner *fxOwner, subject string, due time.Time, typ, priority string, co *fxCompany) {
	a := &fxActivity{
		object: "tasks", id: g.ids.id("engagement", 0), owner: owner, subject: subject, at: due,
		taskType: typ, priority: priority, company: co, status: "COMPLETED",
		created: due.Add(-time.Duration(g.r.Between(24, 240)) * time.Hour),
	}
	late := 0.15
	if owner.key == "marta" {
		late = 0.6
	}
	switch {
	case due.After(time.Date(2026, 4, 20, 0, 0, 0, 0, time.UTC)) || g.r.Chance(0.1):
		a.status = connectortest.Pick(g.r, []string{"NOT_STARTED", "IN_PROGRESS", "WAITING", "DEFERRED"})
	case g.r.Chance(late):
		a.completed = due.Add(time.Duration(g.r.Between(26, 400)) * time.Hour).Truncate(time.Minute)
	default:
		a.completed = due.Add(-time.Duration(g.r.Between(1, 48)) * time.Hour).Truncate(time.Minute)
	}
	g.c.add(a)
}

// oneOffs are the meetings that happen once: interviews, QBRs.
func (g *activityGenerator) oneOffs() {
	marta, katrin, pieter := g.c.byKey["marta"], g.c.byKey["katrin"], g.c.byKey["pieter"]
	for _, w := range []int{3, 4, 6, 9} {
		g.meeting(marta, g.subject("interview", "es", nil, nil), at(w, 2, 16, 0), 60, "Interview", marta)
	}
	g.meeting(katrin, g.subject("interview", "de", nil, nil), at(11, 1, 15, 0), 60, "Interview", katrin)
	g.meeting(pieter, g.subject("interview", "nl", nil, nil), at(12, 3, 11, 0), 45, "Interview", pieter)
	qbr := g.meeting(katrin, "Quarterly business review Alpenland Versicherung", at(13, 2, 10, 0), 120, "QBR", katrin, g.c.byKey["jonas"])
	qbr.company = g.c.companyByName("Alpenland Versicherung AG")
	qbr.contacts = []string{qbr.company.contacts[0].id, qbr.company.contacts[2].id}
	prep := g.meeting(pieter, "Préparation QBR Groupe Méridien", at(8, 3, 14, 0), 45, "QBR", pieter, g.c.byKey["emma"])
	prep.company = g.c.companyByName("Groupe Méridien SA")
	// Called off by the customer: no time spent.
	wiener := g.c.companyByName("Wiener Kaffeehaus Holding")
	off := g.meeting(g.c.byKey["lena"], "Kundentermin Wiener Kaffeehaus Holding", at(7, 3, 10, 0), 60, "Customer visit", g.c.byKey["lena"], g.c.byKey["katrin"])
	off.company, off.contacts, off.outcome = wiener, []string{wiener.contacts[0].id}, "CANCELED"
	// Deleted by its owner: archived, only in an API export.
	gone := g.meeting(g.c.byKey["lena"], "Kundentermin (Duplikat)", at(5, 2, 10, 0), 60, "Customer visit", g.c.byKey["lena"])
	gone.archived = true
}
