package salesforce

// Salesforce writes a record's ID in two forms: 15 characters, case
// sensitive (reports, the UI, some tools), and 18 characters (the API,
// Data Loader, the Data Export), which are the 15 and a suffix recording
// their case, so that tools that ignore case still tell two records
// apart. One export can mix them: a report's 15-character ManagerId next
// to User.csv's 18-character Id. The connector writes every ID it reads
// in the 18-character form, so that a reference matches its record
// whichever form each file used.

// caseAlphabet spells a block's mask of capitals: A for none, 5 for all.
const caseAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"

const (
	id15Len = 15
	id18Len = 18
	// caseBlock is how many characters of the 15 each suffix character
	// covers.
	caseBlock = 5
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
		return v + caseSuffix(v), true
	case len(v) == id18Len && isBase62(v):
		return restoreCase(v)
	}
	return v, false
}

// caseSuffix is the suffix of a 15-character ID: for each block of five
// characters, the mask of its capitals A–Z (the block's first character
// the lowest bit) spelt in caseAlphabet.
func caseSuffix(id15 string) string {
	var suffix [3]byte
	for block := range suffix {
		mask := 0
		for i := range caseBlock {
			if isUpper(id15[block*caseBlock+i]) {
				mask |= 1 << i
			}
		}
		suffix[block] = caseAlphabet[mask]
	}
	return string(suffix[:])
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
		b[id15Len+block] = caseAlphabet[mask]
		for i := range caseBlock {
			c, capital := &b[block*caseBlock+i], mask&(1<<i) != 0
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
