package csvfile

import "os"

// OpenPath opens a CSV file on disk, outside any export (a mapping file a
// Read option names), and reads its header. Close closes the file.
func OpenPath(p string, opts Options) (*Reader, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err == nil {
		var r *Reader
		if r, err = NewReader(f, p, info.Size(), opts); err == nil {
			r.closer = f
			return r, nil
		}
	}
	_ = f.Close()
	return nil, err
}
