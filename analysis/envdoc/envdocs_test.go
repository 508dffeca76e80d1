package envdoc

import (
	"slices"
	"sort"
	"testing"
)

// TestEnvNamesOf checks what each kind of env documentation source yields.
func TestEnvNamesOf(t *testing.T) {
	tests := []struct {
		path, content string
		kind          EnvDocKind
		want          []string
	}{
		{"/ws/docs/config.md", "Set `STRIPE_API_KEY` and ADMINS; not FOO_bar, nor a lone X.", EnvDocDocs, []string{"ADMINS", "STRIPE_API_KEY"}},
		{"/ws/Dockerfile", "FROM node\nARG BUILD_SHA\nENV A=1 B_PATH=/x\nRUN echo $NOT_SET\n", EnvDocBuild, []string{"A", "BUILD_SHA", "B_PATH"}},
		{"/ws/docker-compose.yml", "services:\n  a:\n    image: x:${TAG:-1}\n    environment: [QUEUE=jobs, WORKERS]\n  b:\n    environment:\n      REDIS_URL: r\n",
			EnvDocCompose, []string{"QUEUE", "REDIS_URL", "TAG", "WORKERS"}},
		{"/ws/.env", "# comment\nexport DB_URL=x\n# OPTIONAL_FLAG=\n", EnvDocDotenv, []string{"DB_URL", "OPTIONAL_FLAG"}},
		{"/ws/.github/workflows/ci.yml", "env:\n  RELEASE_CHANNEL: stable\n", EnvDocBuild, []string{"RELEASE_CHANNEL"}},
	}
	for _, tt := range tests {
		n := EnvNamesOf(tt.path, []byte(tt.content))
		if n == nil {
			t.Errorf("%s: no names", tt.path)
			continue
		}
		var got []string
		for name := range n.Names {
			got = append(got, name)
		}
		sort.Strings(got)
		if n.Kind != tt.kind || !slices.Equal(got, tt.want) {
			t.Errorf("%s: kind %d names %v, want kind %d names %v", tt.path, n.Kind, got, tt.kind, tt.want)
		}
	}
	for _, path := range []string{"/ws/src/app.ts", "/ws/.env.example", "/ws/notes.txt"} {
		if n := EnvNamesOf(path, []byte("A_B=1")); n != nil {
			t.Errorf("%s: %v, want no env names source", path, n.Names)
		}
	}
}
