package hubspotapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Layout is how a page was saved: the API's JSON is the same, the
// whitespace is the saving tool's.
type Layout int

const (
	// Lines is a record a line (a script that writes each record as it
	// comes).
	Lines Layout = iota
	// Indented is `jq .`: two spaces a level.
	Indented
	// Compact is one line, as curl saves the response.
	Compact
)

// PageFile is the file of a saved page: name-page-N.json, N from 1.
func PageFile(name string, n int) string { return name + "-page-" + strconv.Itoa(n) + ".json" }

// Next is the paging.next of a page that is not the last.
type Next struct {
	// Object is the API path after /crm/v3/: "objects/deals", "owners".
	Object string
	Limit  int
	// After is the offset of the next page.
	After string
}

// Page writes one list response.
type Page struct {
	w      io.Writer
	layout Layout
	n      int
	line   int64
	buf    bytes.Buffer
	err    error
}

// NewPage starts a page on w.
func NewPage(w io.Writer, layout Layout) *Page {
	p := &Page{w: w, layout: layout, line: 1}
	switch layout {
	case Lines:
		p.write("{\"results\":[\n")
	case Indented:
		p.write("{\n  \"results\": [\n")
	case Compact:
		p.write(`{"results":[`)
	}
	return p
}

// Records counts the records added.
func (p *Page) Records() int { return p.n }

func (p *Page) write(s string) {
	if p.err != nil {
		return
	}
	p.line += int64(strings.Count(s, "\n"))
	_, p.err = io.WriteString(p.w, s)
}

// Add writes a record (an Object, an Owner) as the API does, without
// HTML escaping, and returns the line it starts on.
func (p *Page) Add(v any) int64 {
	text, err := p.marshal(v, "    ")
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("encoding a HubSpot record: %w", err)
	}
	return p.AddRaw(text)
}

// AddRaw writes a record's JSON text as it is (a broken record) and
// returns the line it starts on.
func (p *Page) AddRaw(text string) int64 {
	if p.n > 0 {
		switch p.layout {
		case Compact:
			p.write(",")
		default:
			p.write(",\n")
		}
	}
	if p.layout == Indented {
		p.write("    ")
	}
	line := p.line
	p.write(text)
	p.n++
	return line
}

func (p *Page) marshal(v any, prefix string) (string, error) {
	p.buf.Reset()
	enc := json.NewEncoder(&p.buf)
	enc.SetEscapeHTML(false)
	if p.layout == Indented {
		enc.SetIndent(prefix, "  ")
	}
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(p.buf.String(), "\n"), nil
}

// End ends the page: next is nil on the last page. It returns the first
// error of any write.
func (p *Page) End(next *Next) error {
	switch p.layout {
	case Lines:
		if p.n > 0 {
			p.write("\n")
		}
		p.write("]")
	case Indented:
		p.write("\n  ]")
	case Compact:
		p.write("]")
	}
	if next != nil {
		link := fmt.Sprintf("https://api.hubapi.com/crm/v3/%s?limit=%d&after=%s", next.Object, next.Limit, next.After)
		paging, err := p.marshal(map[string]any{"next": map[string]string{"after": next.After, "link": link}}, "  ")
		if err != nil && p.err == nil {
			p.err = err
		}
		if p.layout == Indented {
			p.write(",\n  \"paging\": " + paging)
		} else {
			p.write(`,"paging":` + paging)
		}
	}
	if p.layout == Indented {
		p.write("\n")
	}
	p.write("}\n")
	return p.err
}
