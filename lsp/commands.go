package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
	"github.com/expertise-ls/expertise-ls/analysis/envdoc"
	"github.com/expertise-ls/expertise-ls/expertise"
	"github.com/expertise-ls/expertise-ls/internal/filelock"
	"github.com/expertise-ls/expertise-ls/internal/span"
	"github.com/expertise-ls/expertise-ls/internal/walk"
)

// Commands (workspace/executeCommand) write the expertise back. Each takes
// one argument, an object, whose fields and types are checked; computes its
// edits against the files as the client has them (an open expertise file's
// unsaved buffer, with its version, else the disk); has the client apply
// them with workspace/applyEdit, waiting for its answer (commands run off
// the read loop, see concurrentRequests); and answers {"changed": [URIs]}.
// With several workspace folders, folder (a file URI or path of one of
// them) says which to edit; without it the experts of every folder are
// candidates.
// Failures are LSP errors whose message says what to do: InvalidParams for
// bad arguments, RequestFailed for a workspace the command cannot edit (no
// expert, invalid YAML) or an edit the client did not apply.
const (
	cmdAddCatalogEntry = "expertise.addCatalogEntry" // {category, name, env_vars?, webhooks?, expert?, folder?}
	cmdAddLearning     = "expertise.addLearning"     // {insight, context?, files_affected?, expert?, folder?}
	cmdDocumentEnvVar  = "expertise.documentEnvVar"  // {name, integration?, folder?}
	cmdTouch           = "expertise.touch"           // {expert?, folder?}
	cmdShow            = "expertise.show"            // {uri, range}: window/showDocument, after a quick fix
)

// codeRequestFailed is LSP's RequestFailed: a valid request that failed.
const codeRequestFailed jsonrpc2.Code = -32803

// commandFunc runs one command.
type commandFunc func(s *Server, ctx context.Context, args []protocol.LSPAny) (*commandResult, error)

var commands = map[string]commandFunc{
	cmdAddCatalogEntry: (*Server).addCatalogEntry,
	cmdAddLearning:     (*Server).addLearning,
	cmdDocumentEnvVar:  (*Server).documentEnvVar,
	cmdTouch:           (*Server).touch,
	cmdShow:            (*Server).showLocation,
}

// commandResult is a command's answer: the files it changed.
type commandResult struct {
	Changed []uri.URI `json:"changed"`
}

// executeCommandOptions is the server's executeCommand capability.
func executeCommandOptions() protocol.ExecuteCommandOptions {
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	slices.Sort(names)
	return protocol.ExecuteCommandOptions{Commands: names}
}

// ExecuteCommand runs a command once the workspace index is ready.
func (s *Server) ExecuteCommand(ctx context.Context, params *protocol.ExecuteCommandParams) (protocol.LSPAny, error) {
	run, ok := commands[params.Command]
	if !ok {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "unknown command %q; the commands are: %s", params.Command, strings.Join(executeCommandOptions().Commands, ", "))
	}
	if err := s.awaitReady(ctx); err != nil {
		return nil, err
	}
	res, err := run(s, ctx, params.Arguments)
	if err != nil {
		s.log.Info("command failed", zap.String("command", params.Command), zap.Error(err))
		return nil, err
	}
	s.log.Info("command done", zap.String("command", params.Command), zap.Int("changed", len(res.Changed)))
	return json.Marshal(res)
}

// failed returns a RequestFailed error.
func failed(command string, err error) error {
	return jsonrpc2.Errorf(codeRequestFailed, "%s: %v", command, err)
}

func (s *Server) addCatalogEntry(ctx context.Context, args []protocol.LSPAny) (*commandResult, error) {
	var a struct {
		Category string   `json:"category"`
		Name     string   `json:"name"`
		EnvVars  []string `json:"env_vars"`
		Webhooks []string `json:"webhooks"`
		Expert   string   `json:"expert"`
		Folder   string   `json:"folder"`
	}
	if err := decodeArgs(cmdAddCatalogEntry, args, &a); err != nil {
		return nil, err
	}
	c := argCheck{command: cmdAddCatalogEntry}
	c.name("category", a.Category, true)
	c.name("name", a.Name, true)
	for i, v := range a.EnvVars {
		c.envVar(fmt.Sprintf("env_vars[%d]", i), v)
	}
	for i, v := range a.Webhooks {
		c.name(fmt.Sprintf("webhooks[%d]", i), v, true)
	}
	c.name("expert", a.Expert, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	return s.editExpert(ctx, cmdAddCatalogEntry, a.Expert, a.Folder, true, func(f *expertise.File, today time.Time) ([]expertise.Edit, int, error) {
		edits, err := expertise.AddCatalogEntry(f, a.Category, a.Name, a.EnvVars, a.Webhooks, today)
		return edits, -1, err
	})
}

func (s *Server) addLearning(ctx context.Context, args []protocol.LSPAny) (*commandResult, error) {
	var a struct {
		Insight       string   `json:"insight"`
		Context       string   `json:"context"`
		FilesAffected []string `json:"files_affected"`
		Expert        string   `json:"expert"`
		Folder        string   `json:"folder"`
	}
	if err := decodeArgs(cmdAddLearning, args, &a); err != nil {
		return nil, err
	}
	c := argCheck{command: cmdAddLearning}
	c.text("insight", a.Insight, true)
	for i, p := range a.FilesAffected {
		c.relPath(fmt.Sprintf("files_affected[%d]", i), p)
	}
	c.name("expert", a.Expert, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	l := expertise.NewLearning{Insight: a.Insight, Context: a.Context, FilesAffected: a.FilesAffected}
	return s.editExpert(ctx, cmdAddLearning, a.Expert, a.Folder, true, func(f *expertise.File, today time.Time) ([]expertise.Edit, int, error) {
		return expertise.AddLearning(f, l, today)
	})
}

func (s *Server) touch(ctx context.Context, args []protocol.LSPAny) (*commandResult, error) {
	var a struct {
		Expert string `json:"expert"`
		Folder string `json:"folder"`
	}
	if err := decodeArgs(cmdTouch, args, &a); err != nil {
		return nil, err
	}
	c := argCheck{command: cmdTouch}
	c.name("expert", a.Expert, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	return s.editExpert(ctx, cmdTouch, a.Expert, a.Folder, false, func(f *expertise.File, today time.Time) ([]expertise.Edit, int, error) {
		edits, err := expertise.SetLastUpdated(f, today)
		return edits, -1, err
	})
}

// expertOp computes the edits of one expert and where the editor should
// show the result afterwards (an offset in the edited content; -1: nowhere).
type expertOp func(f *expertise.File, today time.Time) (edits []expertise.Edit, showAt int, err error)

// editExpert picks the expert (by domain among the experts of the folders
// folderArg allows; see expertise.PickExpert), runs op on it as the client
// has it and applies the edits.
func (s *Server) editExpert(ctx context.Context, command, domain, folderArg string, integrations bool, op expertOp) (*commandResult, error) {
	folders, err := s.commandFolders(command, folderArg)
	if err != nil {
		return nil, err
	}
	experts, states, err := s.currentExperts(folders)
	if err != nil {
		return nil, failed(command, err)
	}
	hint := "pass the expert argument"
	if len(folders) > 1 {
		hint = "pass the expert or the folder argument"
	}
	picked, err := expertise.PickExpert(experts, domain, integrations, hint)
	if err != nil {
		return nil, failed(command, err)
	}
	unlock, err := s.lockFile(ctx, picked.Path)
	if err != nil {
		return nil, failed(command, err)
	}
	defer unlock()
	st, err := s.fileState(picked.Path) // again, under the lock: a CLI run may have written it
	if err != nil {
		return nil, failed(command, err)
	}
	states[picked.Path] = st
	f := expertise.Parse(picked.Path, st.content)
	edits, showAt, err := op(f, s.settings().Today())
	if err != nil {
		return nil, failed(command, err)
	}
	textEdits := expertTextEdits(f, edits)
	changes, err := s.toChanges(textEdits, s.stateTarget(states))
	if err != nil {
		return nil, failed(command, err)
	}
	res, err := s.apply(ctx, command, changes)
	if err == nil {
		s.recordApplied(states, textEdits)
	}
	if err == nil && len(changes) > 0 && showAt >= 0 {
		s.showEdited(ctx, changes[0].uri, f.Content, edits, showAt)
	}
	return res, err
}

// currentExperts returns the experts the indexes of folders know, parsed
// from their content as the client has it, and the state each was parsed
// from.
func (s *Server) currentExperts(folders []*folder) ([]*expertise.File, map[string]fileState, error) {
	var out []*expertise.File
	states := map[string]fileState{}
	for _, fo := range folders {
		ix, _ := s.state(fo)
		if ix == nil {
			continue
		}
		for _, e := range ix.Experts() {
			st, err := s.fileState(e.Path)
			if err != nil {
				return nil, nil, err
			}
			if !st.exists {
				continue
			}
			states[e.Path] = st
			out = append(out, expertise.Parse(e.Path, st.content))
		}
	}
	return out, states, nil
}

// expertTextEdits converts byte-offset edits of an expert to text edits.
func expertTextEdits(f *expertise.File, edits []expertise.Edit) []analysis.TextEdit {
	lines := f.Lines
	if lines == nil {
		lines = span.NewLines(f.Content)
	}
	out := make([]analysis.TextEdit, len(edits))
	for i, e := range edits {
		out[i] = analysis.TextEdit{Path: f.Path, Range: lines.Range(e.Start, e.End), NewText: e.NewText}
	}
	return out
}

// stateTarget makes changes of files in the states their edits were computed against.
func (s *Server) stateTarget(states map[string]fileState) target {
	return func(path string, create bool) (fileChange, error) {
		st, ok := states[path]
		if !ok {
			return fileChange{}, fmt.Errorf("%s: an edit of a file that was not read first", path)
		}
		return s.change(path, st, create)
	}
}

// editLabels name the commands' edits on the editor's undo stack.
var editLabels = map[string]string{
	cmdAddCatalogEntry: "Add an integration to the catalog",
	cmdAddLearning:     "Record a learning",
	cmdDocumentEnvVar:  "Document an environment variable",
	cmdTouch:           "Set last_updated to today",
}

// apply has the client apply the changes a command makes
// (workspace/applyEdit) and waits for its answer.
func (s *Server) apply(ctx context.Context, command string, changes []fileChange) (*commandResult, error) {
	res := &commandResult{Changed: []uri.URI{}}
	if len(changes) == 0 {
		return res, nil // nothing to change
	}
	if !s.caps.editing.applyEdit {
		return nil, failed(command, fmt.Errorf("the client does not support workspace/applyEdit, so the server cannot change files"))
	}
	edit, err := s.caps.editing.workspaceEdit(changes)
	if err != nil {
		return nil, failed(command, err)
	}
	label := editLabels[command]
	answer, err := s.client.ApplyEdit(ctx, &protocol.ApplyWorkspaceEditParams{Label: &label, Edit: *edit})
	if err != nil {
		return nil, failed(command, fmt.Errorf("workspace/applyEdit failed: %w", err))
	}
	if !answer.Applied {
		reason := "no reason given"
		if answer.FailureReason != nil && *answer.FailureReason != "" {
			reason = *answer.FailureReason
		}
		return nil, failed(command, fmt.Errorf("the editor did not apply the edit: %s", reason))
	}
	for _, ch := range changes {
		res.Changed = append(res.Changed, ch.uri)
	}
	return res, nil
}

// documentEnvVar documents an environment variable in the workspace root's
// env example file (the first of .env.example, .env.sample, ... there, else
// a new .env.example) and, given an integration, in the env_vars of its
// integrations_catalog entry.
func (s *Server) documentEnvVar(ctx context.Context, args []protocol.LSPAny) (*commandResult, error) {
	var a struct {
		Name        string `json:"name"`
		Integration string `json:"integration"`
		Folder      string `json:"folder"`
	}
	if err := decodeArgs(cmdDocumentEnvVar, args, &a); err != nil {
		return nil, err
	}
	c := argCheck{command: cmdDocumentEnvVar}
	c.envVar("name", a.Name)
	c.name("integration", a.Integration, false)
	if err := c.err(); err != nil {
		return nil, err
	}
	folders, err := s.commandFolders(cmdDocumentEnvVar, a.Folder)
	switch {
	case err != nil:
		return nil, err
	case len(folders) == 0:
		return nil, failed(cmdDocumentEnvVar, fmt.Errorf("no workspace folder is open: there is no env example file to write"))
	case len(folders) > 1:
		return nil, failed(cmdDocumentEnvVar, fmt.Errorf("%d workspace folders are open (%s): pass the folder argument", len(folders), s.roots()))
	}
	ix, _ := s.state(folders[0])
	if ix == nil {
		return nil, failed(cmdDocumentEnvVar, fmt.Errorf("%s is not indexed yet", folders[0].root))
	}
	states := map[string]fileState{}
	var edits []analysis.TextEdit
	target := analysis.EnvDocTargetFor(ix.Root, ix.Root, ix.EnvExamples())
	unlock, err := s.lockFile(ctx, target.Path)
	if err != nil {
		return nil, failed(cmdDocumentEnvVar, err)
	}
	defer unlock()
	st, err := s.fileState(target.Path)
	if err != nil {
		return nil, failed(cmdDocumentEnvVar, err)
	}
	states[target.Path] = st
	target.Example = nil // judge the buffer or the disk as they are now, not the index's copy
	if st.exists {
		target.Example = envdoc.ParseEnvExample(target.Path, st.content)
	}
	if e, _, ok := target.DocumentEdit(a.Name); ok {
		edits = append(edits, e)
	}
	if a.Integration != "" {
		experts, expertStates, err := s.currentExperts(folders)
		if err != nil {
			return nil, failed(cmdDocumentEnvVar, err)
		}
		f, err := expertCataloging(experts, a.Integration)
		if err != nil {
			return nil, failed(cmdDocumentEnvVar, err)
		}
		unlockExpert, err := s.lockFile(ctx, f.Path) // always after the env file's: one order, no deadlock
		if err != nil {
			return nil, failed(cmdDocumentEnvVar, err)
		}
		defer unlockExpert()
		if expertStates[f.Path], err = s.fileState(f.Path); err != nil {
			return nil, failed(cmdDocumentEnvVar, err)
		}
		f = expertise.Parse(f.Path, expertStates[f.Path].content)
		ee, err := expertise.AddCatalogEnvVar(f, a.Integration, a.Name, s.settings().Today())
		if err != nil {
			return nil, failed(cmdDocumentEnvVar, err)
		}
		states[f.Path] = expertStates[f.Path]
		edits = append(edits, expertTextEdits(f, ee)...)
	}
	changes, err := s.toChanges(edits, s.stateTarget(states))
	if err != nil {
		return nil, failed(cmdDocumentEnvVar, err)
	}
	res, err := s.apply(ctx, cmdDocumentEnvVar, changes)
	if err == nil {
		s.recordApplied(states, edits)
	}
	return res, err
}

// lockFile takes the writers' lock of the file at path (see
// expertise.EditLocked) for the time a command reads it, computes its edit
// and has the client apply it, so that a CLI run or an agent writing the
// same file meanwhile waits rather than losing its work or ours.
func (s *Server) lockFile(ctx context.Context, path string) (unlock func(), err error) {
	release, err := filelock.Lock(ctx, walk.ResolveExisting(path))
	if err != nil {
		return nil, err
	}
	return func() {
		if err := release(); err != nil {
			s.log.Warn("could not release a file lock", zap.String("path", path), zap.Error(err))
		}
	}, nil
}

// expertCataloging returns the expert whose integrations_catalog has an
// entry named integration (ignoring case); the integrations expert when
// several have one.
func expertCataloging(experts []*expertise.File, integration string) (*expertise.File, error) {
	var with []*expertise.File
	for _, e := range experts {
		if hasEntry(e, integration) {
			with = append(with, e)
		}
	}
	switch {
	case len(with) == 1:
		return with[0], nil
	case len(with) == 0:
		return nil, fmt.Errorf("no integrations_catalog entry is named %q; add one first with %s", integration, cmdAddCatalogEntry)
	}
	if f, err := expertise.PickExpert(with, expertise.DomainIntegrations, false, ""); err == nil {
		return f, nil
	}
	return nil, fmt.Errorf("the experts %s all catalog %q; keep one entry", expertise.Domains(with), integration)
}

func hasEntry(f *expertise.File, name string) bool {
	for _, c := range f.Catalog {
		for _, e := range c.Entries {
			if strings.EqualFold(strings.TrimSpace(e.Name.Value), strings.TrimSpace(name)) {
				return true
			}
		}
	}
	return false
}
