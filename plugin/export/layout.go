package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// Layout declares what an export a connector reads looks like: which
// files it holds, how to tell them from a lookalike, which must be there.
// Its Check is the connector's Check, and Read hands the files over in
// order, so that a connector states its files once instead of writing the
// loop over them twice.
type Layout struct {
	// Name names the export in reasons and errors: "Salesforce export".
	Name string
	// Files are the files the connector reads, in reading order.
	Files []FilePattern
	// Require lists what the export must hold; an export without it is
	// refused.
	Require []Requirement
	// NotAnExport ends the refusal of a path that is neither a directory
	// nor a .zip archive, saying what the connector reads instead.
	NotAnExport string
	// Confidence is the Check's confidence in an accepted export, 0 to
	// 100; 90 when zero.
	Confidence int
	// Less, when set, puts the files found in reading order, for Check
	// and Read alike (a stable sort): for files recognised by their
	// content, whose patterns say nothing of the order. Unset, files come
	// in the patterns' order, each pattern's in the export's.
	Less func(a, b Found) bool
	// Judge, when set, refuses an export by what its files hold, with
	// the reason, or lets it be accepted (""): for requirements a
	// pattern's name cannot state ("no activities to audit"). It sees
	// the files found, in reading order, after Required and Require, and
	// before an export with none of the files is refused.
	Judge func(found []Found) string
	// Describe, when set, is the reason and the confidence of an accepted
	// export, instead of "a <Name>: <file> (~<rows> rows), …" and
	// Confidence: for a reason that says what the export lacks, or a
	// confidence that depends on it. It sees the files found and their
	// matches, in reading order.
	Describe func(found []Found, files []plugin.FileMatch) (reason string, confidence int)
}

// FilePattern is one kind of file of an export.
type FilePattern struct {
	// Name matches a file's base name as path.Match does, ignoring case.
	// A name without wildcards names one file, the shallowest of that
	// name (as Source.Find); a pattern with them matches every file.
	Name string
	Kind plugin.RecordKind
	// Sniff, when set, looks into a file of a matching name: "" when it
	// is the connector's, otherwise why not ("User.csv lacks the Id
	// column of a Salesforce export"). A file that does not fit is left
	// out of the Check.
	Sniff func(src *Source, f File) string
	// Required refuses an export without a file of this pattern: "no
	// users.jsonl: not a Closely export". Require states alternatives.
	Required bool
	// MustFit makes a file of this name that does not fit refuse the
	// whole export, with the sniff's reason: for the file that tells the
	// export from another product's.
	MustFit bool
	// Estimate counts or estimates the file's rows for the Check; nil
	// counts lines (EstimateLines).
	Estimate func(src *Source, f File) (int64, error)
	// Recognize, when set, looks into every file of a matching name and
	// says what it holds, for exports whose files are known by their
	// content rather than their names (saved API pages, one product's
	// CSV exports among others'): false leaves the file out of Check and
	// Read alike, as another product's. Unlike Sniff it runs for Read
	// too, which needs to know what each file holds.
	Recognize func(src *Source, f File) (Recognition, bool)
}

// Recognition is what Recognize found a file to hold.
type Recognition struct {
	// Kind is the kind of record the file holds; the pattern's when
	// empty.
	Kind plugin.RecordKind
	// Holds is the connector's own account of the file (which of its
	// objects, in which form), handed back as Found.Holds.
	Holds any
	// Problem, when set, says why a file that is the connector's cannot
	// be read as it is, and what to do about it ("saved with semicolons:
	// save it again with commas"). Such a file is none of Check's files,
	// but Judge and Describe see it (Found.Problem), and Find and Read
	// refuse the export with the problems.
	Problem string
}

// Requirement is a set of files an export must hold one of.
type Requirement struct {
	// AnyOf names FilePatterns by their Name.
	AnyOf []string
	// Missing is the refusal when none is there.
	Missing string
}

// Found is a file of an export with the pattern it matched.
type Found struct {
	File
	Pattern FilePattern
	// Kind is the kind of record the file holds: the pattern's, or what
	// Recognize said.
	Kind plugin.RecordKind
	// Holds is what Recognize said the file holds; nil without it.
	Holds any
	// Problem is why Recognize said the file cannot be read as it is,
	// or why the file cannot be read at all (Unreadable).
	Problem string
	// Unreadable says the file cannot be read at all: it is refused
	// (File.Refused), over an archive's Limits, or damaged. Check refuses
	// the export with the Problem, Find and Read fail with it: a file of
	// the export that cannot be opened is never passed over in silence.
	Unreadable bool
}

// Check says whether the input at path is an export of this layout. An
// input that is not is refused with the reason, never an error, so that
// the host can ask every connector.
func (l Layout) Check(ctx context.Context, p string) (plugin.CheckResult, error) {
	src, err := Open(p)
	if err != nil {
		return plugin.Refuse(OpenRefusal(p, err, l.NotAnExport)), nil
	}
	defer src.Close()
	files, misfit, err := l.find(ctx, src, true)
	if err != nil || misfit != "" {
		return plugin.Refuse(misfit), err
	}
	if problems := unreadable(files); len(problems) > 0 {
		return plugin.Refuse(strings.Join(problems, "; ")), nil
	}
	matches := make([]plugin.FileMatch, 0, len(files))
	found := map[string]bool{}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return plugin.CheckResult{}, err
		}
		if f.Problem != "" {
			continue
		}
		estimate := f.Pattern.Estimate
		if estimate == nil {
			estimate = EstimateLines
		}
		rows, err := estimate(src, f.File)
		if err != nil {
			return plugin.Refuse(fmt.Sprintf("cannot read %s: %v", f.Name, err)), nil
		}
		found[f.Pattern.Name] = true
		matches = append(matches, plugin.FileMatch{File: f.Name, Kind: f.Kind, SizeBytes: f.Size, EstimatedRows: rows})
	}
	if refusal := l.refusal(found, files, len(matches)); refusal != "" {
		return plugin.Refuse(refusal), nil
	}
	if l.Describe != nil {
		reason, confidence := l.Describe(files, matches)
		return plugin.CheckResult{Accepted: true, Reason: reason, Confidence: confidence, Files: matches}, nil
	}
	confidence := l.Confidence
	if confidence == 0 {
		confidence = 90
	}
	return Accept("a "+l.Name, "rows", confidence, matches), nil
}

// refusal is why an export with these files is refused, "" if it is not.
func (l Layout) refusal(found map[string]bool, files []Found, matches int) string {
	for _, fp := range l.Files {
		if fp.Required && !found[fp.Name] {
			return fmt.Sprintf("no %s: not a %s", fp.Name, l.Name)
		}
	}
	for _, req := range l.Require {
		if !anyFound(found, req.AnyOf) {
			return req.Missing
		}
	}
	if l.Judge != nil {
		if refusal := l.Judge(files); refusal != "" {
			return refusal
		}
	}
	if matches == 0 {
		return "none of the files of a " + l.Name + " (" + l.names() + ")"
	}
	return ""
}

// Find lists the files of src the layout reads, recognised and in
// reading order, for a connector that reads the export itself
// (Connector.ReadExport). It does not sniff. A file Recognize found a
// problem with is an error that says what to do about it.
func (l Layout) Find(ctx context.Context, src *Source) ([]Found, error) {
	files, _, err := l.find(ctx, src, false)
	var problems []string
	for _, f := range files {
		if f.Problem != "" {
			problems = append(problems, f.Problem)
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("cannot read the %s %s: %s", l.Name, src.path, strings.Join(problems, "; "))
	}
	return files, err
}

// find lists the files of src the patterns match and Recognize keeps, in
// reading order. With sniff, a file that does not fit is left out, or
// refuses the export (misfit) when its pattern must fit.
func (l Layout) find(ctx context.Context, src *Source, sniff bool) (files []Found, misfit string, err error) {
	for _, fp := range l.Files {
		for _, f := range fp.match(src) {
			if err := ctx.Err(); err != nil {
				return nil, "", err
			}
			if problem := src.unreadable(f); problem != "" {
				files = append(files, Found{File: f, Pattern: fp, Kind: fp.Kind, Problem: problem, Unreadable: true})
				continue
			}
			if sniff && fp.Sniff != nil {
				if problem := fp.Sniff(src, f); problem != "" {
					if fp.MustFit {
						return nil, problem, nil
					}
					continue
				}
			}
			found := Found{File: f, Pattern: fp, Kind: fp.Kind}
			if fp.Recognize != nil {
				r, ok := fp.Recognize(src, f)
				if !ok {
					continue
				}
				found.Holds, found.Problem = r.Holds, r.Problem
				if r.Kind != "" {
					found.Kind = r.Kind
				}
			}
			files = append(files, found)
		}
	}
	if l.Less != nil {
		sort.SliceStable(files, func(i, j int) bool { return l.Less(files[i], files[j]) })
	}
	return files, "", nil
}

// unreadable are the problems of the files that cannot be read at all.
func unreadable(files []Found) []string {
	var problems []string
	for _, f := range files {
		if f.Unreadable {
			problems = append(problems, f.Problem)
		}
	}
	return problems
}

// unreadable is why a file cannot be read at all, or "": it is refused,
// or its start cannot be read because the archive's entry is over the
// Limits or damaged (a sniff that failed on it would say only that the
// file is not the connector's).
func (s *Source) unreadable(f File) string {
	if f.refused != "" {
		return f.refused
	}
	if f.zip == nil {
		return ""
	}
	_, err := s.Head(f, estimateSample)
	var limit *LimitError
	var damaged *DamagedError
	if errors.As(err, &limit) || errors.As(err, &damaged) {
		return err.Error()
	}
	return ""
}

func anyFound(found map[string]bool, names []string) bool {
	for _, n := range names {
		if found[n] {
			return true
		}
	}
	return false
}

func (l Layout) names() string { return strings.Join(l.Patterns(), ", ") }

// match lists the files of src the pattern matches.
func (fp FilePattern) match(src *Source) []File {
	if !strings.ContainsAny(fp.Name, `*?[\`) {
		if f, ok := src.Find(fp.Name); ok {
			return []File{f}
		}
		return nil
	}
	var out []File
	pattern := strings.ToLower(fp.Name)
	for _, f := range src.Files() {
		if ok, _ := path.Match(pattern, strings.ToLower(f.Base())); ok {
			out = append(out, f)
		}
	}
	return out
}

// Read opens the export at p and calls read with every file of the
// layout's patterns that Recognize keeps, opened, in reading order. It
// does not sniff: a file that does not fit is read, and its rows
// rejected, which tells the user more than leaving it out. An export
// without any of the files is an error.
func (l Layout) Read(ctx context.Context, p string, read func(f Found, r io.Reader) error) error {
	src, err := Open(p)
	if err != nil {
		return fmt.Errorf("opening the %s: %w", l.Name, err)
	}
	defer src.Close()
	files, err := l.Find(ctx, src)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%s holds none of the files of a %s this connector reads (%s)", p, l.Name, l.names())
	}
	for _, f := range files {
		if err := readFile(src, f, read); err != nil {
			return err
		}
	}
	return nil
}

func readFile(src *Source, f Found, read func(f Found, r io.Reader) error) error {
	rc, err := src.Open(f.File)
	if err != nil {
		return err
	}
	defer rc.Close()
	return read(f, rc)
}

// Patterns are the names of the layout's files, for Info.FilePatterns.
func (l Layout) Patterns() []string {
	names := make([]string, len(l.Files))
	for i, fp := range l.Files {
		names[i] = fp.Name
	}
	return names
}

// OpenRefusal is the reason to refuse an input that Open could not open;
// notAnExport says what the connector reads instead of a single file.
func OpenRefusal(p string, err error, notAnExport string) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s does not exist", p)
	case errors.Is(err, ErrNotExport):
		return "not a directory or a .zip archive: " + notAnExport
	}
	return fmt.Sprintf("cannot open %s as an export: %v", p, err)
}

// Accept is a Check's acceptance of the files found, the reason naming
// what the input is (what: "a Salesforce export") and every file with its
// estimated rows (or what the rows are: "records").
func Accept(what, rows string, confidence int, files []plugin.FileMatch) plugin.CheckResult {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = fmt.Sprintf("%s (~%d %s)", f.File, f.EstimatedRows, rows)
	}
	return plugin.CheckResult{Accepted: true, Reason: what + ": " + strings.Join(names, ", "), Confidence: confidence, Files: files}
}

// estimateSample is how much of a file EstimateLines looks at.
const estimateSample = 64 << 10

// EstimateLines guesses the number of lines of a file from the average
// length of those in its first 64 KiB. It is exact for small files.
func EstimateLines(src *Source, f File) (int64, error) {
	sample, err := src.Head(f, estimateSample)
	if err != nil {
		return 0, err
	}
	lines := int64(bytes.Count(sample, []byte("\n")))
	if len(sample) > 0 && sample[len(sample)-1] != '\n' && int64(len(sample)) >= f.Size {
		lines++ // the last line of a whole file without a final line break
	}
	if int64(len(sample)) >= f.Size || lines == 0 {
		return lines, nil
	}
	return lines * f.Size / int64(len(sample)), nil
}

// NaturalLess orders file names as a person would, their runs of digits
// compared as numbers: page-2.json before page-10.json. For a Layout's
// Less.
func NaturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da != "" && db != "" {
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}
