package mcpserver

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// integration_plan: for a service, what the plan step needs (see
// analysis.PlanIntegration).

type planIn struct {
	Service string `json:"service" jsonschema:"the service to integrate, by name or id, e.g. Stripe, SendGrid, twilio"`
}

type planOut struct {
	Service      string          `json:"service" jsonschema:"the service's name"`
	Known        bool            `json:"known" jsonschema:"whether expertise-ls's knowledge table knows the service"`
	Category     string          `json:"category,omitempty" jsonschema:"payment, email, sms, ...: the catalog category it belongs in"`
	Cataloged    bool            `json:"cataloged" jsonschema:"whether the integrations_catalog lists it"`
	CatalogEntry *catalogOut     `json:"catalog_entry,omitempty" jsonschema:"its integrations_catalog entry"`
	Packages     []packageOut    `json:"packages,omitempty" jsonschema:"its SDK packages per language, from the knowledge table"`
	EnvVars      []planEnvVarOut `json:"env_vars" jsonschema:"the env vars it needs: the catalog entry's, else the knowledge table's"`
	Webhook      *webhookOut     `json:"webhook,omitempty" jsonschema:"how its webhooks are signed and verified"`
	Places       []placeOut      `json:"places" jsonschema:"where API clients and webhook handlers live in this codebase, from the expertise's files and patterns"`
	Uses         []locationOut   `json:"uses" jsonschema:"files that use the service today"`
	Conventions  []string        `json:"conventions" jsonschema:"the conventions of the expert that keeps the catalog"`
	Expert       string          `json:"expert,omitempty" jsonschema:"that expertise file"`
	Learnings    []learningOut   `json:"learnings" jsonschema:"learnings that name the service, newest first"`
	Similar      []catalogOut    `json:"similar" jsonschema:"other catalog entries of its category"`
}

type packageOut struct {
	Language string   `json:"language" jsonschema:"js, python, go or ruby"`
	Packages []string `json:"packages"`
}

type planEnvVarOut struct {
	Name         string        `json:"name"`
	Documented   bool          `json:"documented" jsonschema:"whether an env example file or other documentation lists it"`
	DocumentedIn []locationOut `json:"documented_in"`
	ReadIn       int           `json:"read_in" jsonschema:"how many files of the workspace read it"`
}

type webhookOut struct {
	Headers      []string     `json:"headers" jsonschema:"the signature headers (lowercase)"`
	RawBody      bool         `json:"raw_body" jsonschema:"verification needs the raw request body, before JSON parsing"`
	SecretEnvVar string       `json:"secret_env_var,omitempty" jsonschema:"the env var that holds the signing secret"`
	Verify       []verifyCall `json:"verify" jsonschema:"the verification call per language"`
}

type verifyCall struct {
	Language string `json:"language"`
	Call     string `json:"call"`
}

type placeOut struct {
	Kind        string `json:"kind" jsonschema:"clients or webhooks"`
	Path        string `json:"path" jsonschema:"as the expertise writes it, relative to the workspace root"`
	Exists      bool   `json:"exists" jsonschema:"whether the path exists in the workspace"`
	Purpose     string `json:"purpose,omitempty"`
	Conventions string `json:"conventions,omitempty"`
	Pattern     string `json:"pattern,omitempty" jsonschema:"the pattern's name, when the place comes from patterns"`
	Expert      string `json:"expert" jsonschema:"the expertise file that says so"`
	Line        int    `json:"line"`
}

type locationOut struct {
	Path string `json:"path" jsonschema:"relative to the workspace root"`
	Line int    `json:"line,omitempty" jsonschema:"1-based; absent for documentation without lines"`
}

func (w *workspace) integrationPlan(ctx context.Context, in planIn) (string, planOut, error) {
	if strings.TrimSpace(in.Service) == "" {
		return "", planOut{}, argError("service", "is empty; name the service, e.g. Stripe")
	}
	ix, err := w.index(ctx)
	if err != nil {
		return "", planOut{}, err
	}
	p := analysis.PlanIntegration(ix, in.Service)
	out := planOut{
		Service: p.Service, Known: p.Provider != nil, Cataloged: p.Catalog != nil,
		EnvVars: []planEnvVarOut{}, Places: []placeOut{}, Uses: []locationOut{}, Conventions: []string{},
		Learnings: []learningOut{}, Similar: []catalogOut{},
	}
	if c := p.Catalog; c != nil {
		entry := w.catalogEntry(c.Expert, c.Category, c.Entry)
		out.CatalogEntry, out.Category = &entry, c.Category
	}
	if pr := p.Provider; pr != nil {
		if out.Category == "" {
			out.Category = pr.Category
		}
		for _, lang := range slices.Sorted(maps.Keys(pr.Packages)) {
			out.Packages = append(out.Packages, packageOut{Language: lang, Packages: pr.Packages[lang]})
		}
		if wh := pr.Webhook; wh != nil {
			out.Webhook = &webhookOut{Headers: wh.Headers, RawBody: wh.RawBody, SecretEnvVar: wh.SecretEnvVar, Verify: []verifyCall{}}
			for _, lang := range slices.Sorted(maps.Keys(wh.VerifyHint)) {
				out.Webhook.Verify = append(out.Webhook.Verify, verifyCall{Language: lang, Call: wh.VerifyHint[lang]})
			}
		}
	}
	for _, v := range p.EnvVars {
		ev := planEnvVarOut{Name: v.Name, Documented: len(v.Docs) > 0, DocumentedIn: []locationOut{}, ReadIn: v.Reads}
		for _, d := range v.Docs {
			ev.DocumentedIn = append(ev.DocumentedIn, locationOut{Path: w.rel(d.Path), Line: d.Line})
		}
		out.EnvVars = append(out.EnvVars, ev)
	}
	for _, pl := range p.Places {
		out.Places = append(out.Places, placeOut{Kind: pl.Kind, Path: pl.Path, Exists: pl.Exists, Purpose: pl.Purpose,
			Conventions: pl.Conventions, Pattern: pl.Pattern, Expert: w.rel(pl.Expert), Line: pl.Line})
	}
	for _, u := range p.Uses {
		out.Uses = append(out.Uses, locationOut{Path: w.rel(u.Path), Line: u.Range.Start.Line + 1})
	}
	if p.Expert != nil {
		out.Expert, out.Conventions = w.rel(p.Expert.Path), values(p.Expert.Conventions)
	}
	for _, l := range p.Learnings {
		lo := learning(l.Learning)
		lo.Expert, lo.Line = w.rel(l.Path), l.Line
		out.Learnings = append(out.Learnings, lo)
	}
	for _, s := range p.Similar {
		out.Similar = append(out.Similar, w.catalogEntry(s.Expert, s.Category, s.Entry))
	}
	return planSummary(out), out, nil
}

// maxSummaryLearnings bounds the learnings a plan's summary quotes.
const maxSummaryLearnings = 3

// planSummary is the plan in a few lines.
func planSummary(p planOut) string {
	var b strings.Builder
	switch {
	case p.Cataloged:
		fmt.Fprintf(&b, "%s (%s) is in the integrations catalog (%s:%d).\n", p.Service, p.Category, p.CatalogEntry.Expert, p.CatalogEntry.Line)
	case p.Known:
		fmt.Fprintf(&b, "%s (%s) is not in the integrations catalog yet: add it with catalog_add once it is built.\n", p.Service, p.Category)
	default:
		fmt.Fprintf(&b, "%s is neither in the integrations catalog nor in expertise-ls's knowledge table.\n", p.Service)
	}
	for _, v := range p.EnvVars {
		state := "documented"
		if !v.Documented {
			state = "NOT documented: env_document it"
		}
		fmt.Fprintf(&b, "- env %s: %s, read in %s\n", v.Name, state, expertise.Plural(v.ReadIn, "file"))
	}
	if wh := p.Webhook; wh != nil {
		fmt.Fprintf(&b, "- webhooks: signature header %s; verify with", strings.Join(wh.Headers, ", "))
		for _, v := range wh.Verify {
			fmt.Fprintf(&b, " %s: %s;", v.Language, v.Call)
		}
		b.WriteString("\n")
	}
	shown := map[string]bool{}
	for _, pl := range p.Places {
		if key := pl.Kind + " " + pl.Path; !shown[key] {
			shown[key] = true
			fmt.Fprintf(&b, "- %s live in %s", pl.Kind, pl.Path)
			if !pl.Exists {
				b.WriteString(" (does not exist)")
			}
			b.WriteString("\n")
		}
	}
	for i, l := range p.Learnings {
		if i == maxSummaryLearnings {
			break
		}
		fmt.Fprintf(&b, "- learned %s: %s\n", l.Date, l.Insight)
	}
	fmt.Fprintf(&b, "%s, %s, %s.", expertise.Plural(len(p.Conventions), "convention"), expertise.Plural(len(p.Learnings), "learning"),
		expertise.Plural(len(p.Similar), "similar integration"))
	return b.String()
}
