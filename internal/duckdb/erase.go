package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
)

// Erased says what ErasePerson removed.
type Erased struct {
	// People are the user rows of the person (one per source that knows
	// them); Activities those they owned, with their attendees;
	// Attendances their attendance of others' activities.
	People, Activities, Attendances int64
	// Redacted are the values elsewhere that quoted the person (a manager
	// or owner ID, an e-mail, the name in a subject or a rejected line),
	// now "[erased]" or empty.
	Redacted int64
}

// erasedMark stands where an erased person was quoted in a text.
const erasedMark = "[erased]"

// ErasePerson erases a person from the database (the right to erasure):
// the users whose ID or e-mail is who, in every source; the activities
// they own with their attendees; their attendance of other activities
// (by user ID or e-mail); their ID as another user's manager or as an
// account's or deal's owner (now empty); and their ID, e-mail and full
// name wherever another text quotes them (subjects, names, rejected raw
// lines). It fails, changing nothing, when no user and no attendee is who.
func (db *DB) ErasePerson(ctx context.Context, who string) (Erased, error) {
	who = strings.TrimSpace(who)
	if who == "" {
		return Erased{}, fmt.Errorf("erasing a person: give their user ID or e-mail")
	}
	if err := db.dataChanged(); err != nil {
		return Erased{}, err
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return Erased{}, err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return Erased{}, err
	}
	defer tx.Rollback()
	e := eraser{ctx: ctx, tx: tx}
	out, err := e.erase(who)
	if err != nil {
		return Erased{}, err
	}
	if err := tx.Commit(); err != nil {
		return Erased{}, fmt.Errorf("erasing %s: %w", who, err)
	}
	return out, nil
}

// erasedPeopleSQL finds the users who are the person: those whose ID or
// e-mail is who ($1), and, through their address, their rows in the
// other sources (the user a calendar made of them, "Byrne, Ciara"), as
// the audit merges people across sources. Only an address that names one
// user in every source holding it is a person's own: a team mailbox
// several users share names none of them, so it is kept as no one's
// address here (email NULL) and erasing one of its users by ID leaves the
// others, their attendances by it and the address where they are quoted.
const erasedPeopleSQL = `CREATE TEMP TABLE erased_people AS
WITH direct AS (
    SELECT source, id, name, lower(email) AS email FROM users WHERE id = $1 OR lower(email) = lower($1)
),
personal AS (
    SELECT email
    FROM (SELECT source, lower(email) AS email, count(*) AS holders FROM users
          WHERE nullif(trim(email), '') IS NOT NULL GROUP BY ALL)
    GROUP BY email
    HAVING max(holders) = 1
)
SELECT source, id, name, CASE WHEN email IN (SELECT email FROM personal) THEN email END AS email FROM direct
UNION
SELECT source, id, name, lower(email) FROM users
WHERE lower(email) IN (SELECT email FROM direct) AND lower(email) IN (SELECT email FROM personal)`

type eraser struct {
	ctx context.Context
	tx  *sql.Tx
}

// erase runs the erasure in the transaction.
func (e eraser) erase(who string) (Erased, error) {
	var out Erased
	if _, err := e.tx.ExecContext(e.ctx, erasedPeopleSQL, who); err != nil {
		return out, fmt.Errorf("finding %s: %w", who, err)
	}
	defer e.tx.ExecContext(e.ctx, "DROP TABLE IF EXISTS erased_people")
	people, err := e.count("SELECT count(*) FROM erased_people")
	if err != nil {
		return out, err
	}
	attendee, err := e.count("SELECT count(*) FROM activity_attendees WHERE lower(email) = lower($1)", who)
	if err != nil {
		return out, err
	}
	if people == 0 && attendee == 0 {
		return out, fmt.Errorf("no user or attendee has the ID or e-mail %q", who)
	}
	out.People = people
	steps := []struct {
		into *int64
		stmt string
		args []any
	}{
		{nil, `DELETE FROM activity_attendees WHERE (source, activity_id) IN
			(SELECT a.source, a.id FROM activities AS a JOIN erased_people AS p ON p.source = a.source AND p.id = a.owner_id)`, nil},
		{&out.Activities, `DELETE FROM activities WHERE (source, owner_id) IN (SELECT source, id FROM erased_people)`, nil},
		{&out.Attendances, `DELETE FROM activity_attendees WHERE (source, user_id) IN (SELECT source, id FROM erased_people)
			OR lower(email) IN (SELECT email FROM erased_people) OR lower(email) = lower($1)`, []any{who}},
		{&out.Redacted, `UPDATE users SET manager_id = NULL WHERE (source, manager_id) IN (SELECT source, id FROM erased_people)`, nil},
		{&out.Redacted, `UPDATE accounts SET owner_id = NULL WHERE (source, owner_id) IN (SELECT source, id FROM erased_people)`, nil},
		{&out.Redacted, `UPDATE opportunities SET owner_id = NULL WHERE (source, owner_id) IN (SELECT source, id FROM erased_people)`, nil},
		{nil, `DELETE FROM users WHERE (source, id) IN (SELECT source, id FROM erased_people)`, nil},
	}
	for _, s := range steps {
		res, err := e.tx.ExecContext(e.ctx, s.stmt, s.args...)
		if err != nil {
			return out, fmt.Errorf("erasing %s: %w", who, err)
		}
		if n, _ := res.RowsAffected(); s.into != nil {
			*s.into += n
		}
	}
	redacted, err := e.redactQuotes(who)
	out.Redacted += redacted
	if err != nil {
		return out, err
	}
	redacted, err = e.redactNameParts()
	out.Redacted += redacted
	if err != nil {
		return out, err
	}
	// Checked, not assumed: a column added to the store later is searched
	// too.
	left, err := textColumnsHolding(e.ctx, e.tx, who)
	if err == nil && len(left) > 0 {
		err = fmt.Errorf("erasing %s: still quoted in %s; nothing was changed", who, strings.Join(left, ", "))
	}
	return out, err
}

// queryer is what textColumnsHolding reads with: the database or a
// transaction on it.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// TextColumnsHolding lists, as table.column, the text columns of the
// database's tables with a value containing s in any case: to check that
// a text (an erased person, a private event's subject) is nowhere.
func (db *DB) TextColumnsHolding(ctx context.Context, s string) ([]string, error) {
	return textColumnsHolding(ctx, db.sql, s)
}

func textColumnsHolding(ctx context.Context, q queryer, s string) ([]string, error) {
	columns, err := textColumns(ctx, q)
	if err != nil {
		return nil, err
	}
	var found []string
	for _, c := range columns {
		var n int64
		stmt := fmt.Sprintf("SELECT count(*) FROM %s WHERE contains(lower(%s), lower(?))", quoteIdentifier(c.table), quoteIdentifier(c.column))
		if err := q.QueryRowContext(ctx, stmt, s).Scan(&n); err != nil {
			return nil, fmt.Errorf("searching %s.%s: %w", c.table, c.column, err)
		}
		if n > 0 {
			found = append(found, c.table+"."+c.column)
		}
	}
	return found, nil
}

func (e eraser) count(query string, args ...any) (int64, error) {
	var n int64
	if err := e.tx.QueryRowContext(e.ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("erasing: %w", err)
	}
	return n, nil
}

// redactQuotes replaces, in every text column of every table, the erased
// people's IDs, e-mails and full names (and who itself), without regard to
// case, by erasedMark.
func (e eraser) redactQuotes(who string) (int64, error) {
	terms, err := e.quotedTerms(who)
	if err != nil {
		return 0, err
	}
	columns, err := textColumns(e.ctx, e.tx)
	if err != nil {
		return 0, err
	}
	return e.replaceIn(columns, "(?i)("+strings.Join(terms, "|")+")", erasedMark)
}

// replaceIn replaces, in the columns, every match of pattern by
// replacement (where \1… are the pattern's groups), and counts the
// values changed.
func (e eraser) replaceIn(columns []tableColumn, pattern, replacement string) (int64, error) {
	var total int64
	for _, c := range columns {
		stmt := fmt.Sprintf(`UPDATE %s SET %s = regexp_replace(%[2]s, $1, $2, 'g') WHERE regexp_matches(%[2]s, $1)`,
			quoteIdentifier(c.table), quoteIdentifier(c.column))
		res, err := e.tx.ExecContext(e.ctx, stmt, pattern, replacement)
		if err != nil {
			return total, fmt.Errorf("erasing quotes in %s.%s: %w", c.table, c.column, err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// quotedTerms are the regular expressions of what quotes the erased
// people: their IDs, e-mails and names of three letters or more.
func (e eraser) quotedTerms(who string) ([]string, error) {
	rows, err := e.tx.QueryContext(e.ctx, "SELECT id, coalesce(name, ''), coalesce(email, '') FROM erased_people")
	if err != nil {
		return nil, fmt.Errorf("erasing: %w", err)
	}
	defer rows.Close()
	terms := []string{regexp.QuoteMeta(who)}
	for rows.Next() {
		var id, name, email string
		if err := rows.Scan(&id, &name, &email); err != nil {
			return nil, err
		}
		for _, t := range []string{id, name, email} {
			if len([]rune(strings.TrimSpace(t))) >= 3 {
				terms = append(terms, regexp.QuoteMeta(strings.TrimSpace(t)))
			}
		}
	}
	return terms, rows.Err()
}

// freeTextColumns are the texts people write in passing, where a person
// is named by a first or last name alone ("One-on-one with Ciara"), and
// the rejected lines and reasons that quote them.
var freeTextColumns = []tableColumn{
	{"activities", "subject"}, {"opportunities", "name"}, {"rejects", "raw"}, {"rejects", "reason"},
}

// redactNameParts replaces, in the free-text columns, each word of an
// erased person's name standing as a word of its own ("One-on-one with
// Ciara"), as the name writes it or in capitals. Not every word of a
// name names its person alone, and an erasure must not take what is
// someone else's, so a word is left where it is a particle (van, der,
// de la…), shorter than three letters, or a word of the name of someone
// the database still holds (another Ana). It is matched with its capital:
// a name that is also a word ("Will", "Mark") stays where it is the word
// ("will call"). Nor is it done in the other columns: a first name is part
// of other people's e-mails and IDs, which must stay whole. The pass runs
// twice, as a word ending one match ("Byrne Ciara") is the boundary the
// next one needs.
func (e eraser) redactNameParts() (int64, error) {
	parts, err := e.nameParts()
	if err != nil || len(parts) == 0 {
		return 0, err
	}
	pattern := `(^|[^\pL\pN])(` + strings.Join(parts, "|") + `)($|[^\pL\pN])`
	var total int64
	for range 2 {
		n, err := e.replaceIn(freeTextColumns, pattern, `\1`+erasedMark+`\3`)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// nameParticles are the words of names that name no one: the particles
// of Dutch, German, Romance and Arabic family names.
var nameParticles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "del": true, "della": true, "dos": true, "das": true,
	"ter": true, "ten": true, "zum": true, "zur": true, "bin": true, "ibn": true, "bint": true, "abu": true,
}

// nameParts are the words of the erased people's names that name them
// alone (see redactNameParts), each as written and in capitals, as
// regular expressions.
func (e eraser) nameParts() ([]string, error) {
	names, err := e.names("SELECT coalesce(list(DISTINCT name), []) FROM erased_people WHERE name IS NOT NULL")
	if err != nil {
		return nil, err
	}
	others, err := e.names(`SELECT coalesce(list(DISTINCT name), [])
		FROM (SELECT name FROM users UNION SELECT name FROM activity_attendees) WHERE name IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	shared := map[string]bool{}
	for _, name := range others {
		for _, w := range nameWords(name) {
			shared[strings.ToLower(w)] = true
		}
	}
	seen := map[string]bool{}
	var parts []string
	for _, name := range names {
		for _, w := range nameWords(name) {
			lower := strings.ToLower(w)
			if len([]rune(w)) < 3 || nameParticles[lower] || shared[lower] {
				continue
			}
			for _, form := range []string{w, strings.ToUpper(w)} {
				if !seen[form] {
					seen[form] = true
					parts = append(parts, regexp.QuoteMeta(form))
				}
			}
		}
	}
	return parts, nil
}

// nameWords are the words of a name: "Byrne-Walsh, Ciara" is Byrne,
// Walsh and Ciara.
func nameWords(name string) []string {
	return strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == ',' || r == '-' })
}

// names are the names a query gives as one list: people's names are
// few enough to read at once.
func (e eraser) names(query string) ([]string, error) {
	var list []any
	if err := e.tx.QueryRowContext(e.ctx, query).Scan(&list); err != nil {
		return nil, fmt.Errorf("erasing: %w", err)
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		if name, ok := v.(string); ok {
			out = append(out, name)
		}
	}
	return out, nil
}

type tableColumn struct{ table, column string }

// textColumns are the VARCHAR columns of the database's own tables.
func textColumns(ctx context.Context, q queryer) ([]tableColumn, error) {
	rows, err := q.QueryContext(ctx, `SELECT table_name, column_name FROM duckdb_columns()
		WHERE database_name = current_database() AND schema_name = 'main' AND data_type = 'VARCHAR' AND NOT internal
		ORDER BY table_name, column_index`)
	if err != nil {
		return nil, fmt.Errorf("listing text columns: %w", err)
	}
	defer rows.Close()
	var out []tableColumn
	for rows.Next() {
		var c tableColumn
		if err := rows.Scan(&c.table, &c.column); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
