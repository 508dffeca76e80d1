package mcpserver

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func TestResourcesAreTheExpertiseFiles(t *testing.T) {
	root := examples(t)
	cs := connect(t, root)
	ctx := context.Background()
	res, err := cs.ListResources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var integrations string
	for _, r := range res.Resources {
		if r.MIMEType != "application/yaml" || !strings.HasPrefix(r.URI, "file:///") {
			t.Errorf("resource %+v", r)
		}
		if r.Name == ".agileflow/experts/integrations/expertise.yaml" {
			integrations = r.URI
		}
	}
	if len(res.Resources) != 3 || integrations == "" {
		t.Fatalf("resources %+v, want the 3 expertise files", res.Resources)
	}
	got, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: integrations})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Contents) != 1 || got.Contents[0].Text != read(t, root, ".agileflow/experts/integrations/expertise.yaml") {
		t.Errorf("contents %+v", got.Contents)
	}
	if _, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "file:///etc/passwd"}); err == nil {
		t.Error("read a file that is not an expertise resource")
	}

	// An expert created on disk is listed once a tool has looked; one removed is not.
	dir := filepath.Join(root, ".agileflow", "experts", "payments")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "expertise.yaml"), []byte("domain: payments\nversion: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(root, ".agileflow", "experts", "analytics", "expertise.yaml")); err != nil {
		t.Fatal(err)
	}
	call(t, cs, "expertise_get", nil, nil)
	res, err = cs.ListResources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range res.Resources {
		names = append(names, r.Name)
	}
	slices.Sort(names)
	if want := []string{".agileflow/experts/integrations/expertise.yaml", ".agileflow/experts/notifications/expertise.yaml", ".agileflow/experts/payments/expertise.yaml"}; !slices.Equal(names, want) {
		t.Errorf("resources after the change %v, want %v", names, want)
	}
}

func TestPromptsAreFilledFromTheExpertise(t *testing.T) {
	cs := connect(t, examples(t))
	ctx := context.Background()
	list, err := cs.ListPrompts(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range list.Prompts {
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "build_integration,plan_integration,record_learning" {
		t.Errorf("prompts %v", names)
	}
	for name, wants := range map[string][]string{
		"plan_integration":  {"Plan the integration of Stripe", "expertise_get", "ALWAYS validate webhook signatures", "express.raw() before JSON parsing", "- PayPal"},
		"build_integration": {"Build the Stripe integration", "src/integrations/webhooks/", "stripe-signature", "stripe.webhooks.constructEvent", "fix_apply"},
		"record_learning":   {"learning_add", "catalog_add", "env_document", "SendGrid rejects mail", "NEVER hardcode API keys"},
	} {
		p, err := cs.GetPrompt(ctx, &mcp.GetPromptParams{Name: name, Arguments: map[string]string{"service": "Stripe"}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		text := p.Messages[0].Content.(*mcp.TextContent).Text
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q:\n%s", name, want, text)
			}
		}
	}
	if _, err := cs.GetPrompt(ctx, &mcp.GetPromptParams{Name: "plan_integration"}); err == nil || !strings.Contains(err.Error(), "service") {
		t.Errorf("plan_integration without a service: %v", err)
	}
}

// TestPromptsAreRedacted: a prompt quotes the expertise, and a secret
// pasted into it shows as <redacted> in every prompt, as in tools' results.
func TestPromptsAreRedacted(t *testing.T) {
	root := examples(t)
	client, err := os.ReadFile(filepath.Join(root, "src/integrations/clients/stripe.ts"))
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(stripeSecretPrefix + `[A-Za-z0-9]+`).Find(client)
	if key == nil {
		t.Fatal("the example client holds no Stripe key")
	}
	expert := filepath.Join(root, ".agileflow/experts/integrations/expertise.yaml")
	content, err := os.ReadFile(expert)
	if err != nil {
		t.Fatal(err)
	}
	pasted := strings.Replace(string(content), "\nconventions:\n", "\nconventions:\n  - \"NEVER commit a key like "+string(key)+"\"\n", 1)
	if err := os.WriteFile(expert, []byte(pasted), 0o644); err != nil {
		t.Fatal(err)
	}
	cs := connect(t, root)
	for _, name := range []string{"plan_integration", "build_integration", "record_learning"} {
		p, err := cs.GetPrompt(context.Background(), &mcp.GetPromptParams{Name: name, Arguments: map[string]string{"service": "Stripe"}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		text := p.Messages[0].Content.(*mcp.TextContent).Text
		if strings.Contains(text, stripeSecretPrefix) || !strings.Contains(text, "NEVER commit a key like <redacted>") {
			t.Errorf("%s does not redact the pasted key:\n%s", name, text)
		}
	}
}
