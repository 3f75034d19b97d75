package salesforcecsv

// Salesforce writes a record's ID in two forms: 15 characters, case
// sensitive (reports, the UI), and 18 characters (the API, Data Loader,
// the Data Export): the 15 and a suffix recording which of their letters
// are capitals, so that a tool that ignores case still tells two records
// apart. The generator and the fixture builders write the 18-character
// form; the connector reads both and writes the 18.

// CaseAlphabet spells the suffix's characters: the mask of a block's
// capitals, A for none, 5 for all.
const CaseAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"

// CaseBlock is how many characters of the 15 each suffix character
// covers.
const CaseBlock = 5

// AppendCaseSuffix appends the suffix of a 15-character ID to b: for
// each block of five characters, the mask of its capitals A–Z (the
// block's first character the lowest bit) spelt in CaseAlphabet. id15
// holds the 15 characters, as a string or bytes.
func AppendCaseSuffix[ID ~string | ~[]byte](b []byte, id15 ID) []byte {
	for block := range 3 {
		mask := 0
		for i := range CaseBlock {
			if c := id15[block*CaseBlock+i]; c >= 'A' && c <= 'Z' {
				mask |= 1 << i
			}
		}
		b = append(b, CaseAlphabet[mask])
	}
	return b
}

// CaseSuffix is the suffix of a 15-character ID (AppendCaseSuffix).
func CaseSuffix(id15 string) string { return string(AppendCaseSuffix(nil, id15)) }
