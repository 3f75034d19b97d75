//go:build browser

package browser

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// Chromium's PDF (Skia's) is plain enough to read with a few patterns: a
// classic cross-reference table, dictionaries in the clear, and a named
// destination for each element a link points to (each manager's section,
// which the rule matrix links to), with the page and the height on it. No
// PDF library of the module proxy's is needed for that.

// pdfDoc is what the check reads from a PDF: its pages in order, with
// their heights, and where each named destination is.
type pdfDoc struct {
	pages []pdfPage
	dests map[string]pdfPlace
}

type pdfPage struct {
	ref    int
	height float64
}

// pdfPlace is a destination's page (from 0) and its height on the page,
// in points from the bottom.
type pdfPlace struct {
	page int
	y    float64
}

var (
	startXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefHead  = regexp.MustCompile(`^xref\s+0\s+(\d+)\s+`)
	rootRef   = regexp.MustCompile(`/Root (\d+) 0 R`)
	pagesRef  = regexp.MustCompile(`/Pages (\d+) 0 R`)
	destsRef  = regexp.MustCompile(`/Dests (\d+) 0 R`)
	kidsList  = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	anyRef    = regexp.MustCompile(`(\d+) 0 R`)
	mediaBox  = regexp.MustCompile(`/MediaBox \[([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\]`)
	namedDest = regexp.MustCompile(`/([A-Za-z0-9_.-]+) \[(\d+) 0 R /XYZ [\d.-]+ ([\d.-]+)`)
)

func readPDF(data []byte) (*pdfDoc, error) {
	objects, err := xrefTable(data)
	if err != nil {
		return nil, err
	}
	object := func(n int) (string, error) {
		if n <= 0 || n >= len(objects) || objects[n] <= 0 || objects[n] >= len(data) {
			return "", fmt.Errorf("no object %d", n)
		}
		body := data[objects[n]:]
		if end := bytes.Index(body, []byte("endobj")); end > 0 {
			body = body[:end]
		}
		if stream := bytes.Index(body, []byte("stream")); stream > 0 {
			body = body[:stream]
		}
		return string(body), nil
	}
	trailer := string(data[bytes.LastIndex(data, []byte("trailer")):])
	root := rootRef.FindStringSubmatch(trailer)
	if root == nil {
		return nil, fmt.Errorf("no /Root in the trailer")
	}
	catalog, err := object(atoi(root[1]))
	if err != nil {
		return nil, err
	}
	doc := &pdfDoc{dests: map[string]pdfPlace{}}
	pages := pagesRef.FindStringSubmatch(catalog)
	if pages == nil {
		return nil, fmt.Errorf("no /Pages in the catalog")
	}
	if err := doc.walkPages(object, atoi(pages[1])); err != nil {
		return nil, err
	}
	dests := destsRef.FindStringSubmatch(catalog)
	if dests == nil {
		return doc, nil // no link in the document
	}
	names, err := object(atoi(dests[1]))
	if err != nil {
		return nil, err
	}
	index := map[int]int{}
	for i, p := range doc.pages {
		index[p.ref] = i
	}
	for _, m := range namedDest.FindAllStringSubmatch(names, -1) {
		page, ok := index[atoi(m[2])]
		if !ok {
			return nil, fmt.Errorf("destination %s is on object %s, which is no page", m[1], m[2])
		}
		y, _ := strconv.ParseFloat(m[3], 64)
		doc.dests[m[1]] = pdfPlace{page: page, y: y}
	}
	return doc, nil
}

// xrefTable is the offset of each object, by number.
func xrefTable(data []byte) ([]int, error) {
	tail := data[max(0, len(data)-64):]
	m := startXref.FindSubmatch(tail)
	if m == nil {
		return nil, fmt.Errorf("no startxref at the end")
	}
	table := data[atoi(string(m[1])):]
	head := xrefHead.FindSubmatch(table)
	if head == nil {
		return nil, fmt.Errorf("no classic xref table (a cross-reference stream?)")
	}
	n := atoi(string(head[1]))
	entries := table[len(head[0]):]
	offsets := make([]int, n)
	for i := range n {
		if len(entries) < 20*(i+1) {
			return nil, fmt.Errorf("the xref table ends at entry %d of %d", i, n)
		}
		entry := entries[20*i : 20*i+20]
		if entry[17] == 'n' {
			offsets[i] = atoi(string(entry[:10]))
		}
	}
	return offsets, nil
}

// walkPages lists the pages of the page tree under ref, in order.
func (d *pdfDoc) walkPages(object func(int) (string, error), ref int) error {
	body, err := object(ref)
	if err != nil {
		return err
	}
	kids := kidsList.FindStringSubmatch(body)
	if kids == nil { // a page
		box := mediaBox.FindStringSubmatch(body)
		if box == nil {
			return fmt.Errorf("page object %d has no /MediaBox", ref)
		}
		top, _ := strconv.ParseFloat(box[4], 64)
		d.pages = append(d.pages, pdfPage{ref: ref, height: top})
		return nil
	}
	for _, kid := range anyRef.FindAllStringSubmatch(kids[1], -1) {
		if err := d.walkPages(object, atoi(kid[1])); err != nil {
			return err
		}
	}
	return nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
