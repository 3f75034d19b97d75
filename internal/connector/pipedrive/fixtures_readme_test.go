package pipedrive

// fixturesReadme is testdata/pipedrive/README.md.
const fixturesReadme = `# Pipedrive fixtures

Written by the generator in internal/connector/pipedrive (fixtures_*_test.go);
do not edit by hand. Regenerate with

    go test ./internal/connector/pipedrive -run TestRegenerateFixtures -regen

The company is fictional: Meridian Fleet Software, 15 Pipedrive users (a head
of sales, three sales managers, their reps, one rep who left in November 2024,
a sales operations admin), 28 organizations, 56 persons, their deals and the
activities of October 2024 to mid-February 2025, with subjects in English,
Dutch, German, French, Spanish and Portuguese. All times are UTC.

- api/: API v1 responses saved as files: users.json (GET /v1/users),
  organizationFields.json, stages.json, organizations.json, persons.json,
  deals.json and activities-0.json, activities-100.json... (pages of 100), plus
  user-managers.csv, the hierarchy (Pipedrive users have no manager field).
  One deal and one activity are deleted (skipped by the connector). The Tier
  and Annual revenue organization fields are custom fields (hash keys); read
  them with org_tier_field=Tier and org_revenue_field="Annual revenue".
- api-v2.zip: the same company as API v2 responses (owner_id, boolean done,
  ISO 8601 times, custom_fields) with the v1 users and organization fields,
  zipped.
- csv/: the same company as exported from the web app: organizations-*.csv,
  people-*.csv, deals-*.csv and activities-*.csv, with users.json and
  user-managers.csv beside them. activities-dec-feb-edited.csv was opened in a
  spreadsheet and saved again: Windows-1252, CRLF, serial dates (days since
  1899-12-30: 45631 is 2024-12-05), times as h:mm.
- broken/: bad values among good rows, in API pages and CSV files, each of
  which the connector must reject naming its file, line and field.
`
