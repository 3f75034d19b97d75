package audit

import (
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

const (
	ruleMassEmail    = "mass e-mail"
	ruleAboutAccount = "other work about an account"
)

// typed sets the activity's CRM type.
func typed(rawType string) activityOpt {
	return func(_ *org, a *plugin.Activity) { a.RawType = rawType }
}

// withOutsider adds an attendee known only by an e-mail outside the
// company, as calendar invitations name them.
func withOutsider(email string) activityOpt {
	return func(_ *org, a *plugin.Activity) {
		a.Attendees = append(a.Attendees, plugin.Attendee{Email: email})
	}
}

// declinedContact adds a customer contact who declined the invitation.
func declinedContact(name string) activityOpt {
	return func(b *org, a *plugin.Activity) {
		b.contacts++
		a.Attendees = append(a.Attendees, plugin.Attendee{ContactID: fmt.Sprintf("003%03d", b.contacts), Name: name, Response: "Declined"})
	}
}

// sentOn makes the activity a task-like record done on day: no start,
// completed then (Salesforce logs e-mails as completed tasks).
func sentOn(day time.Time) activityOpt {
	return func(_ *org, a *plugin.Activity) {
		a.StartAt, a.DueDate = time.Time{}, day.Truncate(24*time.Hour)
		a.CompletedAt, a.IsClosed, a.Status = day, true, "Completed"
	}
}

// TestCustomerFacingIsAFact: an activity faces a customer when a customer
// took part or was addressed, its type is customer-facing by nature or
// its subject says it happened at the customer; one that only references
// an account is work about the customer, classified by its subject.
func TestCustomerFacingIsAFact(t *testing.T) {
	t.Parallel()
	customerFacingIsAFact.check(t)
}

// customerFacingIsAFact is TestCustomerFacingIsAFact's team in defaultOrg,
// and its check.
var customerFacingIsAFact = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	acme := b.keyAccount("Acme", ana)
	smallco := b.account("Smallco", ana)
	cases := []struct {
		subject  string
		add      func(subject string)
		category string
		rule     string
	}{
		// A customer there or addressed.
		{"Call Alice", func(s string) { b.call(mia, s, 10*time.Minute, on(acme), withContact("Alice Acme")) },
			CategoryKeyAccount, ruleKeyAlone},
		{"Follow-up", func(s string) { b.email(mia, s, on(smallco), withContact("Sam Small")) },
			CategoryCustomerOther, ruleOtherAlone},
		{"Quarterly catch-up", func(s string) {
			b.meeting(mia, s, time.Hour, on(smallco), withOutsider("sam@smallco.example"))
		}, CategoryCustomerOther, ruleOtherAlone},
		{"Renewal talk", func(s string) { b.call(mia, s, 20*time.Minute, withContact("Walk-in")) },
			CategoryCustomerOther, ruleOtherAlone},
		// Customer-facing by nature: the CRM's type, or a visit said so.
		{"Acme / Mia", func(s string) { b.meeting(mia, s, time.Hour, on(acme), typed("Customer Visit")) },
			CategoryKeyAccount, ruleKeyAlone},
		{"Site visit Smallco", func(s string) { b.meeting(mia, s, time.Hour, on(smallco)) },
			CategoryCustomerOther, ruleOtherAlone},
		{"Kundenbesuch Smallco", func(s string) { b.meeting(mia, s, time.Hour, on(smallco)) },
			CategoryCustomerOther, ruleOtherAlone},
		// With a rep: field coaching.
		{"Joint visit Acme", func(s string) {
			b.meeting(mia, s, time.Hour, on(acme), withReps(ana), withContact("Alice Acme"))
		}, CategoryFieldCoaching, ruleJoint},
		// About the customer, no customer there.
		{"Account planning Acme", func(s string) { b.meeting(mia, s, time.Hour, on(acme)) },
			CategoryPlanning, rulePlanning},
		{"QBR preparation Acme", func(s string) { b.meeting(mia, s, time.Hour, on(acme)) },
			CategoryPlanning, rulePlanning},
		{"Plan de cuenta Acme", func(s string) { b.meeting(mia, s, time.Hour, on(acme)) },
			CategoryPlanning, rulePlanning},
		{"Acme", func(s string) { b.meeting(mia, s, time.Hour, on(acme)) },
			CategoryAccountInternal, ruleAboutAccount},
		{"Call about Acme", func(s string) { b.call(mia, s, 10*time.Minute, on(acme)) },
			CategoryAccountInternal, ruleAboutAccount},
		{"Send contract to Smallco", func(s string) { b.task(mia, s, on(smallco)) },
			CategoryAccountInternal, ruleAboutAccount},
		{"Acme lunch", func(s string) { b.meeting(mia, s, time.Hour, on(acme), declinedContact("Alice Acme")) },
			CategoryAccountInternal, ruleAboutAccount},
		// A visit said so, but on no account: nothing says a customer.
		{"Visit the new office", func(s string) { b.meeting(mia, s, time.Hour) },
			CategoryInternalOther, ruleInternal},
	}
	for _, c := range cases {
		c.add(c.subject)
	}
	return func(t *testing.T, _ *Report) {
		got := defaultOrg.tables(t).placements(mia)
		for _, c := range cases {
			p := got[c.subject]
			if p.category != c.category || p.rule != c.rule {
				t.Errorf("%q: %s by rule %q, want %s by rule %q", c.subject, p.category, p.rule, c.category, c.rule)
			}
		}
	}
})

// TestAccountWorkCountsForBM2ButTouchesNoCustomer: an internal
// account-planning meeting on a key account nobody has seen for 30+ days
// leaves CM1 firing, is not the manager's customer time (CM2, CM3), and
// is effort on that account for BM2.
func TestAccountWorkCountsForBM2ButTouchesNoCustomer(t *testing.T) {
	t.Parallel()
	b := newOrg(t).weeks(8)
	build := func(withCustomer bool) person {
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		acme := b.keyAccount("Acme", ana)
		small := b.account("Smallco", ana)
		b.won("Acme deal", ana, acme, 900, b.day(3))
		b.won("Small deal", ana, small, 100, b.day(3))
		// The last time anyone saw Acme: the first week.
		b.meeting(ana, "Visit Acme", time.Hour, on(acme), withContact("Alice Acme"), at(b.day(2)))
		opts := []activityOpt{on(acme), at(b.to.AddDate(0, 0, -5))}
		if withCustomer {
			opts = append(opts, withContact("Alice Acme"))
		}
		b.meeting(mia, "Account planning Acme", 3*time.Hour, opts...)
		b.meeting(mia, "Smallco visit", time.Hour, on(small), withContact("Sam Small"), at(b.day(10)))
		b.meeting(mia, "1:1 Ana", time.Hour, withReps(ana), at(b.day(11)))
		return mia
	}
	internal, withCustomer := build(false), build(true)
	rep := b.run()

	f := findingOf(t, rep, internal, "CM1")
	expect(t, f, high, 100)
	expectColumn(t, f, "account", "Acme")
	if got := findingOf(t, rep, withCustomer, "CM1"); got.Severity != ok {
		t.Errorf("CM1 with the customer at the planning meeting: %s, want ok", got.Severity)
	}
	// CM3: the manager's selling time alone is the Smallco visit only
	// (1 of 5 hours); with the customer there, the 3 hours too.
	expect(t, findingOf(t, rep, internal, "CM3"), ok, 20)
	expect(t, findingOf(t, rep, withCustomer, "CM3"), high, 80)
	// CM2: a planning meeting without the customer is no customer time of
	// the manager's on Acme; with the customer it is, and hoarded.
	if got := findingOf(t, rep, internal, "CM2"); got.Metric == nil || *got.Metric != 0 {
		t.Errorf("CM2 with the account planned internally: %s, want 0 accounts", got.Severity)
	}
	if got := findingOf(t, rep, withCustomer, "CM2"); got.Metric == nil || *got.Metric != 1 {
		t.Errorf("CM2 with the customer at the meeting: %s, want 1 account", got.Severity)
	}
	// BM2: 3 of the 4 hours on accounts went to the key account either
	// way; non-key accounts make 10 % of revenue: 25 - 10 = 15 points.
	for _, m := range []person{internal, withCustomer} {
		expect(t, findingOf(t, rep, m, "BM2"), ok, 15)
	}
}

// TestAMassEmailCampaignCostsOneEmail: 300 recipients of one list e-mail
// are one send: one e-mail's estimated minutes, in customer_other, on no
// account, and no touch of the key accounts it reached.
func TestAMassEmailCampaignCostsOneEmail(t *testing.T) {
	t.Parallel()
	aMassEmailCampaign.check(t)
}

// aMassEmailCampaign is TestAMassEmailCampaignCostsOneEmail's team in
// sixWeeksNothingWonOrg, and its checks.
var aMassEmailCampaign = sixWeeksNothingWonOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	acme := b.keyAccount("Acme", ana)
	small := b.account("Smallco", ana)
	send := func(n int, subject string, day time.Time, opts ...activityOpt) {
		for i := range n {
			acc := []account{acme, small}[i%2]
			b.email(mia, subject, append([]activityOpt{on(acc), withContact(fmt.Sprintf("Recipient %d", i)), sentOn(day)}, opts...)...)
		}
	}
	// Known by Salesforce's subject prefix, in English and in Spanish.
	send(300, "List Email: Spring offer", b.day(3))
	send(40, "Email de lista: Oferta de primavera", b.day(3))
	// Known by its type only; sent again a day later: two sends.
	send(50, "Webinar invitation", b.day(4), typed("ListEmail"))
	send(50, "Webinar invitation", b.day(5), typed("ListEmail"))
	// One ordinary e-mail to a customer, for comparison.
	b.email(mia, "Your quote", on(small), withContact("Sam Small"), sentOn(b.day(6)))
	// Acme's last customer touch was long ago.
	b.meeting(ana, "Visit Acme", time.Hour, on(acme), withContact("Alice Acme"), at(b.day(1)))

	return func(t *testing.T, rep *Report) {
		p := sixWeeksNothingWonOrg.tables(t)
		sends := p.strings(`SELECT subject || ' / ' || category FROM audit_time
		WHERE manager_key = ? AND class_rule = ? ORDER BY ALL`, "crm/"+mia.id, ruleMassEmail)
		want := []string{"Email de lista: Oferta de primavera / customer_other", "List Email: Spring offer / customer_other",
			"Webinar invitation / customer_other", "Webinar invitation / customer_other"}
		if fmt.Sprint(sends) != fmt.Sprint(want) {
			t.Errorf("mass e-mail sends:\n got %q\nwant %q", sends, want)
		}
		// Four sends and one e-mail.
		email := b.cfg.Durations.EstimateMinutes["email"]
		minutes := p.strings(`SELECT CAST(sum(minutes) AS VARCHAR) FROM audit_time WHERE manager_key = ? AND category = ?`,
			"crm/"+mia.id, CategoryCustomerOther)
		if got, err := strconv.ParseFloat(minutes[0], 64); err != nil || math.Abs(got-5*email) > 1e-9 {
			t.Errorf("customer_other: %s minutes, want %v (four sends and one e-mail at %v min)", minutes[0], 5*email, email)
		}
		expect(t, findingOf(t, rep, mia, "CM1"), high, 100)
	}
})
