package audit

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/queries"
)

// Every category belongs to a role of the vocabulary (but Unclassified, to
// none), and every role has a category: time can only be split into roles
// through their categories.
func TestEveryCategoryHasARoleAndEveryRoleACategory(t *testing.T) {
	counted := map[string]int{}
	for _, c := range Categories {
		role := RoleOf(c)
		switch {
		case c == Unclassified && role != "":
			t.Errorf("%s belongs to role %q", c, role)
		case c != Unclassified && !slices.Contains(Roles, role):
			t.Errorf("category %s has role %q, which is not one of %v", c, role, Roles)
		}
		counted[role]++
	}
	for _, role := range Roles {
		if counted[role] == 0 {
			t.Errorf("role %s has no category", role)
		}
	}
}

// sqlCategoryLiterals find where the SQL gives a category or role column
// string literals: it compares them (category IN ('coaching',
// 'field_coaching'), role = 'business') or falls back on one
// (coalesce(cl.category, 'unclassified')). They leave out parameters
// ($category) and JSON keys ('category': category).
var sqlCategoryLiterals = []*regexp.Regexp{
	regexp.MustCompile(`(?i)(?:^|[^$\w.'])(?:\w+\.)?(category|role)\s*(?:=|<>|!=|\bIN\s*\()\s*('[^']*'(?:\s*,\s*'[^']*')*)`),
	regexp.MustCompile(`(?i)\bcoalesce\(\s*(?:\w+\.)?(category|role)\s*,\s*('[^']*')`),
}

var sqlLiteral = regexp.MustCompile(`'([^']*)'`)

// The SQL keeps its own literals for categories and roles; each must be a
// name of the vocabulary, or a rule would count no time at all after a
// category was renamed.
func TestTheSQLNamesOnlyKnownCategories(t *testing.T) {
	roles := append(slices.Clone(Roles), Unclassified)
	found := 0
	err := fs.WalkDir(queries.Audit, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".sql") {
			return err
		}
		text, err := fs.ReadFile(queries.Audit, path)
		if err != nil {
			return err
		}
		for _, pattern := range sqlCategoryLiterals {
			for _, m := range pattern.FindAllStringSubmatch(string(text), -1) {
				known, what := Categories, "categories"
				if strings.EqualFold(m[1], "role") {
					known, what = roles, "roles"
				}
				for _, lit := range sqlLiteral.FindAllStringSubmatch(m[2], -1) {
					found++
					if !slices.Contains(known, lit[1]) {
						t.Errorf("%s: %q is none of the %s: %s", path, lit[1], what, strings.Join(known, ", "))
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The rules name categories in some thirty places; far fewer means the
	// pattern no longer sees how the SQL is written.
	if found < 25 {
		t.Errorf("found %d category and role literals in the SQL; the scan has gone blind", found)
	}
}
