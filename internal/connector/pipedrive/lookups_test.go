package pipedrive

import (
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

func TestUserDirectory(t *testing.T) {
	d := newUserDirectory()
	for _, u := range []plugin.User{
		{ID: "1", Name: "Ana Sousa", Email: "ana.sousa@example.com"},
		{ID: "2", Name: "Jan de  Vries", Email: "jan.devries@example.com"},
		{ID: "3", Name: "Jan de Vries", Email: "jan.de.vries@example.com"},
	} {
		d.add(&pendingUser{user: u})
	}
	for ref, want := range map[string]string{
		"1": "1", "ana sousa": "1", "ANA.SOUSA@example.com": "1", " Ana  Sousa ": "1", "jan.de.vries@example.com": "3",
	} {
		var v csvfile.Cells
		if got := d.userID(field{"owner", ref, &v}); got != want || v.Err != nil {
			t.Errorf("userID(%q) = %q, %v; want %q", ref, got, v.Err, want)
		}
	}
	var v csvfile.Cells
	d.userID(field{"Activity - Assigned to user", "Jan de Vries", &v})
	if v.Err == nil || v.Err.Field != "Activity - Assigned to user" || !strings.Contains(v.Err.Reason, "IDs 2, 3") {
		t.Errorf("two users with one name: %v", v.Err)
	}
	if id := d.idByEmail("Ana.Sousa@example.com"); id != "1" {
		t.Errorf("idByEmail = %q", id)
	}
}

func TestDealIndexTellsSameTitlesApartByOrganization(t *testing.T) {
	d := newDealIndex()
	d.add("10", "Renewal 2025", "100")
	d.add("11", "Renewal 2025", "101")
	d.add("12", "Fleet rollout", "100")
	tests := []struct {
		id, title, org, want, failure string
	}{
		{"", "Renewal 2025", "101", "11", ""},
		{"", "fleet rollout", "", "12", ""},
		{"77", "Renewal 2025", "", "77", ""},
		{"", "Renewal 2025", "", "", "2 deals"},
		{"", "Pilot", "100", "", "no deal"},
		{"", "", "100", "", ""},
	}
	for _, tt := range tests {
		var v csvfile.Cells
		got := d.id(field{"Deal - ID", tt.id, &v}, field{"Activity - Deal", tt.title, &v}, tt.org)
		failure := ""
		if v.Err != nil {
			failure = v.Err.Reason
		}
		if got != tt.want || (tt.failure == "") != (failure == "") || !strings.Contains(failure, tt.failure) {
			t.Errorf("id(%q, %q, org %q) = %q, %q; want %q, %q", tt.id, tt.title, tt.org, got, failure, tt.want, tt.failure)
		}
	}
}

func TestCustomFieldLabels(t *testing.T) {
	cf := &customField{key: "abc", name: "Segments", options: map[string]string{"61": "Tier 1", "62": "Tier 2"}}
	for value, want := range map[string]string{"61": "Tier 1", "61,62": "Tier 1, Tier 2", "99": "99", "": ""} {
		if got := cf.label(value); got != want {
			t.Errorf("label(%q) = %q, want %q", value, got, want)
		}
	}
}
