package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progress shows how far a long check has come on a terminal: one line on
// stderr, rewritten every 200 ms once the check has run for progressDelay,
// and cleared at the end. It shows nothing when stderr is not a terminal
// (piped, redirected to a log) or under CI, whose logs keep every byte.
type progress struct {
	w      io.Writer
	stop   chan struct{}
	done   sync.WaitGroup
	status func() string
}

// progressDelay is how long a check runs before it shows progress.
var progressDelay = 2 * time.Second

// showProgress starts showing status() on w if w is a terminal outside CI;
// the returned progress's end stops it. status must be safe to call from
// another goroutine.
func showProgress(w io.Writer, status func() string) *progress {
	p := &progress{w: w, status: status}
	if !isTerminal(w) || os.Getenv("CI") != "" {
		return p
	}
	p.stop = make(chan struct{})
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		select {
		case <-time.After(progressDelay):
		case <-p.stop:
			return
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			fmt.Fprintf(p.w, "\r\x1b[Kexpertise-ls: %s", p.status())
			select {
			case <-tick.C:
			case <-p.stop:
				fmt.Fprint(p.w, "\r\x1b[K")
				return
			}
		}
	}()
	return p
}

// end stops showing progress and clears the line.
func (p *progress) end() {
	if p.stop != nil {
		close(p.stop)
		p.done.Wait()
		p.stop = nil
	}
}

// isTerminal reports whether w is a character device (a terminal).
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
