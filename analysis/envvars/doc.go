// Package envvars holds the missing-env-var analyzer: an environment
// variable that code reads and nothing documents (an env example file, an
// integrations_catalog entry's env_vars, committed dotenv and compose files,
// docs), and a catalog env var that the env example files lack. Its fixes
// document the name (in the env example file nearest the reading code, or a
// new one) and add it to the env_vars of the cataloged integration it
// belongs to (analysis.CatalogEnvVarFixes).
//
// Files: envvars.go (the analyzer, what documents a name: envDocs, built
// once per change of the index), summary.go (the one finding per workspace
// when nothing documents any variable, and its fix that creates the file).
//
// Where changes go: a new way of reading env vars in code is a form in
// analysis/lexfacts (env_reads.go); a new env documentation format is in
// analysis/envdoc; a variable that the platform sets and needs no
// documentation is an entry of the knowledge table (providers.yaml); a
// provider's own variables and env prefix are its entry there too.
package envvars
