// Package expertisecheck judges the expertise files themselves: syntax,
// required fields and their shapes, staleness (last_updated), length, and
// paths (files, patterns, learnings' files_affected) that no longer exist
// in the workspace; its fixes set last_updated and drop dead paths.
//
// Where a change goes: a new check of the expertise format is a rule of
// ExpertiseFile here, with its fixture under testdata/expertise; what the
// format is (parsing, validation of shapes, the edits) lives in package
// expertise, which this package only reads.
package expertisecheck
