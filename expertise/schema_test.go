package expertise

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestSchemaFollowsTheParser: the schema names the keys and fields the
// parser reads, so what the editor's YAML server suggests and what
// expertise-ls checks agree.
func TestSchemaFollowsTheParser(t *testing.T) {
	if got := strings.Join(TopLevelKeys, " "); got != "domain version last_updated files relationships patterns conventions integrations_catalog learnings" {
		t.Errorf("top-level keys from the schema: %s", got)
	}
	var s struct {
		Required   []string `json:"required"`
		Properties map[string]struct {
			AdditionalProperties struct {
				Items struct {
					Properties map[string]any `json:"properties"`
					Required   []string       `json:"required"`
				} `json:"items"`
			} `json:"additionalProperties"`
			Items struct {
				Properties map[string]any `json:"properties"`
			} `json:"items"`
		} `json:"properties"`
	}
	var envVars struct {
		Properties struct {
			Catalog struct {
				AdditionalProperties struct {
					Items struct {
						Properties struct {
							EnvVars struct {
								Items struct {
									Pattern string `json:"pattern"`
								} `json:"items"`
							} `json:"env_vars"`
						} `json:"properties"`
					} `json:"items"`
				} `json:"additionalProperties"`
			} `json:"integrations_catalog"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(Schema, &envVars); err != nil {
		t.Fatal(err)
	}
	if got := envVars.Properties.Catalog.AdditionalProperties.Items.Properties.EnvVars.Items.Pattern; got != envVarRE.String() {
		t.Errorf("the schema's env_vars pattern is %s; Validate reports names that do not match %s", got, envVarRE)
	}
	if err := json.Unmarshal(Schema, &s); err != nil {
		t.Fatal(err)
	}
	fields := func(m map[string]any) string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return strings.Join(out, " ")
	}
	for _, c := range []struct{ section, got, want string }{
		{"files entries", fields(s.Properties["files"].AdditionalProperties.Items.Properties), "conventions key_exports path purpose"},
		{"patterns", fields(s.Properties["patterns"].Items.Properties), "applies_to description example location name"},
		{"catalog entries", fields(s.Properties["integrations_catalog"].AdditionalProperties.Items.Properties), "env_vars name webhooks"},
		{"learnings", fields(s.Properties["learnings"].Items.Properties), "context date files_affected impact insight learning title"},
	} {
		if c.got != c.want {
			t.Errorf("%s in the schema: %s, want %s (the fields sections.go reads)", c.section, c.got, c.want)
		}
	}
	// The fields whose absence Validate reports as expertise-missing-field.
	if got := strings.Join(s.Required, " "); got != "domain version last_updated" {
		t.Errorf("required: %s", got)
	}
	f := Parse("/w/.agileflow/experts/x/expertise.yaml", []byte("conventions: []\n"))
	var missing []string
	for _, p := range Validate(f, ValidateOptions{}) {
		if p.Code == CodeMissingField {
			missing = append(missing, p.Message)
		}
	}
	for _, k := range s.Required {
		if !strings.Contains(strings.Join(missing, "\n"), k) {
			t.Errorf("Validate does not report a missing %s, which the schema requires: %v", k, missing)
		}
	}
}
