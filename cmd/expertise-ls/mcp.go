package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/expertise-ls/expertise-ls/mcpserver"
)

// mcpCmd serves the workspace's expertise to coding agents over the Model
// Context Protocol on stdin and stdout: expertise-ls mcp [--root DIR]
// [--config FILE]. stdout carries the protocol; nothing else is written
// there, and nothing is logged.
func mcpCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("mcp", flag.ContinueOnError)
	fl.SetOutput(stderr)
	rootFlag := fl.String("root", "", "the workspace root (default: found from the current directory, as check finds it)")
	configPath := fl.String("config", "", "settings file (JSON, the shape of the editor's expertise-ls settings)")
	fl.Usage = func() {
		fmt.Fprint(stderr, "usage: expertise-ls mcp [--root DIR] [--config FILE]\n\n"+
			"Serves the expertise-first workflow to coding agents over MCP (stdio): the tools expertise_get, integration_plan,\n"+
			"check, fix_apply, learning_add, catalog_add and env_document, each expertise file as a resource, and the prompts\n"+
			"plan_integration, build_integration and record_learning. See README: For agents.\n\n")
		fl.PrintDefaults()
	}
	if code, ok := parseEditFlags(fl, args); !ok {
		return code
	}
	root, err := mcpRoot(*rootFlag)
	if err != nil {
		return usageError(fl, stderr, err.Error())
	}
	cfg, _, err := readConfig(*configPath)
	if err != nil {
		return usageError(fl, stderr, err.Error())
	}
	var t mcp.Transport = &mcp.StdioTransport{}
	if stdin != os.Stdin || stdout != os.Stdout { // in-process, as tests run it
		t = &mcp.IOTransport{Reader: io.NopCloser(stdin), Writer: nopWriteCloser{stdout}}
	}
	err = mcpserver.Serve(context.Background(), mcpserver.Options{Root: root, Config: cfg, Version: version}, t)
	if err != nil && !errors.Is(err, io.EOF) {
		fmt.Fprintf(stderr, "expertise-ls mcp: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// mcpRoot returns the workspace root: dir (which must be a folder) when
// given, else the one found from the current directory as check finds it.
func mcpRoot(dir string) (string, error) {
	if dir == "" {
		return workspaceRoot()
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if info, err := os.Stat(abs); err != nil || !info.IsDir() {
		return "", fmt.Errorf("--root %s is not a folder", dir)
	}
	return filepath.Clean(abs), nil
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
