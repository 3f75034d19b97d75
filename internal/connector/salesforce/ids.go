package salesforce

import "github.com/salesaudit/salesaudit/internal/crmexport/salesforcecsv"

// Salesforce writes a record's ID in two forms: 15 characters, case
// sensitive (reports, the UI, some tools), and 18 characters (the API,
// Data Loader, the Data Export), which are the 15 and a suffix recording
// their case, so that tools that ignore case still tell two records
// apart. One export can mix them: a report's 15-character ManagerId next
// to User.csv's 18-character Id. The connector writes every ID it reads
// in the 18-character form, so that a reference matches its record
// whichever form each file used.

const (
	id15Len = 15
	id18Len = 18
)

// caseSafeID is a Salesforce record ID in its 18-character form, and
// false for a value not shaped like an ID, which it returns as it is.
// A 15-character ID gains its suffix. An 18-character ID takes the case
// its suffix records: a spreadsheet that upper-cased it has not changed
// which record it names, and the suffix says which letters were capitals.
// An 18-character value whose suffix marks a digit as a capital is no
// ID Salesforce wrote, and stays as it is.
func caseSafeID(v string) (string, bool) {
	switch {
	case len(v) == id15Len && isBase62(v):
		return v + salesforcecsv.CaseSuffix(v), true
	case len(v) == id18Len && isBase62(v):
		return restoreCase(v)
	}
	return v, false
}

// restoreCase gives an 18-character ID's first 15 characters the case
// its suffix records, and the suffix its own (capitals and digits).
func restoreCase(id18 string) (string, bool) {
	var b [id18Len]byte
	copy(b[:], id18)
	for block := range 3 {
		mask := suffixMask(id18[id15Len+block])
		if mask < 0 {
			return id18, false
		}
		b[id15Len+block] = salesforcecsv.CaseAlphabet[mask]
		for i := range salesforcecsv.CaseBlock {
			c, capital := &b[block*salesforcecsv.CaseBlock+i], mask&(1<<i) != 0
			switch {
			case isDigit(*c) && capital:
				return id18, false
			case isDigit(*c):
			case capital:
				*c = toUpper(*c)
			default:
				*c = toLower(*c)
			}
		}
	}
	if string(b[:]) == id18 {
		return id18, true // already in its own case: no new string
	}
	return string(b[:]), true
}

// suffixMask reads a suffix character, in either case; -1 if it is none.
func suffixMask(c byte) int {
	switch {
	case isUpper(c) || isLower(c):
		return int(toUpper(c) - 'A')
	case c >= '0' && c <= '5':
		return 26 + int(c-'0')
	}
	return -1
}

func isBase62(v string) bool {
	for i := range len(v) {
		if c := v[i]; !isDigit(c) && !isUpper(c) && !isLower(c) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

func toUpper(c byte) byte {
	if isLower(c) {
		return c - 'a' + 'A'
	}
	return c
}

func toLower(c byte) byte {
	if isUpper(c) {
		return c - 'A' + 'a'
	}
	return c
}
