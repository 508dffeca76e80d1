package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/checks"
	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
	"github.com/expertise-ls/expertise-ls/expertise"
)

// The self-improve edits: the engine of expertise-ls learn and catalog add
// (expertise.EditLocked) and of the editor's "Document NAME" fix
// (analysis.EnvDocTarget), each answering its diff.

type learningIn struct {
	Insight       string   `json:"insight" jsonschema:"what was learned, one or two sentences"`
	Context       string   `json:"context,omitempty" jsonschema:"where it was learned: the task, story or incident"`
	FilesAffected []string `json:"files_affected,omitempty" jsonschema:"files the learning is about, relative to the workspace root"`
	Domain        string   `json:"domain,omitempty" jsonschema:"the expert to write; the integrations expert when omitted"`
}

type catalogIn struct {
	Category string   `json:"category" jsonschema:"the catalog category, e.g. payment, email, sms"`
	Name     string   `json:"name" jsonschema:"the integration's name, e.g. Stripe"`
	EnvVars  []string `json:"env_vars,omitempty" jsonschema:"environment variables it reads, in UPPER_SNAKE_CASE"`
	Webhooks []string `json:"webhooks,omitempty" jsonschema:"webhook events it receives, e.g. payment_intent.succeeded"`
	Domain   string   `json:"domain,omitempty" jsonschema:"the expert to write; the integrations expert when omitted"`
}

type envDocumentIn struct {
	Name string `json:"name" jsonschema:"the environment variable, in UPPER_SNAKE_CASE; only its name is written, never a value"`
	File string `json:"file,omitempty" jsonschema:"the env example file to write, relative to the workspace root; the one at the root (created as .env.example if none) when omitted"`
}

func (w *workspace) learningAdd(ctx context.Context, in learningIn) (string, editOut, error) {
	if strings.TrimSpace(in.Insight) == "" {
		return "", editOut{}, argError("insight", "is empty; say what was learned")
	}
	files, err := expertise.WorkspaceFiles(w.root, "files_affected", in.FilesAffected)
	if err != nil {
		return "", editOut{}, fmt.Errorf("argument %w", err)
	}
	l := expertise.NewLearning{Insight: in.Insight, Context: in.Context, FilesAffected: files}
	return w.editExpert(ctx, "recorded the learning", in.Domain, func(f *expertise.File) ([]expertise.Edit, error) {
		edits, _, err := expertise.AddLearning(f, l, w.cfg.Today())
		return edits, err
	})
}

func (w *workspace) catalogAdd(ctx context.Context, in catalogIn) (string, editOut, error) {
	for _, a := range [][2]string{{"category", in.Category}, {"name", in.Name}} {
		if err := oneLine(a[0], a[1], true); err != nil {
			return "", editOut{}, err
		}
	}
	for i, v := range in.EnvVars {
		if !expertise.IsEnvVarName(v) {
			return "", editOut{}, argError(fmt.Sprintf("env_vars[%d]", i), "%s is not an env var name in UPPER_SNAKE_CASE", preview(v))
		}
	}
	for i, v := range in.Webhooks {
		if err := oneLine(fmt.Sprintf("webhooks[%d]", i), v, true); err != nil {
			return "", editOut{}, err
		}
	}
	return w.editExpert(ctx, "cataloged "+strings.TrimSpace(in.Name), in.Domain, func(f *expertise.File) ([]expertise.Edit, error) {
		return expertise.AddCatalogEntry(f, in.Category, in.Name, in.EnvVars, in.Webhooks, w.cfg.Today())
	})
}

// editExpert edits the expert of domain (the integrations expert without
// one) under its lock, as the CLI's editing commands do.
func (w *workspace) editExpert(ctx context.Context, did, domain string, op func(*expertise.File) ([]expertise.Edit, error)) (string, editOut, error) {
	picked, err := expertise.PickExpertIn(ctx, w.root, w.cfg.Expertise.Paths, domain, true, "pass domain")
	if err != nil {
		if strings.TrimSpace(domain) != "" {
			return "", editOut{}, argError("domain", "%v", err)
		}
		return "", editOut{}, err
	}
	before, edits, err := expertise.EditLocked(ctx, picked.Path, op)
	if err != nil {
		return "", editOut{}, err
	}
	out := editOut{Changes: []Change{}}
	if len(edits) > 0 {
		after, err := expertise.ApplyEdits(before.Content, edits)
		if err != nil {
			return "", editOut{}, err
		}
		ix := checks.NewIndex(w.root, w.cfg) // to judge the expert's old content for secrets to hide: no other file matters
		out.Changes = w.changes(ix, []analysis.FileChange{{Path: before.Path, Before: before.Content, After: after}}, nil)
	}
	return changesSummary(did, out.Changes), out, nil
}

func (w *workspace) envDocument(ctx context.Context, in envDocumentIn) (string, editOut, error) {
	if !expertise.IsEnvVarName(in.Name) {
		return "", editOut{}, argError("name", "%s is not an env var name in UPPER_SNAKE_CASE", preview(in.Name))
	}
	ix, err := w.index(ctx)
	if err != nil {
		return "", editOut{}, err
	}
	target := analysis.EnvDocTargetFor(ix.Root, ix.Root, ix.EnvExamples())
	if in.File != "" {
		path, err := w.resolve("file", in.File)
		if err != nil {
			return "", editOut{}, err
		}
		if !envdoc.IsEnvExample(path) {
			return "", editOut{}, argError("file", "%q is not an env example file (.env.example, .env.sample, .env.template, ...)", in.File)
		}
		target = analysis.EnvDocTarget{Path: path}
	}
	read := map[string][]byte{}
	target.Example = nil // the file as it is on disk now, not as the index read it
	content, exists, err := readIfExists(target.Path)
	if err != nil {
		return "", editOut{}, err
	}
	if exists {
		target.Example = envdoc.ParseEnvExample(target.Path, content)
		read[target.Path] = content
	}
	out := editOut{Changes: []Change{}}
	edit, _, ok := target.DocumentEdit(in.Name)
	if ok {
		written, err := ix.WriteEdits(ctx, []analysis.TextEdit{edit}, read)
		if err != nil {
			return "", editOut{}, err
		}
		out.Changes = w.changes(ix, written, nil)
	}
	return changesSummary("documented "+in.Name, out.Changes), out, nil
}

// readIfExists returns the content of the file at path and whether it exists.
func readIfExists(path string) ([]byte, bool, error) {
	content, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	return content, err == nil, err
}

// oneLine checks a name argument: one line of text, not blank when required.
func oneLine(arg, v string, required bool) error {
	switch {
	case strings.TrimSpace(v) == "":
		if required {
			return argError(arg, "is empty")
		}
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return argError(arg, "%s must be one line of text", preview(v))
	}
	return nil
}

// preview quotes at most the first four characters of v: an argument may
// be a secret pasted into the wrong field.
func preview(v string) string {
	if utf8.RuneCountInString(v) <= 4 {
		return fmt.Sprintf("%q", v)
	}
	return fmt.Sprintf("%q", string([]rune(v)[:4])+"…")
}

func addWriteTools(s *mcp.Server, w *workspace) {
	addTool(s, "learning_add", "Record a learning {date, insight, files_affected, context} in an expert (the integrations "+
		"expert by default) and set its last_updated: the self-improve step. Returns the diff.", hints(false, false, false), w.learningAdd)
	addTool(s, "catalog_add", "Add an integration to the integrations_catalog, or add the env vars and webhook events "+
		"an entry of that name lacks. Returns the diff.", hints(false, false, true), w.catalogAdd)
	addTool(s, "env_document", "Document an environment variable (its name only, never a value) in an env example "+
		"file: NAME= as a new last line. Returns the diff.", hints(false, false, true), w.envDocument)
}

func addReadTools(s *mcp.Server, w *workspace) {
	addTool(s, "expertise_get", "Read the experts' content as data (files, patterns, conventions, integrations_catalog, "+
		"learnings) with what validation finds in them: missing fields, staleness, paths that no longer exist. "+
		"The 'validate expertise against the codebase' step, before planning.", hints(true, false, true), w.expertiseGet)
	addTool(s, "integration_plan", "Plan an integration of a service: its catalog entry (or what expertise-ls knows of it), "+
		"the env vars it needs and which are documented, its webhook signature header and verification call per language, "+
		"where clients and webhook handlers live here, the conventions and learnings that apply, similar integrations.", hints(true, false, true), w.integrationPlan)
	addTool(s, "check", "Judge the workspace (or the given paths) against its expertise: findings with path, line, column, "+
		"code, severity, message and the titles of the fixes fix_apply can apply.", hints(true, false, true), w.check)
}
