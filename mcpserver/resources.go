package mcpserver

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/expertise-ls/expertise-ls/expertise"
)

// Each expertise file of the workspace is a resource, file:///... with
// mimeType application/yaml, read from disk on each read (secrets' values
// redacted). The list is the files found at the start, kept up to date
// with each index a tool builds (clients are told when it changes).

const yamlMIME = "application/yaml"

// resourceSet is the expertise files the server lists.
type resourceSet struct {
	s      *mcp.Server
	w      *workspace
	mu     sync.Mutex
	listed map[string]string // path -> description
}

// addResources lists the expertise files below the root.
func addResources(s *mcp.Server, w *workspace) *resourceSet {
	r := &resourceSet{s: s, w: w, listed: map[string]string{}}
	paths, err := expertise.Find(context.Background(), w.root, w.cfg.Expertise.Paths)
	if err != nil {
		return r // none yet; the tools say what is wrong
	}
	var experts []*expertise.File
	for _, p := range paths {
		if content, err := os.ReadFile(p); err == nil {
			experts = append(experts, expertise.Parse(p, content))
		}
	}
	r.sync(experts)
	return r
}

// sync lists experts, and no other file.
func (r *resourceSet) sync(experts []*expertise.File) {
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[string]bool{}
	for _, x := range experts {
		seen[x.Path] = true
		name := r.w.rel(x.Path)
		desc := "expertise file " + name
		if d := x.Domain.Value; d != "" {
			desc = "the " + d + " expert's expertise (" + name + ")"
		}
		if old, ok := r.listed[x.Path]; ok && old == desc {
			continue
		}
		r.listed[x.Path] = desc
		path, uri := x.Path, fileURI(x.Path)
		r.s.AddResource(&mcp.Resource{URI: uri, Name: name, Description: desc, MIMEType: yamlMIME}, func(ctx context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
			content, err := os.ReadFile(path)
			if err != nil {
				return nil, mcp.ResourceNotFoundError(req.Params.URI)
			}
			return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{URI: uri, MIMEType: yamlMIME, Text: redactText(string(content))}}}, nil
		})
	}
	for p := range r.listed {
		if !seen[p] {
			delete(r.listed, p)
			r.s.RemoveResources(fileURI(p))
		}
	}
}

// fileURI is the file: URI of an absolute path.
func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
