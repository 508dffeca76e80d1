package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeCmd(t *testing.T) {
	logFile := filepath.Join(t.TempDir(), "server.log")
	tests := []struct {
		name       string
		args       []string
		want       int
		wantStderr string // a substring of stderr
		wantLog    bool   // the log file holds the session's logs
	}{
		// Input that ends at once, without shutdown: exit code 1.
		{name: "logs to stderr by default", args: nil, want: 1, wantStderr: `"msg":"serving"`},
		{name: "editor flags accepted", args: []string{"--stdio", "--clientProcessId=42"}, want: 1, wantStderr: `"msg":"serving"`},
		{name: "log file", args: []string{"--log-file", logFile, "--log-level", "debug"}, want: 1, wantLog: true},
		{name: "bad log level", args: []string{"--log-level", "loud"}, want: exitUsage, wantStderr: "--log-level"},
		{name: "unexpected argument", args: []string{"extra"}, want: exitUsage, wantStderr: `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := serveCmd(tt.args, strings.NewReader(""), &stdout, &stderr); got != tt.want {
				t.Fatalf("exit code %d, want %d; stderr: %s", got, tt.want, stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout carries the protocol only, got %q", stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q, want it to contain %q", stderr.String(), tt.wantStderr)
			}
			if tt.wantLog {
				logs, err := os.ReadFile(logFile)
				if err != nil || !strings.Contains(string(logs), `"msg":"serving"`) || stderr.Len() != 0 {
					t.Errorf("log file %q (err %v), stderr %q: want the logs in the file only", logs, err, stderr.String())
				}
			}
		})
	}
}
