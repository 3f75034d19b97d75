package ics

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

// The owners mapping says whose calendar each file is: a CSV file with a
// header and the columns file and email, and optionally name:
//
//	file,email,name
//	outlook-marta.ics,marta.weber@acme-industrial.example,Marta Weber
//
// file is a calendar's name as in the directory or archive (its path
// inside the archive, or just its base name). The mapping is the owners
// option's file, else calendars.csv in the directory or archive.

// mappingRow is one row of the owners mapping.
type mappingRow struct {
	line              int64
	file, email, name string
	raw               string
	// outcome: problem (a reject), skip, or neither (the row is used).
	problem string
	skip    string
}

// ownerMapping is the owners mapping read.
type ownerMapping struct {
	name string // as the user knows the file
	rows []*mappingRow
	// byFile is the row naming each calendar, by normalised file name.
	byFile map[string]*mappingRow
}

// readOwnerMapping reads the owners option's file, else the input's
// calendars.csv; nil when there is neither.
func readOwnerMapping(in *input, owners string) (*ownerMapping, error) {
	f := in.mapping
	if owners != "" {
		info, err := os.Stat(owners)
		if err != nil {
			return nil, fmt.Errorf("option %s: %w", optionOwners, err)
		}
		f = &inputFile{name: filepath.Base(owners), size: info.Size(), open: func() (io.ReadCloser, error) { return os.Open(owners) }}
	}
	if f == nil {
		return nil, nil
	}
	m, err := readMappingFile(*f)
	if err != nil {
		return nil, fmt.Errorf("reading the owners mapping %s: %w", f.name, err)
	}
	m.resolve(in)
	return m, nil
}

func readMappingFile(f inputFile) (*ownerMapping, error) {
	rc, err := f.open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	r, err := csvfile.NewReader(rc, f.name, f.size, csvfile.Options{})
	if err != nil {
		return nil, err
	}
	fileCol, emailCol, nameCol := r.Column("file"), r.Column("email"), r.Column("name")
	if fileCol < 0 || emailCol < 0 {
		return nil, errors.New("it needs a header with the columns file and email (and optionally name)")
	}
	m := &ownerMapping{name: f.name, byFile: map[string]*mappingRow{}}
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return m, nil
		}
		var malformed *csvfile.RowError
		if errors.As(err, &malformed) {
			m.rows = append(m.rows, &mappingRow{line: malformed.Line, raw: malformed.Raw, problem: malformed.Reason})
			continue
		}
		if err != nil {
			return nil, err
		}
		m.rows = append(m.rows, newMappingRow(row, fileCol, emailCol, nameCol))
	}
}

func newMappingRow(row csvfile.Row, fileCol, emailCol, nameCol int) *mappingRow {
	mr := &mappingRow{
		line:  row.Line,
		file:  strings.TrimSpace(row.Field(fileCol)),
		email: normaliseEmail(row.Field(emailCol)),
		name:  strings.TrimSpace(row.Field(nameCol)),
		raw:   row.Raw(),
	}
	switch {
	case mr.file == "":
		mr.problem = "the file column is empty"
	case mr.email == "":
		mr.problem = fmt.Sprintf("%q is not an e-mail address", strings.TrimSpace(row.Field(emailCol)))
	}
	return mr
}

// resolve matches the rows to the input's calendars: a row for a file the
// input lacks is skipped, a second row for the same file rejected.
func (m *ownerMapping) resolve(in *input) {
	calendars := map[string]string{}
	for _, f := range in.calendars {
		calendars[fileKey(f.name)] = f.name
		if _, taken := calendars[baseKey(f.name)]; !taken {
			calendars[baseKey(f.name)] = f.name
		}
	}
	for _, row := range m.rows {
		if row.problem != "" {
			continue
		}
		name, ok := calendars[fileKey(row.file)]
		if !ok {
			row.skip = "names a calendar file the input does not hold"
			continue
		}
		if first, dup := m.byFile[fileKey(name)]; dup {
			row.problem = fmt.Sprintf("%s is already given an owner at line %d", row.file, first.line)
			continue
		}
		m.byFile[fileKey(name)] = row
	}
}

// ownerOf is the mapped owner of a calendar file, if any.
func (m *ownerMapping) ownerOf(file string) (*mappingRow, bool) {
	if m == nil {
		return nil, false
	}
	row, ok := m.byFile[fileKey(file)]
	return row, ok
}

func fileKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(filepath.ToSlash(strings.TrimSpace(name)), "./"))
}

func baseKey(name string) string { return path.Base(fileKey(name)) }

// Owner inference, when the mapping does not name a file's owner, tries in
// turn: the calendar's X-OWNER; its X-WR-CALNAME when it is an e-mail
// (Google's primary calendar) or the CN of one of its people (Apple, and
// Google when the account's name is the calendar's); an e-mail in the
// file's name (Google Takeout names files after the account); the one
// e-mail on most of its events (at least half, and more than any other).
//
// Names are compared as people write them differently: Unicode
// normalised (a name typed on a Mac may come decomposed), case and spaces
// folded, and "Ortega, Inés" taken as "Inés Ortega". A name given to two
// different e-mails in the file names neither, and a name nobody in the
// file has names no one: the owner is never guessed.

// ownerEvidence is what one calendar file says about its owner.
type ownerEvidence struct {
	file        string
	xOwner      string
	calName     string
	events      int            // VEVENTs that name people
	appearances map[string]int // e-mail -> VEVENTs naming it
	names       map[string]string
}

// inferredOwner is a file's owner and how it was found, or why it could not
// be.
type inferredOwner struct {
	email   string
	how     string
	problem string
}

var emailInText = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+`)

func (ev *ownerEvidence) infer() inferredOwner {
	if ev.xOwner != "" {
		return inferredOwner{email: ev.xOwner, how: "X-OWNER"}
	}
	if email := normaliseEmail(ev.calName); email != "" {
		return inferredOwner{email: email, how: "X-WR-CALNAME"}
	}
	if email, ok := ev.calNameOwner(); ok {
		return inferredOwner{email: email, how: "X-WR-CALNAME matching an attendee's name"}
	}
	base := strings.TrimSuffix(path.Base(filepath.ToSlash(ev.file)), path.Ext(ev.file))
	if email := normaliseEmail(emailInText.FindString(base)); email != "" {
		return inferredOwner{email: email, how: "the file's name"}
	}
	return ev.mostFrequent()
}

func (ev *ownerEvidence) mostFrequent() inferredOwner {
	type count struct {
		email string
		n     int
	}
	var counts []count
	for email, n := range ev.appearances {
		counts = append(counts, count{email, n})
	}
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].n != counts[j].n {
			return counts[i].n > counts[j].n
		}
		return counts[i].email < counts[j].email
	})
	if len(counts) > 0 && counts[0].n*2 >= ev.events && (len(counts) == 1 || counts[0].n > counts[1].n) {
		return inferredOwner{email: counts[0].email, how: fmt.Sprintf("on %d of its %d events with attendees", counts[0].n, ev.events)}
	}
	var seen []string
	for i, c := range counts {
		if i == 3 {
			break
		}
		seen = append(seen, fmt.Sprintf("%s on %d", c.email, c.n))
	}
	evidence := "none of its events names anyone"
	if len(seen) > 0 {
		evidence = fmt.Sprintf("no e-mail is on most of its %d events with attendees (%s)", ev.events, strings.Join(seen, ", "))
	}
	return inferredOwner{problem: fmt.Sprintf(
		"cannot tell whose calendar %s is: it has no X-OWNER, no X-WR-CALNAME naming a person, no e-mail in its name, and %s; "+
			"name its owner in %s (columns file,email) or the %s option", ev.file, evidence, mappingFileName, optionOwners)}
}

// ambiguousName marks a name the file gives to several e-mails.
const ambiguousName = "\x00ambiguous"

// seeName records that a person of the file goes by name.
func (ev *ownerEvidence) seeName(name, email string) {
	for _, key := range nameKeys(name) {
		if known, seen := ev.names[key]; seen && known != email {
			ev.names[key] = ambiguousName
			continue
		}
		ev.names[key] = email
	}
}

// calNameOwner is the one person of the file whose name the calendar
// bears.
func (ev *ownerEvidence) calNameOwner() (string, bool) {
	for _, key := range nameKeys(ev.calName) {
		if email, ok := ev.names[key]; ok && email != ambiguousName {
			return email, true
		}
	}
	return "", false
}

// nameKeys are the forms a person's name is compared in: folded, and for
// "Last, First" also "first last".
func nameKeys(name string) []string {
	folded := foldName(name)
	if folded == "" {
		return nil
	}
	keys := []string{folded}
	if last, first, ok := strings.Cut(folded, ","); ok && !strings.Contains(first, ",") {
		if swapped := foldName(first + " " + last); swapped != "" {
			keys = append(keys, swapped)
		}
	}
	return keys
}

func foldName(name string) string {
	name = norm.NFC.String(strings.Trim(strings.TrimSpace(name), `"`))
	return strings.Join(strings.Fields(strings.ToLower(name)), " ")
}
