package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/expertise-ls/expertise-ls/lsp"
)

// serveCmd runs the language server over stdin and stdout until the client
// sends exit or closes stdin. Logs go to stderr or --log-file, never stdout,
// which carries the protocol.
func serveCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logFile := fs.String("log-file", "", "append logs to this file instead of stderr")
	logLevel := fs.String("log-level", "info", "least severe log level: debug, info, warn or error")
	// Editors add these when they start a server over stdio; stdio is the only transport.
	fs.Bool("stdio", true, "talk LSP over stdin and stdout (the default and only transport)")
	fs.Int("clientProcessId", 0, "process id of the editor (ignored)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "expertise-ls serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	log, closeLog, err := newLogger(*logFile, *logLevel, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "expertise-ls serve: %v\n", err)
		return exitUsage
	}
	defer closeLog()
	return lsp.Serve(context.Background(), stdio{stdin, stdout}, lsp.Options{Logger: log, Version: version})
}

// newLogger returns a JSON logger writing to path (appending) or, when path
// is empty, to stderr, and the function that flushes and closes it.
func newLogger(path, level string, stderr io.Writer) (*zap.Logger, func(), error) {
	lvl, err := zapcore.ParseLevel(level)
	if err != nil {
		return nil, nil, fmt.Errorf("--log-level: %w (want debug, info, warn or error)", err)
	}
	out := zapcore.AddSync(stderr)
	closeOut := func() {}
	if path != "" {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return nil, nil, fmt.Errorf("--log-file: %w", err)
		}
		out, closeOut = zapcore.AddSync(f), func() { _ = f.Close() }
	}
	enc := zap.NewProductionEncoderConfig()
	enc.EncodeTime = zapcore.ISO8601TimeEncoder
	log := zap.New(zapcore.NewCore(zapcore.NewJSONEncoder(enc), zapcore.Lock(out), lvl))
	return log, func() { _ = log.Sync(); closeOut() }, nil
}

// stdio joins the process's stdin and stdout into the stream LSP runs on.
type stdio struct {
	io.Reader
	io.Writer
}

// Close closes both ends when they can be closed.
func (s stdio) Close() error {
	var errs []error
	for _, c := range []any{s.Reader, s.Writer} {
		if c, ok := c.(io.Closer); ok {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}
