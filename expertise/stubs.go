package expertise

// Parse parses an expertise file. (Stub: owned by the expertise parser.)
func Parse(path string, content []byte) *File { return &File{Path: path, Content: content} }

// IsExpertisePath reports whether a workspace-relative path is an expertise file.
func IsExpertisePath(rel string, extraGlobs []string) bool { return false }
