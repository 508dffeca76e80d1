//go:build !unix

package walk

import "os"

// ReadFile reads the file at path (os.ReadFile; size is the walk's).
func ReadFile(path string, size int64) ([]byte, error) { return os.ReadFile(path) }
