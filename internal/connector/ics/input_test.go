package ics

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
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
	decoded := decodeText([]byte(text))
	if !utf8.ValidString(decoded) || strings.Count(decoded, "\n") != strings.Count(text, "\n") {
		t.Fatalf("decoded text is not UTF-8 with the same lines: %q", decoded)
	}
	dir := t.TempDir()
	writeFile(t, dir, "google.ics", text)
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
