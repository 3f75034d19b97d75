package connectortest

import "testing"

// TestRandIsSplitMix64 pins the generator to SplitMix64's published
// output: every connector's committed fixtures depend on these numbers.
func TestRandIsSplitMix64(t *testing.T) {
	r := NewRand(1234567)
	want := []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821}
	for i, w := range want {
		if got := r.Next(); got != w {
			t.Fatalf("number %d is %d, want %d", i, got, w)
		}
	}
}
