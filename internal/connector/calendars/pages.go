package calendars

import (
	"context"
	"fmt"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Calendar is a page of one person's calendar: an apipages.Collection
// that knows its owner, "" when unknown.
type Calendar interface {
	apipages.Collection
	Owner() string
}

// Find is rc's Find, each page's owner the one its own members name
// (Graph's @odata.context, Google's summary), else the mailbox its file is
// saved under (MailboxOf), which withOwner sets.
func Find[C Calendar](rc apipages.Recognizer[C], withOwner func(C, string) C) func(context.Context, *export.Source) ([]apipages.PageFile[C], error) {
	return func(ctx context.Context, src *export.Source) ([]apipages.PageFile[C], error) {
		return apipages.FindPages(ctx, src, func(f export.File) (C, int) {
			page, how := rc.Recognize(src, f)
			if page.Owner() == "" && how != apipages.Unrecognized {
				page = withOwner(page, MailboxOf(src, f.Name))
			}
			return page, how
		})
	}
}

// A Mapper maps the events of one page: given the people of the Read and
// every page found (before any is read), it gives the function
// apipages.Pages.Read wants.
type Mapper[C Calendar] func(people *People, found []apipages.PageFile[C]) func(apipages.PageFile[C], *plugin.FileWriter) func(*apipages.Fields) error

// Read reads the calendar pages pc declares at path: it finds them first,
// for their owners (internal to the company, whose domains are theirs when
// domains is empty), reads every page with the mapping start gives, then
// streams the users the pages named.
func Read[C Calendar](ctx context.Context, path string, w *plugin.Writer, pc apipages.Pages[C], domains []string, start Mapper[C]) error {
	src, err := export.Open(path)
	if err != nil {
		return fmt.Errorf("opening the %s: %w", pc.What, err)
	}
	found, err := pc.Find(ctx, src)
	src.Close()
	if err != nil {
		return err
	}
	var owners []string
	for _, p := range found {
		if o := p.Of.Owner(); o != "" {
			owners = append(owners, o)
		}
	}
	people := NewPeople(domains, owners)
	if err := pc.Read(ctx, path, w, start(people, found)); err != nil {
		return err
	}
	return people.WriteUsers(w)
}

// options are a calendar connector's Read options: the company's domains.
type options struct{ domains []string }

func declareOptions(opts *options) plugin.Options {
	return plugin.Options{DomainsOption(&opts.domains)}
}

// Connector declares a calendar connector of the pages pc declares: about
// is its Info (users and activities, from a directory or a .zip), Check
// is pc's, and every Read parses the domains option (who names the
// connector in its errors) and reads the pages with Read.
func Connector[C Calendar](about plugin.Info, who string, pc apipages.Pages[C], start Mapper[C]) *export.Connector {
	about.Kinds = []plugin.RecordKind{plugin.KindUser, plugin.KindActivity}
	about.FilePatterns, about.AcceptsDirectory, about.AcceptsArchive = pc.Patterns, true, true
	parse := export.ParseOptions(who, options{}, declareOptions)
	return &export.Connector{About: about, Options: declareOptions(&options{}), CheckExport: pc.Check,
		ReadExport: func(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
			opts, err := parse(req.Options)
			if err != nil {
				return err
			}
			return Read(ctx, req.Path, w, pc, opts.domains, start)
		}}
}
