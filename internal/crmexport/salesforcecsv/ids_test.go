package salesforcecsv

import "testing"

func TestCaseSuffix(t *testing.T) {
	// Salesforce's own example: 001A0000006Vm9r is 001A0000006Vm9rIAC.
	// By hand, the blocks are 001A0 00000 6Vm9r: A is the fourth of its
	// block (bit 3: 8, I), the second block has no capital (A), V is the
	// second of its block (bit 1: 2, C).
	for id15, want := range map[string]string{
		"001A0000006Vm9r": "IAC",
		"000000000000000": "AAA",
		"ABCDEFGHIJKLMNO": "555",
	} {
		if got := CaseSuffix(id15); got != want {
			t.Errorf("CaseSuffix(%s) = %s, want %s", id15, got, want)
		}
		if got := string(AppendCaseSuffix([]byte("x"), []byte(id15))); got != "x"+want {
			t.Errorf("AppendCaseSuffix(x, %s) = %s, want x%s", id15, got, want)
		}
	}
}
