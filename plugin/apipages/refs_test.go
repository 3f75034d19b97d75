package apipages

import (
	"encoding/json"
	"testing"
)

func TestRefAndFirstOf(t *testing.T) {
	r, err := NewFields(3, json.RawMessage(`{"User_ID": {"id": 7, "name": "Ada", "value": 7}, "owner_id": null,
		"org_id": {"name": "Acme", "value": "41"}, "deal_id": 12, "stage_id": "5", "person_id": {"name": "Bob"},
		"labels": [1, 2], "empty": ""}`), "")
	if err != nil {
		t.Fatal(err)
	}
	if !r.HasAny("assignee", "OWNER_ID") || r.HasAny("assignee", "title") {
		t.Error("HasAny: owner_id is there (null), neither assignee nor title is")
	}
	if got := r.FirstOf("owner_id", "user_id"); got != "user_id" {
		t.Errorf("FirstOf = %q: a null member is no value", got)
	}
	if got := r.FirstOf("assignee", "owner_id"); got != "assignee" {
		t.Errorf("FirstOf with none = %q, want the first name", got)
	}
	for name, want := range map[string]string{"user_id": "7", "org_id": "41", "deal_id": "12", "stage_id": "5",
		"owner_id": "", "missing": "", "empty": ""} {
		if got := r.Ref(name, "value", "id"); got != want {
			t.Errorf("Ref(%s) = %q, want %q", name, got, want)
		}
	}
	if r.Err != nil {
		t.Fatalf("a good reference failed: %v", r.Err)
	}
	if got := r.Ref("person_id", "value", "id"); got != "" || r.Err == nil || r.Err.Field != "person_id" ||
		r.Err.Reason != `the object has no "value" or "id"` {
		t.Errorf("Ref of an object without an ID = %q, %+v", got, r.Err)
	}
	r.Err = nil
	if got := r.Ref("labels", "value"); got != "" || r.Err == nil || r.Err.Reason != "the value is an array, not an ID" {
		t.Errorf("Ref of an array = %q, %+v", got, r.Err)
	}
}

func TestTypeName(t *testing.T) {
	for raw, want := range map[string]string{`{"a":1}`: "an object", ` [1]`: "an array", `"x"`: "a string",
		`true`: "a boolean", `false`: "a boolean", `null`: "null", `-1.5`: "a number", ``: "missing"} {
		if got := TypeName(json.RawMessage(raw)); got != want {
			t.Errorf("TypeName(%s) = %q, want %q", raw, got, want)
		}
	}
}

func TestEachNested(t *testing.T) {
	r, err := NewFields(1, json.RawMessage(`{"attendees": [{"email": "a@x"}, {"email": ["b@x"]}, 3, {"email": "c@x"}], "none": null}`), "")
	if err != nil {
		t.Fatal(err)
	}
	var emails []string
	r.EachNested("attendees", "an array", func(at *Fields) {
		s, _ := at.Scalar("email", false)
		emails = append(emails, s)
	})
	if len(emails) != 3 || emails[0] != "a@x" || emails[2] != "c@x" {
		t.Errorf("elements read: %q", emails)
	}
	if r.Err == nil || r.Err.Field != "attendees.email" {
		t.Errorf("Err = %+v, want the first bad element's value, named by its path", r.Err)
	}
	r.Err = nil
	r.EachNested("none", "an array", func(*Fields) { t.Error("a null member has no elements") })
	r.EachNested("attendees", "an array", func(*Fields) {})
	if r.Err == nil || r.Err.Field != "attendees" {
		t.Errorf("Err = %+v, want the element that is not an object", r.Err)
	}
	bad, _ := NewFields(1, json.RawMessage(`{"options": {"id": 7}}`), "")
	bad.EachNested("options", "a list", func(*Fields) { t.Error("an object is no list") })
	if bad.Err == nil || bad.Err.Field != "options" {
		t.Errorf("a member that is not an array: %+v", bad.Err)
	}
}

func TestText(t *testing.T) {
	for raw, want := range map[string]string{`"x y"`: "x y", `12.5`: "12.5", ` 7 `: "7", `true`: "true", `null`: "",
		`{"value": 1}`: "", `[1, 2]`: "", ``: ""} {
		if got := Text(json.RawMessage(raw)); got != want {
			t.Errorf("Text(%s) = %q, want %q", raw, got, want)
		}
	}
}
