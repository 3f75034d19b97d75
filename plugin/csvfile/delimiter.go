package csvfile

// sniffMax bounds how much of the header line is read to sniff the
// delimiter: a header is within it in any real export (a Salesforce object
// with hundreds of custom fields has a header of some 20 KB).
const sniffMax = 64 << 10

// sniffedCommas are the delimiters SniffComma tells apart, the comma
// first: it wins a tie.
var sniffedCommas = []byte{',', ';', '\t', '|'}

// SniffComma is the field delimiter of a file whose text starts with head:
// the one of the comma, the semicolon, the tab and the vertical bar that
// splits the header line, outside double quotes, into the most fields;
// the comma on a tie or when there is none. Excel saves "CSV" with
// semicolons in every locale whose decimal separator is the comma
// (German, French, Dutch, …) and "Unicode text" with tabs, and some
// systems export with bars; a header names one column per field and
// rarely holds a delimiter inside a name, so the one that splits it most
// is the file's.
func SniffComma(head []byte) rune {
	var counts [256]int
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if c == '\n' && !quoted {
			break
		}
		if !quoted {
			counts[c]++
		}
	}
	best := sniffedCommas[0]
	for _, d := range sniffedCommas[1:] {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return rune(best)
}
