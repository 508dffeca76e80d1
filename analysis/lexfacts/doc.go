// Package lexfacts finds, without a parse tree, the facts about a source file
// that the index keeps for every file and several analyzers share: its
// environment variable reads (EnvSites), the variables a typed env schema in
// it declares (EnvSchema), and its uses of providers: SDK imports and API
// hosts (ProviderUses). Each works on a codelex.Lexed and a language family
// and returns offsets; analysis.File turns them into ranges and caches them.
//
// Where changes go: a new way a language reads the environment is an entry
// of envForms (env_reads.go); a new env schema library is a marker in the
// knowledge table's env_schemas (and a pattern in envschema.go when its
// declarations look new); a provider's packages and hosts live in the
// knowledge table, the import forms of a language in provider_uses.go.
package lexfacts
