package ics

import (
	"bytes"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

// foldAtOctets folds a content line every 75 octets, as Google does,
// splitting a character when one falls there.
func foldAtOctets(line string) string {
	b := []byte(line)
	var out bytes.Buffer
	out.Write(b[:min(75, len(b))])
	for b = b[min(75, len(b)):]; len(b) > 0; b = b[min(74, len(b)):] {
		out.WriteString("\r\n ")
		out.Write(b[:min(74, len(b))])
	}
	return out.String()
}

func TestFoldInsideACharacterStaysUTF8(t *testing.T) {
	// 74 octets before "é": the fold falls between its two bytes.
	summary := "SUMMARY:Revisión de precios con Comercial Ferrán: catálogo 2027, y de México"
	folded := foldAtOctets(summary)
	if !strings.Contains(folded, "\xc3\r\n \xa9") {
		t.Fatalf("the fixture does not split é: %q", folded)
	}
	text := calendar("X-WR-CALNAME:"+ana, event("UID:split-fold", "DTSTART:20260302T090000Z", folded, "ORGANIZER;CN=Ana Costa:mailto:"+ana))
	decoded, _ := decodeText([]byte(text))
	if !utf8.ValidString(decoded) || strings.Count(decoded, "\n") != strings.Count(text, "\n") {
		t.Fatalf("decoded text is not UTF-8 with the same lines: %q", decoded)
	}
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "google.ics", text)
	got, _ := read(t, filepath.Join(dir, "google.ics"), march2026)
	if len(got.Activities) != 1 || got.Activities[0].Subject != strings.TrimPrefix(summary, "SUMMARY:") {
		t.Errorf("subject after a fold inside é: %+v", got.Activities)
	}
}

func TestMendSplitCharacters(t *testing.T) {
	cases := map[string]string{
		"A:x\xc3\r\n \xa9y\r\n":           "A:x\r\n \xc3\xa9y\r\n",
		"A:x\xe2\x82\n\t\xacy\n":          "A:x\n\t\xe2\x82\xacy\n",
		"A:\xf0\x9f\r\n \x98\x80\r\n":     "A:\r\n \xf0\x9f\x98\x80\r\n",
		"A:whole é\r\n more\r\n":          "A:whole é\r\n more\r\n",
		"A:not a fold \xc3\r\nB:\xa9\r\n": "A:not a fold \xc3\r\nB:\xa9\r\n",
	}
	for in, want := range cases {
		if got := string(mendSplitCharacters([]byte(in))); got != want {
			t.Errorf("mendSplitCharacters(%q) = %q, want %q", in, got, want)
		}
	}
}

// A calendar merged from Google (UTF-8, a fold inside é) and an old
// Outlook (Windows-1252) is decoded content line by content line: neither
// event's text is mojibake, and the summary says the file mixed both.
func TestAFileOfBothEncodingsIsDecodedLineByLine(t *testing.T) {
	summary := "SUMMARY:Revisión de precios con Comercial Ferrán: catálogo 2027, y de México"
	utf8Event := event("UID:google", "DTSTART:20260302T090000Z", foldAtOctets(summary), "ORGANIZER;CN=Ana Costa:mailto:"+ana)
	outlookEvent := event("UID:outlook", "DTSTART:20260303T090000Z", "SUMMARY:Caf\xe9 avec Andr\xe9", "ORGANIZER;CN=Ana Costa:mailto:"+ana)
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "merged.ics", calendar("X-WR-CALNAME:"+ana, utf8Event, outlookEvent))
	got, sum := read(t, filepath.Join(dir, "merged.ics"), march2026)
	subjects := map[string]string{}
	for _, a := range got.Activities {
		subjects[a.ID] = a.Subject
	}
	values := slices.Collect(maps.Values(subjects))
	if len(subjects) != 2 || !slices.Contains(values, strings.TrimPrefix(summary, "SUMMARY:")) || !slices.Contains(values, "Café avec André") {
		t.Errorf("subjects %q, want the Google one in UTF-8 and the Outlook one in Windows-1252", subjects)
	}
	var decoding plugin.Decoding
	for _, f := range sum.Files {
		if f.File == "merged.ics" {
			decoding = f.Decoding
		}
	}
	if !decoding.Mixed() || decoding.SingleByteLines != 1 || decoding.SingleByte != "windows-1252" {
		t.Errorf("decoding %+v, want one Windows-1252 line among UTF-8 ones", decoding)
	}
}

// A content line over the SDK's row limit breaks its event, which is
// rejected naming the line; the events around it load.
func TestALineOverTheLimitRejectsItsEvent(t *testing.T) {
	long := "SUMMARY:" + strings.Repeat("\x00", plugin.MaxRowBytes)
	text := calendar("X-WR-CALNAME:"+ana,
		event("UID:before", "DTSTART:20260302T090000Z", "SUMMARY:Before", "ORGANIZER;CN=Ana Costa:mailto:"+ana),
		event("UID:long", "DTSTART:20260303T090000Z", long, "ORGANIZER;CN=Ana Costa:mailto:"+ana),
		event("UID:after", "DTSTART:20260304T090000Z", "SUMMARY:After", "ORGANIZER;CN=Ana Costa:mailto:"+ana))
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "long.ics", text)
	got, _ := read(t, filepath.Join(dir, "long.ics"), march2026)
	if len(got.Activities) != 2 || got.Activities[0].Subject != "Before" || got.Activities[1].Subject != "After" {
		t.Errorf("activities %.80v, want Before and After", got.Activities)
	}
	if len(got.Rejected) != 1 || !strings.Contains(got.Rejected[0].Reason, "is over 16 MB, the longest a line may be") {
		t.Errorf("rejects %.200v, want the long event's", got.Rejected)
	}
}
