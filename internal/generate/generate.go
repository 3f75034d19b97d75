// Package generate writes a made-up but realistic sales organisation as a
// CRM export (Salesforce's Data Export or HubSpot's API pages), with the mistakes the audit looks for planted in chosen
// first-line managers at known strengths, and the ground truth next to it
// (truth.json): for every manager and every rule, planted, clean or not
// enough data. It is how the audit is tested against data whose answers
// are known, and how a demo gets a company to audit.
//
// Generation is deterministic (the same options write byte-identical
// files) and streams: activities are written as they are made, week by
// week and team by team, and only one team is held in memory at a time,
// so a thousand managers over a year (tens of millions of rows) take no
// more memory than ten.
package generate

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// FormatSalesforce is the Salesforce Data Export: one CSV per object.
const FormatSalesforce = "salesforce"

// TruthFile is the name of the ground truth written next to the export.
const TruthFile = "truth.json"

// DefaultEnd is where the period ends when Options.End is zero: a fixed
// date, so that a seed always gives the same company.
var DefaultEnd = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

// MaxMonths is the longest period: hires who left within a year must fit
// in PM6's 24 months before it starts.
const MaxMonths = 18

// Options say what company to generate.
type Options struct {
	// Managers is the number of first-line managers.
	Managers int
	// RepsPerManager is the usual team size; teams vary around it, and
	// some are small.
	RepsPerManager int
	// Months is the length of the period the activities span.
	Months int
	// Seed makes the company: the same seed, the same files.
	Seed uint64
	// Format is the export format, FormatSalesforce or FormatHubSpot;
	// empty means FormatSalesforce.
	Format string
	// Out is the directory to write to; it is created if needed.
	Out string
	// End is the (exclusive) end of the period, at midnight UTC; zero
	// means DefaultEnd.
	End time.Time
}

func (o *Options) validate() error {
	switch {
	case o.Managers < 1:
		return fmt.Errorf("managers: %d; need at least 1", o.Managers)
	case o.RepsPerManager < 2:
		return fmt.Errorf("reps per manager: %d; need at least 2 (a team meeting needs two reps)", o.RepsPerManager)
	case o.Months < 1 || o.Months > MaxMonths:
		return fmt.Errorf("months: %d; must be 1 to %d", o.Months, MaxMonths)
	case o.Format != "" && o.Format != FormatSalesforce && o.Format != FormatHubSpot:
		return fmt.Errorf("format %q: must be %q or %q", o.Format, FormatSalesforce, FormatHubSpot)
	case o.Out == "":
		return fmt.Errorf("no output directory")
	}
	if o.End.IsZero() {
		o.End = DefaultEnd
	}
	o.End = o.End.UTC()
	if !o.End.Equal(midnight(o.End)) {
		return fmt.Errorf("end %s is not midnight UTC", o.End)
	}
	if o.Format == "" {
		o.Format = FormatSalesforce
	}
	return nil
}

// Generate writes the company into opts.Out: the export's files and
// truth.json. It returns the truth it wrote.
func Generate(ctx context.Context, opts Options) (*Truth, error) {
	return generate(ctx, opts, hooks{})
}

// hooks let the package's tests watch the generation.
type hooks struct {
	// trace is told, for every activity a first-line manager takes part
	// in, the category the generator means it to have.
	trace func(activityID, managerID sfID, category string)
	// afterTeam is called when a team has been written.
	afterTeam func()
	// create opens an output file; nil creates it in Options.Out.
	create func(name string) (io.WriteCloser, error)
}

func generate(ctx context.Context, opts Options, h hooks) (*Truth, error) {
	if err := opts.validate(); err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	if h.create == nil {
		if err := os.MkdirAll(opts.Out, 0o755); err != nil {
			return nil, fmt.Errorf("generate: %w", err)
		}
		h.create = func(name string) (io.WriteCloser, error) { return os.Create(filepath.Join(opts.Out, name)) }
	}
	out, err := openWriter(opts.Format, h.create)
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	g := newGenerator(opts, out, h)
	runErr := g.run(ctx)
	if err := out.close(); runErr == nil {
		runErr = err
	}
	if runErr != nil {
		return nil, fmt.Errorf("generate: %w", runErr)
	}
	g.truth.Rows = out.rows()
	if err := g.writeTruth(); err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	return g.truth, nil
}

// Random streams and ID blocks: the company frame, each director and
// each team have their own, so that one never shifts another.
const (
	streamFrame    = 0
	streamDirector = 1 << 20
	streamTeam     = 1 << 30
	blockFrame     = 0
	blockDirector  = 1
	blockTeam      = 1 << 12
)

// generator is one generation run.
type generator struct {
	opts  Options
	hooks hooks
	out   exportWriter
	// traits are what the format can say that the plan depends on.
	traits  exportTraits
	period  period
	idBases *[numIDKinds]uint64
	emails  emailBook
	truth   *Truth
	// The company frame: the admin who created the records, the profile
	// every user has, the CEO role the directors report to.
	adminID, profileID, ceoRole sfID
	// firstMonday starts the period's first week.
	firstMonday time.Time
}

func newGenerator(opts Options, out exportWriter, h hooks) *generator {
	p := newPeriod(opts.End, opts.Months)
	g := &generator{opts: opts, hooks: h, out: out, traits: traitsOf(opts.Format), period: p, emails: emailBook{},
		idBases:     idBases(newRNG(opts.Seed, streamFrame)),
		firstMonday: p.weeks[0].days[0].AddDate(0, 0, -int((p.weeks[0].days[0].Weekday()+6)%7))}
	g.truth = &Truth{Generator: "salesaudit generate", Format: opts.Format, Seed: opts.Seed,
		Managers: opts.Managers, RepsPerManager: opts.RepsPerManager, Months: opts.Months,
		Period:     TruthPeriod{From: p.start.Format(time.DateOnly), To: p.end.Format(time.DateOnly)},
		Thresholds: "the defaults of the rules' files, queries/rules/<ID>.yaml", Directors: []TruthPerson{}}
	return g
}

// managersPerDirector is the usual span of control of a sales director.
const managersPerDirector = 8

func (g *generator) run(ctx context.Context) error {
	g.writeFrame()
	directors := (g.opts.Managers + managersPerDirector - 1) / managersPerDirector
	for d := range directors {
		from, to := d*g.opts.Managers/directors, (d+1)*g.opts.Managers/directors
		if err := g.writeDirectorate(ctx, d, from, to); err != nil {
			return err
		}
	}
	return nil
}

// writeDirectorate writes a director and the teams [from, to) under them.
func (g *generator) writeDirectorate(ctx context.Context, d, from, to int) error {
	dir := g.newDirector(d)
	teams := make([]*team, 0, to-from)
	for i := from; i < to; i++ {
		teams = append(teams, g.designTeam(i, dir))
	}
	g.writeDirector(dir, teams)
	for _, t := range teams {
		if err := ctx.Err(); err != nil {
			return err
		}
		g.writeTeam(t)
		if g.hooks.afterTeam != nil {
			g.hooks.afterTeam()
		}
	}
	return nil
}

// writeTeam writes a team's people, accounts, deals and activities, and
// records what was planted.
func (g *generator) writeTeam(t *team) {
	g.out.role(t.managerRole, t.manager.title, t.director.roleID, g.adminID, g.period.start.AddDate(-1, 0, 0))
	g.out.role(t.repRole, "Account Executive "+t.name, t.managerRole, g.adminID, g.period.start.AddDate(-1, 0, 0))
	g.writeUser(t.rng, &t.manager, t.director.id)
	for _, m := range append(append([]*member(nil), t.members...), t.extras...) {
		g.writeUser(t.rng, &m.person, t.manager.id)
	}
	g.fillTeam(t)
	claimed := g.addDeals(t)
	g.writeActivities(t)
	g.truth.FirstLineManagers = append(g.truth.FirstLineManagers, g.managerTruth(t, claimed))
}

// writeUser writes a user who reports to reportsTo (zero for none).
func (g *generator) writeUser(r rng, p *person, reportsTo sfID) {
	login := g.period.end.Add(-time.Duration(r.between(1, 72)) * time.Hour)
	if !p.active() {
		login = p.left.Add(-time.Duration(r.between(1, 48)) * time.Hour)
	}
	g.out.user(p, userRow{userType: "Standard", profileID: g.profileID, createdBy: g.adminID, lastLogin: login,
		modified: p.joined.AddDate(0, r.between(0, 6), r.between(0, 27)), division: "Sales", reportsTo: reportsTo})
}

// writeFrame writes the users and roles that are not part of a team: the
// admin, an automated process user, the CEO and sales operations roles.
func (g *generator) writeFrame() {
	r := newRNG(g.opts.Seed, streamFrame+1)
	ids := newIDMaker(r, g.idBases, blockFrame)
	g.adminID, g.profileID = ids.id(kindUser), ids.id(kindProfile)
	g.ceoRole = ids.id(kindRole)
	opsRole := ids.id(kindRole)
	setup := g.period.start.AddDate(-6, 0, 0)
	g.out.role(g.ceoRole, "CEO", 0, g.adminID, setup)
	g.out.role(opsRole, "Sales Operations", g.ceoRole, g.adminID, setup)
	admin := person{id: g.adminID, first: "Admin", last: "Northwind", title: "Salesforce Administrator",
		department: "IT", email: "sfadmin@" + companyDomain, joined: setup, region: &regions[0], city: regions[0].places[0].city}
	g.out.user(&admin, userRow{userType: "Standard", profileID: g.profileID, createdBy: g.adminID,
		lastLogin: g.period.end.Add(-5 * time.Hour), modified: setup.AddDate(1, 0, 0), division: "IT"})
	ops := newPerson(r, ids, g.emails, "en", &regions[4])
	ops.title, ops.department, ops.roleID, ops.joined = "Sales Operations Analyst", "Sales Operations", opsRole, setup.AddDate(2, 0, 0)
	g.writeUser(r, &ops, 0)
	auto := person{id: ids.id(kindUser), first: "Automated", last: "Process", email: "autoproc@00d4x000000abcdeaa.example",
		joined: setup}
	g.out.user(&auto, userRow{userType: "AutomatedProcess", profileID: g.profileID, createdBy: g.adminID, modified: setup})
}

// writeEvent writes an event; a first-line manager who takes part is
// traced with the category meant for it.
func (g *generator) writeEvent(e *eventRow, category string, managerID sfID) {
	g.out.event(e)
	if g.hooks.trace != nil && managerID != 0 {
		g.hooks.trace(e.id, managerID, category)
	}
}

func (g *generator) writeTask(t *taskRow, category string, managerID sfID) {
	g.out.task(t)
	if g.hooks.trace != nil && managerID != 0 {
		g.hooks.trace(t.id, managerID, category)
	}
}

// invite adds a user to an event.
func (g *generator) invite(ids *idMaker, e *eventRow, userID sfID, status string) {
	g.out.relation(ids.id(kindRelation), e.id, userID, 0, status, true, false, false, e.created, e.owner)
}

// eventParties writes a customer event's relations as Salesforce keeps
// them: its contact (the "who"), its account or deal (the "what") and now
// and then a second contact invited.
func (g *generator) eventParties(ids *idMaker, e *eventRow, a *account, r rng) {
	g.out.relation(ids.id(kindRelation), e.id, e.who, a.id, "", false, true, false, e.created, e.owner)
	g.out.relation(ids.id(kindRelation), e.id, e.what, a.id, "", false, true, true, e.created, e.owner)
	if len(a.contacts) > 1 && r.chance(0.3) {
		for _, c := range a.contacts {
			if c.id != e.who {
				g.out.relation(ids.id(kindRelation), e.id, c.id, a.id, "New", true, false, false, e.created, e.owner)
				break
			}
		}
	}
}

// weekOf is the index of the period's week a time falls in.
func (g *generator) weekOf(t time.Time) int {
	return int(midnight(t).Sub(g.firstMonday).Hours() / 24 / 7)
}

func (g *generator) writeTruth() error {
	data, err := json.MarshalIndent(g.truth, "", "  ")
	if err != nil {
		return err
	}
	out, err := g.hooks.create(TruthFile)
	if err != nil {
		return err
	}
	if _, err := out.Write(append(data, '\n')); err != nil {
		out.Close()
		return fmt.Errorf("writing %s: %w", TruthFile, err)
	}
	return out.Close()
}
