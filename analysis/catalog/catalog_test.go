package catalog_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/expertise-ls/expertise-ls/analysis/analysistest"
	"github.com/expertise-ls/expertise-ls/analysis/catalog"
	"github.com/expertise-ls/expertise-ls/internal/span"
)

func TestCatalog(t *testing.T) {
	for _, dir := range []string{"basic", "noexpertise", "nocatalog"} {
		t.Run(dir, func(t *testing.T) {
			results := analysistest.Run(t, filepath.Join("testdata", "catalog", dir), catalog.Catalog)
			if dir == "basic" {
				analysistest.WantConvention(t, results, "uncataloged-integration", "Keep integrations_catalog up to date")
			}
		})
	}
}

// TestProviderUseFacts checks the index's provider-use facts: what each file
// uses, why, and that each range covers exactly the module name or host.
func TestProviderUseFacts(t *testing.T) {
	ix := analysistest.Load(t, "testdata/catalog/basic")
	tests := map[string][]string{
		"src/payments.ts": {"stripe: imports stripe", "stripe: imports stripe/lib/webhooks", "twilio: imports twilio",
			"twilio: imports twilio/lib/rest/api/v2010/account/message", "aws: imports @aws-sdk/client-s3", "aws: imports @aws-sdk/client-kms",
			"openai: imports openai",
			"resend: imports resend", "anthropic: imports @anthropic-ai/sdk", "mailgun: calls api.mailgun.net",
			"linear: calls api.linear.app", "slack: calls hooks.slack.com"},
		"src/notify.py": {"sendgrid: imports sendgrid", "twilio: imports twilio.rest", "openai: imports openai", "aws: imports boto3.session",
			"google: imports google.cloud", "paddle: calls api.paddle.com"},
		"src/chat.go": {"openai: imports github.com/sashabaranov/go-openai", "stripe: imports github.com/stripe/stripe-go/v76/webhook",
			"twilio: imports github.com/twilio/twilio-go", "slack: calls slack.com/api", "discord: calls discord.com/api"},
		"src/github.rb":                                  {"github: imports octokit", "twilio: imports twilio-ruby", "resend: imports resend"},
		"src/integrations/ZoomClient.ts":                 nil,
		".agileflow/experts/integrations/expertise.yaml": nil,
	}
	for rel, want := range tests {
		facts := ix.Facts(filepath.Join(ix.Root, rel))
		if facts == nil {
			t.Errorf("%s: not indexed", rel)
			continue
		}
		content := analysistest.ReadFile(t, filepath.Join(ix.Root, rel))
		var got []string
		for _, u := range facts.Uses {
			got = append(got, u.Provider+": "+u.Why)
			if want := span.NewLines(content).Range(u.Range.Start.Offset, u.Range.End.Offset); u.Range != want {
				t.Errorf("%s: %s range %+v, want %+v", rel, u.Why, u.Range, want)
			}
			covered := string(content[u.Range.Start.Offset:u.Range.End.Offset])
			if !strings.HasSuffix(u.Why, " "+covered) {
				t.Errorf("%s: %s ranges %q", rel, u.Why, covered)
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s uses:\n%s\nwant:\n%s", rel, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
