package csv

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// errNoMapping means the input has no mapping file and none was given.
var errNoMapping = errors.New("no mapping")

// input is what a Check or a Read is given: CSV files, and the mapping
// that describes them.
type input struct {
	src     *export.Source
	mapping *mapping
	// single is the one file the input names, when it is a file rather
	// than a directory or an archive.
	single string
	// encoding, when set, overrides the mapping's for every file.
	encoding csvfile.Encoding
}

// openInput opens a directory, a .zip or a single CSV file with its
// mapping: mappingPath if given, else the mapping file of the directory or
// archive (or of the single file's directory).
func openInput(p, mappingPath string) (*input, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	in := &input{}
	dir := p
	if info.Mode().IsRegular() && !export.IsArchive(p) {
		dir, in.single = filepath.Dir(p), filepath.Base(p)
	}
	if in.src, err = export.Open(dir); err != nil {
		return nil, err
	}
	if in.mapping, err = in.readMapping(mappingPath); err != nil {
		_ = in.src.Close()
		return nil, err
	}
	return in, nil
}

func (in *input) Close() error { return in.src.Close() }

// maxMappingBytes bounds the mapping of a directory or an archive read
// into memory. A mapping describes a few files in some hundred lines (the
// template is 10 kB); Check reads it, and salesaudit calls a built-in
// connector's Check in the host process itself (internal/pluginhost's
// inhost.go), where an archive's mapping that inflates to gigabytes must
// not be read whole. (A mapping named with --option mapping= is read only
// by Read, in the connector's process.)
const maxMappingBytes = 1 << 20

func (in *input) readMapping(mappingPath string) (*mapping, error) {
	if mappingPath != "" {
		data, err := os.ReadFile(mappingPath)
		if err != nil {
			return nil, fmt.Errorf("reading the mapping: %w", err)
		}
		return parseMapping(mappingPath, data)
	}
	f, ok := in.mappingFile()
	if !ok {
		return nil, errNoMapping
	}
	rc, err := in.src.Open(f)
	if err != nil {
		return nil, fmt.Errorf("reading the mapping: %w", err)
	}
	defer rc.Close()
	data, err := readMappingData(rc, f.Name)
	if err != nil {
		return nil, err
	}
	return parseMapping(path.Join(filepath.ToSlash(in.src.Path()), f.Name), data)
}

// readMappingData reads the mapping file called name from r, refusing one
// over maxMappingBytes.
func readMappingData(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxMappingBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the mapping %s: %w", name, err)
	}
	if len(data) > maxMappingBytes {
		return nil, fmt.Errorf("the mapping %s is over %d MB: a mapping describes its files in some hundred lines", name, maxMappingBytes>>20)
	}
	return data, nil
}

func (in *input) mappingFile() (export.File, bool) {
	for _, name := range mappingFileNames {
		if f, ok := in.src.Find(name); ok {
			return f, true
		}
	}
	return export.File{}, false
}

// dataFiles are the files the mapping may describe.
func (in *input) dataFiles() []export.File {
	var out []export.File
	for _, f := range in.src.Files() {
		if isMappingFile(f.Name) || (in.single != "" && f.Name != in.single) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// boundFile is a file of the input with the entry of the mapping that
// describes it, checked against its header. A file described by several
// entries (accounts and their deals in one sheet) is read once for each.
type boundFile struct {
	file    export.File
	mapping *fileMapping
	// name is what the read of the file is called in the summary and the
	// rejects: the file's name, followed by the kind when several entries
	// read the file, so that each read's rows add up on their own.
	name string
	// fieldColumns and skipColumns are the indexes in the header of the
	// columns the entry's fields and skip rules read: a glob's files may
	// order their columns differently.
	fieldColumns map[*fieldMapping]int
	skipColumns  []int
}

// plan matches the mapping's entries to the input's files and checks
// every header, so that a Read fails before it streams anything rather
// than half-way. Files are read users first, as the host loads them.
func (in *input) plan() ([]*boundFile, error) {
	p := &problems{name: in.mapping.name}
	claimed := map[string][]*fileMapping{}
	var planned []*boundFile
	for _, fm := range in.mapping.files {
		for _, f := range in.matching(fm, p) {
			if other := sameKind(claimed[f.Name], fm.kind); other != nil {
				p.addForCSV(fm.line, f.Name, "%s is matched by two entries of files: of %s records (lines %d and %d); one file holds a kind of record once",
					f.Name, fm.kind, other.line, fm.line)
				continue
			}
			claimed[f.Name] = append(claimed[f.Name], fm)
			if bf := in.bind(fm, f, p); bf != nil {
				planned = append(planned, bf)
			}
		}
	}
	if in.single != "" && claimed[in.single] == nil {
		p.addForCSV(0, in.single, "%s matches none of the mapping's file patterns", in.single)
	}
	if len(p.found) == 0 && len(planned) == 0 {
		p.add(0, "no file of %s is described by the mapping", in.src.Path())
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	for _, bf := range planned {
		bf.name = bf.file.Name
		if len(claimed[bf.file.Name]) > 1 {
			bf.name = fmt.Sprintf("%s (%s)", bf.file.Name, bf.mapping.kind)
		}
	}
	slices.SortStableFunc(planned, func(a, b *boundFile) int {
		return slices.Index(plugin.RecordKinds, a.mapping.kind) - slices.Index(plugin.RecordKinds, b.mapping.kind)
	})
	return planned, nil
}

// sameKind is the entry of the kind among those that matched a file.
func sameKind(entries []*fileMapping, kind plugin.RecordKind) *fileMapping {
	for _, fm := range entries {
		if fm.kind == kind {
			return fm
		}
	}
	return nil
}

// matching lists the files an entry's pattern matches. A pattern that
// matches nothing is a problem, unless the entry is optional or the input
// is a single file.
func (in *input) matching(fm *fileMapping, p *problems) []export.File {
	var out []export.File
	files := in.dataFiles()
	for _, f := range files {
		if matchPattern(fm.pattern, f.Name) {
			out = append(out, f)
		}
	}
	if len(out) == 0 && !fm.optional && in.single == "" {
		p.add(fm.line, "file %q matches no file of %s (it has %s); mark the entry optional: true if the file may be absent",
			fm.pattern, in.src.Path(), fileList(files))
	}
	return out
}

// matchPattern matches a file's name against a pattern, ignoring case as
// the file systems of spreadsheet users do. A pattern without a slash is
// matched against the base name, so that it also finds the file in an
// archive's folder.
func matchPattern(pattern, name string) bool {
	if !strings.Contains(pattern, "/") {
		name = path.Base(name)
	}
	ok, _ := path.Match(strings.ToLower(pattern), strings.ToLower(name))
	return ok
}

func fileList(files []export.File) string {
	if len(files) == 0 {
		return "no other files"
	}
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, f.Name)
	}
	const maxNames = 10
	if len(names) > maxNames {
		return strings.Join(names[:maxNames], ", ") + fmt.Sprintf(" and %d more", len(names)-maxNames)
	}
	return strings.Join(names, ", ")
}

// settingsFor are the settings a file is read with.
func (in *input) settingsFor(fm *fileMapping) settings {
	s := fm.settings
	if in.encoding != "" {
		s.encoding = in.encoding
	}
	return s
}

// bind reads a file's header and finds the columns the entry reads.
func (in *input) bind(fm *fileMapping, f export.File, p *problems) *boundFile {
	r, err := openCSV(in.src, f, in.settingsFor(fm))
	if err != nil {
		p.addForCSV(fm.line, f.Name, "cannot read %s: %v", f.Name, err)
		return nil
	}
	defer r.Close()
	if len(r.header()) == 0 {
		p.addForCSV(fm.line, f.Name, "%s is empty: it has no header row naming its columns", f.Name)
		return nil
	}
	ok := true
	find := func(column string, line int, use string) int {
		i := r.column(column)
		if i < 0 {
			p.addForCSV(line, f.Name, "column %q (%s) is not in the header of %s; its columns are %s%s",
				column, use, f.Name, strings.Join(r.header(), ", "), delimiterHint(r.header()))
			ok = false
		}
		return i
	}
	bf := &boundFile{file: f, mapping: fm, fieldColumns: map[*fieldMapping]int{}}
	for _, def := range fieldDefs[fm.kind] {
		if fld := fm.fields[def.name]; fld != nil && fld.column != "" {
			bf.fieldColumns[fld] = find(fld.column, fld.line, "field "+def.name)
		}
	}
	for _, rule := range fm.skips {
		bf.skipColumns = append(bf.skipColumns, find(rule.column, rule.line, "a skip rule"))
	}
	if !ok {
		return nil
	}
	return bf
}

// delimiterHint suggests the delimiter when a header was read as a single
// column that holds another delimiter.
func delimiterHint(header []string) string {
	if len(header) != 1 {
		return ""
	}
	d := csvfile.SniffComma([]byte(header[0]))
	if !strings.ContainsRune(header[0], d) {
		return ""
	}
	return fmt.Sprintf(" (one column: is the delimiter %q?)", string(d))
}
