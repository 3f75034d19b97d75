package connectortest

// The saved API pages the generators write share their JSON writing here.
// The ordered objects their records are made of (obj, kv) stay in each
// connector: go vet wants the literals of another package's struct keyed,
// and the generators write hundreds of them, {"name", value} each.

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// JSON is v as JSON without HTML escaping, as the CRMs' APIs and jq write
// it ("Café & Co", not "Café \u0026 Co").
func JSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("fixture bug: %v", err))
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// IndentJSON is compact JSON as jq prints it, two spaces a level, each
// line but the first starting with prefix.
func IndentJSON(compact []byte, prefix string) []byte {
	var b bytes.Buffer
	if err := json.Indent(&b, compact, prefix, "  "); err != nil {
		panic(fmt.Sprintf("fixture bug: %v", err))
	}
	return b.Bytes()
}

// WriteRecords writes records, each as its compact Text, as the elements
// of a saved page's array of records, the way jq pretty-prints a response
// whose top-level object holds the array; it writes up to the array's
// closing bracket and says on which line of the page each record starts.
// b holds the page up to the array's opening bracket.
func WriteRecords[R interface{ Text() []byte }](b *bytes.Buffer, records []R) (lines []int64) {
	for i, r := range records {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		lines = append(lines, int64(bytes.Count(b.Bytes(), []byte{'\n'}))+1)
		b.Write(IndentJSON(r.Text(), "    "))
	}
	if len(records) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteByte(']')
	return lines
}
