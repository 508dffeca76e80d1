// Command expertise-ls is the expertise language server and its command line:
//
//	expertise-ls [serve]      LSP over stdio (the default)
//	expertise-ls check        judge a workspace for CI (text, JSON, SARIF, GitHub annotations; baseline, --since)
//	expertise-ls learn        record a learning in an expertise file
//	expertise-ls catalog add  add an integration to the catalog
//	expertise-ls touch        set last_updated to today
//	expertise-ls mcp          the workflow as MCP tools for coding agents (stdio)
//	expertise-ls version
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/expertise-ls/expertise-ls/expertise"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit codes of every subcommand.
const (
	exitOK       = 0
	exitFindings = 1 // check found something at or above --fail-on
	exitUsage    = 2 // bad arguments or unreadable input
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches a command line; it is main without the process around it, for tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && (len(args[0]) == 0 || args[0][0] != '-') {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serveCmd(args, stdin, stdout, stderr)
	case "check":
		return checkCmd(args, stdout, stderr)
	case "learn":
		return learnCmd(args, stdout, stderr)
	case "catalog":
		return catalogCmd(args, stdout, stderr)
	case "touch":
		return touchCmd(args, stdout, stderr)
	case "mcp":
		return mcpCmd(args, stdin, stdout, stderr)
	case "schema":
		if len(args) > 0 {
			fmt.Fprintf(stderr, "expertise-ls schema: takes no arguments (got %q)\n", args[0])
			return exitUsage
		}
		stdout.Write(expertise.Schema)
		return exitOK
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "expertise-ls", version)
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "expertise-ls: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

const usage = `usage: expertise-ls <command> [flags]

commands:
  serve     run the language server over stdio (default)
  check     judge the workspace: check [--format text|json|sarif|github] [--fail-on error|warning|info|hint]
            [--baseline FILE | --write-baseline FILE] [--since REV] [PATH...]
  learn     record a learning: learn --insight TEXT [--context TEXT] [--files a,b] [--expert DOMAIN]
  catalog   add an integration: catalog add --category C --name N [--env A,B] [--webhooks x,y] [--expert DOMAIN]
  touch     set last_updated to today: touch [--expert DOMAIN]
  mcp       serve the workflow to coding agents over MCP (stdio): mcp [--root DIR] [--config FILE]
  schema    print the JSON Schema of expertise.yaml (for yaml-language-server)
  version   print the version

Run 'expertise-ls <command> -h' for a command's flags.
`
