package audit

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The names of the default classification rules, as defaults.yaml has them.
const (
	ruleRecruiting = "recruiting"
	rulePipeline   = "pipeline review with reps"
	ruleCoaching   = "coaching with reps"
	ruleJoint      = "joint customer work with a rep"
	ruleKeyAlone   = "key account work alone"
	ruleOtherAlone = "other customer work alone"
	ruleTeam       = "team meeting"
	ruleOneToOne   = "one-to-one with a rep"
	ruleHQ         = "leadership and headquarters"
	rulePlanning   = "planning and forecasting"
	ruleAdmin      = "administration"
	ruleTravel     = "travel and expenses"
	ruleEmail      = "internal e-mail"
	ruleInternal   = "other internal meetings"
)

// shape is who and what an activity involves, apart from its subject.
type shape int

const (
	oneRep     shape = iota // a meeting with one direct report
	wholeTeam               // a meeting with three direct reports
	peer                    // a meeting with a colleague who is not a report
	alone                   // a task of the manager's own, on no account
	candidate               // a meeting with an outsider, on no account
	keyVisit                // a meeting with a contact at a key account
	visit                   // a meeting with a contact at another account
	jointVisit              // a key-account meeting with a contact and a rep
)

// subjectCase is an activity of a shape, and where the classification
// should put it.
type subjectCase struct {
	subject  string
	shape    shape
	category string
	rule     string
}

// classified builds one manager's activities, each of a shape, in an
// organisation of its own, and returns where the classification put them,
// by subject.
func classified(t *testing.T, b *org, cases []subjectCase) map[string]placed {
	t.Helper()
	mia := plantSubjects(b, cases)
	return placementsOf(t, b.prepared(), mia, cases)
}

// classifiedIn plants one manager's activities, each of a shape, as a team
// of a shared organisation, and checks where the classification put them.
func classifiedIn(s *sharedOrg, cases []subjectCase) *sharedTeams {
	return s.plant(func(b *org) func(*testing.T, *Report) {
		mia := plantSubjects(b, cases)
		return func(t *testing.T, _ *Report) {
			checkPlacements(t, placementsOf(t, s.tables(t), mia, cases), cases)
		}
	})
}

// plantSubjects adds a manager with three reps, a colleague, a key account
// and another account, and an activity of each case's shape; it returns
// the manager.
func plantSubjects(b *org, cases []subjectCase) person {
	mia := b.manager("Mia")
	team := b.reps(mia, "Ana", "Ben", "Cy")
	paula := b.colleague("Paula")
	acme := b.keyAccount("Acme", team[0])
	smallco := b.account("Smallco", team[1])
	for _, c := range cases {
		switch c.shape {
		case oneRep:
			b.meeting(mia, c.subject, 30*time.Minute, withReps(team[0]))
		case wholeTeam:
			b.meeting(mia, c.subject, time.Hour, withReps(team...))
		case peer:
			b.meeting(mia, c.subject, time.Hour, withColleagues(paula))
		case alone:
			b.task(mia, c.subject)
		case candidate:
			b.meeting(mia, c.subject, time.Hour, withContact("Candidate"))
		case keyVisit:
			b.meeting(mia, c.subject, time.Hour, on(acme), withContact("Alice Acme"))
		case visit:
			b.meeting(mia, c.subject, time.Hour, on(smallco), withContact("Sam Small"))
		case jointVisit:
			b.meeting(mia, c.subject, 2*time.Hour, on(acme), withReps(team[0]), withContact("Alice Acme"))
		}
	}
	return mia
}

// placementsOf is where the classification put m's activities, which are
// the cases'.
func placementsOf(t *testing.T, p *preparedAudit, m person, cases []subjectCase) map[string]placed {
	t.Helper()
	got := p.placements(m)
	if len(got) != len(cases) {
		t.Fatalf("%d activities classified, want %d", len(got), len(cases))
	}
	return got
}

func checkPlacements(t *testing.T, got map[string]placed, cases []subjectCase) {
	t.Helper()
	for _, c := range cases {
		p, found := got[c.subject]
		if !found {
			t.Errorf("%q: not among the manager's activities", c.subject)
			continue
		}
		if p.category != c.category || p.rule != c.rule {
			t.Errorf("%q: %s by rule %q, want %s by rule %q", c.subject, p.category, p.rule, c.category, c.rule)
		}
	}
}

func TestClassificationOfRealSubjects(t *testing.T) {
	t.Parallel()
	classificationOfRealSubjects.check(t)
}

// classificationOfRealSubjects is TestClassificationOfRealSubjects's team
// in defaultOrg, and its check. Keyword rules are tried before the
// structural ones, so a subject that lands by a keyword rule was
// recognised by its words.
var classificationOfRealSubjects = classifiedIn(defaultOrg, []subjectCase{
	// English
	{"1:1 Ana", oneRep, "coaching", ruleCoaching},
	{"Sales training: objection handling", wholeTeam, "coaching", ruleCoaching},
	{"Weekly pipeline review", wholeTeam, "pipeline_review", rulePipeline},
	{"Deal review – Acme renewal", oneRep, "pipeline_review", rulePipeline},
	{"Interview: Senior AE candidate", candidate, "recruiting", ruleRecruiting},
	{"Team meeting", wholeTeam, "team", ruleTeam},
	{"Catch-up Ana", oneRep, "coaching", ruleOneToOne},
	{"Q3 territory planning", alone, "planning", rulePlanning},
	{"Sales leadership meeting", peer, "hq", ruleHQ},
	{"Expense report", alone, "admin", ruleTravel},
	{"Coffee with Paula", peer, "internal_other", ruleInternal},
	{"1:1 with Paula", peer, "internal_other", ruleInternal}, // not a report: no coaching
	{"Quarterly business review with Acme", keyVisit, "key_account", ruleKeyAlone},
	{"Intro call", visit, "customer_other", ruleOtherAlone},
	{"Joint visit Acme", jointVisit, "field_coaching", ruleJoint},
	{"Misc", alone, "unclassified", ""},
	// Dutch
	{"1-op-1 gesprek Ana", oneRep, "coaching", ruleCoaching},
	// Compounds: a keyword as the head of a glued word.
	{"Territoriumplanning 2027", alone, "planning", rulePlanning},
	{"Reiskosten declareren", alone, "admin", ruleTravel},
	{"Onkostennota's goedkeuren", alone, "admin", ruleTravel},
	{"Weekrapportage naar directie", alone, "admin", ruleAdmin},
	// Not a drink, nor anything else: a 1:1 by who is there.
	{"Koffiedrinken met Ana", oneRep, "coaching", ruleOneToOne},
	{"Functioneringsgesprek Ana", oneRep, "coaching", ruleCoaching},
	{"Pijplijnbespreking", wholeTeam, "pipeline_review", rulePipeline},
	{"Sollicitatiegesprek accountmanager", candidate, "recruiting", ruleRecruiting},
	{"Teamoverleg", wholeTeam, "team", ruleTeam},
	{"Kwartaalplanning", alone, "planning", rulePlanning},
	{"Directieoverleg", peer, "hq", ruleHQ},
	{"Declaraties maart", alone, "admin", ruleTravel},
	{"Klantbezoek Acme", keyVisit, "key_account", ruleKeyAlone},
	{"Meeloopdag Ana", jointVisit, "field_coaching", ruleJoint},
	// German
	{"Mitarbeitergespräch Ana", oneRep, "coaching", ruleCoaching},
	{"Quartalsplanung Q4", alone, "planning", rulePlanning},
	{"Jahresplanungen Vertrieb", alone, "planning", rulePlanning},
	{"Verkaufstraining Einwandbehandlung", wholeTeam, "coaching", ruleCoaching},
	{"Rabattfreigabe Angebot 0533", alone, "admin", ruleAdmin},
	{"Einarbeitung neuer Kollege", oneRep, "recruiting", ruleRecruiting},
	{"Schulung Einwandbehandlung", wholeTeam, "coaching", ruleCoaching},
	{"Pipeline-Besprechung", wholeTeam, "pipeline_review", rulePipeline},
	{"Vorstellungsgespräch Vertriebsmitarbeiter", candidate, "recruiting", ruleRecruiting},
	{"Teambesprechung", wholeTeam, "team", ruleTeam},
	{"Quartalsplanung", alone, "planning", rulePlanning},
	{"Geschäftsleitungssitzung", peer, "hq", ruleHQ},
	{"Spesenabrechnung", alone, "admin", ruleTravel},
	{"Reisekostenabrechnung März", alone, "admin", ruleTravel},
	{"Kundentermin Acme", keyVisit, "key_account", ruleKeyAlone},
	// French
	{"Entretien individuel Ana", oneRep, "coaching", ruleCoaching},
	{"Formation produit", wholeTeam, "coaching", ruleCoaching},
	{"Revue de pipeline", wholeTeam, "pipeline_review", rulePipeline},
	{"Entretien d'embauche commercial", candidate, "recruiting", ruleRecruiting},
	{"Entretien d’embauche", candidate, "recruiting", ruleRecruiting}, // typographic apostrophe
	{"Réunion d'équipe", wholeTeam, "team", ruleTeam},
	{"Prévisions T3", alone, "planning", rulePlanning},
	{"Comité de direction", peer, "hq", ruleHQ},
	{"Note de frais", alone, "admin", ruleTravel},
	{"Rendez-vous client Acme", keyVisit, "key_account", ruleKeyAlone},
	{"Visite terrain avec Ana", jointVisit, "field_coaching", ruleJoint},
	// Spanish
	{"Reunión individual con Ana", oneRep, "coaching", ruleCoaching},
	{"Formación de ventas", wholeTeam, "coaching", ruleCoaching},
	{"Revisión de pipeline", wholeTeam, "pipeline_review", rulePipeline},
	{"Entrevista candidato comercial", candidate, "recruiting", ruleRecruiting},
	{"Reunión de equipo", wholeTeam, "team", ruleTeam},
	{"Planificación trimestral", alone, "planning", rulePlanning},
	{"Comité de dirección", peer, "hq", ruleHQ},
	{"Nota de gastos", alone, "admin", ruleTravel},
	{"Visita cliente Smallco", visit, "customer_other", ruleOtherAlone},
	// Portuguese
	{"Reunião individual Ana", oneRep, "coaching", ruleCoaching},
	{"Treinamento de vendas", wholeTeam, "coaching", ruleCoaching},
	{"Revisão de pipeline", wholeTeam, "pipeline_review", rulePipeline},
	{"Entrevista com candidato", candidate, "recruiting", ruleRecruiting},
	{"Reunião de equipe", wholeTeam, "team", ruleTeam},
	{"Planejamento anual", alone, "planning", rulePlanning},
	{"Reunião de diretoria", peer, "hq", ruleHQ},
	{"Relatório de despesas", alone, "admin", ruleTravel},
	{"Visita ao cliente Acme", keyVisit, "key_account", ruleKeyAlone},
})

func TestKeywordsIgnoreCaseAndAccents(t *testing.T) {
	t.Parallel()
	keywordsIgnoreCaseAndAccents.check(t)

	// The configuration is the whole organisation's: an organisation of
	// its own.
	t.Run("keywords in the configuration too", func(t *testing.T) {
		b := newOrg(t)
		b.cfg.Classification = append([]ClassificationRule{{
			Name: "weekly meetings", Category: "team", Keywords: []string{"Réunión SEMANAL*"},
		}}, b.cfg.Classification...)
		cases := []subjectCase{
			{"reunion semanales del equipo", peer, "team", "weekly meetings"},
			{"REUNIÓN SEMANAL", peer, "team", "weekly meetings"},
			{"Reunión de ventas", peer, "internal_other", ruleInternal},
		}
		checkPlacements(t, classified(t, b, cases), cases)
	})
}

// keywordsIgnoreCaseAndAccents is TestKeywordsIgnoreCaseAndAccents's team
// in defaultOrg, and its check. With the whole team present, only the
// keyword makes these coaching (the structural rule would say "team").
var keywordsIgnoreCaseAndAccents = classifiedIn(defaultOrg, []subjectCase{
	{"Reunión individual", wholeTeam, "coaching", ruleCoaching},
	{"REUNION INDIVIDUAL", wholeTeam, "coaching", ruleCoaching},
	{"reunion individual", wholeTeam, "coaching", ruleCoaching},
	{"REUNIÃO INDIVIDUAL", wholeTeam, "coaching", ruleCoaching},
	{"MITARBEITERGESPRÄCH", wholeTeam, "coaching", ruleCoaching},
	{"Formação", wholeTeam, "coaching", ruleCoaching},
})

func TestKeywordsMatchWholeWordsOrPrefixes(t *testing.T) {
	t.Parallel()
	keywordsMatchWholeWordsOrPrefixes.check(t)
}

// keywordsMatchWholeWordsOrPrefixes is TestKeywordsMatchWholeWordsOrPrefixes's
// team in defaultOrg, and its check: "plan" is a whole word, "coach*" and
// "report*" prefixes.
var keywordsMatchWholeWordsOrPrefixes = classifiedIn(defaultOrg, []subjectCase{
	{"Plan 2026", alone, "planning", rulePlanning},
	{"Business plan, v2", alone, "planning", rulePlanning},
	{"(plan)", alone, "planning", rulePlanning},
	{"Plant tour", alone, "unclassified", ""},
	{"Explanation needed", alone, "unclassified", ""},
	{"Coaching", wholeTeam, "coaching", ruleCoaching},
	{"Coachee check-in", wholeTeam, "coaching", ruleCoaching},
	{"Supercoach awards", wholeTeam, "team", ruleTeam},
	{"Reporting", alone, "admin", ruleAdmin},
	{"Misreport fix", alone, "unclassified", ""},
	{"11:15 sync", wholeTeam, "team", ruleTeam}, // "1:1" only as a word
})

func TestEveryMinuteInOneCategory(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	ben := b.rep(mia, "Ben")
	paula := b.colleague("Paula")
	acme := b.keyAccount("Acme", ana)
	planted := map[string]float64{}
	add := func(category string, mins float64) { planted[category] += mins }

	// Owned and attended by Mia: once.
	b.meeting(mia, "1:1 Ana", minutes(45), withReps(ana, mia))
	add("coaching", 45)
	// Owned by Ana, attended by Mia: Mia's time too.
	b.meeting(ana, "Team meeting", time.Hour, withReps(mia, ben))
	add("team", 60)
	// Matches both a keyword rule (pipeline) and a structural one (team):
	// the first decides.
	b.meeting(mia, "Pipeline review", minutes(50), withReps(ana, ben))
	add("pipeline_review", 50)
	b.meeting(mia, "Acme QBR", minutes(90), on(acme), withContact("Alice Acme"))
	add("key_account", 90)
	b.meeting(mia, "Coffee with Paula", minutes(20), withColleagues(paula))
	add("internal_other", 20)
	b.email(mia, "Re: lunch") // internal e-mail: the 5-minute estimate
	add("admin", 5)
	b.task(mia, "Misc") // nothing matches: the 15-minute estimate
	add("unclassified", 15)
	b.meeting(ana, "Ana's own call", time.Hour, on(acme), withContact("Alice Acme")) // not Mia's

	var total float64
	for _, m := range planted {
		total += m
	}
	p := b.prepared()
	if dup := p.strings(`SELECT CAST(row AS VARCHAR) FROM audit_time GROUP BY manager_key, row HAVING count(*) > 1`); len(dup) > 0 {
		t.Errorf("activities counted more than once: %v", dup)
	}
	for _, row := range p.strings(`SELECT category || '=' || sum(minutes) FROM audit_time WHERE manager_key = ? GROUP BY category ORDER BY category`, "crm/"+mia.id) {
		category, value, _ := strings.Cut(row, "=")
		mins, err := strconv.ParseFloat(value, 64)
		if err != nil {
			t.Fatal(err)
		}
		if planted[category] != mins {
			t.Errorf("%s: %v minutes, want %v", category, mins, planted[category])
		}
		delete(planted, category)
	}
	if len(planted) > 0 {
		t.Errorf("categories missing: %v", planted)
	}

	rep := p.report() // the rules, on the tables just checked
	m := rep.Managers[0]
	if m.Time.Hours != round1(total/60) {
		t.Errorf("hours = %v, want %v", m.Time.Hours, round1(total/60))
	}
	var sum float64
	for _, s := range m.Time.ByCategory {
		sum += s.Hours * 60
	}
	// Each category's hours are rounded to 0.1 h (3 minutes either way).
	if math.Abs(sum-total) > 3*float64(len(m.Time.ByCategory)) {
		t.Errorf("categories add up to %v minutes, want %v", sum, total)
	}
	if rep.DataQuality.UnclassifiedPercent != round1(100*15/total) {
		t.Errorf("unclassified = %v %%, want %v", rep.DataQuality.UnclassifiedPercent, round1(100*15/total))
	}
}

func TestNegativeDurationsAreEstimated(t *testing.T) {
	t.Parallel()
	negativeDurations.check(t)
}

// negativeDurations is TestNegativeDurationsAreEstimated's team in
// defaultOrg, and its checks.
var negativeDurations = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// An export whose end precedes its start gives a negative duration:
	// the audit uses the kind's estimate and must say it is one.
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	b.meeting(mia, "1:1 Ana", 30*time.Minute, withReps(ana))
	b.meeting(mia, "Team meeting", 30*time.Minute, withReps(ana)).DurationSeconds = -1800
	return func(t *testing.T, rep *Report) {
		m := managerOf(t, rep, mia)
		if m.Time.Hours != 1 {
			t.Errorf("hours = %v, want 1 (30 measured + the 30-minute meeting estimate)", m.Time.Hours)
		}
		if m.Time.EstimatedShare != 50 {
			t.Errorf("estimated share = %v %%, want 50", m.Time.EstimatedShare)
		}
	}
})
