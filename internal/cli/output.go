package cli

import (
	"os"

	"golang.org/x/term"

	"github.com/salesaudit/salesaudit/internal/render"
)

// tableWidth is the width to fit terminal tables on standard output to:
// the terminal's, when it is one (render.FitWidth); else the fixed
// render.TerminalWidth, so that a file or a pipe gets the same output
// whoever runs it.
func (a *app) tableWidth() int {
	f, ok := a.stdout.(*os.File)
	if !ok {
		return render.FitWidth(0)
	}
	columns, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return render.FitWidth(0) // not a terminal
	}
	return render.FitWidth(columns)
}

// writeTable writes a table on standard output, fitted to it.
func (a *app) writeTable(format render.Format, t *render.Table) error {
	return render.WriteWidth(a.stdout, format, t, a.tableWidth())
}
