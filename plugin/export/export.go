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
}

// File is one file of a Source.
type File struct {
	// Name is the file's path relative to the export, with forward
	// slashes: what the user sees in the directory or the archive.
	Name string
	Size int64
	zip  *zip.File
}

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
		// Stat follows symbolic links: an export assembled from links to
		// the files is read like the files themselves.
		info, err := os.Stat(filepath.Join(dir, e.Name()))
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		s.files = append(s.files, File{Name: e.Name(), Size: info.Size()})
	}
	return s, nil
}

func openZip(p string) (*Source, error) {
	archive, err := zip.OpenReader(p)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", p, err)
	}
	s := &Source{path: p, archive: archive}
	for _, zf := range archive.File {
		if zf.FileInfo().IsDir() || isArchiveClutter(zf.Name) {
			continue
		}
		s.files = append(s.files, File{Name: zf.Name, Size: int64(zf.UncompressedSize64), zip: zf})
	}
	// Shallow paths first, so that Find prefers Task.csv to a copy of it
	// in a subfolder.
	sort.SliceStable(s.files, func(i, j int) bool {
		return strings.Count(s.files[i].Name, "/") < strings.Count(s.files[j].Name, "/")
	})
	return s, nil
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

// Open opens a file of the source for reading.
func (s *Source) Open(f File) (io.ReadCloser, error) {
	if f.zip != nil {
		rc, err := f.zip.Open()
		if err != nil {
			return nil, fmt.Errorf("opening %s in %s: %w", f.Name, s.path, err)
		}
		return rc, nil
	}
	return os.Open(filepath.Join(s.path, filepath.FromSlash(f.Name)))
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
