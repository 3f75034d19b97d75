// Package export opens a CRM export as the user hands it over: a
// directory of files or a .zip archive of them (as Salesforce ships its
// weekly export), so that a connector finds and opens its files the same
// way from either.
package export

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// ErrNotExport means a path is neither a directory nor a .zip archive.
var ErrNotExport = errors.New("not a directory or a .zip archive")

// Source is an export: a directory of files or a .zip archive of them.
type Source struct {
	path    string
	archive *zip.ReadCloser
	files   []File
	limits  Limits
}

// File is one file of a Source.
type File struct {
	// Name is the file's path relative to the export, with forward
	// slashes and cleaned ("a/./b" is "a/b", a backslash a slash): what
	// the user sees in the directory or the archive.
	Name string
	Size int64
	zip  *zip.File
	// refused, when set, is why the file cannot be read (a symbolic link
	// out of the export, a named pipe): it is listed, so that a connector
	// looking for it says so rather than "no Task.csv", and Open refuses
	// it with the reason.
	refused string
}

// Refused is why the file cannot be read, or "": a symbolic link that
// leaves the export, a file that is not a regular one (a named pipe, a
// device), an archive's entry whose name climbs out of it or that another
// entry of the same name makes ambiguous. Source.Open refuses it so.
func (f File) Refused() string { return f.refused }

// Base is the file's name without its directory.
func (f File) Base() string { return path.Base(f.Name) }

// IsArchive reports whether p names a .zip file, by its extension (which
// Salesforce writes in capitals: WE_00D….ZIP).
func IsArchive(p string) bool {
	return strings.EqualFold(filepath.Ext(p), ".zip")
}

// Open opens a directory or a .zip archive. A directory's files are
// the regular files directly in it; an archive's are all its files.
func Open(p string) (*Source, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	switch {
	case info.IsDir():
		return openDir(p)
	case info.Mode().IsRegular() && IsArchive(p):
		return openZip(p)
	}
	return nil, fmt.Errorf("%s: %w", p, ErrNotExport)
}

func openDir(dir string) (*Source, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	s := &Source{path: dir}
	for _, e := range entries {
		f, ok := s.dirFile(e.Name())
		if ok {
			s.files = append(s.files, f)
		}
	}
	return s, nil
}

// dirFile is the file named name directly in the directory. A symbolic
// link is read like the file it points to when that is inside the export
// (an export assembled from links), and refused when it leaves it: an
// export is what the user handed over, and Task.csv -> /etc/passwd would
// put another file's lines into the rejects. Subdirectories are not files
// of a directory export (ok is false); other files that are not regular
// ones (named pipes, sockets, devices) are refused, never opened: a pipe
// would block the read.
func (s *Source) dirFile(name string) (File, bool) {
	_, info, refused := resolveInside(s.path, name)
	switch {
	case refused != "":
		return File{Name: name, refused: refused}, true
	case info.IsDir():
		return File{}, false
	case !info.Mode().IsRegular():
		return File{Name: name, refused: fmt.Sprintf("%s is not a regular file (%s): refused", name, kindOf(info.Mode()))}, true
	}
	return File{Name: name, Size: info.Size()}, true
}

// resolveInside follows name in dir to the file it is, refusing a
// symbolic link whose target is outside dir.
func resolveInside(dir, name string) (resolved string, info os.FileInfo, refused string) {
	p := filepath.Join(dir, name)
	link, err := os.Lstat(p)
	if err != nil {
		return "", nil, fmt.Sprintf("%s cannot be read: %v", name, err)
	}
	if link.Mode()&os.ModeSymlink == 0 {
		return p, link, ""
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", nil, fmt.Sprintf("%s is a symbolic link that leads nowhere: %v", name, err)
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", nil, fmt.Sprintf("%s cannot be read: %v", name, err)
	}
	if rel, err := filepath.Rel(root, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", nil, fmt.Sprintf("%s is a symbolic link to %s, outside the export: refused (copy the file into the export instead)", name, target)
	}
	info, err = os.Stat(target)
	if err != nil {
		return "", nil, fmt.Sprintf("%s cannot be read: %v", name, err)
	}
	return target, info, ""
}

// kindOf names a file mode that is not a regular file's, for a refusal.
func kindOf(mode os.FileMode) string {
	switch {
	case mode&os.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&os.ModeSocket != 0:
		return "a socket"
	case mode&os.ModeDevice != 0:
		return "a device"
	case mode&os.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "mode " + mode.String()
}

func openZip(p string) (*Source, error) {
	limits, err := LimitsFromEnvironment()
	if err != nil {
		return nil, err
	}
	archive, err := zip.OpenReader(p)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("opening %s: %w", p, err)
	}
	s := &Source{path: p, archive: archive, limits: limits}
	byName := map[string][]int{}
	for _, zf := range archive.File {
		name, refused := cleanEntryName(zf.Name)
		if zf.FileInfo().IsDir() || isArchiveClutter(name) {
			continue
		}
		if refused == "" && !zf.Mode().IsRegular() {
			refused = fmt.Sprintf("%s in the archive is not a regular file (%s): refused", name, kindOf(zf.Mode()))
		}
		byName[name] = append(byName[name], len(s.files))
		s.files = append(s.files, File{Name: name, Size: int64(zf.UncompressedSize64), zip: zf, refused: refused})
	}
	for name, indexes := range byName {
		if len(indexes) < 2 {
			continue
		}
		for _, i := range indexes {
			s.files[i].refused = fmt.Sprintf("the archive holds %d entries named %s: refused, as which one is meant cannot be told", len(indexes), name)
		}
	}
	// Shallow paths first, so that Find prefers Task.csv to a copy of it
	// in a subfolder.
	sort.SliceStable(s.files, func(i, j int) bool {
		return strings.Count(s.files[i].Name, "/") < strings.Count(s.files[j].Name, "/")
	})
	return s, nil
}

// cleanEntryName is an archive entry's name as the export's files are
// named: forward slashes, cleaned, without a leading slash. A name that
// climbs out of the archive ("../x") is refused: it names no file of the
// export.
func cleanEntryName(raw string) (name, refused string) {
	name = strings.TrimLeft(path.Clean("/"+strings.ReplaceAll(raw, "\\", "/")), "/")
	cleaned := path.Clean(strings.ReplaceAll(raw, "\\", "/"))
	if cleaned == ".." || strings.HasPrefix(cleaned, "../") {
		return name, fmt.Sprintf("the archive's entry %q climbs out of the archive: refused", raw)
	}
	return name, ""
}

// isArchiveClutter is what macOS's Finder adds to the archives it makes.
func isArchiveClutter(name string) bool {
	return strings.HasPrefix(name, "__MACOSX/") || path.Base(name) == ".DS_Store"
}

// Path is the directory or archive the source was opened from.
func (s *Source) Path() string { return s.path }

// IsArchive reports whether the source is a .zip archive.
func (s *Source) IsArchive() bool { return s.archive != nil }

// Files lists the files of the source.
func (s *Source) Files() []File { return s.files }

// Find returns the file whose base name is name, compared
// case-insensitively.
func (s *Source) Find(name string) (File, bool) {
	for _, f := range s.files {
		if strings.EqualFold(f.Base(), name) {
			return f, true
		}
	}
	return File{}, false
}

// Open opens a file of the source for reading. A refused file is an error
// that says why (File.Refused). An archive's entry is read through the
// source's Limits: one that would inflate past them is an error naming
// it, as is one whose bytes do not match its checksum.
func (s *Source) Open(f File) (io.ReadCloser, error) {
	if f.refused != "" {
		return nil, errors.New(f.refused)
	}
	if f.zip != nil {
		return s.openEntry(f)
	}
	// Checked again at opening: the directory may have changed since it
	// was listed.
	resolved, info, refused := resolveInside(s.path, filepath.FromSlash(f.Name))
	if refused != "" {
		return nil, errors.New(refused)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s): refused", f.Name, kindOf(info.Mode()))
	}
	return os.Open(resolved)
}

// Head reads the first n bytes of a file (all of a smaller one), for a
// Check that sniffs or estimates from the start of a file.
func (s *Source) Head(f File, n int64) ([]byte, error) {
	rc, err := s.Open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	head, err := io.ReadAll(io.LimitReader(rc, n))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", f.Name, err)
	}
	return head, nil
}

// CountingReader counts the bytes read through it, for progress reports.
type CountingReader struct {
	R io.Reader
	N int64
}

func (c *CountingReader) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.N += int64(n)
	return n, err
}

// Close releases the archive, if any.
func (s *Source) Close() error {
	if s.archive != nil {
		return s.archive.Close()
	}
	return nil
}
