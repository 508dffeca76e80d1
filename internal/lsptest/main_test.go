package lsptest_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/expertise-ls/expertise-ls/internal/lsptest"
)

// serverBin is the expertise-ls binary under test, built once for the package.
var serverBin string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "expertise-ls-e2e")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		serverBin, err = lsptest.Build("github.com/expertise-ls/expertise-ls/cmd/expertise-ls", dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return m.Run()
	}())
}

// today is the date the server judges last_updated against.
func today() string { return time.Now().Format("2006-01-02") }

// expertPath is where the workspace's integrations expert lives.
const expertPath = ".agileflow/experts/integrations/expertise.yaml"

// expertWithoutVersion is an expertise file whose only problem is the missing version.
func expertWithoutVersion() string {
	return "domain: integrations\nlast_updated: " + today() + "\nconventions:\n  - NEVER hardcode API keys\nlearnings:\n  - date: " + today() + "\n    insight: \"Stripe webhooks need express.raw() — café ☕\"\n"
}
