package audit

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSubjectsDifferingByNumbersAndNamesAreOneShape(t *testing.T) {
	t.Parallel()
	names := newNameWords([]any{"Hoffmann Maschinenbau GmbH", "Lukas Meyer"})
	for subject, want := range map[string]string{
		"Forcast abgeben KW 14":          "forcast abgeben kw #",
		"RE: AW: Forcast abgeben KW 15":  "forcast abgeben kw #",
		"Notizen Hoffmann Maschinenbau":  "notizen …",
		"Email: Notizen für Lukas Meyer": "notizen fur …",
		"Bestellung 2026-0412 / 0413":    "bestellung #",
	} {
		if got := subjectShape(subject, names); got != want {
			t.Errorf("%q: shape %q, want %q", subject, got, want)
		}
	}
}

func TestNearKeywords(t *testing.T) {
	t.Parallel()
	cases := []struct{ keyword, word, want string }{
		{"kickoff", "vertriebskickoff", "*kickoff"},     // a compound's head
		{"budget*", "teambudgetrunde", "*budget*"},      // a compound's part
		{"onboarding", "onboardingplan", "onboarding*"}, // a word it starts
		{"forecast*", "forcast", "forcast*"},            // a letter missing
		{"expense*", "expence", "expence*"},             // a letter wrong
		{"plan", "airplane", ""},                        // part after fewer than three letters... and not at the end
		{"crm", "crmpflege", ""},                        // too short to look for
		{"interview*", "interview", ""},                 // it matches already
		{"management team", "managementteam", ""},       // phrases are not looked for
		{"training", "trainee", ""},                     // two letters off is not a typo
		{"strategy", "stratey", "stratey"},              // one letter off is
	}
	for _, c := range cases {
		got, _, ok := nearKeyword(c.keyword, c.word)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("%q near %q: %q, %v; want %q", c.word, c.keyword, got, ok, c.want)
		}
	}
}

// TestAcceptedSuggestionsChangeTheNextAudit: suggest proposes keywords
// only to rules that would take the activities, the overlay it writes
// loads over the defaults, and the next audit places the subjects.
func TestAcceptedSuggestionsChangeTheNextAudit(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	b.account("Hoffmann Maschinenbau", ana)
	b.account("Steiner Elektro", ana)
	for _, week := range []string{"14", "15", "16"} {
		b.task(mia, "Forcast abgeben KW "+week)
	}
	b.task(mia, "Vertriebskickoff vorbereiten")
	b.task(mia, "RE: Vertriebskickoff vorbereiten")
	b.task(mia, "Notizen Hoffmann Maschinenbau")
	b.task(mia, "Notizen Steiner Elektro")
	b.meeting(mia, "1:1 Ana", 30*time.Minute, withReps(ana))
	db := b.load().SQL()
	ctx := context.Background()
	suggestions, err := Suggest(ctx, db, b.options(), 10)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // shape -> keyword (category)
		"forcast abgeben kw #":         "forcast* (planning)",
		"vertriebskickoff vorbereiten": "*kickoff (hq)",
		"notizen …":                    "",
	}
	if len(suggestions) != len(want) {
		t.Fatalf("%d suggestions, want %d: %+v", len(suggestions), len(want), suggestions)
	}
	for _, s := range suggestions {
		got := ""
		if s.Proposal != nil {
			got = s.Proposal.Keyword + " (" + s.Proposal.Category + ")"
		}
		if w, ok := want[s.Pattern]; !ok || got != w {
			t.Errorf("%q: proposal %q, want %q", s.Pattern, got, w)
		}
	}
	if s := suggestions[0]; s.Pattern != "forcast abgeben kw #" || s.Activities != 3 || s.Category != Unclassified {
		t.Errorf("first suggestion %+v: want the three forecasts, unclassified, with the most minutes", s)
	}

	overlay, err := Overlay(b.cfg, suggestions)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "classification.yaml")
	if err := os.WriteFile(path, overlay, 0o600); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(overlay), `added forcast* for "forcast abgeben kw #": 3 activities`) {
		t.Errorf("the overlay does not say what it added:\n%s", overlay)
	}
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatalf("the overlay does not load: %v\n%s", err, overlay)
	}
	opts := b.options()
	opts.Config = cfg
	opts.Manager = "Mia"
	got, err := Explain(ctx, db, opts, "")
	if err != nil {
		t.Fatal(err)
	}
	placed := map[string]string{}
	for _, a := range got {
		placed[a.Subject] = a.Category
	}
	for subject, category := range map[string]string{
		"Forcast abgeben KW 14": CategoryPlanning, "RE: Vertriebskickoff vorbereiten": CategoryHQ,
		"Notizen Steiner Elektro": Unclassified, "1:1 Ana": CategoryCoaching,
	} {
		if placed[subject] != category {
			t.Errorf("after the overlay %q is %s, want %s", subject, placed[subject], category)
		}
	}
}
