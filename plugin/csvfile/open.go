package csvfile

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin/export"
)

// Open opens a file of an export as CSV and reads its header.
func Open(src *export.Source, f export.File, opts Options) (*Reader, error) {
	rc, err := src.Open(f)
	if err != nil {
		return nil, err
	}
	r, err := NewReader(rc, f.Name, f.Size, opts)
	if err != nil {
		_ = rc.Close()
		return nil, err
	}
	r.closer = rc
	return r, nil
}

// estimateSample is how much of a file EstimateRows looks at.
const estimateSample = 64 << 10

// EstimateRows guesses the number of data rows in a file from the average
// length of the records in its first 64 KiB. It is exact for small files.
func EstimateRows(src *export.Source, f export.File) (int64, error) {
	sample, err := src.Head(f, estimateSample)
	if err != nil {
		return 0, err
	}
	return estimateRows(sample, f.Size), nil
}

func estimateRows(sample []byte, size int64) int64 {
	whole := int64(len(sample)) >= size
	r := csv.NewReader(bytes.NewReader(sample))
	r.Comma = SniffComma(sample)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	var records, completeBytes int64
	for {
		_, err := r.Read()
		if err != nil {
			break
		}
		// The last record of a cut sample may itself be cut: only
		// records followed by more input are counted.
		if whole || r.InputOffset() < int64(len(sample)) {
			records++
			completeBytes = r.InputOffset()
		}
	}
	if records <= 1 {
		return 0
	}
	if whole {
		return records - 1
	}
	perRecord := float64(completeBytes) / float64(records)
	return max(int64(float64(size)/perRecord)-1, 0)
}

// HasColumns is a sniff for export.FilePattern: a file fits when it is CSV
// whose header has every one of columns (matched as Reader.Column matches
// them), which tells a product's file from another's of the same name.
// what names the export in the reason: "Salesforce export".
func HasColumns(what string, columns ...string) func(*export.Source, export.File) string {
	return func(src *export.Source, f export.File) string {
		r, err := Open(src, f, Options{})
		if err != nil {
			return fmt.Sprintf("%s is not a readable CSV file: %v", f.Name, err)
		}
		defer r.Close()
		var missing []string
		for _, name := range columns {
			if !r.HasColumn(name) {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			return fmt.Sprintf("%s lacks the %s column(s) of a %s", f.Name, strings.Join(missing, ", "), what)
		}
		return ""
	}
}
