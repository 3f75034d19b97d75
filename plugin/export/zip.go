package export

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
)

// Limits bound what an archive's entry may inflate to. A zip bomb (a few
// megabytes that inflate to gigabytes of one byte) otherwise keeps a Read
// busy for as long as the bytes keep coming, which no timeout sees as
// stuck. Exports compress a few times to a few tens of times; one that
// inflates past these is refused, naming the entry and the setting that
// raises the limit.
type Limits struct {
	// MaxEntryBytes is the most one entry may inflate to.
	MaxEntryBytes int64
	// MaxRatio is the most an entry may inflate to per compressed byte;
	// it is applied past the first ratioFloor bytes, as a small file of
	// empty columns may compress better.
	MaxRatio int64
}

// DefaultLimits are the limits of an archive unless the environment says
// otherwise (LimitsFromEnvironment).
var DefaultLimits = Limits{MaxEntryBytes: 4 << 30, MaxRatio: 100}

// The environment variables that set Limits: a user whose genuine export
// trips them raises them for one run. The connector inherits the host's
// environment.
const (
	MaxEntryBytesVariable = "SALESAUDIT_ZIP_MAX_BYTES"
	MaxRatioVariable      = "SALESAUDIT_ZIP_MAX_RATIO"
)

// ratioFloor is how much an entry may inflate to before MaxRatio applies.
const ratioFloor = 16 << 20

// LimitsFromEnvironment is DefaultLimits with what the environment sets.
func LimitsFromEnvironment() (Limits, error) {
	limits := DefaultLimits
	for name, limit := range map[string]*int64{MaxEntryBytesVariable: &limits.MaxEntryBytes, MaxRatioVariable: &limits.MaxRatio} {
		raw, ok := os.LookupEnv(name)
		if !ok || raw == "" {
			continue
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n <= 0 {
			return Limits{}, fmt.Errorf("%s=%q: want a whole number above 0", name, raw)
		}
		*limit = n
	}
	return limits, nil
}

// LimitError is an archive's entry that inflates past the Limits.
type LimitError struct {
	Archive, Entry string
	// Compressed is the entry's size in the archive.
	Compressed int64
	// Limit says the limit crossed ("100 times its compressed size"),
	// Variable the environment variable that raises it.
	Limit, Variable string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s in %s inflates to more than %s (%s compressed): refused as a possible zip bomb; "+
		"if it is a genuine export, raise the limit with %s", e.Entry, e.Archive, e.Limit, megabytes(e.Compressed), e.Variable)
}

// megabytes says a size the way a person reads it.
func megabytes(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// DamagedError is an archive's entry whose bytes cannot be inflated or do
// not match their checksum: the archive is corrupt or was cut short.
type DamagedError struct {
	Archive, Entry string
	Err            error
}

func (e *DamagedError) Error() string {
	what := "cannot be inflated"
	if errors.Is(e.Err, zip.ErrChecksum) {
		what = "does not match its checksum"
	}
	return fmt.Sprintf("%s in %s is damaged: its content %s (%v); the archive is corrupt or was cut short, so extract it again or download it again",
		e.Entry, e.Archive, what, e.Err)
}

func (e *DamagedError) Unwrap() error { return e.Err }

// openEntry opens an archive's entry through the limits, refusing at once
// one whose declared size is over them.
func (s *Source) openEntry(f File) (io.ReadCloser, error) {
	limits := s.limits
	if limits == (Limits{}) {
		limits = DefaultLimits
	}
	compressed := int64(f.zip.CompressedSize64)
	if err := limits.check(s.path, f.Name, int64(f.zip.UncompressedSize64), compressed); err != nil {
		return nil, err
	}
	rc, err := f.zip.Open()
	if err != nil {
		return nil, &DamagedError{Archive: s.path, Entry: f.Name, Err: err}
	}
	return &limitedEntry{rc: rc, limits: limits, archive: s.path, entry: f.Name, compressed: compressed}, nil
}

// check refuses an entry that inflated bytes make over the limits.
func (l Limits) check(archive, entry string, inflated, compressed int64) error {
	switch {
	case inflated > l.MaxEntryBytes:
		return &LimitError{Archive: archive, Entry: entry, Compressed: compressed,
			Limit: megabytes(l.MaxEntryBytes), Variable: MaxEntryBytesVariable}
	case inflated > ratioFloor && inflated/max(compressed, 1) > l.MaxRatio:
		return &LimitError{Archive: archive, Entry: entry, Compressed: compressed,
			Limit: fmt.Sprintf("%d times its compressed size", l.MaxRatio), Variable: MaxRatioVariable}
	}
	return nil
}

// limitedEntry reads an entry, counting what it inflates to: the declared
// sizes are the archive's word, and archive/zip holds the entry to them,
// but the count is what is checked.
type limitedEntry struct {
	rc             io.ReadCloser
	limits         Limits
	archive, entry string
	compressed, n  int64
	err            error
}

func (e *limitedEntry) Read(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.rc.Read(p)
	e.n += int64(n)
	if limitErr := e.limits.check(e.archive, e.entry, e.n, e.compressed); limitErr != nil {
		e.err = limitErr
		return 0, limitErr
	}
	if err != nil && !errors.Is(err, io.EOF) {
		e.err = &DamagedError{Archive: e.archive, Entry: e.entry, Err: err}
		return n, e.err
	}
	return n, err
}

func (e *limitedEntry) Close() error { return e.rc.Close() }
