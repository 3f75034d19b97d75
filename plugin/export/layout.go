package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
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
	var matches []plugin.FileMatch
	found := map[string]bool{}
	for _, fp := range l.Files {
		for _, f := range fp.match(src) {
			if err := ctx.Err(); err != nil {
				return plugin.CheckResult{}, err
			}
			if fp.Sniff != nil {
				if problem := fp.Sniff(src, f); problem != "" {
					if fp.MustFit {
						return plugin.Refuse(problem), nil
					}
					continue
				}
			}
			estimate := fp.Estimate
			if estimate == nil {
				estimate = EstimateLines
			}
			rows, err := estimate(src, f)
			if err != nil {
				return plugin.Refuse(fmt.Sprintf("cannot read %s: %v", f.Name, err)), nil
			}
			found[fp.Name] = true
			matches = append(matches, plugin.FileMatch{File: f.Name, Kind: fp.Kind, SizeBytes: f.Size, EstimatedRows: rows})
		}
	}
	for _, fp := range l.Files {
		if fp.Required && !found[fp.Name] {
			return plugin.Refuse(fmt.Sprintf("no %s: not a %s", fp.Name, l.Name)), nil
		}
	}
	for _, req := range l.Require {
		if !anyFound(found, req.AnyOf) {
			return plugin.Refuse(req.Missing), nil
		}
	}
	if len(matches) == 0 {
		return plugin.Refuse("none of the files of a " + l.Name + " (" + l.names() + ")"), nil
	}
	confidence := l.Confidence
	if confidence == 0 {
		confidence = 90
	}
	return Accept("a "+l.Name, "rows", confidence, matches), nil
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
// layout's patterns, opened, in the patterns' order. It does not sniff: a file that does
// not fit is read, and its rows rejected, which tells the user more than
// leaving it out. An export without any of the files is an error.
func (l Layout) Read(p string, read func(f Found, r io.Reader) error) error {
	src, err := Open(p)
	if err != nil {
		return fmt.Errorf("opening the %s: %w", l.Name, err)
	}
	defer src.Close()
	var files []Found
	for _, fp := range l.Files {
		for _, f := range fp.match(src) {
			files = append(files, Found{File: f, Pattern: fp})
		}
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
