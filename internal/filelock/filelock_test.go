package filelock

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLockSerialisesWriters: writers that read, wait and write a counter
// under the lock lose no increment, and no lock file is left behind.
func TestLockSerialisesWriters(t *testing.T) {
	target := filepath.Join(t.TempDir(), "expertise.yaml")
	if err := os.WriteFile(target, []byte("0"), 0o644); err != nil {
		t.Fatal(err)
	}
	const writers, rounds = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*rounds)
	for range writers {
		wg.Go(func() {
			for range rounds {
				errs <- increment(target)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(target)
	if string(got) != strconv.Itoa(writers*rounds) {
		t.Errorf("counter = %s, want %d: a write was lost", got, writers*rounds)
	}
	if _, err := os.Stat(Path(target)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file %s left behind (stat: %v)", Path(target), err)
	}
}

func increment(target string) error {
	unlock, err := Lock(context.Background(), target)
	if err != nil {
		return err
	}
	defer unlock()
	b, err := os.ReadFile(target)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return err
	}
	time.Sleep(50 * time.Microsecond) // widen the window a lost update needs
	return os.WriteFile(target, []byte(strconv.Itoa(n+1)), 0o644)
}

// TestLockTimesOut: a lock held elsewhere makes Lock give up when the
// context ends, with an error naming the lock file.
func TestLockTimesOut(t *testing.T) {
	target := filepath.Join(t.TempDir(), "expertise.yaml")
	unlock, err := Lock(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err = Lock(ctx, target)
	if err == nil || !strings.Contains(err.Error(), Path(target)) || !strings.Contains(err.Error(), "locked by another writer") {
		t.Fatalf("Lock of a held lock: %v, want a timeout naming %s", err, Path(target))
	}
}
