package apipages

// Guard is mapRecord with m checked first, on the first record it maps
// (see Check: records says whose member it is, noun what the product
// calls one, also its other names): the mapper of one page, so that
// every page is checked.
func (m OptionMember) Guard(records, noun string, mapRecord func(*Fields) error, also ...string) func(*Fields) error {
	return func(r *Fields) error {
		if err := m.Check(r, records, noun, also...); err != nil {
			return err
		}
		return mapRecord(r)
	}
}
