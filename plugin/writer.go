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

// Batches are cut at whichever limit comes first. A megabyte keeps each
// message far below MaxMessageBytes while amortising the per-message cost of
// gRPC; a few thousand records keep memory per batch small.
const (
	batchMaxBytes      = 1 << 20
	batchMaxRecords    = 4096
	rejectBatchMax     = 512
	progressInterval   = 200 * time.Millisecond
	maxRecordBytes     = MaxMessageBytes / 4
	sendQueueLength    = 4
	recordOverheadSize = 48
)

// Writer streams a Read's output to the host. It is not safe for concurrent
// use: a connector that reads files in parallel gives each goroutine its own
// files and serialises calls to the Writer.
type Writer struct {
	// spool, when the host asked for spooled files, takes the records
	// instead of batches.
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
// on parsing, so that reading the export and loading it overlap.
func newWriter(ctx context.Context, send func(*pb.ReadResponse) error) *Writer {
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
	return w
}

// spoolTo makes the Writer write records as spooled files in dir, each
// sent to the host as a SpooledFile message once finished.
func (w *Writer) spoolTo(dir string) {
	w.spool = NewSpoolWriter(dir, SpoolFileBytes, func(f SpooledFile) error {
		return w.enqueue(&pb.ReadResponse{Message: &pb.ReadResponse_Spooled{Spooled: spooledToProto(f)}})
	})
}

// discard stops the sender after a failed read and removes unsent files.
func (w *Writer) discard() {
	if w.spool != nil {
		w.spool.Discard()
	}
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
	f.batch = &pb.RecordBatch{File: name}
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
	if err != nil && w.spool != nil {
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
		f := w.files[name]
		if f.summary.RowsRead < 0 {
			return fmt.Errorf("connector bug: file %s was never marked done (call FileWriter.Done with the rows read)", name)
		}
		if err := f.flush(); err != nil {
			return err
		}
	}
	if w.spool != nil {
		if err := w.spool.Flush(); err != nil {
			return err
		}
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
	w          *Writer
	name       string
	batch      *pb.RecordBatch
	batchLen   int
	batchBytes int
	summary    FileSummary
}

// Name is the file's name as given to Writer.File.
func (f *FileWriter) Name() string { return f.name }

// User streams a user.
func (f *FileWriter) User(u User) error {
	size := len(u.ID) + len(u.Name) + len(u.Email) + len(u.Title) + len(u.Role) + len(u.ManagerID)
	return f.add(KindUser, u.Line, size,
		func(b *pb.RecordBatch) { b.Users = append(b.Users, userToProto(&u)) },
		func(s *SpoolWriter) error { return s.User(f.name, &u) })
}

// Account streams an account.
func (f *FileWriter) Account(a Account) error {
	size := len(a.ID) + len(a.Name) + len(a.OwnerID) + len(a.Type) + len(a.Tier) + len(a.Industry)
	return f.add(KindAccount, a.Line, size,
		func(b *pb.RecordBatch) { b.Accounts = append(b.Accounts, accountToProto(&a)) },
		func(s *SpoolWriter) error { return s.Account(f.name, &a) })
}

// Opportunity streams an opportunity.
func (f *FileWriter) Opportunity(o Opportunity) error {
	size := len(o.ID) + len(o.AccountID) + len(o.OwnerID) + len(o.Name) + len(o.Stage)
	return f.add(KindOpportunity, o.Line, size,
		func(b *pb.RecordBatch) { b.Opportunities = append(b.Opportunities, opportunityToProto(&o)) },
		func(s *SpoolWriter) error { return s.Opportunity(f.name, &o) })
}

// Activity streams an activity with its attendees.
func (f *FileWriter) Activity(a Activity) error {
	size := len(a.ID) + len(a.Subject) + len(a.OwnerID) + len(a.AccountID) + len(a.OpportunityID) + len(a.Status) + len(a.RawType)
	for i := range a.Attendees {
		size += attendeeSize(&a.Attendees[i])
	}
	return f.add(KindActivity, a.Line, size,
		func(b *pb.RecordBatch) { b.Activities = append(b.Activities, activityToProto(&a)) },
		func(s *SpoolWriter) error { return s.Activity(f.name, &a) })
}

// Attendee streams an attendee kept apart from its activity; ActivityID
// must be set.
func (f *FileWriter) Attendee(a Attendee) error {
	return f.add(KindAttendee, a.Line, attendeeSize(&a),
		func(b *pb.RecordBatch) { b.Attendees = append(b.Attendees, attendeeToProto(&a)) },
		func(s *SpoolWriter) error { return s.Attendee(f.name, &a) })
}

func attendeeSize(a *Attendee) int {
	return len(a.ActivityID) + len(a.UserID) + len(a.ContactID) + len(a.Email) + len(a.Name) + len(a.Response) + recordOverheadSize
}

// add puts a record in the file's batch, or in the spool when the host
// asked for spooled files.
func (f *FileWriter) add(kind RecordKind, line int64, size int, appendTo func(*pb.RecordBatch), spool func(*SpoolWriter) error) error {
	if f.w.err != nil {
		return f.w.err
	}
	size += recordOverheadSize
	if size > maxRecordBytes {
		return f.Reject(Reject{Line: line, Reason: fmt.Sprintf("record is %d bytes, over the %d-byte limit", size, maxRecordBytes), Kind: kind})
	}
	if f.w.spool != nil {
		if err := spool(f.w.spool); err != nil {
			f.w.err = err
			return err
		}
		f.summary.Records[kind]++
		return nil
	}
	if f.batchBytes+size > batchMaxBytes {
		if err := f.flush(); err != nil {
			return err
		}
	}
	appendTo(f.batch)
	f.batchLen++
	f.batchBytes += size
	f.summary.Records[kind]++
	if f.batchLen >= batchMaxRecords {
		return f.flush()
	}
	return nil
}

func (f *FileWriter) flush() error {
	if f.batchLen == 0 {
		return nil
	}
	msg := &pb.ReadResponse{Message: &pb.ReadResponse_Batch{Batch: f.batch}}
	f.batch = &pb.RecordBatch{File: f.name}
	f.batchLen, f.batchBytes = 0, 0
	return f.w.enqueue(msg)
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
	return f.flush()
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
