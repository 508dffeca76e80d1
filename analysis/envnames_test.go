package analysis

import (
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
)

// TestEnvFileNames: which names are env examples, env files or neither;
// copies and the writers' lock files are neither.
func TestEnvFileNames(t *testing.T) {
	tests := []struct {
		name             string
		example, envFile bool
	}{
		{".env.example", true, false},
		{"config/.env.sample", true, false},
		{"example.env", true, false},
		{".env", false, true},
		{".env.local", false, true},
		{"production.env", false, true},
		{".env.example.bak", false, false},
		{".env.sample.golden", false, false},
		{"..env.example.lock", false, false}, // internal/filelock's lock of .env.example
		{"..env.lock", false, false},
		{"README.md", false, false},
	}
	for _, tt := range tests {
		if got := envdoc.IsEnvExample(tt.name); got != tt.example {
			t.Errorf("IsEnvExample(%q) = %v, want %v", tt.name, got, tt.example)
		}
		if got := envdoc.IsEnvFile(tt.name); got != tt.envFile {
			t.Errorf("IsEnvFile(%q) = %v, want %v", tt.name, got, tt.envFile)
		}
	}
}
