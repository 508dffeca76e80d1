package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/expertise-ls/expertise-ls/expertise"
)

func TestSchemaCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"schema"}, nil, &out, &errb); code != exitOK || !bytes.Equal(out.Bytes(), expertise.Schema) || !json.Valid(out.Bytes()) {
		t.Fatalf("schema: exit %d, %d bytes, stderr %q", code, out.Len(), errb.String())
	}
	out.Reset()
	if code := run([]string{"schema", "extra"}, nil, &out, &errb); code != exitUsage || out.Len() != 0 {
		t.Errorf("schema with an argument: exit %d, stdout %q", code, out.String())
	}
}

// TestVSCodeShipsTheSchema: the extension's copy (its yamlValidation
// contribution, which the YAML extension reads) is the schema itself.
func TestVSCodeShipsTheSchema(t *testing.T) {
	copy, err := os.ReadFile(filepath.Join("..", "..", "editors", "vscode", "expertise.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(copy, expertise.Schema) {
		t.Error("editors/vscode/expertise.schema.json differs from expertise/expertise.schema.json: cp expertise/expertise.schema.json editors/vscode/")
	}
	var manifest struct {
		Contributes struct {
			YAMLValidation []struct {
				FileMatch any    `json:"fileMatch"`
				URL       string `json:"url"`
			} `json:"yamlValidation"`
		} `json:"contributes"`
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "editors", "vscode", "package.json"))
	if err != nil || json.Unmarshal(b, &manifest) != nil {
		t.Fatalf("package.json: %v", err)
	}
	if v := manifest.Contributes.YAMLValidation; len(v) != 1 || v[0].URL != "./expertise.schema.json" {
		t.Errorf("yamlValidation = %+v, want the shipped schema", v)
	}
}
