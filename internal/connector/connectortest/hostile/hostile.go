// Package hostile makes the large inputs of the adversarial tests (zip
// bombs, lines of gigabytes) as the tests run, so that none is committed,
// and measures what reading them costs. It imports nothing of salesaudit,
// so that the SDK's own tests (package plugin and below) can use it.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Repeat is a stream of n bytes, pattern over and over, made as it is read.
func Repeat(pattern string, n int64) io.Reader {
	return io.LimitReader(&repeater{pattern: []byte(pattern)}, n)
}

type repeater struct {
	pattern []byte
	at      int
}

func (r *repeater) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.pattern[r.at:])
		n += c
		r.at = (r.at + c) % len(r.pattern)
	}
	return n, nil
}

// Line is a text of head, then n bytes of filler, then tail: a CSV file
// with a line of gigabytes, made as it is read.
func Line(head string, filler string, n int64, tail string) io.Reader {
	return io.MultiReader(bytes.NewBufferString(head), Repeat(filler, n), bytes.NewBufferString(tail))
}

// ZipEntry is a file of a zip archive: small content as it is, or a bomb
// of Size bytes of Fill.
type ZipEntry struct {
	Name    string
	Content string
	// Fill and Size make a bomb: Size bytes of the byte Fill, compressed
	// a megabyte at a time so that making it costs milliseconds.
	Fill byte
	Size int64
}

// WriteZip writes an archive of entries at path.
func WriteZip(t testing.TB, path string, entries ...ZipEntry) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		if e.Size > 0 {
			err = writeBomb(zw, e)
		} else {
			err = writeSmall(zw, e)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func writeSmall(zw *zip.Writer, e ZipEntry) error {
	w, err := zw.Create(e.Name)
	if err == nil {
		_, err = io.WriteString(w, e.Content)
	}
	return err
}

// bombBlock is how much of a bomb one compressed block inflates to.
const bombBlock = 1 << 20

// writeBomb writes Size bytes of Fill without compressing them all: a
// deflate stream is a run of blocks, and a block of a megabyte of one
// byte, flushed, can be written again and again (its back-references
// reach only bytes of the same value).
func writeBomb(zw *zip.Writer, e ZipEntry) error {
	block := bytes.Repeat([]byte{e.Fill}, bombBlock)
	var compressed bytes.Buffer
	fw, _ := flate.NewWriter(&compressed, flate.BestCompression)
	if _, err := fw.Write(block); err != nil {
		return err
	}
	if err := fw.Flush(); err != nil {
		return err
	}
	flushed := append([]byte(nil), compressed.Bytes()...)
	compressed.Reset()
	if err := fw.Close(); err != nil {
		return err
	}
	final := compressed.Bytes()
	blocks := e.Size / bombBlock
	crc := uint32(0)
	for range blocks {
		crc = crc32.Update(crc, crc32.IEEETable, block)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: e.Name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64:   uint64(blocks)*uint64(len(flushed)) + uint64(len(final)),
		UncompressedSize64: uint64(blocks) * bombBlock,
	})
	if err != nil {
		return err
	}
	for range blocks {
		if _, err := w.Write(flushed); err != nil {
			return err
		}
	}
	_, err = w.Write(final)
	return err
}

// PeakHeap runs f and returns the most heap memory in use, in bytes, seen
// while it ran (sampled every few milliseconds, and at its end) above what
// was in use before.
func PeakHeap(f func()) uint64 {
	runtime.GC()
	base := heapInUse()
	var peak atomic.Uint64
	sample := func() {
		if h := heapInUse(); h > base && h-base > peak.Load() {
			peak.Store(h - base)
		}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	f()
	sample()
	close(done)
	wg.Wait()
	return peak.Load()
}

func heapInUse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
