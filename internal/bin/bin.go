// Package bin is a small binary encoding for the cache: unsigned varints,
// length-prefixed strings and bytes, appended to a buffer and read back
// with the first error kept (a truncated or corrupt input reads as zero
// values and an error, never a panic).
package bin

import (
	"encoding/binary"
	"errors"
)

// ErrCorrupt is what a Reader reports when its input ends early or a
// length does not fit.
var ErrCorrupt = errors.New("bin: corrupt input")

// Writer appends values to B.
type Writer struct{ B []byte }

// Uint appends an unsigned varint.
func (w *Writer) Uint(v uint64) { w.B = binary.AppendUvarint(w.B, v) }

// Int appends a non-negative int (negative ones are written as 0).
func (w *Writer) Int(v int) {
	if v < 0 {
		v = 0
	}
	w.Uint(uint64(v))
}

// String appends a length-prefixed string.
func (w *Writer) String(s string) {
	w.Int(len(s))
	w.B = append(w.B, s...)
}

// Bytes appends length-prefixed bytes.
func (w *Writer) Bytes(b []byte) {
	w.Int(len(b))
	w.B = append(w.B, b...)
}

// Reader reads what a Writer wrote. Err is the first error met.
type Reader struct {
	B   []byte
	Err error
}

// Uint reads an unsigned varint.
func (r *Reader) Uint() uint64 {
	if r.Err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.B)
	if n <= 0 {
		r.Err = ErrCorrupt
		return 0
	}
	r.B = r.B[n:]
	return v
}

// Int reads an int that Int wrote; Len bounds it by what is left to read
// when it is a count of at least one byte each.
func (r *Reader) Int() int {
	v := r.Uint()
	if v > 1<<31 {
		r.Err = ErrCorrupt
		return 0
	}
	return int(v)
}

// Len reads a count of items of at least one byte each: never more than
// the bytes left, so that corrupt input cannot make a huge allocation.
func (r *Reader) Len() int {
	n := r.Int()
	if n > len(r.B) {
		r.Err = ErrCorrupt
		return 0
	}
	return n
}

// Bytes reads length-prefixed bytes, sharing the input's memory.
func (r *Reader) Bytes() []byte {
	n := r.Len()
	if r.Err != nil {
		return nil
	}
	b := r.B[:n:n]
	r.B = r.B[n:]
	return b
}

// String reads a length-prefixed string.
func (r *Reader) String() string { return string(r.Bytes()) }
