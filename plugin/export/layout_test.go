package export

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
)

var testLayout = Layout{
	Name:        "Closely export",
	NotAnExport: "a Closely export is a directory",
	Files: []FilePattern{
		{Name: "users.jsonl", Kind: plugin.KindUser, MustFit: true, Sniff: func(src *Source, f File) string {
			head, err := src.Head(f, 64)
			if err != nil || !strings.HasPrefix(string(head), "{") {
				return f.Name + " is not JSON Lines"
			}
			return ""
		}},
		{Name: "activities*.jsonl", Kind: plugin.KindActivity},
	},
	Require: []Requirement{{AnyOf: []string{"activities*.jsonl"}, Missing: "no activities"}},
}

func TestLayoutChecksAndReadsInOrder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "USERS.jsonl"), "{\"id\": 1}\n{\"id\": 2}\n")
	writeFile(t, filepath.Join(dir, "activities-2.jsonl"), "{}\n")
	writeFile(t, filepath.Join(dir, "activities-1.jsonl"), "{}\n{}\n{}")
	writeFile(t, filepath.Join(dir, "notes.txt"), "not read")
	res, err := testLayout.Check(context.Background(), dir)
	if err != nil || !res.Accepted || res.Confidence != 90 || len(res.Files) != 3 {
		t.Fatalf("check = %+v, %v", res, err)
	}
	if res.Files[0].File != "USERS.jsonl" || res.Files[0].EstimatedRows != 2 || res.Files[1].EstimatedRows != 3 {
		t.Errorf("files %+v", res.Files)
	}
	if !strings.HasPrefix(res.Reason, "a Closely export: USERS.jsonl (~2 rows)") {
		t.Errorf("reason %q", res.Reason)
	}
	var read []string
	err = testLayout.Read(context.Background(), dir, func(f Found, r io.Reader) error {
		read = append(read, f.Name+":"+string(f.Pattern.Kind))
		return nil
	})
	if err != nil || strings.Join(read, " ") != "USERS.jsonl:user activities-1.jsonl:activity activities-2.jsonl:activity" {
		t.Errorf("read %v, %v", read, err)
	}
}

func TestLayoutRefusesWithAReason(t *testing.T) {
	noActivities := t.TempDir()
	writeFile(t, filepath.Join(noActivities, "users.jsonl"), "{}\n")
	misfit := t.TempDir()
	writeFile(t, filepath.Join(misfit, "users.jsonl"), "id,name\n")
	writeFile(t, filepath.Join(misfit, "activities.jsonl"), "{}\n")
	plain := filepath.Join(t.TempDir(), "users.jsonl")
	writeFile(t, plain, "{}\n")
	for path, want := range map[string]string{
		noActivities:                          "no activities",
		misfit:                                "users.jsonl is not JSON Lines",
		plain:                                 "not a directory or a .zip archive: a Closely export is a directory",
		filepath.Join(t.TempDir(), "missing"): "does not exist",
	} {
		res, err := testLayout.Check(context.Background(), path)
		if err != nil || res.Accepted || !strings.Contains(res.Reason, want) {
			t.Errorf("%s: %+v, %v; want a refusal saying %q", path, res, err, want)
		}
	}
}

func TestConnectorTakesItsOwnCheckAndRead(t *testing.T) {
	var read bool
	c := &Connector{
		About:       plugin.Info{Name: "own"},
		Options:     plugin.Options{{Name: "x", Help: "an option"}},
		CheckExport: func(context.Context, string) (plugin.CheckResult, error) { return plugin.Refuse("its own"), nil },
		ReadExport: func(_ context.Context, req plugin.ReadRequest, _ *plugin.Writer) error {
			read = req.Options["unknown"] == "kept" // not parsed by Read
			return nil
		},
	}
	info, err := c.Info(context.Background())
	if err != nil || info.ProtocolVersion != plugin.ProtocolVersion || len(info.Options) != 1 {
		t.Errorf("info %+v, %v", info, err)
	}
	if res, err := c.Check(context.Background(), t.TempDir()); err != nil || res.Reason != "its own" {
		t.Errorf("check %+v, %v", res, err)
	}
	if err := c.Read(context.Background(), plugin.ReadRequest{Options: map[string]string{"unknown": "kept"}}, nil); err != nil || !read {
		t.Errorf("read %v, %v", read, err)
	}
}

func TestNaturalLessReadsPagesInPageOrder(t *testing.T) {
	names := []string{"meetings-page-10.json", "meetings-page-2.json", "meetings-page-1.json"}
	if !NaturalLess(names[2], names[1]) || !NaturalLess(names[1], names[0]) || NaturalLess(names[0], names[1]) {
		t.Errorf("page order is not numeric")
	}
}

// recognisedLayout knows its files by their first line, whatever their
// names, reads calls before meetings, and says what it lacks.
var recognisedLayout = Layout{
	Name: "Closely export",
	Files: []FilePattern{{Name: "*.txt", Recognize: func(src *Source, f File) (Recognition, bool) {
		head, err := src.Head(f, 64)
		kind, _, _ := strings.Cut(string(head), "\n")
		if strings.Contains(kind, ";") {
			return Recognition{Problem: f.Name + " is separated by semicolons"}, true
		}
		if err != nil || (kind != "calls" && kind != "meetings" && kind != "users") {
			return Recognition{}, false
		}
		return Recognition{Kind: plugin.KindActivity, Holds: kind}, true
	}}},
	Less: func(a, b Found) bool { return fmt.Sprint(a.Holds) < fmt.Sprint(b.Holds) },
	Judge: func(found []Found) string {
		for _, f := range found {
			if f.Holds != "users" {
				return ""
			}
		}
		return "no calls or meetings"
	},
	Describe: func(found []Found, files []plugin.FileMatch) (string, int) {
		return fmt.Sprintf("%d Closely files, first %v, %d found", len(files), found[0].Holds, len(found)), 70
	},
}

func TestLayoutRecognisesFilesByContent(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "meetings\n1\n")
	writeFile(t, filepath.Join(dir, "b.txt"), "calls\n1\n2\n")
	writeFile(t, filepath.Join(dir, "c.txt"), "a read-me\n")
	res, err := recognisedLayout.Check(context.Background(), dir)
	if err != nil || !res.Accepted || res.Confidence != 70 || res.Reason != "2 Closely files, first calls, 2 found" {
		t.Fatalf("check = %+v, %v", res, err)
	}
	if len(res.Files) != 2 || res.Files[0].File != "b.txt" || res.Files[0].Kind != plugin.KindActivity || res.Files[0].EstimatedRows != 3 {
		t.Errorf("files %+v", res.Files)
	}
	var read []string
	err = recognisedLayout.Read(context.Background(), dir, func(f Found, r io.Reader) error {
		read = append(read, f.Name+":"+f.Holds.(string))
		return nil
	})
	if err != nil || strings.Join(read, " ") != "b.txt:calls a.txt:meetings" {
		t.Errorf("read %v, %v", read, err)
	}
	usersOnly := t.TempDir()
	writeFile(t, filepath.Join(usersOnly, "u.txt"), "users\n")
	if res, err := recognisedLayout.Check(context.Background(), usersOnly); err != nil || res.Accepted || res.Reason != "no calls or meetings" {
		t.Errorf("users only: %+v, %v", res, err)
	}
}

func TestLayoutTellsFilesThatCannotBeReadAsTheyAre(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "calls;meetings\n")
	writeFile(t, filepath.Join(dir, "b.txt"), "calls\n1\n")
	res, err := recognisedLayout.Check(context.Background(), dir)
	if err != nil || !res.Accepted || len(res.Files) != 1 || res.Reason != "1 Closely files, first <nil>, 2 found" {
		t.Errorf("check = %+v, %v", res, err)
	}
	err = recognisedLayout.Read(context.Background(), dir, func(Found, io.Reader) error { return nil })
	if err == nil || err.Error() != "cannot read the Closely export "+dir+": a.txt is separated by semicolons" {
		t.Errorf("read: %v", err)
	}
}
