package calendars

import "testing"

func TestParseDomains(t *testing.T) {
	got, err := ParseDomains(" @Acme.com, acme.de ,")
	if err != nil || len(got) != 2 || got[0] != "acme.com" || got[1] != "acme.de" {
		t.Errorf("ParseDomains = %v, %v; want [acme.com acme.de]", got, err)
	}
	for _, bad := range []string{"", "acme", "anna@acme.com", "acme.com/x"} {
		if _, err := ParseDomains(bad); err == nil {
			t.Errorf("ParseDomains(%q) accepted", bad)
		}
	}
}

func TestInternalByOwnersDomainsAndSubdomains(t *testing.T) {
	people := NewPeople(nil, []string{"anna@acme.com"})
	for email, want := range map[string]bool{
		"anna@acme.com": true, "bo@acme.com": true, "cy@eu.acme.com": true,
		"dan@notacme.com": false, "eve@acme.com.evil.example": false, "no-address": false,
	} {
		if got := people.Internal(email); got != want {
			t.Errorf("Internal(%s) = %v, want %v", email, got, want)
		}
	}
}

func TestIsAddress(t *testing.T) {
	for s, want := range map[string]bool{"anna.berg@acme.com": true, "unsorted": false, "a@b": false, "a b@c.com": false, "@acme.com": false} {
		if IsAddress(s) != want {
			t.Errorf("IsAddress(%q) = %v, want %v", s, !want, want)
		}
	}
}

// The reason is the one gcal and graph wrote before it was shared: their
// load summaries must not change when they use it.
func TestSkipFreeKeepsTheWordingOfEveryConnector(t *testing.T) {
	for saidBy, want := range map[string]string{
		"transparency transparent": "shown as free (transparency transparent): the owner kept the time available",
		"showAs free":              "shown as free (showAs free): the owner kept the time available",
	} {
		if got := SkipFree(saidBy); got != want {
			t.Errorf("SkipFree(%q) = %q, want %q", saidBy, got, want)
		}
	}
}
