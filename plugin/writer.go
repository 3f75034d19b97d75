package plugin

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	pb "github.com/salesaudit/salesaudit/plugin/proto"
)

// Rejects travel in messages of a few hundred; a record is refused above
// a quarter of the gRPC message limit, as no export's row needs more.
const (
	rejectBatchMax     = 512
	progressInterval   = 200 * time.Millisecond
	maxRecordBytes     = MaxMessageBytes / 4
	sendQueueLength    = 4
	recordOverheadSize = 48
)

// Writer streams a Read's output to the host: the records as spooled files
// in the directory the host named, rejects, progress and the summary as
// messages. It is not safe for concurrent use: a connector that reads files
// in parallel gives each goroutine its own files and serialises calls to
// the Writer.
type Writer struct {
	// spool writes the records.
	spool   *SpoolWriter
	queue   chan *pb.ReadResponse
	sendErr chan error
	ctx     context.Context
	files   map[string]*FileWriter
	order   []string
	rejects []*pb.Reject
	err     error
	last    time.Time
	once    sync.Once
}

// newWriter starts a goroutine that sends messages while the connector goes
// on parsing, so that reading the export and loading it overlap. Records go
// to spooled files in spoolDir.
func newWriter(ctx context.Context, send func(*pb.ReadResponse) error, spoolDir string) *Writer {
	w := &Writer{
		queue:   make(chan *pb.ReadResponse, sendQueueLength),
		sendErr: make(chan error, 1),
		ctx:     ctx,
		files:   make(map[string]*FileWriter),
	}
	go func() {
		var err error
		for msg := range w.queue {
			if err == nil {
				err = send(msg)
			}
		}
		w.sendErr <- err
	}()
	w.spool = NewSpoolWriter(spoolDir, SpoolFileBytes, func(f SpooledFile) error {
		return w.enqueue(&pb.ReadResponse{Message: &pb.ReadResponse_Spooled{Spooled: spooledToProto(f)}})
	})
	return w
}

// discard stops the sender after a failed read and removes unsent files.
func (w *Writer) discard() {
	w.spool.Discard()
	_ = w.close()
}

// File returns the writer for one input file, named as the user would
// recognise it (a path relative to the input).
func (w *Writer) File(name string) *FileWriter {
	if f, ok := w.files[name]; ok {
		return f
	}
	f := &FileWriter{w: w, name: name, summary: FileSummary{
		File: name, RowsRead: -1, Records: map[RecordKind]int64{}, RowsSkipped: map[string]int64{},
	}}
	w.files[name] = f
	w.order = append(w.order, name)
	return f
}

func (w *Writer) enqueue(msg *pb.ReadResponse) error {
	if w.err != nil {
		return w.err
	}
	select {
	case w.queue <- msg:
		return nil
	case err := <-w.sendErr:
		w.err = fmt.Errorf("sending to host: %w", err)
		w.sendErr <- err
		return w.err
	case <-w.ctx.Done():
		w.err = w.ctx.Err()
		return w.err
	}
}

func (w *Writer) addReject(r *pb.Reject) error {
	w.rejects = append(w.rejects, r)
	if len(w.rejects) >= rejectBatchMax {
		return w.flushRejects()
	}
	return nil
}

func (w *Writer) flushRejects() error {
	if len(w.rejects) == 0 {
		return nil
	}
	msg := &pb.ReadResponse{Message: &pb.ReadResponse_Rejects{Rejects: &pb.RejectBatch{Rejects: w.rejects}}}
	w.rejects = nil
	return w.enqueue(msg)
}

// finish flushes everything, sends the summary and waits for the sender.
func (w *Writer) finish() error {
	err := w.flushAll()
	if err != nil {
		w.spool.Discard()
	}
	if err == nil {
		err = w.enqueue(&pb.ReadResponse{Message: &pb.ReadResponse_Summary{Summary: summaryToProto(w.summary())}})
	}
	if closeErr := w.close(); err == nil {
		err = closeErr
	}
	return err
}

func (w *Writer) flushAll() error {
	for _, name := range w.order {
		if w.files[name].summary.RowsRead < 0 {
			return fmt.Errorf("connector bug: file %s was never marked done (call FileWriter.Done with the rows read)", name)
		}
	}
	if err := w.spool.Flush(); err != nil {
		return err
	}
	return w.flushRejects()
}

// close stops the sender and returns its error, if any.
func (w *Writer) close() error {
	var err error
	w.once.Do(func() {
		close(w.queue)
		err = <-w.sendErr
	})
	if err != nil {
		return fmt.Errorf("sending to host: %w", err)
	}
	return nil
}

func (w *Writer) summary() Summary {
	var s Summary
	for _, name := range w.order {
		s.Files = append(s.Files, w.files[name].summary)
	}
	return s
}

// FileWriter streams the records of one input file.
type FileWriter struct {
	w       *Writer
	name    string
	summary FileSummary
}

// Name is the file's name as given to Writer.File.
func (f *FileWriter) Name() string { return f.name }

// User streams a user.
func (f *FileWriter) User(u User) error {
	size := len(u.ID) + len(u.Name) + len(u.Email) + len(u.Title) + len(u.Role) + len(u.ManagerID)
	return f.add(KindUser, u.Line, size, func(s *SpoolWriter) error { return s.User(f.name, &u) })
}

// Account streams an account.
func (f *FileWriter) Account(a Account) error {
	size := len(a.ID) + len(a.Name) + len(a.OwnerID) + len(a.Type) + len(a.Tier) + len(a.Industry)
	return f.add(KindAccount, a.Line, size, func(s *SpoolWriter) error { return s.Account(f.name, &a) })
}

// Opportunity streams an opportunity.
func (f *FileWriter) Opportunity(o Opportunity) error {
	size := len(o.ID) + len(o.AccountID) + len(o.OwnerID) + len(o.Name) + len(o.Stage)
	return f.add(KindOpportunity, o.Line, size, func(s *SpoolWriter) error { return s.Opportunity(f.name, &o) })
}

// Activity streams an activity with its attendees.
func (f *FileWriter) Activity(a Activity) error {
	size := len(a.ID) + len(a.Subject) + len(a.OwnerID) + len(a.AccountID) + len(a.OpportunityID) + len(a.Status) + len(a.RawType)
	for i := range a.Attendees {
		size += attendeeSize(&a.Attendees[i])
	}
	return f.add(KindActivity, a.Line, size, func(s *SpoolWriter) error { return s.Activity(f.name, &a) })
}

// Attendee streams an attendee kept apart from its activity; ActivityID
// must be set.
func (f *FileWriter) Attendee(a Attendee) error {
	return f.add(KindAttendee, a.Line, attendeeSize(&a), func(s *SpoolWriter) error { return s.Attendee(f.name, &a) })
}

func attendeeSize(a *Attendee) int {
	return len(a.ActivityID) + len(a.UserID) + len(a.ContactID) + len(a.Email) + len(a.Name) + len(a.Response) + recordOverheadSize
}

// add writes a record to the spool, or rejects it when it is too large.
func (f *FileWriter) add(kind RecordKind, line int64, size int, spool func(*SpoolWriter) error) error {
	if f.w.err != nil {
		return f.w.err
	}
	size += recordOverheadSize
	if size > maxRecordBytes {
		return f.Reject(Reject{Line: line, Reason: fmt.Sprintf("record is %d bytes, over the %d-byte limit", size, maxRecordBytes), Kind: kind})
	}
	if err := spool(f.w.spool); err != nil {
		f.w.err = fmt.Errorf("%s line %d: %w", f.name, line, err)
		return f.w.err
	}
	f.summary.Records[kind]++
	return nil
}

// Reject records a row that could not be read. File is filled in.
func (f *FileWriter) Reject(r Reject) error {
	if f.w.err != nil {
		return f.w.err
	}
	r.File = f.name
	// Cut at a rune boundary: half a character is not UTF-8, which
	// protobuf refuses, failing the whole read.
	r.Raw = Clip(r.Raw, 512)
	f.summary.RowsRejected++
	return f.w.addReject(rejectToProto(&r))
}

// Skip counts a row deliberately not loaded (a deleted row, a copy of
// another record). The reason is shown to the user with the count.
func (f *FileWriter) Skip(reason string) {
	f.summary.RowsSkipped[reason]++
}

// SetDecoding records how the file's text was decoded, for the summary.
// plugin.Table calls it when its rows come from a DecodingSource; a file
// read more than once keeps the last account (every pass decodes alike).
func (f *FileWriter) SetDecoding(d Decoding) {
	f.summary.Decoding = d
}

// Progress reports how far the file has been read. It is cheap to call
// often: messages are sent at most every 200 ms.
func (f *FileWriter) Progress(bytesRead, bytesTotal, rowsRead int64) error {
	now := time.Now()
	if now.Sub(f.w.last) < progressInterval {
		return nil
	}
	f.w.last = now
	return f.w.enqueue(&pb.ReadResponse{Message: &pb.ReadResponse_Progress{Progress: &pb.Progress{
		File: f.name, BytesRead: bytesRead, BytesTotal: bytesTotal, RowsRead: rowsRead,
	}}})
}

// Done marks the file read, with the number of data rows read from it (the
// header excluded). Every row must have become a record, a reject or a skip:
// the host checks that the numbers add up.
func (f *FileWriter) Done(rowsRead int64) error {
	if rowsRead < 0 {
		return errors.New("connector bug: negative row count")
	}
	f.summary.RowsRead = rowsRead
	return nil
}

// Clip shortens s to at most limit bytes, never cutting a character in
// two, and marks the cut with "…". The SDK clips a reject's raw excerpt
// so; a connector may clip a reason that quotes a long value the same way.
func Clip(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
