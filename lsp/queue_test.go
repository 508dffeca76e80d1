package lsp

import (
	"testing"
	"time"

	"go.lsp.dev/uri"
)

func TestQueueDueJudgements(t *testing.T) {
	const u = uri.URI("file:///w/a.ts")
	later := time.Hour
	tests := []struct {
		name    string
		asks    []time.Duration // delays, in order; -1 forgets
		wantDue bool            // due now
		waiting bool            // a later judgement is pending
	}{
		{"open or save: now", []time.Duration{0}, true, false},
		{"typing: debounced", []time.Duration{later}, false, true},
		{"a save wins over typing", []time.Duration{later, 0}, true, false},
		{"typing does not delay a due save", []time.Duration{0, later}, true, false},
		{"closed before it was judged", []time.Duration{0, -1}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := newQueue()
			q.resume()
			for _, d := range tt.asks {
				if d < 0 {
					q.forget(u)
				} else {
					q.judge(u, d)
				}
			}
			_, due, wait := q.next()
			if (len(due) == 1) != tt.wantDue || (wait > 0) != tt.waiting {
				t.Fatalf("due %v, wait %v; want due %v, waiting %v", due, wait, tt.wantDue, tt.waiting)
			}
		})
	}
}

func TestQueueJobsFirstAndPaused(t *testing.T) {
	q := newQueue()
	q.judge("file:///w/a.ts", 0)
	ran := false
	q.do(func() { ran = true })
	jobs, due, _ := q.next()
	if len(jobs) != 1 || len(due) != 0 {
		t.Fatalf("jobs %d, due %v: jobs come first", len(jobs), due)
	}
	jobs[0]()
	if !ran {
		t.Fatal("the job did not run")
	}
	if _, due, _ := q.next(); len(due) != 0 {
		t.Fatalf("judgements ran while paused: %v", due)
	}
	q.resume()
	if _, due, _ := q.next(); len(due) != 1 {
		t.Fatalf("after resume due = %v", due)
	}
}
