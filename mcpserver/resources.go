package mcpserver

import (
	"context"
	"net/url"
	"os"
	"path/filepath"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/expertise-ls/expertise-ls/expertise"
)

// Each expertise file of the workspace is a resource, file:///... with
// mimeType application/yaml, read from disk on each read (secrets' values
// redacted).

const yamlMIME = "application/yaml"

// addResources lists the expertise files found when the server starts.
func addResources(s *mcp.Server, w *workspace) {
	paths, err := expertise.Find(context.Background(), w.root, w.cfg.Expertise.Paths)
	if err != nil {
		return // no resources; the tools say what is wrong
	}
	for _, p := range paths {
		name := w.rel(p)
		desc := "expertise file " + name
		if content, err := os.ReadFile(p); err == nil {
			if d := expertise.Parse(p, content).Domain.Value; d != "" {
				desc = "the " + d + " expert's expertise (" + name + ")"
			}
		}
		uri := fileURI(p)
		s.AddResource(&mcp.Resource{URI: uri, Name: name, Description: desc, MIMEType: yamlMIME}, func(ctx context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
			content, err := os.ReadFile(p)
			if err != nil {
				return nil, mcp.ResourceNotFoundError(req.Params.URI)
			}
			return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{URI: uri, MIMEType: yamlMIME, Text: redactText(string(content))}}}, nil
		})
	}
}

// fileURI is the file: URI of an absolute path.
func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
