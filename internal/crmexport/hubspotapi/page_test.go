package hubspotapi

import (
	"bytes"
	"testing"
	"time"
)

func page(t *testing.T, layout Layout, next *Next, records ...any) (string, []int64) {
	t.Helper()
	var b bytes.Buffer
	p := NewPage(&b, layout)
	var lines []int64
	for _, r := range records {
		lines = append(lines, p.Add(r))
	}
	if err := p.End(next); err != nil {
		t.Fatal(err)
	}
	return b.String(), lines
}

func TestLayouts(t *testing.T) {
	rec := map[string]any{"id": "1", "properties": map[string]*string{"name": Value("A & B <x>"), "amount": nil}}
	next := &Next{Object: "objects/deals", Limit: 2, After: "2"}
	link := `"paging":{"next":{"after":"2","link":"https://api.hubapi.com/crm/v3/objects/deals?limit=2&after=2"}}`
	for _, tc := range []struct {
		name   string
		layout Layout
		want   string
		lines  []int64
	}{
		{"lines", Lines, "{\"results\":[\n" + `{"id":"1","properties":{"amount":null,"name":"A & B <x>"}}` + ",\n" +
			`{"id":"1","properties":{"amount":null,"name":"A & B <x>"}}` + "\n]," + link + "}\n", []int64{2, 3}},
		{"compact", Compact, `{"results":[{"id":"1","properties":{"amount":null,"name":"A & B <x>"}},` +
			`{"id":"1","properties":{"amount":null,"name":"A & B <x>"}}],` + link + "}\n", []int64{1, 1}},
		{"indented", Indented, "{\n  \"results\": [\n    {\n      \"id\": \"1\",\n      \"properties\": {\n" +
			"        \"amount\": null,\n        \"name\": \"A & B <x>\"\n      }\n    },\n    {\n      \"id\": \"1\",\n" +
			"      \"properties\": {\n        \"amount\": null,\n        \"name\": \"A & B <x>\"\n      }\n    }\n  ],\n" +
			"  \"paging\": {\n    \"next\": {\n      \"after\": \"2\",\n" +
			"      \"link\": \"https://api.hubapi.com/crm/v3/objects/deals?limit=2&after=2\"\n    }\n  }\n}\n", []int64{3, 10}},
	} {
		got, lines := page(t, tc.layout, next, rec, rec)
		if got != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.name, got, tc.want)
		}
		if len(lines) != 2 || lines[0] != tc.lines[0] || lines[1] != tc.lines[1] {
			t.Errorf("%s: records on lines %v, want %v", tc.name, lines, tc.lines)
		}
	}
}

func TestLastAndEmptyPages(t *testing.T) {
	if got, _ := page(t, Lines, nil); got != "{\"results\":[\n]}\n" {
		t.Errorf("empty page %q", got)
	}
	if got, _ := page(t, Compact, nil, Owner{ID: "7", Type: "PERSON"}); got != `{"results":[{"id":"7","email":"","type":"PERSON","firstName":"","lastName":"","userId":0,"userIdIncludingInactive":0,"createdAt":"","updatedAt":"","archived":false}]}`+"\n" {
		t.Errorf("last page %q", got)
	}
}

func TestNewObject(t *testing.T) {
	o := NewObject("42", time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.FixedZone("CET", 3600)), time.Time{}, CallProperties)
	if o.CreatedAt != "2026-01-02T02:04:05.006Z" || o.UpdatedAt != "" {
		t.Errorf("times %q %q", o.CreatedAt, o.UpdatedAt)
	}
	if *o.Properties["hs_object_id"] != "42" {
		t.Error("hs_object_id is not the ID")
	}
	for _, p := range CallProperties {
		if v, ok := o.Properties[p]; !ok || v != nil {
			t.Errorf("%s: not asked for or not null", p)
		}
	}
	o.Associate("companies", "call_to_company", "1", "", "1", "2")
	o.Associate("deals", "call_to_deal", "")
	if got := o.Associations["companies"].Results; len(got) != 2 || got[1].ID != "2" {
		t.Errorf("associations %+v", got)
	}
	if _, ok := o.Associations["deals"]; ok {
		t.Error("an empty association was written")
	}
	if Number(1250000.5) != "1250000.5" || Number(1e21) != "1000000000000000000000" || Value("") != nil {
		t.Error("values")
	}
	if PageFile("calls", 3) != "calls-page-3.json" {
		t.Error(PageFile("calls", 3))
	}
}
