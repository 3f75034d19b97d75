package hubspot

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

// The manager mapping's columns, by the names its header may give them.
var (
	hierarchyOwnerColumns   = []string{"owner_email", "owner email", "owner_id", "owner id", "owner"}
	hierarchyManagerColumns = []string{"manager_email", "manager email", "manager_id", "manager id", "manager"}
)

// mappingRow is a row of the manager mapping being read.
type mappingRow struct {
	owner, manager       string
	ownerCol, managerCol string
	line                 int64
}

// readHierarchy reads the manager mapping: the file the hierarchy option
// names, else owner-managers.csv in the export. Its rows become managers
// of the owners, not records: each is skipped once applied, or rejected.
func (run *readRun) readHierarchy(ctx context.Context) error {
	r, closer, err := run.openHierarchy()
	if err != nil || r == nil {
		return err
	}
	defer closer.Close()
	out := run.w.File(r.Name())
	ownerCol := findColumn(r, hierarchyOwnerColumns)
	managerCol := findColumn(r, hierarchyManagerColumns)
	if ownerCol < 0 || managerCol < 0 {
		return fmt.Errorf("%s line 1: the header must name an owner column (%s) and a manager column (%s); it has %s",
			r.Name(), strings.Join(hierarchyOwnerColumns, ", "), strings.Join(hierarchyManagerColumns, ", "),
			strings.Join(r.Header(), ", "))
	}
	givenAt := map[string]int64{}
	return plugin.ReadRows(ctx, out, plugin.KindUser, r, func(row csvfile.Row) error {
		m := mappingRow{
			owner: strings.TrimSpace(row.Field(ownerCol)), manager: strings.TrimSpace(row.Field(managerCol)),
			ownerCol: r.Header()[ownerCol], managerCol: r.Header()[managerCol], line: row.Line,
		}
		return run.applyMapping(m, givenAt)
	})
}

// openHierarchy opens the manager mapping, or returns nil when there is
// none. The file the option names is outside the export: it is known by
// its path as given.
func (run *readRun) openHierarchy() (*csvfile.Reader, io.Closer, error) {
	opts := csvfile.Options{Encoding: run.opts.encoding, Sniff: true}
	if p := run.opts.hierarchyPath; p != "" {
		f, err := os.Open(p)
		if err != nil {
			return nil, nil, fmt.Errorf("option %s: %w", optionHierarchy, err)
		}
		info, err := f.Stat()
		if err != nil {
			_ = f.Close()
			return nil, nil, fmt.Errorf("option %s: %w", optionHierarchy, err)
		}
		r, err := csvfile.NewReader(f, p, info.Size(), opts)
		if err != nil {
			_ = f.Close()
			return nil, nil, err
		}
		return r, f, nil
	}
	if run.inv.hierarchy == nil {
		return nil, nil, nil
	}
	r, err := csvfile.Open(run.src, *run.inv.hierarchy, opts)
	return r, r, err
}

func findColumn(r *csvfile.Reader, names []string) int {
	for _, n := range names {
		if i := r.Column(n); i >= 0 {
			return i
		}
	}
	return -1
}

// applyMapping records one owner's manager.
func (run *readRun) applyMapping(m mappingRow, givenAt map[string]int64) error {
	if m.owner == "" {
		return &plugin.RowError{Field: m.ownerCol, Reason: "empty: the row names no owner"}
	}
	if run.owners.empty() {
		return plugin.Skip(skipHierarchyNoOwner)
	}
	owner, ok := run.owners.lookup(m.owner)
	if !ok {
		return &plugin.RowError{Field: m.ownerCol, Reason: fmt.Sprintf("%q is not among the owners (by ID, e-mail or full name)", m.owner)}
	}
	if line, dup := givenAt[owner]; dup {
		return &plugin.RowError{Field: m.ownerCol, Reason: fmt.Sprintf("%q already has a manager, from line %d", m.owner, line)}
	}
	if m.manager == "" {
		givenAt[owner] = m.line
		return plugin.Skip(skipHierarchyRow) // the top of the hierarchy
	}
	manager, ok := run.owners.lookup(m.manager)
	switch {
	case !ok:
		return &plugin.RowError{Field: m.managerCol, Reason: fmt.Sprintf("%q is not among the owners (by ID, e-mail or full name)", m.manager)}
	case manager == owner:
		return &plugin.RowError{Field: m.managerCol, Reason: fmt.Sprintf("%q is given as their own manager", m.manager)}
	}
	givenAt[owner] = m.line
	run.managers[owner] = manager
	return plugin.Skip(skipHierarchyRow)
}
