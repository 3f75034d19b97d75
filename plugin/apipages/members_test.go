package apipages

import (
	"encoding/json"
	"testing"
)

func TestTextAndMember(t *testing.T) {
	r, err := NewFields(3, json.RawMessage(`{"Name": "  Kick-off ", "n": 12, "none": null, "obj": {"x": 1},
		"Owner": {"id": " 7 ", "bad": [1]}, "list": [1], "nothing": null}`), "")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"name": "Kick-off", "N": "12", "none": "", "missing": ""} {
		if got := r.Text(name); got != want {
			t.Errorf("Text(%q) = %q, want %q", name, got, want)
		}
	}
	if r.Err != nil {
		t.Fatalf("reading text failed: %v", r.Err)
	}
	owner := r.Member("owner")
	if got := owner.Text("ID"); got != "7" || owner.Line != 3 {
		t.Errorf("Member(owner).Text(ID) = %q on line %d, want 7 on line 3", got, owner.Line)
	}
	if owner.Text("bad"); owner.Err == nil || owner.Err.Field != "owner.bad" || r.Err != nil {
		t.Errorf("a nested failure is the nested record's, named by its path: %v, parent %v", owner.Err, r.Err)
	}
	if m := r.Member("nothing"); m.Has("x") || m.Err != nil || r.Member("missing").Err != nil || r.Err != nil {
		t.Errorf("a missing or null member is an empty record, not a failure: %v", r.Err)
	}
	if m := r.Member("list"); m.Has("x") || r.Err == nil || r.Err.Field != "list" {
		t.Errorf("a member that is not an object fails the record naming it: %v", r.Err)
	}
	if r.Text("obj"); r.Err.Field != "list" {
		t.Errorf("the first failure is kept: %v", r.Err)
	}
}
