//go:build browser

package browser

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/salesaudit/salesaudit/internal/cli"
)

// chromedp drives the browser over the DevTools protocol: the checks need
// what only a running page can tell (its layout at a width, its console,
// its PDF), which chromium --headless's one-shot flags do not give.

var shots = flag.String("shots", "", "write the screenshots and PDFs to this folder")

// widths are a desktop's and a phone's (an iPhone 14's 390 CSS pixels).
var widths = []struct {
	name          string
	width, height int64
	mobile        bool
}{
	{"desktop", 1400, 900, false},
	{"phone", 390, 844, true},
}

// papers are the two sizes the report is printed on.
var papers = []struct {
	name string
	size chromedp.PaperSize
}{
	{"A4", chromedp.PaperA4},
	{"Letter", chromedp.PaperLetter},
}

// TestMain lets the test binary be salesaudit's connectors too: the
// audit starts them as this executable with "connector serve".
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "connector" && os.Args[2] == "serve" {
		os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func TestTheHTMLReportInChromium(t *testing.T) {
	ctx := newBrowser(t)
	report := writeAcmeReport(t)
	console := watchConsole(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+report)); err != nil {
		t.Fatalf("opening %s: %v", report, err)
	}
	sections, err := chromedp.Run(ctx, chromedp.Evaluate[[]section](
		`[...document.querySelectorAll("section.manager")].map(s => ({ID: s.id, Name: s.querySelector("h2:last-of-type").textContent}))`))
	if err != nil || len(sections) == 0 {
		t.Fatalf("the report's managers: %v (found %d)", err, len(sections))
	}

	for _, w := range widths {
		t.Run(w.name, func(t *testing.T) { checkLayout(t, ctx, w.width, w.height, w.mobile) })
	}
	for _, p := range papers {
		t.Run("print "+p.name, func(t *testing.T) { checkPrint(t, ctx, p.name, p.size, sections) })
	}
	for _, m := range console.messages() {
		t.Errorf("console: %s", m)
	}
}

// newBrowser starts headless Chromium, or skips the test without one.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("SALESAUDIT_CHROMIUM")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path != "" {
			break
		}
		path, _ = exec.LookPath(name)
	}
	if path == "" {
		t.Skip("no Chromium: apt-get install -y chromium, or set SALESAUDIT_CHROMIUM")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.Flag("hide-scrollbars", true))
	allocated, cancelAllocator := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocated)
	timed, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelBrowser(); cancelAllocator() })
	return timed
}

// writeAcmeReport audits the acme export as a user does and writes the
// HTML report to a file.
// SALESAUDIT_REPORT_HTML names another report to check instead.
func writeAcmeReport(t *testing.T) string {
	t.Helper()
	if given := os.Getenv("SALESAUDIT_REPORT_HTML"); given != "" {
		abs, err := filepath.Abs(given)
		if err != nil {
			t.Fatal(err)
		}
		return abs
	}
	input := filepath.Join("..", "..", "..", "testdata", "salesforce", "acme")
	var stdout, stderr bytes.Buffer
	if code := cli.Run([]string{"audit", "--db", ":memory:", "--format", "html", input}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("salesaudit audit exited %d: %s", code, stderr.String())
	}
	out := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(out, stdout.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// consoleLog gathers what the page wrote to the console as errors or
// warnings, and its uncaught exceptions.
type consoleLog struct {
	mu   sync.Mutex
	seen []string
}

func (c *consoleLog) messages() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.seen...)
}

func watchConsole(t *testing.T, ctx context.Context) *consoleLog {
	t.Helper()
	c := &consoleLog{}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				c.mu.Lock()
				c.seen = append(c.seen, m.String())
				c.mu.Unlock()
			}
		}
	}()
	return c
}

// layout is what the page measures at a width.
type layout struct {
	ScrollWidth, InnerWidth, ScrollHeight int64
	// Wide are the elements that reach past the window, outside the
	// tables that scroll within themselves.
	Wide []string
}

const tileHeight = 2000

var yes = true

const measureLayout = `(() => {
  const d = document.documentElement;
  const wide = [...document.body.querySelectorAll("*")]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5 && !e.closest(".scroll"))
    .slice(0, 8)
    .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && e.className.baseVal === undefined ? "." + e.className : "") +
              " right at " + Math.round(e.getBoundingClientRect().right) + " px");
  return {ScrollWidth: d.scrollWidth, InnerWidth: innerWidth, ScrollHeight: d.scrollHeight, Wide: wide};
})()`

func checkLayout(t *testing.T, ctx context.Context, width, height int64, mobile bool) {
	var opts []chromedp.EmulateViewportOption
	if mobile {
		opts = append(opts, chromedp.EmulateMobile)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, opts...)); err != nil {
		t.Fatal(err)
	}
	l, err := chromedp.Run(ctx, chromedp.Evaluate[layout](measureLayout))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("at %d px wide the page is %d px tall", width, l.ScrollHeight)
	if l.InnerWidth != width {
		t.Errorf("the window is %d px wide at a %d px screen: the viewport tag is missing or ignored", l.InnerWidth, width)
	}
	if l.ScrollWidth > l.InnerWidth {
		t.Errorf("the page is %d px wide in a %d px window: %s", l.ScrollWidth, l.InnerWidth, strings.Join(l.Wide, "; "))
	}
	if *shots == "" {
		return
	}
	// The page in tiles of 2,000 px: whole, it is taller than most image
	// tools take.
	for i, top := 1, int64(0); top < l.ScrollHeight; i, top = i+1, top+tileHeight {
		shot, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			CaptureBeyondViewport: &yes,
			Clip:                  &page.Viewport{X: 0, Y: float64(top), Width: float64(width), Height: float64(min(tileHeight, l.ScrollHeight-top)), Scale: 1},
		})
		if err != nil {
			t.Fatal(err)
		}
		writeShot(t, fmt.Sprintf("report-%d-%02d.png", width, i), shot.Data)
	}
	if !mobile {
		shootOverview(t, ctx, "light", "overview.png")
		shootOverview(t, ctx, "dark", "overview-dark.png")
	}
}

// shootOverview writes a picture of the overview in a colour scheme.
func shootOverview(t *testing.T, ctx context.Context, scheme, name string) {
	t.Helper()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	overview, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#overview")))
	if err != nil {
		t.Fatal(err)
	}
	writeShot(t, name, overview)
}

// section is a manager's part of the page: its id, which the rule matrix
// links to (so the PDF has it as a named destination), and the manager.
type section struct{ ID, Name string }

// pageTop is how far below a page's edge a section may start and still be
// at the top: the page's margin (12 mm, 34 pt) and a little.
const pageTop = 48.0

// checkPrint prints the page to PDF and checks that each manager starts a
// page of their own.
func checkPrint(t *testing.T, ctx context.Context, name string, size chromedp.PaperSize, managers []section) {
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(size), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	if *shots != "" {
		writeShot(t, "report-"+name+".pdf", pdf)
	}
	doc, err := readPDF(pdf)
	if err != nil {
		t.Fatalf("reading the PDF: %v", err)
	}
	t.Logf("%s: %d pages for %d managers", name, len(doc.pages), len(managers))
	if len(doc.pages) <= len(managers) {
		t.Errorf("%s: %d pages, want more than one a manager (%d) and the overview", name, len(doc.pages), len(managers))
	}
	pageOf := map[int]string{}
	for _, m := range managers {
		at, ok := doc.dests[m.ID]
		switch {
		case !ok:
			t.Errorf("%s: %s's section (#%s) is not in the PDF", name, m.Name, m.ID)
		case doc.pages[at.page].height-at.y > pageTop:
			t.Errorf("%s: %s starts %.0f pt down page %d, not at its top", name, m.Name, doc.pages[at.page].height-at.y, at.page+1)
		case pageOf[at.page] != "":
			t.Errorf("%s: %s shares page %d with %s", name, m.Name, at.page+1, pageOf[at.page])
		default:
			pageOf[at.page] = m.Name
		}
	}
}

func writeShot(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(*shots, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*shots, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}
