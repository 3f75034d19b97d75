package apipages

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func fieldsOf(t *testing.T, record string) *Fields {
	t.Helper()
	r, err := NewFields(1, json.RawMessage(record), "")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestTextAndIDReadWhatAPIsWrite(t *testing.T) {
	r := fieldsOf(t, `{"name": " Ana ", "n": 42, "ok": true, "id": " 0a1b ", "num": 5725767000000411001, "none": null}`)
	if got := []string{r.Text("Name"), r.Text("n"), r.Text("ok"), r.Text("missing"), r.ID("id"), r.ID("num"), r.ID("none")}; got[0] != "Ana" ||
		got[1] != "42" || got[2] != "true" || got[3] != "" || got[4] != "0a1b" || got[5] != "5725767000000411001" || got[6] != "" {
		t.Errorf("got %q", got)
	}
	if r.Err != nil {
		t.Fatalf("unexpected %v", r.Err)
	}
	r = fieldsOf(t, `{"owner": {"id": "1"}, "tags": ["a"]}`)
	if r.ID("owner"); r.Err == nil || r.Err.Field != "owner" || r.Err.Reason != `{"id": "1"} is not an ID` {
		t.Errorf("an object ID: %v", r.Err)
	}
	if r.Text("tags"); r.Err.Field != "owner" {
		t.Errorf("the first error is kept, got %v", r.Err)
	}
}

func TestIntReadsWholeNumbers(t *testing.T) {
	r := fieldsOf(t, `{"a": 3, "b": "12", "c": "", "d": 2.5}`)
	if n, ok := r.Int("a"); n != 3 || !ok {
		t.Errorf("a: %d, %v", n, ok)
	}
	if n, ok := r.Int("b"); n != 12 || !ok {
		t.Errorf("b: %d, %v", n, ok)
	}
	if _, ok := r.Int("c"); ok || r.Err != nil {
		t.Errorf("c: %v, %v", ok, r.Err)
	}
	if _, ok := r.Int("d"); ok || r.Err == nil || r.Err.Reason != "2.5 is not a whole number" {
		t.Errorf("d: %v, %v", ok, r.Err)
	}
	if _, ok := fieldsOf(t, `{"e": 3e12}`).Int("e"); ok {
		t.Error("3e12 is beyond ±2³¹")
	}
}

func TestTimesAndDates(t *testing.T) {
	r := fieldsOf(t, `{}`)
	want := time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC)
	for _, text := range []string{"2026-02-03T10:00:00+01:00", " 2026-02-03T09:00:00Z", "2026-02-03T09:00:00.000+0000"} {
		if got := r.Time("t", text, "ISO 8601"); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("%q: %v", text, got)
		}
	}
	day := time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)
	if got := r.TimeOrDate("t", "2026-02-03", "ISO 8601"); !got.Equal(day) {
		t.Errorf("TimeOrDate: %v", got)
	}
	if got := r.Date("d", "2026-02-03 "); !got.Equal(day) || r.Err != nil {
		t.Errorf("Date: %v, %v", got, r.Err)
	}
	if got := r.Time("t", "", "ISO 8601"); !got.IsZero() || r.Err != nil {
		t.Errorf("empty: %v, %v", got, r.Err)
	}
	if r.Time("t", "2026-02-03", "ISO 8601, e.g. 2026-02-03T09:00:00Z"); r.Err == nil ||
		r.Err.Reason != `"2026-02-03" is not a date and time (want ISO 8601, e.g. 2026-02-03T09:00:00Z)` {
		t.Errorf("a date is no time: %v", r.Err)
	}
	r = fieldsOf(t, `{}`)
	if r.TimeOrDate("t", "2026-02-30", "ISO 8601"); r.Err == nil || r.Err.Reason != `"2026-02-30" is not a date and time (want ISO 8601)` {
		t.Errorf("no such day: %v", r.Err)
	}
	r = fieldsOf(t, `{}`)
	if r.Date("d", "10/02/2026"); r.Err == nil || r.Err.Field != "d" || r.Err.Reason != `"10/02/2026" is not a date (want YYYY-MM-DD)` {
		t.Errorf("Date: %v", r.Err)
	}
}

func TestGuardChecksTheOptionMemberOnTheFirstRecord(t *testing.T) {
	var mapped int
	mapRecord := func(*Fields) error { mapped++; return nil }
	guarded := OptionMember{Option: "account_tier_field", Member: "Tier"}.Guard("the accounts of Accounts.json", "field", mapRecord, "Tier@label")
	if err := guarded(fieldsOf(t, `{"id": 1, "tier@label": "Gold"}`)); err != nil || mapped != 1 {
		t.Fatalf("its other name: %v, %d mapped", err, mapped)
	}
	if err := guarded(fieldsOf(t, `{"id": 2}`)); err != nil || mapped != 2 {
		t.Errorf("only the first record is checked: %v, %d mapped", err, mapped)
	}
	err := OptionMember{Option: "account_tier_field", Member: "Tier"}.Guard("the accounts of Accounts.json", "field", mapRecord)(fieldsOf(t, `{"id": 3}`))
	if err == nil || err.Error() != `option account_tier_field: the accounts of Accounts.json have no field "Tier"` || mapped != 2 {
		t.Errorf("a missing member: %v, %d mapped", err, mapped)
	}
}

// A whole number too large for the field is said to be too large, as it
// was written: 2⁶³−1 is no fraction.
func TestIntSaysAWholeNumberIsTooLarge(t *testing.T) {
	for raw, want := range map[string]string{
		`9223372036854775807`:   "9223372036854775807 is too large: want a whole number from -2147483647 to 2147483647",
		`"9223372036854775807"`: `"9223372036854775807" is too large`,
		`-3e12`:                 "-3e12 is too large",
		`2.5`:                   "2.5 is not a whole number",
	} {
		r := fieldsOf(t, `{"n": `+raw+`}`)
		if _, ok := r.Int("n"); ok || r.Err == nil || !strings.Contains(r.Err.Reason, want) {
			t.Errorf("Int(%s): %v, want %q", raw, r.Err, want)
		}
	}
}
