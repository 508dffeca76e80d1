package expertise

import (
	"bytes"
	_ "embed"
	"encoding/json"
)

// Schema is the JSON Schema of the expertise format (draft-07), which
// expertise-ls ships for yaml-language-server (`expertise-ls schema`, the
// VS Code extension's yamlValidation) and whose top-level keys completion
// offers.
//
//go:embed expertise.schema.json
var Schema []byte

// TopLevelKeys are the keys of the format the schema names, in its order
// (template aside, which a file seldom sets).
var TopLevelKeys = schemaKeys()

func schemaKeys() []string {
	var s struct {
		Properties json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(Schema, &s); err != nil {
		panic("expertise.schema.json: " + err.Error())
	}
	// Decode the keys in document order.
	dec := json.NewDecoder(bytes.NewReader(s.Properties))
	var keys []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 1 && t != "template" {
				keys = append(keys, t)
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return keys
				}
			}
		}
	}
	return keys
}
