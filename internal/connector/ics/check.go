package ics

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// checkConfidence is how sure the connector is of files that begin with
// BEGIN:VCALENDAR: the format names itself, no other connector reads it.
const checkConfidence = 95

// sniffBytes is how much of a file Check looks at for BEGIN:VCALENDAR.
const sniffBytes = 4 << 10

// check accepts a .ics file, or a directory or .zip holding some, that
// begins with BEGIN:VCALENDAR. Anything else is refused with the reason.
func check(ctx context.Context, path string) (plugin.CheckResult, error) {
	in, err := openInput(path)
	if err != nil {
		return plugin.Refuse(openRefusal(path, err)), nil
	}
	defer in.Close()
	var files []plugin.FileMatch
	var notCalendars []string
	for _, f := range in.calendars {
		if err := ctx.Err(); err != nil {
			return plugin.CheckResult{}, err
		}
		events, ok, err := countEvents(f)
		if err != nil {
			return plugin.Refuse(fmt.Sprintf("cannot read %s: %v", f.name, err)), nil
		}
		if !ok {
			notCalendars = append(notCalendars, f.name)
			continue
		}
		files = append(files, plugin.FileMatch{File: f.name, Kind: plugin.KindActivity, SizeBytes: f.size, EstimatedRows: events})
	}
	if len(files) == 0 {
		if len(notCalendars) > 0 {
			return plugin.Refuse(fmt.Sprintf("%s does not begin with BEGIN:VCALENDAR: not an iCalendar file", strings.Join(notCalendars, ", "))), nil
		}
		return plugin.Refuse("no .ics file: the iCalendar connector reads calendar exports (.ics)"), nil
	}
	if in.mapping != nil {
		files = append(files, plugin.FileMatch{File: in.mapping.name, Kind: plugin.KindUser, SizeBytes: in.mapping.size})
	}
	return plugin.CheckResult{
		Accepted:   true,
		Reason:     fmt.Sprintf("iCalendar files: %s", describeFiles(files)),
		Confidence: checkConfidence,
		Files:      files,
	}, nil
}

func openRefusal(path string, err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("%s does not exist", path)
	}
	if errors.Is(err, export.ErrNotExport) {
		return fmt.Sprintf("%s is not an .ics file, a directory or a .zip archive", path)
	}
	return fmt.Sprintf("cannot open %s: %v", path, err)
}

// countEvents says whether a file begins with BEGIN:VCALENDAR (after a BOM
// and blank lines) and counts its BEGIN:VEVENT lines.
func countEvents(f inputFile) (events int64, isCalendar bool, err error) {
	rc, err := f.open()
	if err != nil {
		return 0, false, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, sniffBytes)
	head, _ := br.Peek(sniffBytes)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if !bytes.HasPrefix(bytes.ToUpper(head[:min(len(head), 15)]), []byte("BEGIN:VCALENDAR")) {
		return 0, false, nil
	}
	scanner := bufio.NewScanner(br)
	scanner.Buffer(make([]byte, 64<<10), 1<<20)
	for scanner.Scan() {
		if keyword, name := delimiter(scanner.Text()); keyword == "BEGIN" && name == "VEVENT" {
			events++
		}
	}
	if err := scanner.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) && !errors.Is(err, io.EOF) {
		return 0, false, err
	}
	return events, true, nil
}

func describeFiles(files []plugin.FileMatch) string {
	names := make([]string, len(files))
	for i, f := range files {
		if f.Kind == plugin.KindUser {
			names[i] = f.File + " (owners)"
			continue
		}
		names[i] = fmt.Sprintf("%s (%d events)", f.File, f.EstimatedRows)
	}
	return strings.Join(names, ", ")
}
