package lsp

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"slices"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/expertise-ls/expertise-ls/analysis"
)

// settingsSection is the configuration section the server reads.
const settingsSection = "expertise-ls"

// Settings come from initializationOptions (at initialize), then from
// workspace/configuration when the client supports it (after initialized and
// on every didChangeConfiguration), else from didChangeConfiguration's own
// settings. A non-null answer replaces the settings in force; null or absent
// settings leave them. A bad setting is logged and shown as a warning, and
// the defaults stand (analysis.DecodeConfig).

// DidChangeConfiguration reloads the settings on the queue.
func (s *Server) DidChangeConfiguration(_ context.Context, params *protocol.DidChangeConfigurationParams) error {
	pushed := slices.Clone(params.Settings)
	s.queue.do(func() { s.reloadSettings(pushed) })
	return nil
}

// reloadSettings reads the settings anew and applies them. It runs on the queue.
func (s *Server) reloadSettings(pushed []byte) {
	raw, from := s.fetchSettings(), "workspace/configuration"
	if raw == nil {
		raw, from = pushed, "workspace/didChangeConfiguration"
	}
	if isNull(raw) {
		return
	}
	if s.applySettings(from, raw) {
		go s.recoverInto("file watcher registration", s.registerWatchers) // expertise.paths may have changed
		s.buildIndex()
	} else {
		for _, f := range s.allFolders() {
			if ix, _ := s.state(f); ix != nil {
				ix.SetConfig(s.settings())
			}
		}
	}
	s.dependenciesChanged("")
}

// fetchSettings asks the client for the section (workspace/configuration);
// nil when the client cannot answer or has no settings for it. It waits for
// the client: call it on the queue, never on the read loop.
func (s *Server) fetchSettings() []byte {
	if !s.caps.configuration {
		return nil
	}
	item := protocol.ConfigurationItem{Section: ptr(settingsSection)}
	if root := s.firstRoot(); root != "" {
		scope := uri.File(root)
		item.ScopeURI = &scope
	}
	ctx, cancel := context.WithTimeout(s.ctx, clientTimeout)
	defer cancel()
	answers, err := s.client.Configuration(ctx, &protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{item}})
	if err != nil {
		s.log.Warn("workspace/configuration failed; keeping the settings in force", zap.Error(err))
		return nil
	}
	if len(answers) == 0 || isNull(answers[0]) {
		s.log.Debug("the client has no settings for the section", zap.String("section", settingsSection))
		return nil
	}
	return answers[0]
}

// applySettings decodes and installs settings, and reports whether the
// workspace index must be rebuilt: anything the index reads changed (all but
// the diagnostics, rules and baseline settings, which only judgements read).
func (s *Server) applySettings(from string, raw []byte) (rebuild bool) {
	cfg, err := analysis.DecodeConfig(raw)
	if err != nil {
		s.warnSettings(from, err)
	}
	s.mu.Lock()
	old := s.cfg
	s.cfg = cfg
	s.mu.Unlock()
	s.log.Info("settings", zap.String("from", from), zap.Bool("onChange", cfg.Diagnostics.OnChange), zap.Int("debounceMs", cfg.Diagnostics.DebounceMs))
	return indexSettingsDiffer(old, cfg)
}

// indexSettingsDiffer compares the settings the index depends on.
func indexSettingsDiffer(a, b *analysis.Config) bool {
	x, y := *a, *b
	for _, c := range []*analysis.Config{&x, &y} {
		c.Diagnostics, c.Rules, c.Now, c.Baseline = analysis.DiagnosticsConfig{}, nil, nil, ""
	}
	return !reflect.DeepEqual(x, y)
}

// warnSettings logs a bad setting and shows it to the user.
func (s *Server) warnSettings(from string, err error) {
	s.log.Warn("bad settings; using the defaults", zap.String("from", from), zap.Error(err))
	msg := fmt.Sprintf("expertise-ls: %v (in %s); using the default settings", err, from)
	if werr := s.client.ShowMessage(s.ctx, &protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: msg}); werr != nil {
		s.log.Warn("could not show a message", zap.Error(werr))
	}
}

func isNull(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}
