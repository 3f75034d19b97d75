package apipages

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// An export of saved API pages is a directory (or .zip) of JSON files,
// each one page of one collection (a Dataverse entity set, a Zoho
// module), named after it or not: Calls.json, Calls_page2.json,
// appointments (2).json. The helpers here find and order the pages and
// read each one through plugin.Table, so that a connector writes only
// how to recognise its collections and how to map a record.

// pageSuffix is how saved pages are told apart: Calls_page2.json,
// Calls-2.json, Calls (2).json.
var pageSuffix = regexp.MustCompile(`(?i)(\s*\((\d+)\)|[ _.-]*(?:page[ _.-]*)?(\d+))$`)

// StemAndPage splits a page's file name into the collection it names, as
// written, and its page number (1 when it has none).
func StemAndPage(name string) (string, int) {
	base := path.Base(name)
	stem := strings.TrimSuffix(base, path.Ext(base))
	m := pageSuffix.FindStringSubmatch(stem)
	if m == nil {
		return stem, 1
	}
	page, err := strconv.Atoi(m[2] + m[3])
	if err != nil {
		page = 1
	}
	return strings.TrimSuffix(stem, m[0]), page
}

// Collection is what a saved page holds: a Dataverse entity set, a Zoho
// module.
type Collection interface {
	// RecordKind is the kind of record the collection's records become.
	RecordKind() plugin.RecordKind
	// Rank orders the reading: users before the records that name
	// them, say.
	Rank() int
}

// PageFile is a saved page of an export, identified.
type PageFile[C Collection] struct {
	export.File
	// Of is the collection the page holds.
	Of C
	// How says how surely the page was identified, by the connector's
	// own scale; zero is not at all.
	How  int
	stem string
	page int
}

// FindPages lists the .json files of src that identify recognises (a How
// above zero), in reading order: by rank, then by collection name and
// page number.
func FindPages[C Collection](ctx context.Context, src *export.Source, identify func(f export.File) (of C, how int)) ([]PageFile[C], error) {
	var out []PageFile[C]
	for _, f := range src.Files() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !strings.EqualFold(path.Ext(f.Name), ".json") {
			continue
		}
		of, how := identify(f)
		if how == 0 {
			continue
		}
		stem, page := StemAndPage(f.Name)
		out = append(out, PageFile[C]{File: f, Of: of, How: how, stem: strings.ToLower(stem), page: page})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Of.Rank() != b.Of.Rank() {
			return a.Of.Rank() < b.Of.Rank()
		}
		if a.stem != b.stem {
			return a.stem < b.stem
		}
		if a.page != b.page {
			return a.page < b.page
		}
		return a.Name < b.Name
	})
	return out, nil
}

// ReadPage reads the records of one saved page through t: every record
// mapped, rejected or skipped, the file marked done. page gives the keys
// of the records array and what the page should be; its name and size
// are the file's.
func ReadPage(ctx context.Context, src *export.Source, f export.File, page Page, t plugin.Table[Record]) error {
	_, err := readPage(ctx, src, f, page, t)
	return err
}

// readPage is ReadPage, giving the page's members besides its records
// when page asks to keep them.
func readPage(ctx context.Context, src *export.Source, f export.File, page Page, t plugin.Table[Record]) (map[string]json.RawMessage, error) {
	rc, err := src.Open(f)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", f.Name, err)
	}
	defer rc.Close()
	page.Name, page.Size = f.Name, f.Size
	r := NewReader(rc, page)
	if err := t.Read(ctx, r); err != nil {
		return nil, err
	}
	return r.Members(), nil
}

// EstimateSample is how many bytes of records EstimateRecords decodes
// before extrapolating to the whole page: a page up to it is counted
// exactly. A Check estimates every page of an export, and is asked twice
// per ingest (detection, then the chosen connector): at 256 KiB it
// decoded whole pages, and checking 421 saved HubSpot pages (28 MB) cost
// as much as reading them. 16 KiB is a few dozen records of a page,
// enough for an estimate.
const EstimateSample = 16 << 10

var errSampled = errors.New("sampled enough")

// EstimateRecords counts the records of a page, exactly for a small one
// and from the average size of the first records for a large one; 0 when
// the page cannot be read.
func EstimateRecords(src *export.Source, f export.File, keys []string) int64 {
	rc, err := src.Open(f)
	if err != nil {
		return 0
	}
	defer rc.Close()
	var sampled int64
	n, err := Each(rc, keys, func(r Record) error {
		sampled += int64(len(r.Raw))
		if sampled > EstimateSample {
			return errSampled
		}
		return nil
	})
	if errors.Is(err, errSampled) && sampled > 0 {
		return n * f.Size / sampled
	}
	return n
}

// Pages declares a connector of saved pages: its Check and its Read.
// Check finds the pages, weighs each by how it was identified, and
// accepts the export when some page is evidence and some holds users or
// activities (there is someone's time to audit); Read reads every page
// in order through plugin.Table, each record mapped by the connector.
type Pages[C Collection] struct {
	// What names the pages in reasons and errors: "Zoho CRM API pages".
	What string
	// Patterns are the file names of the pages, for errors.
	Patterns []string
	// NotAnExport, NoPages and NoPeople are the refusals of a path that
	// is not a directory or archive (what the connector reads instead),
	// of an export with no page that is evidence, and of one whose pages
	// hold neither users nor activities.
	NotAnExport, NoPages, NoPeople string
	// Keys are where the pages keep their records.
	Keys []string
	// Response says what a page should be, for the error about one
	// without records: "Zoho CRM API response".
	Response string
	// Find lists the export's pages, in reading order.
	Find func(ctx context.Context, src *export.Source) ([]PageFile[C], error)
	// Weights are the confidence, 0 to 100, a page identified so (by
	// its How) gives: 0 (or none) for a page that is the export's but no
	// evidence alone (an empty page), below 0 for one left out (known by
	// name but unreadable).
	Weights map[int]int
	// Continued, when set, says whether a page's own members (those
	// before and after its records) say more records follow it, and in
	// what words for the person who saved it (Zoho's "info.more_records
	// is true"); "" when they do not. Read then refuses an export in
	// which a page that says so is not followed by another (see
	// MissingPageError).
	Continued func(members map[string]json.RawMessage) string
	// PageSuffix is how the product's pages are numbered in the names
	// people give them, a format for the page number ("_page%d" for
	// Calls_page2.json), used to name a missing page after a page that
	// has no number; "_page%d" when empty.
	PageSuffix string
}

// Check accepts an export of saved pages, or refuses it with the reason.
func (pc Pages[C]) Check(ctx context.Context, p string) (plugin.CheckResult, error) {
	src, err := export.Open(p)
	if err != nil {
		return plugin.Refuse(export.OpenRefusal(p, err, pc.NotAnExport)), nil
	}
	defer src.Close()
	pages, err := pc.Find(ctx, src)
	if err != nil {
		return plugin.CheckResult{}, err
	}
	var matches []plugin.FileMatch
	confidence, people := 0, false
	for _, f := range pages {
		weight := pc.Weights[f.How]
		if weight < 0 {
			continue
		}
		confidence = max(confidence, weight)
		kind := f.Of.RecordKind()
		people = people || kind == plugin.KindUser || kind == plugin.KindActivity
		matches = append(matches, plugin.FileMatch{File: f.Name, Kind: kind, SizeBytes: f.Size, EstimatedRows: EstimateRecords(src, f.File, pc.Keys)})
	}
	switch {
	case confidence == 0:
		return plugin.Refuse(pc.NoPages), nil
	case !people:
		return plugin.Refuse(pc.NoPeople), nil
	}
	return export.Accept(pc.What, "records", confidence, matches), nil
}

// A Run is what one Read keeps across the pages (the options, the users
// already read...): Mapper gives the function that maps the records of
// one page, as Pages.Read wants it.
type Run[C Collection] interface {
	Mapper(f PageFile[C], out *plugin.FileWriter) func(*Fields) error
}

// ReadExport is the Read of a connector of the pages pc declares, for
// export.Connector's ReadExport: parse gives the Read's own options,
// start begins a run with them, and every page is read with the run's
// Mapper. An options error is parse's, returned as it is.
func ReadExport[O any, C Collection, R Run[C]](pc Pages[C], parse func(map[string]string) (O, error), start func(O, *plugin.Writer) R) func(context.Context, plugin.ReadRequest, *plugin.Writer) error {
	return func(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
		opts, err := parse(req.Options)
		if err != nil {
			return err
		}
		return pc.Read(ctx, req.Path, w, start(opts, w).Mapper)
	}
}

// Read reads every page of the export at p into w. mapper gives the
// function that maps the records of one page, or nil for a page without
// records to read (an empty file saved from a "204 No Content").
func (pc Pages[C]) Read(ctx context.Context, p string, w *plugin.Writer, mapper func(f PageFile[C], out *plugin.FileWriter) func(*Fields) error) error {
	src, err := export.Open(p)
	if err != nil {
		return fmt.Errorf("opening the %s: %w", pc.What, err)
	}
	defer src.Close()
	pages, err := pc.Find(ctx, src)
	if err != nil {
		return err
	}
	if len(pages) == 0 {
		return fmt.Errorf("%s holds no %s this connector reads (%s)", p, pc.What, strings.Join(pc.Patterns, ", "))
	}
	continued := map[string]string{}
	for _, f := range pages {
		out := w.File(f.Name)
		mapRecord := mapper(f, out)
		if mapRecord == nil {
			if err := out.Done(0); err != nil {
				return err
			}
			continue
		}
		page := Page{Keys: pc.Keys, What: pc.Response, KeepMembers: pc.Continued != nil}
		members, err := readPage(ctx, src, f.File, page, plugin.Table[Record]{Out: out, Kind: f.Of.RecordKind(), Map: func(raw Record) error {
			fields, err := NewFields(raw.Line, raw.Raw, "")
			if err != nil {
				return err
			}
			return mapRecord(fields)
		}})
		if err != nil {
			return err
		}
		if pc.Continued != nil {
			if says := pc.Continued(members); says != "" {
				continued[f.Name] = says
			}
		}
	}
	// Checked once every page is read, as a page's successor may come
	// before it in reading order (Calls (1).json before Calls.json): the
	// host loads a Read all or nothing, so the records already sent are
	// not loaded.
	return missingPages(pages, continued, pc.PageSuffix)
}

// First is the first record of the page in f (nil for a page without
// records), for a Check that tells a collection by its members without
// reading the whole page.
func First(src *export.Source, f export.File, keys []string) (json.RawMessage, error) {
	rc, err := src.Open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return FirstIn(rc, Page{Keys: keys})
}

// FirstIn is the first record of the page read from r (nil for a page
// without records), found as page says (its Keys and NullIsEmpty; its
// other fields are not used). It reads no further than that record.
func FirstIn(r io.Reader, page Page) (json.RawMessage, error) {
	rec, err := newIterator(r, page.Keys, page.NullIsEmpty).next()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	return rec.Raw, err
}
