package bin

import "testing"

func TestRoundTripAndCorruption(t *testing.T) {
	var w Writer
	w.Uint(1 << 40)
	w.Int(-3)
	w.String("héllo")
	w.Bytes([]byte{0, 1, 2})
	r := Reader{B: w.B}
	if r.Uint() != 1<<40 || r.Int() != 0 || r.String() != "héllo" || string(r.Bytes()) != "\x00\x01\x02" || r.Err != nil || len(r.B) != 0 {
		t.Fatalf("round trip failed: err %v, %d bytes left", r.Err, len(r.B))
	}
	for cut := range len(w.B) {
		r := Reader{B: w.B[:cut]}
		r.Uint()
		r.Int()
		_ = r.String()
		r.Bytes()
		if r.Err == nil {
			t.Errorf("input cut at %d of %d read without an error", cut, len(w.B))
		}
	}
	huge := Reader{B: []byte{0xff, 0xff, 0xff, 0x07, 'a'}} // a length far beyond the input
	if huge.Bytes(); huge.Err == nil {
		t.Error("a length beyond the input was accepted")
	}
}
