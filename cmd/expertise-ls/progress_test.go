package main

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a strings.Builder safe for the progress goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestProgress(t *testing.T) {
	delay, term := progressDelay, isTerminal
	t.Cleanup(func() { progressDelay, isTerminal = delay, term })
	progressDelay = time.Millisecond
	show := func(terminal bool, ci string) string {
		t.Setenv("CI", ci)
		isTerminal = func(io.Writer) bool { return terminal }
		var out syncBuffer
		p := showProgress(&out, func() string { return "indexed 7 files" })
		time.Sleep(30 * time.Millisecond)
		p.end()
		return out.String()
	}
	if got := show(true, ""); !strings.Contains(got, "\r\x1b[Kexpertise-ls: indexed 7 files") || !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("on a terminal: %q, want the status line, cleared at the end", got)
	}
	if got := show(false, ""); got != "" {
		t.Errorf("piped: %q, want nothing", got)
	}
	if got := show(true, "true"); got != "" {
		t.Errorf("under CI: %q, want nothing", got)
	}
}
