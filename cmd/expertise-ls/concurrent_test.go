package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/filelock"
	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// commentedExpert is an integrations expert with comments in every section.
const commentedExpert = `# Integrations expertise: read before planning any integration work.
domain: integrations
version: 1.1 # bumped on format changes
last_updated: 2025-12-16
conventions:
  # the team's rules, checked by expertise-ls
  - NEVER hardcode API keys
integrations_catalog:
  payment:
    - name: Stripe # the only payment provider
      env_vars: [STRIPE_API_KEY]
learnings:
  # newest last
  - date: 2025-12-16
    insight: "Stripe webhooks need express.raw() before JSON parsing"
`

// TestConcurrentLearnLosesNothing runs the real binary: 50 rounds of two
// learn commands at once on the same expert. Every run succeeds, every
// learning is in the file exactly once, the YAML parses, every comment
// stays and no lock file is left.
func TestConcurrentLearnLosesNothing(t *testing.T) {
	bin, err := lsptest.Build("github.com/expertise-ls/expertise-ls/cmd/expertise-ls", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	root := writeWorkspace(t, map[string]string{integrationsRel: commentedExpert})
	const rounds = 50
	for round := range rounds {
		var wg sync.WaitGroup
		for _, writer := range []string{"A", "B"} {
			wg.Go(func() {
				cmd := exec.Command(bin, "learn", "--insight", fmt.Sprintf("round %d writer %s", round, writer), "--files", "src/pay.ts")
				cmd.Dir = root
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("round %d writer %s: %v\n%s", round, writer, err, out)
				}
			})
		}
		wg.Wait()
	}
	path := filepath.Join(root, integrationsRel)
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(content)
	for round := range rounds {
		for _, writer := range []string{"A", "B"} {
			if n := strings.Count(text, fmt.Sprintf("round %d writer %s\"", round, writer)); n != 1 {
				t.Errorf("learning of round %d writer %s is in the file %d times, want 1", round, writer, n)
			}
		}
	}
	var doc map[string]any
	if err := yaml.Unmarshal(content, &doc); err != nil {
		t.Fatalf("the expert no longer parses: %v", err)
	}
	f := expertise.Parse(path, content)
	if len(f.Problems) > 0 || len(f.Learnings) != 2*rounds+1 {
		t.Errorf("parsed: %d problems %v, %d learnings, want none and %d", len(f.Problems), f.Problems, len(f.Learnings), 2*rounds+1)
	}
	for _, line := range strings.Split(commentedExpert, "\n") {
		if i := strings.Index(line, "#"); i >= 0 && !strings.Contains(text, line[i:]) {
			t.Errorf("comment %q is gone", line[i:])
		}
	}
	if _, err := os.Stat(filelock.Path(path)); !os.IsNotExist(err) {
		t.Errorf("lock file left behind: %v", err)
	}
}
