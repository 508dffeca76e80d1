package analysis

import (
	"encoding/json"
	"fmt"
	"time"
)

// Config is the user's settings: the LSP section "expertise-ls" (from
// initializationOptions or workspace/configuration), or a check run's flags.
type Config struct {
	Diagnostics DiagnosticsConfig `json:"diagnostics"`
	Expertise   ExpertiseConfig   `json:"expertise"`
	// Rules overrides per code: "off", a severity name, or {"enabled", "severity"}.
	Rules    map[string]RuleConfig `json:"rules"`
	Webhooks WebhooksConfig        `json:"webhooks"`
	Index    IndexConfig           `json:"index"`
	// Baseline is a baseline file (expertise-ls check --write-baseline),
	// relative to the workspace root: the server does not publish the
	// findings it holds.
	Baseline string `json:"baseline"`

	// Now returns the current time; tests pin it. Not a setting.
	Now func() time.Time `json:"-"`
}

// DiagnosticsConfig says when the server publishes.
type DiagnosticsConfig struct {
	OnChange   bool `json:"onChange"`   // also publish while typing (debounced), not only on open and save
	DebounceMs int  `json:"debounceMs"` // delay after the last change
}

// ExpertiseConfig locates and judges expertise files.
type ExpertiseConfig struct {
	Paths     []string `json:"paths"`     // extra globs (relative to the workspace root) of expertise files
	StaleDays int      `json:"staleDays"` // last_updated older than this is stale
	MaxLines  int      `json:"maxLines"`  // longer files are too long
}

// WebhooksConfig adds the team's own knowledge of webhooks.
type WebhooksConfig struct {
	VerifyFunctions []string `json:"verifyFunctions"` // calls that count as signature verification
	Paths           []string `json:"paths"`           // globs of files or route paths that hold webhook handlers
}

// IndexConfig bounds the workspace index.
type IndexConfig struct {
	MaxFileSize int64    `json:"maxFileSize"` // bytes; larger files are skipped
	Exclude     []string `json:"exclude"`     // extra globs to skip
}

// RuleConfig overrides one rule.
type RuleConfig struct {
	Enabled  *bool  `json:"enabled,omitempty"`
	Severity string `json:"severity,omitempty"`
}

// UnmarshalJSON accepts "off", "on", a severity name, or the object form.
func (r *RuleConfig) UnmarshalJSON(data []byte) error {
	var s string
	if json.Unmarshal(data, &s) == nil {
		switch s {
		case "off", "false", "none":
			off := false
			r.Enabled = &off
		case "on", "true":
			on := true
			r.Enabled = &on
		default:
			if _, err := ParseSeverity(s); err != nil {
				return err
			}
			r.Severity = s
		}
		return nil
	}
	type plain RuleConfig
	var p plain
	if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	if p.Severity != "" {
		if _, err := ParseSeverity(p.Severity); err != nil {
			return err
		}
	}
	*r = RuleConfig(p)
	return nil
}

// DefaultConfig returns the settings used when the user sets nothing.
func DefaultConfig() *Config {
	return &Config{
		Diagnostics: DiagnosticsConfig{DebounceMs: 300},
		Expertise:   ExpertiseConfig{StaleDays: 30, MaxLines: 200},
		Index:       IndexConfig{MaxFileSize: 1 << 20},
		Now:         time.Now,
	}
}

// DecodeConfig reads settings (JSON, as a client sends them) over the
// defaults. Unknown keys are ignored; a value of the wrong type is an error
// that names it, and the defaults stand.
func DecodeConfig(raw []byte) (*Config, error) {
	c := DefaultConfig()
	if len(raw) == 0 || string(raw) == "null" {
		return c, nil
	}
	// Clients sometimes send the whole settings object with our section inside.
	var wrapped struct {
		Section json.RawMessage `json:"expertise-ls"`
	}
	if json.Unmarshal(raw, &wrapped) == nil && len(wrapped.Section) > 0 {
		raw = wrapped.Section
	}
	if err := json.Unmarshal(raw, c); err != nil {
		return DefaultConfig(), fmt.Errorf("settings: %w", err)
	}
	if c.Expertise.StaleDays <= 0 {
		c.Expertise.StaleDays = 30
	}
	if c.Expertise.MaxLines <= 0 {
		c.Expertise.MaxLines = 200
	}
	if c.Diagnostics.DebounceMs <= 0 {
		c.Diagnostics.DebounceMs = 300
	}
	if c.Index.MaxFileSize <= 0 {
		c.Index.MaxFileSize = 1 << 20
	}
	return c, nil
}

// ruleEnabled reports whether code is on, and its effective severity given the analyzer's choice.
func (c *Config) apply(d *Diagnostic) bool {
	rc, ok := c.Rules[d.Code]
	if !ok {
		return true
	}
	if rc.Enabled != nil && !*rc.Enabled {
		return false
	}
	if rc.Severity != "" {
		if s, err := ParseSeverity(rc.Severity); err == nil {
			d.Severity = s
		}
	}
	return true
}

// Today returns the current local date at midnight.
func (c *Config) Today() time.Time {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	y, m, d := now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
}
