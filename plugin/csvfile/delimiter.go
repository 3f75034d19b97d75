package csvfile

// sniffMax bounds how much of the header line is read to sniff the
// delimiter: a header is within it in any real export (a Salesforce object
// with hundreds of custom fields has a header of some 20 KB).
const sniffMax = 64 << 10

// SniffComma is the field delimiter of a file whose text starts with head:
// the comma, unless the header line, split outside double quotes, has more
// fields with the semicolon or the tab. Excel saves "CSV" with semicolons
// in every locale whose decimal separator is the comma (German, French,
// Dutch, …) and "Unicode text" with tabs; a header names one column per
// field and rarely holds a delimiter inside a name, so the one that splits
// it most is the file's. A tie is the comma's, the CSV default.
func SniffComma(head []byte) rune {
	var commas, semicolons, tabs int
	quoted := false
scan:
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			break scan
		case c == ',':
			commas++
		case c == ';':
			semicolons++
		case c == '\t':
			tabs++
		}
	}
	switch {
	case semicolons > commas && semicolons >= tabs:
		return ';'
	case tabs > commas && tabs > semicolons:
		return '\t'
	}
	return ','
}
