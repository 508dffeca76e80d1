package lsptest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Build compiles the command package pkg (an import path) into dir and
// returns the binary's path. Call it once per test binary, from TestMain.
func Build(pkg, dir string) (string, error) {
	bin := filepath.Join(dir, filepath.Base(pkg))
	out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin, nil
}

// Process is a language server running as a child process, with an editor
// connected to its stdin and stdout.
type Process struct {
	*Editor
	cmd   *exec.Cmd
	stdin *os.File // the editor's end of the server's stdin
	done  chan struct{}
	err   error // of cmd.Wait, once done is closed
	log   string
}

// Start runs bin serve (logging at debug level to a file that the test
// prints if it fails), connects an editor and initializes the session. The
// process is killed if it still runs when the test ends.
func Start(t testing.TB, bin string, opts Options) *Process {
	t.Helper()
	p := &Process{done: make(chan struct{}), log: filepath.Join(t.TempDir(), "server.log")}
	p.cmd = exec.Command(bin, "serve", "--log-level", "debug", "--log-file", p.log)
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// Editors (libuv) hand servers blocking pipes; os.Pipe's are non-blocking
	// until Fd is called, and a server behaves differently on those.
	inR.Fd()
	outW.Fd()
	var stderr bytes.Buffer
	p.cmd.Stdin, p.cmd.Stdout, p.cmd.Stderr = inR, outW, &stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	_ = inR.Close() // the child holds its own copies
	_ = outW.Close()
	p.stdin = inW
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			logs, _ := os.ReadFile(p.log)
			t.Logf("server stderr:\n%s\nserver log (tail):\n%s", stderr.String(), tail(logs, 100))
		}
	})
	p.Editor = Connect(t, readWriteCloser{outR, inW, multiCloser{outR, inW}}, opts)
	return p
}

// PeakRSS returns the peak resident set size of the server, in KiB, once it
// has exited (0 before, or where the system does not tell; Linux counts
// KiB, macOS bytes).
func (p *Process) PeakRSS() int64 {
	select {
	case <-p.done:
	default:
		return 0
	}
	if ru, ok := p.cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss)
	}
	return 0
}

// CloseInput closes the server's stdin, as an editor that dies does.
func (p *Process) CloseInput() {
	p.t.Helper()
	if err := p.stdin.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
		p.t.Fatal(err)
	}
}

// Wait waits for the process to exit and returns its exit code. It fails
// the test if the process runs on past the editor's timeout.
func (p *Process) Wait() int {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(p.timeout):
		p.t.Fatalf("the server still runs %v later", p.timeout)
	}
	var exit *exec.ExitError
	if errors.As(p.err, &exit) {
		return exit.ExitCode()
	}
	if p.err != nil {
		p.t.Fatalf("waiting for the server: %v", p.err)
	}
	return 0
}

type multiCloser []interface{ Close() error }

func (m multiCloser) Close() error {
	var errs []error
	for _, c := range m {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// tail returns the last n lines of b.
func tail(b []byte, n int) []byte {
	lines := bytes.SplitAfter(b, []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, nil)
}
