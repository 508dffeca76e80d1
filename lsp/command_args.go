package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// decodeArgs decodes a command's one argument, a JSON object, into v (a
// pointer to a struct with json tags), refusing unknown fields and values
// of the wrong type. No argument, or null, is the empty object.
func decodeArgs(command string, args []protocol.LSPAny, v any) error {
	raw := []byte("{}")
	switch {
	case len(args) > 1:
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s takes one argument, an object; got %d arguments", command, len(args))
	case len(args) == 1 && !isNull(args[0]):
		raw = args[0]
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: the argument must be an object, not %s", command, typeErr.Value)
	case errors.As(err, &typeErr):
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: %s must be %s, not %s", command, typeErr.Field, jsonKind(typeErr.Type.String()), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: the argument is not valid JSON: %v", command, err)
	}
	// encoding/json reports an unknown field as `json: unknown field "x"`.
	return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: %s", command, strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind names a Go type of an argument field the way JSON would.
func jsonKind(goType string) string {
	switch goType {
	case "string":
		return "a string"
	case "[]string":
		return "a list of strings"
	case "int", "int32", "uint32":
		return "a number"
	}
	return goType
}

// envVarName is an environment variable name as commands accept it.
var envVarName = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// argCheck collects what is wrong with a command's arguments. Values are
// quoted at most by their first four characters: an argument may be a
// secret pasted into the wrong field.
type argCheck struct {
	command  string
	problems []string
}

func (c *argCheck) add(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// text checks a free text (an insight, a context): not blank when required.
func (c *argCheck) text(field, v string, required bool) {
	if required && strings.TrimSpace(v) == "" {
		c.add("%s is required", field)
	}
}

// name checks a one-line name (a category, an integration, a domain).
func (c *argCheck) name(field, v string, required bool) {
	switch {
	case strings.TrimSpace(v) == "":
		if required {
			c.add("%s is required", field)
		}
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		c.add("%s %s must be one line of text", field, preview(v))
	}
}

// envVar checks an environment variable name.
func (c *argCheck) envVar(field, v string) {
	switch {
	case v == "":
		c.add("%s is required", field)
	case !envVarName.MatchString(v):
		c.add("%s %s is not an environment variable name in UPPER_SNAKE_CASE (A-Z, 0-9 and _, starting with a letter)", field, preview(v))
	}
}

// relPath checks a workspace-relative, slash-separated file path.
func (c *argCheck) relPath(field, v string) {
	clean := path.Clean(v)
	switch {
	case strings.TrimSpace(v) == "":
		c.add("%s is empty", field)
	case strings.HasPrefix(v, "/") || strings.Contains(v, `\`) || len(v) > 1 && v[1] == ':':
		c.add("%s %s must be relative to the workspace root, with / separators", field, preview(v))
	case clean == ".." || strings.HasPrefix(clean, "../"):
		c.add("%s %s leaves the workspace", field, preview(v))
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		c.add("%s %s must be one line of text", field, preview(v))
	}
}

// err returns the problems as one invalid-params error, or nil.
func (c *argCheck) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: %s", c.command, strings.Join(c.problems, "; "))
}

// preview quotes at most the first four characters of v.
func preview(v string) string {
	if utf8.RuneCountInString(v) <= 4 {
		return fmt.Sprintf("%q", v)
	}
	return fmt.Sprintf("%q", string([]rune(v)[:4])+"…")
}
