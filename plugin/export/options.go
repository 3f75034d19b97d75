package export

import (
	"context"
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// ParseOptions is the options parser of a connector whose Read options
// are declared by declare, each option's Set putting its value into an
// O: every Read starts from a copy of defaults (a shallow one), so that
// two Reads share nothing. who names the connector in errors ("the Zoho
// connector"). Connector.Options is declare of any O, for Info's help.
func ParseOptions[O any](who string, defaults O, declare func(*O) plugin.Options) func(map[string]string) (O, error) {
	return func(raw map[string]string) (O, error) {
		opts := defaults
		err := declare(&opts).Parse(who, raw)
		return opts, err
	}
}

// ReadSource is a Connector's ReadExport made of the steps every
// connector that reads its export itself begins with: it parses
// req.Options with parse (an error is parse's, as it is), opens the export
// at req.Path, and hands both to read, closing the export after. what
// names the export in the error of one that cannot be opened: "Salesforce
// export".
func ReadSource[O any](what string, parse func(map[string]string) (O, error),
	read func(ctx context.Context, src *Source, opts O, w *plugin.Writer) error) func(context.Context, plugin.ReadRequest, *plugin.Writer) error {
	return func(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
		opts, err := parse(req.Options)
		if err != nil {
			return err
		}
		src, err := Open(req.Path)
		if err != nil {
			return fmt.Errorf("opening the %s: %w", what, err)
		}
		defer src.Close()
		return read(ctx, src, opts, w)
	}
}

// FieldOption is a Read option naming a field of the export, such as the
// one that holds an account's tier: the value given is put in *field,
// "none" (in any case) as "", for no field; an empty value leaves *field
// as it was, its default.
func FieldOption(name, help string, field *string) plugin.Option {
	return plugin.Option{Name: name, Help: help, Set: func(v string) error {
		switch {
		case strings.EqualFold(v, "none"):
			*field = ""
		case v != "":
			*field = v
		}
		return nil
	}}
}
