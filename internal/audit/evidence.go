package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Evidence is the records behind a finding: a small table whose columns
// keep the order the rule's SQL gave them.
type Evidence struct {
	Columns []string
	Rows    [][]any
}

// parseEvidence reads the JSON array of objects a rule returns, keeping
// the objects' key order as the column order.
func parseEvidence(text string) (Evidence, error) {
	var ev Evidence
	if text == "" || text == "null" {
		return ev, nil
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if err := expectDelim(dec, '['); err != nil {
		return ev, err
	}
	index := map[string]int{}
	for dec.More() {
		row, err := readObject(dec, index, &ev.Columns)
		if err != nil {
			return ev, err
		}
		ev.Rows = append(ev.Rows, row)
	}
	for i := range ev.Rows {
		for len(ev.Rows[i]) < len(ev.Columns) {
			ev.Rows[i] = append(ev.Rows[i], nil)
		}
	}
	return ev, expectDelim(dec, ']')
}

func readObject(dec *json.Decoder, index map[string]int, columns *[]string) ([]any, error) {
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	row := make([]any, len(*columns))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var value any
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		col, ok := index[key]
		if !ok {
			col = len(*columns)
			index[key] = col
			*columns = append(*columns, key)
		}
		for len(row) <= col {
			row = append(row, nil)
		}
		row[col] = jsonNumber(value)
	}
	return row, expectDelim(dec, '}')
}

// jsonNumber turns json.Number into int64 or float64.
func jsonNumber(v any) any {
	n, ok := v.(json.Number)
	if !ok {
		return v
	}
	if i, err := n.Int64(); err == nil {
		return i
	}
	f, _ := n.Float64()
	return f
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err == io.EOF {
		return fmt.Errorf("evidence JSON ended early, want %q", want)
	}
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("evidence JSON has %v where %q belongs", tok, want)
	}
	return nil
}

// MarshalJSON writes the evidence as an array of objects, keys in column
// order.
func (e Evidence) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, row := range e.Rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('{')
		for j, col := range e.Columns {
			if j > 0 {
				b.WriteByte(',')
			}
			key, _ := json.Marshal(col)
			val, err := json.Marshal(row[j])
			if err != nil {
				return nil, err
			}
			b.Write(key)
			b.WriteByte(':')
			b.Write(val)
		}
		b.WriteByte('}')
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}
