package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func TestListToolsNamesAndStrictSchemas(t *testing.T) {
	cs := connect(t, examples(t))
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		schema, _ := json.Marshal(tool.InputSchema)
		var s struct {
			Type                 string          `json:"type"`
			AdditionalProperties json.RawMessage `json:"additionalProperties"`
		}
		if err := json.Unmarshal(schema, &s); err != nil {
			t.Fatal(err)
		}
		if s.Type != "object" || string(s.AdditionalProperties) != "false" {
			t.Errorf("%s: input schema %s, want an object without additional properties", tool.Name, schema)
		}
		if tool.OutputSchema == nil || tool.Description == "" || tool.Annotations == nil {
			t.Errorf("%s: no output schema, description or hints", tool.Name)
		} else if readOnly := slices.Contains([]string{"expertise_get", "integration_plan", "check"}, tool.Name); tool.Annotations.ReadOnlyHint != readOnly {
			t.Errorf("%s: readOnlyHint %v", tool.Name, tool.Annotations.ReadOnlyHint)
		}
	}
	slices.Sort(names)
	want := []string{"catalog_add", "check", "env_document", "expertise_get", "fix_apply", "integration_plan", "learning_add"}
	if !slices.Equal(names, want) {
		t.Errorf("tools %v, want %v", names, want)
	}
}

func TestUnknownToolAndArgument(t *testing.T) {
	root := examples(t)
	before := snapshot(t, root)
	cs := connect(t, root)
	_, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "learning_delete", Arguments: map[string]any{}})
	if err == nil || !strings.Contains(err.Error(), `"learning_delete"`) {
		t.Errorf("unknown tool: err %v, want an MCP error naming it", err)
	}
	msg := callError(t, cs, "learning_add", map[string]any{"insight": "x", "bogus_arg": 1})
	if !strings.Contains(msg, "bogus_arg") {
		t.Errorf("unknown argument: %q does not name it", msg)
	}
	msg = callError(t, cs, "learning_add", map[string]any{"context": "no insight"})
	if !strings.Contains(msg, "insight") {
		t.Errorf("missing argument: %q does not name it", msg)
	}
	unchanged(t, root, before)
}

func TestExpertiseGetValidates(t *testing.T) {
	cs := connect(t, examples(t))
	var out expertiseGetOut
	call(t, cs, "expertise_get", map[string]any{"domain": "integrations"}, &out)
	if len(out.Experts) != 1 {
		t.Fatalf("%d experts, want the integrations one", len(out.Experts))
	}
	e := out.Experts[0]
	if e.Path != ".agileflow/experts/integrations/expertise.yaml" || e.Domain != "integrations" || e.Valid {
		t.Errorf("expert %s %s valid=%v", e.Path, e.Domain, e.Valid)
	}
	if !slices.Contains(e.Conventions, "ALWAYS validate webhook signatures") || len(e.Catalog) != 3 || len(e.Learnings) != 2 {
		t.Errorf("content: %d conventions, %d catalog entries, %d learnings", len(e.Conventions), len(e.Catalog), len(e.Learnings))
	}
	codes := map[string]bool{}
	for _, f := range e.Findings {
		codes[f.Code] = true
	}
	for _, want := range []string{"expertise-stale", "expertise-stale-path"} {
		if !codes[want] {
			t.Errorf("findings %v lack %s", codes, want)
		}
	}
	call(t, cs, "expertise_get", nil, &out)
	if len(out.Experts) != 3 {
		t.Errorf("%d experts without a domain, want all 3", len(out.Experts))
	}
	if msg := callError(t, cs, "expertise_get", map[string]any{"domain": "billing"}); !strings.Contains(msg, "domain") || !strings.Contains(msg, "integrations") {
		t.Errorf("unknown domain: %q", msg)
	}
}

func TestIntegrationPlanStripe(t *testing.T) {
	cs := connect(t, examples(t))
	var p planOut
	res := call(t, cs, "integration_plan", map[string]any{"service": "stripe"}, &p)
	if p.Service != "Stripe" || !p.Known || !p.Cataloged || p.Category != "payment" || p.CatalogEntry == nil {
		t.Fatalf("plan %+v", p)
	}
	env := map[string]bool{}
	for _, v := range p.EnvVars {
		env[v.Name] = v.Documented
	}
	if !env["STRIPE_API_KEY"] || !env["STRIPE_WEBHOOK_SECRET"] || len(env) != 2 {
		t.Errorf("env vars %v, want the catalog's two, documented", env)
	}
	if p.Webhook == nil || !slices.Contains(p.Webhook.Headers, "stripe-signature") || !p.Webhook.RawBody ||
		!slices.Contains(p.Webhook.Verify, verifyCall{Language: "js", Call: "stripe.webhooks.constructEvent(rawBody, sig, secret)"}) {
		t.Errorf("webhook %+v", p.Webhook)
	}
	kinds := map[string]string{}
	for _, pl := range p.Places {
		kinds[pl.Path] = pl.Kind
	}
	if kinds["src/integrations/webhooks/"] != "webhooks" || kinds["src/integrations/clients/"] != "clients" {
		t.Errorf("places %v", kinds)
	}
	if !slices.ContainsFunc(p.Uses, func(l locationOut) bool { return l.Path == "src/integrations/clients/stripe.ts" }) {
		t.Errorf("uses %v lack the Stripe client", p.Uses)
	}
	if !slices.Contains(p.Conventions, "ALWAYS validate webhook signatures") {
		t.Errorf("conventions %v", p.Conventions)
	}
	if len(p.Learnings) != 1 || !strings.Contains(p.Learnings[0].Insight, "express.raw()") {
		t.Errorf("learnings %v", p.Learnings)
	}
	if len(p.Similar) != 1 || p.Similar[0].Name != "PayPal" {
		t.Errorf("similar %v, want PayPal", p.Similar)
	}
	if !strings.HasPrefix(text(res), "Stripe (payment) is in the integrations catalog") {
		t.Errorf("summary %q", text(res))
	}

	// A learning about a file that uses Stripe applies, though it does not name it.
	call(t, cs, "learning_add", map[string]any{"insight": "Card declines are retried once", "files_affected": []string{"src/integrations/clients/stripe.ts"}}, nil)
	call(t, cs, "integration_plan", map[string]any{"service": "Stripe"}, &p)
	if len(p.Learnings) != 2 || p.Learnings[0].Insight != "Card declines are retried once" || p.Learnings[0].Date != "2026-12-07" {
		t.Errorf("learnings after learning_add: %+v", p.Learnings)
	}

	call(t, cs, "integration_plan", map[string]any{"service": "Twilio"}, &p)
	if !p.Known || p.Cataloged || p.Category != "sms" || len(p.EnvVars) == 0 || p.EnvVars[0].Name != "TWILIO_ACCOUNT_SID" {
		t.Errorf("Twilio plan %+v", p)
	}
}

func TestCheck(t *testing.T) {
	cs := connect(t, examples(t))
	var out checkOut
	res := call(t, cs, "check", nil, &out)
	var secret *Finding
	codes := map[string]bool{}
	for i, f := range out.Findings {
		codes[f.Code] = true
		if f.Code == "hardcoded-secret" && f.Path == "src/integrations/clients/stripe.ts" {
			secret = &out.Findings[i]
		}
	}
	if secret == nil || secret.Line != 4 || secret.Severity != "error" || !slices.Contains(secret.Fixes, "Move to environment variable STRIPE_API_KEY") {
		t.Fatalf("the Stripe key finding: %+v", secret)
	}
	if len(codes) < 10 || out.Counts["error"] == 0 {
		t.Errorf("codes %v, counts %v: the examples show nearly every code", codes, out.Counts)
	}
	raw, _ := json.Marshal(res)
	if strings.Contains(string(raw), stripeSecretPrefix) {
		t.Error("the result holds the secret's value")
	}

	call(t, cs, "check", map[string]any{"paths": []string{"src/integrations/webhooks"}, "rules": []string{"unverified-webhook"}}, &out)
	if len(out.Findings) != 1 || out.Findings[0].Path != "src/integrations/webhooks/github.ts" {
		t.Errorf("filtered findings %+v", out.Findings)
	}
	if msg := callError(t, cs, "check", map[string]any{"rules": []string{"no-such-rule"}}); !strings.Contains(msg, "rules[0]") {
		t.Errorf("unknown rule: %q", msg)
	}
	if msg := callError(t, cs, "check", map[string]any{"paths": []string{"../"}}); !strings.Contains(msg, "paths[0]") || !strings.Contains(msg, "outside the workspace") {
		t.Errorf("path outside: %q", msg)
	}
}

func TestFixApplyMovesSecretToEnvVar(t *testing.T) {
	root := examples(t)
	// Without STRIPE_API_KEY in .env.example the fix also documents it: two files, one write.
	env := strings.Replace(read(t, root, ".env.example"), "STRIPE_API_KEY=\n", "", 1)
	if err := os.WriteFile(filepath.Join(root, ".env.example"), []byte(env), 0o644); err != nil {
		t.Fatal(err)
	}
	cs := connect(t, root)
	var out editOut
	res := call(t, cs, "fix_apply", map[string]any{"path": "src/integrations/clients/stripe.ts", "line": 4, "code": "hardcoded-secret",
		"title": "Move to environment variable STRIPE_API_KEY"}, &out)
	client := read(t, root, "src/integrations/clients/stripe.ts")
	if strings.Contains(client, stripeSecretPrefix) || !strings.Contains(client, "new Stripe(process.env.STRIPE_API_KEY, {") {
		t.Errorf("stripe.ts after the fix:\n%s", client)
	}
	if !strings.HasSuffix(read(t, root, ".env.example"), "STRIPE_API_KEY=\n") {
		t.Errorf(".env.example lacks STRIPE_API_KEY=:\n%s", read(t, root, ".env.example"))
	}
	if len(out.Changes) != 2 {
		t.Fatalf("changes %+v, want stripe.ts and .env.example", out.Changes)
	}
	diff := out.Changes[0].Diff + out.Changes[1].Diff
	for _, want := range []string{`-const stripe = new Stripe("<redacted>", {`, "+const stripe = new Stripe(process.env.STRIPE_API_KEY, {", "+STRIPE_API_KEY="} {
		if !strings.Contains(diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, diff)
		}
	}
	raw, _ := json.Marshal(res)
	if strings.Contains(string(raw), stripeSecretPrefix) {
		t.Errorf("the result holds the secret's value:\n%s", raw)
	}
	// The finding is gone: the same call now finds nothing to fix.
	msg := callError(t, cs, "fix_apply", map[string]any{"path": "src/integrations/clients/stripe.ts", "line": 4, "code": "hardcoded-secret",
		"title": "Move to environment variable STRIPE_API_KEY"})
	if !strings.Contains(msg, "line") {
		t.Errorf("second apply: %q", msg)
	}
}

func TestFixApplyRefusesWhatItDoesNotOffer(t *testing.T) {
	root := examples(t)
	before := snapshot(t, root)
	cs := connect(t, root)
	fix := func(path string, line int, code, title string) string {
		return callError(t, cs, "fix_apply", map[string]any{"path": path, "line": line, "code": code, "title": title})
	}
	msg := fix("src/integrations/clients/stripe.ts", 4, "hardcoded-secret", "Delete the key")
	if !strings.Contains(msg, "title") || !strings.Contains(msg, `"Move to environment variable STRIPE_API_KEY"`) {
		t.Errorf("wrong title: %q does not list the fixes offered", msg)
	}
	if msg := fix("src/integrations/clients/stripe.ts", 4, "unverified-webhook", "x"); !strings.Contains(msg, "code") {
		t.Errorf("wrong code: %q", msg)
	}
	if msg := fix("src/integrations/clients/stripe.ts", 999, "hardcoded-secret", "x"); !strings.Contains(msg, "line") {
		t.Errorf("no such line: %q", msg)
	}
	outside := filepath.Join(t.TempDir(), "x.ts")
	if err := os.WriteFile(outside, []byte(`const k = "`+stripeSecretPrefix+`aaaaaaaaaaaaaaaaaaaaaaaaaaaa";`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"../x.ts", outside} {
		if msg := fix(p, 1, "hardcoded-secret", "x"); !strings.Contains(msg, "argument path") || !strings.Contains(msg, "outside the workspace") {
			t.Errorf("path %s: %q", p, msg)
		}
	}
	if err := os.Symlink(filepath.Dir(outside), filepath.Join(root, "linked")); err != nil {
		t.Fatal(err)
	}
	if msg := fix("linked/x.ts", 1, "hardcoded-secret", "x"); !strings.Contains(msg, "outside the workspace") {
		t.Errorf("symlink out: %q", msg)
	}
	unchanged(t, root, before)
}

func TestLearningAddWritesTheExpert(t *testing.T) {
	root := examples(t)
	cs := connect(t, root)
	var out editOut
	call(t, cs, "learning_add", map[string]any{"insight": "Twilio signs the full URL", "context": "US-0142",
		"files_affected": []string{"src/integrations/clients/twilio.ts"}}, &out)
	expert := read(t, root, ".agileflow/experts/integrations/expertise.yaml")
	for _, want := range []string{"# Integrations expertise", "last_updated: 2026-12-07", `insight: "Twilio signs the full URL"`,
		"files_affected: [src/integrations/clients/twilio.ts]", `context: "US-0142"`} {
		if !strings.Contains(expert, want) {
			t.Errorf("expert lacks %q:\n%s", want, expert)
		}
	}
	if len(out.Changes) != 1 || !strings.Contains(out.Changes[0].Diff, `+    insight: "Twilio signs the full URL"`) ||
		!strings.Contains(out.Changes[0].Diff, "-last_updated: 2026-09-01") {
		t.Errorf("changes %+v", out.Changes)
	}

	if err := os.Symlink(t.TempDir(), filepath.Join(root, "elsewhere")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, root)
	for _, args := range []map[string]any{
		{"insight": "x", "files_affected": []string{"../outside.ts"}},
		{"insight": "x", "files_affected": []string{"elsewhere/a.ts"}},
		{"insight": "x", "domain": "billing"},
		{"insight": "  "},
	} {
		msg := callError(t, cs, "learning_add", args)
		if !strings.Contains(msg, "argument") {
			t.Errorf("%v: %q names no argument", args, msg)
		}
	}
	unchanged(t, root, before)
}

func TestCatalogAddAndEnvDocument(t *testing.T) {
	root := examples(t)
	cs := connect(t, root)
	var out editOut
	call(t, cs, "catalog_add", map[string]any{"category": "sms", "name": "Twilio", "env_vars": []string{"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"},
		"webhooks": []string{"message.delivered"}}, &out)
	expert := read(t, root, ".agileflow/experts/integrations/expertise.yaml")
	if !strings.Contains(expert, "  sms:\n    - name: Twilio\n      env_vars: [TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN]\n      webhooks: [message.delivered]\n") {
		t.Errorf("catalog after catalog_add:\n%s", expert)
	}
	call(t, cs, "env_document", map[string]any{"name": "TWILIO_AUTH_TOKEN"}, &out)
	if !strings.HasSuffix(read(t, root, ".env.example"), "SLACK_SIGNING_SECRET=\nTWILIO_AUTH_TOKEN=\n") ||
		len(out.Changes) != 1 || !strings.Contains(out.Changes[0].Diff, "+TWILIO_AUTH_TOKEN=") {
		t.Errorf("env_document: %+v\n%s", out.Changes, read(t, root, ".env.example"))
	}
	res := call(t, cs, "env_document", map[string]any{"name": "TWILIO_AUTH_TOKEN"}, &out)
	if len(out.Changes) != 0 || text(res) == "" || !strings.HasPrefix(text(res), "nothing to change") {
		t.Errorf("documenting twice: %+v %q", out.Changes, text(res))
	}
	call(t, cs, "env_document", map[string]any{"name": "TWILIO_PHONE_NUMBER", "file": "services/billing/.env.sample"}, &out)
	if read(t, root, "services/billing/.env.sample") != "TWILIO_PHONE_NUMBER=\n" || len(out.Changes) != 1 || !out.Changes[0].Created {
		t.Errorf("a new env example file: %+v", out.Changes)
	}

	if err := os.Symlink(t.TempDir(), filepath.Join(root, "elsewhere")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, root)
	for _, c := range []struct {
		tool string
		args map[string]any
		arg  string
	}{
		{"catalog_add", map[string]any{"category": "sms", "name": "X", "env_vars": []string{"sk_live_abcdef"}}, "env_vars[0]"},
		{"catalog_add", map[string]any{"category": "", "name": "X"}, "category"},
		{"catalog_add", map[string]any{"category": "sms", "name": "line\nbreak"}, "name"},
		{"env_document", map[string]any{"name": "lower_case"}, "name"},
		{"env_document", map[string]any{"name": "X_Y=1"}, "name"},
		{"env_document", map[string]any{"name": "FOO", "file": "../.env.example"}, "file"},
		{"env_document", map[string]any{"name": "FOO", "file": "README.md"}, "file"},
		{"env_document", map[string]any{"name": "FOO", "file": "elsewhere/.env.example"}, "file"},
	} {
		if msg := callError(t, cs, c.tool, c.args); !strings.Contains(msg, "argument "+c.arg) || strings.Contains(msg, "sk_live_abcdef") {
			t.Errorf("%s %v: %q", c.tool, c.args, msg)
		}
	}
	unchanged(t, root, before)
}

// TestFixDiffHidesKeptSecrets: a fix that keeps a secret's line (the ignore
// comment goes above it) shows the line as context with <redacted> in it.
func TestFixDiffHidesKeptSecrets(t *testing.T) {
	root := examples(t)
	cs := connect(t, root)
	var out editOut
	res := call(t, cs, "fix_apply", map[string]any{"path": "src/integrations/clients/stripe.ts", "line": 4, "code": "hardcoded-secret",
		"title": "Ignore hardcoded-secret here"}, &out)
	if !strings.Contains(read(t, root, "src/integrations/clients/stripe.ts"), "// expertise-ls:ignore hardcoded-secret\nconst stripe = new Stripe(\""+stripeSecretPrefix) {
		t.Errorf("stripe.ts after the fix:\n%s", read(t, root, "src/integrations/clients/stripe.ts"))
	}
	if len(out.Changes) != 1 || !strings.Contains(out.Changes[0].Diff, "+// expertise-ls:ignore hardcoded-secret\n const stripe = new Stripe(\"<redacted>\", {\n") {
		t.Errorf("diff:\n%+v", out.Changes)
	}
	raw, _ := json.Marshal(res)
	if strings.Contains(string(raw), stripeSecretPrefix) {
		t.Errorf("the result holds the secret's value:\n%s", raw)
	}
}

// TestDiff: the unified diff of a few edits far apart, and of a new file.
func TestDiff(t *testing.T) {
	old := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}
	new := []string{"A", "a", "b", "c", "d", "e", "f", "g", "h", "i", "J", "k"}
	want := "--- a/x\n+++ b/x\n@@ -1,3 +1,4 @@\n+A\n a\n b\n c\n@@ -7,5 +8,5 @@\n g\n h\n i\n-j\n+J\n k\n"
	if got := unifiedDiff("x", false, side{old, old}, side{new, new}); got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
	if got := unifiedDiff("n", true, side{}, side{[]string{"X="}, []string{"X="}}); got != "--- /dev/null\n+++ b/n\n@@ -0,0 +1,1 @@\n+X=\n" {
		t.Errorf("new file:\n%s", got)
	}
}

// TestFixApplyInExpertiseFile: a fix offered in an expertise file, which the
// index holds too, is written against the file as it is on disk.
func TestFixApplyInExpertiseFile(t *testing.T) {
	root := examples(t)
	cs := connect(t, root)
	var out editOut
	call(t, cs, "fix_apply", map[string]any{"path": ".agileflow/experts/integrations/expertise.yaml", "line": 4, "code": "expertise-stale",
		"title": "Set last_updated to today"}, &out)
	if !strings.Contains(read(t, root, ".agileflow/experts/integrations/expertise.yaml"), "\nlast_updated: 2026-12-07\n") ||
		len(out.Changes) != 1 || !strings.Contains(out.Changes[0].Diff, "-last_updated: 2026-09-01\n+last_updated: 2026-12-07\n") {
		t.Errorf("changes %+v", out.Changes)
	}
}

// TestConcurrentLearnings: agents' calls at once lose no learning (each
// writes under the expert's lock, against its content then).
func TestConcurrentLearnings(t *testing.T) {
	root := examples(t)
	cs := connect(t, root)
	const n = 6
	errs := make(chan error, n)
	for i := range n {
		go func() {
			res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "learning_add",
				Arguments: map[string]any{"insight": "parallel learning " + string(rune('A'+i))}})
			if err == nil && res.IsError {
				err = errors.New(text(res))
			}
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	expert := read(t, root, ".agileflow/experts/integrations/expertise.yaml")
	for i := range n {
		if want := "parallel learning " + string(rune('A'+i)); !strings.Contains(expert, want) {
			t.Errorf("lost %q", want)
		}
	}
}

// TestDiffLinesIsShortest: on random line lists, the script diffLines
// gives turns a into b and has as few edits as a longest common
// subsequence allows (Myers' diff is the shortest).
func TestDiffLinesIsShortest(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 500 {
		a, b := randomLines(rng), randomLines(rng)
		ops := diffLines(a, b)
		var got []string
		edits, i, j := 0, 0, 0
		for _, op := range ops {
			switch op.kind {
			case ' ':
				if op.old != i || op.new != j || a[i] != b[j] {
					t.Fatalf("%q -> %q: kept line at %d/%d is not the next of both", a, b, op.old, op.new)
				}
				got, i, j = append(got, b[j]), i+1, j+1
			case '-':
				if op.old != i {
					t.Fatalf("%q -> %q: removal at %d, want %d", a, b, op.old, i)
				}
				edits, i = edits+1, i+1
			case '+':
				if op.new != j {
					t.Fatalf("%q -> %q: addition at %d, want %d", a, b, op.new, j)
				}
				got, edits, j = append(got, b[j]), edits+1, j+1
			}
		}
		if i != len(a) || !slices.Equal(got, b) {
			t.Fatalf("%q -> %q: the script gives %q", a, b, got)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
			t.Fatalf("%q -> %q: %d edits, want %d", a, b, edits, want)
		}
	}
}

func randomLines(rng *rand.Rand) []string {
	out := make([]string, rng.IntN(12))
	for i := range out {
		out[i] = string(rune('a' + rng.IntN(4)))
	}
	return out
}

func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
