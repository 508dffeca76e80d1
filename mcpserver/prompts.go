package mcpserver

import (
	"context"
	"fmt"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// The prompts are the workflow's three steps, filled with this
// workspace's expertise when they are asked for: plan an integration,
// build it, record what was learned.

// maxPromptLearnings bounds the learnings a prompt quotes.
const maxPromptLearnings = 5

func addPrompts(s *mcp.Server, w *workspace) {
	service := []*mcp.PromptArgument{{Name: "service", Description: "the service to integrate, e.g. Stripe", Required: true}}
	s.AddPrompt(&mcp.Prompt{Name: "plan_integration", Title: "Plan an integration with the expertise", Arguments: service,
		Description: "Plan step: validate the expertise, then plan the integration of a service from its catalog entry, conventions and learnings."},
		w.servicePrompt(planPrompt))
	s.AddPrompt(&mcp.Prompt{Name: "build_integration", Title: "Build an integration to the expertise", Arguments: service,
		Description: "Build step: implement the integration where the expertise says such code lives, following its conventions, checked as you go."},
		w.servicePrompt(buildPrompt))
	s.AddPrompt(&mcp.Prompt{Name: "record_learning", Title: "Record what was learned",
		Description: "Self-improve step: write the learnings, catalog entries and env vars of the task back into the expertise."},
		w.recordPrompt)
}

// servicePrompt returns the handler of a prompt about one service, which
// render writes from the service's plan.
func (w *workspace) servicePrompt(render func(b *strings.Builder, p planOut)) mcp.PromptHandler {
	return func(ctx context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
		svc := strings.TrimSpace(req.Params.Arguments["service"])
		if svc == "" {
			return nil, fmt.Errorf("prompt %s: argument service is required, e.g. Stripe", req.Params.Name)
		}
		_, plan, err := w.integrationPlan(ctx, planIn{Service: svc})
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		render(&b, plan)
		return promptResult(req.Params.Name, b.String()), nil
	}
}

func planPrompt(b *strings.Builder, p planOut) {
	fmt.Fprintf(b, "Plan the integration of %s in this workspace, expertise-first.\n\n", p.Service)
	b.WriteString("1. Validate the expertise against the codebase: call the expertise_get tool and note what its findings say is stale or missing.\n")
	b.WriteString("2. Read what the expertise and expertise-ls know (the integration_plan tool returns it as data):\n\n")
	b.WriteString(planSummary(p))
	b.WriteString("\n")
	writeConventions(b, p.Conventions)
	writeLearnings(b, p.Learnings)
	if len(p.Similar) > 0 {
		b.WriteString("\nSimilar integrations already in the catalog (follow how they are built):\n")
		for _, s := range p.Similar {
			fmt.Fprintf(b, "- %s (env: %s)\n", s.Name, strings.Join(s.EnvVars, ", "))
		}
	}
	b.WriteString("\n3. Write the plan: the files to add or change (where the expertise says such code lives), the env vars, " +
		"the webhook verification, the tests, and how each convention above is met.\n")
}

func buildPrompt(b *strings.Builder, p planOut) {
	fmt.Fprintf(b, "Build the %s integration as planned, to this workspace's expertise.\n\n", p.Service)
	for _, pl := range p.Places {
		fmt.Fprintf(b, "- Put %s in %s", pl.Kind, pl.Path)
		if pl.Conventions != "" {
			fmt.Fprintf(b, " (%s)", pl.Conventions)
		}
		b.WriteString("\n")
	}
	for _, v := range p.EnvVars {
		fmt.Fprintf(b, "- Read %s from the environment, never a literal", v.Name)
		if !v.Documented {
			b.WriteString("; document it with env_document")
		}
		b.WriteString("\n")
	}
	if wh := p.Webhook; wh != nil {
		fmt.Fprintf(b, "- Verify each webhook's %s header before anything else", strings.Join(wh.Headers, "/"))
		if wh.RawBody {
			b.WriteString(", over the raw request body")
		}
		b.WriteString(":")
		for _, v := range wh.Verify {
			fmt.Fprintf(b, " %s `%s`;", v.Language, v.Call)
		}
		b.WriteString("\n")
	}
	writeConventions(b, p.Conventions)
	b.WriteString("\nAfter each change, call the check tool with the paths you changed and apply the fixes it offers with fix_apply " +
		"(or fix the code yourself); finish with no error or warning in your files.\n")
}

func (w *workspace) recordPrompt(ctx context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	var b strings.Builder
	b.WriteString("Record what this task taught in the workspace's expertise, so that the next plan starts from it.\n\n")
	b.WriteString("- learning_add {insight, context, files_affected}: one learning per thing that surprised you or that the next agent must know " +
		"(an insight in one or two sentences, the task as context, the files it is about).\n")
	b.WriteString("- catalog_add {category, name, env_vars, webhooks}: for an integration the catalog does not list yet, or env vars and events it lacks.\n")
	b.WriteString("- env_document {name}: for each new env var (its name only).\n")
	b.WriteString("Then call check and fix what it reports in the expertise files.\n")
	ix, err := w.index(ctx)
	if err != nil {
		return nil, err
	}
	if ie := ix.IntegrationsExpert(); ie != nil {
		var recent []learningOut
		for i := len(ie.Learnings) - 1; i >= 0 && len(recent) < maxPromptLearnings; i-- {
			recent = append(recent, learning(ie.Learnings[i]))
		}
		fmt.Fprintf(&b, "\nThe expert %s (%s) records learnings like these:\n", ie.Domain.Value, w.rel(ie.Path))
		for _, l := range recent {
			fmt.Fprintf(&b, "- %s: %s (%s)\n", l.Date, l.Insight, l.Context)
		}
		writeConventions(&b, values(ie.Conventions))
	}
	return promptResult(req.Params.Name, b.String()), nil
}

func writeConventions(b *strings.Builder, conventions []string) {
	if len(conventions) == 0 {
		return
	}
	b.WriteString("\nConventions to follow:\n")
	for _, c := range conventions {
		fmt.Fprintf(b, "- %s\n", c)
	}
}

func writeLearnings(b *strings.Builder, learnings []learningOut) {
	if len(learnings) == 0 {
		return
	}
	b.WriteString("\nLearnings about it, newest first:\n")
	for i, l := range learnings {
		if i == maxPromptLearnings {
			break
		}
		fmt.Fprintf(b, "- %s %s\n", l.Date, l.Insight)
	}
}

// promptResult is a prompt of one user message, redacted (redactText) as
// tools' results are: the text quotes the expertise.
func promptResult(name, text string) *mcp.GetPromptResult {
	return &mcp.GetPromptResult{Description: name, Messages: []*mcp.PromptMessage{{Role: "user", Content: &mcp.TextContent{Text: redactText(text)}}}}
}
