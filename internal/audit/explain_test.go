package audit

import (
	"context"
	"testing"
	"time"
)

// TestExplainSaysWhichWordsMatchedAndWhyACustomerWasThere: every
// activity explains itself: the rule, the keyword (with a compound's
// split) and how it is known to have faced a customer.
func TestExplainSaysWhichWordsMatchedAndWhyACustomerWasThere(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	acme := b.keyAccount("Acme", ana)
	b.task(mia, "Territoriumplanning 2027")
	b.task(mia, "Reisekostenabrechnung März")
	b.meeting(mia, "Call", 30*time.Minute)
	b.meeting(mia, "Review Acme", time.Hour, on(acme), withContact("Alice Acme"))
	b.meeting(mia, "Acme / Mia", time.Hour, on(acme), typed("Customer Visit"))
	b.meeting(mia, "Site visit Acme", time.Hour, on(acme))
	b.email(mia, "List Email: Spring offer", withContact("Bob"), sentOn(b.day(3)))
	b.meeting(mia, "Acme internal", time.Hour, on(acme))
	opts := b.options()
	opts.Manager = "Mia"
	got, err := Explain(context.Background(), b.load().SQL(), opts, "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ rule, matched, customer string }{
		"Territoriumplanning 2027":   {rulePlanning, `keyword "*planning" in "territoriumplanning" (territorium + planning)`, ""},
		"Reisekostenabrechnung März": {ruleTravel, `keyword "reisekosten*" in "reisekostenabrechnung"`, ""},
		"Call":                       {"subject says nothing", `keyword "Call" in "call"`, ""},
		"Review Acme":                {ruleKeyAlone, "", "customer"},
		"Acme / Mia":                 {ruleKeyAlone, "", "type"},
		"Site visit Acme":            {ruleKeyAlone, "", "subject"},
		"List Email: Spring offer":   {ruleMassEmail, "", "mass e-mail"},
		"Acme internal":              {ruleAboutAccount, "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("%d activities explained, want %d", len(got), len(want))
	}
	for _, a := range got {
		w, ok := want[a.Subject]
		if !ok {
			t.Errorf("unexpected activity %q", a.Subject)
			continue
		}
		if a.Rule != w.rule || a.Matched != w.matched || a.CustomerFacing != w.customer {
			t.Errorf("%q: rule %q, matched %q, customer %q; want %q, %q, %q",
				a.Subject, a.Rule, a.Matched, a.CustomerFacing, w.rule, w.matched, w.customer)
		}
	}
}
