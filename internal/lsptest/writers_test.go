package lsptest_test

import (
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// TestServerAndCLIWriteTogether: the server's addLearning command (whose
// edit the client writes to disk) and `expertise-ls learn` runs on the same
// expert at the same time; both take the writers' lock, so every run
// succeeds and every learning is in the file once.
func TestServerAndCLIWriteTogether(t *testing.T) {
	p := startWorkspace(t, lsptest.Options{DocumentChanges: true}, map[string]string{expertPath: integrationsExpert(today())})
	const rounds = 20
	var wg sync.WaitGroup
	for i := range rounds {
		wg.Go(func() {
			if _, err := p.ExecuteCommand("expertise.addLearning", map[string]any{"insight": fmt.Sprintf("server learning %d", i)}); err != nil {
				t.Errorf("addLearning %d: %v", i, err)
			}
		})
		wg.Go(func() {
			cmd := exec.Command(serverBin, "learn", "--insight", fmt.Sprintf("cli learning %d", i))
			cmd.Dir = p.Root()
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("learn %d: %v\n%s", i, err, out)
			}
		})
	}
	wg.Wait()
	text := onDisk(t, p, expertPath)
	for i := range rounds {
		for _, who := range []string{"server", "cli"} {
			if n := strings.Count(text, fmt.Sprintf("%s learning %d\n", who, i)); n != 1 {
				t.Errorf("%s learning %d is in the file %d times, want 1", who, i, n)
			}
		}
	}
}
