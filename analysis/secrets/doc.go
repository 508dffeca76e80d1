// Package secrets holds the hardcoded-secret analyzer: provider-shaped
// tokens and private key blocks anywhere, and random-looking literals that a
// secret's name holds, with the fix that moves the value into an env var and
// documents the variable.
//
// Files: secrets.go (the analyzer), secrets_tokens.go and
// secrets_keywords.go (the keyword pass and token shapes), secrets_generic.go
// and secrets_literals.go (secret-named values), secrets_filters.go
// (placeholders, examples, digests), secrets_roles.go (what a file's role
// lets count), secrets_imports.go, secrets_fix.go (the env var fix).
//
// Where changes go: a new provider's token shape is an entry of the
// knowledge table (providers.yaml), never code; a new false-positive class
// is a filter in secrets_filters.go with a case in testdata/secrets/detect;
// a new language's form of reading env vars for the fix is in secrets_fix.go.
package secrets
