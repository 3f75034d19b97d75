package apipages

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// A listing of many records is saved as one file per page, each page but
// the last saying that more follow (Zoho's info.more_records, OData's
// @odata.nextLink, Google's nextPageToken). A page missing from the
// export would lose its records without a trace: the audit would count
// less time than was spent, with nothing to say so. So Pages.Read
// refuses such an export, naming the page that says more follow and the
// file it expected after it. It is a refusal, not a warning: a warning
// in a log is easily missed while the report it comes with looks
// complete, and the fix (saving the page) is the user's to make.
//
// Which page follows which is told by the file names, the only order
// people and scripts give pages (Calls.json, Calls_page2.json;
// calendarView-2.json; appointments (1).json as a browser saves the same
// URL twice): the pages of one listing are those with the same name but
// for their number (StemAndPage) in the same folder. Numbers may start at
// 0 or 1, and a browser's "(1)" is the page after the unnumbered one, so
// a page's successor is not always numbered one more. Two rules hold
// whatever the numbering, and never refuse a complete export:
//   - of k pages of a listing, at most k-1 say more follow: each is
//     followed by another;
//   - a page that says more follow, numbered n, while pages after n+1
//     are there, is followed by n+1.

// MissingPage is a page an export lacks: the page after one that says
// more records follow.
type MissingPage struct {
	// After is the file of the page that says more follow, Says how it
	// says so.
	After, Says string
	// Want is the name the missing page would have, beside After.
	Want string
}

// MissingPagesError refuses an export whose listings lack pages.
type MissingPagesError struct {
	Pages []MissingPage
}

func (e *MissingPagesError) Error() string {
	var b strings.Builder
	b.WriteString("the export lacks pages, and an audit without their records would count less time than was spent:")
	for _, p := range e.Pages {
		fmt.Fprintf(&b, "\n  %s says more records follow (%s), but %s, the page after it, is not in the export", p.After, p.Says, p.Want)
	}
	b.WriteString("\nsave the pages that follow (until one no longer says more follow) beside it under those names, " +
		"or, if a page is saved under another name, rename it so")
	return b.String()
}

// missingPages checks that every page that says more records follow
// (continued, by file name, with how it says so) is followed by another
// of its listing; suffix is Pages.PageSuffix.
func missingPages[C Collection](pages []PageFile[C], continued map[string]string, suffix string) error {
	if len(continued) == 0 {
		return nil
	}
	listings := map[string][]PageFile[C]{}
	var order []string
	for _, f := range pages {
		key := strings.ToLower(path.Dir(f.Name)) + "\x00" + f.stem
		if listings[key] == nil {
			order = append(order, key)
		}
		listings[key] = append(listings[key], f)
	}
	var missing []MissingPage
	for _, key := range order {
		listing := listings[key] // by page number, as FindPages orders them
		numbered := map[int]bool{}
		for _, f := range listing {
			numbered[f.page] = true
		}
		last := listing[len(listing)-1].page
		saying, reported := 0, map[int]bool{}
		var lastSaying *PageFile[C]
		for i, f := range listing {
			says := continued[f.Name]
			if says == "" {
				continue
			}
			saying++
			lastSaying = &listing[i]
			if !numbered[f.page+1] && last > f.page+1 && !reported[f.page+1] {
				reported[f.page+1] = true
				missing = append(missing, MissingPage{After: f.Name, Says: says, Want: nextPageName(f.Name, f.page, listing, suffix)})
			}
		}
		if saying >= len(listing) && !reported[lastSaying.page+1] {
			missing = append(missing, MissingPage{After: lastSaying.Name, Says: continued[lastSaying.Name],
				Want: nextPageName(lastSaying.Name, lastSaying.page, listing, suffix)})
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &MissingPagesError{Pages: missing}
}

// lastNumber is the last run of digits of a page's suffix.
var lastNumber = regexp.MustCompile(`\d+`)

// nextPageName names the page after the page in name, numbered page:
// numbered as it is (Calls_page1.json, Calls_page2.json; "Calls
// (1).json", "Calls (2).json"), else as the listing's other pages are,
// else with suffix (Pages.PageSuffix).
func nextPageName[C Collection](name string, page int, listing []PageFile[C], suffix string) string {
	dir, base := path.Split(name)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	if m := pageSuffix.FindStringIndex(stem); m != nil {
		return dir + stem[:m[0]] + renumber(stem[m[0]:], page+1) + ext
	}
	for _, other := range listing {
		otherStem := strings.TrimSuffix(path.Base(other.Name), path.Ext(other.Name))
		if m := pageSuffix.FindStringIndex(otherStem); m != nil {
			return dir + stem + renumber(otherStem[m[0]:], page+1) + ext
		}
	}
	if suffix == "" {
		suffix = "_page%d"
	}
	return dir + stem + fmt.Sprintf(suffix, page+1) + ext
}

// renumber writes n in place of the last number of a page's suffix, with
// as many digits at least (_page01 → _page02).
func renumber(suffix string, n int) string {
	all := lastNumber.FindAllStringIndex(suffix, -1)
	at := all[len(all)-1]
	return suffix[:at[0]] + fmt.Sprintf("%0*d", at[1]-at[0], n) + suffix[at[1]:]
}

// NextLink is Pages.Continued for OData pages (Dataverse's Web API,
// Microsoft Graph): a page followed by more has an @odata.nextLink, the
// URL of the next one.
func NextLink(members map[string]json.RawMessage) string {
	if Text(members["@odata.nextLink"]) == "" {
		return ""
	}
	return "it has an @odata.nextLink: a GET of that link returns them"
}
