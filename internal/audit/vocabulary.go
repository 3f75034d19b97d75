package audit

import (
	"unicode"
	"unicode/utf8"

	"github.com/salesaudit/salesaudit/plugin"
)

// The audit's vocabulary: the kinds of activity, the roles a manager's time
// is split into and the categories of each, declared here once (the kinds
// in plugin, where connectors give them). A name is spelt as the
// configuration, the SQL and the JSON report spell it; the words are what a
// report writes for it. The SQL gets the categories and their roles as
// $categories (queries/audit/config.sql); the literals it compares with
// are checked against these names by TestTheSQLNamesOnlyKnownCategories.

// The roles, by name.
const (
	RolePeople   = "people"
	RoleCustomer = "customer"
	RoleBusiness = "business"
	RoleLowValue = "low_value"
)

// The categories, by name.
const (
	CategoryKeyAccount    = "key_account"
	CategoryCustomerOther = "customer_other"
	// CategoryAccountInternal is work about a customer with no customer
	// there: effort on the account (BM2), never a customer touch.
	CategoryAccountInternal = "account_internal"
	CategoryCoaching        = "coaching"
	CategoryFieldCoaching   = "field_coaching"
	CategoryPipelineReview  = "pipeline_review"
	CategoryRecruiting      = "recruiting"
	CategoryTeam            = "team"
	CategoryPlanning        = "planning"
	CategoryHQ              = "hq"
	CategoryAdmin           = "admin"
	CategoryInternalOther   = "internal_other"
)

// Unclassified is the category of the time no classification rule takes,
// and the name its share goes by among the roles: it belongs to no role.
const Unclassified = "unclassified"

type roleTerm struct{ name, label string }

type categoryTerm struct{ name, role, label string }

// roleTerms are the roles in report order, with the words for each.
var roleTerms = []roleTerm{
	{RolePeople, "people management"},
	{RoleCustomer, "customer management"},
	{RoleBusiness, "business management"},
	{RoleLowValue, "low-value work"},
}

// categoryTerms are the categories in report order (not the roles' order:
// customers come first), each with its role and its words.
var categoryTerms = []categoryTerm{
	{CategoryKeyAccount, RoleCustomer, "key accounts"},
	{CategoryCustomerOther, RoleCustomer, "other customers"},
	{CategoryAccountInternal, RoleCustomer, "account work, internal"},
	{CategoryCoaching, RolePeople, "coaching"},
	{CategoryFieldCoaching, RolePeople, "field coaching"},
	{CategoryPipelineReview, RolePeople, "pipeline reviews"},
	{CategoryRecruiting, RolePeople, "recruiting"},
	{CategoryTeam, RolePeople, "team meetings"},
	{CategoryPlanning, RoleBusiness, "planning and forecasting"},
	{CategoryHQ, RoleBusiness, "headquarters and leadership"},
	{CategoryAdmin, RoleLowValue, "admin"},
	{CategoryInternalOther, RoleLowValue, "other internal meetings"},
	{Unclassified, "", "unclassified"},
}

// activityKinds are the kinds a configuration may name, as the YAML spells
// them.
var activityKinds = termNames(plugin.ActivityKinds, func(k plugin.ActivityKind) string { return string(k) })

// ruleRoles are the roles a rule can belong to, in the order rules are
// reported. Low-value work has no rules of its own: BM1 measures it as a
// matter of business management.
var ruleRoles = []string{RoleBusiness, RolePeople, RoleCustomer}

// Roles in report order.
var Roles = termNames(roleTerms, func(t roleTerm) string { return t.name })

// Categories in report order.
var Categories = termNames(categoryTerms, func(t categoryTerm) string { return t.name })

func termNames[T any](terms []T, name func(T) string) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = name(t)
	}
	return out
}

// RoleOf is the role a category belongs to ("" for Unclassified and for a
// name that is no category).
func RoleOf(category string) string {
	for _, t := range categoryTerms {
		if t.name == category {
			return t.role
		}
	}
	return ""
}

// RoleLabel is what a report calls a role: "people management". A name the
// vocabulary lacks (Unclassified among the roles) is its own label.
func RoleLabel(role string) string {
	for _, t := range roleTerms {
		if t.name == role {
			return t.label
		}
	}
	return role
}

// RoleTitle is a role's label as a heading: "People management".
func RoleTitle(role string) string {
	label := RoleLabel(role)
	if label == "" {
		return ""
	}
	first, size := utf8.DecodeRuneInString(label)
	return string(unicode.ToUpper(first)) + label[size:]
}

// CategoryLabel is what a report calls a category: "team meetings". A name
// the vocabulary lacks is its own label.
func CategoryLabel(category string) string {
	for _, t := range categoryTerms {
		if t.name == category {
			return t.label
		}
	}
	return category
}
