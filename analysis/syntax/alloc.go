package syntax

/*
#include <stddef.h>

// Defined by the tree-sitter core that go-tree-sitter compiles in.
extern void ts_set_allocator(void *(*)(size_t), void *(*)(size_t, size_t), void *(*)(void *, size_t), void (*)(void *));

// NULL selects the core's defaults: libc malloc, calloc, realloc and free,
// aborting with a message when memory runs out.
static void use_libc_allocator(void) { ts_set_allocator(NULL, NULL, NULL, NULL); }
*/
import "C"

// go-tree-sitter's init routes every allocation of the tree-sitter core
// through cgo callbacks into Go functions that only call libc's malloc and
// free. A callback from C into Go costs about a microsecond, and parsing
// allocates per node, so this init points the core straight at libc instead.
// Memory stays interchangeable: the binding frees what the core returns
// (changed ranges, C strings) with libc's free, the same heap either way.
// Nothing may call sitter.SetAllocator afterwards: it would reinstall the
// callbacks with allocators that need not share libc's heap.
func init() { C.use_libc_allocator() }
