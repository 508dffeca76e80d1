// Package filelock is an advisory lock that serialises writers of one file
// across processes: the CLI's editing commands, the language server's
// commands, and agents running either in parallel.
//
// The lock is a lock file beside the target, ".<name>.lock", held with
// flock(2) (LockFileEx on Windows). It is removed on unlock, so that no
// stray files are left in the user's tree (not on Windows, which cannot
// remove a file another process has open); a locker that acquired a lock
// file another process removed meanwhile sees that the path no longer names
// the file it holds and tries again, so two processes never both hold it.
package filelock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// DefaultTimeout bounds the wait for a lock when the context has no deadline.
const DefaultTimeout = 10 * time.Second

// Path returns the lock file of target.
func Path(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".lock")
}

// Lock takes the lock of target, waiting until ctx is done (DefaultTimeout
// when it has no deadline). The returned function releases it.
func Lock(ctx context.Context, target string) (unlock func() error, err error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	path := Path(target)
	wait := time.Millisecond
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot create the lock file: %w", path, err)
		}
		held, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if held {
			if same, err := stillNamed(f, path); err == nil && same {
				return func() error { return release(f, path) }, nil
			}
			unlockFile(f) // removed by its last holder meanwhile: take the new one
			f.Close()
			continue
		}
		f.Close()
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%s is locked by another writer (an expertise-ls command or server editing %s); gave up after waiting: %w",
				path, filepath.Base(target), context.Cause(ctx))
		case <-time.After(wait):
		}
		wait = min(wait*2, 50*time.Millisecond)
	}
}

// stillNamed reports whether path still names the open file f.
func stillNamed(f *os.File, path string) (bool, error) {
	held, err := f.Stat()
	if err != nil {
		return false, err
	}
	named, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(held, named), nil
}

// release removes the lock file, then lets it go: a waiter that acquires the
// removed file sees it is no longer named and opens a new one.
func release(f *os.File, path string) error {
	var rmErr error
	if removeOnUnlock {
		rmErr = os.Remove(path)
	}
	if errors.Is(rmErr, os.ErrNotExist) {
		rmErr = nil
	}
	unErr := unlockFile(f)
	clErr := f.Close()
	return errors.Join(rmErr, unErr, clErr)
}
