// Package corpus measures the classification against a labelled corpus of
// activities (testdata/classify/corpus.csv): subjects as people type them
// in six languages, each with what the classification sees besides its
// words (kind, account, customer, reps, colleagues) and the category a
// sales-ops lead assigns. It builds one manager's activities from the
// corpus, audits them with a configuration and compares.
package corpus

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/plugin"
)

// Case is one labelled activity of the corpus.
type Case struct {
	// File and Line say where the case is written.
	File    string
	Line    int
	Lang    string
	Kind    plugin.ActivityKind
	Subject string
	// Account is "none", "key" or "other".
	Account string
	// Contact: a customer contact is linked (called, e-mailed, invited).
	Contact bool
	// External: an attendee from outside the company.
	External bool
	// Reps and Others are the manager's direct reports and the other
	// colleagues taking part.
	Reps, Others int
	// Want is the category a sales-ops lead assigns.
	Want string
	// Set is "tune" (the keyword lists were tuned on these), "holdout"
	// (written before the tuning, but seen in its misses) or "blind"
	// (written after it, by someone who saw neither the lists nor the
	// other cases, and never tuned on).
	Set  string
	Note string
}

// columns are the corpus's header, in order.
var columns = []string{"lang", "kind", "subject", "account", "contact", "external", "reps", "others", "category", "set", "note"}

// Read reads a corpus file, refusing a row it cannot take whole with the
// file, line and field.
func Read(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = len(columns)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	if !slices.Equal(header, columns) {
		return nil, fmt.Errorf("%s: header %v, want %v", path, header, columns)
	}
	var cases []Case
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			return cases, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		c, err := parseCase(line, record)
		c.File = filepath.Base(path)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		cases = append(cases, c)
	}
}

func parseCase(line int, f []string) (Case, error) {
	c := Case{Line: line, Lang: f[0], Kind: plugin.ActivityKind(f[1]), Subject: f[2], Account: f[3],
		Want: f[8], Set: f[9], Note: f[10]}
	var err error
	if !slices.Contains(plugin.ActivityKinds, c.Kind) {
		return c, fmt.Errorf("kind: unknown activity kind %q", f[1])
	}
	if !slices.Contains([]string{"none", "key", "other"}, c.Account) {
		return c, fmt.Errorf("account: %q is not none, key or other", c.Account)
	}
	if c.Contact, err = flag(f[4]); err != nil {
		return c, fmt.Errorf("contact: %w", err)
	}
	if c.External, err = flag(f[5]); err != nil {
		return c, fmt.Errorf("external: %w", err)
	}
	if c.Reps, err = strconv.Atoi(f[6]); err != nil || c.Reps < 0 {
		return c, fmt.Errorf("reps: %q is not a count", f[6])
	}
	if c.Others, err = strconv.Atoi(f[7]); err != nil || c.Others < 0 {
		return c, fmt.Errorf("others: %q is not a count", f[7])
	}
	if c.Want != audit.Unclassified && audit.RoleOf(c.Want) == "" {
		return c, fmt.Errorf("category: unknown category %q", c.Want)
	}
	if !slices.Contains(Sets, c.Set) {
		return c, fmt.Errorf("set: %q is not one of %v", c.Set, Sets)
	}
	return c, nil
}

func flag(v string) (bool, error) {
	switch v {
	case "0":
		return false, nil
	case "1":
		return true, nil
	}
	return false, fmt.Errorf("%q is not 0 or 1", v)
}

// Sets are the sets a case may belong to, in report order.
var Sets = []string{"holdout", "tune", "blind"}

// Placed is a case with where the classification put it.
type Placed struct {
	Case
	Got, Rule string
}

// Right says whether the classification agrees with the label.
func (p Placed) Right() bool { return p.Got == p.Want }

// source and manager name the organisation Measure builds.
const (
	source  = "corpus"
	manager = "Mia Manager"
)

// periodStart is the first day of the audited period: a Monday.
var periodStart = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// Measure classifies every case as one manager's activity with cfg and
// returns the cases with their categories, in the corpus's order.
func Measure(ctx context.Context, cfg *audit.Config, cases []Case) ([]Placed, error) {
	db, err := duckdb.Open(ctx, duckdb.MemoryPath, duckdb.Options{Threads: 1})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := db.LoadMemory(ctx, source, duckdb.Run{Connector: "corpus", ConnectorVersion: "1",
		ProtocolVersion: plugin.ProtocolVersion, Input: "corpus", StartedAt: periodStart}, organisation(cases)...); err != nil {
		return nil, err
	}
	got, err := audit.Explain(ctx, db.SQL(), audit.Options{Config: cfg, Sources: []string{source},
		From: periodStart, To: periodStart.AddDate(0, 0, 28), Manager: manager}, "")
	if err != nil {
		return nil, err
	}
	byOrigin := map[string]audit.ClassifiedActivity{}
	for _, a := range got {
		byOrigin[a.Origin] = a
	}
	out := make([]Placed, len(cases))
	for i, c := range cases {
		a, ok := byOrigin[fmt.Sprintf("%s:%s:%d", source, c.File, c.Line)]
		if !ok {
			return nil, fmt.Errorf("%s:%d: the audit did not count this activity", c.File, c.Line)
		}
		out[i] = Placed{Case: c, Got: a.Category, Rule: a.Rule}
	}
	return out, nil
}
