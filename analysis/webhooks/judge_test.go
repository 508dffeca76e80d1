package webhooks

import "testing"

// TestImportedPackage: only a package's own name says it is a webhook
// library; a path into the workspace says nothing, however it reads.
func TestImportedPackage(t *testing.T) {
	tests := []struct{ spec, want string }{
		{"svix", "svix"},
		{"standardwebhooks", "standardwebhooks"},
		{"@octokit/webhooks", "@octokit/webhooks"},
		{"@octokit/webhooks/dist/index.js", "@octokit/webhooks"},
		{"@acme/lib/server/webhooks/trigger", "@acme/lib"},
		{"../webhooks/trigger", ""},
		{"./webhooks", ""},
		{"@/lib/webhooks", ""},
		{"~/webhooks", ""},
		{"#webhooks", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := importedPackage(tt.spec); got != tt.want {
			t.Errorf("importedPackage(%q) = %q, want %q", tt.spec, got, tt.want)
		}
	}
}
